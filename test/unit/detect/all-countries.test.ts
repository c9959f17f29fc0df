import { type CountryCode, getCountries, getExampleNumber } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json';
import { describe, expect, it } from 'vitest';
import { findPhoneNumbers } from '../../../src/detect/index';
import { metadata } from '../../../src/detect/validate';

/** Every country libphonenumber knows: its example mobile number, nationally and internationally formatted. */
const countries = getCountries(metadata);

function exact(text: string, country: string, start: number, e164: string): string | null {
  const found = findPhoneNumbers(text, { defaultCountry: country });
  const ok = found.length === 1 && found[0]!.number === e164 && found[0]!.start === start && found[0]!.end === text.length;
  return ok ? null : `${country} ${JSON.stringify(text)} -> ${JSON.stringify(found)}`;
}

describe('every country libphonenumber knows', () => {
  it('has a lot of countries', () => {
    expect(countries.length).toBeGreaterThan(240);
  });

  it.each(countries)('%s: national (label; spaces, dashes, dots, compact), international, E.164, 00, nbsp', (c: CountryCode) => {
    const p = getExampleNumber(c, examples, metadata);
    expect(p?.isValid()).toBe(true);
    if (!p) return;
    const intl = p.formatInternational();
    const nat = p.formatNational();
    const failures = [
      exact(`Tel: ${nat}`, c, 5, p.number),
      exact(`Tel: ${intl}`, 'ZZ', 5, p.number),
      exact(`Call ${intl} today`.slice(0, 5 + intl.length), 'US', 5, p.number),
      exact(`Tel: ${p.number}`, 'DE', 5, p.number),
      exact(`Tel: 00${intl.slice(1)}`, 'FR', 5, p.number),
      exact(`Tel: ${intl.replace(/ /g, '\u00a0')}`, 'GB', 5, p.number),
      exact(`Tel: ${nat.replace(/ /g, '-')}`, c, 5, p.number),
      exact(`Tel: ${nat.replace(/[^0-9]/g, '')}`, c, 5, p.number),
      exact(`Tel: ${nat.replace(/[()]/g, '').replace(/[ -]+/g, '.')}`, c, 5, p.number),
    ].filter((x) => x !== null);
    // Without a label, national numbers of 7+ digits are found in running text too.
    const digits = nat.replace(/[^0-9]/g, '').length;
    const inText = findPhoneNumbers(`Bitte ${nat} anrufen`, { defaultCountry: c }).map((m) => m.number);
    expect(inText).toEqual(digits >= 7 ? [p.number] : []);
    expect(failures).toEqual([]);
  });
});
