import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { RuntimePort } from '../../src/messaging/runtime-port';
import { createAccountModel } from '../../src/ui/account-model';
import { OptionsApp } from '../../src/ui/components/options-app';
import { createMicModel } from '../../src/ui/mic-model';
import { createPrefsModel, type PrefsStorage } from '../../src/ui/prefs-model';
import { createStatusModel } from '../../src/ui/status-model';
import './style.css';

function main() {
  const root = document.getElementById('app');
  if (!root) return;
  const runtime = browser.runtime as unknown as RuntimePort;
  const models = {
    account: createAccountModel(runtime),
    status: createStatusModel(runtime),
    mic: createMicModel({ mediaDevices: navigator.mediaDevices, permissions: navigator.permissions }),
    prefs: createPrefsModel(browser.storage.local as unknown as PrefsStorage),
  };
  models.account.load();
  models.mic.check();
  models.prefs.load();
  addEventListener('pagehide', () => {
    models.status.dispose();
    models.mic.dispose();
  });
  render(<OptionsApp models={models} language={navigator.language} />, root);
}

main();
