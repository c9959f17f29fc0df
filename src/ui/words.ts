import type { CallSnapshot } from '../contract/snapshot';
import { CAUSES, DialbarError } from '../errors';
import type { CallState } from '../machines/call-machine';
import type { RegistrationState } from '../machines/registration-machine';

/** Registration states in words. Only `registered` may contain the word "registered". */
export const REGISTRATION_WORDS: Record<RegistrationState, string> = {
  signedOut: 'Signed out',
  connecting: 'Connecting…',
  registering: 'Signing in…',
  registered: 'Registered',
  reconnecting: 'Reconnecting…',
  waitingToRetry: 'Waiting to retry',
  failed: 'Sign-in failed',
};

export type Tone = 'ok' | 'busy' | 'bad' | 'off';

/** The colour family of a registration state: green, amber, red, grey. */
export const REGISTRATION_TONES: Record<RegistrationState, Tone> = {
  signedOut: 'off',
  connecting: 'busy',
  registering: 'busy',
  registered: 'ok',
  reconnecting: 'busy',
  waitingToRetry: 'busy',
  failed: 'bad',
};

const CALL_WORDS: Record<Exclude<CallState, 'ended'>, string> = {
  dialing: 'Calling…',
  ringing: 'Ringing…',
  incoming: 'Incoming call',
  answering: 'Connecting…',
  talking: 'In call',
  holding: 'Putting on hold…',
  held: 'On hold',
  resuming: 'Resuming…',
  joining: 'Joining the conference…',
  conference: 'In conference',
  transferring: 'Transferring…',
  transferringHeld: 'Transferring…',
  ending: 'Ending…',
};

/**
 * The call's latest transfer in words: its NOTIFY progress while it runs ("Transferring to 2002…
 * 180 Ringing"), then how it went. Null when the call was never transferred.
 */
export function transferWords(call: Pick<CallSnapshot, 'transfer'>): string | null {
  const t = call.transfer;
  if (!t) return null;
  const progress = t.status === null ? '' : ` ${t.status} ${t.reason}`.trimEnd();
  switch (t.outcome) {
    case 'pending':
      return `Transferring to ${t.target}…${progress}`;
    case 'done':
      return `Transferred to ${t.target}.`;
    case 'failed':
      return `Transfer to ${t.target} failed: ${t.error?.message ?? CAUSES['transfer-failed'].message}`;
  }
}

/** The parallel regions in words, shown beside the call's state while they apply. */
export function callRegionWords(call: Pick<CallSnapshot, 'state' | 'regions'>): string[] {
  if (call.state === 'ended') return [];
  const words: string[] = [];
  if (call.regions.remoteHold === 'heldByRemote') words.push('Held by the other side');
  if (call.regions.mute === 'muted') words.push('Muted');
  return words;
}

/** A call's state in words; an ended call says why it ended. */
export function callStateWords(call: Pick<CallSnapshot, 'state' | 'end' | 'direction' | 'answeredAt'> & Partial<Pick<CallSnapshot, 'transfer'>>): string {
  if (call.state !== 'ended') return CALL_WORDS[call.state];
  if (call.end?.transferred) return call.transfer ? `Ended: transferred to ${call.transfer.target}.` : 'Ended: transferred.';
  return `Ended: ${endReason(call)}`;
}

function endReason({ end, direction, answeredAt }: Pick<CallSnapshot, 'end' | 'direction' | 'answeredAt'>): string {
  if (end?.error) return end.error.message;
  const answered = answeredAt !== null;
  switch (end?.by) {
    case 'local':
      if (answered) return 'you hung up.';
      return direction === 'incoming' ? 'you declined the call.' : 'you cancelled the call.';
    case 'remote':
      if (answered) return 'the other side hung up.';
      return direction === 'incoming' ? 'the caller hung up.' : 'the other side hung up before answering.';
    default:
      return 'the call is over.';
  }
}

/** The line an ended call shows when a lost engine took it down (see background recovery). */
export function lostCallWords(call: Pick<CallSnapshot, 'state' | 'end' | 'remote' | 'shown'>): string | null {
  if (call.state !== 'ended' || call.end?.error?.code !== 'call-lost') return null;
  const who = call.remote.displayName.trim() || call.remote.number || call.shown || call.remote.uri;
  return `The call with ${who} was lost when Dialbar’s phone restarted.`;
}

/** Shown in the popup while an extension update waits for the calls to end. */
export const UPDATE_WAITING_WORDS = 'An update is waiting for your call to end.';

/** mm:ss, or h:mm:ss from one hour on. Negative spans (clock skew) show as 00:00. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** The pending auto-answer of a ringing call in words, or null when there is none. */
export function autoAnswerWords(autoAnswerAt: number | null, now: number): string | null {
  if (autoAnswerAt === null) return null;
  const seconds = Math.ceil((autoAnswerAt - now) / 1000);
  return seconds > 0 ? `Answering automatically in ${seconds} s` : 'Answering automatically…';
}

/** "retrying in 5s" while a retry is scheduled in the future, else null. */
export function retryWords(nextRetryAt: number | null, now: number): string | null {
  if (nextRetryAt === null) return null;
  const seconds = Math.max(1, Math.ceil((nextRetryAt - now) / 1000));
  return `retrying in ${seconds}s`;
}

/** The sentence a person is shown for anything thrown: a DialbarError's own message, else a generic one. */
export function errorText(error: unknown): string {
  if (error instanceof DialbarError) return error.message;
  return CAUSES.internal.message;
}
