import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../../src/background/call-alerts';
import { idleSnapshot, type Snapshot } from '../../../src/contract/snapshot';
import { callTimerText, timedCall } from '../../../src/engine/call-timer';
import { BadgeTicker, TICK_MS } from '../../../src/offscreen/badge-ticker';

function snapshotWith(...calls: Array<{ id: string; state: Snapshot['calls'][number]['state']; answeredAt: number | null }>): Snapshot {
  const s = idleSnapshot('e');
  s.registration.state = 'registered';
  s.calls = calls.map((c) => ({
    ...c,
    direction: 'incoming' as const,
    regions: { remoteHold: 'none' as const, mute: 'unmuted' as const },
    dtmf: { sent: '', pending: '' },
    callData: {},
    autoAnswerAt: null,
    remote: { uri: 'sip:2001@lab', displayName: 'Customer', number: '2001' },
    shown: '',
    origin: null,
    createdAt: 0,
    endedAt: null,
    end: null,
    allowed: [],
  }));
  return s;
}

describe('badge call timer', () => {
  it('shows m:ss under ten minutes, minutes under 100, then hours, never more than 4 characters', () => {
    const cases: Array<[number, string]> = [
      [0, '0:00'],
      [-5_000, '0:00'],
      [42_900, '0:42'],
      [61_000, '1:01'],
      [599_999, '9:59'],
      [600_000, '10m'],
      [12 * 60_000 + 30_000, '12m'],
      [99 * 60_000 + 59_000, '99m'],
      [100 * 60_000, '1h'],
      [26 * 3_600_000, '26h'],
    ];
    for (const [ms, text] of cases) expect([ms, callTimerText(ms)]).toEqual([ms, text]);
    for (const ms of [0, 599_999, 5_999_999, 1e12]) expect(callTimerText(ms).length).toBeLessThanOrEqual(4);
  });

  it('times the connected call from its answer time; a ringing call or a held call says so instead', () => {
    const talking = snapshotWith({ id: 'a', state: 'talking', answeredAt: 10_000 });
    expect(badgeFor(talking, 52_000)).toMatchObject({ text: '0:42', color: '#15803d' });
    expect(badgeFor(talking, 10_000 + 12 * 60_000)).toMatchObject({ text: '12m' });
    expect(badgeFor(snapshotWith({ id: 'a', state: 'talking', answeredAt: 10_000 }, { id: 'b', state: 'incoming', answeredAt: null }), 52_000).text).toBe('RING');
    expect(badgeFor(snapshotWith({ id: 'a', state: 'held', answeredAt: 10_000 }), 52_000).text).toBe('HOLD');
    expect(timedCall(snapshotWith({ id: 'a', state: 'held', answeredAt: 10_000 }, { id: 'b', state: 'talking', answeredAt: 20_000 }).calls)?.id).toBe('b');
    expect(timedCall(snapshotWith({ id: 'a', state: 'ended', answeredAt: 10_000 }).calls)).toBeNull();
  });
});

describe('badge ticker of the offscreen document', () => {
  function fixture() {
    let current = snapshotWith();
    const ticks: Snapshot[] = [];
    const timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
    const ticker = new BadgeTicker({
      snapshot: () => current,
      tick: (s) => ticks.push(s),
      setTimer: (fn, ms) => {
        const t = { fn, ms, cancelled: false };
        timers.push(t);
        return () => {
          t.cancelled = true;
        };
      },
    });
    const fire = () => {
      for (const t of timers.splice(0)) if (!t.cancelled) t.fn();
    };
    return { ticker, ticks, timers, fire, set: (s: Snapshot) => (current = s) };
  }

  it('ticks once a second only while a call is connected, and stops when it ends', () => {
    const { ticker, ticks, timers, fire, set } = fixture();
    ticker.published(snapshotWith({ id: 'a', state: 'incoming', answeredAt: null }));
    expect(ticker.running).toBe(false);
    const talking = set(snapshotWith({ id: 'a', state: 'talking', answeredAt: 1 }));
    ticker.published(talking);
    ticker.published(talking);
    expect(timers.map((t) => t.ms)).toEqual([TICK_MS]);
    fire();
    fire();
    expect(ticks).toEqual([talking, talking]);
    const ended = set(snapshotWith({ id: 'a', state: 'ended', answeredAt: 1 }));
    ticker.published(ended);
    expect(ticker.running).toBe(false);
    fire();
    expect(ticks).toHaveLength(2);
  });
});
