import type { Box, Size } from './card-place';
import type { RecordStore } from '../record-store';

/** Above this many painted numbers, only the first ones met are looked at (the card opens at once). */
const MAX_RANGES = 600;

/**
 * Boxes of the painted numbers in view, other than `except`: what the card and the call status
 * step around. Only painted ranges count (near the viewport, at most a few hundred).
 */
export function numberBoxes(store: RecordStore, except: AbstractRange | null, view: Size): Box[] {
  const out: Box[] = [];
  const highlight = store.highlight;
  if (!highlight) return out;
  let seen = 0;
  for (const range of highlight) {
    if (++seen > MAX_RANGES) break;
    if (range === except) continue;
    // Only Dialbar's own ranges: the page may add its own to the highlight.
    const own = store.recordOf(range)?.range;
    if (!own) continue;
    for (const r of own.getClientRects()) {
      if (r.bottom < 0 || r.top > view.height || r.right < 0 || r.left > view.width || r.width === 0) continue;
      out.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    }
  }
  return out;
}
