import { render } from 'preact';
import { browser } from 'wxt/browser';
import { extensionPageApi } from '../../src/platform';
import { PopupApp } from '../../src/ui/components/popup-app';
import { createHistoryModel } from '../../src/ui/history-model';
import { followLanguage } from '../../src/ui/locale-model';
import { createPopupModel } from '../../src/ui/popup-model';
import { createSiteSwitchModel, hostOfTabUrl } from '../../src/ui/site-switch-model';
import './style.css';

function main() {
  const root = document.getElementById('app');
  if (!root) return;
  const api = extensionPageApi(browser);
  const model = createPopupModel({ runtime: api.runtime, openOptionsPage: api.openOptionsPage });
  const site = createSiteSwitchModel({ storage: api.prefs, activeHost: async () => hostOfTabUrl(await api.activeTabUrl()) });
  addEventListener('pagehide', () => {
    model.dispose();
    site.dispose();
  });
  const history = createHistoryModel({ runtime: api.runtime });
  // The chosen language first, so the popup never flashes English at a Chinese agent.
  void followLanguage({ storage: api.prefs, browserLanguage: navigator.language, root: document.documentElement }).then(() =>
    render(<PopupApp model={model} site={site} history={history} />, root),
  );
}

main();
