import { BatchDetector, type RemoteDetect } from './batch-detector';
import { isInlineTag, Layout, layoutOf, MAY_HOST, type ScanOptions, skipsSubtree } from './dom-rules';
import { LineReader } from './line-reader';
import { RowReader } from './row-reader';
import type { RecordStore } from '../record-store';
import type { Detect, Logger, Unit } from '../types';
import { UnitPath } from './unit-path';
import { viewportStart } from './viewport-order';

export interface ScannerDeps {
  doc: Document;
  store: RecordStore;
  detect: Detect;
  country: string;
  opts: ScanOptions;
  log: Logger;
  /** Called for every open shadow root met, so it can be observed too. */
  onShadowRoot(root: ShadowRoot): void;
  /** Where a big scan's batches are detected (worker-detector.ts); null or absent: here. */
  remote?: RemoteDetect | null;
}

/** Walks yield after this many nodes. */
const YIELD_NODES = 96;
/** The viewport pass looks where it is every this many blocks; it ends a screen below the viewport. */
const VIEW_CHECK_BLOCKS = 32;
const VIEW_MAX_NODES = 20_000;

/** A stretch [from, to) of the document read already by the viewport pass (to: null = to the end). */
interface Jump {
  from: Node;
  to: Node | null;
}

/**
 * Reads the page. A unit is a block element (or shadow root); its text is the text of its inline
 * descendants, split into runs (visual lines) at nested blocks and <br>. A queued unit is read
 * "deep" (its whole subtree in one pass in document order, each text node attributed to its
 * nearest block; new content) or "shallow" (only its own lines, after a text change in it). `work()` is a
 * generator so the caller can run it in time slices; the caller must call `flush()` before giving
 * the page a turn (runs are detected in batches).
 */
export class Scanner {
  /**
   * Units waiting, first in first out: units added together (rows inserted by one mutation) are
   * read in document order, which keeps the painter's ordered list cheap to extend.
   */
  private queue: Unit[] = [];
  private head = 0;
  /** Queued units, true if to be read deep. */
  private readonly queued = new Map<Unit, boolean>();
  /** Units queued from mutations: their ancestors are not known to be scannable. */
  private readonly unchecked = new Set<Unit>();
  /**
   * Shadow roots read already (noteHost queues a root once). Only roots: a weak table of every
   * unit (each row of a big table queued by the parser's mutations) costs every garbage collection.
   */
  private readonly scanned = new WeakSet<ShadowRoot>();
  private readonly detector: BatchDetector;
  private readonly lines: LineReader;
  private readonly rows: RowReader;

  constructor(private readonly deps: ScannerDeps) {
    this.detector = new BatchDetector(deps);
    this.lines = new LineReader(this.detector.batch);
    this.rows = new RowReader(this.detector.batch, deps.doc);
  }

  /** Nothing queued or batched (batches may still be out with the worker: `settled`). */
  get idle(): boolean {
    return this.head === this.queue.length && this.detector.batch.size === 0;
  }

  /** No batch out with the worker. */
  get settled(): boolean {
    return this.detector.pending === 0;
  }

  /** So many batches are out with the worker that the scan should wait for an answer before it reads on. */
  get backlogged(): boolean {
    return this.detector.backlogged;
  }

  /** Told after each worker answer was recorded, with when it arrived. */
  set onAnswer(listener: ((receivedAt: number) => void) | null) {
    this.detector.onAnswer = listener;
  }

  /** Queues a unit to be (re)scanned; its old records are dropped when its turn comes. */
  enqueue(unit: Unit, deep: boolean, checked = false): void {
    const was = this.queued.get(unit);
    if (was !== undefined) {
      if (deep && !was) this.queued.set(unit, true);
      return;
    }
    this.queued.set(unit, deep);
    if (!checked) this.unchecked.add(unit);
    this.queue.push(unit);
  }

  *work(): Generator<void, void, void> {
    for (;;) {
      const unit = this.next();
      if (!unit) break;
      const deep = this.queued.get(unit) === true;
      this.queued.delete(unit);
      if (!unit.isConnected || !this.begin(unit)) continue;
      let jump: Jump | null = null;
      const start = deep ? viewportStart(this.deps.doc, unit, (el) => this.unitSkipped(el)) : null;
      if (start) {
        const to = yield* this.walk(unit, true, start, null);
        // Null: the pass stopped early (the page moved things), so the main pass reads it all.
        if (to) jump = { from: start, to: to === unit ? null : to };
      }
      yield* this.walk(unit, deep, null, jump);
      // A walk that stopped early (its root left the page) may leave a line open.
      this.lines.drop();
      yield;
    }
    this.flush();
  }

  private next(): Unit | undefined {
    const unit = this.queue[this.head];
    if (unit === undefined) return undefined;
    this.head++;
    // Drop the consumed part now and then, not on every step.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return unit;
  }

  /** Prepares a unit for (re)scanning; false if it must not be scanned. */
  private begin(unit: Unit): boolean {
    this.deps.store.dropUnit(unit);
    this.detector.noteBegun(unit);
    if (unit.nodeType === 11) this.scanned.add(unit as ShadowRoot);
    const wasUnchecked = this.unchecked.delete(unit);
    if (unit.nodeType !== 1) return true;
    const el = unit as Element;
    if (wasUnchecked && this.unitSkipped(el)) return false;
    this.noteHost(el);
    return true;
  }

  /**
   * Reads the first `blocks` blocks of `root` in document order, reading no layout: on a page
   * still loading, that is what the top of the viewport shows, found before the page's first
   * full layout. The records stay; the main pass reads these blocks again (the store keeps no
   * duplicates). Stopped early (`return()`), it leaves nothing half read.
   */
  *readTop(root: Unit, blocks: number): Generator<void, void, void> {
    // The first screen is painted in the frame that shows it: detected here, not in the worker.
    this.detector.inlineOnly = true;
    try {
      yield* this.walk(root, true, null, null, blocks);
    } finally {
      this.lines.drop();
      this.flush();
      this.detector.inlineOnly = false;
    }
  }

  /** Detects the batched runs now. */
  flush(): void {
    this.detector.flush();
  }

  /**
   * One pass over a unit in document order (firstChild / nextSibling; the path gives each node's
   * unit). Deep: nested blocks are read in the same pass. Shallow: they are stepped over (read
   * already; new ones are queued by the mutation that added them).
   * With `limit`, it stops at that many blocks (readTop). With `start`, this is the viewport pass: it reads from `start` to a block a screen below the
   * viewport and returns that block, or the root if it read to the end, or null if it stopped
   * early (the main pass then jumps over the stretch read, see `jump`).
   */
  private *walk(root: Unit, deep: boolean, start: Element | null, jump: Jump | null, limit = 0): Generator<void, Node | null, void> {
    const opts = this.deps.opts;
    const path = new UnitPath(root);
    const bottom = start ? (this.deps.doc.defaultView?.innerHeight ?? 800) * 2 : 0;
    let next = jump;
    let blocks = 0;
    let steps = 0;
    // An inline root (an added <span> holding blocks) lends its own text to its parent's lines,
    // which the parent's rescan reads: only the blocks inside it are read here.
    const ownText = root.nodeType !== 1 || !isInlineTag(root as Element);
    let node: Node | null = root.firstChild;
    if (start) node = path.resync(start) ? start : null;
    while (node) {
      let down: Node | null = null;
      let rowRead = false;
      const type = node.nodeType;
      if (type === 3) {
        let unit = path.unit;
        if (unit === root && !ownText) {
          node = nextAfter(node, path);
          continue;
        }
        if (unit !== this.lines.unit && this.lines.open) {
          const long = this.lines.end();
          if (long) {
            yield* this.detector.detectLong(long);
            if (!inPlace(root, node, path)) return null;
            unit = path.unit;
          }
        }
        this.lines.add(node as Text, (node as Text).data, unit);
      } else if (type === 1) {
        const el = node as Element;
        if (next !== null && el === next.from) {
          const to = next.to;
          next = null;
          const long = this.lines.end();
          if (long) yield* this.detector.detectLong(long);
          if (to === null) break;
          if (long && !inPlace(root, el, path)) return null;
          if (to.isConnected && path.resync(to)) {
            node = to;
            continue;
          }
          // The stretch changed under us: read it again (the store keeps no duplicates).
          path.resync(el);
        }
        const flags = layoutOf(el, opts);
        if (flags & MAY_HOST) this.noteHost(el);
        const layout = flags & ~MAY_HOST;
        if (layout === Layout.Inline) {
          down = el.firstChild;
          if (down) path.enter(el, path.unit);
        } else {
          // A line break: the current line ends.
          const long = this.lines.end();
          if (long) {
            yield* this.detector.detectLong(long);
            if (!inPlace(root, el, path)) return null;
          }
          if (limit > 0 && ++blocks >= limit) return el;
          if (start && ++blocks % VIEW_CHECK_BLOCKS === 0) {
            if (steps > VIEW_MAX_NODES || el.getBoundingClientRect().top > bottom) return el;
          }
          if (layout === Layout.Block && deep) {
            const children = this.rows.children(el);
            if (children === 0) {
              // A block holding only text (a table cell): read whole, its text nodes untouched.
              const leaf = this.lines.readLeaf(el);
              if (leaf) {
                yield* this.detector.detectLong(leaf);
                if (!inPlace(root, el, path)) return null;
              }
            } else if (this.rows.read(el, children, path.parent)) {
              // A table row or list read whole from its markup: nothing to walk into.
              rowRead = this.rows.lastInSection;
              if (limit > 0) blocks += this.rows.lastCells;
            } else {
              down = el.firstChild;
              if (down) path.enter(el, el);
            }
          }
        }
      }
      node = down ?? (rowRead ? nextAfterRow(node as Element, path) : nextAfter(node, path));
      steps++;
      const flush = this.detector.full;
      // A detector call is the longest piece of work: give the caller's clock a look after each.
      if (flush) this.flush();
      if (flush || steps % YIELD_NODES === 0) {
        yield;
        if (!root.isConnected || (node !== null && !inPlace(root, node, path))) return null;
      }
    }
    const long = this.lines.end();
    if (long) yield* this.detector.detectLong(long);
    // A viewport pass that read to the end says so with the root.
    return start ? root : null;
  }

  /** A queued element may itself be inside a skipped subtree (a mutation deep in an editor). */
  private unitSkipped(el: Element): boolean {
    for (let e: Element | null = el; e; e = e.parentElement) if (skipsSubtree(e, this.deps.opts)) return true;
    return false;
  }

  private noteHost(el: Element): void {
    const root = el.shadowRoot;
    if (!root) return;
    this.deps.onShadowRoot(root);
    if (!this.scanned.has(root)) this.enqueue(root, true, true);
  }
}

/**
 * After a yield (the page may have had a turn and moved things): true if the walk can go on from
 * `node`, with the path rebuilt when `node` moved; false if the root or `node` left.
 */
function inPlace(root: Unit, node: Node, path: UnitPath): boolean {
  return root.isConnected && (node.parentNode === path.parent || path.resync(node));
}

/** The next sibling of `node` or of the nearest ancestor on the path that has one. */
function nextAfter(node: Node, path: UnitPath): Node | null {
  return leaveUntilSibling(node.nextSibling, path);
}

/**
 * After a row of a table section: the next row, past the text between (the HTML parser leaves
 * only blank text there). In an isolated world every node handed over costs a wrapper that lives
 * as long as the node, so on a 50,000-row table the blank text nodes doubled the wrappers, and the
 * growth of the world's wrapper table made single steps of the scan take 50-70 ms.
 */
function nextAfterRow(row: Element, path: UnitPath): Node | null {
  return leaveUntilSibling(row.nextElementSibling, path);
}

function leaveUntilSibling(first: Node | null, path: UnitPath): Node | null {
  let sibling = first;
  while (sibling === null && !path.atRoot) sibling = path.leave().nextSibling;
  return sibling;
}
