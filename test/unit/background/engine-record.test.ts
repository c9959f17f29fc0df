import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createEngineRecordStore } from '../../../src/background/engine-record';
import type { KeptCall } from '../../../src/contract/protocol';
import { keyValueArea } from '../../../src/platform';
import { fakeDialog } from '../../fakes/fake-sip-stack';

const kept = (n: number): KeptCall => ({
  dialog: fakeDialog(n),
  call: { id: `c${n}`, direction: 'outgoing', remote: { uri: `sip:${n}@lab`, displayName: '', number: String(n) }, shown: '', createdAt: 0, answeredAt: 1 },
});

describe('the engine records in storage.session', () => {
  beforeEach(() => fakeBrowser.reset());
  const store = () => createEngineRecordStore(keyValueArea(fakeBrowser.storage.session));

  it('a record from a new engine moves the previous engine’s calls to the lost ones, each once', async () => {
    const s = store();
    expect(await s.current()).toBeNull();
    await s.keep({ engineId: 'old', signedIn: true, calls: [kept(1), kept(2)] });
    await s.keep({ engineId: 'new', signedIn: true, calls: [] });
    expect(await s.current()).toEqual({ engineId: 'new', signedIn: true, calls: [] });
    expect((await s.takeLost('new')).map((c) => c.call.id)).toEqual(['c1', 'c2']);
    expect(await s.takeLost('new')).toEqual([]);
  });

  it('the new engine may ask before its first record arrived: the last record’s calls are its lost calls', async () => {
    const s = store();
    await s.keep({ engineId: 'old', signedIn: true, calls: [kept(1)] });
    expect((await s.takeLost('new')).map((c) => c.call.id)).toEqual(['c1']);
    // Its late first record finds nothing more to move.
    await s.keep({ engineId: 'new', signedIn: true, calls: [] });
    expect(await s.takeLost('new')).toEqual([]);
  });

  it('the running engine’s own calls are never lost calls', async () => {
    const s = store();
    await s.keep({ engineId: 'e', signedIn: true, calls: [kept(1)] });
    expect(await s.takeLost('e')).toEqual([]);
    expect((await s.current())?.calls).toHaveLength(1);
  });

  it('ignores malformed storage', async () => {
    await fakeBrowser.storage.session.set({ engineRecord: { engineId: 5 }, lostCalls: 'x' });
    const s = store();
    expect(await s.current()).toBeNull();
    expect(await s.takeLost('e')).toEqual([]);
  });
});
