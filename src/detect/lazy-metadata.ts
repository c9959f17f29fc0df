/**
 * libphonenumber-js's `max` metadata, read one country at a time. The bundle carries the JSON as
 * one string (Vite's `?raw`), and each country's (and each non-geographic calling code's) entry
 * is parsed the first time the library or FastParser reads it. As an object literal the whole
 * plan set cost every frame the page script loads into ~0.5 MB of heap and the parse of 157 KB
 * of literals, while a page needs one or a few countries. The object is the library's own shape
 * (`countries`, `nonGeographic`, `country_calling_codes`, `version`), so answers are the same;
 * test/unit/detect/lazy-metadata.test.ts compares every entry with the JSON.
 */
import type { MetadataJson } from 'libphonenumber-js/core';
import raw from 'libphonenumber-js/metadata.max.json?raw';

/** The sections of the file, in the order the file has them. */
const SECTIONS = ['version', 'country_calling_codes', 'countries', 'nonGeographic'] as const;

/** Where each section's value starts and ends in `text` (the value's own text, braces included). */
function sectionSpans(text: string): Map<string, [number, number]> {
  const starts = SECTIONS.map((name) => {
    const key = `"${name}":`;
    const at = text.indexOf(key);
    if (at < 0) throw new Error(`libphonenumber metadata: no ${name}`);
    return { name, key: at, value: at + key.length };
  });
  const spans = new Map<string, [number, number]>();
  starts.forEach((s, i) => {
    // A section ends at the comma before the next key, the last one before the closing brace.
    const next = starts[i + 1];
    spans.set(s.name, [s.value, next ? text.lastIndexOf(',', next.key) : text.lastIndexOf('}')]);
  });
  return spans;
}

/**
 * An object whose keys are those of the JSON object `text` (whose values are all arrays), each
 * parsed from its slice of `text` when first read. A key is `"XX":[` right after `{` or `,`:
 * inside a JSON string a quote is always escaped, and the arrays hold no objects.
 */
function lazyObject(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = [...text.matchAll(/[{,]"([0-9A-Z]{2,3})":\[/g)];
  keys.forEach((m, i) => {
    const name = m[1] as string;
    const start = m.index + name.length + 4;
    const end = keys[i + 1]?.index ?? text.length - 1;
    Object.defineProperty(out, name, {
      configurable: true,
      enumerable: true,
      get() {
        const value: unknown = JSON.parse(text.slice(start, end));
        Object.defineProperty(out, name, { value, enumerable: true, writable: false, configurable: false });
        return value;
      },
    });
  });
  return out;
}

function lazyMetadata(text: string): MetadataJson {
  const spans = sectionSpans(text);
  const section = (name: (typeof SECTIONS)[number]) => {
    const [start, end] = spans.get(name) as [number, number];
    return text.slice(start, end);
  };
  return {
    version: JSON.parse(section('version')),
    country_calling_codes: JSON.parse(section('country_calling_codes')),
    countries: lazyObject(section('countries')),
    nonGeographic: lazyObject(section('nonGeographic')),
  } as unknown as MetadataJson;
}

// Outside Vite (tsx runs the benchmarks and tools) `?raw` is ignored and the import is the JSON itself.
export const metadata: MetadataJson = typeof raw === 'string' ? lazyMetadata(raw) : (raw as MetadataJson);
