import type { Snapshot } from '../contract/snapshot';
import type { KeyValueArea } from '../settings/instance-id';
import { expandScreenPop, parseScreenPop, SCREEN_POP_KEY } from '../settings/screen-pop';

export interface ScreenPopDeps {
  /** storage.local: the user's template. */
  local: KeyValueArea;
  /** storage.session: the calls already popped, so a restarted worker does not pop twice. */
  session: KeyValueArea;
  openTab(url: string): Promise<void>;
}

const POPPED_KEY = 'screenPopped';
/** Enough for every call of a session; the oldest are forgotten first. */
const REMEMBERED = 200;

/**
 * Opens the screen pop of each inbound call once, on ringing or on answer as set. Snapshots are
 * handled one after another, so two quick snapshots of the same call open one tab.
 */
export function createScreenPop(deps: ScreenPopDeps) {
  let queue: Promise<void> = Promise.resolve();

  async function handle(snapshot: Snapshot): Promise<void> {
    const inbound = snapshot.calls.filter((c) => c.direction === 'incoming');
    if (inbound.length === 0) return;
    const settings = parseScreenPop((await deps.local.get(SCREEN_POP_KEY))[SCREEN_POP_KEY]);
    if (settings.template === '') return;
    const due = inbound.filter((c) => (settings.when === 'ringing' ? c.state === 'incoming' : c.answeredAt !== null && c.state !== 'ended'));
    if (due.length === 0) return;
    const stored = (await deps.session.get(POPPED_KEY))[POPPED_KEY];
    const popped = Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
    for (const call of due) {
      if (popped.includes(call.id)) continue;
      popped.push(call.id);
      await deps.session.set({ [POPPED_KEY]: popped.slice(-REMEMBERED) });
      const url = expandScreenPop(settings.template, call);
      if (url) await deps.openTab(url);
    }
  }

  return {
    /** Told of every snapshot; failures are dropped (a screen pop must not disturb the call). */
    relay(snapshot: Snapshot): Promise<void> {
      queue = queue.then(() => handle(snapshot)).catch(() => {});
      return queue;
    },
  };
}
