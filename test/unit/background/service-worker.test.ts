import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fakeBrowserApi, hasListeners, notificationOptions } from '../../fakes/fake-browser-api';
import { CALL_SELECTION_MENU_ID } from '../../../src/background/selection-calling';
import { startServiceWorker } from '../../../src/background/service-worker';
import { idleSnapshot, type Snapshot } from '../../../src/contract/snapshot';
import { InvalidStateError, toUserError } from '../../../src/errors';
import { broadcast } from '../../../src/messaging/broadcast';
import { type OffscreenPlatform, type SelectionCallingApi, serviceWorkerApi } from '../../../src/platform';
import { createMemoryAccountStore } from '../../../src/settings/account-store';
import { ACCOUNT } from '../../fakes/engine-fixture';
import { FakeBus } from '../../fakes/fake-runtime';

type ClickListener = Parameters<SelectionCallingApi['contextMenus']['onClicked']['addListener']>[0];

/**
 * The worker on fakeBrowser (badge, notifications, storage, start events) and a FakeBus for
 * messages. The "offscreen document" is a listener that records requests and answers them.
 */
function world(account = ACCOUNT as typeof ACCOUNT | null) {
  const bus = new FakeBus();
  const offscreenPage = bus.page('offscreen.html');
  const requests: Array<{ type: string; payload: unknown }> = [];
  const answers: Record<string, unknown> = {
    'offscreen.ping': { engineId: 'e1', configured: true },
    'offscreen.getSnapshot': idleSnapshot('e1'),
    'offscreen.callControl': null,
  };
  const refusals: Record<string, { code: string; message: string }> = {};
  let hasDoc = false;
  offscreenPage.onMessage.addListener((message) => {
    const { type, payload } = message as { type: string; payload: unknown };
    if (!hasDoc || !(type in answers)) return undefined;
    requests.push({ type, payload });
    const refusal = refusals[type];
    if (refusal) return Promise.resolve({ ok: false, error: refusal });
    return Promise.resolve({ ok: true, value: answers[type] });
  });
  const offscreen: OffscreenPlatform = {
    hasDocument: async () => hasDoc,
    createDocument: vi.fn(async () => {
      hasDoc = true;
    }),
    closeDocument: async () => {
      hasDoc = false;
    },
  };
  const clicks: ClickListener[] = [];
  const selection: SelectionCallingApi = {
    contextMenus: { create: () => undefined, onClicked: { addListener: (l) => void clicks.push(l) } },
    commands: { onCommand: { addListener: () => {} } },
    scripting: { executeScript: async () => [] },
    tabs: { query: async () => [] },
  };
  // fake-browser 1.5 does not implement commands.onCommand: the test keeps the listeners.
  const commandListeners: Array<(command: string) => void> = [];
  const commands = { onCommand: { addListener: (l: (command: string) => void) => void commandListeners.push(l) } };
  const base = serviceWorkerApi(fakeBrowserApi);
  // fakeBrowser has no runtime ports: the engine watch's port is tested in recovery.test.ts.
  const watch = { ...base.watch, onConnect: { addListener: () => {} } };
  const api = { ...base, runtime: bus.page('background.js'), selection, commands, watch };
  startServiceWorker({
    api,
    offscreen,
    accounts: createMemoryAccountStore(account),
    detect: () => [],
    language: () => 'en-US',
    newId: () => crypto.randomUUID(),
    sleep: async () => {},
  });
  return {
    offscreen,
    requests,
    answers,
    refusals,
    offscreenPage,
    openDocument: () => {
      hasDoc = true;
    },
    pressCommand: (command: string) => {
      for (const l of commandListeners) l(command);
    },
    clickMenu: (selectionText: string) => {
      for (const l of clicks) l({ menuItemId: CALL_SELECTION_MENU_ID, selectionText });
    },
  };
}

function ringing(): Snapshot {
  const s = idleSnapshot('e1');
  s.registration.state = 'registered';
  s.calls = [
    { id: 'c1', direction: 'incoming', state: 'incoming', regions: { remoteHold: 'none', mute: 'unmuted' }, dtmf: { sent: '', pending: '' }, callData: {}, autoAnswerAt: null, remote: { uri: 'sip:2001@lab', displayName: 'Customer', number: '2001' }, shown: '', origin: null, createdAt: 0, answeredAt: null, endedAt: null, end: null, allowed: [] },
  ];
  return s;
}

const problems = async () =>
  Object.entries(await notificationOptions())
    .filter(([id]) => id.startsWith('problem:'))
    .map(([, options]) => options.message);

describe('service worker wiring', () => {
  beforeEach(() => fakeBrowser.reset());

  it('adds its browser listeners before it returns', () => {
    world();
    expect(hasListeners(fakeBrowser.notifications.onButtonClicked)).toBe(true);
    expect(hasListeners(fakeBrowser.runtime.onStartup)).toBe(true);
    expect(hasListeners(fakeBrowser.runtime.onInstalled)).toBe(true);
    expect(hasListeners(fakeBrowser.tabs.onRemoved)).toBe(true);
  });

  it('a closed tab’s push subscriptions are dropped from session storage', async () => {
    world();
    await fakeBrowser.storage.session.set({
      'push:4:0:doc': { tabId: 4, frameId: 0, documentId: 'doc' },
      'push:5:0:doc': { tabId: 5, frameId: 0, documentId: 'doc' },
    });
    await fakeBrowser.tabs.onRemoved.trigger(4, { windowId: 1, isWindowClosing: false });
    await vi.waitFor(async () => expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['push:5:0:doc']));
  });

  it('a snapshot broadcast from the engine shows the badge and the incoming-call notification', async () => {
    const w = world();
    await broadcast(w.offscreenPage, 'offscreen.snapshot', ringing());
    await vi.waitFor(async () => expect(await fakeBrowser.notifications.getAll()).toHaveProperty(['incoming:c1']));
    expect(await fakeBrowser.action.getBadgeText({})).toBe('RING');
  });

  it('the notification’s Decline button declines the call and closes the notification', async () => {
    const w = world();
    w.openDocument();
    await broadcast(w.offscreenPage, 'offscreen.snapshot', ringing());
    await vi.waitFor(async () => expect(await fakeBrowser.notifications.getAll()).toHaveProperty(['incoming:c1']));
    await fakeBrowser.notifications.onButtonClicked.trigger('incoming:c1', 1);
    await vi.waitFor(() => expect(w.requests).toContainEqual({ type: 'offscreen.callControl', payload: { callId: 'c1', command: 'DECLINE' } }));
    await vi.waitFor(async () => expect(await fakeBrowser.notifications.getAll()).not.toHaveProperty(['incoming:c1']));
  });

  it('a refused notification Answer is told in a notification, not swallowed', async () => {
    const w = world();
    w.openDocument();
    w.refusals['offscreen.callControl'] = toUserError(new InvalidStateError('call', 'ended', 'ANSWER'));
    await fakeBrowser.notifications.onButtonClicked.trigger('incoming:c1', 0);
    await vi.waitFor(async () => expect(await problems()).toEqual(['“ANSWER” is not possible while call is ended.']));
  });

  it('buttons of other notifications do nothing', async () => {
    const w = world();
    w.openDocument();
    await fakeBrowser.notifications.onButtonClicked.trigger('problem:1', 0);
    await new Promise((r) => setTimeout(r, 10));
    expect(w.requests).toEqual([]);
  });

  it('selection calling tells its problems in a notification', async () => {
    const w = world();
    w.clickMenu('hello world');
    await vi.waitFor(async () => expect(await problems()).toEqual(['The selected text is not a phone number.']));
    expect(w.requests).toEqual([]);
  });

  it('a failed selection dial is told in plain words (no account yet)', async () => {
    const w = world(null);
    w.clickMenu('+1 415 555 0132');
    await vi.waitFor(async () => expect(await problems()).toEqual(['Dialbar has no phone account yet. Open the options to set one up.']));
    expect(w.offscreen.createDocument).not.toHaveBeenCalled();
  });

  it('a browser start brings the engine back for a stored account', async () => {
    const w = world();
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(() => expect(w.offscreen.createDocument).toHaveBeenCalledOnce());
    await vi.waitFor(() => expect(w.requests.map((r) => r.type)).toEqual(['offscreen.ping', 'offscreen.getSnapshot']));
  });

  it('a call shortcut acts on the engine’s call, read from its snapshot', async () => {
    const w = world();
    w.openDocument();
    const snapshot = ringing();
    snapshot.calls[0] = { ...snapshot.calls[0]!, state: 'talking', allowed: ['HANGUP', 'HOLD', 'DTMF', 'MUTE'] };
    w.answers['offscreen.getSnapshot'] = snapshot;
    w.pressCommand('hold-resume');
    await vi.waitFor(() => expect(w.requests).toContainEqual({ type: 'offscreen.callControl', payload: { callId: 'c1', command: 'HOLD' } }));
    expect(await problems()).toEqual([]);
  });

  it('a call shortcut with no engine running says there is no call, and starts no engine', async () => {
    const w = world();
    w.pressCommand('hang-up');
    await vi.waitFor(async () => expect(await problems()).toEqual(['There is no call to hold, mute or hang up right now.']));
    expect(w.offscreen.createDocument).not.toHaveBeenCalled();
    expect(w.requests).toEqual([]);
  });

  it('a shortcut the call’s machine refuses is told in a notification with the machine’s sentence', async () => {
    const w = world();
    w.openDocument();
    const snapshot = ringing();
    snapshot.calls[0] = { ...snapshot.calls[0]!, direction: 'outgoing', state: 'dialing', allowed: ['HANGUP'] };
    w.answers['offscreen.getSnapshot'] = snapshot;
    w.refusals['offscreen.callControl'] = toUserError(new InvalidStateError('call', 'dialing', 'HOLD'));
    w.pressCommand('hold-resume');
    await vi.waitFor(async () => expect(await problems()).toEqual(['“HOLD” is not possible while call is dialing.']));
  });

  it('other commands are not call shortcuts', async () => {
    const w = world();
    w.openDocument();
    w.pressCommand('call-selection');
    await new Promise((r) => setTimeout(r, 10));
    expect(w.requests).toEqual([]);
    expect(await problems()).toEqual([]);
  });
});
