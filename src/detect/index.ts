/**
 * Dialbar phone number detector: pure TypeScript, no browser API, loads in Node (tsx) and in the
 * content script bundle.
 *
 * How it works (details in scan.ts, traps.ts, context.ts, pieces.ts, fastparse.ts; word lists in data/):
 * 1. A hand-written linear scanner finds digit runs joined by phone separators.
 * 2. Shapes that are never phone numbers (dates, times, decimals, IPv4, versions, cards, IBAN
 *    blocks, year ranges, ZIP+4, ISBN, SSN) and context (labels such as "Order", "IBAN", "$",
 *    "%", units, letters glued to the digits) reject candidates before any parsing.
 * 3. Survivors are validated with libphonenumber-js's numbering plans (`max` metadata: per-type
 *    patterns, not only lengths) through a port of its parse + isValid that compiles each
 *    country's regexes once. National numbers must carry their trunk prefix where the country's
 *    national format has one ("030 …" in Germany), except RU/KZ/BY/IN where it is customarily
 *    omitted and where the number's format says it may be left out (TR, VN, AR, CN…). Numbers
 *    dialled through the default country's own IDD prefix ("011 49 …" from the US, "0011" from
 *    Australia, "8~10" from Russia) are read through the metadata's IDD pattern.
 *
 * Tested against cases generated from libphonenumber's metadata (test/detect-cases/,
 * test/unit/detect/reach.test.ts) besides the hand-written ones.
 *
 * Size: `npx esbuild src/detect/index.ts --bundle --minify --format=esm | gzip -c | wc -c`
 * = 61,000 bytes (2026-12-04), ~156 KB of the ~218 KB minified being the max metadata.
 */
import { scan } from './scan';

export type { PhoneMatch } from './pieces';
export { countryOf, formatForDisplay } from './format';
export { defaultCountry, defaultCountryFromLocale } from './locale';

export interface FindOptions {
  /** ISO 3166-1 alpha-2 country for national numbers, or 'ZZ' (only international numbers count). */
  defaultCountry: string;
}

/**
 * Finds phone numbers in `text`.
 *
 * - `number` is E.164 (`+14155550132`). An extension is appended as `;ext=123`
 *   (`+14155550132;ext=123`, the RFC 3966 parameter syntax); the dialer turns that into a dial string.
 * - `[start, end)` is the UTF-16 span a person would select: from the `+` (or `++`) or first digit
 *   to the last digit of the number or its extension. Labels ("Tel:", "ext.") before it are
 *   excluded; a leading parenthesis that is closed within the number is included, so
 *   `(415) 555-0132` is selected whole.
 * - Results are sorted by `start` and never overlap.
 */
export function findPhoneNumbers(text: string, opts: FindOptions): Array<{ start: number; end: number; number: string }> {
  if (!text) return [];
  let cc = (opts?.defaultCountry || 'ZZ').toUpperCase();
  if (cc === 'UK') cc = 'GB'; // common non-ISO alias
  return scan(text, cc);
}
