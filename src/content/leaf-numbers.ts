import { leafPosition } from './scan/block-text';
import type { Detection, PhoneRecord } from './types';

/**
 * Where the numbers are in one block that holds only text (a table cell, read from its row's
 * markup or whole): spans [start, end) of the block's text (its Text children, as textContent
 * gives them), each packed in one small integer; one span bare, several in an array. On a big
 * table almost every number is one of these and most are far from the viewport: kept this way
 * they cost no object, no string and no wrapper of their text nodes (in an isolated world each
 * wrapper is one more thing every garbage collection walks). Records, with their E.164 numbers,
 * are made from them only to paint or hit-test (leafRecords).
 */
export type LeafSpans = number | number[];

/** Blocks read this way hold at most this many characters (the scanner batches 1,024 at most). */
export const MAX_LEAF_TEXT = 0x7fff;
const SHIFT = 0x8000;

/** Reads a block's text and finds its numbers (the scanner's detector, with its country). */
export type LeafDetect = (text: string) => Detection[];

export function packSpan(start: number, end: number): number {
  return start * SHIFT + end;
}

export function spanStart(span: number): number {
  return Math.floor(span / SHIFT);
}

export function spanEnd(span: number): number {
  return span % SHIFT;
}

/** The spans with one more, or null if it is there already (a block read twice). */
export function addSpan(spans: LeafSpans, span: number): LeafSpans | null {
  if (typeof spans === 'number') return spans === span ? null : [spans, span];
  if (spans.includes(span)) return null;
  spans.push(span);
  return spans;
}

export function spanCount(spans: LeafSpans): number {
  return typeof spans === 'number' ? 1 : spans.length;
}

/**
 * Records for a block's spans, its text read and its numbers found again now (a few cells at a
 * time: those near the viewport or under the pointer). A span the detector no longer finds
 * there (the text changed since it was read: its rescan is queued by the mutation) gets none.
 */
export function leafRecords(unit: Element, spans: LeafSpans, detect: LeafDetect): PhoneRecord[] {
  const text = unit.textContent ?? '';
  let found: Detection[];
  try {
    found = detect(text);
  } catch {
    return [];
  }
  const out: PhoneRecord[] = [];
  for (const span of typeof spans === 'number' ? [spans] : spans) {
    const start = spanStart(span);
    const end = spanEnd(span);
    const match = found.find((m) => m.start === start && m.end === end);
    const record = match ? leafRecord(unit, text, start, end, match.number) : null;
    if (record) out.push(record);
  }
  return out;
}

/** The record of one number at [start, end) of a text-only block whose text is `text`; null if its nodes are not there. */
export function leafRecord(unit: Element, text: string, start: number, end: number, number: string): PhoneRecord | null {
  if (end > text.length) return null;
  const from = leafPosition(unit, start, false);
  if (!from) return null;
  // Most cells are one text node: the end is then in the start's node.
  const endIn = from.offset + end - start;
  const to = endIn <= from.node.length ? { node: from.node, offset: endIn } : leafPosition(unit, end, true);
  if (!to) return null;
  return { number, shown: text.slice(start, end), unit, startNode: from.node, startOffset: from.offset, endNode: to.node, endOffset: to.offset, range: null };
}
