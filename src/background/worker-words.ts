import { causeText, toUserError } from '../errors';
import { type Locale, resolveLocale } from '../i18n/locale';
import { workerCatalogs } from '../i18n/messages';
import { translator } from '../i18n/translate';
import { PREFS_KEY, parsePrefs } from '../settings/prefs';

let locale: Locale = 'en';

/** What the worker says, in the options' language (or the browser's); read afresh when the worker starts. */
export const tw = translator(workerCatalogs, () => locale);

/** A refusal or failure as the person is told it, in the worker's language. */
export function problemWords(error: unknown): string {
  return causeText(toUserError(error), locale);
}

/**
 * Takes the language from the stored prefs now and on every change. A worker stopped and woken
 * reads it again at start; until that read returns, it speaks the browser's language.
 */
export function followWorkerLanguage(deps: {
  local: { get(key: string): Promise<Record<string, unknown>> };
  localChanges?: { addListener(listener: (changes: Record<string, { newValue?: unknown }>) => void): void };
  language(): string;
}): Promise<void> {
  const apply = (raw: unknown) => {
    locale = resolveLocale(parsePrefs(raw).language, deps.language());
  };
  apply(undefined);
  deps.localChanges?.addListener((changes) => {
    const change = changes[PREFS_KEY];
    if (change) apply(change.newValue);
  });
  return deps.local.get(PREFS_KEY).then(
    (stored) => apply(stored[PREFS_KEY]),
    () => {},
  );
}
