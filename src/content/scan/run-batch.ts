import type { Run } from './block-text';
import type { Unit } from '../types';

/**
 * Short runs waiting for one detector call, joined by line breaks. Kept in parallel arrays,
 * reused between calls: a big table queues tens of thousands of runs and most are one text node,
 * stored as the node itself (no Run, no per-run object).
 */
export class RunBatch {
  /** The length `text` has: the texts and the line breaks between them. */
  length = 0;
  /** Offset of each run's text in `text`. */
  readonly at: number[] = [];
  readonly lengths: number[] = [];
  /** Each run's own text: a number's `shown` is cut from it, not from `text` (a slice keeps its whole source alive). */
  readonly texts: string[] = [];
  readonly units: Unit[] = [];
  /** A Run for text read across several nodes, the single text node, or a block holding only text (or the row of a cell). */
  readonly runs: Array<Run | Text | Element> = [];
  /** For a cell read from its row's markup (row-reader.ts), its index among the row's element children; else -1. */
  readonly cells: number[] = [];

  get size(): number {
    return this.at.length;
  }

  /** The runs' texts joined by line breaks: built once, when detected (adding with += made a string object per run). */
  get text(): string {
    return this.texts.join('\n');
  }

  add(run: Run | Text | Element, text: string, unit: Unit, cell = -1): void {
    if (this.texts.length > 0) this.length++;
    this.at.push(this.length);
    this.lengths.push(text.length);
    this.texts.push(text);
    this.units.push(unit);
    this.runs.push(run);
    this.cells.push(cell);
    this.length += text.length;
  }

  clear(): void {
    this.length = 0;
    this.at.length = 0;
    this.lengths.length = 0;
    this.texts.length = 0;
    this.units.length = 0;
    this.runs.length = 0;
    this.cells.length = 0;
  }

  /** The index of the last run starting at or before `start`, searched from `from` (matches come sorted). */
  seek(start: number, from: number): number {
    const at = this.at;
    let i = from;
    while (i < at.length - 1 && (at[i + 1] as number) <= start) i++;
    return i;
  }

  /** True if [start, end) of the batch text lies within run i (not across a line break). */
  holds(i: number, start: number, end: number): boolean {
    const s = start - (this.at[i] as number);
    return s >= 0 && end > start && end - (this.at[i] as number) <= (this.lengths[i] as number);
  }
}
