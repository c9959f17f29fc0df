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

function emptyRuns(): BatchRuns {
  return { at: [], lengths: [], texts: [], units: [], runs: [], cells: [] };
}

/**
 * Short runs waiting for one detector call, joined by line breaks. Kept in parallel arrays: a big
 * table queues tens of thousands of runs and most are one text node, stored as the node itself
 * (no Run, no per-run object).
 */
export class RunBatch {
  /** The length `text` has: the texts and the line breaks between them. */
  length = 0;
  private runs: BatchRuns = emptyRuns();

  get size(): number {
    return this.runs.at.length;
  }

  get texts(): readonly string[] {
    return this.runs.texts;
  }

  /** The runs' texts joined by line breaks: built once, when detected (adding with += made a string object per run). */
  get text(): string {
    return this.runs.texts.join('\n');
  }

  add(run: Run | Text | Element, text: string, unit: Unit, cell = -1): void {
    const r = this.runs;
    if (r.texts.length > 0) this.length++;
    r.at.push(this.length);
    r.lengths.push(text.length);
    r.texts.push(text);
    r.units.push(unit);
    r.runs.push(run);
    r.cells.push(cell);
    this.length += text.length;
  }

  /** Hands the runs over (to be matched when the detector answers) and starts an empty batch. */
  take(): BatchRuns {
    const taken = this.runs;
    this.runs = emptyRuns();
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
