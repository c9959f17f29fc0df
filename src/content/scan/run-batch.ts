import type { Run } from './block-text';
import type { Unit } from '../types';

/** A batch's runs, in parallel arrays: what `RunBatch.take()` hands over to be matched later. */
export interface BatchRuns {
  /** Offset of each run's text in the joined text. */
  at: number[];
  lengths: number[];
  /** Each run's own text: a number's `shown` is cut from it, not from the joined text (a slice keeps its whole source alive). */
  texts: string[];
  units: Unit[];
  /** A Run for text read across several nodes, the single text node, or a block holding only text (or the row of a cell). */
  runs: Array<Run | Text | Element>;
  /** For a cell read from its row's markup (row-reader.ts), its index among the row's element children; else -1. */
  cells: number[];
}

/** A new batch's arrays are made this long at least, or a quarter longer than the last batch's. */
const MIN_CAPACITY = 64;

/**
 * Arrays made at their expected length (holes until written) and cut to it when taken: a batch
 * filled by push grew its six arrays by copying, and on a 10,000-row table that growth was about
 * a quarter of all the scan allocated (4.8 of 17.6 MB, sampling heap profile).
 */
function emptyRuns(capacity: number): BatchRuns {
  return {
    at: new Array<number>(capacity),
    lengths: new Array<number>(capacity),
    texts: new Array<string>(capacity),
    units: new Array<Unit>(capacity),
    runs: new Array<Run | Text | Element>(capacity),
    cells: new Array<number>(capacity),
  };
}

/** Cuts the arrays to the `count` runs written. */
function cut(r: BatchRuns, count: number): void {
  if (r.at.length === count) return;
  r.at.length = count;
  r.lengths.length = count;
  r.texts.length = count;
  r.units.length = count;
  r.runs.length = count;
  r.cells.length = count;
}

/**
 * Short runs waiting for one detector call, joined by line breaks. Kept in parallel arrays: a big
 * table queues tens of thousands of runs and most are one text node, stored as the node itself
 * (no Run, no per-run object).
 */
export class RunBatch {
  /** The length `text` has: the texts and the line breaks between them. */
  length = 0;
  /** Runs written to `runs` (its arrays are longer until cut). */
  private count = 0;
  private runs: BatchRuns = emptyRuns(MIN_CAPACITY);

  get size(): number {
    return this.count;
  }

  get texts(): readonly string[] {
    return this.runs.texts.slice(0, this.count);
  }

  /** The runs' texts joined by line breaks: built once, when detected (adding with += made a string object per run). */
  get text(): string {
    cut(this.runs, this.count);
    return this.runs.texts.join('\n');
  }

  add(run: Run | Text | Element, text: string, unit: Unit, cell = -1): void {
    const r = this.runs;
    const n = this.count++;
    if (n > 0) this.length++;
    r.at[n] = this.length;
    r.lengths[n] = text.length;
    r.texts[n] = text;
    r.units[n] = unit;
    r.runs[n] = run;
    r.cells[n] = cell;
    this.length += text.length;
  }

  /** Hands the runs over (to be matched when the detector answers) and starts an empty batch. */
  take(): BatchRuns {
    const taken = this.runs;
    const count = this.count;
    cut(taken, count);
    this.runs = emptyRuns(Math.max(MIN_CAPACITY, count + (count >> 2)));
    this.count = 0;
    this.length = 0;
    return taken;
  }

  clear(): void {
    this.take();
  }
}

/** The index of the last run starting at or before `start`, searched from `from` (matches come sorted). */
export function seekRun(runs: BatchRuns, start: number, from: number): number {
  const at = runs.at;
  let i = from;
  while (i < at.length - 1 && (at[i + 1] as number) <= start) i++;
  return i;
}

/** True if [start, end) of the joined text lies within run i (not across a line break). */
export function holdsMatch(runs: BatchRuns, i: number, start: number, end: number): boolean {
  const s = start - (runs.at[i] as number);
  return s >= 0 && end > start && end - (runs.at[i] as number) <= (runs.lengths[i] as number);
}
