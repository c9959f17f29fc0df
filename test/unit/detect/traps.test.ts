import { findNumbers } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.max.json';
import minMetadata from 'libphonenumber-js/metadata.min.json';
import { describe, expect, it } from 'vitest';
import { findPhoneNumbers } from '../../../src/detect/index';

/** Things that are never phone numbers, whatever the page country. */
const TRAPS: string[] = [
  // dates
  '15.03.2024',
  '15.3.2024',
  '2024-03-15',
  '2024/03/15',
  '2024.03.15',
  '03/15/2024',
  '15/03/2024',
  '15-03-2024',
  '2024年3月15日',
  '2024年03月15日 14時30分',
  'March 15, 2024',
  '15 March 2024',
  'Am 15.03.2024 um 14:30 Uhr',
  '15.03.2024 14:30',
  '2024-03-15 14:30:59',
  '2024-03-15T14:30:59Z',
  '03/15/2024 02:30 PM',
  '15.03.24',
  '20240315',
  '15032024',
  'Datum 20240315',
  'Dato 20240315 DK-style',
  '15.03.',
  '03/2024',
  '2024-03',
  // times and durations
  '14:30',
  '14:30:59',
  '14:30 - 18:00',
  '09:00–17:30',
  '1:23:45.678',
  // prices and amounts
  '$1,234.56',
  '$1,234,567.89',
  '1.234,56 €',
  '1.234.567,89 €',
  '€ 1.234.567',
  '¥12,800',
  '¥1280000',
  '12800元',
  '￥1,234,567',
  'USD 4500',
  'USD 4155550132',
  'EUR 1.234.567,00',
  '1 234 567 €',
  '12 345 678,90 €',
  '£1,234,567',
  '₹12,34,567',
  'R$ 1.234.567,89',
  'CHF 1\u2019234\u2019567',
  "CHF 1'234'567.50",
  '4155550132 USD',
  '1234567890 EUR',
  // percentages and counts
  '45%',
  '99.5 %',
  '12345678%',
  '1234567,89',
  '4155550132,5',
  '12,34,567',
  '1,2345678',
  '1 234 567 inhabitants',
  '83 200 000 Einwohner',
  // identifiers
  'Order #100234567',
  'Order # 100234567',
  'Order No. 100234567',
  'Order number 4155550132',
  'INV-2024-00123',
  'INV-4155550132',
  'Invoice 2024-0012345',
  'SKU 4006381333931',
  'SKU: 4155550132',
  'Ticket 8812345',
  'Ticket #0301234567',
  'Case 0301234567',
  'Ref. 0171 2345678',
  'ID: 4155550132',
  'Kundennummer 0301234567',
  'Bestellnummer: 030 1234567',
  'Rechnungsnr. 0301234567',
  'Vertragsnummer 0301234567',
  'Versicherungsnummer 030 1234567',
  '〒100-0001',
  '〒 530-0001',
  'SSN 123-45-6789',
  '123-45-6789',
  '11010519491231002X',
  '110105194912310021',
  'PO 4155550132',
  'Tracking 1Z999AA10123456784',
  'ISBN 978-3-16-148410-0',
  'ISBN 3-16-148410-X',
  '978-3-16-148410-0',
  'EAN 4006381333931',
  '4006381333931',
  '#100234567',
  'No. 0301234567',
  '订单号2024031512345678',
  '订单号：13800138000',
  '注文番号 0312345678',
  'ABC12345678',
  'A-0301234567',
  'x0301234567y',
  'user4155550132@example.com',
  '4155550132@example.com',
  'https://example.com/items/4155550132',
  'https://example.com/?id=4155550132',
  'file_0301234567.pdf',
  '0301234567.jpg',
  // cards and banks
  '4111 1111 1111 1111',
  '4111-1111-1111-1111',
  '4111111111111111',
  '5500 0000 0000 0004',
  '3782 822463 10005',
  'DE89 3704 0044 0532 0130 00',
  'IBAN DE89370400440532013000',
  'IBAN: DE89 3704 0044 0532 0130 00',
  'GB29 NWBK 6016 1331 9268 19',
  'FR14 2004 1010 0505 0001 3M02 606',
  'BLZ 370 400 44',
  // network and software
  '192.168.100.200',
  '10.0.0.1',
  '255.255.255.0',
  '2001:db8::1',
  'v1.2.3',
  'v10.20.30',
  '10.0.19045',
  'Version 2.15.1023',
  'build 10.0.22631.2861',
  'Chrome/120.0.6099.109',
  'node 20.11.1',
  // coordinates
  '48.8584, 2.2945',
  '48.8584 2.2945',
  '-33.8688, 151.2093',
  '40.7128° N, 74.0060° W',
  '52.520008,13.404954',
  // postal
  '94103-1234',
  'San Francisco, CA 94103-1234',
  '10115 Berlin',
  '75008 Paris',
  'Hauptstraße 5, 10115 Berlin',
  '1015 Amsterdam',
  'SW1A 1AA',
  '100-0001 東京都',
  // timestamps and ranges
  '1700000000',
  'updated 1716777988',
  '1700000000000',
  '2019-2024',
  '2019 - 2024',
  '2019–2024',
  '2024/2025',
  '2024 / 2025',
  'P.IVA 01234567890',
  'NIF 912345678',
  'BTW NL123456789B01',
  '1990-2000-2010',
  // measurements
  '1500 mm',
  '12345678 mm',
  '1 234 567 km',
  '4155550132 kg',
  '230 V',
  '2400 MHz',
  '1920x1080',
  '3840 × 2160',
  '16 GB',
  '512000000 bytes',
  // from libphonenumber's own matcher tests (impossible / unbalanced cases)
  '650+253+1234',
  '3/10/1984',
  '31/8/2011',
  '1/12/2011',
  '10/12/82',
  '650x2531234',
  '2012-01-02 08:00',
  '2012/01/02 08:00',
  '20120102 08:00',
  '80.585 [79.964, 81.191]',
  '80.585 [79.964]',
  '80.585 ((79.964)',
  '(80).(585) (79).(9)64',
  '12.1 - 23.71 - 23.45',
  '12 7/8 - 14 12/34 - 5',
  // phone-like but too short or arithmetic
  '1+1=2',
  '555-0132',
  '123 4567',
  '12 34',
  '(0)',
  '+',
  '++',
  '+-',
  '+ 1',
  'C++ 11',
];

const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'ES', 'IT', 'NL', 'CN', 'HK', 'TW', 'JP', 'KR', 'IN', 'AU', 'BR', 'MX', 'RU', 'ZA', 'AE', 'SG', 'DK', 'NO', 'CH', 'AT', 'SE', 'PL', 'BE', 'NZ', 'IE', 'AR', 'CL', 'CO', 'IL', 'SA', 'EG', 'NG', 'KE', 'TR', 'PH', 'VN', 'TH', 'ID', 'MY', 'PK', 'ZZ'];

describe('precision traps return nothing', () => {
  it.each(TRAPS)('%s', (trap) => {
    const hits: string[] = [];
    for (const c of COUNTRIES) {
      for (const text of [trap, `Text ${trap} text`, `${trap}.`, `(${trap})`]) {
        for (const m of findPhoneNumbers(text, { defaultCountry: c })) hits.push(`${c}: ${text.slice(m.start, m.end)} -> ${m.number}`);
      }
    }
    expect(hits).toEqual([]);
  });
});

describe('beats libphonenumber findNumbers on its known false positives', () => {
  it('German dates are phone numbers for findNumbers, not for us', () => {
    // With the min metadata findNumbers turns 15.03.2024 into +4915032024; with max, ISO dates still pass.
    const min = findNumbers('Termin am 15.03.2024', { defaultCountry: 'DE', v2: true }, minMetadata);
    expect(min.map((m) => m.number.number)).toEqual(['+4915032024']);
    const max = findNumbers('Termin am 2024-03-15', { defaultCountry: 'DE', v2: true }, metadata);
    expect(max.map((m) => m.number.number)).toEqual(['+4920240315']);
    expect(findPhoneNumbers('Termin am 15.03.2024', { defaultCountry: 'DE' })).toEqual([]);
    expect(findPhoneNumbers('Termin am 2024-03-15', { defaultCountry: 'DE' })).toEqual([]);
    const us = findNumbers('dated 13.10.2006 13:43', { defaultCountry: 'US', v2: true }, metadata);
    expect(us.map((m) => m.number.number)).toEqual(['+13102006']);
    expect(findPhoneNumbers('dated 13.10.2006 13:43', { defaultCountry: 'US' })).toEqual([]);
  });
  it('order ids and ticket numbers', () => {
    for (const text of ['PO 2252827229', 'Rechnung 4412550295', 'Ticket 9088424 dated 13.10.2006 13:43']) {
      expect(findPhoneNumbers(text, { defaultCountry: 'US' })).toEqual([]);
    }
  });
});

describe('traps next to real numbers do not hide them', () => {
  it.each([
    ['Order #100234567, questions: 030 1234567', 'DE', '+49301234567'],
    ['INV-2024-00123 / Tel. 030 1234567', 'DE', '+49301234567'],
    ['Total $1,234.56 — call (415) 555-0132', 'US', '+14155550132'],
    ['15.03.2024 14:30 Rückruf 0171 2345678', 'DE', '+491712345678'],
    ['IBAN DE89 3704 0044 0532 0130 00, Tel +49 30 1234567', 'DE', '+49301234567'],
    ['192.168.1.1 admin +1 415 555 0132', 'US', '+14155550132'],
    ['2019-2024: 020 7946 0958', 'GB', '+442079460958'],
    ['SKU 4006381333931 hotline 0800 1234567', 'DE', '+498001234567'],
    ['v1.2.3 support 01 23 45 67 89', 'FR', '+33123456789'],
    ['10115 Berlin, Tel. 030 1234567', 'DE', '+49301234567'],
    ['48.8584, 2.2945 — +33 1 23 45 67 89', 'FR', '+33123456789'],
  ])('%s', (text, country, e164) => {
    expect(findPhoneNumbers(text, { defaultCountry: country }).map((m) => m.number)).toEqual([e164]);
  });
});
