import type { ContentSnapshot } from '../contract/snapshot';
import type { RuntimePort } from '../messaging/runtime-port';
import { subscribeContentSnapshot } from '../messaging/snapshot-stream';
import { errorWords } from './content-i18n';
import type { Logger } from './types';

/**
 * This frame's view of the phone, pushed by the service worker: whether a call may start now
 * and the calls this tab started. It subscribes on first use only, so a page where nobody
 * reaches for a number costs the worker nothing.
 */
export class PhoneFeed {
  #latest: ContentSnapshot | null = null;
  #stop: (() => void) | null = null;
  readonly #listeners = new Set<() => void>();

  constructor(
    private readonly runtime: RuntimePort,
    private readonly log: Logger,
  ) {}

  /** Starts following, once; later calls do nothing. */
  follow(): void {
    if (this.#stop) return;
    this.#stop = subscribeContentSnapshot(
      this.runtime,
      (next) => {
        this.#latest = next;
        for (const listener of [...this.#listeners]) listener();
      },
      (error) => this.log('phone feed', error),
    );
  }

  latest(): ContentSnapshot | null {
    return this.#latest;
  }

  /** Why a call cannot start now, in the words every context uses; null when it can (or before the first answer). */
  dialRefusal(): string | null {
    const refusal = this.#latest?.dial.refusal;
    return refusal ? errorWords(refusal) : null;
  }

  /**
   * The card's standing note: why the line takes no new call right now (a call in progress).
   * A missing account is not repeated on every hover: pressing Call says so, as it always did.
   */
  busyHint(): string | null {
    const refusal = this.#latest?.dial.refusal;
    return refusal && refusal.code !== 'not-configured' ? errorWords(refusal) : null;
  }

  /** Told after each new view; stops with `signal`. */
  onChange(listener: () => void, signal: AbortSignal): void {
    this.#listeners.add(listener);
    signal.addEventListener('abort', () => this.#listeners.delete(listener), { once: true });
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
    this.#latest = null;
  }
}
