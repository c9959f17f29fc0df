import { classValueSkips } from './dom-rules';

/*
 * The children a row may have to be read from its markup in one call (row-reader.ts): td, th, li,
 * dt, dd (isCellTag), blocks that hold table or list text and can never host a shadow root, so
 * nothing in them is missed.
 */

/**
 * The cells read from one row, reused from row to row (a big table has tens of thousands): each
 * cell's index among the row's element children and its text (as textContent gives it).
 */
export class MarkupCells {
  /** The first `size` entries are this row's; the arrays keep their length from row to row. */
  readonly indexes: number[] = [];
  readonly texts: string[] = [];
  /** How many cells were read (entries of `indexes` and `texts` that are this row's). */
  size = 0;
  /** How many cells the markup held, skipped ones included (the row's element children, if all is well). */
  count = 0;

  // Not `length = 0`: V8 frees an array's storage when its length is set to zero, so every row
  // allocated both arrays anew (about 3 MB per 20,000 rows, sampling heap profile).
  clear(): void {
    this.size = 0;
    this.count = 0;
  }

  add(index: number, text: string): void {
    this.indexes[this.size] = index;
    this.texts[this.size] = text;
    this.size++;
  }
}

/**
 * Which cells to read, from their markup html[from, to) (entities not decoded): a cell left out
 * costs no string. The others are counted all the same.
 */
export type CellFilter = (html: string, from: number, to: number) => boolean;
const keepAll: CellFilter = () => true;

/** What the HTML serializer writes for the four characters it escapes in text. */
const ENTITIES = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['nbsp', '\u00a0']]);

/**
 * Reads a row's `innerHTML` as written by the HTML fragment serializer: only blank text and
 * comments between children, and children that are cell tags holding only text
 * (`<td class="x">text</td>`). Fills
 * `out` with the cells that are read (a cell that is hidden, editable or opted out is skipped,
 * as the walk skips it) and returns true; returns false, with `out` in any state, for anything
 * else (a nested element, a comment in a cell, text beside the cells, an entity it does not know).
 */
export function parseRowMarkup(html: string, out: MarkupCells, keep: CellFilter = keepAll): boolean {
  out.clear();
  const n = html.length;
  let i = 0;
  let index = 0;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c !== 0x3c) {
      // Text beside the cells: only the blank text between them (the newlines of the source).
      if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c) {
        i++;
        continue;
      }
      return false;
    }
    // A comment between cells (frameworks leave them: Vue's <!--v-if-->): no text of any cell.
    // Its data may hold "-->" and so look like cells; the caller compares the cell count with the DOM's.
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end < 0) return false;
      i = end + 3;
      continue;
    }
    // A start tag: its two-letter name (read as char codes: no string per cell), then its attributes.
    const a = html.charCodeAt(i + 1);
    const b = html.charCodeAt(i + 2);
    const after = html.charCodeAt(i + 3);
    if (!isCellTag(a, b) || (after !== 0x3e && after !== 0x20)) return false;
    const skip = readAttributes(html, i + 3);
    if (skip === null) return false;
    // The text, up to this cell's end tag; any other '<' is markup inside the cell.
    const end = html.indexOf('<', tagEnd);
    const close = end + 4;
    if (end < 0 || html.charCodeAt(end + 1) !== 0x2f || html.charCodeAt(end + 2) !== a || html.charCodeAt(end + 3) !== b) return false;
    if (html.charCodeAt(close) !== 0x3e) return false;
    if (!skip && keep(html, tagEnd, end)) {
      const text = decode(html, tagEnd, end);
      if (text === null) return false;
      out.add(index, text);
    }
    index++;
    i = close + 1;
  }
  out.count = index;
  return true;
}

/** td, th, li, dt, dd (CELL_TAGS), from the two char codes of a tag name. */
function isCellTag(a: number, b: number): boolean {
  if (a === 0x74) return b === 0x64 || b === 0x68; // td, th
  if (a === 0x64) return b === 0x74 || b === 0x64; // dt, dd
  return a === 0x6c && b === 0x69; // li
}

/** Where the text of the start tag readAttributes read last begins (no object per cell). */
let tagEnd = 0;

/**
 * The attributes of a start tag from `from` (after its name) to its '>': whether they make the
 * walk skip the cell (dom-rules.ts: hidden, editable, opted out), or null if they cannot be
 * read; sets `tagEnd`. Values are double-quoted by the serializer and may hold '>'.
 */
function readAttributes(html: string, from: number): boolean | null {
  let skip = false;
  let i = from;
  for (;;) {
    const c = html.charCodeAt(i);
    if (Number.isNaN(c)) return null;
    if (c === 0x3e) {
      tagEnd = i + 1;
      return skip;
    }
    if (c === 0x20) {
      i++;
      continue;
    }
    // The name, compared in place: a cell's attributes (class, data-*) cost no string unless they can make it skip.
    let j = i;
    for (let d = html.charCodeAt(j); j < html.length && d !== 0x3d && d !== 0x20 && d !== 0x3e; d = html.charCodeAt(++j));
    const name = attrName(html, i, j);
    let from = j;
    let to = j;
    if (html.charCodeAt(j) === 0x3d) {
      if (html.charCodeAt(j + 1) !== 0x22) return null;
      const close = html.indexOf('"', j + 2);
      if (close < 0) return null;
      from = j + 2;
      to = close;
      j = close + 1;
    }
    if (name === SLASH) return null; // "<td/>": XML serialization, not ours to read
    if (name === HIDDEN) skip = true;
    else if (name === EDITABLE && html.slice(from, to).toLowerCase() !== 'false') skip = true;
    else if (name === CLASS && classValueSkips(html.slice(from, to))) skip = true;
    i = j;
  }
}

const OTHER = 0;
const SLASH = 1;
const HIDDEN = 2;
const EDITABLE = 3;
const CLASS = 4;

/** Which of the attributes readAttributes looks at html[from, to) names (the serializer writes HTML names in lower case). */
function attrName(html: string, from: number, to: number): number {
  const length = to - from;
  if (length === 5) return html.startsWith('class', from) ? CLASS : OTHER;
  if (length === 6) return html.startsWith('hidden', from) ? HIDDEN : OTHER;
  if (length === 15) return html.startsWith('contenteditable', from) ? EDITABLE : OTHER;
  return length === 1 && html.charCodeAt(from) === 0x2f ? SLASH : OTHER;
}

/** The text of html[from, to) with the serializer's entities decoded; null for one it never writes. */
function decode(html: string, from: number, to: number): string | null {
  let amp = html.indexOf('&', from);
  if (amp < 0 || amp >= to) return html.slice(from, to);
  let out = '';
  let at = from;
  while (amp >= 0 && amp < to) {
    const semi = html.indexOf(';', amp);
    if (semi < 0 || semi >= to) return null;
    const char = ENTITIES.get(html.slice(amp + 1, semi));
    if (char === undefined) return null;
    out += html.slice(at, amp) + char;
    at = semi + 1;
    amp = html.indexOf('&', at);
  }
  return out + html.slice(at, to);
}
