import { isDigit } from '../../detect/chars';

/** The detector never matches fewer digits than this (a labelled short number); shorter runs are skipped. */
const MIN_DIGITS = 4;

/**
 * A "run" is the text of one visual line of a block: the data of consecutive text nodes joined
 * across inline elements. Offsets in the joined text map back to (text node, offset).
 */
export interface Segment {
  node: Text;
  /** Offset of the node's first character in the run's text. */
  start: number;
  /** The node's length when it was read. */
  length: number;
}

export class Run {
  text = '';
  readonly segments: Segment[] = [];

  /** Appends a text node (`data`: its data, when the caller has read it already). */
  add(node: Text, data = node.data): void {
    this.segments.push({ node, start: this.text.length, length: data.length });
    this.text += data;
  }

  get empty(): boolean {
    return this.segments.length === 0;
  }

  /**
   * The index of the segment holding `offset`. A start offset on a node boundary belongs to the
   * next node, an end offset to the previous one, so a range never starts or ends in the wrong node.
   */
  indexAt(offset: number, isEnd: boolean): number {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const seg = segs[mid] as Segment;
      if (seg.start < offset || (!isEnd && seg.start === offset)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The DOM position (text node, offset in it) of an offset in the run's text. */
  locate(offset: number, isEnd: boolean): { node: Text; offset: number } | null {
    const seg = this.segments[this.indexAt(offset, isEnd)];
    if (!seg) return null;
    const inNode = offset - seg.start;
    if (inNode < 0 || inNode > seg.length) return null;
    return { node: seg.node, offset: inNode };
  }

  /** The text nodes a [start, end) slice touches. */
  nodesIn(start: number, end: number): Text[] {
    const first = this.indexAt(start, false);
    const last = this.indexAt(end, true);
    return this.segments.slice(first, last + 1).map((s) => s.node);
  }
}

/** One detection window: the slice [from, to) is given to the detector; matches starting in [acceptFrom, acceptTo) are kept. */
export interface Window {
  from: number;
  to: number;
  acceptFrom: number;
  acceptTo: number;
}

/**
 * Detection windows over a long text: at most `size` characters, overlapping by `overlap`. Each
 * window keeps only matches that start before the middle of its overlap with the next one, so a
 * number (far shorter than overlap / 2) on a boundary is found once and whole. Short texts are
 * one window, so the detector never gets a megabyte of digits in one call.
 */
export function windows(length: number, size = 4096, overlap = 128): Window[] {
  if (length <= size) return [{ from: 0, to: length, acceptFrom: 0, acceptTo: length }];
  const out: Window[] = [];
  let acceptFrom = 0;
  for (let from = 0; ; from += size - overlap) {
    const to = Math.min(length, from + size);
    const acceptTo = to === length ? length : to - overlap / 2;
    out.push({ from, to, acceptFrom, acceptTo });
    if (to === length) break;
    acceptFrom = acceptTo;
  }
  return out;
}

/** True if `text` (or text[from, to)) has at least MIN_DIGITS digits (any script the detector reads as digits). */
export function enoughDigits(text: string, from = 0, to = text.length): boolean {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x39 ? c >= 0x30 : c >= 0x660 && isDigit(c)) {
      if (++count >= MIN_DIGITS) return true;
    }
  }
  return false;
}

/**
 * The text node and offset of a character offset in the text of a block holding only text. A
 * start on a node boundary belongs to the next node, an end to the previous one.
 */
export function leafPosition(el: Element, offset: number, isEnd: boolean): { node: Text; offset: number } | null {
  let rest = offset;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 3) continue;
    const length = (n as Text).length;
    if (rest < length || (isEnd && rest === length)) return { node: n as Text, offset: rest };
    rest -= length;
  }
  return null;
}
