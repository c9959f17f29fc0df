/**
 * The one table that maps every failure to what a person is told.
 * `retry` says whether the engine may try again by itself (transient) or needs the user (final).
 */
export const CAUSES = {
  'bad-url': { retry: false, message: 'The server address is not valid. It must start with ws:// or wss://, for example wss://pbx.example.com:8089/ws.' },
  'bad-uri': { retry: false, message: 'The SIP address is not valid. It looks like sip:1001@pbx.example.com.' },
  'server-unreachable': { retry: true, message: 'Cannot reach the phone server. Check the server address and your network; Dialbar keeps trying.' },
  'tls-failure': { retry: true, message: 'Cannot open a secure connection to the phone server (wss://). Check its certificate, or open the address once in a tab to trust it; Dialbar keeps trying.' },
  'connection-lost': { retry: true, message: 'The connection to the phone server dropped. Dialbar is reconnecting.' },
  credentials: { retry: false, message: 'The server refused the user name or password. Check them in Dialbar’s options.' },
  'not-found': { retry: false, message: 'That number or user does not exist on the phone server.' },
  timeout: { retry: true, message: 'The phone server did not answer in time.' },
  unavailable: { retry: false, message: 'The person you called is not available right now.' },
  busy: { retry: false, message: 'The line is busy.' },
  cancelled: { retry: false, message: 'The call was cancelled.' },
  'no-answer': { retry: false, message: 'Nobody answered.' },
  'incompatible-media': { retry: false, message: 'The other side could not agree on audio settings (codec or encryption).' },
  'server-error': { retry: true, message: 'The phone server had a problem (5xx). Try again in a moment.' },
  declined: { retry: false, message: 'The call was declined.' },
  rejected: { retry: false, message: 'The phone server rejected the call.' },
  'mic-denied': { retry: false, message: 'Dialbar may not use the microphone. Open Dialbar’s options and click “Allow microphone”.' },
  'mic-missing': { retry: false, message: 'No microphone was found. Connect one and try again.' },
  'microphone-fallback': { retry: false, message: 'The chosen microphone is not connected, so Dialbar uses the default microphone. Choose another in Dialbar’s options.' },
  'speaker-fallback': { retry: false, message: 'The chosen speaker is not connected, so call audio plays on the default device. Choose another in Dialbar’s options.' },
  'ringer-fallback': { retry: false, message: 'The chosen ringer device is not connected, so the ringtone plays on the default device. Choose another in Dialbar’s options.' },
  'media-failed': { retry: false, message: 'The audio connection could not be set up.' },
  'not-configured': { retry: false, message: 'Dialbar has no phone account yet. Open the options to set one up.' },
  'not-registered': { retry: false, message: 'The phone is not signed in yet, so it cannot place calls.' },
  'invalid-number': { retry: false, message: 'That is not a number Dialbar can dial.' },
  'call-in-progress': { retry: false, message: 'Finish the current call before starting another.' },
  'duplicate-dial': { retry: false, message: 'That number is already being dialled.' },
  'transfer-refused': { retry: false, message: 'The other side refused the transfer. The call is still with you.' },
  'transfer-failed': { retry: false, message: 'The transfer did not go through: the number you transferred to did not take the call. The call is still with you.' },
  'transfer-timeout': { retry: false, message: 'The transfer got no answer in time. The call is still with you.' },
  'consult-in-progress': { retry: false, message: 'Finish or cancel the consult call before starting another.' },
  'agent-signed-out': { retry: false, message: 'You signed out of the agent desk. Click Sign in to place and take calls again.' },
  'agent-reason-unknown': { retry: false, message: 'That Not ready reason is not in the list. Choose one of the reasons set in Dialbar’s options.' },
  'invalid-state': { retry: false, message: 'That action is not possible right now.' },
  'dial-policy-blocked-prefix': { retry: false, message: 'Dialbar’s dial policy blocks this number: it starts with a blocked prefix (such as premium-rate numbers).' },
  'dial-policy-international': { retry: false, message: 'Dialbar’s dial policy blocks international calls.' },
  'dial-policy-not-allowed': { retry: false, message: 'Dialbar’s dial policy allows only the numbers on its list, and this one is not on it.' },
  'dial-policy-too-long': { retry: false, message: 'Dialbar’s dial policy blocks this number: it is longer than the policy allows.' },
  'dial-rate-limited': { retry: false, message: 'This page asked to dial too often. Wait a minute, then try again.' },
  'setting-locked': { retry: false, message: 'Your administrator set this in Dialbar’s policy, so it cannot be changed here.' },
  'bad-call-data': { retry: false, message: 'The call data cannot be sent: header names are X- followed by letters, digits or hyphens (up to 64 characters), values up to 256 characters without line breaks, at most 10 headers and 1024 characters in all.' },
  'no-call': { retry: false, message: 'There is no call to hold, mute or hang up right now.' },
  'invalid-message': { retry: false, message: 'Dialbar received a malformed request and ignored it.' },
  'forbidden-sender': { retry: false, message: 'This part of the browser may not ask Dialbar for that.' },
  'page-not-allowed': { retry: false, message: 'This site may not use Dialbar’s page API. Add it to the allowed sites in Dialbar’s options.' },
  'page-consent-needed': { retry: false, message: 'This site needs your permission before it can use Dialbar. Answer the question in Dialbar’s window, then try again.' },
  'page-consent-refused': { retry: false, message: 'You did not allow this site to use Dialbar. Change that in Dialbar’s options.' },
  'page-activation-needed': { retry: false, message: 'A page may dial only right after you click or press a key on it.' },
  'page-rate-limited': { retry: false, message: 'This site sent Dialbar too many requests. Wait a few seconds and try again.' },
  'page-bad-request': { retry: false, message: 'Dialbar refused a malformed page API message.' },
  'page-unknown-version': { retry: false, message: 'This page uses a version of Dialbar’s page API that this Dialbar does not know. Update the page’s dialbar-client.js or Dialbar.' },
  'page-shims-off': { retry: false, message: 'The seed SDK shims are off for this site. Turn them on in the allowed sites of Dialbar’s options.' },
  'page-disconnected': { retry: true, message: 'The connection to Dialbar was lost. Reload the page.' },
  'call-lost': { retry: false, message: 'The call was lost when Dialbar’s phone restarted. Call back if you need to.' },
  'engine-unavailable': { retry: true, message: 'The phone engine is not running. Dialbar is starting it again.' },
  internal: { retry: false, message: 'Something went wrong inside Dialbar.' },
} as const satisfies Record<string, { retry: boolean; message: string }>;

export type ErrorCode = keyof typeof CAUSES;

export const ERROR_CODES = Object.keys(CAUSES) as ErrorCode[];

/** What crosses contexts and is shown to people: serialisable, never an Error object. */
export interface UserError {
  code: ErrorCode;
  message: string;
  sipStatus?: number;
}

export function userError(code: ErrorCode, sipStatus?: number): UserError {
  return sipStatus === undefined ? { code, message: CAUSES[code].message } : { code, message: CAUSES[code].message, sipStatus };
}

/** Maps a final SIP response status to the error code shown for it. */
export function codeForSipStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
    case 403:
    case 407:
      return 'credentials';
    case 404:
    case 484:
    case 604:
      return 'not-found';
    case 408:
      return 'timeout';
    case 480:
      return 'unavailable';
    case 486:
    case 600:
      return 'busy';
    case 487:
      return 'cancelled';
    case 488:
    case 606:
      return 'incompatible-media';
    case 603:
      return 'declined';
    default:
      if (status >= 500 && status < 600) return 'server-error';
      return 'rejected';
  }
}
