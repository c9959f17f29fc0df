import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_PREFS, PREFS_KEY } from '../../../src/settings/prefs';
import type { PrefsStorage } from '../../../src/ui/prefs-model';
import { createSiteSwitchModel, hostOfTabUrl } from '../../../src/ui/site-switch-model';

const storage = () => fakeBrowser.storage.local as unknown as PrefsStorage;

describe('site switch', () => {
  beforeEach(() => fakeBrowser.reset());

  it('shows the active site and turns detection off and on there', async () => {
    const model = createSiteSwitchModel({ storage: storage(), activeHost: async () => 'crm.acme.test' });
    await vi.waitFor(() => expect(model.host.value).toBe('crm.acme.test'));
    expect(model.enabled.value).toBe(true);
    await model.setEnabled(false);
    expect(model.enabled.value).toBe(false);
    const stored = (await fakeBrowser.storage.local.get(PREFS_KEY))[PREFS_KEY] as typeof DEFAULT_PREFS;
    expect(stored.sites).toEqual([{ host: 'crm.acme.test', detect: false }]);
    await model.setEnabled(true);
    expect(((await fakeBrowser.storage.local.get(PREFS_KEY))[PREFS_KEY] as typeof DEFAULT_PREFS).sites).toEqual([]);
  });

  it('says when detection is off for all sites', async () => {
    await fakeBrowser.storage.local.set({ [PREFS_KEY]: { ...DEFAULT_PREFS, detectNumbers: false } });
    const model = createSiteSwitchModel({ storage: storage(), activeHost: async () => 'crm.acme.test' });
    await vi.waitFor(() => expect(model.globallyOff.value).toBe(true));
    expect(model.enabled.value).toBe(false);
  });

  it('has nothing to switch on pages Dialbar does not run on', () => {
    expect(hostOfTabUrl('chrome://extensions')).toBeNull();
    expect(hostOfTabUrl(undefined)).toBeNull();
    expect(hostOfTabUrl('https://crm.acme.test:8443/x')).toBe('crm.acme.test:8443');
  });

  it('keeps the previous value and says so when saving fails', async () => {
    const failing = { get: storage().get.bind(storage()), set: async () => Promise.reject(new Error('quota')) };
    const model = createSiteSwitchModel({ storage: failing, activeHost: async () => 'a.test' });
    await vi.waitFor(() => expect(model.host.value).toBe('a.test'));
    await model.setEnabled(false);
    expect(model.enabled.value).toBe(true);
    expect(model.error.value).toMatch(/could not be saved/);
  });
});
