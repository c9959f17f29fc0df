import { describe, expect, it } from 'vitest';
import { CANDIDATE_DIGITS, GAP, newRun, readRun, textHasCandidate } from '../../../src/content/boot/digit-run';

/** The digits the detector reads (src/detect/chars.ts), written out here for the oracle. */
const DIGITS = '0-9\\uff10-\\uff19\\u0660-\\u0669\\u06f0-\\u06f9\\u0966-\\u096f';
/** The bootstrap's rule as a regular expression: the oracle for runs. */
const RUN = new RegExp(`[${DIGITS}](?:[^${DIGITS}]{0,${GAP}}[${DIGITS}]){${CANDIDATE_DIGITS - 1}}`);

/** A small seeded generator, so a failing string can be found again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('reading a digit run', () => {
  // Digits of every script the detector reads, and characters that are not (digits of other scripts among them).
  const digits = ['0', '7', '٣', '۵', '५', '９'];
  const others = [' ', '-', '.', '(', ')', 'a', 'é', '/', '\u200f', '😀', '\u00a0', 'Ⅻ', '²', '৩', '𝟘'];

  it('agrees with a regular expression of the same rule on 20,000 generated strings', () => {
    const next = random(13);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T;
    let positives = 0;
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const length = 1 + Math.floor(next() * 30);
      for (let i = 0; i < length; i++) text += next() < 0.35 ? pick(digits) : pick(others).repeat(1 + Math.floor(next() * 4));
      const expected = RUN.test(text);
      if (expected) positives++;
      expect(textHasCandidate(text), JSON.stringify(text)).toBe(expected);
    }
    // Both answers are common in the set, so agreement means something.
    expect(positives).toBeGreaterThan(4_000);
    expect(positives).toBeLessThan(16_000);
  });

  it('counts the digits the detector reads, and no others', () => {
    for (const run of ['4155', '４１５５', '٤١٥٥', '۴۱۵۵', '४१५५']) expect(textHasCandidate(run), run).toBe(true);
    for (const run of ['৪১৫৫', '𝟒𝟏𝟓𝟓', '²³⁴⁵']) expect(textHasCandidate(run), run).toBe(false); // Bengali, mathematical, superscript
  });

  it('carries a run across pieces of text read one after another', () => {
    const run = newRun();
    expect(readRun('Call 41', run)).toBe(false);
    expect(readRun('5', run)).toBe(false);
    expect(readRun(' 5', run)).toBe(true);
    const gapped = newRun();
    expect(readRun('123', gapped)).toBe(false);
    expect(readRun(' '.repeat(GAP + 1), gapped)).toBe(false);
    expect(readRun('4', gapped)).toBe(false);
  });

  it('counts a gap of GAP characters as joined and one more as apart', () => {
    expect(textHasCandidate(`1${'-'.repeat(GAP)}2${'-'.repeat(GAP)}3${'-'.repeat(GAP)}4`)).toBe(true);
    expect(textHasCandidate(`12${'-'.repeat(GAP + 1)}34`)).toBe(false);
  });
});
