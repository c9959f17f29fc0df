import { addSpan, type LeafDetect, type LeafSpans, leafRecord, leafRecords, MAX_LEAF_TEXT, packSpan, spanCount } from './leaf-numbers';
import { realm } from './realm';
import { newScanStats } from './scan-stats';
import type { PhoneRecord, Unit } from './types';

export const HIGHLIGHT_NAME = 'dialbar-phone';
/** Up to this many numbers, all are painted; beyond, only units near the viewport (see ViewportPainter). */
export const PAINT_ALL_UP_TO = 400;

/**
 * Dialbar's private record of detections plus the one `Highlight` that paints them. The page can
 * read and even change the registry's Highlight, but only ranges found in `byRange` are ever
 * dialled, and `verify()` repairs the registry when the page deletes or clears it.
 *
 * Chromium re-validates every highlight range (and updates every live Range) on each DOM
 * change, so on big pages only units near the viewport get live ranges in the highlight;
 * `setVisible` (driven by ViewportPainter) says which. Numbers in blocks that hold only text (table
 * cells) are kept compact (leaf-numbers.ts) and get records only while painted or hit-tested.
 */
export class RecordStore {
  private readonly byUnit = new Map<Unit, PhoneRecord[]>();
  /** Numbers of blocks holding only text, compact (addLeaf). */
  private readonly leaves = new Map<Element, LeafSpans>();
  /** Records made from `leaves` for the blocks painted or hit-tested; dropped when unpainted. */
  private readonly leafMade = new Map<Element, PhoneRecord[]>();
  private byRange = new WeakMap<AbstractRange, PhoneRecord>();
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
  private painted = 0;
  /** Open shadow roots met while scanning (hit testing must name them). */
  readonly shadowRoots = new Set<ShadowRoot>();
  readonly highlight: Highlight | null;
  /** Ranges made but not yet painted; flushed in batches to keep style work per frame small. */
  private pending: Range[] = [];

  /** Scan timings, for the debug hook and benchmarks. */
  readonly stats = newScanStats();

  /** Finds a text-only block's numbers again when its records are made (set by the scanner). */
  detectLeaf: LeafDetect = () => [];

  /** Told when a unit gets its first record (the painter keeps them in document order). */
  onNewUnit: ((unit: Unit) => void) | null = null;

  constructor(private readonly onError: (where: string, error: unknown) => void = () => {}) {
    this.highlight = realm.Highlight ? new realm.Highlight() : null;
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
    return this.painted;
  }

  recordOf(range: AbstractRange): PhoneRecord | undefined {
    return this.byRange.get(range);
  }

  /** A unit's records (a text-only block's are made now, and kept until it is unpainted). */
  recordsIn(unit: Unit): readonly PhoneRecord[] {
    const own = this.byUnit.get(unit) ?? [];
    if (unit.nodeType !== 1 || !this.leaves.has(unit as Element)) return own;
    const made = this.madeFor(unit as Element);
    return own.length === 0 ? made : own.concat(made);
  }

  /** True if the unit has numbers. */
  has(unit: Unit): boolean {
    return this.byUnit.has(unit) || (unit.nodeType === 1 && this.leaves.has(unit as Element));
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
    if (this.visible === null || this.visible.has(record.unit)) this.paint(record);
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
    for (const r of made) this.paint(r);
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
    for (const range of this.pending) {
      const record = this.byRange.get(range);
      if (!record) continue;
      record.range = null;
      this.byRange.delete(range);
      this.painted--;
    }
    this.pending = [];
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
      for (const unit of units) if (!before.has(unit)) for (const r of this.recordsIn(unit)) this.paint(r);
    } else if (before !== units) {
      for (const unit of [...this.byUnit.keys(), ...this.leaves.keys()]) {
        if (units === null || units.has(unit)) for (const r of this.recordsIn(unit)) this.paint(r);
        else this.unpaintUnit(unit);
      }
    }
    this.flush();
  }

  /** Paints one unit now (the pointer is over it), whatever the viewport logic said. */
  paintUnit(unit: Unit): void {
    this.visible?.add(unit);
    for (const r of this.recordsIn(unit)) this.paint(r);
    this.flush();
  }

  /** Forgets every record of a unit (before it is scanned again; it stays watched). */
  dropUnit(unit: Unit): void {
    const list = this.byUnit.get(unit);
    if (list) {
      this.byUnit.delete(unit);
      for (const record of list) this.forget(record);
    }
    const spans = unit.nodeType === 1 ? this.leaves.get(unit as Element) : undefined;
    if (spans !== undefined) {
      this.release(unit as Element);
      this.leaves.delete(unit as Element);
      this.count -= spanCount(spans);
      this.dropped += spanCount(spans);
    }
  }

  /** Forgets the records of every unit inside `root` (itself included; shadow roots by their host). */
  dropWithin(root: Node): void {
    for (const unit of [...this.byUnit.keys(), ...this.leaves.keys()]) {
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
    const h = this.highlight;
    if (h && this.pending.length > 0) {
      for (const range of this.pending) if (this.byRange.has(range)) h.add(range);
      if (this.stats.firstPaintAt === 0 && h.size > 0) this.stats.firstPaintAt = realm.now();
    }
    this.pending = [];
  }

  /** Keeps the registry entry ours and complete; cheap when nothing changed. */
  verify(): void {
    const h = this.highlight;
    const registry = realm.highlights;
    if (!h || !registry) return;
    if (registry.get(HIGHLIGHT_NAME) !== h) registry.set(HIGHLIGHT_NAME, h);
    this.flush();
    if (h.size !== this.painted) {
      h.clear();
      for (const list of [...this.byUnit.values(), ...this.leafMade.values()]) for (const r of list) if (r.range) h.add(r.range);
    }
  }

  /** Removes everything: the highlight from the registry (if still ours) and all records. */
  clear(): void {
    const registry = realm.highlights;
    if (registry && this.highlight && registry.get(HIGHLIGHT_NAME) === this.highlight) registry.delete(HIGHLIGHT_NAME);
    this.highlight?.clear();
    this.byUnit.clear();
    this.leaves.clear();
    this.leafMade.clear();
    this.visible = null;
    this.shadowRoots.clear();
    this.byRange = new WeakMap();
    this.byStart = new Map();
    this.pending = [];
    this.count = 0;
    this.painted = 0;
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
    for (const r of made) this.unpaint(r);
    this.leafMade.delete(unit);
  }

  private unpaintUnit(unit: Unit): void {
    for (const r of this.byUnit.get(unit) ?? []) this.unpaint(r);
    if (unit.nodeType === 1) this.release(unit as Element);
  }

  private paint(record: PhoneRecord): void {
    if (record.range) return;
    try {
      const range = new realm.Range();
      range.setStart(record.startNode, record.startOffset);
      range.setEnd(record.endNode, record.endOffset);
      record.range = range;
      this.byRange.set(range, record);
      this.pending.push(range);
      this.painted++;
    } catch (error) {
      this.onError('paint', error);
    }
  }

  private unpaint(record: PhoneRecord): void {
    const range = record.range;
    if (!range) return;
    record.range = null;
    this.byRange.delete(range);
    this.highlight?.delete(range);
    this.painted--;
  }

  private forget(record: PhoneRecord): void {
    const sameStart = this.byStart.get(record.startNode);
    if (sameStart === record) this.byStart.delete(record.startNode);
    else if (Array.isArray(sameStart)) {
      const at = sameStart.indexOf(record);
      if (at >= 0) sameStart.splice(at, 1);
      if (sameStart.length === 0) this.byStart.delete(record.startNode);
    }
    this.unpaint(record);
    this.count--;
    this.dropped++;
  }
}

/** The same span of text, recorded for the same unit. */
function isDuplicate(a: PhoneRecord, b: PhoneRecord): boolean {
  return a.unit === b.unit && a.startNode === b.startNode && a.startOffset === b.startOffset && a.endNode === b.endNode && a.endOffset === b.endOffset;
}

function isLive(record: PhoneRecord): boolean {
  const { startNode, endNode, range } = record;
  if (!startNode.isConnected || !endNode.isConnected) return false;
  if (record.startOffset > startNode.length || record.endOffset > endNode.length) return false;
  return !range?.collapsed;
}
