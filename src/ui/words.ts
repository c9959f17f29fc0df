import type { CallSnapshot } from '../contract/snapshot';
import { t, errorWords } from './i18n';
import type { RegistrationState } from '../machines/registration-machine';

/** A registration state in words. Only `registered` may contain the word "registered". */
export function registrationWords(state: RegistrationState): string {
  return t(`reg.${state}`);
}

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


/**
 * The call's latest transfer in words: its NOTIFY progress while it runs ("Transferring to 2002…
 * 180 Ringing"), then how it went. Null when the call was never transferred.
 */
export function transferWords(call: Pick<CallSnapshot, 'transfer'>): string | null {
  const transfer = call.transfer;
  if (!transfer) return null;
  const progress = transfer.status === null ? '' : ` ${transfer.status} ${transfer.reason}`.trimEnd();
  switch (transfer.outcome) {
    case 'pending':
      return t('call.transferPending', { target: transfer.target, progress });
    case 'done':
      return t('call.transferDone', { target: transfer.target });
    case 'failed':
      return t('call.transferFailed', { target: transfer.target, reason: errorWords(transfer.error ?? { code: 'transfer-failed' }) });
  }
}

/** The parallel regions in words, shown beside the call's state while they apply. */
export function callRegionWords(call: Pick<CallSnapshot, 'state' | 'regions'>): string[] {
  if (call.state === 'ended') return [];
  const words: string[] = [];
  if (call.regions.remoteHold === 'heldByRemote') words.push(t('call.heldByRemote'));
  if (call.regions.mute === 'muted') words.push(t('call.muted'));
  return words;
}

/** A call's state in words; an ended call says why it ended. */
export function callStateWords(call: Pick<CallSnapshot, 'state' | 'end' | 'direction' | 'answeredAt'> & Partial<Pick<CallSnapshot, 'transfer'>>): string {
  if (call.state !== 'ended') return t(`call.${call.state}`);
  if (call.end?.transferred) return call.transfer ? t('call.endedTransferredTo', { target: call.transfer.target }) : t('call.endedTransferred');
  return t('call.ended', { reason: endReason(call) });
}

function endReason({ end, direction, answeredAt }: Pick<CallSnapshot, 'end' | 'direction' | 'answeredAt'>): string {
  if (end?.error) return errorWords(end.error);
  const answered = answeredAt !== null;
  switch (end?.by) {
    case 'local':
      if (answered) return t('call.end.youHungUp');
      return direction === 'incoming' ? t('call.end.youDeclined') : t('call.end.youCancelled');
    case 'remote':
      if (answered) return t('call.end.remoteHungUp');
      return direction === 'incoming' ? t('call.end.callerHungUp') : t('call.end.remoteBeforeAnswer');
    default:
      return t('call.end.over');
  }
}

/** The line an ended call shows when a lost engine took it down (see background recovery). */
export function lostCallWords(call: Pick<CallSnapshot, 'state' | 'end' | 'remote' | 'shown'>): string | null {
  if (call.state !== 'ended' || call.end?.error?.code !== 'call-lost') return null;
  const who = call.remote.displayName.trim() || call.remote.number || call.shown || call.remote.uri;
  return t('call.lost', { who });
}

/** Shown in the popup while an extension update waits for the calls to end. */
export function updateWaitingWords(): string {
  return t('update.waiting');
}

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
  return seconds > 0 ? t('call.autoAnswerIn', { seconds }) : t('call.autoAnswerNow');
}

/** "retrying in 5s" while a retry is scheduled in the future, else null. */
export function retryWords(nextRetryAt: number | null, now: number): string | null {
  if (nextRetryAt === null) return null;
  const seconds = Math.max(1, Math.ceil((nextRetryAt - now) / 1000));
  return t('reg.retryIn', { seconds });
}

export { errorText } from './i18n';
