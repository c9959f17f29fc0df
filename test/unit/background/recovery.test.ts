import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createContentPush } from '../../../src/background/content-push';
import { createEngineLink } from '../../../src/background/engine-link';
import { createEngineRecordStore } from '../../../src/background/engine-record';
import { ENGINE_WATCH_ALARM, watchEngine } from '../../../src/background/engine-watch';
import { createBackgroundHandlers } from '../../../src/background/handlers';
import { createDialRateLimit } from '../../../src/background/dial-rate-limit';
import { ENGINE_WATCH_PORT } from '../../../src/contract/protocol';
import type { SoftphoneEngine } from '../../../src/engine/engine';
import { request } from '../../../src/messaging/client';
import { serve } from '../../../src/messaging/server';
import { createOffscreenCore } from '../../../src/offscreen/offscreen-core';
import { type EngineWatchApi, keyValueArea, type OffscreenPlatform, type WatchPort } from '../../../src/platform';
import { createMemoryAccountStore } from '../../../src/settings/account-store';
import { ACCOUNT } from '../../fakes/engine-fixture';
import { FakeBus } from '../../fakes/fake-runtime';
import { FakeAudioSink, type FakeCall, fakeDialog, FakeMicrophone, FakeSipStack } from '../../fakes/fake-sip-stack';

/**
 * The worker's recovery on fakes: each "offscreen document" runs a real SoftphoneEngine on a
 * fake SIP stack and holds a watch port; closing it drops the port, as Chrome does. Storage is
 * fakeBrowser's storage.session, alarms fakeBrowser's alarms.
 */
function world(account = ACCOUNT) {
  const bus = new FakeBus();
  const stack = new FakeSipStack();
  const accounts = createMemoryAccountStore(account);
  const background = bus.page('background.js');
  let doc: { engine: SoftphoneEngine; stop: () => void; port: FakePort } | null = null;
  let creates = 0;
  const connectListeners: Array<(port: WatchPort) => void> = [];

  class FakePort implements WatchPort {
    readonly name = ENGINE_WATCH_PORT;
    readonly sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/offscreen.html') };
    readonly #listeners: Array<() => void> = [];
    onDisconnect = { addListener: (l: () => void) => void this.#listeners.push(l) };
    drop() {
      for (const l of this.#listeners) l();
    }
  }

  const platform: OffscreenPlatform = {
    hasDocument: async () => doc !== null,
    createDocument: async () => {
      creates += 1;
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
        publish: () => {},
        keep: (record) => void request(runtime, 'background.keepEngineRecord', record).catch(() => {}),
      });
      const port = new FakePort();
      doc = { engine, stop: serve(runtime, 'offscreen', handlers), port };
      for (const l of connectListeners) l(port);
    },
    closeDocument: async () => {
      const closing = doc;
      closing?.stop();
      doc = null;
      closing?.port.drop();
    },
  };
  const records = createEngineRecordStore(keyValueArea(fakeBrowser.storage.session));
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 5)));
  const lost: string[] = [];
  const link = createEngineLink({
    runtime: background,
    platform,
    accounts,
    instanceId: async () => '0b9f5a3e-3c1d-4f7a-9a52-1d2e3f4a5b6c',
    sleep,
    records,
    onLostCalls: (calls) => lost.push(...calls.map((c) => c.call.remote.number)),
  });
  const push = createContentPush({ area: fakeBrowser.storage.session, sendToFrame: async () => undefined });
  serve(background, 'background', createBackgroundHandlers({
    link,
    accounts,
    push,
    records,
    hasEngine: () => platform.hasDocument(),
    loadPageScript: async () => {},
    rateLimit: createDialRateLimit({ session: keyValueArea(fakeBrowser.storage.session), now: () => Date.now() }),
  }));
  const api: EngineWatchApi = {
    onConnect: { addListener: (l) => void connectListeners.push(l) },
    alarms: fakeBrowser.alarms as unknown as EngineWatchApi['alarms'],
  };
  const watch = () => watchEngine({ api, runtime: background, records, ensureEngine: () => link.ensureEngine('auto'), sleep });
  const autoOnline = setInterval(() => {
    for (const ua of stack.agents) {
      if (ua.started && !(ua as { online?: boolean }).online) {
        (ua as { online?: boolean }).online = true;
        ua.comeOnline();
      }
    }
  }, 5);
  /** A connected call in the current engine whose stack reports a dialog (as JsSIP after the 200 OK). */
  const connectedCall = async (): Promise<FakeCall> => {
    const { callId } = await request(bus.page('popup.html'), 'background.dial', { number: '2001', source: 'popup' });
    const call = stack.last.calls.at(-1) as FakeCall;
    call.sipDialog = fakeDialog(1);
    call.emit({ type: 'confirmed' });
    await vi.waitFor(async () => expect((await records.current())?.calls.map((c) => c.call.id)).toEqual([callId]));
    return call;
  };
  return {
    stack,
    platform,
    records,
    link,
    lost,
    watch,
    connectedCall,
    get creates() {
      return creates;
    },
    /** The document goes without its port telling anyone. */
    vanish: () => {
      doc?.stop();
      doc = null;
    },
    popup: bus.page('popup.html'),
    stop: () => clearInterval(autoOnline),
  };
}

describe('a lost engine comes back by itself', () => {
  beforeEach(() => fakeBrowser.reset());

  it('the port drop recreates the document, signs in like the lost engine and ends its call with a BYE from the new user agent', async () => {
    // Not "sign in automatically": only the lost engine's own record says to sign in again.
    const w = world({ ...ACCOUNT, autoSignIn: false });
    w.watch();
    await request(w.popup, 'background.signIn', null);
    await w.connectedCall();
    const lostAgent = w.stack.last;
    await w.platform.closeDocument();

    await vi.waitFor(() => expect(w.creates).toBe(2));
    await vi.waitFor(() => expect(w.stack.agents).toHaveLength(2));
    const fresh = w.stack.last;
    expect(fresh).not.toBe(lostAgent);
    await vi.waitFor(() => expect(fresh.byes).toEqual([fakeDialog(1)]));
    expect(lostAgent.byes).toEqual([]);
    const snapshot = await request(w.popup, 'background.getSnapshot', null);
    expect(snapshot.registration.state).toBe('registered');
    expect(snapshot.calls).toHaveLength(1);
    expect(snapshot.calls[0]).toMatchObject({ state: 'ended', remote: { number: '2001' }, end: { by: 'system', error: { code: 'call-lost' } } });
    expect(w.lost).toEqual(['2001']);
    // Handed over once: the storage keeps no lost calls, and the new engine's record has none.
    expect(await w.records.takeLost(snapshot.engineId)).toEqual([]);
    w.stop();
  });

  it('the alarm brings back a document that went while nobody listened (no port event)', async () => {
    const w = world();
    w.watch();
    await request(w.popup, 'background.getSnapshot', null);
    await vi.waitFor(async () => expect(await w.records.current()).not.toBeNull());
    expect(await fakeBrowser.alarms.get(ENGINE_WATCH_ALARM)).toMatchObject({ periodInMinutes: 0.5 });
    // Gone without its port dropping, as when the worker was stopped at that moment.
    w.vanish();
    await new Promise((r) => setTimeout(r, 30));
    expect(w.creates).toBe(1);
    await fakeBrowser.alarms.onAlarm.trigger({ name: ENGINE_WATCH_ALARM, scheduledTime: Date.now(), periodInMinutes: 0.5 });
    await vi.waitFor(() => expect(w.creates).toBe(2));
    await vi.waitFor(async () => expect((await request(w.popup, 'background.getSnapshot', null)).registration.state).toBe('registered'));
    w.stop();
  });

  it('does nothing before any engine ran in this browser session', async () => {
    const w = world();
    w.watch();
    await fakeBrowser.alarms.onAlarm.trigger({ name: ENGINE_WATCH_ALARM, scheduledTime: Date.now(), periodInMinutes: 0.5 });
    await new Promise((r) => setTimeout(r, 30));
    expect(w.creates).toBe(0);
    w.stop();
  });

  it('a lost engine that was signed out comes back signed out, even with automatic sign-in', async () => {
    const w = world({ ...ACCOUNT, autoSignIn: true });
    w.watch();
    await request(w.popup, 'background.getSnapshot', null);
    await request(w.popup, 'background.signOut', null);
    await vi.waitFor(async () => expect((await w.records.current())?.signedIn).toBe(false));
    await w.platform.closeDocument();
    await vi.waitFor(() => expect(w.creates).toBe(2));
    const snapshot = await request(w.popup, 'background.getSnapshot', null);
    expect(snapshot.registration.state).toBe('signedOut');
    expect(w.stack.agents).toHaveLength(1);
    w.stop();
  });
});
