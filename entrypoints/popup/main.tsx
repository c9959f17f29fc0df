import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { RuntimePort } from '../../src/messaging/runtime-port';
import { PopupApp } from '../../src/ui/components/popup-app';
import { createPopupModel } from '../../src/ui/popup-model';
import type { PrefsStorage } from '../../src/ui/prefs-model';
import { createSiteSwitchModel, hostOfTabUrl } from '../../src/ui/site-switch-model';
import './style.css';

type ChangeListener = (changes: Record<string, unknown>) => void;

/** storage.local for the site switch, with its change events (storage.onChanged filtered to "local"). */
function localPrefsStorage() {
  const local = browser.storage.local as unknown as PrefsStorage;
  const wrapped = new Map<ChangeListener, (changes: Record<string, unknown>, area: string) => void>();
  return {
    get: (key: string) => local.get(key),
    set: (items: Record<string, unknown>) => local.set(items),
    onChanged: {
      addListener(fn: ChangeListener) {
        const listener = (changes: Record<string, unknown>, area: string) => {
          if (area === 'local') fn(changes);
        };
        wrapped.set(fn, listener);
        browser.storage.onChanged.addListener(listener);
      },
      removeListener(fn: ChangeListener) {
        const listener = wrapped.get(fn);
        if (listener) browser.storage.onChanged.removeListener(listener);
        wrapped.delete(fn);
      },
    },
  };
}

function main() {
  const root = document.getElementById('app');
  if (!root) return;
  const model = createPopupModel({
    runtime: browser.runtime as unknown as RuntimePort,
    openOptionsPage: () => browser.runtime.openOptionsPage(),
  });
  const site = createSiteSwitchModel({
    storage: localPrefsStorage(),
    activeHost: async () => hostOfTabUrl((await browser.tabs.query({ active: true, currentWindow: true }))[0]?.url),
  });
  addEventListener('pagehide', () => {
    model.dispose();
    site.dispose();
  });
  render(<PopupApp model={model} site={site} />, root);
}

main();
