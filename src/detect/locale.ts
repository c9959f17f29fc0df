/** Default country for national numbers from a browser/OS locale (`navigator.language`, `en_US.UTF-8`). */
import { type CountryCode, isSupportedCountry } from 'libphonenumber-js/core';
import { REGION_ALIASES, SINGLE_COUNTRY_LANGUAGES } from './data/locales';
import { metadata } from './validate';

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

/**
 * The default country for numbers written without +, the one rule for every context (page
 * script, service worker): the person's choice in prefs first, else the browser's language.
 */
export function defaultCountry(prefsCountry: string, language: string): string {
  return prefsCountry || defaultCountryFromLocale(language);
}
