import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { RuntimePort } from '../../src/messaging/runtime-port';
import { PopupApp } from '../../src/ui/components/popup-app';
import { createPopupModel } from '../../src/ui/popup-model';
import type { PrefsStorage } from '../../src/ui/prefs-model';
import { createSiteSwitchModel, hostOfTabUrl } from '../../src/ui/site-switch-model';
import './style.css';

function main() {
  const root = document.getElementById('app');
  if (!root) return;
  const model = createPopupModel({
    runtime: browser.runtime as unknown as RuntimePort,
    openOptionsPage: () => browser.runtime.openOptionsPage(),
  });
  const site = createSiteSwitchModel({
    storage: Object.assign(browser.storage.local as unknown as PrefsStorage, {
      onChanged: browser.storage.local.onChanged as unknown as Parameters<typeof createSiteSwitchModel>[0]['storage']['onChanged'],
    }),
    activeHost: async () => hostOfTabUrl((await browser.tabs.query({ active: true, currentWindow: true }))[0]?.url),
  });
  addEventListener('pagehide', () => {
    model.dispose();
    site.dispose();
  });
  render(<PopupApp model={model} site={site} />, root);
}

main();
