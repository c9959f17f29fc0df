import { DTMF_GAP_MS, DTMF_TONE_MS } from './sip-stack';

/** A `,` in a dial string or on the keypad: the usual 2 s pause of phones. */
export const DTMF_PAUSE_MS = 2_000;

export interface DtmfSenderDeps {
  /** Hands digits (no commas) to the stack; throws when the call cannot send now. */
  send(digits: string): void;
  setTimer(callback: () => void, ms: number): () => void;
  changed(): void;
}

/**
 * One call's DTMF queue. Digits go to the stack in runs; a comma waits 2 s after the run before
 * it has been played out, so pauses are timed here, on the engine's clock, not inside JsSIP.
 */
export class DtmfSender {
  #queue = '';
  #sent = '';
  #cancel: (() => void) | null = null;

  constructor(private readonly deps: DtmfSenderDeps) {}

  get sent(): string {
    return this.#sent;
  }

  get pending(): string {
    return this.#queue;
  }

  enqueue(digits: string): void {
    this.#queue += digits;
    if (this.#cancel === null) this.#next();
  }

  /** The call ended: nothing more is sent. */
  stop(): void {
    this.#cancel?.();
    this.#cancel = null;
    this.#queue = '';
  }

  #next(): void {
    this.#cancel = null;
    const queue = this.#queue;
    if (queue === '') return;
    if (queue.startsWith(',')) {
      this.#queue = queue.slice(1);
      this.#wait(DTMF_PAUSE_MS);
      return;
    }
    const run = queue.split(',')[0] ?? '';
    this.#queue = queue.slice(run.length);
    try {
      this.deps.send(run);
    } catch {
      // The call can no longer send (it is ending): the rest would fail the same way.
      this.#queue = '';
      this.deps.changed();
      return;
    }
    this.#sent += run;
    this.#wait(run.length * (DTMF_TONE_MS + DTMF_GAP_MS));
  }

  #wait(ms: number): void {
    this.deps.changed();
    this.#cancel = this.deps.setTimer(() => this.#next(), ms);
  }
}
