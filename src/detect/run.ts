/**
 * A digit run: digit groups joined by short separators, as the scanner (scan.ts) reads it, and
 * the separator reader. Group i spans [gs[i], ge[i]).
 */
import { isCloseParen, isDash, isDigit, isDot, isOpenParen, isSlash, isSpace } from './chars';

// Separator flags.
export const S_SPACE = 1;
export const S_DASH = 2;
export const S_DOT = 4;
export const S_SLASH = 8;
export const S_OPEN = 16;
export const S_CLOSE = 32;
/** The wait-for-tone mark inside an IDD prefix ("8~10", "0~0" in libphonenumber's preferred prefixes). */
export const S_WAIT = 64;
/** Separators a run may be split at when it holds several numbers: spaces ("030 1234567 0171 …") and slashes. */
export const SPLIT = S_SPACE | S_SLASH;

/** One scan call's run, refilled for each run of that call so reading a run allocates no arrays. */
export class Run {
  count = 0;
  gs: number[] = [];
  ge: number[] = [];
  digits: string[] = [];
  /** Separator after group i (flags), and its single char code when it is exactly one char. */
  sepFlags: number[] = [];
  sepChar: number[] = [];
  consumed: boolean[] = [];
  /** Start of the run in text: the `+`, `(` or first digit. */
  start = 0;
  plusStart = -1;
  openParenStart = -1;
}

/** A separator between two digit groups: its flags, and its char code when it is one char, else 0. */
export interface Separator {
  flags: number;
  single: number;
}

/**
 * Reads the separator after a digit group ending at `pos`. Returns the position of the next
 * digit when the separator may sit inside a phone number, else -1, and describes it in `out`.
 * `waitMark`: a "~" may join the groups (right after a run's first group of one or two digits: "8~10 …").
 */
export function readSeparator(text: string, pos: number, parenDepth: number, out: Separator, waitMark: boolean): number {
  const n = text.length;
  let k = pos;
  let flags = 0;
  let spaces = 0;
  let marks = 0;
  let opens = 0;
  let closes = 0;
  let depth = parenDepth;
  while (k < n && k - pos < 5) {
    const c = text.charCodeAt(k);
    if (isSpace(c)) {
      spaces++;
      flags |= S_SPACE;
    } else if (isDash(c)) {
      marks++;
      flags |= S_DASH;
    } else if (isDot(c)) {
      marks++;
      flags |= S_DOT;
    } else if (isSlash(c)) {
      marks++;
      flags |= S_SLASH;
    } else if (c === 0x7e && waitMark && k === pos) {
      marks++;
      flags |= S_WAIT;
    } else if (isOpenParen(c)) {
      if (depth !== 0) return -1;
      depth = 1;
      opens++;
      flags |= S_OPEN;
    } else if (isCloseParen(c)) {
      if (depth !== 1) return -1;
      depth = 0;
      closes++;
      flags |= S_CLOSE;
    } else break;
    k++;
  }
  if (k >= n || k === pos || !isDigit(text.charCodeAt(k))) return -1;
  if (marks > 1 || opens > 1 || closes > 1) return -1;
  // Up to three spaces: numbers spaced out by hand ("0 781   2 3  4567"); wider gaps are columns.
  if (spaces > 3) return -1;
  // ". " ends a sentence; ").(" is not a phone layout. " / " stays in the run: it is both a
  // German area-code separator ("030 / 123 45 67") and a list separator ("030 1234567 / 0171 …"),
  // and the split step (SPLIT) tells them apart.
  if (flags & S_SPACE && flags & S_DOT) return -1;
  if (flags & S_OPEN && flags & S_CLOSE) return -1;
  out.flags = flags;
  out.single = k - pos === 1 ? text.charCodeAt(pos) : 0;
  return k;
}

/** Paren depth after the separator flags (only one open/close per separator). */
export function depthAfter(depth: number, flags: number): number {
  if (flags & S_OPEN && flags & S_CLOSE) return depth; // ")(" or "( )" unlikely; keep
  if (flags & S_OPEN) return 1;
  if (flags & S_CLOSE) return 0;
  return depth;
}
