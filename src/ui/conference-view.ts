import type { CallSnapshot } from '../contract/snapshot';
import { inConference } from '../machines/call-machine';

/** What the view reads of a party's card (the popup model's CallView has it). */
export interface PartyCard {
  id: string;
  muted: boolean;
  canMute: boolean;
  canUnmute: boolean;
  canHangup: boolean;
}

/**
 * The three-way call as the popup shows it: both parties (each with its own Hang up), the
 * agent's Mute for the mix, and Hang up all. Shown while two live calls are in conference (or
 * joining it); a call left alone is an ordinary card again.
 */
export interface ConferenceView<P extends PartyCard = PartyCard> {
  /** The parties' cards, in the order of the snapshot. */
  parties: P[];
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

export function conferenceView<P extends PartyCard>(members: readonly CallSnapshot[], cards: readonly P[]): ConferenceView<P> {
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
