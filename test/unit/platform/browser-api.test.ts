import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fakeBrowserApi, notificationOptions } from '../../fakes/fake-browser-api';
import type { SessionDeps } from '../../../src/content/session';
import { contentScriptApi, extensionPageApi, runtimePort, serviceWorkerApi } from '../../../src/platform';

describe('browser adapter', () => {
  beforeEach(() => fakeBrowser.reset());

  it('runtime port: sendMessage reaches onMessage listeners, and a removed listener hears nothing', async () => {
    const port = runtimePort(fakeBrowserApi.runtime);
    expect(port.id).toBe(fakeBrowser.runtime.id);
    expect(port.getURL('/offscreen.html')).toBe(fakeBrowser.runtime.getURL('/offscreen.html'));
    const listener = vi.fn((_message: unknown) => undefined);
    port.onMessage.addListener(listener);
    await port.sendMessage({ dialbar: 1, type: 'x' });
    expect(listener.mock.calls[0]?.[0]).toEqual({ dialbar: 1, type: 'x' });
    port.onMessage.removeListener(listener);
    // fakeBrowser, like Chrome, rejects a message nobody listens to.
    await expect(port.sendMessage({ dialbar: 1, type: 'y' })).rejects.toThrow();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('runtime port reads the id live, as a content script whose extension went away sees it', () => {
    const port = runtimePort(fakeBrowserApi.runtime);
    fakeBrowser.runtime.id = 'other-id';
    expect(port.id).toBe('other-id');
  });

  it('page prefs storage reads and writes storage.local', async () => {
    const { prefs } = extensionPageApi(fakeBrowserApi);
    await prefs.set({ prefs: { detectNumbers: false } });
    expect(await fakeBrowser.storage.local.get('prefs')).toEqual({ prefs: { detectNumbers: false } });
    expect(await prefs.get('prefs')).toEqual({ prefs: { detectNumbers: false } });
  });

  it('page prefs storage passes on changes of area "local" only, until the listener is removed', async () => {
    const { prefs } = extensionPageApi(fakeBrowserApi);
    const listener = vi.fn();
    prefs.onChanged.addListener(listener);
    await fakeBrowser.storage.onChanged.trigger({ prefs: { newValue: 1 } }, 'sync');
    await fakeBrowser.storage.onChanged.trigger({ prefs: { newValue: 2 } }, 'session');
    expect(listener).not.toHaveBeenCalled();
    await fakeBrowser.storage.local.set({ prefs: 3 });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ prefs: { oldValue: null, newValue: 3 } });
    prefs.onChanged.removeListener(listener);
    await fakeBrowser.storage.local.set({ prefs: 4 });
    expect(listener).toHaveBeenCalledOnce();
  });

  it('page api tells the URL of the active tab in the current window', async () => {
    // fake-browser 1.5 cannot mark a created tab active, so the query itself is checked.
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { url: 'https://crm.acme.test/contacts', index: 0, highlighted: true, active: true, pinned: false, incognito: false },
    ]);
    expect(await extensionPageApi(fakeBrowserApi).activeTabUrl()).toBe('https://crm.acme.test/contacts');
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    query.mockResolvedValue([]);
    expect(await extensionPageApi(fakeBrowserApi).activeTabUrl()).toBeUndefined();
  });

  it('content script api fits the session and passes storage changes of every area on', async () => {
    const api = contentScriptApi(fakeBrowserApi);
    const deps: Pick<SessionDeps, 'runtime' | 'storage'> = api;
    await fakeBrowser.storage.local.set({ prefs: { detectNumbers: true } });
    expect(await deps.storage.local.get('prefs')).toEqual({ prefs: { detectNumbers: true } });
    const listener = vi.fn();
    deps.storage.onChanged.addListener(listener);
    await fakeBrowser.storage.onChanged.trigger({ prefs: { newValue: 1 } }, 'sync');
    expect(listener).toHaveBeenCalledExactlyOnceWith({ prefs: { newValue: 1 } }, 'sync');
    deps.storage.onChanged.removeListener(listener);
    await fakeBrowser.storage.local.set({ prefs: 2 });
    expect(listener).toHaveBeenCalledOnce();
    const heard = vi.fn(() => undefined);
    api.runtime.onMessage.addListener(heard);
    await deps.runtime.sendMessage({ dialbar: 1 });
    expect(heard).toHaveBeenCalledOnce();
  });

  it('worker api: badge, notifications and their buttons go to the browser', async () => {
    const api = serviceWorkerApi(fakeBrowserApi);
    await api.alerts.setBadge({ text: 'RING', color: '#d97706', title: 'Dialbar: incoming call from Customer' });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('RING');
    expect(await fakeBrowser.action.getTitle({})).toBe('Dialbar: incoming call from Customer');
    await api.alerts.showIncoming('incoming:c1', 'Customer', { title: 'Incoming call', answer: 'Answer', decline: 'Decline' });
    await api.alerts.showProblem('The selected text is not a phone number.', 'Dialbar');
    const shown = await api.alerts.shownNotifications();
    expect(shown).toContain('incoming:c1');
    const problem = shown.find((id) => id.startsWith('problem:'));
    expect(problem && (await notificationOptions())[problem]).toMatchObject({
      title: 'Dialbar',
      message: 'The selected text is not a phone number.',
    });
    expect((await notificationOptions())['incoming:c1']).toMatchObject({
      message: 'Customer',
      buttons: [{ title: 'Answer' }, { title: 'Decline' }],
    });
    await api.alerts.clear('incoming:c1');
    expect(await api.alerts.shownNotifications()).not.toContain('incoming:c1');
    const clicked = vi.fn();
    api.notifications.onButtonClicked.addListener(clicked);
    await fakeBrowser.notifications.onButtonClicked.trigger('incoming:c1', 1);
    expect(clicked).toHaveBeenCalledWith('incoming:c1', 1);
  });

  it('worker api: storage.local and the browser start and install events', async () => {
    const api = serviceWorkerApi(fakeBrowserApi);
    await api.local.set({ sipInstanceId: 'x' });
    expect(await fakeBrowser.storage.local.get('sipInstanceId')).toEqual({ sipInstanceId: 'x' });
    const started = vi.fn();
    const installed = vi.fn();
    api.lifecycle.onStartup.addListener(started);
    api.injection.runtime.onInstalled.addListener(installed);
    await fakeBrowser.runtime.onStartup.trigger();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9', temporary: false });
    expect(started).toHaveBeenCalledOnce();
    expect(installed).toHaveBeenCalledWith(expect.objectContaining({ reason: 'update' }));
  });
});
