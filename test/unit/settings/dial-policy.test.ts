import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { DialPlan } from '../../../src/settings/account';
import { type DialPolicy, DialPolicySchema, defaultDialPolicy, splitRuleList } from '../../../src/settings/dial-policy';
import { assertDialPolicy, dialPolicyRefusal, readNumber } from '../../../src/settings/dial-policy-check';

const US: DialPlan = { outboundPrefix: '', homeCountry: 'US', internationalPrefix: '011' };
const DE: DialPlan = { outboundPrefix: '', homeCountry: 'DE', internationalPrefix: '00' };
const DE_9: DialPlan = { outboundPrefix: '9', homeCountry: 'DE', internationalPrefix: '00' };
const GB: DialPlan = { outboundPrefix: '', homeCountry: 'GB', internationalPrefix: '00' };
const NONE: DialPlan = { outboundPrefix: '', homeCountry: '', internationalPrefix: '+' };

const policy = (p: Partial<DialPolicy>): DialPolicy => ({ ...defaultDialPolicy(), ...p });
const PREMIUM = policy({ blockedPrefixes: ['+1900', '+44 9', '0900'] });
const INTL = policy({ blockInternational: true });
const ALLOW = policy({ allowedNumbers: ['+49 30 *', '1XXX', '+1 415 555 XXXX'] });
const SHORT = policy({ maxLength: 11 });

type Row = [string, DialPolicy, DialPlan, string, string | null];

// [case, policy, plan, dialled, refusal code or null]
const ROWS: Row[] = [
  // Blocked prefixes: + form, formatting characters, IDD forms, national forms, sip: URIs.
  ['+ form', PREMIUM, US, '+19005550100', 'dial-policy-blocked-prefix'],
  ['formatting characters', PREMIUM, US, '+1 (900) 555-0100', 'dial-policy-blocked-prefix'],
  ['dots and nbsp', PREMIUM, US, '+1.900\u00a0555.0100', 'dial-policy-blocked-prefix'],
  ['US national with trunk 1', PREMIUM, US, '1 900 555 0100', 'dial-policy-blocked-prefix'],
  ['US national without trunk', PREMIUM, US, '900-555-0100', 'dial-policy-blocked-prefix'],
  ['011 IDD form from the US', PREMIUM, US, '011 44 909 879 0000', 'dial-policy-blocked-prefix'],
  ['00 IDD form from Germany', PREMIUM, DE, '0044 909 879 0000', 'dial-policy-blocked-prefix'],
  ['IDD after the outbound prefix', PREMIUM, DE_9, '9 0044 909 879 0000', 'dial-policy-blocked-prefix'],
  ['prefix without + as typed', PREMIUM, DE, '0900 1234567', 'dial-policy-blocked-prefix'],
  ['prefix without + in national form of a + number', PREMIUM, DE, '+49 900 1234567', 'dial-policy-blocked-prefix'],
  ['sip: URI with a + user', PREMIUM, US, 'sip:+19005550100@pbx.example.com', 'dial-policy-blocked-prefix'],
  ['sip: URI with a user=phone param', PREMIUM, US, 'sips:+19005550100;user=phone@pbx.example.com', 'dial-policy-blocked-prefix'],
  ['an ordinary number passes', PREMIUM, US, '+1 415 555 0132', null],
  ['a UK geographic number passes (+44 1…)', PREMIUM, GB, '+44 114 496 0000', null],
  ['post-dial digits are not dialled', PREMIUM, US, '+14155550132,,1900', null],
  ['an extension on a page number', PREMIUM, US, '+14155550132;ext=1900', null],
  ['a user name is no number', PREMIUM, US, 'support', null],
  ['empty lists refuse nothing', defaultDialPolicy(), US, '+19005550100', null],
  // International, relative to the home country.
  ['international + form', INTL, DE, '+1 415 555 0132', 'dial-policy-international'],
  ['international 00 form', INTL, DE, '001 415 555 0132', 'dial-policy-international'],
  ['home country + form', INTL, DE, '+49 30 1234567', null],
  ['home country 0049 form', INTL, DE, '0049 30 1234567', null],
  ['national form', INTL, DE, '030 1234567', null],
  ['an extension', INTL, DE, '2001', null],
  ['Jamaica shares +1 but is abroad', INTL, US, '+1 876 555 0100', 'dial-policy-international'],
  ['Sheffield 0114 is not 011 from the UK', INTL, GB, '0114 496 0000', null],
  ['no home country: every + number counts as international', INTL, NONE, '+49 30 1234567', 'dial-policy-international'],
  ['no home country: an extension passes', INTL, NONE, '2001', null],
  ['international sip: URI', INTL, DE, 'sip:+14155550132@pbx.example.com', 'dial-policy-international'],
  // Allow patterns.
  ['allowed by a * pattern', ALLOW, DE, '+49 30 1234567', null],
  ['allowed in national form', ALLOW, DE, '030 1234567', null],
  ['allowed as 0049', ALLOW, DE, '0049 30 1234567', null],
  ['allowed extension 1XXX', ALLOW, DE, '1234', null],
  ['X counts exactly one digit', ALLOW, DE, '12345', 'dial-policy-not-allowed'],
  ['fixed-length + pattern', ALLOW, DE, '+1 415 555 0132', null],
  ['fixed-length + pattern, one digit more', ALLOW, DE, '+1 415 555 01320', 'dial-policy-not-allowed'],
  ['another city', ALLOW, DE, '+49 89 1234567', 'dial-policy-not-allowed'],
  ['a user name is refused under an allow list', ALLOW, DE, 'support', 'dial-policy-not-allowed'],
  ['a named sip: address is refused under an allow list', ALLOW, DE, 'sip:alice@pbx.example.com', 'dial-policy-not-allowed'],
  ['* alone allows every number', policy({ allowedNumbers: ['*'] }), DE, '+1 415 555 0132', null],
  // Maximum length: digits dialled, not formatting, not +, not post-dial digits.
  ['at the limit', SHORT, US, '+1 415 555 0132', null],
  ['over the limit', SHORT, US, '+1 415 555 01322', 'dial-policy-too-long'],
  ['post-dial digits do not count', SHORT, US, '+14155550132,,123456', null],
  ['sip: user part counts', SHORT, US, 'sip:004915112345678@pbx.example.com', 'dial-policy-too-long'],
];

describe('dial policy rules', () => {
  it.each(ROWS)('%s', (_name, rules, plan, dialled, code) => {
    expect(dialPolicyRefusal(dialled, rules, plan)?.code ?? null).toBe(code);
  });

  it('names the rule that refused in its sentence', () => {
    expect(dialPolicyRefusal('+19005550100', PREMIUM, US)?.message).toContain('+1900');
    expect(dialPolicyRefusal('+1 415 555 01322', SHORT, US)?.message).toContain('the limit is 11');
    expect(dialPolicyRefusal('+49 89 1234567', ALLOW, DE)?.message).toContain('+49 30 *');
    expect(dialPolicyRefusal('+1 415 555 0132', INTL, DE)?.message).toContain('Only numbers in DE');
    expect(() => assertDialPolicy('+19005550100', PREMIUM, US)).toThrow(/blocked prefix/);
  });

  it('reads a number in every form a rule may be written in', () => {
    expect(readNumber('9 0044 20 7946 0000', DE_9)).toEqual({
      typed: ['900442079460000', '00442079460000'],
      e164: ['+442079460000'],
      national: [],
      length: 15,
    });
    expect(readNumber('support', DE)).toBeNull();
  });
});

describe('dial policy schema', () => {
  it('accepts prefixes and patterns as an administrator writes them', () => {
    const parsed = v.parse(DialPolicySchema, {
      blockedPrefixes: [' +1 900 ', '0900', '+44 (9)'],
      blockInternational: false,
      allowedNumbers: ['+49 30 *', '1xxx', '*'],
      maxLength: 15,
    });
    expect(parsed.blockedPrefixes).toEqual(['+1 900', '0900', '+44 (9)']);
  });

  it.each([
    ['a letter in a prefix', { blockedPrefixes: ['+1900a'] }, '“+1900a” is not a prefix'],
    ['a * in a prefix', { blockedPrefixes: ['+1*'] }, '“+1*” is not a prefix'],
    ['a * inside a pattern', { allowedNumbers: ['+49*30'] }, '“+49*30” is not a pattern'],
    ['a regex in a pattern', { allowedNumbers: ['^\\+49.*'] }, 'is not a pattern'],
    ['a negative length', { maxLength: -1 }, ''],
  ])('refuses %s with a clear error', (_name, patch, words) => {
    const result = v.safeParse(DialPolicySchema, { ...defaultDialPolicy(), ...patch });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues[0]?.message).toContain(words);
  });

  it('splits a typed list on commas, semicolons and new lines', () => {
    expect(splitRuleList('+1900, +44 9;\n0900 ,,')).toEqual(['+1900', '+44 9', '0900']);
  });
});
