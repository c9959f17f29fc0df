import { BoundedMap } from './bounded-map';
import { packSpan, spanEnd, spanStart } from './leaf-numbers';

/**
 * Numbers in cells read from their row's markup (scan/row-reader.ts), held by their row until a
 * cell is needed (painted near the viewport, under the pointer, read again). In an isolated world
 * looking a cell up costs a wrapper for it and for each cell before it; on a 10,000-row table that
 * was the main thread's largest share of recording the detector's matches, for cells most of
 * which are never painted. The row is the painter's unit for them (record-store.ts).
 */
export class RowCells {
  /**
   * Rows whose cells are not looked up yet, each with its [cell index, packed span] pairs packed
   * into one number (`packPair`, `joinPairs`), or MANY for a row with more than fit (in `many`). A big table
   * holds most of its rows here, so a Map entry and a number each, not an array each: the heap
   * the scan leaves grows by less per row, and every major collection of a big page marks it all.
   * Its tables are bounded (bounded-map.ts): one Map's growth copies were large objects.
   */
  private readonly held = new BoundedMap<Element>();
  /**
   * Two joined pairs (52 bits) are not a small integer: a Map value would be a heap number per
   * row, 12 bytes each kept for the page's life in V8's old generation, whose growth during a big
   * scan sets off a major collection of the page. So `held` keeps a slot here (as -2 - slot),
   * outside V8's heap.
   */
  private joined = new Float64Array(1024);
  private joinedUsed = 0;
  private readonly freeSlots: number[] = [];
  /** Rows holding more pairs than fit in one number: all of their pairs. */
  private readonly many = new Map<Element, number[]>();
  /** Rows whose cells were looked up: those cells (leaves of the store from then on). */
  private readonly looked = new Map<Element, Element[]>();

  /**
   * Holds a cell's span: NOT_HELD if held already (a row read twice), FIRST_OF_ROW if the row held
   * none before (one look-up for both answers). Allocates nothing for a row's first two.
   */
  hold(row: Element, cell: number, span: number): HoldResult {
    const stored = this.held.get(row);
    const pair = packPair(cell, span);
    if (stored === undefined) {
      if (pair === MANY) this.many.set(row, [cell, span]);
      this.held.add(row, pair);
      return FIRST_OF_ROW;
    }
    if (stored !== MANY) {
      const packed = this.packedOf(stored);
      const first = packed % PAIR;
      if (pair === first || (packed >= PAIR && pair === Math.floor(packed / PAIR) - 1)) return NOT_HELD;
      if (packed < PAIR && pair !== MANY) {
        this.held.set(row, this.slotFor(joinPairs(first, pair)));
        return HELD;
      }
      // A third pair, or one that does not fit: all of them go to a list.
      const list = unpackPairs(packed);
      list.push(cell, span);
      this.many.set(row, list);
      this.freeSlotOf(stored);
      this.held.set(row, MANY);
      return HELD;
    }
    const list = this.many.get(row) ?? [];
    for (let i = 0; i < list.length; i += 2) if (list[i] === cell && list[i + 1] === span) return NOT_HELD;
    list.push(cell, span);
    this.many.set(row, list);
    return HELD;
  }

  /** What `held` stores for joined pairs: a slot of `joined`. */
  private slotFor(packed: number): number {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.joinedUsed++;
      if (slot === this.joined.length) {
        const bigger = new Float64Array(slot * 2);
        bigger.set(this.joined);
        this.joined = bigger;
      }
    }
    this.joined[slot] = packed;
    return -2 - slot;
  }

  private freeSlotOf(stored: number): void {
    if (stored <= -2) this.freeSlots.push(-2 - stored);
  }

  /** The packed pairs `held` stores as `stored` (not MANY). */
  private packedOf(stored: number): number {
    return stored <= -2 ? (this.joined[-2 - stored] as number) : stored;
  }

  /** The row's held pairs, unpacked (a row in `many`: its own list). */
  private pairs(row: Element, stored: number): number[] {
    return stored === MANY ? (this.many.get(row) ?? []) : unpackPairs(this.packedOf(stored));
  }

  holds(row: Element): boolean {
    return this.held.has(row);
  }

  /** True if the row has cells held or looked up. */
  has(row: Element): boolean {
    return this.held.has(row) || this.looked.has(row);
  }

  lookedUp(row: Element): boolean {
    return this.looked.has(row);
  }

  /** Takes the row's held pairs (to look their cells up, or to drop them). */
  take(row: Element): number[] | undefined {
    const stored = this.held.get(row);
    if (stored === undefined) return undefined;
    const list = this.pairs(row, stored);
    this.freeSlotOf(stored);
    this.held.delete(row);
    this.many.delete(row);
    return list;
  }

  /**
   * Looks up the row's held cells: `each(cell, span)` for every one found (a cell gone since
   * is skipped). Returns how many were held.
   */
  lookUp(row: Element, each: (cell: Element, span: number) => void): number {
    const list = this.take(row);
    if (list === undefined) return 0;
    for (let i = 0; i < list.length; i += 2) {
      const el = cellAt(row, list[i] as number);
      if (el === null) continue;
      this.noteLookedUp(row, el);
      each(el, list[i + 1] as number);
    }
    return list.length / 2;
  }

  noteLookedUp(row: Element, cell: Element): void {
    const cells = this.looked.get(row);
    if (cells === undefined) this.looked.set(row, [cell]);
    else if (!cells.includes(cell)) cells.push(cell);
  }

  /** The cells looked up for a row. */
  cellsOf(row: Element): readonly Element[] {
    return this.looked.get(row) ?? NONE;
  }

  /** Forgets a row's looked-up list and returns it. */
  forget(row: Element): readonly Element[] {
    const cells = this.looked.get(row);
    this.looked.delete(row);
    return cells ?? NONE;
  }

  heldRows(): Element[] {
    return [...this.held.keys()];
  }

  rows(): Element[] {
    return [...new Set([...this.held.keys(), ...this.looked.keys()])];
  }

  clear(): void {
    this.held.clear();
    this.joinedUsed = 0;
    this.freeSlots.length = 0;
    this.many.clear();
    this.looked.clear();
  }
}

const NONE: readonly Element[] = [];

/** What hold did: nothing (held already), held the span, or held the first span of its row. */
export type HoldResult = typeof NOT_HELD | typeof HELD | typeof FIRST_OF_ROW;
export const NOT_HELD = 0;
export const HELD = 1;
export const FIRST_OF_ROW = 2;

/** Marks a row whose pairs are in `many`. */
const MANY = -1;
/** A pair packs into 26 bits: cell index (6), start and end of its span (10 each). */
const CELL_LIMIT = 64;
const OFFSET_LIMIT = 1024;
const PAIR = 2 ** 26;
/** One pair packed (below PAIR), or MANY if it does not fit. */
export function packPair(cell: number, span: number): number {
  const start = spanStart(span);
  const end = spanEnd(span);
  if (cell >= CELL_LIMIT || start >= OFFSET_LIMIT || end >= OFFSET_LIMIT) return MANY;
  return (cell * OFFSET_LIMIT + start) * OFFSET_LIMIT + end;
}

function unpackPair(packed: number, out: number[]): void {
  const end = packed % OFFSET_LIMIT;
  const rest = Math.floor(packed / OFFSET_LIMIT);
  out.push(Math.floor(rest / OFFSET_LIMIT), packSpan(rest % OFFSET_LIMIT, end));
}

/** Two packed pairs as one number: (second + 1) * PAIR + first, 52 bits, exact in a double. */
export function joinPairs(first: number, second: number): number {
  return (second + 1) * PAIR + first;
}

/** The [cell, span, ...] pairs of a number packPair or joinPairs made (not MANY). */
export function unpackPairs(packed: number): number[] {
  const out: number[] = [];
  unpackPair(packed % PAIR, out);
  if (packed >= PAIR) unpackPair(Math.floor(packed / PAIR) - 1, out);
  return out;
}

/** A row's element child at `index` (by siblings: `children` is one more wrapper in an isolated world). */
export function cellAt(row: Element, index: number): Element | null {
  let el = row.firstElementChild;
  for (let k = 0; el !== null && k < index; k++) el = el.nextElementSibling;
  return el;
}
