import { computed, type ReadonlySignal } from '@preact/signals';
import type { RuntimePort } from '../messaging/runtime-port';
import { type Clock, createTicker, systemClock } from './clock';
import { type RegistrationView, registrationView } from './registration-view';
import { createSnapshotStore } from './snapshot-store';

export interface StatusModel {
  registration: ReadonlySignal<RegistrationView>;
  /** The engine's registration error, or why no snapshot could be fetched. */
  error: ReadonlySignal<string | null>;
  dispose(): void;
}

/** The live registration status the options page shows, from the snapshot stream. */
export function createStatusModel(runtime: RuntimePort, clock: Clock = systemClock): StatusModel {
  const store = createSnapshotStore(runtime, { clock });
  const ticker = createTicker(clock);
  const registration = computed(() => registrationView(store.snapshot.value, ticker.now.value));
  return {
    registration,
    error: computed(() => store.error.value ?? registration.value.error),
    dispose() {
      store.dispose();
      ticker.stop();
    },
  };
}
