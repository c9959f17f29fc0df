import { parseHTML } from 'linkedom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fakeBrowserApi } from '../../fakes/fake-browser-api';
import { realm } from '../../../src/content/realm';
import { startSession } from '../../../src/content/session';
import type { ContentContext, Feature } from '../../../src/content/context';
import { runtimePort } from '../../../src/platform';
import { DEFAULT_PREFS } from '../../../src/settings/prefs';

function page(head = ''): Document {
  return parseHTML(`<!doctype html><html><head>${head}</head><body><p>+1 415 555 0132</p></body></html>`)
    .document as unknown as Document;
}

/** A feature that records when it runs. */
function probe() {
  const events: string[] = [];
  let ctx: ContentContext | null = null;
  const feature: Feature = {
    name: 'probe',
    start(c, signal) {
      ctx = c;
      events.push('start');
      signal.addEventListener('abort', () => events.push('stop'));
    },
  };
  return { feature, events, ctx: () => ctx };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function deps(doc: Document, features: Feature[], sendMessage = vi.fn()) {
  return {
    storage: fakeBrowser.storage as never,
    runtime: { ...runtimePort(fakeBrowserApi.runtime), sendMessage },
    detect: () => [],
    features,
    doc,
    host: 'crm.example.com',
    language: 'en-US',
    log: () => {},
  };
}

describe('content session', () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks for prefs at once on a page still loading, and starts features when it is parsed (not before)', async () => {
    const p = probe();
    const doc = page('<meta name="dialbar" content="on">');
    let state = 'loading';
    Object.defineProperty(doc, 'readyState', { get: () => state });
    const d = deps(doc, [p.feature]);
    const asked = vi.spyOn(fakeBrowser.storage.local, 'get');
    const started = startSession(d, new AbortController().signal);
    expect(asked).toHaveBeenCalledTimes(1);
    await tick();
    expect(p.events).toEqual([]);
    state = 'interactive';
    doc.dispatchEvent(new (doc.defaultView as unknown as { Event: typeof Event }).Event('DOMContentLoaded'));
    await started;
    expect(p.events).toEqual(['start']);
  });

  it('a page that opts out in markup parsed after the script started gets no features', async () => {
    const p = probe();
    const doc = page();
    let state = 'loading';
    Object.defineProperty(doc, 'readyState', { get: () => state });
    const started = startSession(deps(doc, [p.feature]), new AbortController().signal);
    // The opt-out arrives with the rest of the page, after document_start.
    const meta = doc.createElement('meta');
    meta.setAttribute('name', 'dialbar');
    meta.setAttribute('content', 'off');
    doc.head.append(meta);
    state = 'interactive';
    doc.dispatchEvent(new (doc.defaultView as unknown as { Event: typeof Event }).Event('DOMContentLoaded'));
    await started;
    expect(p.events).toEqual([]);
  });

  it('starts features when detection is on, and follows prefs live', async () => {
    const p = probe();
    const life = new AbortController();
    await startSession(deps(page(), [p.feature]), life.signal);
    expect(p.events).toEqual(['start']);

    await fakeBrowser.storage.local.set({ prefs: { ...DEFAULT_PREFS, sites: [{ host: '*.example.com', detect: false }] } });
    await tick();
    expect(p.events).toEqual(['start', 'stop']);

    await fakeBrowser.storage.local.set({ prefs: { ...DEFAULT_PREFS } });
    await tick();
    expect(p.events).toEqual(['start', 'stop', 'start']);

    // A new default country restarts the scan; a click-action change does not.
    await fakeBrowser.storage.local.set({ prefs: { ...DEFAULT_PREFS, clickAction: 'call' } });
    await tick();
    expect(p.events).toEqual(['start', 'stop', 'start']);
    expect(p.ctx()?.prefs().clickAction).toBe('call');
    await fakeBrowser.storage.local.set({ prefs: { ...DEFAULT_PREFS, clickAction: 'call', defaultCountry: 'de' } });
    await tick();
    expect(p.events).toEqual(['start', 'stop', 'start', 'stop', 'start']);
    expect(p.ctx()?.country()).toBe('DE');

    life.abort();
    expect(p.events.at(-1)).toBe('stop');
  });

  it('does not start in allow mode for an unlisted site, or on an opted-out page', async () => {
    await fakeBrowser.storage.local.set({ prefs: { ...DEFAULT_PREFS, siteMode: 'allow' } });
    const a = probe();
    await startSession(deps(page(), [a.feature]), new AbortController().signal);
    expect(a.events).toEqual([]);

    await fakeBrowser.storage.local.set({ prefs: { ...DEFAULT_PREFS } });
    const b = probe();
    await startSession(deps(page('<meta name="dialbar" content="off">'), [b.feature]), new AbortController().signal);
    expect(b.events).toEqual([]);
  });

  it('derives the default country from the language when prefs leave it empty', async () => {
    const p = probe();
    await startSession({ ...deps(page(), [p.feature]), language: 'ja-JP' }, new AbortController().signal);
    expect(p.ctx()?.country()).toBe('JP');
  });

  it('dials through background.dial, refuses a repeat within 2 s, and words errors plainly', async () => {
    const p = probe();
    const sendMessage = vi
      .fn()
      .mockResolvedValueOnce({
        ok: false,
        error: { code: 'not-configured', message: 'Dialbar has no phone account yet. Open the options to set one up.' },
      })
      .mockRejectedValueOnce(new Error('Receiving end does not exist'));
    await startSession(deps(page(), [p.feature], sendMessage), new AbortController().signal);
    const ctx = p.ctx() as ContentContext;

    const first = await ctx.dial('+14155550132', '(415) 555-0132', 'page');
    expect(sendMessage).toHaveBeenCalledWith({
      dialbar: 1,
      type: 'background.dial',
      payload: { number: '+14155550132', shown: '(415) 555-0132', source: 'page' },
    });
    expect(first).toEqual({ ok: false, message: 'Dialbar has no phone account yet. Open the options to set one up.' });

    expect(await ctx.dial('+14155550132', '(415) 555-0132', 'link')).toEqual({
      ok: false,
      message: 'Already calling this number.',
    });
    expect(sendMessage).toHaveBeenCalledTimes(1);

    const down = await ctx.dial('+442079460958', '+44 20 7946 0958', 'page');
    expect(down.ok).toBe(false);
    expect(down.message).toMatch(/phone engine is not running/);
  });

  it('stops on a stop request from a feature (the page opted out later) and stays stopped', async () => {
    const p = probe();
    await startSession(deps(page(), [p.feature]), new AbortController().signal);
    p.ctx()?.stop();
    expect(p.events).toEqual(['start', 'stop']);
    await fakeBrowser.storage.local.set({ prefs: { ...DEFAULT_PREFS } });
    await tick();
    expect(p.events).toEqual(['start', 'stop']);
  });

  it("takes away a previewed frame's highlight where detection is off, at start and when it is switched off", async () => {
    const registry = new Map<string, unknown>([['dialbar-phone', 'painted by the bootstrap']]);
    const saved = realm.highlights;
    realm.highlights = registry as unknown as HighlightRegistry;
    try {
      await fakeBrowser.storage.local.set({ prefs: { ...DEFAULT_PREFS, sites: [{ host: 'crm.example.com', detect: false }] } });
      await startSession(deps(page(), [probe().feature]), new AbortController().signal);
      expect(registry.has('dialbar-phone')).toBe(false);

      registry.set('dialbar-phone', 'painted by the bootstrap');
      await fakeBrowser.storage.local.set({ prefs: { ...DEFAULT_PREFS } });
      await tick();
      // Detection on: the scan (a feature) owns the highlight from now on; the session leaves it.
      expect(registry.has('dialbar-phone')).toBe(true);
      await fakeBrowser.storage.local.set({ prefs: { ...DEFAULT_PREFS, detectNumbers: false } });
      await tick();
      expect(registry.has('dialbar-phone')).toBe(false);
    } finally {
      realm.highlights = saved;
    }
  });
});
