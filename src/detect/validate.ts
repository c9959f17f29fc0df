/**
 * Numbering-plan validation through libphonenumber-js's core API with the `max` metadata:
 * `isValid()` then checks the number against the per-type patterns (fixed line, mobile, toll
 * free...), not just its length, which is what keeps random digit runs out. Measured cost of the
 * minified + gzipped detector bundle with this metadata: see index.ts.
 */
import {
  type CountryCode,
  getCountryCallingCode,
  isSupportedCountry,
  Metadata,
  type PhoneNumber,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.max.json';

export { metadata };

/** Countries where a national number is customarily written without its trunk prefix (RU "912 345-67-89", IN "98765 43210"). */
const TRUNK_PREFIX_OPTIONAL = new Set(['RU', 'KZ', 'IN', 'BY']);

interface Plan {
  callingCode: string;
  nationalPrefix: string;
}

const plans = new Map<string, Plan | null>();

/** Calling code and trunk prefix of a supported country, or null for ZZ / unknown codes. */
export function planOf(country: string): Plan | null {
  let plan = plans.get(country);
  if (plan !== undefined) return plan;
  if (country.length === 2 && isSupportedCountry(country as CountryCode, metadata)) {
    const m = new Metadata(metadata);
    m.selectNumberingPlan(country as CountryCode);
    // `nationalPrefix()` exists on the runtime NumberingPlan but is missing from its typings.
    const np = m.numberingPlan as unknown as { nationalPrefix(): string | undefined } | undefined;
    plan = { callingCode: getCountryCallingCode(country as CountryCode, metadata), nationalPrefix: np?.nationalPrefix() ?? '' };
  } else {
    plan = null;
  }
  plans.set(country, plan);
  return plan;
}

function parseValid(text: string, country: CountryCode | undefined): PhoneNumber | undefined {
  const p = country
    ? parsePhoneNumberFromString(text, { defaultCountry: country, extract: false }, metadata)
    : parsePhoneNumberFromString(text, { extract: false }, metadata);
  return p?.isValid() ? p : undefined;
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
  if (intl) return parseValid(`+${digits}`, undefined)?.number ?? null;
  const plan = planOf(country);
  if (plan) {
    const p = parseValid(digits, country as CountryCode);
    if (p) {
      if (p.countryCallingCode !== plan.callingCode) return p.number; // dialled with the IDD prefix (011 44…)
      const np = plan.nationalPrefix;
      if (np && !digits.startsWith(np) && !TRUNK_PREFIX_OPTIONAL.has(country)) {
        // Prefix missing: fine only if the national format itself omits it (US, mobile CN…).
        if (p.formatNational().startsWith(np)) return null;
      }
      return p.number;
    }
  }
  // "00" is the international prefix of most of the world; accept it whatever the default country.
  if (digits.length > 9 && digits.charCodeAt(0) === 0x30 && digits.charCodeAt(1) === 0x30) {
    return parseValid(`+${digits.slice(2)}`, undefined)?.number ?? null;
  }
  return null;
}
