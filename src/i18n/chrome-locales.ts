import { LOCALES, localeFolder } from './locale';
import type { Catalogs, Messages } from './translate';
import { placeholdersOf } from './translate';

/** A message key as Chrome's `_locales` names it: only letters, digits, `_` and `@` ("popup.signIn" → "popup_signIn"). */
export function chromeMessageName(key: string): string {
  return key.replace(/[^A-Za-z0-9_@]/g, '_');
}

interface ChromeMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/**
 * One locale's messages.json in Chrome's format: `{name}` becomes `$name$` with its placeholder
 * naming the substitution by its place in the English message, so chrome.i18n.getMessage(name, [...])
 * takes the same arguments in every locale; a literal `$` is written `$$`.
 */
export function chromeMessages(table: Messages, english: Messages): Record<string, ChromeMessage> {
  const out: Record<string, ChromeMessage> = {};
  for (const [key, text] of Object.entries(table)) {
    const order = [...(english[key] ?? text).matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => m[1] ?? '');
    const names = placeholdersOf(text);
    const message = text.replaceAll('$', '$$$$').replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_, name: string) => `$${name}$`);
    const entry: ChromeMessage = { message };
    if (names.length > 0) {
      entry.placeholders = Object.fromEntries(names.map((name) => [name.toLowerCase(), { content: `$${[...new Set(order)].indexOf(name) + 1}` }]));
    }
    out[chromeMessageName(key)] = entry;
  }
  return out;
}

/** Every locale's `_locales/<folder>/messages.json`, as WXT's public files. */
export function chromeLocaleFiles(catalogs: Catalogs<Messages>): Array<{ relativeDest: string; contents: string }> {
  return LOCALES.map((locale) => ({
    relativeDest: `_locales/${localeFolder(locale)}/messages.json`,
    contents: `${JSON.stringify(chromeMessages(catalogs[locale], catalogs.en), null, 2)}\n`,
  }));
}
