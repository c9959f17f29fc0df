import { causeMessages } from '../i18n/messages/causes';

/**
 * The one table that maps every failure to what a person is told. The sentences live in the
 * locale catalogs (src/i18n/messages/causes.ts, English and Chinese); views render them from the
 * code in the chosen language (src/errors/cause-text.ts), the English one travels as `message`.
 * `retry` says whether the engine may try again by itself (transient) or needs the user (final).
 */
const RETRY = {
  'bad-url': false,
  'bad-uri': false,
  'server-unreachable': true,
  'tls-failure': true,
  'connection-lost': true,
  credentials: false,
  'not-found': false,
  timeout: true,
  unavailable: false,
  busy: false,
  cancelled: false,
  'no-answer': false,
  'incompatible-media': false,
  'server-error': true,
  declined: false,
  rejected: false,
  'mic-denied': false,
  'mic-missing': false,
  'microphone-fallback': false,
  'speaker-fallback': false,
  'ringer-fallback': false,
  'media-failed': false,
  'not-configured': false,
  'not-registered': false,
  'invalid-number': false,
  'call-in-progress': false,
  'duplicate-dial': false,
  'transfer-refused': false,
  'transfer-failed': false,
  'transfer-timeout': false,
  'consult-in-progress': false,
  'agent-signed-out': false,
  'agent-reason-unknown': false,
  'invalid-state': false,
  'dial-policy-blocked-prefix': false,
  'dial-policy-international': false,
  'dial-policy-not-allowed': false,
  'dial-policy-too-long': false,
  'dial-rate-limited': false,
  'setting-locked': false,
  'bad-call-data': false,
  'no-call': false,
  'invalid-message': false,
  'forbidden-sender': false,
  'page-not-allowed': false,
  'page-consent-needed': false,
  'page-consent-refused': false,
  'page-activation-needed': false,
  'page-rate-limited': false,
  'page-bad-request': false,
  'page-unknown-version': false,
  'page-shims-off': false,
  'page-disconnected': true,
  'call-lost': false,
  'engine-unavailable': true,
  internal: false,
} as const satisfies Record<string, boolean>;

export type ErrorCode = keyof typeof RETRY;

/** Every code has its sentence in the catalog (a missing one fails type-checking here). */
type CauseKey = `cause.${ErrorCode}`;
const SENTENCES: { readonly [K in CauseKey]: string } = causeMessages.en;

/** The table: `retry` and the English sentence (logs, and the `message` that crosses contexts). */
export const CAUSES = Object.fromEntries(
  (Object.keys(RETRY) as ErrorCode[]).map((code) => [code, { retry: RETRY[code], message: SENTENCES[`cause.${code}`] }]),
) as { readonly [C in ErrorCode]: { readonly retry: boolean; readonly message: string } };

export const ERROR_CODES = Object.keys(RETRY) as ErrorCode[];

/** What crosses contexts and is shown to people: serialisable, never an Error object. */
export interface UserError {
  code: ErrorCode;
  message: string;
  sipStatus?: number;
  /** Values of the sentence's detail (`detail` names a `cause.detail.*` message), so views can render it in their language. */
  params?: Record<string, string>;
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
