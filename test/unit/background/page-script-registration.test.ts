import { describe, expect, it, vi } from 'vitest';
import { FULL_PAGE_SCRIPT } from '../../../src/background/inject-existing-tabs';
import {
  followPageAccess,
  PAGE_SCRIPT_REGISTRATION,
  pageApiMatches,
  registeredFor,
  registeredMatches,
  syncPageScriptRegistration,
} from '../../../src/background/page-script-registration';
import type { ContentScriptRegistration, PageScriptRegistry } from '../../../src/platform';
import { type OriginRule, type PageAccess, withManagedOrigins } from '../../../src/settings/page-access';

const rule = (pattern: string, extra: Partial<OriginRule> = {}): OriginRule => ({ pattern, silentDial: false, shims: false, consent: null, ...extra });
const access = (...origins: OriginRule[]): PageAccess => ({ origins });

/** chrome.scripting's registrations as the browser keeps them, with the calls made. */
function registry() {
  const scripts = new Map<string, ContentScriptRegistration>();
  const calls: string[] = [];
  const api: PageScriptRegistry = {
    getRegisteredContentScripts: async ({ ids }) => ids.flatMap((id) => (scripts.has(id) ? [scripts.get(id) as ContentScriptRegistration] : [])),
    registerContentScripts: async (list) => {
      for (const s of list) {
        if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        scripts.set(s.id, s);
      }
      calls.push('register');
    },
    updateContentScripts: async (list) => {
      for (const s of list) scripts.set(s.id, s);
      calls.push('update');
    },
    unregisterContentScripts: async ({ ids }) => {
      for (const id of ids) scripts.delete(id);
      calls.push('unregister');
    },
  };
  return { api, scripts, calls };
}

describe('the page script registration on the page API origins', () => {
  it('turns origin patterns into match patterns, leaving out refused origins', () => {
    const list = access(
      rule('https://crm.example.com'),
      rule('https://*.example-crm.com', { consent: true }),
      rule('http://localhost:8080', { shims: true }),
      rule('https://refused.example', { consent: false }),
      rule('https://crm.example.com:8443'),
    );
    expect(pageApiMatches(list)).toEqual(['http://localhost/*', 'https://*.example-crm.com/*', 'https://crm.example.com/*']);
    expect(pageApiMatches(access())).toEqual([]);
  });

  it('tells which origins the registration covers (the worker then injects nothing itself)', () => {
    const matches = ['http://127.0.0.1/*', 'https://*.example-crm.com/*'];
    expect(registeredFor(matches, 'http://127.0.0.1:4321')).toBe(true);
    expect(registeredFor(matches, 'https://a.example-crm.com')).toBe(true);
    expect(registeredFor(matches, 'https://example-crm.com')).toBe(true);
    expect(registeredFor(matches, 'https://evil-example-crm.com')).toBe(false);
    expect(registeredFor(matches, 'https://127.0.0.1')).toBe(false);
    expect(registeredFor(matches, 'null')).toBe(false);
    expect(registeredFor([], 'http://127.0.0.1:4321')).toBe(false);
  });

  it('registers, updates only on a change, and unregisters when no origin is left', async () => {
    const r = registry();
    expect(await syncPageScriptRegistration(r.api, access(rule('https://crm.example.com')))).toEqual(['https://crm.example.com/*']);
    expect(r.scripts.get(PAGE_SCRIPT_REGISTRATION)).toEqual({
      id: PAGE_SCRIPT_REGISTRATION,
      js: [FULL_PAGE_SCRIPT],
      matches: ['https://crm.example.com/*'],
      allFrames: true,
      runAt: 'document_start',
      persistAcrossSessions: true,
    });
    expect(await syncPageScriptRegistration(r.api, access(rule('https://crm.example.com', { consent: true })))).toEqual([]);
    expect(r.calls).toEqual(['register']);
    const two = access(rule('https://crm.example.com'), rule('https://b.example'));
    expect(await syncPageScriptRegistration(r.api, two)).toEqual(['https://b.example/*']);
    expect(await registeredMatches(r.api)).toEqual(['https://b.example/*', 'https://crm.example.com/*']);
    // One taken away: updated, nothing new to run in open tabs.
    expect(await syncPageScriptRegistration(r.api, access(rule('https://b.example')))).toEqual([]);
    expect(await registeredMatches(r.api)).toEqual(['https://b.example/*']);
    expect(await syncPageScriptRegistration(r.api, access())).toEqual([]);
    expect(r.scripts.size).toBe(0);
    expect(r.calls).toEqual(['register', 'update', 'update', 'unregister']);
  });

  it("follows an administrator's list, and runs the script in tabs already open on a newly allowed origin", async () => {
    const r = registry();
    let list = access(rule('https://crm.example.com'));
    let managed: string[] | null = null;
    const injectAll = vi.fn(async (_tabId: number, _file: string) => {});
    const tabsMatching = vi.fn(async (patterns: string[]) => (patterns.includes('https://admin.example/*') ? [5, 6] : []));
    const log = vi.fn();
    const { sync, matches } = followPageAccess({ registry: r.api, access: async () => withManagedOrigins(list, managed), tabsMatching, injectAll, log });
    await vi.waitFor(() => expect(r.calls).toEqual(['register']));
    expect(await matches()).toEqual(['https://crm.example.com/*']);
    expect(tabsMatching).toHaveBeenCalledWith(['https://crm.example.com/*']);
    managed = ['https://admin.example'];
    sync();
    list = access();
    sync();
    await vi.waitFor(() => expect(injectAll).toHaveBeenCalledTimes(2));
    // Read again once the syncs are done, not kept from before them.
    expect(await matches()).toEqual(['https://admin.example/*']);
    expect(r.calls).toEqual(['register', 'update']);
    expect(await registeredMatches(r.api)).toEqual(['https://admin.example/*']);
    expect(injectAll.mock.calls).toEqual([
      [5, FULL_PAGE_SCRIPT],
      [6, FULL_PAGE_SCRIPT],
    ]);
    expect(log).not.toHaveBeenCalled();
  });

  it('reads the registered patterns from the browser once per sync, not at every request', async () => {
    const r = registry();
    const get = vi.spyOn(r.api, 'getRegisteredContentScripts');
    const { sync, matches } = followPageAccess({ registry: r.api, access: async () => access(rule('https://crm.example.com')), tabsMatching: async () => [], injectAll: vi.fn(), log: vi.fn() });
    await vi.waitFor(() => expect(r.calls).toEqual(['register']));
    for (let i = 0; i < 5; i++) expect(await matches()).toEqual(['https://crm.example.com/*']);
    const reads = get.mock.calls.length;
    expect(reads).toBe(2); // the sync's own read, then one for matches
    sync();
    await vi.waitFor(() => expect(get.mock.calls.length).toBe(reads + 1));
    expect(await matches()).toEqual(['https://crm.example.com/*']);
    expect(get.mock.calls.length).toBe(reads + 2);
  });

  it("answers from what is registered now, without waiting for a sync whose policy read hangs (storage.managed after a browser start)", async () => {
    const r = registry();
    await syncPageScriptRegistration(r.api, access(rule('https://crm.example.com')));
    let release: (a: PageAccess) => void = () => {};
    const slowPolicy = new Promise<PageAccess>((resolve) => {
      release = resolve;
    });
    const { matches } = followPageAccess({ registry: r.api, access: () => slowPolicy, tabsMatching: async () => [], injectAll: vi.fn(), log: vi.fn() });
    expect(await matches()).toEqual(['https://crm.example.com/*']);
    release(access(rule('https://crm.example.com'), rule('https://admin.example')));
    await vi.waitFor(() => expect(r.calls).toEqual(['register', 'update']));
    // The sync that brought a new pattern drops the answer kept from before it.
    expect(await matches()).toEqual(['https://admin.example/*', 'https://crm.example.com/*']);
  });

  it('logs a failed registration and keeps following', async () => {
    const r = registry();
    const log = vi.fn();
    let fail = true;
    const api: PageScriptRegistry = {
      ...r.api,
      registerContentScripts: async (list) => {
        if (fail) throw new Error('Invalid url pattern');
        await r.api.registerContentScripts(list);
      },
    };
    const { sync } = followPageAccess({ registry: api, access: async () => access(rule('https://crm.example.com')), tabsMatching: async () => [], injectAll: vi.fn(), log });
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith('page script registration', expect.any(Error)));
    fail = false;
    sync();
    await vi.waitFor(() => expect(r.calls).toEqual(['register']));
  });
});
