import type { Snapshot } from '../contract/snapshot';
import type { UpdatesApi } from '../platform';
import type { KeyValueArea } from '../settings/instance-id';

const PENDING_KEY = 'updatePending';

export interface UpdateGateDeps {
  updates: UpdatesApi;
  /** storage.session: the worker may be stopped between the update and the end of the call. */
  session: KeyValueArea;
  /** The engine's snapshot if a document runs now (never starts one); null when none runs. */
  snapshot(): Promise<Snapshot | null>;
  /** Tells the engine, so the popup says that an update waits. */
  setWaiting(waiting: boolean): Promise<unknown>;
}

const liveCalls = (snapshot: Snapshot | null) => snapshot?.calls.filter((c) => c.state !== 'ended').length ?? 0;

/**
 * An extension update never cuts a call: Chrome applies a downloaded update when the extension
 * reloads, and the worker reloads only once no call is live. Meanwhile the pending update is
 * kept in storage.session and shown in the popup.
 */
export function createUpdateGate(deps: UpdateGateDeps) {
  let reloading = false;
  const reload = () => {
    if (reloading) return;
    reloading = true;
    deps.updates.reload();
  };

  async function updateAvailable(): Promise<void> {
    const snapshot = await deps.snapshot();
    if (liveCalls(snapshot) === 0) return reload();
    await deps.session.set({ [PENDING_KEY]: true });
    await deps.setWaiting(true);
  }

  /** After a snapshot (or a recovery): reloads if an update waits and no call is live any more. */
  async function check(snapshot?: Snapshot): Promise<void> {
    if ((await deps.session.get(PENDING_KEY))[PENDING_KEY] !== true) return;
    const now = snapshot ?? (await deps.snapshot());
    if (liveCalls(now) > 0) {
      // A replacement engine does not know yet that an update waits.
      if (now && now.updateWaiting !== true) await deps.setWaiting(true);
      return;
    }
    reload();
  }

  deps.updates.onUpdateAvailable.addListener(() => {
    updateAvailable().catch(() => {});
  });
  return { updateAvailable, check };
}

export type UpdateGate = ReturnType<typeof createUpdateGate>;
