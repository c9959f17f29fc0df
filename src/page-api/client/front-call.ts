/**
 * Which call the seed SDK facades speak about. 002 and 001 know one call at a time; Dialbar may
 * have two (a held call and a consult, or a caller waiting). The facades use the call in front
 * of the agent, the same order the keyboard shortcuts use (README, "Which call a shortcut acts
 * on"): a connected, unheld call first, then one ringing out, then a held one, then one ringing in.
 * Data, not code paths: one rank per call state. Imports nothing (the client is dependency-free).
 */
import type { PageCall } from './types';

/** Lower ranks come first; states not listed (ended, unknown) are not in front of anyone. */
export const FRONT_RANK: Readonly<Record<string, number>> = {
  talking: 0,
  answering: 0,
  holding: 0,
  resuming: 0,
  joining: 0,
  conference: 0,
  transferring: 0,
  dialing: 1,
  ringing: 1,
  held: 2,
  transferringHeld: 2,
  incoming: 3,
  // Hung up, waiting for the far end's word: still the call the agent sees, behind any other.
  ending: 4,
};

/** A call that is still up or on its way (not ending, not ended). */
export function isLive(call: PageCall): boolean {
  return call.state !== 'ending' && FRONT_RANK[call.state] !== undefined;
}

/** The call in front of the agent, or null when no call is live. Ties go to the older call. */
export function frontCall(calls: readonly PageCall[]): PageCall | null {
  let best: PageCall | null = null;
  for (const call of calls) {
    const rank = FRONT_RANK[call.state];
    if (rank === undefined) continue;
    const bestRank = best ? (FRONT_RANK[best.state] ?? 99) : 99;
    if (rank < bestRank || (rank === bestRank && best !== null && call.createdAt < best.createdAt)) best = call;
  }
  return best;
}

/** The live inbound call still waiting to be answered, if any (the one `answer` acts on). */
export function ringingInbound(calls: readonly PageCall[]): PageCall | null {
  return calls.find((call) => call.direction === 'incoming' && call.state === 'incoming') ?? null;
}
