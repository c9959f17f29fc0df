import { resolveLocale } from '../i18n/locale';
import { PREFS_KEY, parsePrefs } from '../settings/prefs';
import { setUiLocale } from './i18n';

/** storage.local as the page sees it: the prefs and their changes. */
export interface LanguageSource {
  get(key: string): Promise<Record<string, unknown>>;
  onChanged: {
    addListener(listener: (changes: Record<string, unknown>) => void): void;
    removeListener(listener: (changes: Record<string, unknown>) => void): void;
  };
}

/**
 * Shows the page in the language of the options' setting (or the browser's, on "auto") and follows
 * the setting while the page is open. Resolves once the first language is set, so a page can render
 * after it without a flash of English; a storage that cannot be read leaves the browser's language.
 */
export async function followLanguage(deps: { storage: LanguageSource; browserLanguage: string; root?: { lang: string } }): Promise<() => void> {
  const apply = (raw: unknown) => {
    const locale = resolveLocale(parsePrefs(raw).language, deps.browserLanguage);
    setUiLocale(locale);
    if (deps.root) deps.root.lang = locale;
  };
  const onChanged = (changes: Record<string, unknown>) => {
    const change = changes[PREFS_KEY] as { newValue?: unknown } | undefined;
    if (change) apply(change.newValue);
  };
  deps.storage.onChanged.addListener(onChanged);
  try {
    apply((await deps.storage.get(PREFS_KEY))[PREFS_KEY]);
  } catch {
    apply(undefined);
  }
  return () => deps.storage.onChanged.removeListener(onChanged);
}
