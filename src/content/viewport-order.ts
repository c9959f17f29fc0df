/**
 * On huge pages, the rows a person sees come first: for a long list of sibling blocks laid out
 * top to bottom, find the first one reaching into the viewport (binary search on layout boxes,
 * which are clean at document_idle) and start there, then the rest below, then those above.
 */
export function viewportOrder<T extends Element>(items: T[], doc: Document): T[] {
  const view = doc.defaultView;
  if (!view) return items;
  const first = firstVisibleIndex(items.length, (i) => (items[i] as T).getBoundingClientRect().bottom);
  if (first <= 0 || first >= items.length) return items;
  return [...items.slice(first), ...items.slice(0, first)];
}

/** Index of the first item whose bottom edge is below the viewport's top (y = 0), assuming order. */
export function firstVisibleIndex(count: number, bottomOf: (i: number) => number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bottomOf(mid) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
