import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../src/contract/snapshot';
import { createHistoryModel } from '../../../src/ui/history-model';
import { fakeRuntime } from './helpers';

const entry = (i: number, over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: `c${i}`,
  direction: 'outgoing',
  number: '+14155550132',
  displayName: '',
  startedAt: 1_000 * i,
  answeredAt: null,
  endedAt: 1_000 * i + 500,
  durationSeconds: 0,
  outcome: 'failed',
  endCause: 'The line is busy.',
  endedBy: 'remote',
  agentReason: null,
  ...over,
});

describe('history model', () => {
  it('lists masked numbers, searches through the worker, and redials the full number from history', async () => {
    const { runtime, sent } = fakeRuntime({
      'background.history': (payload) => {
        const { query } = payload as { query: string };
        const all = [entry(2), entry(1, { number: '2001', displayName: 'Bob' })];
        const entries = all.filter((e) => query === '' || e.displayName.includes(query));
        return { entries, total: entries.length, maskNumbers: true };
      },
      'background.dial': () => ({ callId: 'x', call: null }),
    });
    const model = createHistoryModel({ runtime });
    await model.load();
    expect(model.rows.value.map((r) => r.who)).toEqual(['+141****0132', 'Bob']);
    await model.setQuery('Bob');
    expect(model.rows.value.map((r) => r.id)).toEqual(['c1']);
    expect(sent.at(-1)).toEqual({ type: 'background.history', payload: { query: 'Bob', offset: 0, limit: 100 } });
    await model.setQuery('');
    await model.redial('c2');
    expect(sent.find((m) => m.type === 'background.dial')?.payload).toEqual({ number: '+14155550132', shown: '', source: 'history' });
  });

  it('exports every matching entry, page by page, as CSV', async () => {
    const all = Array.from({ length: 1500 }, (_, i) => entry(1500 - i));
    const { runtime } = fakeRuntime({
      'background.history': (payload) => {
        const { offset, limit } = payload as { offset: number; limit: number };
        return { entries: all.slice(offset, offset + limit), total: all.length, maskNumbers: false };
      },
    });
    const model = createHistoryModel({ runtime, now: () => Date.UTC(2026, 0, 2) });
    const file = await model.exportCsv();
    expect(file?.fileName).toBe('dialbar-history-2026-01-02.csv');
    expect(file?.csv.trimEnd().split('\r\n')).toHaveLength(1501);
  });

  it('says why the history could not be read', async () => {
    const model = createHistoryModel({ runtime: fakeRuntime({}).runtime });
    await model.load();
    expect(model.error.value).toEqual(expect.any(String));
    expect(model.rows.value).toEqual([]);
  });
});
