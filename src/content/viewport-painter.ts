import { realm } from './realm';
import type { RecordStore } from './record-store';
import type { Unit } from './types';

/** Paint this many viewport heights above and below the visible one. */
const MARGIN_SCREENS = 1;
/** After the first unit below the painted band, look at a few more (layouts are not strictly ordered). */
const SLACK = 24;

/**
 * On pages with many numbers, keeps only units near the viewport painted. Units are kept in
 * document order; a binary search on their boxes finds the first one in the band, then a walk
 * forward collects the rest. Cost per refresh: O(log n + painted) box reads, nothing per frame.
 */
export class ViewportPainter {
  private units: Unit[] = [];
  private seenRemovals = -1;
  private lastUnit: Unit | null = null;
  private lastAnchor: Node | null = null;

  constructor(
    private readonly store: RecordStore,
    private readonly view: Window,
  ) {}

  /** Inserts a unit in document order (usually at the end: scans go in document order). */
  note(unit: Unit): void {
    const list = this.units;
    const last = list[list.length - 1];
    const node = anchor(unit);
    // The anchor of the list's end is kept: a scan appends thousands of units in a row.
    const lastNode = last === undefined ? null : last === this.lastUnit ? this.lastAnchor : anchor(last);
    if (lastNode === null || follows(node, lastNode)) {
      list.push(unit);
      this.lastUnit = unit;
      this.lastAnchor = node;
      return;
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (after(unit, list[mid] as Unit)) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, unit);
  }

  /** Recomputes which units are painted. */
  refresh(): void {
    const store = this.store;
    if (!store.needsViewport) {
      store.setVisible(null);
      return;
    }
    const started = realm.now();
    // Units only lose their records by drops; while none happened (a long first scan), the list is clean.
    if (store.removals !== this.seenRemovals) {
      this.seenRemovals = store.removals;
      this.units = this.units.filter((u) => u.isConnected && store.recordsIn(u).length > 0);
    }
    const list = this.units;
    const height = this.view.innerHeight || 800;
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
    for (let i = lo; i < list.length && slack > 0; i++) {
      const unit = list[i] as Unit;
      const b = box(unit);
      if (b.top > bottom) slack--;
      else if (b.bottom >= top) visible.add(unit);
    }
    store.setVisible(visible);
    this.lastCost = realm.now() - started;
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
  return (b.compareDocumentPosition(a) & 4) !== 0; // DOCUMENT_POSITION_FOLLOWING
}
