import { realm } from './realm';
import type { ScanStats } from './scan-stats';
import type { PhoneRecord } from './types';

export const HIGHLIGHT_NAME = 'dialbar-phone';

/**
 * The one `Highlight` that paints Dialbar's numbers, and the records behind its ranges. Ranges
 * made are added to it in batches (`flush`): each highlight change costs the page style work.
 */
export class PaintedRanges {
  readonly highlight: Highlight | null;
  private byRange = new WeakMap<AbstractRange, PhoneRecord>();
  /** Ranges made but not yet in the highlight. */
  private pending: Range[] = [];
  private count = 0;

  constructor(
    private readonly stats: ScanStats,
    private readonly onError: (where: string, error: unknown) => void,
  ) {
    this.highlight = realm.Highlight ? new realm.Highlight() : null;
  }

  /** Records with a live range (in the highlight or about to be). */
  get size(): number {
    return this.count;
  }

  recordOf(range: AbstractRange): PhoneRecord | undefined {
    return this.byRange.get(range);
  }

  paint(record: PhoneRecord): void {
    if (record.range) return;
    try {
      const range = new realm.Range();
      range.setStart(record.startNode, record.startOffset);
      range.setEnd(record.endNode, record.endOffset);
      record.range = range;
      this.byRange.set(range, record);
      this.pending.push(range);
      this.count++;
    } catch (error) {
      this.onError('paint', error);
    }
  }

  unpaint(record: PhoneRecord): void {
    const range = record.range;
    if (!range) return;
    record.range = null;
    this.byRange.delete(range);
    this.highlight?.delete(range);
    this.count--;
  }

  /** Drops the ranges not yet shown (their records keep no range). */
  dropPending(): void {
    for (const range of this.pending) {
      const record = this.byRange.get(range);
      if (!record) continue;
      record.range = null;
      this.byRange.delete(range);
      this.count--;
    }
    this.pending = [];
  }

  /** Paints ranges made since the last flush. */
  flush(): void {
    const h = this.highlight;
    if (h && this.pending.length > 0) {
      for (const range of this.pending) if (this.byRange.has(range)) h.add(range);
      if (this.stats.firstPaintAt === 0 && h.size > 0) this.stats.firstPaintAt = realm.now();
    }
    this.pending = [];
  }

  /** Keeps the registry entry ours and complete (the page may delete or clear it); cheap when nothing changed. */
  verify(lists: () => Iterable<readonly PhoneRecord[]>): void {
    const h = this.highlight;
    const registry = realm.highlights;
    if (!h || !registry) return;
    if (registry.get(HIGHLIGHT_NAME) !== h) registry.set(HIGHLIGHT_NAME, h);
    this.flush();
    if (h.size !== this.count) {
      h.clear();
      for (const list of lists()) for (const r of list) if (r.range) h.add(r.range);
    }
  }

  /** Removes the highlight from the registry (if still ours) and forgets every range. */
  clear(): void {
    const registry = realm.highlights;
    if (registry && this.highlight && registry.get(HIGHLIGHT_NAME) === this.highlight) registry.delete(HIGHLIGHT_NAME);
    this.highlight?.clear();
    this.byRange = new WeakMap();
    this.pending = [];
    this.count = 0;
  }
}

/** The same span of text, recorded for the same unit. */
export function isDuplicate(a: PhoneRecord, b: PhoneRecord): boolean {
  return a.unit === b.unit && a.startNode === b.startNode && a.startOffset === b.startOffset && a.endNode === b.endNode && a.endOffset === b.endOffset;
}

/** True while a record's text is still where it was found (its nodes in the page, its offsets inside them). */
export function isLive(record: PhoneRecord): boolean {
  const { startNode, endNode, range } = record;
  if (!startNode.isConnected || !endNode.isConnected) return false;
  if (record.startOffset > startNode.length || record.endOffset > endNode.length) return false;
  return !range?.collapsed;
}
