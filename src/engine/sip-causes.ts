import { codeForSipStatus, type ErrorCode } from '../errors';
import type { SipFailure } from './sip-stack';

/**
 * JsSIP's failure causes (plain strings; no import of JsSIP needed) mapped onto the cause
 * table: a SIP status wins when there is one.
 */

/** JsSIP causes that are not a SIP status of their own, mapped onto the cause table. */
const CAUSE_CODES: Record<string, ErrorCode> = {
  'Connection Error': 'server-unreachable',
  'Request Timeout': 'timeout',
  'Internal Error': 'internal',
  Busy: 'busy',
  Rejected: 'declined',
  Unavailable: 'unavailable',
  'Not Found': 'not-found',
  'Address Incomplete': 'not-found',
  'Incompatible SDP': 'incompatible-media',
  'Missing SDP': 'incompatible-media',
  'Bad Media Description': 'incompatible-media',
  'Authentication Error': 'credentials',
  'WebRTC Error': 'media-failed',
  Canceled: 'cancelled',
  'No Answer': 'no-answer',
  Expires: 'no-answer',
  'No ACK': 'media-failed',
  'Dialog Error': 'internal',
  'User Denied Media Access': 'mic-denied',
  'RTP Timeout': 'connection-lost',
};

export function failureFrom(cause: string, message: unknown, originator: string): SipFailure {
  const status = statusOf(message);
  const from = originator === 'local' || originator === 'remote' ? originator : 'system';
  if (status !== undefined && status >= 300 && cause !== 'Canceled') return { code: codeForSipStatus(status), sipStatus: status, originator: from };
  return { code: CAUSE_CODES[cause] ?? 'rejected', originator: from };
}

function statusOf(message: unknown): number | undefined {
  const status = (message as { status_code?: unknown } | null | undefined)?.status_code;
  return typeof status === 'number' ? status : undefined;
}
