/**
 * The words a page's visitor reads on the hover card follow Dialbar's language: the card's buttons,
 * its label, the country name, the dial progress and outcome, and the cause sentences (from the code).
 */
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Card } from '../../../src/content/card/card-ui';
import { dialWithCard } from '../../../src/content/card/dial-report';
import { contentLocale, setContentLocale } from '../../../src/content/content-i18n';
import type { ContentContext } from '../../../src/content/context';
import { startSession } from '../../../src/content/session';
import { runtimePort } from '../../../src/platform';
import { DEFAULT_PREFS } from '../../../src/settings/prefs';
import { fakeBrowserApi } from '../../fakes/fake-browser-api';

function page(): Document {
  return parseHTML('<!doctype html><html><head></head><body><p>+1 415 555 0132</p></body></html>').document as unknown as Document;
}

/** A card on a page, with its closed shadow root caught as it is made (a visitor sees what is in it). */
function cardOn(doc: Document, handlers = { onCall: vi.fn(), onCopy: vi.fn() }) {
  let root: ShadowRoot | null = null;
  const make = doc.createElement.bind(doc);
  vi.spyOn(doc, 'createElement').mockImplementation(((tag: string) => {
    const node = make(tag);
    if (tag === 'dialbar-card') {
      const attach = node.attachShadow.bind(node);
      node.attachShadow = (init: ShadowRootInit) => {
        root = attach(init);
        return root;
      };
    }
    return node;
  }) as typeof doc.createElement);
  const card = new Card(doc, handlers);
  const shown = () => {
    const q = (selector: string) => root?.querySelector(selector) ?? null;
    return {
      call: q('button.call')?.textContent,
      copy: q('button.copy')?.textContent,
      label: q('.card')?.getAttribute('aria-label'),
      country: q('.country')?.textContent,
      status: q('.status')?.textContent,
    };
  };
  return { card, shown };
}

const NUMBER = { number: '+14155550132', shown: '(415) 555-0132' };
const AT = { left: 10, top: 10, right: 110, bottom: 30, width: 100, height: 20 };
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the hover card in Simplified Chinese', () => {
  afterEach(() => setContentLocale('en'));

  it('shows its buttons, label and country in Chinese, and English again after a switch', () => {
    setContentLocale('zh-CN');
    const { card, shown } = cardOn(page());
    card.open(AT, NUMBER, false);
    expect(shown()).toMatchObject({ call: '呼叫', copy: '复制', label: '电话号码', country: '美国' });

    setContentLocale('en');
    card.relabel();
    expect(shown()).toMatchObject({ call: 'Call', copy: 'Copy', label: 'Phone number', country: 'United States' });
  });

  it('shows a dial in progress in Chinese beside the number, then the outcome the session worded', async () => {
    setContentLocale('zh-CN');
    const { card, shown } = cardOn(page());
    let settle: (v: { ok: boolean; message: string }) => void = () => {};
    const dial = () => new Promise((r) => (settle = r));
    const ctx = { card, log: () => {}, dial } as unknown as ContentContext;
    dialWithCard(ctx, AT, NUMBER, 'page');
    expect(shown().status).toBe('正在呼叫 +1 415 555 0132…');
    settle({ ok: false, message: '已在呼叫此号码。' });
    await tick();
    expect(shown().status).toBe('已在呼叫此号码。');
  });
});

describe('the content session follows the language pref', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => setContentLocale('en'));

  function deps(sendMessage: (message: unknown) => Promise<unknown>, language = 'en-US') {
    let ctx: ContentContext | null = null;
    return {
      deps: {
        storage: fakeBrowser.storage as never,
        runtime: { ...runtimePort(fakeBrowserApi.runtime), sendMessage },
        detect: () => [],
        features: [
          {
            name: 'probe',
            start: (c: ContentContext) => {
              ctx = c;
            },
          },
        ],
        doc: page(),
        host: 'crm.example.com',
        language,
        log: () => {},
      },
      ctx: () => ctx as unknown as ContentContext,
    };
  }

  it('says a refusal from its code in the pref’s language, not the English message it crossed with', async () => {
    await fakeBrowser.storage.local.set({ prefs: { ...DEFAULT_PREFS, language: 'zh-CN' } });
    const english = 'Dialbar has no phone account yet. Open the options to set one up.';
    const sendMessage = vi.fn().mockResolvedValue({ ok: false, error: { code: 'not-configured', message: english } });
    const s = deps(sendMessage);
    await startSession(s.deps, new AbortController().signal);
    expect(contentLocale()).toBe('zh-CN');
    const first = await s.ctx().dial('+14155550132', '(415) 555-0132', 'page');
    expect(first.ok).toBe(false);
    expect(first.message).not.toBe(english);
    expect(first.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await s.ctx().dial('+14155550132', '(415) 555-0132', 'page')).toEqual({ ok: false, message: '已在呼叫此号码。' });
  });

  it('follows the browser on auto and a change of the pref live', async () => {
    const s = deps(vi.fn().mockRejectedValue(new Error('no worker')), 'zh-CN');
    await startSession(s.deps, new AbortController().signal);
    expect(contentLocale()).toBe('zh-CN');
    const { card } = s.ctx();
    card.open(AT, NUMBER, false);
    const relabel = vi.spyOn(card, 'relabel');

    await fakeBrowser.storage.local.set({ prefs: { ...DEFAULT_PREFS, language: 'en' } });
    await tick();
    expect(contentLocale()).toBe('en');
    expect(relabel).toHaveBeenCalledTimes(1);
    expect(await s.ctx().dial('+14155550132', '(415) 555-0132', 'page')).toMatchObject({ ok: false });
    expect(await s.ctx().dial('+14155550132', '(415) 555-0132', 'page')).toEqual({ ok: false, message: 'Already calling this number.' });
  });
});
