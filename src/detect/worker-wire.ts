/**
 * The detection worker's messages (entrypoints/detect-worker.ts ⇄ src/content/scan/worker-detector.ts).
 * The worker is started by the page script from a blob of its own file, so only that script can
 * post to it; each side still reads what crosses with these readers and drops what does not fit.
 */
import type { PhoneMatch } from './pieces';

/** One text to detect in, as the page script's batch joined it. */
export interface DetectRequest {
  id: number;
  text: string;
  country: string;
}

/** The worker's answer: matches as [start, end] pairs (offsets into the request's text) and their numbers. */
export type DetectReply = { id: number; spans: Int32Array; numbers: string[]; ms: number } | { id: number; error: string };

/** Batches are at most a few thousand characters; anything much longer is not ours. */
export const MAX_REQUEST_CHARS = 1 << 20;
const COUNTRY = /^[A-Z]{2}$/;

/** By tag, not instanceof: the array is made in whichever world reads the message. */
function isInt32Array(v: unknown): v is Int32Array {
  return ArrayBuffer.isView(v) && Object.prototype.toString.call(v) === '[object Int32Array]';
}

function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

export function readRequest(data: unknown): DetectRequest | null {
  if (typeof data !== 'object' || data === null) return null;
  const { id, text, country } = data as Record<string, unknown>;
  if (!isId(id) || typeof text !== 'string' || text.length > MAX_REQUEST_CHARS) return null;
  if (typeof country !== 'string' || !COUNTRY.test(country)) return null;
  return { id, text, country };
}

/** Packs the detector's matches for the trip back (typed pairs: one array, not an object per match). */
export function packReply(id: number, found: readonly PhoneMatch[], ms: number): DetectReply {
  const spans = new Int32Array(found.length * 2);
  const numbers: string[] = [];
  found.forEach((m, i) => {
    spans[i * 2] = m.start;
    spans[i * 2 + 1] = m.end;
    numbers.push(m.number);
  });
  return { id, spans, numbers, ms };
}

/** A reply read back into matches, or null if it is not a reply. `found` is null for an error reply. */
export function readReply(data: unknown): { id: number; found: PhoneMatch[] | null; ms: number } | null {
  if (typeof data !== 'object' || data === null) return null;
  const { id, spans, numbers, ms, error } = data as Record<string, unknown>;
  if (!isId(id)) return null;
  if (typeof error === 'string') return { id, found: null, ms: 0 };
  if (!isInt32Array(spans) || !Array.isArray(numbers) || spans.length !== numbers.length * 2) return null;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return null;
  const found: PhoneMatch[] = [];
  for (let i = 0; i < numbers.length; i++) {
    const number: unknown = numbers[i];
    const start = spans[i * 2] as number;
    const end = spans[i * 2 + 1] as number;
    if (typeof number !== 'string' || start < 0 || end <= start) return null;
    found.push({ start, end, number });
  }
  return { id, found, ms };
}
