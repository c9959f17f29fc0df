import type { RecordStore } from '../record-store';
import { unitOf } from '../scan/dom-rules';
import type { PhoneRecord } from '../types';

interface HitResult {
  highlight: Highlight;
  ranges: AbstractRange[];
}
type HighlightsFromPoint = (x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }) => HitResult[];

/** Slack around a range's boxes, in CSS pixels. */
const SLOP = 1;

function inRects(range: Range, x: number, y: number): boolean {
  for (const r of range.getClientRects()) {
    if (x >= r.left - SLOP && x <= r.right + SLOP && y >= r.top - SLOP && y <= r.bottom + SLOP) return true;
  }
  return false;
}

/**
 * The detected number under (x, y), or null. Only ranges in Dialbar's private store count: a
 * range the page put into the registry's highlight is never returned.
 */
export function hitTest(
  doc: Document,
  store: RecordStore,
  x: number,
  y: number,
  shadowRoots: ShadowRoot[],
): PhoneRecord | null {
  if (store.size === 0) return null;
  const registry = (globalThis.CSS?.highlights ?? null) as (HighlightRegistry & { highlightsFromPoint?: HighlightsFromPoint }) | null;
  if (registry && typeof registry.highlightsFromPoint === 'function' && store.highlight) {
    const hits = registry.highlightsFromPoint(x, y, { shadowRoots });
    for (const hit of hits) {
      if (hit.highlight !== store.highlight) continue;
      for (const range of hit.ranges) {
        const record = store.recordOf(range);
        if (record) return record;
      }
    }
    // Not painted yet (found but not flushed): fall through to the caret test.
  }
  const caret = caretAt(doc, x, y, shadowRoots);
  if (!caret) return null;
  const unit = unitOf(caret.node);
  if (!unit) return null;
  const records = store.recordsIn(unit);
  // A number the viewport logic has not painted (odd layouts): paint it now, it is under the pointer.
  if (records.some((r) => r.range === null)) store.paintUnit(unit);
  for (const record of records) {
    const range = record.range;
    if (!range) continue;
    try {
      if (range.isPointInRange(caret.node, caret.offset) && inRects(range, x, y)) return record;
    } catch {
      // A range whose nodes moved to another document: not a hit.
    }
  }
  return null;
}

function caretAt(doc: Document, x: number, y: number, shadowRoots: ShadowRoot[]): { node: Node; offset: number } | null {
  if (typeof doc.caretPositionFromPoint === 'function') {
    const pos = doc.caretPositionFromPoint(x, y, { shadowRoots });
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  const legacy = (doc as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null }).caretRangeFromPoint;
  if (typeof legacy === 'function') {
    const range = legacy.call(doc, x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}
