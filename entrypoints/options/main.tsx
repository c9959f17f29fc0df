import { render } from 'preact';
import { browser } from 'wxt/browser';
import { extensionPageApi } from '../../src/platform';
import { createAccountModel } from '../../src/ui/account-model';
import { browserAudioTestDeps } from '../../src/ui/audio-probe';
import { createAudioTestModel } from '../../src/ui/audio-test-model';
import { OptionsApp } from '../../src/ui/components/options-app';
import { createDevicesModel } from '../../src/ui/devices-model';
import { followLanguage } from '../../src/ui/locale-model';
import { createMicModel } from '../../src/ui/mic-model';
import { createPageAccessModel, managedOriginsFrom } from '../../src/ui/page-access-model';
import { createPrefsModel } from '../../src/ui/prefs-model';
import { createScreenPopModel } from '../../src/ui/screen-pop-model';
import { createStatusModel } from '../../src/ui/status-model';
import './style.css';

function main() {
  const root = document.getElementById('app');
  if (!root) return;
  const { runtime, prefs } = extensionPageApi(browser);
  const models = {
    account: createAccountModel(runtime),
    status: createStatusModel(runtime),
    mic: createMicModel({ mediaDevices: navigator.mediaDevices, permissions: navigator.permissions }),
    prefs: createPrefsModel(prefs),
    devices: createDevicesModel({ storage: prefs, mediaDevices: navigator.mediaDevices }),
    screenPop: createScreenPopModel(prefs),
    pageAccess: createPageAccessModel(prefs, managedOriginsFrom(runtime)),
    audioTest: createAudioTestModel(browserAudioTestDeps(navigator.mediaDevices, document, () => new AudioContext())),
  };
  models.account.load();
  models.prefs.load();
  models.screenPop.load();
  models.pageAccess.load();
  // Device names appear once the microphone is allowed: list again after the check.
  models.mic.check().finally(() => models.devices.load());
  addEventListener('pagehide', () => {
    models.status.dispose();
    models.mic.dispose();
    models.devices.dispose();
    models.audioTest.dispose();
  });
  void followLanguage({ storage: prefs, browserLanguage: navigator.language, root: document.documentElement }).then(() =>
    render(<OptionsApp models={models} language={navigator.language} />, root),
  );
}

main();
