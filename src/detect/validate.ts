/**
 * Numbering-plan validation with libphonenumber-js's `max` metadata: `isValid()` checks the
 * number against the per-type patterns (fixed line, mobile, toll free...), not just its length,
 * which is what keeps random digit runs out. The hot path is FastParser (fastparse.ts), a port of
 * the library's parse + isValid with cached regexes; the library itself handles the rare cases
 * the port leaves out and formats numbers.
 */
import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import { metadata } from './lazy-metadata';
import { FastParser, type FastResult } from './fastparse';

export { metadata };

/**
 * The compiled numbering plans (fast) and the plan summaries (plans) are filled lazily, one
 * country at a time, and never change once made: an answer never depends on earlier calls.
 * Lazy because compiling all 245 plans up front takes ~11 ms, paid in every frame the content
 * script loads into, while a page needs one or a few countries.
 */
const fast = new FastParser(metadata);

/** Countries where a national number is customarily written without its trunk prefix (RU "912 345-67-89", IN "98765 43210"). */
const TRUNK_PREFIX_OPTIONAL: ReadonlySet<string> = new Set(['RU', 'KZ', 'IN', 'BY']);

interface Plan {
  readonly callingCode: string;
  readonly nationalPrefix: string;
  /**
   * Digit counts a nationally written number can have: a possible national length, optionally
   * plus the trunk prefix. Used only to skip hopeless pieces when splitting a run that holds
   * several numbers (bounds the work on tables of short digit groups).
   */
  readonly pieceLengths: ReadonlySet<number>;
}

const plans = new Map<string, Plan | null>();

/** Calling code and trunk prefix of a supported country, or null for ZZ / unknown codes. */
export function planOf(country: string): Plan | null {
  let plan = plans.get(country);
  if (plan !== undefined) return plan;
  if (country.length === 2 && isSupportedCountry(country as CountryCode, metadata)) {
    const p = fast.plan(country);
    const np = p.nationalPrefix ?? '';
    const pieceLengths = new Set<number>();
    for (const len of p.possibleLengths ?? []) {
      pieceLengths.add(len);
      pieceLengths.add(len + np.length);
    }
    plan = { callingCode: p.callingCode, nationalPrefix: np, pieceLengths };
  } else {
    plan = null;
  }
  plans.set(country, plan);
  return plan;
}

/** parsePhoneNumberFromString(text, { defaultCountry, extract: false }) + isValid(), fast. */
function parseValid(text: string, country: string | undefined): FastResult | null {
  const r = fast.parseValid(text, country);
  if (r !== undefined) return r;
  const p = country
    ? parsePhoneNumberFromString(text, { defaultCountry: country as CountryCode, extract: false }, metadata)
    : parsePhoneNumberFromString(text, { extract: false }, metadata);
  return p?.isValid()
    ? { e164: p.number, callingCode: p.countryCallingCode, nationalNumber: p.nationalNumber, country: p.country ?? '' }
    : null;
}

/** Does libphonenumber's national format of this valid number start with `prefix`? */
function nationalFormatStartsWith(r: FastResult, prefix: string): boolean {
  if (r.country) return fast.nationalFormatStartsWith(r.nationalNumber, r.country, prefix);
  const full = parsePhoneNumberFromString(r.e164, metadata);
  return !full || full.formatNational().startsWith(prefix);
}

/** May the trunk prefix be left out of this valid number's national format? */
function trunkPrefixOptional(r: FastResult): boolean {
  if (r.country) return fast.trunkPrefixOptional(r.nationalNumber, r.country);
  const full = parsePhoneNumberFromString(r.e164, metadata);
  return !!full && full.format('NATIONAL', { nationalPrefix: false }) !== full.formatNational();
}

/** For tests: the port's answer to "does formatNational() start with the trunk prefix?". */
export function fastNationalFormatStartsWith(e164: string, prefix: string): boolean | null {
  const r = fast.parseValid(e164, undefined);
  return r ? nationalFormatStartsWith(r, prefix) : null;
}

/** The library's reference answer (for tests): E.164 if valid, else null. */
export function referenceParseValid(text: string, country: string | undefined): string | null {
  const p = country
    ? parsePhoneNumberFromString(text, { defaultCountry: country as CountryCode, extract: false }, metadata)
    : parsePhoneNumberFromString(text, { extract: false }, metadata);
  return p?.isValid() ? p.number : null;
}

/** The port's answer (for tests). */
export function fastParseValid(text: string, country: string | undefined): string | null {
  return parseValid(text, country)?.e164 ?? null;
}

/**
 * Validates the digits of one candidate. `intl` is true when it was written with `+`.
 * Returns the E.164 number or null.
 *
 * National numbers must carry their trunk prefix when the country writes one ("030 1234567",
 * not "30 1234567", in Germany): libphonenumber accepts both, but an unprefixed 10-digit run
 * there is far more often an id or a timestamp (1700000000 would be a valid German mobile).
 */
export function validateDigits(digits: string, intl: boolean, country: string): string | null {
  if (intl) return parseValid(`+${digits}`, undefined)?.e164 ?? null;
  const plan = planOf(country);
  if (plan) {
    const p = parseValid(digits, country);
    if (p) {
      if (p.callingCode !== plan.callingCode) return p.e164; // dialled with the IDD prefix (011 44…)
      const np = plan.nationalPrefix;
      if (np && !digits.startsWith(np) && !TRUNK_PREFIX_OPTIONAL.has(country)) {
        // Prefix missing: fine only if the national format itself omits it (US, mobile CN…) or
        // says it may be left out (TR "512 757 7164", VN "912 345 678").
        if (nationalFormatStartsWith(p, np) && !trunkPrefixOptional(p)) return null;
      }
      return p.e164;
    }
  }
  // "00" is the international prefix of most of the world; accept it whatever the default country.
  if (digits.length > 9 && digits.charCodeAt(0) === 0x30 && digits.charCodeAt(1) === 0x30) {
    return parseValid(`+${digits.slice(2)}`, undefined)?.e164 ?? null;
  }
  return null;
}
