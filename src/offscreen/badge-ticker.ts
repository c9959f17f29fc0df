import type { Snapshot } from '../contract/snapshot';
import { timedCall } from '../engine/call-timer';

export const TICK_MS = 1_000;

/**
 * Keeps the badge's call timer running: while a call is connected, the newest snapshot goes to the
 * service worker once a second as a light `offscreen.tick` (only the worker listens; popups and
 * pages do not re-render for it). No connected call: no timer, no ticks.
 */
export class BadgeTicker {
  #cancel: (() => void) | null = null;

  constructor(
    private readonly deps: {
      snapshot(): Snapshot;
      tick(snapshot: Snapshot): void;
      setTimer(callback: () => void, ms: number): () => void;
    },
  ) {}

  get running(): boolean {
    return this.#cancel !== null;
  }

  /** Told of every published snapshot. */
  published(snapshot: Snapshot): void {
    const timing = timedCall(snapshot.calls) !== null;
    if (timing && !this.#cancel) this.#schedule();
    if (!timing && this.#cancel) {
      this.#cancel();
      this.#cancel = null;
    }
  }

  #schedule(): void {
    this.#cancel = this.deps.setTimer(() => {
      const snapshot = this.deps.snapshot();
      if (timedCall(snapshot.calls) === null) {
        this.#cancel = null;
        return;
      }
      this.deps.tick(snapshot);
      this.#schedule();
    }, TICK_MS);
  }
}
