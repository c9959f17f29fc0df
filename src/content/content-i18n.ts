import { causeText, type SayableError } from '../errors/cause-text';
import type { Locale } from '../i18n/locale';
import { contentMessages } from '../i18n/messages/content';
import { translator } from '../i18n/translate';

let current: Locale = 'en';

/** The language the page's visitor reads Dialbar's card in (set from the prefs by the session). */
export function contentLocale(): Locale {
  return current;
}

export function setContentLocale(locale: Locale): void {
  current = locale;
}

/** Every word the content script shows a page's visitor goes through here (keys and placeholders typed). */
export const t = translator(contentMessages, () => current);

/** A failure's sentence in the visitor's language, from its code (never its English message). */
export function errorWords(error: SayableError): string {
  return causeText(error, current);
}
