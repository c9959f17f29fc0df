import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { detectPreview, type PreviewDeps } from '../../../src/background/detect-preview';
import { createBackgroundHandlers } from '../../../src/background/handlers';
import { PREVIEW_MAX_CHARS, PREVIEW_MAX_LINES, PREVIEW_MAX_SPANS } from '../../../src/contract/preview';
import { protocol } from '../../../src/contract/protocol';
import { findPhoneNumbers } from '../../../src/detect';
import { request } from '../../../src/messaging/client';
import { serve } from '../../../src/messaging/server';
import { DEFAULT_PREFS, type Prefs } from '../../../src/settings/prefs';
import { frameOnlyDeps } from '../../fakes/background-handlers';
import { FakeBus } from '../../fakes/fake-runtime';

const deps = (prefs: Partial<Prefs> = {}, language = 'en-US'): PreviewDeps => ({
  detect: findPhoneNumbers,
  prefs: async () => ({ ...DEFAULT_PREFS, ...prefs }),
  language: () => language,
});
const texts = (lines: string[], spans: Array<{ line: number; start: number; end: number }>) => spans.map((s) => lines[s.line]?.slice(s.start, s.end));

describe("detectPreview: a small frame's numbers, found as the page script finds them", () => {
  it('finds numbers line by line with the default country of the browser language', async () => {
    const lines = ['Sales desk: (415) 555-0100', 'Copyright 2024', 'Fax 030 1234567'];
    const us = await detectPreview(lines, 'https://ads.example/w.html', deps({}, 'en-US'));
    expect(texts(lines, us)).toEqual(['(415) 555-0100']);
    expect(us[0]?.line).toBe(0);
    const de = await detectPreview(lines, 'https://ads.example/w.html', deps({}, 'de-DE'));
    expect(texts(lines, de)).toEqual(['030 1234567']);
  });

  it("follows the person's default country over the language", async () => {
    const lines = ['Fax 030 1234567'];
    expect(texts(lines, await detectPreview(lines, 'https://a.example/', deps({ defaultCountry: 'DE' }, 'en-US')))).toEqual(['030 1234567']);
  });

  it("finds nothing where detection is off for the frame's host (the site list, or detection off)", async () => {
    const lines = ['Sales desk: +1 415-555-0100'];
    expect(await detectPreview(lines, 'https://ads.example/w.html', deps({ sites: [{ host: 'ads.example', detect: false }] }))).toEqual([]);
    expect(await detectPreview(lines, 'https://ads.example/w.html', deps({ detectNumbers: false }))).toEqual([]);
    expect(await detectPreview(lines, 'https://other.example/w.html', deps({ sites: [{ host: 'ads.example', detect: false }] }))).toHaveLength(1);
  });

  it('skips a line the detector fails on and keeps the others, within the span limit', async () => {
    const detect = vi.fn((text: string) => {
      if (text === 'bad') throw new Error('boom');
      return Array.from({ length: 80 }, () => ({ start: 0, end: 3, number: '+15550100' }));
    });
    const spans = await detectPreview(['bad', 'one', 'two'], 'https://a.example/', { ...deps(), detect });
    expect(spans).toHaveLength(PREVIEW_MAX_SPANS);
    expect(spans.every((s) => s.line !== 0)).toBe(true);
  });
});

describe('background.detectPreview over the contract', () => {
  function worker(bus: FakeBus) {
    const seen: Array<string | undefined> = [];
    serve(
      bus.page('background.js'),
      'background',
      createBackgroundHandlers(
        frameOnlyDeps({
          detectPreview: (lines, url) => {
            seen.push(url);
            return detectPreview(lines, url, deps());
          },
        }),
      ),
    );
    return seen;
  }

  it("answers a content script of a tab, for the frame the browser names (never one the payload names)", async () => {
    const bus = new FakeBus();
    const seen = worker(bus);
    const frame = bus.context({ url: 'https://ads.example/w.html', tab: { id: 9 }, frameId: 4, origin: 'https://ads.example' });
    const answer = await request(frame, 'background.detectPreview', { lines: ['Tel +1 415-555-0100'] });
    expect(answer).toEqual({ spans: [{ line: 0, start: 4, end: 19 }] });
    expect(seen).toEqual(['https://ads.example/w.html']);
  });

  it('refuses other contexts, and more text than a preview may send', async () => {
    const bus = new FakeBus();
    worker(bus);
    await expect(request(bus.page('popup.html'), 'background.detectPreview', { lines: [] })).rejects.toMatchObject({ code: 'forbidden-sender' });
    const frame = bus.context({ url: 'https://ads.example/w.html', tab: { id: 9 }, frameId: 4 });
    const tooLong = ['x'.repeat(PREVIEW_MAX_CHARS / 2 + 1), 'y'.repeat(PREVIEW_MAX_CHARS / 2 + 1)];
    expect(await frame.sendMessage({ dialbar: 1, type: 'background.detectPreview', payload: { lines: tooLong } })).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    const tooMany = Array.from({ length: PREVIEW_MAX_LINES + 1 }, () => '555 0100');
    expect(v.safeParse(protocol['background.detectPreview'].input, { lines: tooMany }).success).toBe(false);
  });

  it('refuses a frame outside a tab (no tab id from the browser)', async () => {
    const bus = new FakeBus();
    worker(bus);
    const frame = bus.context({ url: 'https://ads.example/w.html', frameId: 0 });
    await expect(request(frame, 'background.detectPreview', { lines: ['Tel 555 0100'] })).rejects.toMatchObject({ code: 'forbidden-sender' });
  });
});
