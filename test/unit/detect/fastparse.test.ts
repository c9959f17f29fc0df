import { getCountries } from 'libphonenumber-js/core';
import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString } from 'libphonenumber-js/core';
import { fastNationalFormatStartsWith, fastParseValid, metadata, referenceParseValid } from '../../../src/detect/validate';
import { prng } from '../../bench/business-text';


describe('FastParser agrees with libphonenumber parse + isValid', () => {
  const countries = getCountries(metadata);
  const rnd = prng(12345);
  const digits = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(rnd() * 10));
    return s;
  };

  it('on random national digit strings for every country', () => {
    const mismatches: string[] = [];
    let valid = 0;
    for (const c of countries) {
      for (let k = 0; k < 150; k++) {
        const lead = ['0', '00', '1', '8', '9', '011', ''][k % 7] ?? '';
        const s = lead + digits(5 + Math.floor(rnd() * 9));
        const ref = referenceParseValid(s, c);
        const got = fastParseValid(s, c);
        if (ref) valid++;
        if (ref !== got && mismatches.length < 20) mismatches.push(`${c} ${s}: lib=${ref} fast=${got}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(valid).toBeGreaterThan(500);
  });

  it('on random international numbers built from every calling code', () => {
    const mismatches: string[] = [];
    let valid = 0;
    const codes = new Set(countries.map((c) => (metadata as { countries: Record<string, unknown[]> }).countries[c]?.[0] as string));
    for (const cc of codes) {
      for (let k = 0; k < 200; k++) {
        const s = `+${cc}${digits(4 + Math.floor(rnd() * 10))}`;
        const ref = referenceParseValid(s, undefined);
        const got = fastParseValid(s, undefined);
        if (ref) valid++;
        if (ref !== got && mismatches.length < 20) mismatches.push(`${s}: lib=${ref} fast=${got}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(valid).toBeGreaterThan(1000);
  });

  it('on international numbers written with the IDD or calling code but no plus, per default country', () => {
    const mismatches: string[] = [];
    for (const c of ['US', 'DE', 'GB', 'FR', 'AU', 'JP', 'CN', 'RU', 'BR', 'IN', 'IT', 'AR', 'MX', 'KR']) {
      for (let k = 0; k < 400; k++) {
        const s = ['00', '011', '0011', '010', '001', '8~10'.replace('~', ''), '49', '44', '1', '7', '55', '86'][k % 12] + digits(6 + Math.floor(rnd() * 8));
        const ref = referenceParseValid(s, c);
        const got = fastParseValid(s, c);
        if (ref !== got && mismatches.length < 20) mismatches.push(`${c} ${s}: lib=${ref} fast=${got}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('national-format trunk prefix agrees with formatNational() for every valid number found', () => {
    const mismatches: string[] = [];
    let checked = 0;
    const codes = new Set(countries.map((c) => (metadata as { countries: Record<string, unknown[]> }).countries[c]?.[0] as string));
    for (const cc of codes) {
      for (let k = 0; k < 300; k++) {
        const s = `+${cc}${digits(5 + Math.floor(rnd() * 9))}`;
        const p = parsePhoneNumberFromString(s, metadata);
        if (!p?.isValid()) continue;
        for (const prefix of ['0', '1', '8']) {
          checked++;
          const ref = p.formatNational().startsWith(prefix);
          const got = fastNationalFormatStartsWith(p.number, prefix);
          if (ref !== got && mismatches.length < 20) mismatches.push(`${p.number} ${prefix}: lib=${ref} fast=${got} (${p.formatNational()})`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });
});
