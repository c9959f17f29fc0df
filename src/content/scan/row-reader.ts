import { enoughDigits } from './block-text';
import { MarkupCells, parseRowMarkup } from './row-markup';
import type { RunBatch } from './run-batch';

/** Rows with more element children than this are read cell by cell. */
const MAX_CELLS = 64;
/** Nor is a row whose markup is longer than this (a cell's text goes to the batch whole). */
const MAX_MARKUP = 16_384;
/** Batched texts stay shorter than this (LineReader's BATCH_CHARS). */
const MAX_CELL_TEXT = 1024;
/** The parents of the cell tags row-markup.ts reads (tagName as HTML documents give it). */
const ROW_TAGS = new Set(['TR', 'UL', 'OL', 'MENU', 'DL']);
/** Parents whose text between rows the HTML parser keeps blank (it moves other text out of the table). */
const SECTION_TAGS = new Set(['TBODY', 'THEAD', 'TFOOT', 'TABLE']);
/**
 * Rows refused after their markup was read, per parent, before its other rows are only walked:
 * the first refusal may be a row with an element in a cell (read unchecked), two more are rows
 * that passed the check.
 */
const REFUSALS_PER_PARENT = 3;
/** Any grandchild: a row's cells hold only text. */
const GRANDCHILD = ':scope > * > *';
/** A table section with this many rows or more makes the scan a big one (RunBatch.bigTable). */
const BIG_SECTION_ROWS = 1000;

/**
 * `row` and the rows after it, counted up to `limit`. Stepped with nextElementSibling: the walk
 * makes these rows' wrappers anyway, while childElementCount or `children[n]` on the section
 * walked all of its rows (20 ms for 50,000).
 */
function rowsFrom(row: Element, limit: number): number {
  let n = 0;
  for (let el: Element | null = row; el !== null && n < limit; el = el.nextElementSibling) n++;
  return n;
}

/**
 * Reads a table row or a list (a block whose children are cells holding only text) in one
 * call: its `innerHTML`, parsed in row-markup.ts. In an isolated world every node handed over
 * costs a wrapper and every string a cache entry the garbage collector walks; a row read cell by
 * cell pays that per cell, this way once per row. The cells' own wrappers are made only for the
 * cells a number is found in (BatchDetector.flush). Anything else is left to the walk.
 */
export class RowReader {
  private readonly cells = new MarkupCells();
  private readonly enabled: boolean;
  /**
   * Rows whose markup was read and refused, by parent. A parent with none reads its rows' markup
   * unchecked: on a plain table, asking each row for a grandchild first cost more than a tenth of
   * reading it (10 of 57 ms per 10,000 rows in an isolated world). After a refusal its rows are
   * checked for an element in a cell before their markup is read (a table of links pays one
   * wasted read), and after REFUSALS_PER_PARENT they are walked without reading their markup (a
   * table whose every row carries something the parser refuses would otherwise pay for both).
   */
  private readonly refused = new WeakMap<Node, number>();
  /** The parent of the last row read, and whether it is a table section (looked up once per parent). */
  private lastParent: Node | null = null;
  private parentIsSection = false;
  /** True if the last row read is a table row in a table section: what lies between its siblings is blank text. */
  lastInSection = false;

  constructor(
    private readonly batch: RunBatch,
    doc: Document,
  ) {
    // XML documents serialize differently (no entities for nbsp, self-closing tags).
    this.enabled = doc.contentType === 'text/html';
  }

  /**
   * Batches the row's cells and returns true, or returns false (nothing batched) when it must be
   * walked. `count` and `parent` are the row's element children and parent, as the walk knows them
   * (each DOM read costs in an isolated world).
   */
  read(row: Element, count: number, parent: Node | null): boolean {
    const tag = row.tagName;
    if (!this.enabled || count === 0 || count > MAX_CELLS || !ROW_TAGS.has(tag)) return false;
    const refusals = parent === null ? 0 : (this.refused.get(parent) ?? 0);
    if (refusals >= REFUSALS_PER_PARENT || (refusals > 0 && row.querySelector(GRANDCHILD) !== null)) return false;
    if (!this.parse(row.innerHTML, count)) {
      if (parent !== null) this.refused.set(parent, refusals + 1);
      return false;
    }
    if (parent !== this.lastParent) {
      this.lastParent = parent;
      this.parentIsSection = parent !== null && parent.nodeType === 1 && SECTION_TAGS.has((parent as Element).tagName);
      // A big table's batches can go to the worker sooner (batch-detector.ts).
      if (this.parentIsSection && !this.batch.bigTable && rowsFrom(row, BIG_SECTION_ROWS) >= BIG_SECTION_ROWS) this.batch.bigTable = true;
    }
    this.lastInSection = this.parentIsSection && tag === 'TR';
    const { texts, indexes, size } = this.cells;
    for (let i = 0; i < size; i++) this.batch.add(row, texts[i] as string, row, indexes[i] as number);
    return true;
  }

  /**
   * The element children of `el` if it is a row (its cells); for any other element 0 if it has
   * none and -1 if it has some, not counted: childElementCount walks every child, and on a
   * 50,000-row table body that took 20-25 ms in one step (twice per scan).
   */
  children(el: Element): number {
    if (ROW_TAGS.has(el.tagName)) return el.childElementCount;
    return el.firstElementChild === null ? 0 : -1;
  }

  /** True if `html` parsed into exactly the row's `count` cells, each one read short enough for a batch. */
  private parse(html: string, count: number): boolean {
    // Only cells with digits enough for a number are read: the others (names, e-mails) cost no string.
    if (html.length > MAX_MARKUP || !parseRowMarkup(html, this.cells, enoughDigits) || this.cells.count !== count) return false;
    const { texts, size } = this.cells;
    for (let i = 0; i < size; i++) if ((texts[i] as string).length >= MAX_CELL_TEXT) return false;
    return true;
  }

  /** How many cells the last row read had (what the walk counts as blocks read). */
  get lastCells(): number {
    return this.cells.count;
  }
}
