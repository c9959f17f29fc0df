/** Locale tables for locale.ts: which language or region code means which country. Pure data. */

/**
 * Languages spoken as a national language in essentially one country with its own numbering plan.
 * Pluricentric languages (en, de, fr, es, pt, ar, zh, nl, it, sv, ru, ...) map to 'ZZ': guessing
 * Germany for an Austrian agent would dial a national number in the wrong country, which is worse
 * than only recognising international numbers.
 */
export const SINGLE_COUNTRY_LANGUAGES: Readonly<Record<string, string>> = Object.freeze({
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
});

/** Deprecated or common non-ISO region codes seen in locale strings. */
export const REGION_ALIASES: Readonly<Record<string, string>> = Object.freeze({ UK: 'GB', EL: 'GR' });
