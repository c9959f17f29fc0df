import { type ReadonlySignal, signal } from '@preact/signals';
import { causeText, DialbarError, type SayableError } from '../errors';
import type { Locale } from '../i18n/locale';
import { uiMessages } from '../i18n/messages';
import { translator } from '../i18n/translate';

const current = signal<Locale>('en');

/** The language the extension pages show; components and computed views re-render when it changes. */
export const uiLocale: ReadonlySignal<Locale> = current;

export function setUiLocale(locale: Locale): void {
  current.value = locale;
}

/** Every string the popup and options show goes through here (keys and placeholders are typed). */
export const t = translator(uiMessages, () => current.value);

/** A failure's sentence in the page's language, from its code (never its English message). */
export function errorWords(error: SayableError): string {
  return causeText(error, current.value);
}

/** The sentence a person is shown for anything thrown: a DialbarError's own, else a generic one. */
export function errorText(error: unknown): string {
  return errorWords(error instanceof DialbarError ? error : { code: 'internal' });
}

/** A reason Dialbar names itself or a default Not ready reason, in the page's language; others as typed. */
export function reasonWords(reason: string): string {
  const key = `reason.${reason}`;
  return key in uiMessages.en ? t(key as 'reason.Break') : reason;
}
