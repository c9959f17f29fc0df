/**
 * The slice of `runtime` messaging Dialbar uses. Entry files pass `browser.runtime`; unit tests
 * pass `fakeBrowser.runtime`. Keeping it this small keeps the contract testable and portable.
 */
export interface MessageSender {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  /** Chrome names the exact document, so a push never reaches the next page loaded in that frame. */
  documentId?: string;
  tab?: { id?: number; url?: string };
}

export type MessageListener = (message: unknown, sender: MessageSender) => Promise<unknown> | undefined;

export interface RuntimePort {
  id: string;
  getURL(path: string): string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: MessageListener): void;
    removeListener(listener: MessageListener): void;
  };
}
