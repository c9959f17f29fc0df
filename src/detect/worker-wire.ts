/**
 * The detection worker's messages (entrypoints/detect-worker.ts ⇄ src/content/scan/worker-detector.ts).
 * The worker is started by the page script from a blob of its own file, so only that script can
 * post to it; each side still reads what crosses with these readers and drops what does not fit.
 */
import { type MatchList, PackedMatches } from './match-list';
import type { PhoneMatch } from './pieces';

/** One text to detect in, as the page script's batch joined it. */
export interface DetectRequest {
  id: number;
  text: string;
  country: string;
}

/**
 * The worker's answer: matches as [start, end, end of its number in `numbers`] triples (offsets
 * into the request's text) and their numbers joined (match-list.ts: no string per match).
 */
export type DetectReply = { id: number; triples: Int32Array; numbers: string; ms: number } | { id: number; error: string };

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

/** Packs the detector's matches for the trip back (typed triples and one string: no object or string per match). */
export function packReply(id: number, found: readonly PhoneMatch[], ms: number): DetectReply {
  const { triples, numbers } = PackedMatches.pack(found);
  return { id, triples, numbers, ms };
}

/** A reply read back into matches, or null if it is not a reply. `found` is null for an error reply. */
export function readReply(data: unknown): { id: number; found: MatchList | null; ms: number } | null {
  if (typeof data !== 'object' || data === null) return null;
  const { id, triples, numbers, ms, error } = data as Record<string, unknown>;
  if (!isId(id)) return null;
  if (typeof error === 'string') return { id, found: null, ms: 0 };
  if (!isInt32Array(triples) || typeof numbers !== 'string' || !PackedMatches.valid(triples, numbers)) return null;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return null;
  return { id, found: new PackedMatches(triples, numbers), ms };
}
