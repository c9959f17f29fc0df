/** A box in viewport coordinates (CSS pixels), like a DOMRect. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Size {
  width: number;
  height: number;
}

export type Side = 'right' | 'left' | 'below' | 'above';

export interface Placement {
  left: number;
  top: number;
  side: Side;
}

/** Space between the number and the box, and between the box and the viewport's edges. */
export const GAP = 8;
export const MARGIN = 8;

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, hi));

/**
 * Where a card (or a call's status) of `size` goes for the number at `anchor`, in a viewport
 * of `view`: beside the number, on its right or else on its left, so it never covers the rows
 * above or below in the number's own column; `align` says whether its top meets the number's
 * top or their middles meet. It also steps around `avoid` (other numbers in view): the first side
 * that fits the viewport and covers none of them wins, else the fitting side covering the
 * fewest. Only when neither side fits (a narrow viewport) does it go below or above the number.
 */
export function placeBeside(
  anchor: Box,
  size: Size,
  view: Size,
  avoid: readonly Box[] = [],
  align: 'top' | 'middle' = 'top',
): Placement {
  const maxTop = Math.max(MARGIN, view.height - size.height - MARGIN);
  const maxLeft = Math.max(MARGIN, view.width - size.width - MARGIN);
  const rawTop = align === 'top' ? anchor.top : (anchor.top + anchor.bottom - size.height) / 2;
  const top = clamp(rawTop, MARGIN, maxTop);
  const candidates: Array<Placement & { fits: boolean }> = [
    { side: 'right', left: anchor.right + GAP, top, fits: anchor.right + GAP + size.width <= view.width - MARGIN },
    { side: 'left', left: anchor.left - GAP - size.width, top, fits: anchor.left - GAP - size.width >= MARGIN },
  ];
  const sideways = candidates.some((c) => c.fits);
  if (!sideways) {
    const left = clamp(anchor.left, MARGIN, maxLeft);
    const below = anchor.bottom + GAP;
    const above = anchor.top - GAP - size.height;
    candidates.push(
      { side: 'below', left, top: below, fits: below + size.height <= view.height - MARGIN },
      { side: 'above', left, top: above, fits: above >= MARGIN },
    );
  }
  let best: (typeof candidates)[number] | null = null;
  let bestHits = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    if (!c.fits) continue;
    const box = { left: c.left, top: c.top, right: c.left + size.width, bottom: c.top + size.height };
    let hits = 0;
    for (const a of avoid) if (overlaps(box, a)) hits++;
    if (hits < bestHits) {
      best = c;
      bestHits = hits;
      if (hits === 0) break;
    }
  }
  if (!best) {
    // Nothing fits: keep it inside the viewport, under the number as before.
    return { side: 'below', left: clamp(anchor.left, MARGIN, maxLeft), top: clamp(anchor.bottom + GAP, MARGIN, maxTop) };
  }
  return { side: best.side, left: Math.round(best.left), top: Math.round(best.top) };
}
