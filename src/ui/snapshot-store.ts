import { type ReadonlySignal, signal } from '@preact/signals';
import type { EngineSnapshot } from '../engine/snapshot';
import type { RuntimePort } from '../messaging/runtime-port';
import { subscribeSnapshot } from '../messaging/snapshot-stream';
import { errorText } from './words';

export interface SnapshotStore {
  /** The newest engine snapshot, null until the first one arrives. */
  snapshot: ReadonlySignal<EngineSnapshot | null>;
  /** Why the first snapshot could not be fetched, in words; cleared by the next snapshot. */
  error: ReadonlySignal<string | null>;
  dispose(): void;
}

/**
 * Keeps the engine snapshot in a signal. `onChange` runs before the signal is updated, with the
 * previous snapshot, so a model can drop state the new snapshot makes stale.
 */
export function createSnapshotStore(
  runtime: RuntimePort,
  onChange?: (next: EngineSnapshot, previous: EngineSnapshot | null) => void,
): SnapshotStore {
  const snapshot = signal<EngineSnapshot | null>(null);
  const error = signal<string | null>(null);
  const stop = subscribeSnapshot(
    runtime,
    (next) => {
      onChange?.(next, snapshot.peek());
      snapshot.value = next;
      error.value = null;
    },
    (cause) => {
      error.value = errorText(cause);
    },
  );
  return { snapshot, error, dispose: stop };
}
