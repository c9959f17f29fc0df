import * as v from 'valibot';
import { type EngineRecord, EngineRecordSchema, type KeptCall, KeptCallSchema } from '../contract/protocol';
import type { KeyValueArea } from '../settings/instance-id';

const RECORD_KEY = 'engineRecord';
const LOST_KEY = 'lostCalls';
const LostCallsSchema = v.array(KeptCallSchema);

/**
 * What the service worker keeps in storage.session (the offscreen document cannot reach
 * storage) so that a lost engine can be replaced: the running engine's record (signed in or
 * not, its connected calls' dialogs) and the calls of engines that went away without ending
 * them. Reads and writes run one after another: the worker is the only writer.
 */
export function createEngineRecordStore(area: KeyValueArea) {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => {});
    return next;
  };
  const read = async (): Promise<{ record: EngineRecord | null; lost: KeptCall[] }> => {
    const stored = { ...(await area.get(RECORD_KEY)), ...(await area.get(LOST_KEY)) };
    const record = v.safeParse(EngineRecordSchema, stored[RECORD_KEY]);
    const lost = v.safeParse(LostCallsSchema, stored[LOST_KEY]);
    return { record: record.success ? record.output : null, lost: lost.success ? lost.output : [] };
  };
  /** `calls` added to `lost`, each dialog once. */
  const merge = (lost: KeptCall[], calls: readonly KeptCall[]) => [
    ...lost,
    ...calls.filter((c) => !lost.some((l) => l.dialog.callId === c.dialog.callId)),
  ];

  return {
    /** The engine reports its record. A record of another engine means the previous one is gone: its calls are lost. */
    keep: (record: EngineRecord): Promise<void> =>
      serial(async () => {
        const { record: previous, lost } = await read();
        const orphaned = previous && previous.engineId !== record.engineId ? previous.calls : [];
        await area.set({ [RECORD_KEY]: record, [LOST_KEY]: merge(lost, orphaned) });
      }),
    /** The last engine's record in this browser session; null when none has run. */
    current: (): Promise<EngineRecord | null> => serial(async () => (await read()).record),
    /**
     * The lost calls for engine `engineId` to end: those of engines other than it. They are
     * removed here, so each is handed over once.
     */
    takeLost: (engineId: string): Promise<KeptCall[]> =>
      serial(async () => {
        const { record, lost } = await read();
        if (!record || record.engineId === engineId) {
          if (lost.length > 0) await area.set({ [LOST_KEY]: [] });
          return lost;
        }
        await area.set({ [RECORD_KEY]: { ...record, calls: [] }, [LOST_KEY]: [] });
        return merge(lost, record.calls);
      }),
  };
}

export type EngineRecordStore = ReturnType<typeof createEngineRecordStore>;
