/** Default country for national numbers from a browser/OS locale (`navigator.language`, `en_US.UTF-8`). */
import { type CountryCode, isSupportedCountry } from 'libphonenumber-js/core';
import { metadata } from './validate';

/**
 * Languages spoken as a national language in essentially one country with its own numbering plan.
 * Pluricentric languages (en, de, fr, es, pt, ar, zh, nl, it, sv, ru, ...) map to 'ZZ': guessing
 * Germany for an Austrian agent would dial a national number in the wrong country, which is worse
 * than only recognising international numbers.
 */
const SINGLE_COUNTRY_LANGUAGES: Record<string, string> = {
  ja: 'JP',
  ko: 'KR',
  th: 'TH',
  vi: 'VN',
  pl: 'PL',
  cs: 'CZ',
  sk: 'SK',
  hu: 'HU',
  uk: 'UA',
  da: 'DK',
  fi: 'FI',
  nb: 'NO',
  nn: 'NO',
  no: 'NO',
  is: 'IS',
  et: 'EE',
  lv: 'LV',
  lt: 'LT',
  sl: 'SI',
  hr: 'HR',
  bg: 'BG',
  he: 'IL',
  iw: 'IL',
  id: 'ID',
  ms: 'MY',
  tr: 'TR',
  ka: 'GE',
  hy: 'AM',
  mn: 'MN',
  km: 'KH',
  lo: 'LA',
  my: 'MM',
  si: 'LK',
  ne: 'NP',
  fil: 'PH',
  tl: 'PH',
  fa: 'IR',
  am: 'ET',
  el: 'GR',
  ro: 'RO',
};

/** Deprecated or common non-ISO region codes seen in locale strings. */
const REGION_ALIASES: Record<string, string> = { UK: 'GB', EL: 'GR' };

/**
 * `en-US` → `US`, `zh-CN` → `CN`, `zh-Hant-TW` → `TW`, `pt_BR.UTF-8` → `BR`, `ja` → `JP`,
 * `de` / `en` / `es-419` / `` → `ZZ` (unknown: only international numbers are recognised).
 * The result is always a country libphonenumber knows, or `ZZ`.
 */
export function defaultCountryFromLocale(locale: string): string {
  const clean = (locale ?? '').trim().split(/[.@]/)[0] ?? '';
  const parts = clean.split(/[-_]/).filter(Boolean);
  const lang = (parts[0] ?? '').toLowerCase();
  for (let i = 1; i < parts.length; i++) {
    const sub = parts[i]!;
    if (sub.length === 2 && /^[a-z]{2}$/i.test(sub)) {
      const up = sub.toUpperCase();
      const cc = REGION_ALIASES[up] ?? up;
      return isSupportedCountry(cc as CountryCode, metadata) ? cc : 'ZZ';
    }
    if (/^\d{3}$/.test(sub)) return 'ZZ'; // UN M.49 areas ("es-419"): a continent, not a country.
  }
  const guess = SINGLE_COUNTRY_LANGUAGES[lang];
  return guess ?? 'ZZ';
}
