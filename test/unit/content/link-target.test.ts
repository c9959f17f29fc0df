import { describe, expect, it } from 'vitest';
import { dialableDigits } from '../../../src/detect/dialable';
import { parseCallLink } from '../../../src/content/dial/link-target';
import type { Detect } from '../../../src/content/types';

/** A tiny stand-in for src/detect: "+<digits and spaces>" of 8+ digits, US national 10 digits. */
const detect: Detect = (text) => {
  const out: ReturnType<Detect> = [];
  for (const m of text.matchAll(/\+?\d[\d\s().-]{6,}\d/g)) {
    const digits = m[0].replace(/\D/g, '');
    const number = m[0].startsWith('+') ? `+${digits}` : digits.length === 10 ? `+1${digits}` : null;
    if (number) out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, number });
  }
  return out;
};

describe('parseCallLink', () => {
  it('turns tel: links into E.164 when the detector understands them', () => {
    expect(parseCallLink('tel:+1-415-555-0132', '+1 (415) 555-0132', detect, 'US')).toEqual({
      number: '+14155550132',
      shown: '+1 (415) 555-0132',
    });
    expect(parseCallLink('TEL:(415)%20555-0132', '', detect, 'US')?.number).toBe('+14155550132');
  });

  it('keeps the extension parameter', () => {
    expect(parseCallLink('tel:+14155550132;ext=42', 'Office', detect, 'US')?.number).toBe('+14155550132;ext=42');
  });

  it('falls back to the dialable digits', () => {
    expect(parseCallLink('tel:5550100', 'Reception', detect, 'US')).toEqual({ number: '5550100', shown: 'Reception' });
    expect(parseCallLink('callto://*21#', '', detect, 'US')?.number).toBe('*21#');
  });

  it('passes sip: URIs through', () => {
    expect(parseCallLink('sip:alice@example.com', 'Alice', detect, 'US')).toEqual({
      number: 'sip:alice@example.com',
      shown: 'Alice',
    });
  });

  it('ignores other links and call links with nothing to dial', () => {
    expect(parseCallLink('https://example.com/tel:123', 'x', detect, 'US')).toBeNull();
    expect(parseCallLink('callto://skype.name', 'x', detect, 'US')).toBeNull();
    expect(parseCallLink('tel:', 'x', detect, 'US')).toBeNull();
  });

  it('survives a detector that throws', () => {
    const broken: Detect = () => {
      throw new Error('boom');
    };
    expect(parseCallLink('tel:+44 20 7946 0958', '', broken, 'GB')?.number).toBe('+442079460958');
  });
});

describe('dialableDigits', () => {
  it('keeps +, digits, * and #', () => {
    expect(dialableDigits(' +1 (415) 555-0132 ')).toBe('+14155550132');
    expect(dialableDigits('*72 #')).toBe('*72#');
  });
});
