import { describe, expect, it } from 'vitest';
import { createDialRateLimit, PAGE_DIAL_LIMIT } from '../../../src/background/dial-rate-limit';
import type { KeyValueArea } from '../../../src/settings/instance-id';

/** storage.session as the browser keeps it: outlives any one worker, values are copied. */
function sessionArea(): KeyValueArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => (data.has(key) ? { [key]: structuredClone(data.get(key)) } : {}),
    set: async (items) => {
      for (const [key, value] of Object.entries(items)) data.set(key, structuredClone(value));
    },
  };
}

const CRM = 'https://crm.example.com';

describe('the rate limit on page dials', () => {
  it(`allows ${PAGE_DIAL_LIMIT.dials} dials per origin in its window, then refuses with a clear sentence`, async () => {
    let now = 1_000_000;
    const limit = createDialRateLimit({ session: sessionArea(), now: () => now });
    for (let i = 0; i < PAGE_DIAL_LIMIT.dials; i++) {
      await limit.take(CRM);
      now += 1_000;
    }
    await expect(limit.take(CRM)).rejects.toMatchObject({
      code: 'dial-rate-limited',
      message: expect.stringMatching(/asked to dial too often.*https:\/\/crm\.example\.com may dial at most 20 times in 60 s; the next dial is possible in 40 s/),
    });
    // Other origins have their own count.
    await limit.take('https://other.example.org');
    // Once the first dial leaves the window, one more is allowed (refused attempts were not counted).
    now = 1_000_000 + PAGE_DIAL_LIMIT.windowMs + 1;
    await limit.take(CRM);
    await expect(limit.take(CRM)).rejects.toMatchObject({ code: 'dial-rate-limited' });
  });

  it('keeps counting across a stopped and restarted worker (the count lives in storage.session)', async () => {
    const session = sessionArea();
    const now = 5_000_000;
    const first = createDialRateLimit({ session, now: () => now });
    const before = Math.floor(PAGE_DIAL_LIMIT.dials / 2);
    for (let i = 0; i < before; i++) await first.take(CRM);
    // The worker stops: its closures are gone; a new one is built from the same storage.
    const second = createDialRateLimit({ session, now: () => now });
    for (let i = before; i < PAGE_DIAL_LIMIT.dials; i++) await second.take(CRM);
    await expect(second.take(CRM)).rejects.toMatchObject({ code: 'dial-rate-limited' });
    expect(session.data.get(`dialRate:${CRM}`)).toHaveLength(PAGE_DIAL_LIMIT.dials);
  });

  it('lets only as many of a simultaneous burst through as the limit allows', async () => {
    const limit = createDialRateLimit({ session: sessionArea(), now: () => 42 });
    const results = await Promise.allSettled(Array.from({ length: PAGE_DIAL_LIMIT.dials + 7 }, () => limit.take(CRM)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(PAGE_DIAL_LIMIT.dials);
  });

  it('reads damaged stored values as no dials', async () => {
    const session = sessionArea();
    session.data.set(`dialRate:${CRM}`, ['x', null, { a: 1 }]);
    const limit = createDialRateLimit({ session, now: () => 42 });
    await limit.take(CRM);
    expect(session.data.get(`dialRate:${CRM}`)).toEqual([42]);
  });
});
