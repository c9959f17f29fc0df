import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_PREFS, detectionEnabledFor, PREFS_KEY, parsePrefs } from '../../../src/settings/prefs';
import { createPrefsModel, type PrefsStorage } from '../../../src/ui/prefs-model';

const storage = () => fakeBrowser.storage.local as unknown as PrefsStorage;
const stored = async () => parsePrefs((await fakeBrowser.storage.local.get(PREFS_KEY))[PREFS_KEY]);

beforeEach(() => fakeBrowser.reset());

describe('prefs model', () => {
  it('starts from the defaults when nothing is stored', async () => {
    const model = createPrefsModel(storage());
    await model.load();
    expect(model.prefs.value).toEqual(DEFAULT_PREFS);
  });

  it('round-trips every setting through storage.local', async () => {
    const model = createPrefsModel(storage());
    await model.load();
    await model.setDetectNumbers(false);
    await model.setClickAction('call');
    await model.setDetectInCode(true);
    await model.setDefaultCountry('de');
    model.setHostDraft('crm.example.com');
    await model.addHost();
    expect(model.status.value.kind).toBe('saved');

    const again = createPrefsModel(storage());
    await again.load();
    const expected = {
      detectNumbers: false,
      defaultCountry: 'DE',
      clickAction: 'call',
      detectInCode: true,
      siteMode: 'block',
      sites: [{ host: 'crm.example.com', detect: false }],
      language: 'auto',
    };
    expect(again.prefs.value).toEqual(expected);
    expect(await stored()).toEqual(expected);
  });

  it('reads damaged stored prefs field by field', async () => {
    await fakeBrowser.storage.local.set({ [PREFS_KEY]: { detectNumbers: 'yes', clickAction: 'call', sites: 'nope' } });
    const model = createPrefsModel(storage());
    await model.load();
    expect(model.prefs.value).toEqual({ ...DEFAULT_PREFS, clickAction: 'call' });
  });

  it('rejects a country that is not two letters, and stores nothing', async () => {
    const model = createPrefsModel(storage());
    await model.load();
    await model.setDefaultCountry('Germany');
    expect(model.countryError.value).toContain('two-letter');
    expect(await fakeBrowser.storage.local.get(PREFS_KEY)).toEqual({});
    await model.setDefaultCountry('');
    expect(model.countryError.value).toBeNull();
    expect((await stored()).defaultCountry).toBe('');
  });

  it('adds hosts (from a pasted URL too), refuses bad and duplicate ones, removes them', async () => {
    const model = createPrefsModel(storage());
    await model.load();
    model.setHostDraft('https://Shop.Example.com/cart?x=1');
    await model.addHost();
    expect(model.prefs.value.sites).toEqual([{ host: 'shop.example.com', detect: false }]);
    expect(model.hostDraft.value).toBe('');

    model.setHostDraft('shop.example.com');
    await model.addHost();
    expect(model.hostError.value).toContain('already');

    model.setHostDraft('not a host');
    await model.addHost();
    expect(model.hostError.value).toContain('host name');
    expect(model.hostDraft.value).toBe('not a host');

    await model.removeHost('shop.example.com');
    expect((await stored()).sites).toEqual([]);
  });

  it('allow mode makes the list the only sites with detection', async () => {
    const model = createPrefsModel(storage());
    await model.load();
    model.setHostDraft('*.example.com');
    await model.addHost();
    expect(detectionEnabledFor(await stored(), 'crm.example.com')).toBe(false);
    expect(detectionEnabledFor(await stored(), 'other.org')).toBe(true);

    await model.setSiteMode('allow');
    const prefs = await stored();
    expect(prefs.siteMode).toBe('allow');
    expect(detectionEnabledFor(prefs, 'crm.example.com')).toBe(true);
    expect(detectionEnabledFor(prefs, 'other.org')).toBe(false);

    model.setHostDraft('intranet.local');
    await model.addHost();
    expect(detectionEnabledFor(await stored(), 'intranet.local')).toBe(true);
  });

  it('keeps the shown value and says so when storage refuses the write', async () => {
    const failing: PrefsStorage = {
      get: async () => ({}),
      set: async () => {
        throw new Error('QUOTA_BYTES quota exceeded');
      },
    };
    const model = createPrefsModel(failing);
    await model.load();
    await model.setClickAction('call');
    expect(model.prefs.value.clickAction).toBe('call');
    expect(model.status.value).toEqual({ kind: 'error', message: expect.stringContaining('quota exceeded') });
  });
});
