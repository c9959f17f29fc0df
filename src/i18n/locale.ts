/** The languages Dialbar speaks. English is the default and the fallback for every other browser language. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** The options' language setting: follow the browser, or one of the locales. */
export const LANGUAGE_CHOICES = ['auto', ...LOCALES] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

/**
 * The locale to show for a setting and the browser's language. Simplified Chinese for zh, zh-CN,
 * zh-SG and zh-Hans*; Traditional (zh-TW, zh-HK, zh-Hant) gets English, as Chrome's own _locales
 * fallback gives the manifest's name, so the toolbar and the pages agree.
 */
export function resolveLocale(choice: LanguageChoice | undefined, browserLanguage: string): Locale {
  if (choice && choice !== 'auto') return choice;
  const tag = browserLanguage.trim().toLowerCase().replace(/_/g, '-');
  if (tag === 'zh' || tag === 'zh-cn' || tag === 'zh-sg' || tag.startsWith('zh-hans')) return 'zh-CN';
  return 'en';
}

export function isLanguageChoice(value: unknown): value is LanguageChoice {
  return typeof value === 'string' && (LANGUAGE_CHOICES as readonly string[]).includes(value);
}

/** The folder name under `_locales/` (Chrome writes zh_CN with an underscore). */
export function localeFolder(locale: Locale): string {
  return locale.replace('-', '_');
}
