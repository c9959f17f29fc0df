import { ENGINE_WATCH_PORT } from '../contract/protocol';
import { roleOf } from '../messaging/roles';
import type { RuntimePort } from '../messaging/runtime-port';
import type { EngineWatchApi, WatchPort } from '../platform';
import type { EngineRecordStore } from './engine-record';

/** The backstop for a loss nobody heard (the worker was stopped when the document went). */
export const ENGINE_WATCH_ALARM = 'dialbar-engine-watch';
/** Chrome's shortest alarm period (30 s, Chrome 120+; older versions round up to 1 min). */
const ALARM_PERIOD_MINUTES = 0.5;
/** A closed document can still be listed for a moment after its port dropped. */
const SETTLE_MS = 250;
const RETRIES = 3;
const RETRY_MS = 1_000;

export interface EngineWatchDeps {
  api: EngineWatchApi;
  runtime: Pick<RuntimePort, 'id' | 'getURL'>;
  records: EngineRecordStore;
  /** The engine link's ensureEngine('auto'): recreates the document, signs in like the last engine, hands over lost calls. */
  ensureEngine(): Promise<unknown>;
  /** Runs after a recovery (the update gate: an update may have waited for the lost call). */
  recovered?(): void;
  sleep(ms: number): Promise<void>;
}

/**
 * Brings a lost engine back without anyone opening the popup: when the offscreen document's
 * port closes, on a 30 s alarm, and whenever the worker starts. Only after an engine has run
 * in this browser session (browser start and install have their own start-up).
 */
export function watchEngine(deps: EngineWatchDeps): { recover(): Promise<void> } {
  let running: Promise<void> | null = null;

  async function attempt(): Promise<void> {
    if ((await deps.records.current()) === null) return;
    for (let i = 0; ; i++) {
      try {
        await deps.ensureEngine();
        deps.recovered?.();
        return;
      } catch (error) {
        if (i + 1 >= RETRIES) throw error;
        await deps.sleep(RETRY_MS);
      }
    }
  }

  /** Single flight: a port drop, an alarm and a start at once make one recovery. */
  function recover(): Promise<void> {
    running ??= attempt().finally(() => {
      running = null;
    });
    return running;
  }

  deps.api.onConnect.addListener((port: WatchPort) => {
    if (port.name !== ENGINE_WATCH_PORT || roleOf(port.sender ?? {}, deps.runtime) !== 'offscreen') return;
    port.onDisconnect.addListener(() => {
      deps
        .sleep(SETTLE_MS)
        .then(recover)
        .catch(() => {});
    });
  });
  deps.api.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ENGINE_WATCH_ALARM) recover().catch(() => {});
  });
  deps.api.alarms
    .get(ENGINE_WATCH_ALARM)
    .then((existing) => {
      // Created once: creating it again on every worker start would push its next run back each time.
      if (!existing) deps.api.alarms.create(ENGINE_WATCH_ALARM, { periodInMinutes: ALARM_PERIOD_MINUTES });
    })
    .catch(() => {});
  recover().catch(() => {});
  return { recover };
}
