import { Run, windows } from './block-text';
import { isInlineTag, type ScanOptions, skipsSubtree } from './dom-rules';
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

const SHOW = 0x1 | 0x4; // NodeFilter.SHOW_ELEMENT | SHOW_TEXT
const ACCEPT = 1;
const REJECT = 2;
/** Children lists longer than this are scanned from the viewport outwards. */
const REORDER_OVER = 64;

/**
 * Reads the page unit by unit. A unit is a block element (or shadow root); its own text is the
 * text of its inline descendants, split into runs at nested blocks and <br>. Nested blocks are
 * queued as units of their own. `work()` is a generator so the caller can run it in time slices.
 */
export class Scanner {
  private readonly stack: Unit[] = [];
  private readonly queued = new Set<Unit>();
  private readonly scanned = new WeakSet<Unit>();
  /** Set by the walk filter when it passes a line break (a nested block, <br>, a skipped subtree). */
  private boundary = false;
  private children: Element[] = [];
  private styleCache = new Map<Element, boolean>();

  constructor(private readonly deps: ScannerDeps) {}

  get idle(): boolean {
    return this.stack.length === 0;
  }

  /** Queues a unit to be (re)scanned; its old records are dropped when its turn comes. */
  enqueue(unit: Unit): void {
    if (this.queued.has(unit)) return;
    this.queued.add(unit);
    this.stack.push(unit);
  }

  private readonly filter = (node: Node): number => {
    if (node.nodeType === 3) return ACCEPT;
    const el = node as Element;
    if (el.shadowRoot) {
      this.deps.onShadowRoot(el.shadowRoot);
      if (!this.scanned.has(el.shadowRoot)) this.enqueue(el.shadowRoot);
    }
    if (skipsSubtree(el, this.deps.opts)) {
      this.boundary = true;
      return REJECT;
    }
    if (!isInlineTag(el)) {
      this.boundary = true;
      if (!this.scanned.has(el) && el.firstChild) this.children.push(el);
      return REJECT;
    }
    // Inline elements come back to the loop too, so thousands of them are walked in slices.
    return ACCEPT;
  };

  *work(): Generator<void, void, void> {
    for (;;) {
      const unit = this.stack.pop();
      if (!unit) return;
      this.queued.delete(unit);
      if (!unit.isConnected) continue;
      yield* this.scanUnit(unit);
      yield;
    }
  }

  private *scanUnit(unit: Unit): Generator<void, void, void> {
    const { store, doc } = this.deps;
    store.dropUnit(unit);
    this.scanned.add(unit);
    if (unit.nodeType === 1) {
      const el = unit as Element;
      if (this.unitSkipped(el)) return;
      if (el.shadowRoot) {
        this.deps.onShadowRoot(el.shadowRoot);
        this.enqueue(el.shadowRoot);
      }
    }
    this.children = [];
    this.styleCache = new Map();
    const walker = doc.createTreeWalker(unit, SHOW, this.filter);
    let run = new Run();
    let steps = 0;
    this.boundary = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (this.boundary) {
        this.boundary = false;
        if (!run.empty) {
          yield* this.detectRun(run, unit);
          run = new Run();
        }
      }
      if (node.nodeType === 3) run.add(node as Text);
      if (++steps % 128 === 0) {
        const children = this.children;
        yield;
        this.children = children;
        if (!unit.isConnected) return;
      }
    }
    if (!run.empty) yield* this.detectRun(run, unit);
    const order = this.children.length > REORDER_OVER ? viewportOrder(this.children, doc) : this.children;
    for (let i = order.length - 1; i >= 0; i--) this.enqueue(order[i] as Element);
    this.children = [];
  }

  /** A queued element may itself be inside a skipped subtree (a mutation deep in an editor). */
  private unitSkipped(el: Element): boolean {
    for (let e: Element | null = el; e; e = e.parentElement) if (skipsSubtree(e, this.deps.opts)) return true;
    return false;
  }

  private *detectRun(run: Run, unit: Unit): Generator<void, void, void> {
    const text = run.text;
    if (!/\d/.test(text)) return;
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
