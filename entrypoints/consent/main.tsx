import { render } from 'preact';
import { browser } from 'wxt/browser';
import { extensionPageApi } from '../../src/platform';
import { ConsentApp } from '../../src/ui/components/consent-app';
import { followLanguage } from '../../src/ui/locale-model';
import { createPageAccessModel } from '../../src/ui/page-access-model';
import '../options/style.css';

// The page API's consent prompt, opened by the service worker in a small window of its own:
// a web page can neither draw it nor answer it.
function main() {
  const root = document.getElementById('app');
  if (!root) return;
  const query = new URLSearchParams(location.search);
  const prefs = extensionPageApi(browser).prefs;
  const model = createPageAccessModel(prefs);
  model.load();
  // In the agent's chosen language, like the popup.
  void followLanguage({ storage: prefs, browserLanguage: navigator.language, root: document.documentElement }).then(() =>
    render(<ConsentApp model={model} origin={query.get('origin') ?? ''} pattern={query.get('pattern') ?? ''} onDone={() => setTimeout(() => window.close(), 1200)} />, root),
  );
}

main();
