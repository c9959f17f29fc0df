import { realm } from '../realm';
import type { RecordStore } from '../record-store';
import type { Unit } from '../types';

/** Paint this many viewport heights above and below the visible one. */
const MARGIN_SCREENS = 1;
/** After the first unit below the painted band, look at a few more (layouts are not strictly ordered). */
const SLACK = 24;
/** A refresh that found nothing moved keeps the last full one's answer for at most this long. */
const KEEP_MS = 1000;
/** compareDocumentPosition's bits. */
const DISCONNECTED = 1;
const FOLLOWING = 4;

/**
 * On pages with many numbers, keeps only units near the viewport painted. Units are kept in
 * document order; a binary search on their boxes finds the first one in the band, then a walk
 * forward collects the rest. Cost per refresh: O(log n + painted) box reads, nothing per frame.
 */
export class ViewportPainter {
  private units: Unit[] = [];
  /** Units noted out of document order, merged into `units` on the next refresh. */
  private incoming: Unit[] = [];
  private seenRemovals = -1;
  /**
   * True once a unit was noted after records were dropped and before the lists were swept: it
   * may be listed already (read again after an edit), and the next sweep removes the copy. The
   * store notes a unit only when it gets its first record, so a first scan lists each unit once
   * with no set of them all (on a big table, one entry per row kept for the page's lifetime).
   */
  private mayRepeat = false;
  /** List length at which `note` sweeps (see there). */
  private sweepAt = 64;
  private lastUnit: Unit | null = null;
  private lastAnchor: Node | null = null;
  /** What the last full refresh found, while it may still be the answer (keeps). */
  private kept: {
    list: Unit[];
    length: number;
    height: number;
    at: number;
    first: Unit;
    firstTop: number;
    stop: Unit;
    stopTop: number;
  } | null = null;

  constructor(
    private readonly store: RecordStore,
    private readonly view: Window,
  ) {}

  /**
   * Notes a unit that got its first record. Scans go in document order, so it usually follows
   * the list's last unit and is appended. Anything else (rows prepended to a list, a unit read
   * again after an edit) waits in `incoming` and is merged on the next refresh, a run at a time:
   * comparing positions (compareDocumentPosition) walks the siblings between two nodes, so one
   * binary search per unit costs O(n) per step on a long list, and a thousand prepended rows
   * would pay it fourteen times each.
   */
  note(unit: Unit): void {
    // Records were dropped since the last sweep: this unit may be one of theirs, still listed.
    const mayRepeat = this.store.removals !== this.seenRemovals;
    // Pages with few numbers never need a refresh (all are painted), so units that left are
    // swept here too, whenever the lists have doubled since the last sweep: a page that
    // re-renders its list every few seconds must not keep every old copy alive.
    if (this.units.length + this.incoming.length >= this.sweepAt) this.sweep();
    if (mayRepeat) this.mayRepeat = true;
    const incoming = this.incoming;
    if (incoming.length > 0) {
      incoming.push(unit);
      return;
    }
    const list = this.units;
    const last = list[list.length - 1];
    // The anchor of the list's end is kept: a scan appends thousands of units in a row.
    const lastNode = last === undefined ? null : last === this.lastUnit ? this.lastAnchor : anchor(last);
    if (lastNode === null) {
      this.append(unit, anchor(unit));
      return;
    }
    // One DOM call for a unit in the document's own tree (the anchors' tree), which is its own
    // anchor; a unit in a shadow tree, a shadow root or a unit that left the page compares as
    // disconnected, and is compared by its anchor.
    const position = lastNode.compareDocumentPosition(unit);
    if ((position & DISCONNECTED) === 0) {
      if ((position & FOLLOWING) !== 0) this.append(unit, unit);
      else incoming.push(unit);
      return;
    }
    const node = anchor(unit);
    if (follows(node, lastNode)) this.append(unit, node);
    else incoming.push(unit);
  }

  private append(unit: Unit, node: Node): void {
    this.units.push(unit);
    this.lastUnit = unit;
    this.lastAnchor = node;
  }

  /** Units listed, including those waiting to be merged and those not swept yet. */
  get size(): number {
    return this.units.length + this.incoming.length;
  }

  /** The units in document order, swept, with those noted out of order merged in (for tests). */
  ordered(): readonly Unit[] {
    this.sweep();
    this.merge();
    return this.units;
  }

  /**
   * Merges `incoming` into the list. Each run of units that are in document order and fit in one
   * gap of the list costs one binary search, and units next to each other in the page are cheap
   * to compare.
   */
  private merge(): void {
    const incoming = this.incoming.filter((u) => u.isConnected);
    this.incoming = [];
    if (incoming.length === 0) return;
    let list = this.units;
    let i = 0;
    while (i < incoming.length) {
      const first = incoming[i] as Unit;
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (after(first, list[mid] as Unit)) lo = mid + 1;
        else hi = mid;
      }
      let end = i + 1;
      while (end < incoming.length && after(incoming[end] as Unit, incoming[end - 1] as Unit)) end++;
      const next = list[lo];
      if (next !== undefined && !after(next, incoming[end - 1] as Unit)) {
        // The run reaches past `next`: keep the part before it (the run is sorted, so a binary search).
        let a = i + 1;
        let b = end - 1;
        while (a < b) {
          const mid = (a + b) >> 1;
          if (after(incoming[mid] as Unit, next)) b = mid;
          else a = mid + 1;
        }
        end = a;
      }
      list = lo === list.length ? list.concat(incoming.slice(i, end)) : list.slice(0, lo).concat(incoming.slice(i, end), list.slice(lo));
      i = end;
    }
    this.units = list;
    this.lastUnit = null;
    this.lastAnchor = null;
  }

  /** Recomputes which units are painted. */
  refresh(): void {
    const store = this.store;
    if (!store.needsViewport) {
      this.kept = null;
      store.setVisible(null);
      return;
    }
    const started = realm.now();
    this.sweep();
    // After the sweep, so the merge never compares with units that left the page.
    this.merge();
    const list = this.units;
    const height = this.view.innerHeight || 800;
    if (this.keeps(list, height, started)) {
      this.lastCost = realm.now() - started;
      return;
    }
    this.kept = null;
    const top = -height * MARGIN_SCREENS;
    const bottom = height * (1 + MARGIN_SCREENS);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (box(list[mid] as Unit).bottom < top) lo = mid + 1;
      else hi = mid;
    }
    const visible = new Set<Unit>();
    let slack = SLACK;
    let i = lo;
    let b = { top: 0, bottom: 0 };
    for (; i < list.length && slack > 0; i++) {
      b = box(list[i] as Unit);
      if (b.top > bottom) slack--;
      else if (b.bottom >= top) visible.add(list[i] as Unit);
    }
    const first = list[lo];
    // Kept only if the walk stopped below the band before the list's end: units appended later come after it.
    if (slack === 0 && first !== undefined) {
      const stop = list[i - 1] as Unit;
      this.kept = { list, length: list.length, height, at: started, first, firstTop: box(first).top, stop, stopTop: b.top };
    }
    store.setVisible(visible);
    this.lastCost = realm.now() - started;
  }

  /**
   * True if the last full refresh's answer still holds: the same list with units only appended
   * (a scan reading on below the band), the same viewport height, the band's first unit and the
   * unit the walk stopped at where they were (no scroll, no layout shift above them), and not
   * older than KEEP_MS. During a big scan the refresh runs every few frames, and its box reads
   * (each a wrapper in an isolated world) were the painter's largest cost.
   */
  private keeps(list: Unit[], height: number, now: number): boolean {
    const kept = this.kept;
    if (kept === null || kept.list !== list || list.length < kept.length || kept.height !== height || now - kept.at > KEEP_MS) return false;
    return box(kept.first).top === kept.firstTop && box(kept.stop).top === kept.stopTop;
  }

  /** Forgets units that left the page or lost their records, and units listed twice. */
  private sweep(): void {
    const store = this.store;
    // Units only lose their records by drops; while none happened (a long first scan), the lists are clean.
    if (store.removals !== this.seenRemovals) {
      this.seenRemovals = store.removals;
      const live = (u: Unit) => u.isConnected && store.has(u);
      this.units = this.units.filter(live);
      this.incoming = this.incoming.filter(live);
    }
    if (this.mayRepeat) {
      this.mayRepeat = false;
      // A unit in both lists keeps its place in `units`; the merge would put it there again.
      const seen = new Set<Unit>();
      const first = (u: Unit) => {
        if (seen.has(u)) return false;
        seen.add(u);
        return true;
      };
      this.units = this.units.filter(first);
      this.incoming = this.incoming.filter(first);
    }
    this.sweepAt = 2 * (this.units.length + this.incoming.length) + 64;
  }

  /** How long the last refresh took, in ms (for the debug hook). */
  lastCost = 0;
}

/** The node standing for a unit in the document's own tree (shadow content by its host). */
function anchor(unit: Unit): Node {
  let node: Node = unit.nodeType === 11 ? (unit as ShadowRoot).host : unit;
  for (let root = node.getRootNode(); root.nodeType === 11; root = node.getRootNode()) node = (root as ShadowRoot).host;
  return node;
}

function box(unit: Unit): { top: number; bottom: number } {
  const el = unit.nodeType === 11 ? (unit as ShadowRoot).host : (unit as Element);
  const r = el.getBoundingClientRect();
  // Hidden units (no box) count as "above", so the search moves past them.
  if (r.width === 0 && r.height === 0) return { top: -Infinity, bottom: -Infinity };
  return r;
}

/** True if `a` comes after `b` in document order (shadow roots by their hosts). */
function after(a: Unit, b: Unit): boolean {
  return follows(anchor(a), anchor(b));
}

/** True if anchor node `a` comes after anchor node `b`. */
function follows(a: Node, b: Node | null): boolean {
  if (b === null || a === b) return false;
  return (b.compareDocumentPosition(a) & FOLLOWING) !== 0;
}
