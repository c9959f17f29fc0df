import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { MessageListener, MessageSender, RuntimePort } from '../../src/messaging/runtime-port';

/**
 * Several extension contexts on one message bus, with Chrome's delivery rules: a message goes
 * to every other context; the first listener that returns a promise answers; with no answer the
 * sender's promise rejects ("Receiving end does not exist").
 */
export class FakeBus {
  readonly #contexts: Array<{ sender: MessageSender; listeners: MessageListener[] }> = [];
  readonly #byPort = new Map<RuntimePort, { sender: MessageSender; listeners: MessageListener[] }>();

  context(sender: MessageSender): RuntimePort {
    const self = { sender: { id: fakeBrowser.runtime.id, ...sender }, listeners: [] as MessageListener[] };
    this.#contexts.push(self);
    const port: RuntimePort = {
      id: fakeBrowser.runtime.id,
      getURL: (path) => fakeBrowser.runtime.getURL(path as never),
      sendMessage: (message) => this.#deliver(self, structuredClone(message)),
      onMessage: {
        addListener: (l) => self.listeners.push(l),
        removeListener: (l) => {
          const i = self.listeners.indexOf(l);
          if (i >= 0) self.listeners.splice(i, 1);
        },
      },
    };
    this.#byPort.set(port, self);
    return port;
  }

  /**
   * `tabs.sendMessage` from `from` (the service worker) to the content scripts of one tab and
   * frame; rejects like Chrome when no listener is there.
   */
  async toFrame(from: RuntimePort, tabId: number, frameId: number, message: unknown): Promise<unknown> {
    const sender = this.#byPort.get(from)?.sender ?? {};
    const targets = this.#contexts.filter((c) => c.sender.tab?.id === tabId && (c.sender.frameId ?? 0) === frameId);
    if (targets.every((c) => c.listeners.length === 0)) throw new Error('Could not establish connection. Receiving end does not exist.');
    for (const ctx of targets) for (const listener of [...ctx.listeners]) listener(structuredClone(message), sender);
    return undefined;
  }

  /** A context of the extension page at `path` (popup.html, offscreen.html, background.js). */
  page(path: string): RuntimePort {
    return this.context({ url: fakeBrowser.runtime.getURL(path as never) });
  }

  /** A content script in a web page tab. */
  contentScript(url = 'https://crm.example.com/contacts', tabId = 7): RuntimePort {
    return this.context({ url, tab: { id: tabId, url }, frameId: 0, origin: new URL(url).origin });
  }

  /** A message from another extension or a web page: not us. */
  stranger(): RuntimePort {
    return this.context({ id: 'someone-else', url: 'https://evil.example/' });
  }

  async #deliver(from: { sender: MessageSender }, message: unknown): Promise<unknown> {
    for (const ctx of this.#contexts) {
      if (ctx === from) continue;
      for (const listener of ctx.listeners) {
        const reply = listener(message, from.sender);
        if (reply !== undefined) return structuredClone(await reply);
      }
    }
    throw new Error('Could not establish connection. Receiving end does not exist.');
  }
}
