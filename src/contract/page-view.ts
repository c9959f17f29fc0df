import { PAGE_API_VERSION, type PageCall, type PageState } from '../page-api/client/types';
import type { CallSnapshot, Snapshot } from './snapshot';

/** A call as a page sees it: no DTMF digits, no transfer target, no origin of who started it. */
function pageCall(c: CallSnapshot): PageCall {
  return {
    id: c.id,
    direction: c.direction,
    state: c.state,
    muted: c.regions.mute === 'muted',
    heldByRemote: c.regions.remoteHold === 'heldByRemote',
    number: c.remote.number,
    displayName: c.remote.displayName,
    callData: { ...c.callData },
    createdAt: c.createdAt,
    answeredAt: c.answeredAt,
    endedAt: c.endedAt,
    end: c.end ? { by: c.end.by, error: c.end.error, transferred: c.end.transferred ?? false } : null,
    allowed: [...c.allowed],
  };
}

/** Whether a page of `origin` may see this call: every inbound call, and the calls pages of that origin started. */
export function visibleToOrigin(call: CallSnapshot, origin: string): boolean {
  return call.direction === 'incoming' || (call.origin !== null && call.origin.tabId !== null && call.origin.url === origin);
}

/**
 * The page view of a snapshot for one origin: agent, registration, inbound calls (caller and
 * X- call data) and the calls this origin started. Never the account, credentials, history,
 * DTMF digits, or calls other origins or the extension's own pages started. Every tab and frame
 * of the origin gets the same view.
 */
export function pageView(snapshot: Snapshot, origin: string): PageState {
  const { agent } = snapshot;
  return {
    version: PAGE_API_VERSION,
    registration: { state: snapshot.registration.state, error: snapshot.registration.error },
    agent: {
      state: agent.state,
      reason: agent.reason,
      since: agent.since,
      busy: agent.busy,
      wrapUpEndsAt: agent.wrapUpEndsAt,
      allowed: [...agent.allowed],
      reasons: [...agent.reasons],
    },
    calls: snapshot.calls.filter((c) => visibleToOrigin(c, origin)).map(pageCall),
    dial: snapshot.dial,
  };
}
