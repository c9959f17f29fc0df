/**
 * The forms issue 13 lists, one example each with its exact span: what the generated set
 * (reach.test.ts) measures in bulk, pinned here so a regression names the form.
 */
import { describe, expect, it } from 'vitest';
import { findPhoneNumbers } from '../../../src/detect/index';

type Row = [text: string, country: string, found: Array<[span: string, number: string]>];

const FOUND: Row[] = [
  // the default country's own IDD prefix, and another country's number through it
  ['011 49 30 1234567', 'US', [['011 49 30 1234567', '+49301234567']]],
  ['0011 44 20 7946 0958', 'AU', [['0011 44 20 7946 0958', '+442079460958']]],
  ['14340011 44 20 7946 0958', 'AU', [['14340011 44 20 7946 0958', '+442079460958']]],
  ['010 1 415 555 0132', 'JP', [['010 1 415 555 0132', '+14155550132']]],
  ['002 1 415 555 0132', 'KR', [['002 1 415 555 0132', '+14155550132']]],
  ['8~10 44 7924 123456', 'RU', [['8~10 44 7924 123456', '+447924123456']]],
  ['0~0 44 7924 123456', 'UA', [['0~0 44 7924 123456', '+447924123456']]],
  // extensions joined by a slash or a tilde
  ['030 1234567/204', 'DE', [['030 1234567/204', '+49301234567;ext=204']]],
  ['+49 30 1234567~204', 'DE', [['+49 30 1234567~204', '+49301234567;ext=204']]],
  ['70 12 34 56/6', 'BF', [['70 12 34 56/6', '+22670123456;ext=6']]],
  // other digit scripts in right-to-left text with direction marks
  ['هاتف: \u200F+٤٩ ٣٠ ١٢٣٤٥٦٧\u200F', 'ZZ', [['+٤٩ ٣٠ ١٢٣٤٥٦٧', '+49301234567']]],
  ['اتصل بنا على \u200E+۹۷۱ ۵۰ ۱۲۳ ۴۵۶۷\u200E اليوم', 'ZZ', [['+۹۷۱ ۵۰ ۱۲۳ ۴۵۶۷', '+971501234567']]],
  // letters glued before a bracketed area code
  ['Büro(030) 1234567', 'DE', [['(030) 1234567', '+49301234567']]],
  ['Zürich(044) 123 45 67', 'CH', [['(044) 123 45 67', '+41441234567']]],
  // irregular, repeated spaces
  ['0 3 0   1 2 3  4 5 6 7', 'DE', [['0 3 0   1 2 3  4 5 6 7', '+49301234567']]],
  // no trunk prefix where the format allows it
  ['512 757 7164', 'TR', [['512 757 7164', '+905127577164']]],
  ['912 345 678', 'VN', [['912 345 678', '+84912345678']]],
  // labels glued to the number
  ['Tel.No.011-23456789', 'IN', [['011-23456789', '+911123456789']]],
  ['Mobile No.09876543210', 'IN', [['09876543210', '+919876543210']]],
  ['FAX No.(011) 2345 6789', 'IN', [['(011) 2345 6789', '+911123456789']]],
  // short service numbers in the groupings pages print
  ['Call 131 500', 'AU', [['131 500', '+61131500']]],
  ['Phone: 13 15 00', 'AU', [['13 15 00', '+61131500']]],
  // a numbered list is not a broken bracket
  ['1) 030 1234567', 'DE', [['030 1234567', '+49301234567']]],
];

const NOT_FOUND: Array<[string, string]> = [
  ['9832 (27524', 'ES'],
  ['(030 1234567', 'DE'],
  ['030 1234567 (0171', 'DE'],
  ['10)264714548', 'AU'],
  ['558) 03630465', 'DE'],
  ['Order No.0301234567', 'DE'],
  ['Art.No.4155550132', 'US'],
  ['Chrome 129.0.5935.195', 'BR'],
  ['CEP 04661-628', 'DE'],
  ['Bestellung(030) 1234567', 'DE'],
];

describe('issue 13 forms', () => {
  it.each(FOUND)('%s (%s)', (text, country, want) => {
    const got = findPhoneNumbers(text, { defaultCountry: country }).map((m) => [text.slice(m.start, m.end), m.number]);
    expect(got).toEqual(want);
  });
  it.each(NOT_FOUND)('%s (%s) is not a number', (text, country) => {
    expect(findPhoneNumbers(text, { defaultCountry: country })).toEqual([]);
  });
});
