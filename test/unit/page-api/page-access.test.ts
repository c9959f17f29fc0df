import { describe, expect, it } from 'vitest';
import { formatOriginPattern, originMatches, parseOriginPattern, parsePageAccess, ruleForOrigin, withManagedOrigins } from '../../../src/settings/page-access';

const matches = (pattern: string, origin: string) => {
  const p = parseOriginPattern(pattern);
  if (!p) throw new Error(`bad pattern ${pattern}`);
  return originMatches(p, origin);
};

describe('origin patterns', () => {
  it('parses exact scheme, a leading *. label and an optional port, in one normal form', () => {
    expect(formatOriginPattern(parseOriginPattern(' HTTPS://*.Example-CRM.com/ ')!)).toBe('https://*.example-crm.com');
    expect(formatOriginPattern(parseOriginPattern('https://crm.example.com:443')!)).toBe('https://crm.example.com');
    expect(formatOriginPattern(parseOriginPattern('http://127.0.0.1:8080')!)).toBe('http://127.0.0.1:8080');
    for (const bad of ['crm.example.com', 'ftp://x.com', 'https://crm.*.example.com', 'https://*example.com', 'https://*', 'https://a.com/path', 'https://a.com:99999', 'https://a.com:0', 'javascript:alert(1)', 'https://a_b.com', '*://a.com']) {
      expect(parseOriginPattern(bad), bad).toBeNull();
    }
  });

  it('matches wildcards on subdomains only, exact schemes and ports', () => {
    expect(matches('https://*.example-crm.com', 'https://eu.example-crm.com')).toBe(true);
    expect(matches('https://*.example-crm.com', 'https://a.b.example-crm.com')).toBe(true);
    expect(matches('https://*.example-crm.com', 'https://example-crm.com')).toBe(false);
    expect(matches('https://*.example-crm.com', 'https://evil-example-crm.com')).toBe(false);
    expect(matches('https://*.example-crm.com', 'https://example-crm.com.evil.net')).toBe(false);
    expect(matches('https://*.example-crm.com', 'http://eu.example-crm.com')).toBe(false);
    expect(matches('https://*.example-crm.com', 'https://eu.example-crm.com:8443')).toBe(false);
    expect(matches('https://crm.example.com:8443', 'https://crm.example.com:8443')).toBe(true);
    expect(matches('https://crm.example.com', 'https://crm.example.com')).toBe(true);
    expect(matches('http://127.0.0.1:5000', 'http://localhost:5000')).toBe(false);
    expect(matches('https://crm.example.com', 'https://crm.example.com/')).toBe(false);
    expect(matches('https://crm.example.com', 'null')).toBe(false);
  });

  it('picks the exact rule over a wildcard and reads damaged lists leniently', () => {
    const access = parsePageAccess({
      origins: [
        { pattern: 'https://*.example.com', silentDial: true, consent: true },
        { pattern: 'https://crm.example.com', consent: false },
        { pattern: 'not a site' },
        'junk',
      ],
    });
    expect(access.origins.map((r) => r.pattern)).toEqual(['https://*.example.com', 'https://crm.example.com']);
    expect(ruleForOrigin(access, 'https://crm.example.com')).toMatchObject({ consent: false, silentDial: false, shims: false });
    expect(ruleForOrigin(access, 'https://eu.example.com')).toMatchObject({ consent: true, silentDial: true });
    expect(ruleForOrigin(access, 'https://example.org')).toBeNull();
    expect(parsePageAccess(null)).toEqual({ origins: [] });
    expect(parsePageAccess(JSON.parse('{"origins":{"__proto__":[]}}'))).toEqual({ origins: [] });
  });
});

describe('withManagedOrigins', () => {
  const local = parsePageAccess({
    origins: [
      { pattern: 'https://crm.example.com', silentDial: true, shims: true, consent: null },
      { pattern: 'https://own.example.org', consent: true },
    ],
  });

  it('keeps the person’s list when no administrator set origins', () => {
    expect(withManagedOrigins(local, null)).toEqual(local);
  });

  it('applies exactly the administrator’s patterns: known ones keep their flags, new ones are consented and plain', () => {
    const applied = withManagedOrigins(local, ['https://crm.example.com', 'https://*.Corp.example', 'not an origin', 'https://*.corp.example']);
    expect(applied.origins).toEqual([
      { pattern: 'https://crm.example.com', silentDial: true, shims: true, consent: true },
      { pattern: 'https://*.corp.example', silentDial: false, shims: false, consent: true },
    ]);
    expect(ruleForOrigin(applied, 'https://own.example.org')).toBeNull();
    expect(ruleForOrigin(applied, 'https://a.corp.example')?.consent).toBe(true);
  });

  it('keeps a refusal the person gave to a pattern the administrator lists', () => {
    const refused = parsePageAccess({ origins: [{ pattern: 'https://crm.example.com', consent: false }] });
    expect(withManagedOrigins(refused, ['https://crm.example.com']).origins[0]?.consent).toBe(false);
  });
});
