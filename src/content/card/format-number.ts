import { countryOf, formatForDisplay } from '../../detect';
import { contentLocale } from '../content-i18n';

export interface NumberView {
  /** International format, e.g. "+1 415 555 0132", with " ext. 12" when there is one. */
  formatted: string;
  /** Country name in Dialbar's language, or "" when unknown. */
  country: string;
}

let regionNames: Intl.DisplayNames | null | undefined;
let regionLocale: string | undefined;

function countryName(code: string): string {
  const locale = contentLocale();
  if (regionNames === undefined || regionLocale !== locale) {
    regionLocale = locale;
    try {
      regionNames = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
    } catch {
      regionNames = null;
    }
  }
  try {
    return regionNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** How the card shows a number: E.164 (maybe with ";ext=NNN"), a sip: URI or raw digits. */
export function describeNumber(number: string): NumberView {
  if (!number.startsWith('+')) return { formatted: number, country: '' };
  try {
    const code = countryOf(number);
    return { formatted: formatForDisplay(number), country: code ? countryName(code) : '' };
  } catch {
    return { formatted: number, country: '' };
  }
}
