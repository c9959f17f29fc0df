import { type ReadonlySignal, signal } from '@preact/signals';

/** Time as the UI needs it: the current instant and a repeating tick. Tests pass a manual clock. */
export interface Clock {
  now(): number;
  /** Calls `tick` every `ms` milliseconds until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  every(ms, tick) {
    const id = setInterval(tick, ms);
    return () => clearInterval(id);
  },
};

export interface Ticker {
  /** The clock's time, refreshed once per tick: read it in `computed` to re-render each second. */
  now: ReadonlySignal<number>;
  stop(): void;
}

export function createTicker(clock: Clock, ms = 1000): Ticker {
  const now = signal(clock.now());
  const stop = clock.every(ms, () => {
    now.value = clock.now();
  });
  return { now, stop };
}
