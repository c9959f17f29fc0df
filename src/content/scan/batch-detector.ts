import { Run, windows } from './block-text';
import { realm } from '../realm';
import type { RecordStore } from '../record-store';
import type { LongRun } from './line-reader';
import { RunBatch } from './run-batch';
import type { Detect, Logger, Unit } from '../types';

/** A batch is detected once it is long enough to take about this long (measured as we go)... */
const FLUSH_MS = 2;
/** ...within these bounds (the first calls are slow: the detector compiles regexes as it meets countries). */
const FLUSH_MIN_CHARS = 256;
const FLUSH_MAX_CHARS = 4096;

export interface BatchDetectorDeps {
  store: RecordStore;
  detect: Detect;
  country: string;
  log: Logger;
}

/**
 * The scanner's detection half: runs the detector over the batched lines (and long lines in
 * windows) and records each number found in the store, with its text nodes and offsets.
 */
export class BatchDetector {
  readonly batch = new RunBatch();
  private flushAt = FLUSH_MIN_CHARS;
  private readonly styleCache = new Map<Element, boolean>();

  constructor(private readonly deps: BatchDetectorDeps) {
    // A cell's numbers are kept as spans: a cell that comes into view with them is read again for its records.
    deps.store.detectLeaf = (text) => deps.detect(text, { defaultCountry: deps.country });
  }

  /** True when the batch is long enough for one detector call. */
  get full(): boolean {
    return this.batch.length >= this.flushAt;
  }

  /** Detects the batched runs now. */
  flush(): void {
    const batch = this.batch;
    if (batch.size === 0) return;
    const text = batch.text;
    this.styleCache.clear();
    let found: ReturnType<Detect> = [];
    const started = realm.now();
    try {
      found = this.deps.detect(text, { defaultCountry: this.deps.country });
    } catch (error) {
      this.deps.log('detect', error);
    }
    const ms = realm.now() - started;
    this.deps.store.stats.detectMs += ms;
    const fit = ms > 0 ? (text.length * FLUSH_MS) / ms : FLUSH_MAX_CHARS;
    this.flushAt = Math.round(Math.min(FLUSH_MAX_CHARS, Math.max(FLUSH_MIN_CHARS, fit)));
    let i = 0;
    for (const m of found) {
      i = batch.seek(m.start, i);
      if (!batch.holds(i, m.start, m.end)) continue; // across a line break
      let unit = batch.units[i] as Unit;
      let run = batch.runs[i] as Run | Text | Element;
      const at = batch.at[i] as number;
      if (!unit.isConnected) continue;
      const cell = batch.cells[i] as number;
      if (cell >= 0) {
        // A cell read from its row's markup: only now, with a number in it, is the cell itself looked up.
        const el = (run as Element).children.item(cell);
        if (el === null) continue;
        run = el;
        unit = el;
      }
      // A block holding only text (a cell): kept compact, its text nodes looked up only to paint it.
      if (!(run instanceof Run) && run.nodeType === 1) this.deps.store.addLeaf(run as Element, m.start - at, m.end - at, m.number);
      else this.addMatch(run as Run | Text, unit, m.start - at, m.end - at, m.number, (batch.texts[i] as string).slice(m.start - at, m.end - at));
    }
    batch.clear();
  }

  /** Detects a long line on its own, a window per step. */
  *detectLong(long: LongRun): Generator<void, void, void> {
    const { run, unit } = long;
    const text = run.text;
    // A long run (a megabyte of digits): windows, each its own detector call and step.
    for (const w of windows(text.length)) {
      let found: ReturnType<Detect> = [];
      const started = realm.now();
      try {
        found = this.deps.detect(text.slice(w.from, w.to), { defaultCountry: this.deps.country });
      } catch (error) {
        this.deps.log('detect', error);
      }
      this.deps.store.stats.detectMs += realm.now() - started;
      for (const m of found) {
        const start = w.from + m.start;
        const end = w.from + m.end;
        if (start < w.acceptFrom || start >= w.acceptTo || end <= start || end > text.length) continue;
        this.addMatch(run, unit, start, end, m.number, text.slice(start, end));
      }
      yield;
    }
  }

  /** Records a match [start, end) of a run (offsets in the run's text). */
  private addMatch(run: Run | Text, unit: Unit, start: number, end: number, number: string, shown: string): void {
    let startNode = run as Text;
    let endNode = run as Text;
    let startOffset = start;
    let endOffset = end;
    if (run instanceof Run) {
      const from = run.locate(start, false);
      const to = run.locate(end, true);
      if (!from || !to) return;
      if (from.node !== to.node && !this.onOneLine(run.nodesIn(start, end), unit)) return;
      startNode = from.node;
      startOffset = from.offset;
      endNode = to.node;
      endOffset = to.offset;
    }
    this.deps.store.add({ number, shown, unit, startNode, startOffset, endNode, endOffset, range: null });
  }

  /**
   * Tags said these nodes share a line; computed styles confirm it (a span may be display:block).
   * Only checked for the rare match that spans several nodes.
   */
  private onOneLine(nodes: Text[], unit: Unit): boolean {
    for (const node of nodes) {
      for (let el = node.parentElement; el && el !== unit; el = el.parentElement) {
        let inline = this.styleCache.get(el);
        if (inline === undefined) {
          const display = realm.getComputedStyle(el).display;
          inline = display.startsWith('inline') || display === 'contents';
          this.styleCache.set(el, inline);
        }
        if (!inline) return false;
      }
    }
    return true;
  }
}
