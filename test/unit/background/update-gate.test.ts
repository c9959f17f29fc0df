import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createUpdateGate } from '../../../src/background/update-gate';
import { idleSnapshot, type Snapshot } from '../../../src/contract/snapshot';
import { keyValueArea, type UpdatesApi } from '../../../src/platform';

function withCall(state: 'talking' | 'ended'): Snapshot {
  const s = idleSnapshot('e1');
  s.calls = [
    { id: 'c1', direction: 'outgoing', state, regions: { remoteHold: 'none', mute: 'unmuted' }, dtmf: { sent: '', pending: '' }, remote: { uri: 'sip:2001@lab', displayName: '', number: '2001' }, shown: '', origin: null, createdAt: 0, answeredAt: 1, endedAt: null, end: null, callData: {}, autoAnswerAt: null, allowed: [] },
  ];
  return s;
}

/** A gate on fakeBrowser's storage.session; `engine` is what the offscreen document would answer now. */
function gate(engine: { snapshot: Snapshot | null }) {
  const reloads: number[] = [];
  const waiting: boolean[] = [];
  const listeners: Array<(d: { version: string }) => void> = [];
  const updates: UpdatesApi = {
    onUpdateAvailable: { addListener: (l) => void listeners.push(l) },
    reload: () => void reloads.push(Date.now()),
  };
  const g = createUpdateGate({
    updates,
    session: keyValueArea(fakeBrowser.storage.session),
    snapshot: async () => engine.snapshot,
    setWaiting: async (w) => {
      waiting.push(w);
      if (engine.snapshot) engine.snapshot = { ...engine.snapshot, updateWaiting: w };
    },
  });
  const fire = () => {
    for (const l of listeners) l({ version: '0.2.0' });
  };
  return { g, reloads, waiting, fire };
}

describe('an extension update waits for the calls', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reloads at once when no call is live (or no engine runs)', async () => {
    const idle = gate({ snapshot: withCall('ended') });
    await idle.g.updateAvailable();
    expect(idle.reloads).toHaveLength(1);
    const none = gate({ snapshot: null });
    await none.g.updateAvailable();
    expect(none.reloads).toHaveLength(1);
  });

  it('during a call: keeps the pending update in storage.session, tells the engine, and reloads once the call ended', async () => {
    const engine = { snapshot: withCall('talking') as Snapshot | null };
    const { g, reloads, waiting, fire } = gate(engine);
    fire();
    await expect.poll(() => waiting).toEqual([true]);
    expect(reloads).toEqual([]);
    expect(await fakeBrowser.storage.session.get('updatePending')).toEqual({ updatePending: true });
    await g.check(engine.snapshot as Snapshot);
    expect(reloads).toEqual([]);
    engine.snapshot = withCall('ended');
    await g.check(engine.snapshot);
    expect(reloads).toHaveLength(1);
  });

  it('a worker started after the update (a new gate) still reloads when the call ends', async () => {
    const engine = { snapshot: withCall('talking') as Snapshot | null };
    await gate(engine).g.updateAvailable();
    const restarted = gate(engine);
    await restarted.g.check(withCall('talking'));
    expect(restarted.reloads).toEqual([]);
    await restarted.g.check(withCall('ended'));
    expect(restarted.reloads).toHaveLength(1);
  });

  it('a replacement engine that still has a call is told that an update waits', async () => {
    const engine = { snapshot: withCall('talking') as Snapshot | null };
    await gate(engine).g.updateAvailable();
    engine.snapshot = withCall('talking');
    const later = gate(engine);
    await later.g.check();
    expect(later.waiting).toEqual([true]);
    expect(later.reloads).toEqual([]);
  });

  it('without a pending update a snapshot never reloads', async () => {
    const { g, reloads } = gate({ snapshot: withCall('ended') });
    await g.check(withCall('ended'));
    expect(reloads).toEqual([]);
  });
});
