import { detailedError } from '../errors';
import type { KeyValueArea } from '../settings/instance-id';

/**
 * At most this many dials per origin in the window: enough for a person working down a list
 * (dial, no answer, hang up, next), few for a script; premium and foreign numbers are the dial
 * policy's to stop, this only bounds how fast a hostile page can try.
 */
export const PAGE_DIAL_LIMIT = { dials: 20, windowMs: 60_000 } as const;

const KEY_PREFIX = 'dialRate:';

export interface DialRateLimitDeps {
  /** storage.session: the worker may be stopped between two dials; the count must not restart with it. */
  session: KeyValueArea;
  now(): number;
  limit?: { dials: number; windowMs: number };
}

export interface DialRateLimit {
  /** Counts a dial from `origin`, or throws `dial-rate-limited` when the origin has used up its window. */
  take(origin: string): Promise<void>;
}

function timesOf(raw: unknown): number[] {
  return Array.isArray(raw) ? raw.filter((t): t is number => typeof t === 'number' && Number.isFinite(t)) : [];
}

/**
 * The rate limit on dials from web pages (click-to-call, tel: links, later the page API), per
 * origin, as a sliding window of dial times kept in storage.session. Refused attempts are not
 * counted, so a page that keeps trying gets its dials back once the window has passed.
 */
export function createDialRateLimit(deps: DialRateLimitDeps): DialRateLimit {
  const limit = deps.limit ?? PAGE_DIAL_LIMIT;
  // One read-modify-write at a time: two dials at once in one worker must not both see room for one.
  let queue: Promise<unknown> = Promise.resolve();
  const takeNow = async (origin: string) => {
    const key = `${KEY_PREFIX}${origin}`;
    const now = deps.now();
    const recent = timesOf((await deps.session.get(key))[key]).filter((t) => t > now - limit.windowMs && t <= now);
    if (recent.length >= limit.dials) {
      const waitS = Math.max(1, Math.ceil(((recent[0] ?? now) + limit.windowMs - now) / 1000));
      throw detailedError('dial-rate-limited', 'cause.detail.dial-rate-limited', {
        origin,
        dials: limit.dials,
        seconds: limit.windowMs / 1000,
        wait: waitS,
      });
    }
    await deps.session.set({ [key]: [...recent, now] });
  };
  return {
    take(origin) {
      const turn = queue.then(() => takeNow(origin));
      queue = turn.catch(() => {});
      return turn;
    },
  };
}
