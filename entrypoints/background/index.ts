import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { startServiceWorker } from '../../src/background/service-worker';
import { findPhoneNumbers } from '../../src/detect';
import { createChromeOffscreenPlatform, serviceWorkerApi } from '../../src/platform';
import { createIndexedDbAccountStore } from '../../src/settings/account-store';

export default defineBackground({
  type: 'module',
  main() {
    // startServiceWorker adds every listener before it returns (no await), so a worker woken by an event hears it.
    startServiceWorker({
      api: serviceWorkerApi(browser),
      offscreen: createChromeOffscreenPlatform(chrome),
      accounts: createIndexedDbAccountStore(indexedDB),
      detect: findPhoneNumbers,
      language: () => navigator.language,
      newId: () => crypto.randomUUID(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
  },
});
