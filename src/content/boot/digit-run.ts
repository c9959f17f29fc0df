/**
 * The bootstrap's digit runs, read without a regular expression: in a fresh isolated world the
 * first regular expression run costs about a millisecond (measured in Chromium 156), more than
 * reading a small frame's whole text, and every frame of a page is a fresh world. A digit is one
 * the detector reads (its own `isDigit`: ASCII, fullwidth, Arabic-Indic, Persian, Devanagari), so
 * the bootstrap never asks for the page script over digits the detector cannot read, and never
 * misses ones it can.
 */
import { isDigit } from '../../detect/chars';

/** The detector's least digit count (a labelled number: MIN_LABELLED_DIGITS in src/detect/pieces.ts). */
export const CANDIDATE_DIGITS = 4;
/** Separators, labels and irregular spaces between two digits of one number: never more than this. */
export const GAP = 8;

/** A digit run read so far: digits in it, and characters (UTF-16 code units) since its last digit. */
export interface RunState {
  digits: number;
  gap: number;
}

export const newRun = (): RunState => ({ digits: 0, gap: 0 });

/**
 * Reads `text` on from `state` (text read before, in document order), and returns true as soon as
 * CANDIDATE_DIGITS digits stand each within GAP characters of the one before. `state` is left
 * where the text ends, for the text that follows.
 */
export function readRun(text: string, state: RunState): boolean {
  let { digits, gap } = state;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    if (isDigit(text.charCodeAt(i))) {
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
