import { createEngineRecordStore } from '../../../src/background/engine-record';
import { keyValueArea } from '../../../src/platform';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SoftphoneEngine } from '../../../src/engine/engine';
import { createContentPush } from '../../../src/background/content-push';
import { createEngineLink } from '../../../src/background/engine-link';
import { createBackgroundHandlers } from '../../../src/background/handlers';
import { createDialRateLimit } from '../../../src/background/dial-rate-limit';
import type { ContentSnapshot } from '../../../src/contract/snapshot';
import { broadcast, onBroadcast } from '../../../src/messaging/broadcast';
import { request } from '../../../src/messaging/client';
import { serve } from '../../../src/messaging/server';
import { createOffscreenCore } from '../../../src/offscreen/offscreen-core';
import type { OffscreenPlatform } from '../../../src/platform';
import { createMemoryAccountStore } from '../../../src/settings/account-store';
import { ACCOUNT } from '../../fakes/engine-fixture';
import { FakeAudioSink, FakeMicrophone, FakeSipStack } from '../../fakes/fake-sip-stack';
import { FakeBus } from '../../fakes/fake-runtime';

/**
 * The service worker wired to a fake offscreen platform: creating a document starts a real
 * SoftphoneEngine on fakes after a delay, as Chrome runs the document's script after
 * createDocument() resolves.
 */
const INSTANCE = '0b9f5a3e-3c1d-4f7a-9a52-1d2e3f4a5b6c';

function world(account = ACCOUNT as typeof ACCOUNT | null) {
  const bus = new FakeBus();
  const stack = new FakeSipStack();
  const accounts = createMemoryAccountStore(account);
  let doc: { engine: SoftphoneEngine; stop: () => void } | null = null;
  let creates = 0;
  const platform: OffscreenPlatform = {
    hasDocument: async () => doc !== null || pendingScript !== null,
    createDocument: async () => {
      creates += 1;
      pendingScript = setTimeout(() => {
        pendingScript = null;
        const runtime = bus.page('offscreen.html');
        const { engine, handlers } = createOffscreenCore({
          stack,
          microphone: new FakeMicrophone(),
          audio: new FakeAudioSink(),
          now: () => Date.now(),
          newId: () => crypto.randomUUID(),
          setTimer: (fn, ms) => {
            const t = setTimeout(fn, ms);
            return () => clearTimeout(t);
          },
          defer: (fn) => fn(),
          publish: (snapshot) => void broadcast(runtime, 'offscreen.snapshot', snapshot),
        });
        doc = { engine, stop: serve(runtime, 'offscreen', handlers) };
      }, 20);
    },
    closeDocument: async () => {
      doc?.stop();
      doc = null;
    },
  };
  let pendingScript: ReturnType<typeof setTimeout> | null = null;
  const background = bus.page('background.js');
  const instanceId = async () => INSTANCE;
  const link = createEngineLink({ runtime: background, platform, accounts, instanceId, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
  const push = createContentPush({
    area: fakeBrowser.storage.session,
    sendToFrame: ({ tabId, frameId }, message) => bus.toFrame(background, tabId, frameId, message),
  });
  const records = createEngineRecordStore(keyValueArea(fakeBrowser.storage.session));
  serve(background, 'background', createBackgroundHandlers({
    link,
    accounts,
    push,
    records,
    hasEngine: () => platform.hasDocument(),
    loadPageScript: async () => {},
    rateLimit: createDialRateLimit({ session: keyValueArea(fakeBrowser.storage.session), now: () => Date.now() }),
  }));
  onBroadcast(background, 'offscreen.snapshot', (snapshot) => void push.relay(snapshot));
  // A healthy lab server: every new user agent connects and registers shortly after start().
  const autoOnline = setInterval(() => {
    for (const ua of stack.agents) if (ua.started && !(ua as { online?: boolean }).online) {
      (ua as { online?: boolean }).online = true;
      ua.comeOnline();
    }
  }, 5);
  return {
    bus,
    stack,
    accounts,
    platform,
    get creates() {
      return creates;
    },
    get doc() {
      return doc;
    },
    background,
    popup: bus.page('popup.html'),
    content: bus.contentScript(),
    otherTab: bus.contentScript('https://mail.example.com/inbox', 9),
    options: bus.page('options.html'),
    stop: () => clearInterval(autoOnline),
  };
}

describe('service worker ↔ offscreen engine', () => {
  beforeEach(() => fakeBrowser.reset());

  it('many requests during start-up create one document and one user agent', async () => {
    const w = world();
    const snapshots = await Promise.all(Array.from({ length: 10 }, () => request(w.popup, 'background.getSnapshot', null)));
    expect(w.creates).toBe(1);
    expect(w.stack.agents).toHaveLength(1);
    expect(new Set(snapshots.map((s) => s.engineId)).size).toBe(1);
    w.stop();
  });

  it('shows an idle, account-less snapshot without starting anything when no account is stored', async () => {
    const w = world(null);
    const snapshot = await request(w.popup, 'background.getSnapshot', null);
    expect(snapshot).toMatchObject({ account: null, registration: { state: 'signedOut' } });
    expect(w.creates).toBe(0);
    await expect(request(w.content, 'background.dial', { number: '2001', source: 'page' })).rejects.toMatchObject({ code: 'not-configured' });
    w.stop();
  });

  it('a dial from a content script starts the engine, registers and places the call', async () => {
    const w = world({ ...ACCOUNT, autoSignIn: false });
    const { call } = await request(w.content, 'background.dial', { number: '+14155550132', shown: '415-555-0132', source: 'page' });
    expect(call).toMatchObject({ state: 'dialing', shown: '415-555-0132' });
    // Where it came from is what the browser said about the sender (FakeBus: tab 7, frame 0).
    expect(call.origin).toEqual({ source: 'page', url: 'https://crm.example.com', tabId: 7, frameId: 0 });
    expect(w.stack.last.calls[0]?.target).toBe('sip:4155550132@127.0.0.1');
    w.stop();
  });

  it('records no page for a dial from the popup, whatever the payload says', async () => {
    const w = world();
    const { call } = await request(w.popup, 'background.dial', { number: '2001', shown: 'x', source: 'page' });
    expect(call.origin).toEqual({ source: 'page', url: null, tabId: null, frameId: null });
    w.stop();
  });

  it('call data from the popup reaches the INVITE; bad call data is refused in words; a content script may attach none', async () => {
    const w = world();
    const { call } = await request(w.popup, 'background.dial', { number: '2001', source: 'popup', callData: { 'X-Ticket': 'T-1' } });
    expect(call.callData).toEqual({ 'X-Ticket': 'T-1' });
    expect(w.stack.last.calls[0]?.sentHeaders).toEqual({ 'X-Ticket': 'T-1' });
    w.stack.last.calls[0]?.emit({ type: 'failed', failure: { code: 'busy', sipStatus: 486, originator: 'remote' } });
    const bad = request(w.popup, 'background.dial', { number: '2001', source: 'popup', callData: { 'X-Note': 'a\r\nVia: x' } });
    await expect(bad).rejects.toMatchObject({ code: 'bad-call-data', message: expect.stringContaining('X-Note holds a line break') });
    const proto = request(w.popup, 'background.dial', { number: '2001', source: 'popup', callData: JSON.parse('{"__proto__": "x"}') });
    await expect(proto).rejects.toMatchObject({ code: 'bad-call-data' });
    const fromPage = request(w.content, 'background.dial', { number: '2001', source: 'page', callData: { 'X-Ticket': '1' } });
    await expect(fromPage).rejects.toMatchObject({ code: 'forbidden-sender' });
    expect(w.stack.last.calls).toHaveLength(1);
    w.stop();
  });

  it('after the document is closed, the next dial recreates it and registers again', async () => {
    const w = world();
    await request(w.popup, 'background.getSnapshot', null);
    await w.platform.closeDocument();
    const { call } = await request(w.content, 'background.dial', { number: '2001', source: 'page' });
    expect(call.state).toBe('dialing');
    expect(w.creates).toBe(2);
    expect(w.stack.agents).toHaveLength(2);
    // Both engines register as the same instance, so the registrar replaces the dead one's binding.
    expect(w.stack.agents.map((a) => a.config.instanceId)).toEqual([INSTANCE, INSTANCE]);
    w.stop();
  });

  it('a restarted worker (new link, no memory) reaches the same engine', async () => {
    const w = world();
    const first = await request(w.popup, 'background.getSnapshot', null);
    // A second link stands for the worker after a restart: it knows nothing but storage.
    const link = createEngineLink({ runtime: w.bus.page('background.js'), platform: w.platform, accounts: w.accounts, instanceId: async () => INSTANCE, sleep: async () => {} });
    const again = await link.ensureEngine('auto');
    expect(again?.engineId).toBe(first.engineId);
    expect(w.creates).toBe(1);
    expect(w.stack.agents).toHaveLength(1);
    w.stop();
  });

  it('saving an account keeps an empty password as the stored one and re-registers', async () => {
    const w = world();
    const { password: _ignored, ...rest } = ACCOUNT;
    await request(w.options, 'background.saveAccount', { ...rest, displayName: 'New name', password: '' });
    expect((await w.accounts.load())?.password).toBe('agent-secret');
    expect(w.stack.last.config).toMatchObject({ password: 'agent-secret', displayName: 'New name' });
    const view = await request(w.options, 'background.getAccount', null);
    expect(view).toMatchObject({ hasPassword: true, displayName: 'New name' });
    expect(view).not.toHaveProperty('password');
    w.stop();
  });

  it('test connection reports registration, and the server’s refusal in plain words', async () => {
    const w = world();
    const ok = await request(w.options, 'background.testConnection', { ...ACCOUNT });
    expect(ok).toEqual({ ok: true, state: 'registered', error: null });
    w.stop();
    // Now a server that refuses the password.
    const refusing = world();
    refusing.stop();
    const pending = request(refusing.options, 'background.testConnection', { ...ACCOUNT, password: 'wrong' });
    await new Promise((r) => setTimeout(r, 60));
    refusing.stack.last.emit({ type: 'registrationFailed', failure: { code: 'credentials', sipStatus: 401, originator: 'remote' } });
    await expect(pending).resolves.toMatchObject({ ok: false, state: 'failed', error: { code: 'credentials' } });
  });

  it('content scripts cannot sign out or read the account', async () => {
    const w = world();
    await request(w.popup, 'background.getSnapshot', null);
    await expect(request(w.content, 'background.signOut', null)).rejects.toMatchObject({ code: 'forbidden-sender' });
    await expect(request(w.content, 'background.getAccount', null)).rejects.toMatchObject({ code: 'forbidden-sender' });
    await expect(w.content.sendMessage({ dialbar: 1, type: 'offscreen.dial', payload: { target: '1', shown: '' } })).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    w.stop();
  });

  it('pushes each subscribed content script its own view of every change, also from a restarted worker', async () => {
    const w = world({ ...ACCOUNT, autoSignIn: false });
    const seen: ContentSnapshot[] = [];
    const other: ContentSnapshot[] = [];
    onBroadcast(w.content, 'background.contentSnapshot', (s) => seen.push(s));
    onBroadcast(w.otherTab, 'background.contentSnapshot', (s) => other.push(s));
    // Before any engine runs, the answer to "may I dial now?" is yes (a dial starts the engine) and nothing starts.
    const first = await request(w.content, 'background.subscribe', null);
    expect(first).toEqual({ engineId: 'none', seq: 0, registration: { state: 'signedOut' }, dial: { allowed: true, refusal: null }, calls: [] });
    expect(w.creates).toBe(0);
    await request(w.otherTab, 'background.subscribe', null);
    const { callId } = await request(w.content, 'background.dial', { number: '2001', source: 'page' });
    await new Promise((r) => setTimeout(r, 20));
    const last = seen.at(-1);
    expect(last).toMatchObject({ registration: { state: 'registered' }, dial: { allowed: false, refusal: { code: 'call-in-progress' } } });
    expect(last?.calls.map((c) => c.id)).toEqual([callId]);
    // The other tab hears that the line is busy, but not who this tab called.
    expect(other.at(-1)).toMatchObject({ dial: { allowed: false }, calls: [] });
    expect(JSON.stringify(other)).not.toContain('2001');
    expect(seen.map((s) => s.seq)).toEqual([...seen.map((s) => s.seq)].sort((a, b) => a - b));
    // The subscriber list lives in session storage, not in the worker: a restarted worker (a new
    // push with no memory) still reaches both frames.
    const restarted = createContentPush({
      area: fakeBrowser.storage.session,
      sendToFrame: ({ tabId, frameId }, message) => w.bus.toFrame(w.background, tabId, frameId, message),
    });
    const counts = [seen.length, other.length];
    await restarted.relay(await request(w.popup, 'background.getSnapshot', null));
    expect([seen.length, other.length]).toEqual([counts[0]! + 1, counts[1]! + 1]);
    w.stop();
  });

  it('answers a subscribe only from a content script, and forgets frames that are gone', async () => {
    const w = world();
    await expect(request(w.popup, 'background.subscribe', null)).rejects.toMatchObject({ code: 'forbidden-sender' });
    const gone = w.bus.contentScript('https://gone.example.com/', 11);
    await request(gone, 'background.subscribe', null);
    // The frame never listens for pushes: the next push to it fails, and it is dropped.
    await request(w.popup, 'background.getSnapshot', null);
    await new Promise((r) => setTimeout(r, 20));
    const stored = Object.keys(await fakeBrowser.storage.session.get(null)).filter((k) => k.startsWith('push:'));
    expect(stored).toEqual([]);
    w.stop();
  });
});
