import { ArrayMatches, type MatchList } from '../../detect/match-list';
import { Run, windows } from './block-text';
import { realm } from '../realm';
import { cellAt } from '../row-cells';
import type { RecordStore } from '../record-store';
import type { LongRun } from './line-reader';
import { type BatchRuns, holdsMatch, RunBatch, seekRun } from './run-batch';
import type { Detect, Logger, Unit } from '../types';
import type { WorkerDetector } from './worker-detector';

/** A batch is detected once it is long enough to take about this long (measured as we go)... */
const FLUSH_MS = 2;
/** ...within these bounds (the first calls are slow: the detector compiles regexes as it meets countries). */
const FLUSH_MIN_CHARS = 256;
const FLUSH_MAX_CHARS = 4096;
/**
 * A scan that has detected this much text here hands its later batches to the worker: a page's
 * first screen is detected and painted at once, a big page's rest off the main thread.
 */
const HANDOVER_CHARS = 16_000;
/**
 * On a page with a big table (row-reader.ts), sooner: its first screen is detected by then, and
 * the rest is more than the page script should detect itself. Detecting the first 16,000
 * characters here was about a tenth of the 10,000-row page's main-thread work (detectMs 32-44
 * against 15-21 ms, 4 loads each).
 */
const BIG_TABLE_HANDOVER_CHARS = 4_000;
/** Batches for the worker are this long: each answer costs the main thread a task of its own. */
const REMOTE_BATCH_CHARS = 16_384;

/**
 * Batches out with the worker at most before the scan waits (Scanner.backlogged): one being
 * detected, the next ones queued behind it. More only keeps more rows' text alive.
 */
const MAX_OUT = 3;

/**
 * A batch's text read again, and its runs' offsets with it: a batch out with the worker keeps no
 * text of its cells (flush), and the worker detector may let the joined text go (worker-detector.ts),
 * so if the worker fails with the batch, its cells are read again from the page (as textContent,
 * what the row reader read them as).
 */
export function reread(runs: BatchRuns): string {
  const parts = new Array<string>(runs.at.length);
  let at = 0;
  for (let k = 0; k < parts.length; k++) {
    const cell = runs.cells[k] as number;
    const text = cell >= 0 ? (cellAt(runs.runs[k] as Element, cell)?.textContent ?? '') : (runs.texts[k] as string);
    parts[k] = text;
    runs.at[k] = at;
    runs.lengths[k] = text.length;
    at += text.length + 1;
  }
  return parts.join('\n');
}

/** What the batch detector needs of the worker (worker-detector.ts). */
export type RemoteDetect = Pick<WorkerDetector, 'submit' | 'pending' | 'state'>;

export interface BatchDetectorDeps {
  store: RecordStore;
  detect: Detect;
  country: string;
  log: Logger;
  /** Where a big scan's batches go (null: all are detected here). */
  remote?: RemoteDetect | null;
}

/**
 * The scanner's detection half: runs the detector over the batched lines (and long lines in
 * windows) and records each number found in the store, with its text nodes and offsets.
 */
export class BatchDetector {
  readonly batch = new RunBatch();
  private flushAt = FLUSH_MIN_CHARS;
  private readonly styleCache = new Map<Element, boolean>();
  /** Text detected here so far (a scan hands over past HANDOVER_CHARS). */
  private inlineChars = 0;
  /** True while every batch must be detected here (a page's first screen: readTop). */
  inlineOnly = false;
  /** Batches handed to the worker so far: each one's number (seq) orders it against units read again. */
  private sent = 0;
  /**
   * While batches are out, units the scanner began again, with the seq the next batch gets: an
   * answer for a unit read before that (its old text) is dropped; the new read is answered after it.
   */
  private readonly begun = new Map<Unit, number>();
  /** Likewise by the parent of each unit begun: a row one of whose cells was read again on its own. */
  private readonly begunIn = new Map<Node, number>();
  /** Told after a worker's answer was matched, with when it arrived (the main thread's share of it). */
  onAnswer: ((receivedAt: number) => void) | null = null;

  constructor(private readonly deps: BatchDetectorDeps) {
    // A cell's numbers are kept as spans: a cell that comes into view with them is read again for its records.
    deps.store.detectLeaf = (text) => deps.detect(text, { defaultCountry: deps.country });
  }

  /** True when the batch is long enough for one detector call. */
  get full(): boolean {
    return this.batch.length >= this.flushAt;
  }

  /** True when the next batch goes to the worker. */
  private get handsOver(): boolean {
    const remote = this.deps.remote;
    return remote != null && remote.state !== 'failed' && !this.inlineOnly && this.inlineChars >= (this.batch.bigTable ? BIG_TABLE_HANDOVER_CHARS : HANDOVER_CHARS);
  }

  /** Batches handed to the worker and not yet answered. */
  get pending(): number {
    return this.deps.remote?.pending ?? 0;
  }

  /** True while MAX_OUT batches or more are out with the worker. */
  get backlogged(): boolean {
    return this.pending >= MAX_OUT;
  }

  /** The scanner begins reading `unit` (again): answers still out for its earlier read are dropped. */
  noteBegun(unit: Unit): void {
    if (this.pending === 0) return;
    this.begun.set(unit, this.sent);
    const parent = unit.parentNode;
    if (parent !== null) this.begunIn.set(parent, this.sent);
  }

  /** Detects the batched runs now, here, or hands them to the worker. */
  flush(): void {
    const batch = this.batch;
    if (batch.size === 0) return;
    const text = batch.text;
    const remote = this.deps.remote;
    if (remote && this.handsOver) {
      // A cell's text is a slice of its row's markup (row-reader.ts): kept while the batch is out, it
      // would keep the whole markup alive. A cell's record needs only offsets (apply): take() keeps none.
      const runs = batch.take();
      const seq = this.sent++;
      const answer = (found: MatchList, ms: number, receivedAt: number, inWorker: boolean) => {
        const stats = this.deps.store.stats;
        if (inWorker) {
          stats.workerMs += ms;
          stats.workerBatches++;
        } else stats.detectMs += ms;
        this.apply(runs, found, seq);
        this.batch.recycle(runs);
        if (this.pending === 0) {
          this.begun.clear();
          this.begunIn.clear();
        }
        this.onAnswer?.(receivedAt);
      };
      remote.submit(text, this.deps.country, answer, () => reread(runs));
      return;
    }
    this.inlineChars += text.length;
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
    // Past the handover batches are long: the worker's time is not the page's, and answers are fewer.
    if (this.handsOver) this.flushAt = REMOTE_BATCH_CHARS;
    const runs = batch.take();
    this.apply(runs, new ArrayMatches(found), -1);
    batch.recycle(runs);
  }

  /** Records the matches `found` in the joined text of `runs` (seq: the batch's number if the worker answered it). */
  private apply(runs: BatchRuns, found: MatchList, seq: number): void {
    this.styleCache.clear();
    let i = 0;
    // A row's matches come one after another: its unit is asked whether it is still in the page once.
    let lastUnit: Unit | null = null;
    let connected = false;
    for (let k = 0; k < found.length; k++) {
      const start = found.start(k);
      const end = found.end(k);
      i = seekRun(runs, start, i);
      if (!holdsMatch(runs, i, start, end)) continue; // across a line break
      const unit = runs.units[i] as Unit;
      const run = runs.runs[i] as Run | Text | Element;
      const at = runs.at[i] as number;
      if (unit !== lastUnit) {
        lastUnit = unit;
        connected = unit.isConnected;
      }
      if (!connected) continue;
      if (seq >= 0 && (this.begun.get(unit) ?? -1) > seq) continue;
      const cell = runs.cells[i] as number;
      if (cell >= 0) {
        // A cell read from its row's markup: held by its row, not looked up (row-cells.ts), unless
        // one of the row's cells was read again on its own since (its text changed): then this
        // read of it may be stale.
        if (seq >= 0 && (this.begunIn.get(run as Element) ?? -1) > seq) {
          const el = cellAt(run as Element, cell);
          if (el === null || (this.begun.get(el) ?? -1) > seq) continue;
        }
        this.deps.store.addCell(run as Element, cell, start - at, end - at, found, k);
        continue;
      }
      // A block holding only text: kept compact, its text nodes looked up only to paint it.
      if (!(run instanceof Run) && run.nodeType === 1) this.deps.store.addLeaf(run as Element, start - at, end - at, found.number(k));
      else this.addMatch(run as Run | Text, unit, start - at, end - at, found.number(k), (runs.texts[i] as string).slice(start - at, end - at));
    }
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
