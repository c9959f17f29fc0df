/**
 * Numbers in cells read from their row's markup (scan/row-reader.ts), held by their row until a
 * cell is needed (painted near the viewport, under the pointer, read again). In an isolated world
 * looking a cell up costs a wrapper for it and for each cell before it; on a 10,000-row table that
 * was the main thread's largest share of recording the detector's matches, for cells most of
 * which are never painted. The row is the painter's unit for them (record-store.ts).
 */
export class RowCells {
  /** Rows whose cells are not looked up yet: [cell index, packed span] pairs. */
  private readonly held = new Map<Element, number[]>();
  /** Rows whose cells were looked up: those cells (leaves of the store from then on). */
  private readonly looked = new Map<Element, Element[]>();

  /** Holds a cell's span; false if held already (a row read twice). */
  hold(row: Element, cell: number, span: number): boolean {
    const list = this.held.get(row);
    if (list === undefined) {
      this.held.set(row, [cell, span]);
      return true;
    }
    for (let i = 0; i < list.length; i += 2) if (list[i] === cell && list[i + 1] === span) return false;
    list.push(cell, span);
    return true;
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
    const list = this.held.get(row);
    this.held.delete(row);
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
    this.looked.clear();
  }
}

const NONE: readonly Element[] = [];

/** A row's element child at `index` (by siblings: `children` is one more wrapper in an isolated world). */
export function cellAt(row: Element, index: number): Element | null {
  let el = row.firstElementChild;
  for (let k = 0; el !== null && k < index; k++) el = el.nextElementSibling;
  return el;
}
