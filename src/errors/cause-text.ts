import type { Locale } from '../i18n/locale';
import { causeMessages } from '../i18n/messages/causes';
import { fill, isMessageKey } from '../i18n/translate';
import type { ErrorCode } from './causes';

/** What a view needs of an error to say it: its code and the values of its detail, if any. */
export interface SayableError {
  code: ErrorCode;
  params?: Record<string, string> | undefined;
}

/**
 * The sentence for an error in a locale, rendered from its code (and its detail from the params),
 * never from the English `message` it crossed contexts with. An invalid-state error says only its
 * detail, as its English message does.
 */
export function causeText(error: SayableError, locale: Locale): string {
  const table = causeMessages[locale];
  const sentence = table[`cause.${error.code}`];
  const detail = error.params?.detail;
  if (detail === undefined || !detail.startsWith('cause.detail.') || !isMessageKey(causeMessages, detail)) return sentence;
  const particulars = fill(table[detail], error.params);
  if (error.code === 'invalid-state') return particulars;
  // Chinese sentences end in 。 and run on without a space.
  return locale === 'zh-CN' ? `${sentence}${particulars}` : `${sentence} ${particulars}`;
}
