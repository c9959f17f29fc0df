/**
 * Locale completeness: English and Simplified Chinese hold the same keys, no empty text, the same
 * placeholders; the generated _locales agree; and no string shown to people bypasses the i18n layer
 * in the popup, options, service worker and content script sources (the scanner is shown to fire on planted literals).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chromeMessageName, chromeMessages } from '../../../src/i18n/chrome-locales';
import { LOCALES, resolveLocale } from '../../../src/i18n/locale';
import { accountMessages } from '../../../src/i18n/messages/account';
import { causeMessages } from '../../../src/i18n/messages/causes';
import { contentMessages } from '../../../src/i18n/messages/content';
import { featureMessages } from '../../../src/i18n/messages/features';
import { allMessages } from '../../../src/i18n/messages';
import { manifestMessages } from '../../../src/i18n/messages/manifest';
import { optionsMessages } from '../../../src/i18n/messages/options';
import { popupMessages } from '../../../src/i18n/messages/popup';
import { wordMessages } from '../../../src/i18n/messages/words';
import { workerMessages } from '../../../src/i18n/messages/worker';
import { type Catalogs, fill, type Messages, placeholdersOf } from '../../../src/i18n/translate';
import { ERROR_CODES } from '../../../src/errors';
import { readTree } from '../conventions/import-graph';
import { bypassingLiterals } from './ui-literals';

const AREAS: Record<string, Catalogs<Messages>> = {
  causes: causeMessages,
  words: wordMessages,
  popup: popupMessages,
  account: accountMessages,
  options: optionsMessages,
  features: featureMessages,
  manifest: manifestMessages,
  worker: workerMessages,
  content: contentMessages,
};

/** Every problem with a set of catalogs, in words (empty when complete). */
function catalogProblems(catalogs: Catalogs<Messages>): string[] {
  const problems: string[] = [];
  const keys = new Set(LOCALES.flatMap((locale) => Object.keys(catalogs[locale])));
  for (const key of keys) {
    const english = catalogs.en[key];
    for (const locale of LOCALES) {
      const text: string | undefined = catalogs[locale][key];
      if (text === undefined) problems.push(`${locale} lacks ${key}`);
      else if (text.trim() === '') problems.push(`${locale} ${key} is empty`);
      else if (english !== undefined && placeholdersOf(text).join() !== placeholdersOf(english).join()) {
        problems.push(`${locale} ${key} has placeholders {${placeholdersOf(text).join('} {')}}, English {${placeholdersOf(english).join('} {')}}`);
      }
    }
  }
  return problems;
}

describe('locale catalogs', () => {
  it.each(Object.entries(AREAS))('%s: every key in both locales, none empty, the same placeholders', (_area, catalogs) => {
    expect(catalogProblems(catalogs)).toEqual([]);
  });

  it('the check fires on a missing key, an empty text and a lost placeholder', () => {
    const broken = { en: { a: 'Call {who}', b: 'Hold', c: 'Mute' }, 'zh-CN': { a: '呼叫', b: '' } } as unknown as Catalogs<Messages>;
    expect(catalogProblems(broken)).toEqual(['zh-CN a has placeholders {}, English {who}', 'zh-CN b is empty', 'zh-CN lacks c']);
  });

  it('keys are unique across areas and as Chrome names them', () => {
    const all = Object.values(AREAS).flatMap((c) => Object.keys(c.en));
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(all.map(chromeMessageName)).size).toBe(all.length);
    expect(Object.keys(allMessages.en).length).toBe(all.length);
  });

  it('every error code has its sentence in both locales', () => {
    for (const code of ERROR_CODES) for (const locale of LOCALES) expect(causeMessages[locale][`cause.${code}`]).toBeTruthy();
  });

  it('the generated _locales name each placeholder by its place in the English message, in every locale', () => {
    const en = chromeMessages(allMessages.en, allMessages.en);
    const zh = chromeMessages(allMessages['zh-CN'], allMessages.en);
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [name, entry] of Object.entries(en)) expect(zh[name]?.placeholders ?? {}, name).toEqual(entry.placeholders ?? {});
    expect(en.call_transferPending).toEqual({
      message: 'Transferring to $target$…$progress$',
      placeholders: { target: { content: '$1' }, progress: { content: '$2' } },
    });
  });

  it('fills placeholders and leaves an unknown one visible', () => {
    expect(fill('Call {who} in {n} s', { who: '2002', n: 3 })).toBe('Call 2002 in 3 s');
    expect(fill('Call {who}', {})).toBe('Call {who}');
  });

  it('picks Simplified Chinese for zh, zh-CN, zh-SG and zh-Hans; English otherwise; the setting wins', () => {
    expect(['zh', 'zh-CN', 'zh_CN', 'zh-SG', 'zh-Hans-CN'].map((l) => resolveLocale('auto', l))).toEqual(Array(5).fill('zh-CN'));
    expect(['en-US', 'de', 'zh-TW', 'zh-Hant-HK', ''].map((l) => resolveLocale('auto', l))).toEqual(Array(5).fill('en'));
    expect(resolveLocale('en', 'zh-CN')).toBe('en');
    expect(resolveLocale('zh-CN', 'en-US')).toBe('zh-CN');
  });
});

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Where strings shown to people live outside the catalogs, and go through t() / tw(). */
const SCANNED = ['src/ui', 'src/background', 'src/content'];

describe('no string shown to people bypasses the i18n layer', () => {
  const tree = readTree(ROOT, SCANNED);

  it('reads the tree', () => {
    expect(Object.keys(tree).filter((path) => path.endsWith('.tsx')).length).toBeGreaterThan(10);
  });

  it('popup, options, service worker and content script sources', () => {
    const found = Object.entries(tree)
      .filter(([path]) => /\.tsx?$/.test(path))
      .flatMap(([path, source]) => bypassingLiterals(path, source).map((l) => `${path}:${l.line} “${l.text}”`));
    expect(found).toEqual([]);
  });

  it('the scanner fires on planted literals and stays quiet on keys, test ids and classes', () => {
    const planted = [
      "import { t } from '../i18n';",
      'export const A = () => (',
      '  <p class="muted" data-testid="x-y" title="Time in state" aria-label={t(\'popup.views\')}>',
      '    Hang up',
      '    {t(\'card.hangUp\')}',
      '  </p>',
      ');',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a fixture, a template literal on purpose
      "export const b = (who: string) => `Call ${who} again`;",
      "export const c = { message: 'Could not save it' };",
      "export const d = 'text/csv;charset=utf-8';",
      "deps.log('page bridge', new Error('no async clipboard'));",
      "export const CARD_CSS = `.card { font: 13px system-ui }`;",
      "card.status('Could not copy it', 'error');",
    ].join('\n');
    expect(bypassingLiterals('planted.tsx', planted)).toEqual([
      { line: 3, text: 'Time in state' },
      { line: 4, text: 'Hang up' },
      { line: 8, text: 'Call   again' },
      { line: 9, text: 'Could not save it' },
      { line: 13, text: 'Could not copy it' },
    ]);
  });
});
