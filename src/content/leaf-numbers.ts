import { leafPosition } from './scan/block-text';
import type { PhoneRecord } from './types';

/**
 * The numbers found in one block that holds only text (a table cell, read from its row's markup
 * or whole): flat triples [start, end, number], offsets in the block's text (its Text children,
 * as textContent gives them). On a big table almost every number is one of these, and most are
 * far from the viewport: kept this way they cost no record object, no shown text and no wrapper
 * for their text nodes (in an isolated world each wrapper is one more thing every garbage
 * collection walks). Records are made from them only to paint or hit-test (leafRecords).
 */
export type LeafNumbers = Array<number | string>;

/** Adds a number to a block's list; false if that span is listed already (a block read twice). */
export function addLeafNumber(list: LeafNumbers, start: number, end: number, number: string): boolean {
  for (let i = 0; i < list.length; i += 3) if (list[i] === start && list[i + 1] === end) return false;
  list.push(start, end, number);
  return true;
}

/** How many numbers a list holds. */
export function leafCount(list: LeafNumbers): number {
  return list.length / 3;
}

/**
 * Records for a block's listed numbers, with its text nodes looked up now. A span the text no
 * longer has (changed since it was read: its rescan is queued by the mutation) gets no record.
 */
export function leafRecords(unit: Element, list: LeafNumbers): PhoneRecord[] {
  const text = unit.textContent ?? '';
  const out: PhoneRecord[] = [];
  for (let i = 0; i < list.length; i += 3) {
    const start = list[i] as number;
    const end = list[i + 1] as number;
    if (end > text.length) continue;
    const from = leafPosition(unit, start, false);
    if (!from) continue;
    // Most cells are one text node: the end is then in the start's node.
    const endIn = from.offset + end - start;
    const to = endIn <= from.node.length ? { node: from.node, offset: endIn } : leafPosition(unit, end, true);
    if (!to) continue;
    out.push({
      number: list[i + 2] as string,
      shown: text.slice(start, end),
      unit,
      startNode: from.node,
      startOffset: from.offset,
      endNode: to.node,
      endOffset: to.offset,
      range: null,
    });
  }
  return out;
}
