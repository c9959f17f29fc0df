import type { Run } from './block-text';
import type { Unit } from '../types';

/** A batch's runs, in parallel arrays: what `RunBatch.take()` hands over to be matched later. */
export interface BatchRuns {
  /** Offset of each run's text in the joined text. */
  at: Int32Array;
  lengths: Int32Array;
  /**
   * Each run's own text: a number's `shown` is cut from it, not from the joined text (a slice
   * keeps its whole source alive). Empty for a cell's run (its record needs only offsets), and
   * an empty list when every run is a cell's.
   */
  texts: readonly string[];
  /** Each run's unit; the very list `runs` is when every run is its own unit (a cell's row). */
  units: readonly Unit[];
  /**
   * A Run for text read across several nodes, the single text node, or a block holding only text
   * (or the row of a cell). May be longer than the batch (`at.length` runs): the list is reused.
   */
  runs: Array<Run | Text | Element>;
  /** For a cell read from its row's markup (row-reader.ts), its index among the row's element children; else -1. */
  cells: Int32Array;
}

/** A new batch's arrays are made this long at least, or a quarter longer than the last batch's. */
const MIN_CAPACITY = 64;
const NO_TEXTS: readonly string[] = Object.freeze([]);
/** Lists of runs kept for reuse: as many as batches can be out with the worker, and one. */
const SPARE_RUNS = 4;

/**
 * Short runs waiting for one detector call, joined by line breaks. Kept in parallel arrays: a big
 * table queues tens of thousands of runs and most are one text node, stored as the node itself
 * (no Run, no per-run object).
 *
 * A batch lives until the worker answers it, long enough for V8 to promote what it holds to the
 * old generation, whose growth during a big scan sets off a major garbage collection of the whole
 * page (README, page scan). So what a batch hands over is small: offsets and cell indexes in typed
 * arrays (their storage lies outside V8's heap), one list of nodes, and texts and units only where
 * they say more than that list (not on a table read from its rows' markup). The texts and units
 * are written to lists this batch keeps and reuses. The arrays are made at their expected length
 * and cut when taken: grown by `push`, their copies had been a quarter of all a 10,000-row scan
 * allocated (4.8 of 17.6 MB, sampling heap profile).
 */
export class RunBatch {
  /** The length `text` has: the texts and the line breaks between them. */
  length = 0;
  /** Set once the scan met a table section of a thousand rows or more (row-reader.ts). */
  bigTable = false;
  /** Runs written (the arrays are longer until cut). */
  private count = 0;
  /** Runs that are not a cell's (their texts are handed over). */
  private plain = 0;
  /** True if a run's unit is not the run itself (the units are handed over). */
  private unitsDiffer = false;
  private at = new Int32Array(MIN_CAPACITY);
  private lengths = new Int32Array(MIN_CAPACITY);
  private cells = new Int32Array(MIN_CAPACITY);
  private runs = new Array<Run | Text | Element>(MIN_CAPACITY);
  /** Reused from batch to batch (see the class comment). */
  private readonly textList: string[] = [];
  private readonly unitList: Unit[] = [];
  private readonly spareRuns: Array<Array<Run | Text | Element>> = [];

  get size(): number {
    return this.count;
  }

  get texts(): readonly string[] {
    return this.textList.slice(0, this.count);
  }

  /** The runs' texts joined by line breaks: built once, when detected (adding with += made a string object per run). */
  get text(): string {
    const texts = this.textList;
    if (texts.length !== this.count) texts.length = this.count;
    return texts.join('\n');
  }

  add(run: Run | Text | Element, text: string, unit: Unit, cell = -1): void {
    const n = this.count++;
    if (n === this.at.length) this.grow(n + (n >> 1) + MIN_CAPACITY);
    if (n > 0) this.length++;
    this.at[n] = this.length;
    this.lengths[n] = text.length;
    this.textList[n] = text;
    this.unitList[n] = unit;
    this.runs[n] = run;
    this.cells[n] = cell;
    if (cell < 0) this.plain++;
    if (unit !== run) this.unitsDiffer = true;
    this.length += text.length;
  }

  /** Hands the runs over (to be matched when the detector answers) and starts an empty batch. */
  take(): BatchRuns {
    const count = this.count;
    const runs = this.runs;
    const taken: BatchRuns = {
      at: this.at.subarray(0, count),
      lengths: this.lengths.subarray(0, count),
      cells: this.cells.subarray(0, count),
      runs,
      texts: this.plain === 0 ? NO_TEXTS : this.textList.slice(0, count).map((text, i) => (this.cells[i] as number) < 0 ? text : ''),
      // Not differing, every run is a unit (an element): the list of runs is the list of units.
      units: this.unitsDiffer ? this.unitList.slice(0, count) : (runs as readonly Node[] as readonly Unit[]),
    };
    // A cell's text is a slice of its row's markup: left in the reused list, it would keep every
    // row's markup of this batch alive until the next batch wrote over it (and a unit its node).
    this.textList.fill('', 0, count);
    (this.unitList as unknown[]).fill(undefined, 0, count);
    const capacity = Math.max(MIN_CAPACITY, count + (count >> 2));
    this.at = new Int32Array(capacity);
    this.lengths = new Int32Array(capacity);
    this.cells = new Int32Array(capacity);
    this.runs = this.spareRuns.pop() ?? new Array<Run | Text | Element>(capacity);
    this.count = 0;
    this.plain = 0;
    this.unitsDiffer = false;
    this.length = 0;
    return taken;
  }

  clear(): void {
    this.take();
  }

  /**
   * Takes back the list of runs of a batch whose matches are recorded: a batch out with the worker
   * lived long enough for its list to be promoted to V8's old generation, one new list per batch.
   */
  recycle(taken: BatchRuns): void {
    if (this.spareRuns.length >= SPARE_RUNS || taken.runs === this.runs) return;
    // Emptied, so it keeps no node of the page alive.
    (taken.runs as unknown[]).fill(undefined);
    this.spareRuns.push(taken.runs);
  }

  /** Room for `capacity` runs in the typed arrays, the runs written kept. */
  private grow(capacity: number): void {
    for (const key of ['at', 'lengths', 'cells'] as const) {
      const bigger = new Int32Array(capacity);
      bigger.set(this[key].subarray(0, this.count - 1));
      this[key] = bigger;
    }
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
