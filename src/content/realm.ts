/**
 * Constructors and functions captured once, when the content script starts. Content scripts run
 * in an isolated world, so the page cannot replace these (its `window.Range = …` or a frozen
 * `Object.prototype` live in the page's own world); capturing them also keeps Dialbar working if
 * some other script in this world misbehaves later.
 */
declare const scheduler: { yield?: () => Promise<void> } | undefined;

const g = globalThis;
const perf = g.performance;

export const realm = {
  Range: g.Range,
  Highlight: typeof g.Highlight === 'function' ? g.Highlight : undefined,
  MutationObserver: g.MutationObserver,
  IntersectionObserver: typeof g.IntersectionObserver === 'function' ? g.IntersectionObserver : undefined,
  highlights: typeof g.CSS !== 'undefined' ? g.CSS.highlights : undefined,
  setTimeout: g.setTimeout.bind(g),
  clearTimeout: g.clearTimeout.bind(g),
  now: perf.now.bind(perf),
  requestAnimationFrame:
    typeof g.requestAnimationFrame === 'function'
      ? g.requestAnimationFrame.bind(g)
      : (cb: FrameRequestCallback) => g.setTimeout(() => cb(perf.now()), 16) as unknown as number,
  getComputedStyle: (typeof g.getComputedStyle === 'function' ? g.getComputedStyle.bind(g) : undefined) as (
    el: Element,
  ) => CSSStyleDeclaration,
  // The detection worker (scan/worker-starter.ts).
  Worker: typeof g.Worker === 'function' ? g.Worker : undefined,
  Blob: typeof g.Blob === 'function' ? g.Blob : undefined,
  fetch: typeof g.fetch === 'function' ? g.fetch.bind(g) : undefined,
  createObjectURL: typeof g.URL?.createObjectURL === 'function' ? g.URL.createObjectURL.bind(g.URL) : undefined,
  revokeObjectURL: typeof g.URL?.revokeObjectURL === 'function' ? g.URL.revokeObjectURL.bind(g.URL) : undefined,
  schedulerYield:
    typeof scheduler !== 'undefined' && typeof scheduler?.yield === 'function' ? scheduler.yield.bind(scheduler) : undefined,
};

/** Gives the page a turn: `scheduler.yield()` where it exists, else a `setTimeout(0)`. */
export function yieldToPage(): Promise<void> {
  const y = realm.schedulerYield;
  if (y) return y();
  return new Promise((resolve) => realm.setTimeout(resolve, 0));
}
