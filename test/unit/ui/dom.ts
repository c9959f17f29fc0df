import { parseHTML } from 'linkedom';
import { type ComponentChild, render } from 'preact';

/**
 * Renders a component into a linkedom document (no browser needed) and offers small helpers to
 * find elements by test id and fire events the way a person would.
 */
export function mount(vnode: ComponentChild) {
  const { document, window } = parseHTML('<!doctype html><html><body><div id="app"></div></body></html>');
  Object.assign(globalThis, { document, window });
  const root = document.getElementById('app') as unknown as HTMLElement;
  render(vnode, root);
  const byTestId = (id: string) => root.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
  const get = (id: string) => {
    const element = byTestId(id);
    if (!element) throw new Error(`no element with data-testid="${id}" in ${root.innerHTML}`);
    return element;
  };
  return {
    root,
    byTestId,
    get,
    isDisabled: (id: string) => get(id).hasAttribute('disabled'),
    type(id: string, value: string) {
      const input = get(id) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new window.Event('input', { bubbles: true }));
    },
    key(id: string, key: string) {
      const event = new window.Event('keydown', { bubbles: true, cancelable: true });
      Object.assign(event, { key });
      get(id).dispatchEvent(event);
    },
    click(id: string) {
      get(id).dispatchEvent(new window.Event('click', { bubbles: true, cancelable: true }));
    },
    submit(element: Element) {
      element.dispatchEvent(new window.Event('submit', { bubbles: true, cancelable: true }));
    },
    unmount() {
      render(null, root);
    },
  };
}

/** Waits for signal-driven re-renders (Preact batches them) and pending messages. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10));
}
