/**
 * Phone detector benchmark: throughput of `findPhoneNumbers` against libphonenumber-js's own
 * `findNumbers` (max metadata, v2) on the same generated business text, plus precision and
 * recall of both against the generator's labels.
 *
 *   npx tsx test/bench/detector.bench.ts            (default ~4 MB of text, 3 repetitions)
 *   BENCH_MB=2 BENCH_REPS=3 npx tsx test/bench/detector.bench.ts
 */
import { type CountryCode, findNumbers } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.max.json';
import { findPhoneNumbers } from '../../src/detect/index';
import { type BusinessText, generateBusinessText, generateTrapText, type LabelledNumber } from './business-text';
import { percentile, printTable } from './table';

const PAGE_COUNTRIES = ['DE', 'US', 'GB', 'FR', 'CN', 'JP', 'IN', 'BR'];

interface Found {
  start: number;
  end: number;
  number: string;
}

function ours(page: BusinessText): Found[] {
  return findPhoneNumbers(page.text, { defaultCountry: page.defaultCountry });
}

function theirs(page: BusinessText): Found[] {
  return findNumbers(page.text, { defaultCountry: page.defaultCountry as CountryCode, v2: true }, metadata).map((m) => ({
    start: m.startsAt,
    end: m.endsAt,
    number: m.number.ext ? `${m.number.number};ext=${m.number.ext}` : m.number.number,
  }));
}

const base = (n: string): string => n.split(';')[0] ?? n;

interface Score {
  tp: number;
  fp: number;
  fn: number;
  exact: number;
  falsePositives: string[];
  misses: string[];
}

/** A find is correct when its E.164 (without extension) equals a label's and the spans overlap. */
function score(page: BusinessText, found: Found[]): Score {
  const exp = [...page.expected].sort((a, b) => a.start - b.start);
  const used = new Uint8Array(exp.length);
  const s: Score = { tp: 0, fp: 0, fn: 0, exact: 0, falsePositives: [], misses: [] };
  let lo = 0;
  for (const f of found) {
    while (lo < exp.length && (exp[lo] as LabelledNumber).end <= f.start) lo++;
    let hit = -1;
    for (let k = lo; k < exp.length && (exp[k] as LabelledNumber).start < f.end; k++) {
      const e = exp[k] as LabelledNumber;
      if (!used[k] && e.end > f.start && base(e.number) === base(f.number)) {
        hit = k;
        break;
      }
    }
    if (hit >= 0) {
      used[hit] = 1;
      s.tp++;
      const e = exp[hit] as LabelledNumber;
      if (e.start === f.start && e.end === f.end && e.number === f.number) s.exact++;
    } else {
      s.fp++;
      if (s.falsePositives.length < 400)
        s.falsePositives.push(`${JSON.stringify(page.text.slice(Math.max(0, f.start - 25), f.end + 10))} -> ${f.number}`);
    }
  }
  exp.forEach((e, k) => {
    if (!used[k]) {
      s.fn++;
      if (s.misses.length < 400) s.misses.push(`${JSON.stringify(page.text.slice(e.start, e.end))} (${e.number})`);
    }
  });
  return s;
}

function timeIt(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export default async function run(): Promise<void> {
  const mb = Number(process.env.BENCH_MB ?? 4);
  const reps = Number(process.env.BENCH_REPS ?? 3);
  const perPage = Math.round((mb * 1_000_000) / PAGE_COUNTRIES.length);
  const pages = PAGE_COUNTRIES.map((dc, i) => generateBusinessText({ bytes: perPage, seed: 1000 + i, defaultCountry: dc }));
  const totalChars = pages.reduce((a, p) => a + p.text.length, 0);
  const totalBytes = pages.reduce((a, p) => a + Buffer.byteLength(p.text, 'utf8'), 0);
  const labels = pages.reduce((a, p) => a + p.expected.length, 0);

  // Warm-up (JIT, metadata caches), then alternate the two detectors.
  for (const p of pages) {
    ours({ ...p, text: p.text.slice(0, 50_000) });
    theirs({ ...p, text: p.text.slice(0, 50_000) });
  }
  const oursMs: number[] = [];
  const theirsMs: number[] = [];
  for (let r = 0; r < reps; r++) {
    oursMs.push(timeIt(() => pages.forEach(ours)));
    theirsMs.push(timeIt(() => pages.forEach(theirs)));
  }
  const mbps = (ms: number) => totalBytes / 1e6 / (ms / 1000);
  const oursMed = percentile(oursMs, 50);
  const theirsMed = percentile(theirsMs, 50);
  printTable({
    title: `Throughput on ${(totalBytes / 1e6).toFixed(2)} MB (${totalChars} UTF-16 units, ${labels} labelled numbers, ${PAGE_COUNTRIES.length} page countries), ${reps} reps`,
    columns: ['detector', 'median ms', 'p90 ms', 'median MB/s', 'ratio'],
    rows: [
      ['findPhoneNumbers (dialbar)', oursMed, percentile(oursMs, 90), mbps(oursMed), theirsMed / oursMed],
      ['libphonenumber findNumbers (max, v2)', theirsMed, percentile(theirsMs, 90), mbps(theirsMed), 1],
    ],
    notes: ['ratio = libphonenumber median time / this detector median time (higher is better)'],
  });

  const perCountry: Array<Array<string | number>> = [];
  const totals = { ours: { tp: 0, fp: 0, fn: 0, exact: 0 }, theirs: { tp: 0, fp: 0, fn: 0, exact: 0 } };
  const oursFp: string[] = [];
  const oursFn: string[] = [];
  const theirsFp: string[] = [];
  for (const p of pages) {
    const a = score(p, ours(p));
    const b = score(p, theirs(p));
    for (const [k, s] of [
      ['ours', a],
      ['theirs', b],
    ] as const) {
      totals[k].tp += s.tp;
      totals[k].fp += s.fp;
      totals[k].fn += s.fn;
      totals[k].exact += s.exact;
    }
    oursFp.push(...a.falsePositives.slice(0, 15).map((x) => `[${p.defaultCountry}] ${x}`));
    oursFn.push(...a.misses.slice(0, 15).map((x) => `[${p.defaultCountry}] ${x}`));
    theirsFp.push(...b.falsePositives.slice(0, 3).map((x) => `[${p.defaultCountry}] ${x}`));
    const pr = (s: Score) => (s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1);
    const rc = (s: Score) => (s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1);
    perCountry.push([p.defaultCountry, p.expected.length, pr(a), rc(a), a.fp, a.fn, pr(b), rc(b), b.fp, b.fn]);
  }
  printTable({
    title: 'Precision / recall per page country (match = same E.164 and overlapping span)',
    columns: ['page', 'labels', 'P ours', 'R ours', 'FP ours', 'FN ours', 'P lpn', 'R lpn', 'FP lpn', 'FN lpn'],
    rows: perCountry,
  });
  const row = (name: string, t: { tp: number; fp: number; fn: number; exact: number }) => [
    name,
    t.tp,
    t.fp,
    t.fn,
    t.tp / (t.tp + t.fp),
    t.tp / (t.tp + t.fn),
    t.tp ? t.exact / t.tp : 0,
  ];
  printTable({
    title: 'Precision / recall, all pages',
    columns: ['detector', 'TP', 'FP', 'FN', 'precision', 'recall', 'exact span+ext'],
    rows: [row('findPhoneNumbers (dialbar)', totals.ours), row('libphonenumber findNumbers', totals.theirs)],
    notes: ['exact span+ext: share of true positives whose [start,end) and ;ext= match the label exactly'],
  });
  // Trap-only text: every find is a false positive.
  const trapRows: Array<Array<string | number>> = [];
  const trapSamples: string[] = [];
  const trapText = generateTrapText({ bytes: 500_000, seed: 77 });
  const trapMb = Buffer.byteLength(trapText, 'utf8') / 1e6;
  for (const dc of PAGE_COUNTRIES) {
    const page: BusinessText = { text: trapText, defaultCountry: dc, expected: [] };
    const a = ours(page);
    const b = theirs(page);
    trapSamples.push(...a.slice(0, 3).map((f) => `[${dc}] ${JSON.stringify(trapText.slice(Math.max(0, f.start - 20), f.end + 5))} -> ${f.number}`));
    trapRows.push([dc, a.length, a.length / trapMb, b.length, b.length / trapMb]);
  }
  printTable({
    title: `False positives on ${trapMb.toFixed(2)} MB of trap-only text (dates, prices, ids, IBANs, IPs, versions, measures)`,
    columns: ['page', 'FP ours', 'FP/MB ours', 'FP lpn', 'FP/MB lpn'],
    rows: trapRows,
  });
  if (process.env.BENCH_VERBOSE) {
    console.log('\nOur false positives on trap-only text (sample):');
    for (const x of trapSamples) console.log(`  ${x}`);
    console.log('\nOur false positives (sample):');
    for (const x of oursFp) console.log(`  ${x}`);
    console.log('\nOur misses (sample):');
    for (const x of oursFn) console.log(`  ${x}`);
    console.log('\nlibphonenumber false positives (sample):');
    for (const x of theirsFp) console.log(`  ${x}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
