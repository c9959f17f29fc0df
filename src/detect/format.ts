/** Helpers for the hover card: a readable international form and the country of an E.164 number. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/core';
import { metadata } from './validate';

function parse(e164: string) {
  const semi = e164.indexOf(';ext=');
  const base = semi >= 0 ? e164.slice(0, semi) : e164;
  const ext = semi >= 0 ? e164.slice(semi + 5) : '';
  const p = parsePhoneNumberFromString(base, metadata);
  return { p, ext };
}

/**
 * `+14155550132` → `+1 415 555 0132`; `+14155550132;ext=12` → `+1 415 555 0132 ext. 12`.
 * Returns the input unchanged when it is not a parsable number.
 */
export function formatForDisplay(e164: string): string {
  const { p, ext } = parse(e164);
  if (!p) return e164;
  const intl = p.formatInternational();
  return ext ? `${intl} ext. ${ext}` : intl;
}

/** ISO 3166-1 alpha-2 country of an E.164 number (`+442079460958` → `GB`), `undefined` for non-geographic or unknown. */
export function countryOf(e164: string): string | undefined {
  return parse(e164).p?.country;
}
