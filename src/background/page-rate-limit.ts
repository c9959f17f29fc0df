/**
 * A rate limit per origin for the page API: at most `max` commands of a kind in a sliding window.
 * Kept in the worker's memory: a stopped worker forgets it, which only ever lets a page start
 * afresh after a pause (Chrome stops an idle worker after ~30 s, longer than every window here).
 */
export const PAGE_RATE_LIMITS = {
  /** Dials: a person clicking Call buttons, or a dialler with silent dialling. */
  dial: { max: 10, windowMs: 60_000 },
  /** Every command, dials included. */
  any: { max: 60, windowMs: 10_000 },
} as const;

export type RateKind = keyof typeof PAGE_RATE_LIMITS;

export function createRateLimiter(now: () => number = () => Date.now(), limits = PAGE_RATE_LIMITS) {
  const seen = new Map<string, number[]>();
  return {
    /** Records one command of `kind` from `origin`; false when it is over the limit (and then not recorded). */
    take(origin: string, kind: RateKind): boolean {
      const { max, windowMs } = limits[kind];
      const key = `${kind} ${origin}`;
      const t = now();
      const recent = (seen.get(key) ?? []).filter((at) => t - at < windowMs);
      if (recent.length >= max) {
        seen.set(key, recent);
        return false;
      }
      recent.push(t);
      seen.set(key, recent);
      // Bounded: a worker that served many origins drops the stalest first.
      if (seen.size > 500) seen.delete(seen.keys().next().value as string);
      return true;
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
