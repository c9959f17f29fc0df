/**
 * Dialbar phone number detector: pure TypeScript, no browser API, loads in Node (tsx) and in the
 * content script bundle.
 *
 * Numbering-plan knowledge comes from libphonenumber-js's core API with the `max` metadata
 * (per-type validation patterns). Minified + gzipped bundle of this module: see README in the
 * commit log / report (~55 KB, measured with `npx esbuild src/detect/index.ts --bundle --minify --format=esm | gzip -c | wc -c`).
 */
import { scan } from './scan';

export type { PhoneMatch } from './scan';
export { countryOf, formatForDisplay } from './format';
export { defaultCountryFromLocale } from './locale';

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
  const cc = (opts.defaultCountry || 'ZZ').toUpperCase();
  return scan(text, cc);
}
