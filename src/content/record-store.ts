import type { MatchList } from '../detect/match-list';
import { addSpan, type LeafDetect, type LeafSpans, leafRecord, leafRecords, MAX_LEAF_TEXT, packSpan, spanCount } from './leaf-numbers';
import { isDuplicate, isLive, PaintedRanges } from './painted-ranges';
import { cellAt, FIRST_OF_ROW, NOT_HELD, RowCells } from './row-cells';
import { newScanStats } from './scan-stats';
import type { PhoneRecord, Unit } from './types';

export { HIGHLIGHT_NAME } from './painted-ranges';
/** Up to this many numbers, all are painted; beyond, only units near the viewport (see ViewportPainter). */
export const PAINT_ALL_UP_TO = 400;

/**
 * Dialbar's private record of detections plus the one `Highlight` that paints them
 * (painted-ranges.ts). The page can read and even change the registry's Highlight, but only
 * ranges Dialbar made are ever dialled, and `verify()` repairs the registry when the page deletes
 * or clears it.
 *
 * Chromium re-validates every highlight range (and updates every live Range) on each DOM
 * change, so on big pages only units near the viewport get live ranges in the highlight;
 * `setVisible` (driven by ViewportPainter) says which. Numbers in blocks that hold only text (table
 * cells) are kept compact (leaf-numbers.ts) and get records only while painted or hit-tested;
 * cells read from their row's markup are held by their row until then (row-cells.ts).
 */
export class RecordStore {
  private readonly byUnit = new Map<Unit, PhoneRecord[]>();
  /** Numbers of blocks holding only text, compact (addLeaf). */
  private readonly leaves = new Map<Element, LeafSpans>();
  /** Cells read from their row's markup, held by row until looked up (row-cells.ts). */
  private readonly cells = new RowCells();
  /** Records made from `leaves` for the blocks painted or hit-tested; dropped when unpainted. */
  private readonly leafMade = new Map<Element, PhoneRecord[]>();
  /**
   * Records by their start node (most nodes start one: stored bare, an array only for several):
   * finds a record added twice without scanning its unit's list. A Map, not a WeakMap: a record
   * leaves it when it is forgotten, and weak tables cost every garbage collection of a big page.
   */
  private byStart = new Map<Node, PhoneRecord | PhoneRecord[]>();
  private visible: Set<Unit> | null = null;
  private count = 0;
  /** Counts records dropped, so the painter knows when its unit list may hold dead units. */
  private dropped = 0;
  /** Open shadow roots met while scanning (hit testing must name them). */
  readonly shadowRoots = new Set<ShadowRoot>();

  /** Scan timings, for the debug hook and benchmarks. */
  readonly stats = newScanStats();
  private readonly ranges: PaintedRanges;

  /** Finds a text-only block's numbers again when its records are made (set by the scanner). */
  detectLeaf: LeafDetect = () => [];

  /** Told when a unit gets its first record (the painter keeps them in document order). */
  onNewUnit: ((unit: Unit) => void) | null = null;

  readonly highlight: Highlight | null;

  constructor(onError: (where: string, error: unknown) => void = () => {}) {
    this.ranges = new PaintedRanges(this.stats, onError);
    this.highlight = this.ranges.highlight;
  }

  /** Numbers known on the page. */
  get size(): number {
    return this.count;
  }

  /** Changes whenever a record is dropped. */
  get removals(): number {
    return this.dropped;
  }

  /** Numbers with a live range in the highlight (or about to be). */
  get paintedSize(): number {
    return this.ranges.size;
  }

  recordOf(range: AbstractRange): PhoneRecord | undefined {
    return this.ranges.recordOf(range);
  }

  /** A unit's records (a text-only block's are made now, and kept until it is unpainted; a row's held cells are looked up). */
  recordsIn(unit: Unit): readonly PhoneRecord[] {
    const own = this.byUnit.get(unit) ?? [];
    if (unit.nodeType !== 1) return own;
    const el = unit as Element;
    this.lookUpFor(el);
    let out = this.leaves.has(el) ? (own.length === 0 ? this.madeFor(el) : own.concat(this.madeFor(el))) : own;
    for (const cell of this.cells.cellsOf(el)) if (cell !== el) out = out.concat(this.madeFor(cell));
    return out;
  }

  /** True if the unit has numbers. */
  has(unit: Unit): boolean {
    return this.byUnit.has(unit) || (unit.nodeType === 1 && (this.leaves.has(unit as Element) || this.cells.has(unit as Element)));
  }

  /**
   * Adds a record, unless its unit has one for the same text already: a subtree read deep may
   * meet blocks read before (content moved, added ahead of a running scan, a viewport pass).
   */
  add(record: PhoneRecord): void {
    let list = this.byUnit.get(record.unit);
    if (!list) {
      const known = this.has(record.unit);
      list = [];
      this.byUnit.set(record.unit, list);
      if (!known) this.onNewUnit?.(record.unit);
    }
    // Looked up by start node, not by scanning the unit's list: one block may hold thousands.
    const sameStart = this.byStart.get(record.startNode);
    if (sameStart === undefined) this.byStart.set(record.startNode, record);
    else if (Array.isArray(sameStart)) {
      if (sameStart.some((r) => isDuplicate(r, record))) return;
      sameStart.push(record);
    } else {
      if (isDuplicate(sameStart, record)) return;
      this.byStart.set(record.startNode, [sameStart, record]);
    }
    list.push(record);
    this.count++;
    if (this.visible === null && this.count > PAINT_ALL_UP_TO) this.limitPainting();
    if (this.visible === null || this.visible.has(record.unit)) this.ranges.paint(record);
  }

  /**
   * Adds a number found in a block that holds only text, at [start, end) of its text, unless
   * listed already. A record is made for it only if the block is painted.
   */
  addLeaf(unit: Element, start: number, end: number, number: string): void {
    if (end > MAX_LEAF_TEXT) throw new RangeError('leaf-span-past-max');
    const spans = this.leaves.get(unit);
    if (spans === undefined) {
      const known = this.byUnit.has(unit);
      this.leaves.set(unit, packSpan(start, end));
      if (!known) this.onNewUnit?.(unit);
    } else {
      const more = addSpan(spans, packSpan(start, end));
      if (more === null) return;
      this.leaves.set(unit, more);
    }
    this.count++;
    if (this.visible === null && this.count > PAINT_ALL_UP_TO) this.limitPainting();
    if (this.visible !== null && !this.visible.has(unit)) return;
    let made = this.leafMade.get(unit);
    // Its other numbers have no records yet: all are made (found again), this one included.
    if (made === undefined && spans !== undefined) made = this.madeFor(unit);
    else {
      // Its first number, or one more beside records made already: the detector's answer is at hand.
      const record = leafRecord(unit, unit.textContent ?? '', start, end, number);
      if (made === undefined) {
        made = [];
        this.leafMade.set(unit, made);
      }
      if (record) made.push(record);
    }
    for (const r of made) this.ranges.paint(r);
  }

  /**
   * Adds a number found in cell `cell` (its index among the row's element children) of a row
   * read from its markup, at [start, end) of the cell's text. Held by the row, the cell not
   * looked up, unless it is painted now (all are, or its row is near the viewport) or its row's
   * cells were looked up already. `number`: or the matches it is `index` of (a held cell never asks).
   */
  addCell(row: Element, cell: number, start: number, end: number, number: string | Pick<MatchList, 'number'>, index = 0): void {
    if (end > MAX_LEAF_TEXT) throw new RangeError('leaf-span-past-max');
    if (this.visible === null || this.visible.has(row) || this.cells.lookedUp(row)) {
      const el = cellAt(row, cell);
      if (el === null) return;
      this.cells.noteLookedUp(row, el);
      if (this.visible?.has(row)) this.visible.add(el);
      this.addLeaf(el, start, end, typeof number === 'string' ? number : number.number(index));
      return;
    }
    const held = this.cells.hold(row, cell, packSpan(start, end));
    if (held === NOT_HELD) return;
    this.count++;
    if (held === FIRST_OF_ROW) this.onNewUnit?.(row);
  }

  /** Looks up the held cells of `el` (a row), or of its row (a cell held by it). */
  private lookUpFor(el: Element): void {
    if (this.cells.holds(el)) this.lookUpRow(el);
    else if (!this.leaves.has(el)) {
      const row = el.parentElement;
      if (row !== null && this.cells.holds(row)) this.lookUpRow(row);
    }
  }

  /** Turns a row's held cells into leaves (their records are made when painted). */
  private lookUpRow(row: Element): void {
    const held = this.cells.lookUp(row, (el, span) => {
      const spans = this.leaves.get(el);
      const next = spans === undefined ? span : addSpan(spans, span);
      if (next === null) return;
      this.leaves.set(el, next);
      this.count++;
      // Records made before lack the new span: made again, all of them, when next painted.
      this.release(el);
    });
    this.count -= held;
  }

  /** True once the page has too many numbers to paint them all. */
  get needsViewport(): boolean {
    return this.count > PAINT_ALL_UP_TO;
  }

  /**
   * Past the limit, stop painting every new record (a scan finds thousands before the painter
   * first picks the units near the viewport, and every highlight change costs the page a
   * full-document paint update): ranges not yet in the highlight are dropped, ranges already
   * shown stay, until setVisible says which units are near the viewport.
   */
  private limitPainting(): void {
    this.ranges.dropPending();
    const shown = new Set<Unit>();
    for (const [unit, list] of this.byUnit) if (list.some((r) => r.range !== null)) shown.add(unit);
    for (const [unit, list] of this.leafMade) {
      if (list.some((r) => r.range !== null)) shown.add(unit);
      else this.leafMade.delete(unit);
    }
    this.visible = shown;
  }

  /** Paints exactly the records of these units (null: all). */
  setVisible(units: Set<Unit> | null): void {
    const before = this.visible;
    this.visible = units;
    if (before !== null && units !== null) {
      // Only units entering or leaving the band change.
      for (const unit of before) if (!units.has(unit)) this.unpaintUnit(unit);
      for (const unit of units) if (!before.has(unit)) for (const r of this.recordsIn(unit)) this.ranges.paint(r);
    } else if (before !== units) {
      for (const unit of [...this.byUnit.keys(), ...this.leaves.keys(), ...this.cells.rows()]) {
        if (units === null || units.has(unit)) for (const r of this.recordsIn(unit)) this.ranges.paint(r);
        else this.unpaintUnit(unit);
      }
    }
    this.flush();
  }

  /** Paints one unit now (the pointer is over it), whatever the viewport logic said. */
  paintUnit(unit: Unit): void {
    this.visible?.add(unit);
    for (const r of this.recordsIn(unit)) this.ranges.paint(r);
    this.flush();
  }

  /** Forgets every record of a unit (before it is scanned again; it stays watched). */
  dropUnit(unit: Unit): void {
    const list = this.byUnit.get(unit);
    if (list) {
      this.byUnit.delete(unit);
      for (const record of list) this.forget(record);
    }
    if (unit.nodeType === 1) this.dropCells(unit as Element);
    const spans = unit.nodeType === 1 ? this.leaves.get(unit as Element) : undefined;
    if (spans !== undefined) {
      this.release(unit as Element);
      this.leaves.delete(unit as Element);
      this.count -= spanCount(spans);
      this.dropped += spanCount(spans);
    }
  }

  /**
   * A row's held and looked-up cells go with it (it is read again whole); a cell held by its row
   * is looked up first, so it can go on its own.
   */
  private dropCells(el: Element): void {
    const held = this.cells.take(el);
    if (held !== undefined) {
      this.count -= held.length / 2;
      this.dropped += held.length / 2;
    }
    for (const cell of this.cells.forget(el)) if (cell !== el) this.dropUnit(cell);
    if (!this.leaves.has(el)) {
      const row = el.parentElement;
      if (row !== null && this.cells.holds(row)) this.lookUpRow(row);
    }
  }

  /** Forgets the records of every unit inside `root` (itself included; shadow roots by their host). */
  dropWithin(root: Node): void {
    for (const unit of [...this.byUnit.keys(), ...this.leaves.keys(), ...this.cells.rows()]) {
      const at = unit.nodeType === 11 ? (unit as ShadowRoot).host : unit;
      if (root === at || root.contains(at)) this.dropUnit(unit);
    }
  }

  /**
   * Drops records whose unit left the document or whose text was removed, moved or changed
   * under them. Returns the units still in the page that lost records, to be scanned again.
   */
  prune(): Unit[] {
    const rescan: Unit[] = [];
    for (const [unit, list] of this.byUnit) {
      if (!unit.isConnected) {
        this.dropUnit(unit);
        continue;
      }
      if (list.every(isLive)) continue;
      rescan.push(unit);
      const kept = list.filter(isLive);
      for (const r of list) if (!isLive(r)) this.forget(r);
      if (kept.length === 0) this.byUnit.delete(unit);
      else this.byUnit.set(unit, kept);
    }
    for (const row of this.cells.rows()) if (!row.isConnected) this.dropUnit(row);
    for (const unit of this.leaves.keys()) {
      if (!unit.isConnected) this.dropUnit(unit);
      // Text moved or removed under a painted number: read the block again.
      else if (!(this.leafMade.get(unit) ?? []).every(isLive)) {
        this.release(unit);
        rescan.push(unit);
      }
    }
    return rescan;
  }

  /** Paints ranges made since the last flush. */
  flush(): void {
    this.ranges.flush();
  }

  /** Keeps the registry entry ours and complete; cheap when nothing changed. */
  verify(): void {
    this.ranges.verify(() => [...this.byUnit.values(), ...this.leafMade.values()]);
  }

  /** Removes everything: the highlight from the registry (if still ours) and all records. */
  clear(): void {
    this.ranges.clear();
    this.byUnit.clear();
    this.leaves.clear();
    this.leafMade.clear();
    this.cells.clear();
    this.visible = null;
    this.shadowRoots.clear();
    this.byStart = new Map();
    this.count = 0;
    this.dropped++;
  }

  liveShadowRoots(): ShadowRoot[] {
    const out: ShadowRoot[] = [];
    for (const root of this.shadowRoots) {
      if (root.host.isConnected) out.push(root);
      else this.shadowRoots.delete(root);
    }
    return out;
  }

  /** Every record (text-only blocks' made for the caller, not kept): for tests and the debug hook. */
  *all(): Iterable<PhoneRecord> {
    for (const row of this.cells.heldRows()) this.lookUpRow(row);
    for (const list of this.byUnit.values()) yield* list;
    for (const [unit, spans] of this.leaves) yield* this.leafMade.get(unit) ?? leafRecords(unit, spans, this.detectLeaf);
  }

  /** The records of a text-only block's numbers, made once while it is painted or hit-tested. */
  private madeFor(unit: Element): PhoneRecord[] {
    let made = this.leafMade.get(unit);
    if (made) return made;
    const spans = this.leaves.get(unit);
    made = spans === undefined ? [] : leafRecords(unit, spans, this.detectLeaf);
    this.leafMade.set(unit, made);
    return made;
  }

  /** Unpaints a text-only block's records and lets them go (its compact list stays). */
  private release(unit: Element): void {
    const made = this.leafMade.get(unit);
    if (!made) return;
    for (const r of made) this.ranges.unpaint(r);
    this.leafMade.delete(unit);
  }

  private unpaintUnit(unit: Unit): void {
    for (const r of this.byUnit.get(unit) ?? []) this.ranges.unpaint(r);
    if (unit.nodeType !== 1) return;
    this.release(unit as Element);
    for (const cell of this.cells.cellsOf(unit as Element)) if (!this.visible?.has(cell)) this.release(cell);
  }


  private forget(record: PhoneRecord): void {
    const sameStart = this.byStart.get(record.startNode);
    if (sameStart === record) this.byStart.delete(record.startNode);
    else if (Array.isArray(sameStart)) {
      const at = sameStart.indexOf(record);
      if (at >= 0) sameStart.splice(at, 1);
      if (sameStart.length === 0) this.byStart.delete(record.startNode);
    }
    this.ranges.unpaint(record);
    this.count--;
    this.dropped++;
  }
}
