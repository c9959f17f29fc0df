import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { packSpan } from '../../../src/content/leaf-numbers';
import { FIRST_OF_ROW, HELD, joinPairs, packPair, RowCells, unpackPairs } from '../../../src/content/row-cells';

function row(): Element {
  const { document } = parseHTML('<!doctype html><html><body><table><tr><td>a</td><td>b</td></tr></table></body></html>');
  const tr = document.querySelector('tr');
  if (!tr) throw new Error('no row');
  return tr as unknown as Element;
}

describe('RowCells holds a row\'s cells packed into one number', () => {
  it('packs one or two pairs into a number and gets them back, at the limits too', () => {
    const cases: number[][] = [
      [0, packSpan(0, 1)],
      [63, packSpan(1023, 1023)],
      [5, packSpan(12, 27), 6, packSpan(0, 15)],
      [63, packSpan(1023, 1023), 63, packSpan(1023, 1023)],
    ];
    const pack = (p: number[]) =>
      p.length === 2 ? packPair(p[0] as number, p[1] as number) : joinPairs(packPair(p[0] as number, p[1] as number), packPair(p[2] as number, p[3] as number));
    for (const pairs of cases) {
      const packed = pack(pairs);
      expect(packed >= 0).toBe(true);
      expect(Number.isSafeInteger(packed)).toBe(true);
      expect(unpackPairs(packed)).toEqual(pairs);
    }
    // One pair stays a small integer (no heap number per row).
    expect(packPair(63, packSpan(1023, 1023)) < 2 ** 30).toBe(true);
  });

  it('does not pack a pair that does not fit: a cell past 63, an offset past 1023', () => {
    expect(packPair(64, packSpan(0, 10))).toBe(-1);
    expect(packPair(1, packSpan(1024, 1030))).toBe(-1);
    expect(packPair(2, packSpan(5, 2000))).toBe(-1);
  });

  it('holds any number of pairs, each once, and hands them all back in order', () => {
    const cells = new RowCells();
    const tr = row();
    const pairs = [0, packSpan(0, 12), 1, packSpan(3, 15), 1, packSpan(20, 33), 70, packSpan(0, 9), 2, packSpan(1100, 1112)];
    for (let i = 0; i < pairs.length; i += 2) expect(cells.hold(tr, pairs[i] as number, pairs[i + 1] as number)).toBeGreaterThan(0);
    // A row read twice: every pair is known already, however it is stored.
    for (let i = 0; i < pairs.length; i += 2) expect(cells.hold(tr, pairs[i] as number, pairs[i + 1] as number)).toBe(0);
    expect(cells.holds(tr)).toBe(true);
    expect(cells.take(tr)).toEqual(pairs);
    expect(cells.holds(tr)).toBe(false);
    expect(cells.take(tr)).toBe(undefined);
  });

  it('keeps two pairs packed, and a third moves them to a list of their own', () => {
    const cells = new RowCells();
    const tr = row();
    // The row's first span says so: the store lists the row as a new unit then, and only then.
    expect(cells.hold(tr, 0, packSpan(0, 12))).toBe(FIRST_OF_ROW);
    expect(cells.hold(tr, 1, packSpan(0, 14))).toBe(HELD);
    expect(cells.hold(tr, 1, packSpan(0, 14))).toBe(0);
    expect(cells.hold(tr, 1, packSpan(20, 30))).toBeGreaterThan(0);
    expect(cells.take(tr)).toEqual([0, packSpan(0, 12), 1, packSpan(0, 14), 1, packSpan(20, 30)]);
    // A second pair that does not fit (cell 70) moves both to a list as well.
    const other = row();
    expect(cells.hold(other, 0, packSpan(0, 12))).toBeGreaterThan(0);
    expect(cells.hold(other, 70, packSpan(0, 12))).toBeGreaterThan(0);
    expect(cells.hold(other, 0, packSpan(0, 12))).toBe(0);
    expect(cells.hold(other, 70, packSpan(0, 12))).toBe(0);
    expect(cells.take(other)).toEqual([0, packSpan(0, 12), 70, packSpan(0, 12)]);
    // Taken: the row starts anew, packed again.
    expect(cells.hold(tr, 1, packSpan(0, 14))).toBeGreaterThan(0);
    expect(cells.take(tr)).toEqual([1, packSpan(0, 14)]);
  });

  it('holds two pairs for thousands of rows at once, each row its own, slots of rows taken used again', () => {
    // 20,000 rows: more than one of the held rows' bounded tables (bounded-map.ts).
    const { document } = parseHTML(`<!doctype html><html><body><table>${'<tr><td>a</td></tr>'.repeat(20000)}</table></body></html>`);
    const rows = [...document.querySelectorAll('tr')] as unknown as Element[];
    const cells = new RowCells();
    const pairsOf = (i: number) => [i % 7, packSpan(i % 1000, (i % 1000) + 12), 8 + (i % 50), packSpan(3, 15 + (i % 9))];
    const holdAll = (i: number) => {
      const [c1, s1, c2, s2] = pairsOf(i) as [number, number, number, number];
      expect(cells.hold(rows[i] as Element, c1, s1)).toBeGreaterThan(0);
      expect(cells.hold(rows[i] as Element, c2, s2)).toBeGreaterThan(0);
    };
    for (let i = 0; i < rows.length; i++) holdAll(i);
    expect(cells.heldRows()).toHaveLength(rows.length);
    // A row of the first table read twice is still known.
    expect(cells.hold(rows[0] as Element, ...(pairsOf(0).slice(2) as [number, number]))).toBe(0);
    for (let i = 0; i < rows.length; i += 3) expect(cells.take(rows[i] as Element)).toEqual(pairsOf(i));
    // Rows taken hold again (their slots reused) while the others keep theirs.
    for (let i = 0; i < rows.length; i += 3) holdAll(i);
    // A third pair moves a row's two to a list; its slot goes to the next row that needs one.
    expect(cells.hold(rows[1] as Element, 60, packSpan(0, 9))).toBeGreaterThan(0);
    for (let i = 0; i < rows.length; i++) expect(cells.take(rows[i] as Element)).toEqual(i === 1 ? [...pairsOf(1), 60, packSpan(0, 9)] : pairsOf(i));
    cells.clear();
    holdAll(5);
    expect(cells.take(rows[5] as Element)).toEqual(pairsOf(5));
  });
});
