import { describe, expect, it } from 'vitest';
import { CANDIDATE_DIGITS, GAP, isDigitCode, newRun, readRun, textHasCandidate } from '../../../src/content/boot/digit-run';

/** The engine's own idea of a decimal digit, the oracle the table is checked against. */
const ND = /^\p{Nd}$/u;
/** The bootstrap's rule as a regular expression (as it was written before the table): the oracle for runs. */
const RUN = new RegExp(`\\p{Nd}(?:[^\\p{Nd}]{0,${GAP}}\\p{Nd}){${CANDIDATE_DIGITS - 1}}`, 'u');

/** A small seeded generator, so a failing string can be found again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('the bootstrap digit table', () => {
  it('says digit for exactly the code points the engine’s \\p{Nd} does, over all of Unicode', () => {
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (isDigitCode(cp) !== ND.test(String.fromCodePoint(cp))) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});

describe('reading a digit run', () => {
  // Digits of several scripts (ASCII, Arabic-Indic, Devanagari, fullwidth, astral math and Osmanya) and non-digits (astral ones too).
  const digits = ['0', '7', '٣', '۵', '५', '９', '𝟘', '𝟫', '𐒡'];
  const others = [' ', '-', '.', '(', ')', 'a', 'é', '/', '\u200f', '😀', '𐀀', '\u00a0', 'Ⅻ', '²'];

  it('agrees with the regular expression it replaces on 20,000 generated strings', () => {
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

  it('counts a gap of GAP characters as joined and one more as apart, astral characters as one', () => {
    expect(textHasCandidate(`1${'-'.repeat(GAP)}2${'-'.repeat(GAP)}3${'-'.repeat(GAP)}4`)).toBe(true);
    expect(textHasCandidate(`12${'-'.repeat(GAP + 1)}34`)).toBe(false);
    expect(textHasCandidate(`12${'😀'.repeat(GAP)}34`)).toBe(true);
  });
});
