import { describe, expect, it } from 'vitest';
import { type Box, GAP, MARGIN, placeBeside, type Size } from '../../../src/content/card/card-place';

const VIEW: Size = { width: 1200, height: 800 };
const CARD: Size = { width: 240, height: 100 };
const ROW = 23;

/** A dense table's phone column: one number per row, 23 px rows, the column from x = 100 to 210. */
function column(left = 100, right = 210, rows = 30, top = 40): Box[] {
  return Array.from({ length: rows }, (_, i) => ({ left, right, top: top + i * ROW + 3, bottom: top + i * ROW + 20 }));
}

const boxOf = (at: { left: number; top: number }, size: Size): Box => ({
  left: at.left,
  top: at.top,
  right: at.left + size.width,
  bottom: at.top + size.height,
});
const overlaps = (a: Box, b: Box) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
const inside = (b: Box, view: Size) => b.left >= MARGIN && b.top >= MARGIN && b.right <= view.width - MARGIN && b.bottom <= view.height - MARGIN;

describe('placeBeside: the card goes beside the number, never over the rows of its column', () => {
  it('goes right of the number, top-aligned, and covers none of the rows above or below', () => {
    const rows = column();
    for (const [i, anchor] of rows.entries()) {
      const others = rows.filter((_, j) => j !== i);
      const at = placeBeside(anchor, CARD, VIEW, others);
      expect(at.side).toBe('right');
      expect(at.left).toBe(anchor.right + GAP);
      const box = boxOf(at, CARD);
      expect(others.filter((r) => overlaps(box, r))).toEqual([]);
      expect(inside(box, VIEW)).toBe(true);
    }
    // Even without being told about the other rows: beside the number is outside its column.
    const at = placeBeside(rows[5] as Box, CARD, VIEW);
    expect(rows.filter((r) => overlaps(boxOf(at, CARD), r))).toEqual([]);
  });

  it('goes left when there is no room on the right', () => {
    const rows = column(1000, 1110);
    const anchor = rows[3] as Box;
    const at = placeBeside(anchor, CARD, VIEW, rows.filter((r) => r !== anchor));
    expect(at.side).toBe('left');
    expect(at.left + CARD.width).toBe(anchor.left - GAP);
    expect(rows.filter((r) => overlaps(boxOf(at, CARD), r))).toEqual([]);
  });

  it('near the bottom it moves up, still beside the column, inside the viewport', () => {
    const rows = column(100, 210, 34, 20);
    const anchor = rows[33] as Box;
    expect(anchor.bottom).toBeGreaterThan(VIEW.height - CARD.height);
    const at = placeBeside(anchor, CARD, VIEW, rows.filter((r) => r !== anchor));
    const box = boxOf(at, CARD);
    expect(at.side).toBe('right');
    expect(inside(box, VIEW)).toBe(true);
    expect(rows.filter((r) => overlaps(box, r))).toEqual([]);
  });

  it('steps around a second phone column on the right by going left', () => {
    const office = column(300, 410);
    const mobile = column(430, 540);
    const anchor = office[4] as Box;
    const avoid = [...office.filter((r) => r !== anchor), ...mobile];
    const at = placeBeside(anchor, CARD, VIEW, avoid);
    expect(at.side).toBe('left');
    expect(avoid.filter((r) => overlaps(boxOf(at, CARD), r))).toEqual([]);
  });

  it('a small status sits on the number’s line, its middle on the number’s middle', () => {
    const rows = column();
    const anchor = rows[2] as Box;
    const size = { width: 200, height: 18 };
    const at = placeBeside(anchor, size, VIEW, rows.filter((r) => r !== anchor), 'middle');
    expect(at.side).toBe('right');
    expect(Math.abs(at.top + size.height / 2 - (anchor.top + anchor.bottom) / 2)).toBeLessThanOrEqual(1);
    expect(rows.filter((r) => r !== anchor && overlaps(boxOf(at, size), r))).toEqual([]);
  });

  it('only when neither side fits (a narrow viewport) does it go below, or above at the bottom', () => {
    const narrow = { width: 360, height: 640 };
    const anchor = { left: 60, right: 300, top: 100, bottom: 117 };
    expect(placeBeside(anchor, CARD, narrow).side).toBe('below');
    const low = { left: 60, right: 300, top: 600, bottom: 617 };
    const at = placeBeside(low, CARD, narrow);
    expect(at.side).toBe('above');
    expect(inside(boxOf(at, CARD), narrow)).toBe(true);
  });

  it('when nothing fits at all it stays inside the viewport', () => {
    const tiny = { width: 200, height: 90 };
    const at = placeBeside({ left: 10, right: 190, top: 30, bottom: 50 }, CARD, tiny);
    expect(at.left).toBeGreaterThanOrEqual(MARGIN);
    expect(at.top).toBeGreaterThanOrEqual(MARGIN);
  });
});
