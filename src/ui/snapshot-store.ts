import { type ReadonlySignal, signal } from '@preact/signals';
import type { Snapshot } from '../contract/snapshot';
import { request } from '../messaging/client';
import type { RuntimePort } from '../messaging/runtime-port';
import { isNewer, subscribeSnapshot } from '../messaging/snapshot-stream';
import type { Clock } from './clock';
import { errorText } from './words';

export interface SnapshotStore {
  /** The newest engine snapshot, null until the first one arrives. */
  snapshot: ReadonlySignal<Snapshot | null>;
  /** Why no snapshot could be fetched, in words; cleared by the next snapshot. */
  error: ReadonlySignal<string | null>;
  dispose(): void;
}

export interface SnapshotStoreOptions {
  /** With a clock, a failed first fetch is retried every `retryMs` until a snapshot arrives. */
  clock?: Clock;
  retryMs?: number;
  /** Runs before the signal is updated, with the previous snapshot, so a model can drop stale state. */
  onChange?: (next: Snapshot, previous: Snapshot | null) => void;
}

/** Keeps the engine snapshot in a signal, newest by (engine, seq). */
export function createSnapshotStore(runtime: RuntimePort, options: SnapshotStoreOptions = {}): SnapshotStore {
  const snapshot = signal<Snapshot | null>(null);
  const error = signal<string | null>(null);
  let stopRetry: (() => void) | null = null;
  let disposed = false;

  const accept = (next: Snapshot) => {
    const previous = snapshot.peek();
    if (disposed || !isNewer(previous, next)) return;
    stopRetry?.();
    stopRetry = null;
    options.onChange?.(next, previous);
    snapshot.value = next;
    error.value = null;
  };
  const fail = (cause: unknown) => {
    if (disposed || snapshot.peek() !== null) return;
    error.value = errorText(cause);
    if (options.clock && stopRetry === null) {
      stopRetry = options.clock.every(options.retryMs ?? 2_000, () => {
        request(runtime, 'background.getSnapshot', null).then(accept, fail);
      });
    }
  };

  const stop = subscribeSnapshot(runtime, accept, fail);
  return {
    snapshot,
    error,
    dispose() {
      disposed = true;
      stop();
      stopRetry?.();
    },
  };
}
