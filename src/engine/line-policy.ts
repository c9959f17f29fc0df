import type { CallSnapshot, DialAllowance } from '../contract/snapshot';
import { userError } from '../errors';

/**
 * How many calls the one user agent holds at once, and what that means for a new call in
 * either direction. This is the one place the rule lives: call control (hold, consult, call
 * waiting) lifts it here, and every context reads its effect from the snapshot.
 */
export const MAX_LIVE_CALLS = 1;

/** May a new outgoing call start beside these live calls? A dial while signed out signs in first. */
export function dialAllowance(configured: boolean, live: readonly CallSnapshot[]): DialAllowance {
  if (!configured) return { allowed: false, refusal: userError('not-configured') };
  if (live.length >= MAX_LIVE_CALLS) return { allowed: false, refusal: userError('call-in-progress') };
  return { allowed: true, refusal: null };
}

/** What a new incoming call gets: it rings, or the caller hears busy instead of interrupting a call. */
export function incomingDisposition(live: readonly CallSnapshot[]): { ring: true } | { ring: false; sipStatus: 486 } {
  return live.length >= MAX_LIVE_CALLS ? { ring: false, sipStatus: 486 } : { ring: true };
}
