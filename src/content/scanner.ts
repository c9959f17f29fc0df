import { enoughDigits, leafRun, Run, windows } from './block-text';
import { Layout, layoutOf, MAY_HOST, type ScanOptions, skipsSubtree } from './dom-rules';
import { realm } from './realm';
import type { RecordStore } from './record-store';
import type { Detect, Logger, Unit } from './types';
import { viewportOrder } from './viewport-order';

export interface ScannerDeps {
  doc: Document;
  store: RecordStore;
  detect: Detect;
  country: string;
  opts: ScanOptions;
  log: Logger;
  /** Called for every open shadow root met, so it can be observed too. */
  onShadowRoot(root: ShadowRoot): void;
}

const BLANK = /^\s*$/;
/** Generators yield after about this many DOM reads (a leaf cell counts 4). */
const YIELD_COST = 256;
const SHOW = 0x1 | 0x4; // NodeFilter.SHOW_ELEMENT | SHOW_TEXT
/** Children lists longer than this are scanned from the viewport outwards. */
const REORDER_OVER = 64;
/** Short runs are detected together, joined by line breaks, up to this many characters. */
const BATCH_CHARS = 1024;
/** A batch is detected once it is long enough to take about this long (measured as we go)... */
const FLUSH_MS = 2;
/** ...within these bounds (the first calls are slow: the detector compiles regexes as it meets countries). */
const FLUSH_MIN_CHARS = 256;
const FLUSH_MAX_CHARS = 4096;

interface Pending {
  run: Run;
  unit: Unit;
  /** Offset of the run's text in the batch text. */
  at: number;
}

/**
 * Reads the page unit by unit. A unit is a block element (or shadow root); its own text is the
 * text of its inline descendants, split into runs at nested blocks and <br>. Nested blocks are
 * queued as units of their own. `work()` is a generator so the caller can run it in time slices;
 * the caller must call `flush()` before giving the page a turn (runs are detected in batches).
 */
export class Scanner {
  private readonly stack: Unit[] = [];
  private readonly queued = new Set<Unit>();
  /** Units queued from mutations: their ancestors are not known to be scannable. */
  private readonly unchecked = new Set<Unit>();
  private readonly scanned = new WeakSet<Unit>();
  private batch: Pending[] = [];
  private batchText = '';
  private flushAt = FLUSH_MIN_CHARS;
  private styleCache = new Map<Element, boolean>();

  constructor(private readonly deps: ScannerDeps) {}

  get idle(): boolean {
    return this.stack.length === 0 && this.batch.length === 0;
  }

  /** Queues a unit to be (re)scanned; its old records are dropped when its turn comes. */
  enqueue(unit: Unit, checked = false): void {
    if (this.queued.has(unit)) return;
    this.queued.add(unit);
    if (!checked) this.unchecked.add(unit);
    this.stack.push(unit);
  }

  *work(): Generator<void, void, void> {
    let units = 0;
    for (;;) {
      const unit = this.stack.pop();
      if (!unit) break;
      this.queued.delete(unit);
      if (!unit.isConnected || !this.begin(unit)) continue;
      if (unit.firstElementChild === null) {
        const run = leafRun(unit);
        if (run) yield* this.take(run, unit);
      } else yield* this.scanUnit(unit);
      if (this.batchText.length >= this.flushAt) {
        // A detector call is the longest piece of work: give the caller's clock a look after each.
        this.flush();
        yield;
      } else if (++units % 16 === 0) yield;
    }
    this.flush();
  }

  /** Prepares a unit for (re)scanning; false if it must not be scanned. */
  private begin(unit: Unit): boolean {
    this.deps.store.dropUnit(unit);
    this.scanned.add(unit);
    const wasUnchecked = this.unchecked.delete(unit);
    if (unit.nodeType !== 1) return true;
    const el = unit as Element;
    if (wasUnchecked && this.unitSkipped(el)) return false;
    if (el.shadowRoot) {
      this.deps.onShadowRoot(el.shadowRoot);
      this.enqueue(el.shadowRoot, true);
    }
    return true;
  }

  /** Detects the batched runs now. */
  flush(): void {
    const batch = this.batch;
    if (batch.length === 0) return;
    const text = this.batchText;
    this.batch = [];
    this.batchText = '';
    this.styleCache = new Map();
    let found: ReturnType<Detect> = [];
    const started = realm.now();
    try {
      found = this.deps.detect(text, { defaultCountry: this.deps.country });
    } catch (error) {
      this.deps.log('detect', error);
    }
    const ms = realm.now() - started;
    const fit = ms > 0 ? (text.length * FLUSH_MS) / ms : FLUSH_MAX_CHARS;
    this.flushAt = Math.round(Math.min(FLUSH_MAX_CHARS, Math.max(FLUSH_MIN_CHARS, fit)));
    let i = 0;
    for (const m of found) {
      while (i < batch.length - 1 && (batch[i + 1] as Pending).at <= m.start) i++;
      const p = batch[i] as Pending;
      const start = m.start - p.at;
      const end = m.end - p.at;
      if (start < 0 || end > p.run.text.length || end <= start) continue; // across a line break
      if (p.unit.isConnected) this.addMatch(p.run, p.unit, start, end, m.number);
    }
  }

  private *scanUnit(unit: Unit): Generator<void, void, void> {
    const { doc, opts } = this.deps;
    const children: Element[] = [];
    let hosts: Set<Element> | null = null;
    const walker = doc.createTreeWalker(unit, SHOW);
    let run = new Run();
    let steps = 0;
    let node = walker.nextNode();
    while (node) {
      if (node.nodeType === 3) {
        const data = (node as Text).data;
        // Blank text between blocks (the newlines between rows) starts no run.
        if (!run.empty || !BLANK.test(data)) run.add(node as Text, data);
        node = walker.nextNode();
      } else {
        const el = node as Element;
        const flags = layoutOf(el, opts);
        const root = flags & MAY_HOST ? el.shadowRoot : null;
        if (root) {
          this.deps.onShadowRoot(root);
          if (!this.scanned.has(root)) this.enqueue(root, true);
          hosts ??= new Set();
          hosts.add(el);
        }
        const layout = flags & ~MAY_HOST;
        if (layout !== Layout.Inline) {
          const skip = layout === Layout.Skip;
          // A line break: the current run ends; a nested block is a unit of its own.
          if (!skip && el.firstChild && !this.scanned.has(el)) children.push(el);
          if (!run.empty) {
            if (run.text.length < BATCH_CHARS) this.queueRun(run, unit);
            else yield* this.detectLong(run, unit);
            run = new Run();
          }
          node = nextOutside(walker);
        } else node = walker.nextNode();
      }
      if (++steps % 128 === 0) {
        yield;
        if (!unit.isConnected) return;
      }
    }
    if (run.text.length >= BATCH_CHARS) yield* this.detectLong(run, unit);
    else if (!run.empty) this.queueRun(run, unit);
    const order = children.length > REORDER_OVER ? viewportOrder(children, doc) : children;
    // Blocks holding only text (table cells, most list items) are read right here, in order;
    // the others are queued, to be popped in order after them.
    // Both loops yield often: a table body has ten thousand rows.
    const nested: Element[] = [];
    let cost = 0;
    for (const el of order) {
      if (el.firstElementChild !== null || hosts?.has(el)) {
        nested.push(el);
        cost += 1;
      } else {
        this.deps.store.dropUnit(el);
        const leaf = leafRun(el);
        if (leaf) yield* this.take(leaf, el);
        cost += 4;
      }
      if (this.batchText.length >= this.flushAt) {
        this.flush();
        cost = YIELD_COST;
      }
      if (cost >= YIELD_COST) {
        cost = 0;
        yield;
        if (!unit.isConnected) return;
      }
    }
    for (let i = nested.length - 1; i >= 0; i--) {
      this.enqueue(nested[i] as Element, true);
      if (i % (YIELD_COST * 4) === 0) yield;
    }
  }

  /** Batches a short run; detects a long one now, in windows. */
  private *take(run: Run, unit: Unit): Generator<void, void, void> {
    if (run.text.length < BATCH_CHARS) this.queueRun(run, unit);
    else yield* this.detectLong(run, unit);
  }

  /** A queued element may itself be inside a skipped subtree (a mutation deep in an editor). */
  private unitSkipped(el: Element): boolean {
    for (let e: Element | null = el; e; e = e.parentElement) if (skipsSubtree(e, this.deps.opts)) return true;
    return false;
  }

  /** Adds a short run to the batch detected at the next flush. */
  private queueRun(run: Run, unit: Unit): void {
    const text = run.text;
    if (!enoughDigits(text)) return;
    if (this.batchText.length > 0) this.batchText += '\n';
    this.batch.push({ run, unit, at: this.batchText.length });
    this.batchText += text;
  }

  private *detectLong(run: Run, unit: Unit): Generator<void, void, void> {
    const text = run.text;
    // A long run (a megabyte of digits): windows, each its own detector call and step.
    for (const w of windows(text.length)) {
      let found: ReturnType<Detect> = [];
      try {
        found = this.deps.detect(text.slice(w.from, w.to), { defaultCountry: this.deps.country });
      } catch (error) {
        this.deps.log('detect', error);
      }
      for (const m of found) {
        const start = w.from + m.start;
        const end = w.from + m.end;
        if (start < w.acceptFrom || start >= w.acceptTo || end <= start || end > text.length) continue;
        this.addMatch(run, unit, start, end, m.number);
      }
      yield;
    }
  }

  private addMatch(run: Run, unit: Unit, start: number, end: number, number: string): void {
    const from = run.locate(start, false);
    const to = run.locate(end, true);
    if (!from || !to) return;
    if (from.node !== to.node && !this.onOneLine(run.nodesIn(start, end), unit)) return;
    this.deps.store.add({
      number,
      shown: run.text.slice(start, end),
      unit,
      startNode: from.node,
      startOffset: from.offset,
      endNode: to.node,
      endOffset: to.offset,
      range: null,
    });
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

/** Moves the walker past the current node's subtree: its next sibling, or an ancestor's. */
function nextOutside(walker: TreeWalker): Node | null {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    if (!walker.parentNode()) return null;
  }
}
