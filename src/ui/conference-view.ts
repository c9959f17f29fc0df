import type { CallSnapshot } from '../contract/snapshot';
import { inConference } from '../machines/call-machine';
import type { CallView } from './popup-model';

/**
 * The three-way call as the popup shows it: both parties (each with its own Hang up), the
 * agent's Mute for the mix, and Hang up all. Shown while two live calls are in conference (or
 * joining it); a call left alone is an ordinary card again.
 */
export interface ConferenceView {
  /** The parties' cards, in the order of the snapshot. */
  parties: CallView[];
  /** The agent's voice is out of the mix (every party's mute region agrees in a conference). */
  muted: boolean;
  /** The call the Mute / Unmute button speaks to (the book applies it to the whole mix). */
  muteTarget: string | null;
  canMute: boolean;
  canUnmute: boolean;
  canHangupAll: boolean;
}

/** The conference members among the live calls, or null when fewer than two are in it. */
export function conferenceMembers(calls: readonly CallSnapshot[]): CallSnapshot[] | null {
  const members = calls.filter((c) => inConference(c.state));
  return members.length >= 2 ? members : null;
}

export function conferenceView(members: readonly CallSnapshot[], cards: readonly CallView[]): ConferenceView {
  const parties = members.flatMap((m) => cards.find((c) => c.id === m.id) ?? []);
  const muteBy = parties.find((p) => p.canMute || p.canUnmute) ?? null;
  return {
    parties,
    muted: parties.some((p) => p.muted),
    muteTarget: muteBy?.id ?? null,
    canMute: muteBy?.canMute ?? false,
    canUnmute: muteBy?.canUnmute ?? false,
    canHangupAll: parties.some((p) => p.canHangup),
  };
}
