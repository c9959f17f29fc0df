/**
 * The bootstrap's digit test, without a regular expression: in a fresh isolated world the first
 * regular expression run costs about a millisecond (measured in Chromium 156), more than reading
 * a small frame's whole text, and every frame of a page is a fresh world.
 */

/** The detector's least digit count (a labelled number: MIN_LABELLED_DIGITS in src/detect/pieces.ts). */
export const CANDIDATE_DIGITS = 4;
/** Separators, labels and irregular spaces between two digits of one number: never more than this. */
export const GAP = 8;

/**
 * The zero of every block of decimal digits past ASCII (`\p{Nd}` of Unicode 17): Unicode keeps
 * each script's digits as ten code points in a row, 0 to 9. A unit test checks this table against
 * the `\p{Nd}` of the engine that runs it, over every code point.
 */
const ZEROS = [
  0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66,
  0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810,
  0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0,
  0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x10d40, 0x11066,
  0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x116d0, 0x116da,
  0x11730, 0x118e0, 0x11950, 0x11bf0, 0x11c50, 0x11d50, 0x11da0, 0x11de0, 0x11f50, 0x16130,
  0x16a60, 0x16ac0, 0x16b50, 0x16d70, 0x1ccf0, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6,
  0x1e140, 0x1e2f0, 0x1e4f0, 0x1e5f1, 0x1e950, 0x1fbf0,
];

/** True for a decimal digit of any script (`\p{Nd}`). */
export function isDigitCode(cp: number): boolean {
  if (cp < 0x80) return cp >= 48 && cp <= 57;
  if (cp < 0x660) return false;
  // The last zero at or below cp.
  let lo = 0;
  let hi = ZEROS.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((ZEROS[mid] as number) <= cp) lo = mid;
    else hi = mid - 1;
  }
  return cp - (ZEROS[lo] as number) < 10;
}

/** A digit run read so far: digits in it, and code points since its last digit. */
export interface RunState {
  digits: number;
  gap: number;
}

export const newRun = (): RunState => ({ digits: 0, gap: 0 });

/**
 * Reads `text` on from `state` (text read before, in document order), and returns true as soon as
 * CANDIDATE_DIGITS digits stand each within GAP code points of the one before. `state` is left
 * where the text ends, for the text that follows.
 */
export function readRun(text: string, state: RunState): boolean {
  let { digits, gap } = state;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (isDigitCode(cp)) {
      digits = gap > GAP ? 1 : digits + 1;
      gap = 0;
      if (digits >= CANDIDATE_DIGITS) {
        state.digits = digits;
        state.gap = 0;
        return true;
      }
    } else if (digits > 0) gap++;
  }
  state.digits = digits;
  state.gap = gap;
  return false;
}

/** True if `text` alone holds a digit run the detector might call a number. */
export function textHasCandidate(text: string): boolean {
  return readRun(text, newRun());
}
