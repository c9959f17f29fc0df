import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { contentView, idleSnapshot } from '../../../src/contract/snapshot';
import { broadcast, onBroadcast } from '../../../src/messaging/broadcast';
import { request } from '../../../src/messaging/client';
import { roleOf } from '../../../src/messaging/roles';
import { serve } from '../../../src/messaging/server';
import { subscribeSnapshot } from '../../../src/messaging/snapshot-stream';
import { backgroundHandlers } from '../../fakes/background-handlers';
import { FakeBus } from '../../fakes/fake-runtime';

describe('roleOf', () => {
  beforeEach(() => fakeBrowser.reset());
  it('tells our pages apart by path and content scripts by tab', () => {
    const rt = { id: fakeBrowser.runtime.id, getURL: (p: string) => fakeBrowser.runtime.getURL(p as never) };
    const url = (p: string) => rt.getURL(p);
    expect(roleOf({ id: rt.id, url: url('/popup.html') }, rt)).toBe('popup');
    expect(roleOf({ id: rt.id, url: url('/options.html#x') }, rt)).toBe('options');
    expect(roleOf({ id: rt.id, url: url('/offscreen.html') }, rt)).toBe('offscreen');
    expect(roleOf({ id: rt.id, url: url('/background.js') }, rt)).toBe('background');
    expect(roleOf({ id: rt.id, url: 'https://a.example/', tab: { id: 1 } }, rt)).toBe('content');
    expect(roleOf({ id: rt.id, url: url('/other.html') }, rt)).toBeNull();
    expect(roleOf({ id: 'other-extension', url: url('/popup.html') }, rt)).toBeNull();
    expect(roleOf({ id: rt.id, url: 'https://a.example/' }, rt)).toBeNull();
  });
});

describe('request / serve', () => {
  let bus: FakeBus;
  beforeEach(() => {
    fakeBrowser.reset();
    bus = new FakeBus();
  });

  it('delivers a valid request and its validated answer', async () => {
    const dial = vi.fn(async ({ number }: { number: string }) => ({
      callId: 'c1',
      call: { ...sampleCall(), remote: { uri: `sip:${number}@lab`, displayName: '', number } },
    }));
    serve(bus.page('background.js'), 'background', backgroundHandlers({ 'background.dial': dial }));
    const content = bus.contentScript();
    const result = await request(content, 'background.dial', { number: '+14155550132', shown: '(415) 555-0132', source: 'page' });
    expect(result.callId).toBe('c1');
    expect(dial).toHaveBeenCalledWith(
      { number: '+14155550132', shown: '(415) 555-0132', source: 'page' },
      expect.objectContaining({ role: 'content' }),
    );
  });

  it('refuses a message the sender may not send, before the handler runs', async () => {
    const getAccount = vi.fn(() => null);
    serve(bus.page('background.js'), 'background', backgroundHandlers({ 'background.getAccount': getAccount }));
    await expect(request(bus.contentScript(), 'background.getAccount', null)).rejects.toMatchObject({ code: 'forbidden-sender' });
    expect(getAccount).not.toHaveBeenCalled();
    await expect(request(bus.page('options.html'), 'background.getAccount', null)).resolves.toBeNull();
  });

  it('refuses messages from outside the extension', async () => {
    serve(bus.page('background.js'), 'background', backgroundHandlers());
    await expect(request(bus.stranger(), 'background.getSnapshot', null)).rejects.toMatchObject({ code: 'forbidden-sender' });
  });

  it('refuses malformed payloads with a clear error', async () => {
    const dial = vi.fn();
    serve(bus.page('background.js'), 'background', backgroundHandlers({ 'background.dial': dial }));
    const content = bus.contentScript();
    for (const payload of [null, {}, { number: '', source: 'page' }, { number: 'x'.repeat(300), source: 'page' }, { number: '1', source: 'evil' }]) {
      await expect(content.sendMessage({ dialbar: 1, type: 'background.dial', payload })).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid-message' },
      });
    }
    await expect(content.sendMessage({ dialbar: 1, type: 'background.nope', payload: null })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-message' },
    });
    expect(dial).not.toHaveBeenCalled();
  });

  it('ignores messages that are not Dialbar envelopes or not its own', async () => {
    serve(bus.page('background.js'), 'background', backgroundHandlers());
    const popup = bus.page('popup.html');
    await expect(popup.sendMessage({ hello: 'world' })).rejects.toThrow(/Receiving end/);
    await expect(popup.sendMessage({ dialbar: 1, type: 'offscreen.ping', payload: null })).rejects.toThrow(/Receiving end/);
  });

  it('carries a handler error across as a DialbarError with its code and message', async () => {
    const { dialbarError } = await import('../../../src/errors');
    serve(bus.page('background.js'), 'background', backgroundHandlers({ 'background.dial': () => Promise.reject(dialbarError('not-registered')) }));
    const err = await request(bus.page('popup.html'), 'background.dial', { number: '2001', source: 'popup' }).catch((e) => e);
    expect(err).toMatchObject({ name: 'DialbarError', code: 'not-registered', message: expect.stringMatching(/not signed in/) });
  });

  it('hides unexpected exceptions behind the internal error', async () => {
    serve(bus.page('background.js'), 'background', backgroundHandlers({ 'background.getAccount': () => { throw new TypeError('secret detail'); } }));
    const err = await request(bus.page('options.html'), 'background.getAccount', null).catch((e) => e);
    expect(err.code).toBe('internal');
    expect(err.message).not.toMatch(/secret detail/);
  });

  it('says the engine is unavailable when nobody answers, and rejects a malformed answer', async () => {
    const popup = bus.page('popup.html');
    await expect(request(popup, 'background.getSnapshot', null)).rejects.toMatchObject({ code: 'engine-unavailable' });
    bus.page('background.js').onMessage.addListener(() => Promise.resolve({ ok: true, value: { not: 'a snapshot' } }));
    await expect(request(popup, 'background.getSnapshot', null)).rejects.toMatchObject({ code: 'invalid-message' });
  });
});

describe('contentView', () => {
  it('gives a tab only its own calls, without the DTMF digits (PINs typed to an IVR)', () => {
    const own = { ...sampleCall(), origin: { source: 'page' as const, url: 'https://crm.example', tabId: 7, frameId: 0 }, dtmf: { sent: '1234', pending: ',9' } };
    const other = { ...sampleCall(), id: 'c2', origin: null };
    const view = contentView({ ...idleSnapshot('e'), calls: [own, other] }, 7);
    expect(view.calls).toEqual([{ ...own, dtmf: { sent: '', pending: '' } }]);
  });
});

describe('broadcasts and the snapshot stream', () => {
  beforeEach(() => fakeBrowser.reset());

  it('accepts snapshots only from the offscreen document, newest per engine', async () => {
    const bus = new FakeBus();
    const background = bus.page('background.js');
    serve(background, 'background', backgroundHandlers({ 'background.getSnapshot': () => ({ ...idleSnapshot('e1'), seq: 5 }) }));
    const popup = bus.page('popup.html');
    const seen: Array<[string, number]> = [];
    subscribeSnapshot(popup, (s) => seen.push([s.engineId, s.seq]), () => {});
    await vi.waitFor(() => expect(seen).toEqual([['e1', 5]]));
    const offscreen = bus.page('offscreen.html');
    await broadcast(offscreen, 'offscreen.snapshot', { ...idleSnapshot('e1'), seq: 4 });
    await broadcast(offscreen, 'offscreen.snapshot', { ...idleSnapshot('e1'), seq: 6 });
    await broadcast(bus.contentScript(), 'offscreen.snapshot', { ...idleSnapshot('e1'), seq: 99 });
    await broadcast(offscreen, 'offscreen.snapshot', { ...idleSnapshot('e2'), seq: 1 });
    expect(seen).toEqual([
      ['e1', 5],
      ['e1', 6],
      ['e2', 1],
    ]);
  });

  it('drops a broadcast whose payload is malformed', async () => {
    const bus = new FakeBus();
    const listener = vi.fn();
    onBroadcast(bus.page('popup.html'), 'offscreen.snapshot', listener);
    await bus.page('offscreen.html').sendMessage({ dialbar: 1, broadcast: 'offscreen.snapshot', payload: { seq: 'x' } }).catch(() => {});
    expect(listener).not.toHaveBeenCalled();
  });

  it('a broadcast with nobody listening is not an error', async () => {
    const bus = new FakeBus();
    await expect(broadcast(bus.page('offscreen.html'), 'offscreen.snapshot', idleSnapshot())).resolves.toBeUndefined();
  });
});

function sampleCall() {
  return {
    id: 'c1',
    direction: 'outgoing' as const,
    regions: { remoteHold: 'none' as const, mute: 'unmuted' as const },
    dtmf: { sent: '', pending: '' },
    callData: {},
    autoAnswerAt: null,
    state: 'dialing' as const,
    remote: { uri: '', displayName: '', number: '' },
    shown: '',
    origin: null,
    createdAt: 0,
    answeredAt: null,
    endedAt: null,
    end: null,
    allowed: ['HANGUP' as const],
  };
}

describe('background.setAgentState', () => {
  beforeEach(() => fakeBrowser.reset());

  it('takes Ready, End wrap-up and Not ready with a reason from the popup; nothing from a page; malformed payloads never reach the handler', async () => {
    const bus = new FakeBus();
    const setAgentState = vi.fn(() => null);
    serve(bus.page('background.js'), 'background', backgroundHandlers({ 'background.setAgentState': setAgentState }));
    const popup = bus.page('popup.html');
    await request(popup, 'background.setAgentState', { command: 'READY' });
    await request(popup, 'background.setAgentState', { command: 'NOT_READY', reason: ' Lunch ' });
    expect(setAgentState.mock.calls.map((c) => (c as unknown[])[0])).toEqual([{ command: 'READY' }, { command: 'NOT_READY', reason: 'Lunch' }]);
    await expect(request(bus.contentScript(), 'background.setAgentState', { command: 'READY' })).rejects.toMatchObject({ code: 'forbidden-sender' });
    for (const bad of [{ command: 'NOT_READY' }, { command: 'NOT_READY', reason: '' }, { command: 'GO_HOME' }, { command: 'NOT_READY', reason: 'x'.repeat(41) }, null]) {
      await expect(request(popup, 'background.setAgentState', bad as never)).rejects.toMatchObject({ code: 'invalid-message' });
    }
    expect(setAgentState).toHaveBeenCalledTimes(2);
  });
});
