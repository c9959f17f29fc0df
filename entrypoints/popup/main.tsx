import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { RuntimePort } from '../../src/messaging/runtime-port';
import { PopupApp } from '../../src/ui/components/popup-app';
import { createPopupModel } from '../../src/ui/popup-model';
import './style.css';

function main() {
  const root = document.getElementById('app');
  if (!root) return;
  const model = createPopupModel({
    runtime: browser.runtime as unknown as RuntimePort,
    openOptionsPage: () => browser.runtime.openOptionsPage(),
  });
  addEventListener('pagehide', () => model.dispose());
  render(<PopupApp model={model} />, root);
}

main();
