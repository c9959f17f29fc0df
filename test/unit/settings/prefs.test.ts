import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, detectionEnabledFor, parsePrefs, withSiteDetection } from '../../../src/settings/prefs';

describe('prefs', () => {
  it('falls back field by field when stored prefs are damaged', () => {
    expect(parsePrefs(undefined)).toEqual(DEFAULT_PREFS);
    expect(parsePrefs({ clickAction: 'explode', detectInCode: true, sites: 'nope' })).toEqual({ ...DEFAULT_PREFS, detectInCode: true });
  });

  it('blocks listed sites in block mode and allows only listed ones in allow mode, wildcards included', () => {
    const block = { ...DEFAULT_PREFS, sites: [{ host: '*.example.com', detect: false }] };
    expect(detectionEnabledFor(block, 'crm.example.com')).toBe(false);
    expect(detectionEnabledFor(block, 'example.com')).toBe(false);
    expect(detectionEnabledFor(block, 'example.org')).toBe(true);
    const allow = { ...DEFAULT_PREFS, siteMode: 'allow' as const, sites: [{ host: 'crm.acme.test', detect: true }] };
    expect(detectionEnabledFor(allow, 'crm.acme.test')).toBe(true);
    expect(detectionEnabledFor(allow, 'mail.acme.test')).toBe(false);
    expect(detectionEnabledFor({ ...allow, detectNumbers: false }, 'crm.acme.test')).toBe(false);
  });

  it('the site switch adds a rule only when the defaults say otherwise, and removes it when turned back', () => {
    const off = withSiteDetection(DEFAULT_PREFS, 'CRM.acme.test', false);
    expect(off.sites).toEqual([{ host: 'crm.acme.test', detect: false }]);
    expect(detectionEnabledFor(off, 'crm.acme.test')).toBe(false);
    const on = withSiteDetection(off, 'crm.acme.test', true);
    expect(on.sites).toEqual([]);
    const allow = withSiteDetection({ ...DEFAULT_PREFS, siteMode: 'allow' }, 'crm.acme.test', true);
    expect(allow.sites).toEqual([{ host: 'crm.acme.test', detect: true }]);
    const wildcard = { ...DEFAULT_PREFS, sites: [{ host: '*.acme.test', detect: false }] };
    const exception = withSiteDetection(wildcard, 'crm.acme.test', true);
    expect(exception.sites).toContainEqual({ host: 'crm.acme.test', detect: true });
    expect(detectionEnabledFor(exception, 'crm.acme.test')).toBe(true);
    expect(detectionEnabledFor(exception, 'mail.acme.test')).toBe(false);
  });
});
