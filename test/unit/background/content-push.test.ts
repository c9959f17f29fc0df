import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createContentPush } from '../../../src/background/content-push';
import type { FrameTarget } from '../../../src/platform';
import { idleSnapshot } from '../../../src/contract/snapshot';

function setup(maxSubscribers?: number, unreachable = new Set<number>()) {
  const sent: Array<{ target: FrameTarget; message: unknown }> = [];
  const push = createContentPush({
    area: fakeBrowser.storage.session,
    maxSubscribers,
    sendToFrame: async (target, message) => {
      if (unreachable.has(target.tabId)) throw new Error('Receiving end does not exist.');
      sent.push({ target, message });
    },
  });
  const keys = async () => Object.keys(await fakeBrowser.storage.session.get(null)).filter((k) => k.startsWith('push:')).sort();
  return { push, sent, keys };
}

describe('content push', () => {
  beforeEach(() => fakeBrowser.reset());

  it('relays the same broadcast envelope to each frame, with that tab’s view', async () => {
    const { push, sent } = setup();
    await push.subscribe({ tabId: 1, frameId: 0, documentId: 'doc-a' });
    await push.subscribe({ tabId: 2, frameId: 3, documentId: null });
    await push.relay({ ...idleSnapshot('engine-1', true), seq: 4 });
    expect(sent.map((s) => s.target)).toEqual([
      { tabId: 1, frameId: 0, documentId: 'doc-a' },
      { tabId: 2, frameId: 3, documentId: null },
    ]);
    expect(sent[0]?.message).toEqual({
      dialbar: 1,
      broadcast: 'background.contentSnapshot',
      payload: { engineId: 'engine-1', seq: 4, registration: { state: 'signedOut' }, dial: { allowed: true, refusal: null }, calls: [] },
    });
  });

  it('keeps one key per document: a new page in a frame adds one, a failed push removes only the old', async () => {
    const unreachable = new Set<number>();
    const { push, keys } = setup(undefined, unreachable);
    await push.subscribe({ tabId: 1, frameId: 0, documentId: 'old' });
    await push.subscribe({ tabId: 1, frameId: 0, documentId: 'old' });
    await push.subscribe({ tabId: 5, frameId: 0, documentId: 'x' });
    expect(await keys()).toEqual(['push:1:0:old', 'push:5:0:x']);
    unreachable.add(5);
    await push.relay(idleSnapshot());
    expect(await keys()).toEqual(['push:1:0:old']);
  });

  it('forgets a closed tab, drops malformed entries, and stops growing at its bound', async () => {
    const { push, keys } = setup(2);
    await fakeBrowser.storage.session.set({ 'push:9:0:': { tabId: 'nine' }, other: 1 });
    expect(await push.subscribe({ tabId: 1, frameId: 0, documentId: null })).toBe(true);
    expect(await keys()).toEqual(['push:1:0:']);
    expect(await push.subscribe({ tabId: 1, frameId: 2, documentId: null })).toBe(true);
    expect(await push.subscribe({ tabId: 3, frameId: 0, documentId: null })).toBe(false);
    // Already listed: subscribing again is fine at the bound.
    expect(await push.subscribe({ tabId: 1, frameId: 2, documentId: null })).toBe(true);
    await push.forgetTab(1);
    expect(await keys()).toEqual([]);
    // Keys that are not ours are left alone.
    expect(await fakeBrowser.storage.session.get('other')).toEqual({ other: 1 });
  });
});
