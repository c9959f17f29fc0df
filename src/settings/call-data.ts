import * as v from 'valibot';
import { type CauseDetail, detailedError } from '../errors';

/**
 * Call data: custom `X-` SIP headers attached to a call (a CRM's ticket id, a display number),
 * sent on outbound INVITEs and read from inbound ones. One rule for names and values, shared by
 * the dial request, the account's own header and the snapshot. Limits keep an INVITE well under
 * a WebSocket frame or UDP datagram that a PBX accepts, with room for SDP.
 */
export const CALL_DATA_LIMITS = {
  /** Headers per call. */
  count: 10,
  /** Characters of one header name, `X-` included. */
  name: 64,
  /** Characters of one value. */
  value: 256,
  /** Characters of all names and values together. */
  total: 1024,
} as const;

/** `X-` then letters, digits and hyphens (no underscore, so no `__proto__`, no spaces, no colon). */
const NAME = /^X-[A-Za-z0-9-]+$/i;
/** Printable text: no control characters (CR, LF, NUL, tab…) and no DEL, so no header injection. */
const VALUE = /^[^\p{Cc}]*$/u;

export type CallData = Record<string, string>;

export function isCallDataName(name: string): boolean {
  return name.length <= CALL_DATA_LIMITS.name && NAME.test(name);
}

export function isCallDataValue(value: string): boolean {
  return value.length <= CALL_DATA_LIMITS.value && VALUE.test(value);
}

/** What is wrong with call data: the detail sentence that says it and its values. */
export interface CallDataFault {
  detail: CauseDetail;
  values: Record<string, string | number>;
}

/** Why `raw` is not valid call data, or null when it is. */
export function callDataFault(raw: unknown): CallDataFault | null {
  const fault = (detail: CauseDetail, values: Record<string, string | number> = {}): CallDataFault => ({ detail, values });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fault('cause.detail.call-data-shape');
  const proto = Object.getPrototypeOf(raw);
  if (proto !== Object.prototype && proto !== null) return fault('cause.detail.call-data-shape');
  // Own keys, including `__proto__` as JSON.parse and structured clone create it.
  const names = Reflect.ownKeys(raw);
  if (names.length > CALL_DATA_LIMITS.count) return fault('cause.detail.call-data-count', { count: names.length, limit: CALL_DATA_LIMITS.count });
  const seen = new Set<string>();
  let total = 0;
  for (const name of names) {
    if (typeof name !== 'string' || !isCallDataName(name)) {
      return fault('cause.detail.call-data-name', { name: String(name).slice(0, 80), limit: CALL_DATA_LIMITS.name });
    }
    const lower = name.toLowerCase();
    if (seen.has(lower)) return fault('cause.detail.call-data-twice', { name });
    seen.add(lower);
    const value = (raw as Record<string, unknown>)[name];
    if (typeof value !== 'string') return fault('cause.detail.call-data-not-text', { name });
    if (!VALUE.test(value)) return fault('cause.detail.call-data-control', { name });
    if (value.length > CALL_DATA_LIMITS.value) return fault('cause.detail.call-data-long', { name, limit: CALL_DATA_LIMITS.value });
    total += name.length + value.length;
  }
  if (total > CALL_DATA_LIMITS.total) return fault('cause.detail.call-data-total', { total, limit: CALL_DATA_LIMITS.total });
  return null;
}

/** Why `raw` is not valid call data, in English words, or null when it is. */
export function callDataProblem(raw: unknown): string | null {
  const fault = callDataFault(raw);
  return fault === null ? null : detailedError('bad-call-data', fault.detail, fault.values).message;
}

/** Returns `raw` as call data (a fresh plain object), or throws DialbarError('bad-call-data') saying what is wrong. */
export function checkCallData(raw: unknown): CallData {
  const fault = callDataFault(raw);
  if (fault !== null) throw detailedError('bad-call-data', fault.detail, fault.values);
  return { ...(raw as CallData) };
}

/** Valid call data, for schemas at every boundary (the snapshot, the engine's dial). */
export const CallDataSchema = v.custom<CallData>((raw) => callDataProblem(raw) === null, 'bad-call-data');

/**
 * The `X-` headers of an inbound INVITE, kept within the same limits: a header with a bad name or
 * value is skipped (the caller's PBX is not ours to refuse), a repeated one keeps its first value,
 * and headers beyond the count or the total are dropped.
 */
export function inboundCallData(headers: ReadonlyArray<{ name: string; value: string }>): CallData {
  const out: CallData = {};
  const seen = new Set<string>();
  let total = 0;
  for (const { name, value } of headers) {
    if (!name.toLowerCase().startsWith('x-') || !isCallDataName(name) || !isCallDataValue(value)) continue;
    const lower = name.toLowerCase();
    if (seen.has(lower)) continue;
    if (seen.size >= CALL_DATA_LIMITS.count || total + name.length + value.length > CALL_DATA_LIMITS.total) break;
    seen.add(lower);
    total += name.length + value.length;
    out[name] = value;
  }
  return out;
}

/** Merges header sets in order; a later set's value wins over an earlier one's, names compared case-insensitively. */
export function mergeCallData(...sets: CallData[]): CallData {
  const byLower = new Map<string, [string, string]>();
  for (const set of sets) for (const [name, value] of Object.entries(set)) byLower.set(name.toLowerCase(), [name, value]);
  return Object.fromEntries(byLower.values());
}
