import type { PageCall, PageEventMap, PageEventType, PageState } from './types';

/** One derived event, typed by its name. */
export type PageEvent = { [K in PageEventType]: { type: K; detail: PageEventMap[K] } }[PageEventType];

const RINGING_IN = 'incoming';
const RINGING_OUT = 'ringing';

function sameAgent(a: PageState['agent'], b: PageState['agent']): boolean {
  return a.state === b.state && a.reason === b.reason && a.busy === b.busy && a.allowed.join() === b.allowed.join();
}

function endedEvent(call: PageCall, state: PageState): PageEvent {
  const end = call.end;
  const duration = call.answeredAt === null ? 0 : Math.max(0, Math.round(((call.endedAt ?? Date.now()) - call.answeredAt) / 1000));
  return { type: 'ended', detail: { call, durationSeconds: duration, cause: end?.error ?? null, by: end?.by ?? 'system', state } };
}

/**
 * The events a page hears, read from two successive states: what changed, in the order it
 * happened to each call (ringing, answered, held / resumed, ended). The first state of a
 * connection tells only the calls ringing right now (a page opened while the phone rings pops
 * the caller), besides `state`.
 */
export function deriveEvents(previous: PageState | null, next: PageState): PageEvent[] {
  const events: PageEvent[] = [{ type: 'state', detail: { state: next } }];
  if (previous === null) {
    for (const call of next.calls) {
      if (call.state === RINGING_IN || call.state === RINGING_OUT) events.push({ type: 'ringing', detail: { call, state: next } });
    }
    return events;
  }
  const r0 = previous.registration;
  const r1 = next.registration;
  if (r0.state !== r1.state || r0.error?.code !== r1.error?.code) events.push({ type: 'registration', detail: { registration: r1, state: next } });
  if (!sameAgent(previous.agent, next.agent)) events.push({ type: 'agent', detail: { agent: next.agent, previous: previous.agent, state: next } });

  const before = new Map(previous.calls.map((c) => [c.id, c]));
  for (const call of next.calls) {
    const old = before.get(call.id);
    before.delete(call.id);
    if (old?.state === 'ended') continue;
    const ringing = call.state === RINGING_IN || call.state === RINGING_OUT;
    if (ringing && old?.state !== call.state && !(old && (old.state === RINGING_IN || old.state === RINGING_OUT))) {
      events.push({ type: 'ringing', detail: { call, state: next } });
    }
    if (call.answeredAt !== null && (old === undefined || old.answeredAt === null)) events.push({ type: 'answered', detail: { call, state: next } });
    if (old && call.state === 'held' && old.state !== 'held') events.push({ type: 'held', detail: { call, state: next } });
    if (old && old.state === 'held' && call.state !== 'held' && call.state !== 'ended' && call.state !== 'ending') {
      events.push({ type: 'resumed', detail: { call, state: next } });
    }
    if (call.state === 'ended') events.push(endedEvent(call, next));
  }
  // A live call that left the list ended too (the state keeps only the latest ended call).
  for (const gone of before.values()) {
    if (gone.state !== 'ended') events.push(endedEvent({ ...gone, state: 'ended', endedAt: gone.endedAt ?? Date.now() }, next));
  }
  return events;
}
