/**
 * Looks at a document while it is still parsed, for a long page only: a CRM table of thousands of
 * rows is parsed for seconds, and its first screen is marked as soon as it is whole only if the
 * page script is asked for before then (session.ts). A page parsed quicker is never looked at
 * here: it is read once, when its parser is done (boot.ts).
 */

/** The first look comes this long after the start at the earliest; each later one twice as long after the one before. */
export const FIRST_LOOK_MS = 150;
/**
 * The longest gap between two looks: a document that stays loading (a page streamed for minutes,
 * a parser held by a slow script) still gets a number seen within a few seconds of its arrival.
 */
export const MAX_LOOK_GAP_MS = 2400;

export interface EarlyLookDeps {
  doc: Pick<Document, 'readyState'> & Node;
  MutationObserver: typeof MutationObserver;
  now(): number;
}

/**
 * Calls `look` no sooner than FIRST_LOOK_MS from now and then at doubling gaps up to
 * MAX_LOOK_GAP_MS (on a page with nothing, parsed at an even pace, the looks add up to about two
 * reads of the whole page when it is parsed within a few seconds),
 * while the document is loading and until `look` says it is done. Returns stop.
 *
 * The clock is read when the parser adds nodes (a mutation observer that reads none of its
 * records): timers and animation frames can wait behind the parser's tasks until its end
 * (measured on the 10k-row page: a timer in 2 of 6 loads, a frame in 1 of 6), while mutation
 * callbacks run after every piece the parser adds.
 */
export function lookWhileParsed(deps: EarlyLookDeps, look: () => boolean): () => void {
  let gap = FIRST_LOOK_MS;
  let due = deps.now() + gap;
  const observer = new deps.MutationObserver(() => {
    if (deps.doc.readyState !== 'loading') return stop();
    const now = deps.now();
    if (now < due) return;
    gap = Math.min(gap * 2, MAX_LOOK_GAP_MS);
    due = now + gap;
    if (look()) stop();
  });
  const stop = () => observer.disconnect();
  observer.observe(deps.doc, { childList: true, subtree: true });
  return stop;
}
