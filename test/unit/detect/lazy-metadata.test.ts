import full from 'libphonenumber-js/metadata.max.json';
import { describe, expect, it } from 'vitest';
import { metadata } from '../../../src/detect/lazy-metadata';

describe('the metadata read one country at a time', () => {
  it('has exactly the JSON’s keys, and each entry equals the JSON’s once read', () => {
    const lazy = metadata as unknown as typeof full;
    expect(lazy.version).toBe(full.version);
    expect(lazy.country_calling_codes).toEqual(full.country_calling_codes);
    for (const section of ['countries', 'nonGeographic'] as const) {
      const want = full[section] as Record<string, unknown>;
      const got = lazy[section] as Record<string, unknown>;
      expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
      for (const key of Object.keys(want)) {
        expect(Object.hasOwn(got, key)).toBe(true);
        expect(got[key], `${section}.${key}`).toEqual(want[key]);
        // Read twice: the parsed value is kept, not parsed again.
        expect(got[key]).toBe(got[key]);
      }
    }
  });

  it('parses nothing until a country is read', async () => {
    const { metadata: fresh } = await import(`../../../src/detect/lazy-metadata?fresh=${Date.now()}`);
    const countries = (fresh as { countries: Record<string, unknown> }).countries;
    const getter = (key: string) => Object.getOwnPropertyDescriptor(countries, key)?.get;
    expect(getter('US')).toBeTypeOf('function');
    expect(getter('DE')).toBeTypeOf('function');
    void countries.US;
    expect(getter('US')).toBeUndefined();
    expect(getter('DE')).toBeTypeOf('function');
  });
});
