import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecordStore as RecordStoreClass } from '../../../src/content/record-store';
import type { Detection } from '../../../src/content/types';

/** A Range that keeps its ends (linkedom has none that the store can use). */
class FakeRange {
  startContainer: Node | null = null;
  endContainer: Node | null = null;
  collapsed = false;
  setStart(node: Node) {
    this.startContainer = node;
  }
  setEnd(node: Node) {
    this.endContainer = node;
  }
}
// realm.ts captures globals on import: give it what node lacks before loading the store.
vi.stubGlobal('Range', FakeRange);
vi.stubGlobal('Highlight', Set);
let RecordStore: typeof RecordStoreClass;
let PAINT_ALL_UP_TO: number;
beforeAll(async () => {
  ({ RecordStore, PAINT_ALL_UP_TO } = await import('../../../src/content/record-store'));
});

/** A stand-in detector: "ddd ddd-dddd" is a number. */
function detect(text: string): Detection[] {
  return [...text.matchAll(/\d{3} \d{3}-\d{4}/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, number: `+1${m[0].replace(/\D/g, '')}` }));
}

/** A table of `rows` cells, each with one number; the store holds them as a scan of cells adds them. */
function table(rows: number) {
  const { document } = parseHTML(
    `<!doctype html><html><body><table>${Array.from({ length: rows }, (_, i) => `<tr><td id="c${i}">Tel 415 555-${String(i).padStart(4, '0')}</td></tr>`).join('')}</table></body></html>`,
  );
  const cells = Array.from({ length: rows }, (_, i) => document.getElementById(`c${i}`) as Element);
  const store = new RecordStore();
  store.detectLeaf = detect;
  for (const [i, cell] of cells.entries()) store.addLeaf(cell, 4, 16, `+1415555${String(i).padStart(4, '0')}`);
  return { document, cells, store };
}

describe('RecordStore: numbers of blocks holding only text (table cells)', () => {
  it('counts them, keeps one per span, and makes their records with the right text nodes when asked', () => {
    const { cells, store } = table(3);
    const cell = cells[1] as Element;
    store.addLeaf(cell, 4, 16, '+14155550001'); // the same cell read again
    expect(store.size).toBe(3);
    const [record] = store.recordsIn(cell);
    expect(record).toMatchObject({ number: '+14155550001', shown: '415 555-0001', unit: cell, startOffset: 4, endOffset: 16 });
    expect(record?.startNode).toBe(cell.firstChild);
    expect(record?.endNode).toBe(cell.firstChild);
    expect([...store.all()].map((r) => r.shown)).toEqual(['415 555-0000', '415 555-0001', '415 555-0002']);
  });

  it('while every number is painted, a cell’s record comes from the scan’s own answer; past the limit, from reading the cell again', () => {
    const { document } = parseHTML(`<!doctype html><html><body><table>${Array.from({ length: PAINT_ALL_UP_TO + 1 }, (_, i) => `<tr><td>Tel 415 555-${String(i).padStart(4, '0')}</td></tr>`).join('')}</table></body></html>`);
    const cells = [...document.querySelectorAll('td')] as Element[];
    const store = new RecordStore();
    const read: string[] = [];
    store.detectLeaf = (text) => {
      read.push(text);
      return detect(text);
    };
    for (const [i, cell] of cells.slice(0, PAINT_ALL_UP_TO).entries()) store.addLeaf(cell, 4, 16, `+1415555${String(i).padStart(4, '0')}`);
    expect(store.paintedSize).toBe(PAINT_ALL_UP_TO);
    expect(read).toEqual([]);
    expect(store.recordsIn(cells[7] as Element)[0]?.number).toBe('+14155550007');
    store.addLeaf(cells[PAINT_ALL_UP_TO] as Element, 4, 16, '+14155550400');
    expect(store.needsViewport).toBe(true);
    store.setVisible(new Set([cells[PAINT_ALL_UP_TO] as Element]));
    expect(read).toEqual(['Tel 415 555-0400']);
    expect(store.recordsIn(cells[PAINT_ALL_UP_TO] as Element)[0]?.range).not.toBeNull();
  });

  it('a cell of several text nodes: the record spans them', () => {
    const { document, cells } = table(1);
    const cell = cells[0] as Element;
    cell.textContent = '';
    for (const part of ['Tel 415', ' 555-', '0000']) cell.appendChild(document.createTextNode(part));
    const store = new RecordStore();
    store.detectLeaf = detect;
    store.addLeaf(cell, 4, 16, '+14155550000');
    const [record] = store.recordsIn(cell);
    expect(record?.startNode).toBe(cell.childNodes[0]);
    expect(record?.startOffset).toBe(4);
    expect(record?.endNode).toBe(cell.childNodes[2]);
    expect(record?.endOffset).toBe(4);
  });

  it('past the paint limit, only the cells near the viewport get records, and lose them when they leave it', () => {
    const { cells, store } = table(PAINT_ALL_UP_TO + 100);
    expect(store.size).toBe(PAINT_ALL_UP_TO + 100);
    expect(store.needsViewport).toBe(true);
    const [a, b] = cells as [Element, Element];
    store.setVisible(new Set([a, b]));
    expect(store.paintedSize).toBe(2);
    const painted = store.recordsIn(a)[0];
    expect(painted?.range).not.toBeNull();
    expect(store.recordOf(painted?.range as Range)).toBe(painted);
    expect([...(store.highlight as unknown as Set<unknown>)]).toHaveLength(2);
    store.setVisible(new Set([b]));
    expect(store.paintedSize).toBe(1);
    // Let go when unpainted: asked again, it is a new record with no range.
    const again = store.recordsIn(a)[0];
    expect(again).not.toBe(painted);
    expect(again?.range).toBeNull();
    expect(store.recordOf(painted?.range as Range)).toBeUndefined();
    // The pointer over a cell paints it whatever the viewport said.
    store.paintUnit(cells[300] as Element);
    expect(store.paintedSize).toBe(2);
  });

  it('prune: a cell that left the page is dropped; a painted cell whose text was replaced is read again', () => {
    const { document, cells, store } = table(3);
    const [a, b, c] = cells as [Element, Element, Element];
    store.setVisible(new Set([b]));
    expect(store.paintedSize).toBe(1);
    a.closest('tr')?.remove();
    b.replaceChild(document.createTextNode('Tel 415 555-9999'), b.firstChild as Node);
    expect(store.prune()).toEqual([b]);
    expect(store.size).toBe(2);
    expect(store.has(a)).toBe(false);
    expect(store.paintedSize).toBe(0);
    // Its listed number stays until the rescan drops the unit.
    store.dropUnit(b);
    expect(store.size).toBe(1);
    expect(store.has(c)).toBe(true);
    store.dropWithin(c);
    expect(store.size).toBe(0);
  });

  it('a cell whose text changed since it was read gets no record for a span no longer a number', () => {
    // Past the paint limit: its record is made only when asked for, after the change.
    const { cells, store } = table(PAINT_ALL_UP_TO + 2);
    const [a, b] = cells as [Element, Element];
    a.textContent = 'Tel';
    b.textContent = 'Tel 415 555-00x1'; // as long as before
    expect(store.recordsIn(a)).toEqual([]);
    expect(store.recordsIn(b)).toEqual([]);
    expect(store.size).toBe(PAINT_ALL_UP_TO + 2);
  });

  it('a cell holding several numbers keeps each span once, and refuses a span past what it reads whole', () => {
    const { document } = parseHTML('<!doctype html><html><body><table><tr><td id="c">415 555-0100 / 415 555-0101</td></tr></table></body></html>');
    const cell = document.getElementById('c') as Element;
    const store = new RecordStore();
    store.detectLeaf = detect;
    store.addLeaf(cell, 0, 12, '+14155550100');
    store.addLeaf(cell, 15, 27, '+14155550101');
    store.addLeaf(cell, 0, 12, '+14155550100');
    expect(store.size).toBe(2);
    expect(store.recordsIn(cell).map((r) => [r.number, r.startOffset, r.endOffset])).toEqual([
      ['+14155550100', 0, 12],
      ['+14155550101', 15, 27],
    ]);
    expect(() => store.addLeaf(cell, 40_000, 40_012, '+1')).toThrow(RangeError);
    expect(store.size).toBe(2);
  });

  it('a unit with numbers of both kinds reports them all and is told to the painter once', () => {
    const { cells, store } = table(1);
    const cell = cells[0] as Element;
    const noted: Element[] = [];
    store.onNewUnit = (unit) => noted.push(unit as Element);
    store.dropUnit(cell);
    const text = cell.firstChild as Text;
    store.add({ number: '+1', shown: 'Tel', unit: cell, startNode: text, startOffset: 0, endNode: text, endOffset: 3, range: null });
    store.addLeaf(cell, 4, 16, '+14155550000');
    expect(noted).toEqual([cell]);
    expect(store.recordsIn(cell).map((r) => r.shown)).toEqual(['Tel', '415 555-0000']);
    store.clear();
    expect(store.size).toBe(0);
    expect(store.has(cell)).toBe(false);
  });
});

describe('RecordStore: cells held by their row (read from its markup)', () => {
  /** Rows of three cells: a name, a number in the middle cell, a note; every row's number added by row and cell index. */
  function rows(count: number) {
    const { document } = parseHTML(
      `<!doctype html><html><body><table>${Array.from({ length: count }, (_, i) => `<tr id="r${i}"><td>Name ${i}</td><td>Tel 415 555-${String(i).padStart(4, '0')}</td><td>note</td></tr>`).join('')}</table></body></html>`,
    );
    const store = new RecordStore();
    store.detectLeaf = detect;
    const noted: Element[] = [];
    store.onNewUnit = (unit) => noted.push(unit as Element);
    const row = (i: number) => document.getElementById(`r${i}`) as Element;
    const add = (i: number) => store.addCell(row(i), 1, 4, 16, `+1415555${String(i).padStart(4, '0')}`);
    return { document, store, noted, row, add };
  }

  it('past the paint limit, holds a cell by its row (the row is the painter’s unit) and counts it once per read', () => {
    const t = rows(PAINT_ALL_UP_TO + 10);
    for (let i = 0; i < PAINT_ALL_UP_TO + 10; i++) t.add(i);
    // The same rows read again (a viewport pass, then the main pass): no double count.
    for (let i = PAINT_ALL_UP_TO + 1; i < PAINT_ALL_UP_TO + 10; i++) t.add(i);
    expect(t.store.size).toBe(PAINT_ALL_UP_TO + 10);
    const last = t.row(PAINT_ALL_UP_TO + 9);
    expect(t.store.has(last)).toBe(true);
    expect(t.noted.includes(last)).toBe(true);
    // Held, not looked up: the row's cell is no unit of the store yet.
    expect(t.noted.includes(last.children[1] as Element)).toBe(false);
    // Painting the row (it came near the viewport) looks its cell up and paints its number.
    t.store.setVisible(new Set([last]));
    const records = t.store.recordsIn(last);
    expect(records.map((r) => [r.shown, r.unit === last.children[1]])).toEqual([['415 555-0409', true]]);
    expect(records[0]?.range).not.toBeNull();
    expect(t.store.size).toBe(PAINT_ALL_UP_TO + 10);
    // Read again once looked up: still one.
    t.add(PAINT_ALL_UP_TO + 9);
    expect(t.store.size).toBe(PAINT_ALL_UP_TO + 10);
    // It leaves the viewport: unpainted.
    t.store.setVisible(new Set([t.row(0)]));
    expect(records[0]?.range).toBeNull();
  });

  it('a held cell under the pointer (its own unit) is looked up through its row', () => {
    const t = rows(PAINT_ALL_UP_TO + 2);
    for (let i = 0; i < PAINT_ALL_UP_TO + 2; i++) t.add(i);
    const cell = t.row(PAINT_ALL_UP_TO + 1).children[1] as Element;
    expect(t.store.has(cell)).toBe(false);
    expect(t.store.recordsIn(cell).map((r) => r.number)).toEqual(['+14155550401']);
    expect(t.store.has(cell)).toBe(true);
  });

  it('a cell read again on its own drops only its own number; a row read again drops all of its cells', () => {
    const t = rows(PAINT_ALL_UP_TO + 3);
    for (let i = 0; i < PAINT_ALL_UP_TO + 3; i++) t.add(i);
    // A second number in the last row's third cell.
    const row = t.row(PAINT_ALL_UP_TO + 2);
    (row.children[2] as Element).textContent = 'or 415 555-9999';
    t.store.addCell(row, 2, 3, 15, '+14155559999');
    expect(t.store.size).toBe(PAINT_ALL_UP_TO + 4);
    t.store.dropUnit(row.children[1] as Element);
    expect(t.store.size).toBe(PAINT_ALL_UP_TO + 3);
    expect(t.store.recordsIn(row).map((r) => r.number)).toEqual(['+14155559999']);
    t.store.dropUnit(row);
    expect(t.store.size).toBe(PAINT_ALL_UP_TO + 2);
    expect(t.store.has(row)).toBe(false);
    expect(t.store.recordsIn(row.children[2] as Element)).toEqual([]);
  });

  it('prune drops the rows that left the page; all() lists held cells too', () => {
    const t = rows(PAINT_ALL_UP_TO + 3);
    for (let i = 0; i < PAINT_ALL_UP_TO + 3; i++) t.add(i);
    t.row(PAINT_ALL_UP_TO + 2).remove();
    t.store.prune();
    expect(t.store.size).toBe(PAINT_ALL_UP_TO + 2);
    const all = [...t.store.all()].map((r) => r.number);
    expect(all).toHaveLength(PAINT_ALL_UP_TO + 2);
    expect(all).toContain('+14155550401');
    expect(all).not.toContain('+14155550402');
  });

  it('while every number is painted, a cell is looked up and painted at once', () => {
    const t = rows(3);
    t.add(0);
    const cell = t.row(0).children[1] as Element;
    expect(t.store.has(cell)).toBe(true);
    expect(t.store.paintedSize).toBe(1);
    expect(t.store.recordsIn(t.row(0)).map((r) => r.unit === cell)).toEqual([true]);
  });
});
