import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../src/contract/snapshot';
import { CallHistory, createMemoryHistoryBackend, type HistoryBackend, matchesQuery } from '../../../src/offscreen/call-history';
import { ACCOUNT, engineFixture } from '../../fakes/engine-fixture';

function entry(i: number, over: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: `call-${i}`,
    direction: 'outgoing',
    number: `+1415555${String(i).padStart(4, '0')}`,
    displayName: '',
    startedAt: 1_000_000 + i * 1000,
    answeredAt: null,
    endedAt: 1_000_500 + i * 1000,
    durationSeconds: 0,
    outcome: 'failed',
    endCause: 'The line is busy.',
    endedBy: 'remote',
    agentReason: null,
    ...over,
  };
}

const ALL = { query: '', offset: 0, limit: 1000 };

describe('call history store', () => {
  it('keeps the last 1000 calls: the 1001st drops the oldest, newest first', async () => {
    const history = new CallHistory({ backend: createMemoryHistoryBackend(), limit: () => 1000 });
    for (let i = 1; i <= 1001; i++) history.record(entry(i));
    const page = await history.page(ALL, false);
    expect(page.total).toBe(1000);
    expect(page.entries[0]!.id).toBe('call-1001');
    expect(page.entries.at(-1)!.id).toBe('call-2');
    expect(page.entries.some((e) => e.id === 'call-1')).toBe(false);
  });

  it('follows the limit setting when it changes, and pages through offset and limit', async () => {
    let limit = 10;
    const history = new CallHistory({ backend: createMemoryHistoryBackend(), limit: () => limit });
    for (let i = 1; i <= 15; i++) history.record(entry(i));
    expect((await history.page(ALL, false)).total).toBe(10);
    limit = 3;
    history.record(entry(16));
    const page = await history.page({ query: '', offset: 1, limit: 5 }, true);
    expect(page).toMatchObject({ total: 3, maskNumbers: true });
    expect(page.entries.map((e) => e.id)).toEqual(['call-15', 'call-14']);
  });

  it('searches number and name, case-insensitively, ignoring spaces and dashes typed in a number', async () => {
    const history = new CallHistory({ backend: createMemoryHistoryBackend(), limit: () => 1000 });
    history.record(entry(1, { displayName: 'Zoë Müller', number: '+14155550132' }));
    history.record(entry(2, { displayName: 'Bob', number: '2001' }));
    history.record(entry(3, { displayName: '', number: 'sip:alice@example.com' }));
    const ids = async (query: string) => (await history.page({ query, offset: 0, limit: 100 }, false)).entries.map((e) => e.id);
    expect(await ids('zoë')).toEqual(['call-1']);
    expect(await ids('555-0132')).toEqual(['call-1']);
    expect(await ids('(415) 555')).toEqual(['call-1']);
    expect(await ids('BOB')).toEqual(['call-2']);
    expect(await ids('alice')).toEqual(['call-3']);
    expect(await ids('2001')).toEqual(['call-2']);
    expect(await ids('nobody')).toEqual([]);
    expect(await ids('  ')).toEqual(['call-3', 'call-2', 'call-1']);
    expect(matchesQuery(entry(4, { number: '+4930123' }), '30-12')).toBe(true);
  });

  it('clears everything', async () => {
    const history = new CallHistory({ backend: createMemoryHistoryBackend([entry(1), entry(2)]), limit: () => 1000 });
    await history.clear();
    expect((await history.page(ALL, false)).total).toBe(0);
  });

  it('a failed write is reported and dropped; later writes still land', async () => {
    const memory = createMemoryHistoryBackend();
    let broken = true;
    const backend: HistoryBackend = {
      ...memory,
      put: async (e) => {
        if (broken) throw new Error('QuotaExceededError');
        await memory.put(e);
      },
    };
    const errors: unknown[] = [];
    const history = new CallHistory({ backend, limit: () => 1000, onError: (error) => errors.push(error) });
    expect(() => history.record(entry(1))).not.toThrow();
    expect((await history.page(ALL, false)).total).toBe(0);
    broken = false;
    history.record(entry(2));
    const page = await history.page(ALL, false);
    expect(page.entries.map((e) => e.id)).toEqual(['call-2']);
    expect(errors).toHaveLength(1);
  });
});

describe('call history from the engine', () => {
  function online(agentReason?: () => string | null) {
    const fx = engineFixture(agentReason ? { agentReason } : {});
    fx.engine.configure(ACCOUNT, true);
    fx.stack.last.comeOnline();
    return fx;
  }

  it('records every call that ends, however it ends, with the outcome in words', async () => {
    let reason: string | null = null;
    const fx = online(() => reason);
    const { engine, stack, history } = fx;
    // Answered outgoing, hung up by us after 5 s.
    const answered = await engine.dial('2001', '');
    const out = stack.last.calls[0]!;
    out.emit({ type: 'accepted' });
    out.emit({ type: 'confirmed' });
    fx.advance(5_000);
    await engine.command(answered.id, 'HANGUP');
    out.emit({ type: 'ended', originator: 'local', failure: null });
    // Failed outgoing (busy).
    await engine.dial('2002', '');
    stack.last.calls[1]!.emit({ type: 'failed', failure: { code: 'busy', sipStatus: 486, originator: 'remote' } });
    // Cancelled outgoing.
    const cancelled = await engine.dial('2003', '');
    await engine.command(cancelled.id, 'HANGUP');
    stack.last.calls[2]!.emit({ type: 'failed', failure: { code: 'cancelled', sipStatus: 487, originator: 'local' } });
    // Missed incoming: the caller gives up; the agent was on a break.
    reason = 'Lunch';
    const missed = stack.last.ring('3001', 'Customer');
    missed.emit({ type: 'failed', failure: { code: 'cancelled', sipStatus: 487, originator: 'remote' } });
    reason = null;
    // Declined incoming.
    const declined = stack.last.ring('3002', 'Other');
    const declinedId = fx.last().calls.find((c) => c.state !== 'ended')!.id;
    await engine.command(declinedId, 'DECLINE');
    declined.emit({ type: 'failed', failure: { code: 'declined', sipStatus: 603, originator: 'local' } });
    const page = await history.page({ query: '', offset: 0, limit: 100 }, false);
    const byNumber = Object.fromEntries(page.entries.map((e) => [e.number, e]));
    expect(byNumber['2001']).toMatchObject({ direction: 'outgoing', outcome: 'answered', durationSeconds: 5, endedBy: 'local', endCause: 'You hung up.' });
    expect(byNumber['2002']).toMatchObject({ outcome: 'failed', endCause: 'The line is busy.', endedBy: 'remote' });
    expect(byNumber['2003']).toMatchObject({ outcome: 'cancelled', endedBy: 'local', durationSeconds: 0 });
    expect(byNumber['3001']).toMatchObject({ direction: 'incoming', displayName: 'Customer', outcome: 'missed', agentReason: 'Lunch' });
    expect(byNumber['2001']!.agentReason).toBeNull();
    expect(page.entries).toHaveLength(5);
    expect(byNumber['3002']).toMatchObject({ outcome: 'declined', endedBy: 'local' });
  });

  it('answers offscreen.history with the account’s masking setting', async () => {
    const fx = engineFixture();
    fx.engine.configure({ ...ACCOUNT, historyMaskNumbers: true }, false);
    const page = await fx.handlers['offscreen.history']({ query: '', offset: 0, limit: 10 }, {} as never);
    expect(page).toEqual({ entries: [], total: 0, maskNumbers: true });
  });
});
