import type { EngineRecord } from '../contract/protocol';
import type { SipDialog, SipUserAgent } from './sip-stack';

/**
 * BYEs for the calls of a lost engine (its offscreen document closed or crashed mid-call). The
 * far end still thinks it is talking; the replacement user agent ends each dialog once it is
 * registered, so the BYE travels the same authenticated way as the calls did.
 */
export class LostCallByes {
  #waiting: SipDialog[] = [];
  #sent = new Set<string>();

  add(dialogs: readonly SipDialog[]): void {
    for (const d of dialogs) if (!this.#sent.has(d.callId) && !this.#waiting.some((w) => w.callId === d.callId)) this.#waiting.push(d);
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Sends every waiting BYE through `ua`, once each; `settled` hears each final status (0: no answer). */
  flush(ua: SipUserAgent, settled: (dialog: SipDialog, status: number) => void = () => {}): void {
    for (const dialog of this.#waiting.splice(0)) {
      this.#sent.add(dialog.callId);
      ua.sendBye(dialog).then(
        (status) => settled(dialog, status),
        () => settled(dialog, 0),
      );
    }
  }
}

/** Hands the worker what a replacement engine would need, each time it changes (not on every change of the engine). */
export class RecordKeeper {
  #last = '';

  constructor(private readonly keep: ((record: Omit<EngineRecord, 'engineId'>) => void) | undefined) {}

  update(record: Omit<EngineRecord, 'engineId'>): void {
    if (!this.keep) return;
    const json = JSON.stringify(record);
    if (json === this.#last) return;
    this.#last = json;
    this.keep(record);
  }
}
