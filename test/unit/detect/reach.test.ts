/**
 * Precision and recall of the detector over the cases generated from libphonenumber-js's own
 * metadata and example numbers (test/detect-cases/). Issue 13's target: precision >= 99.5 %,
 * recall >= 99.0 %, overall. Per-form numbers are printed so a regression shows where it is.
 */
import { describe, expect, it } from 'vitest';
import { findPhoneNumbers } from '../../../src/detect/index';
import { type Case, generateCases } from '../../detect-cases/index';

interface Tally {
  cases: number;
  tp: number;
  fp: number;
  fn: number;
}

/** Issue 13's target. */
const TARGET = { precision: 99.5, recall: 99.0 };
/**
 * Baseline, before the issue-13 fixes (seed 13, 7942 cases then): precision 95.31 %, recall
 * 83.90 %. The target is reached now, so the test asserts the target itself.
 */
const FLOOR = TARGET;

const pct = (a: number, b: number): number => (b === 0 ? 100 : (100 * a) / b);

function score(cases: readonly Case[]): { total: Tally; byForm: Map<string, Tally>; misses: string[]; wrong: string[] } {
  const total: Tally = { cases: 0, tp: 0, fp: 0, fn: 0 };
  const byForm = new Map<string, Tally>();
  const misses: string[] = [];
  const wrong: string[] = [];
  for (const c of cases) {
    const found = findPhoneNumbers(c.text, { defaultCountry: c.country }).map((m) => m.number);
    const left = [...c.expected];
    let tp = 0;
    let fp = 0;
    for (const f of found) {
      const k = left.indexOf(f);
      if (k >= 0) {
        left.splice(k, 1);
        tp++;
      } else fp++;
    }
    const t = byForm.get(c.form) ?? { cases: 0, tp: 0, fp: 0, fn: 0 };
    byForm.set(c.form, t);
    for (const x of [t, total]) {
      x.cases++;
      x.tp += tp;
      x.fp += fp;
      x.fn += left.length;
    }
    const line = `${c.form} ${c.country} ${JSON.stringify(c.text)} expected ${JSON.stringify(c.expected)} found ${JSON.stringify(found)}`;
    if (left.length) misses.push(line);
    if (fp) wrong.push(line);
  }
  return { total, byForm, misses, wrong };
}

describe('generated cases (libphonenumber metadata and examples)', () => {
  const cases = generateCases();

  it('is deterministic and a few thousand cases', () => {
    expect(cases.length).toBeGreaterThan(5000);
    expect(generateCases().slice(0, 50)).toEqual(cases.slice(0, 50));
  });

  it(`precision and recall (target ${TARGET.precision} % / ${TARGET.recall} %)`, () => {
    const { total, byForm, misses, wrong } = score(cases);
    const rows = [...byForm.entries()].sort(([a], [b]) => a.localeCompare(b));
    const lines = ['| form | cases | precision % | recall % | FP | FN |', '|---|---|---|---|---|---|'];
    for (const [form, t] of [...rows, ['ALL', total] as const]) {
      const r = form.startsWith('neg-') ? '–' : pct(t.tp, t.tp + t.fn).toFixed(2);
      lines.push(`| ${form} | ${t.cases} | ${pct(t.tp, t.tp + t.fp).toFixed(2)} | ${r} | ${t.fp} | ${t.fn} |`);
    }
    console.log(lines.join('\n'));
    if (process.env.REACH_SHOW) console.log(['misses:', ...misses, 'false positives:', ...wrong].join('\n'));
    const precision = pct(total.tp, total.tp + total.fp);
    const recall = pct(total.tp, total.tp + total.fn);
    console.log(`precision ${precision.toFixed(2)} %, recall ${recall.toFixed(2)} % (target ${TARGET.precision} / ${TARGET.recall})`);
    expect(precision).toBeGreaterThanOrEqual(FLOOR.precision);
    expect(recall).toBeGreaterThanOrEqual(FLOOR.recall);
  });
});
