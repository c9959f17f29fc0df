import { describe, expect, it } from 'vitest';
import { findPhoneNumbers } from '../../../src/detect/index';

/** Realistic page fragments (imprints, signatures, invoices, contact pages) with every number checked. */
const SNIPPETS: Array<[text: string, country: string, expected: string[]]> = [
  [
    'Acme GmbH · Hauptstraße 12 · 10115 Berlin · Tel. +49 (0)30 12 34 56-0 · Fax -99 · USt-IdNr. DE123456789 · HRB 12345 B · Amtsgericht Charlottenburg',
    'DE',
    ['+49 (0)30 12 34 56-0 → +49301234560'],
  ],
  [
    'Our support line is open Mon–Fri, 8am–6pm EST: 1 (800) 555-0199. Outside the US, dial +1 212-555-0147. Order #A-1042 shipped 3/14/2024 via UPS 1Z 999 AA1 01 2345 6784.',
    'US',
    ['1 (800) 555-0199 → +18005550199', '+1 212-555-0147 → +12125550147'],
  ],
  [
    'Contact: Jean Dupont — tél. 01 42 68 53 00 — portable 06 12 34 56 78 — SIRET 123 456 789 00012 — TVA FR 12 123456789',
    'FR',
    ['01 42 68 53 00 → +33142685300', '06 12 34 56 78 → +33612345678'],
  ],
  [
    '联系人：王先生 手机：138-0013-8000 座机：(010) 6552 9988 转 8001 身份证：11010519491231002X 金额：¥12,800.00',
    'CN',
    ['138-0013-8000 → +8613800138000', '(010) 6552 9988 转 8001 → +861065529988;ext=8001'],
  ],
  [
    'お問い合わせ：株式会社サンプル 〒100-0005 東京都千代田区丸の内1-1-1 TEL 03-1234-5678 FAX 03-1234-5679 受付時間 9:00～18:00',
    'JP',
    ['03-1234-5678 → +81312345678', '03-1234-5679 → +81312345679'],
  ],
  [
    'Kontaktieren Sie uns unter 0800 / 123 456 7 (kostenlos) oder per Mobil: 0151-12345678. Kontonummer 1234567890, BLZ 100 500 00.',
    'DE',
    ['0800 / 123 456 7 → +498001234567', '0151-12345678 → +4915112345678'],
  ],
  [
    'Invoice INV-2024-00123 dated 2024-03-15, total USD 4,500.00, due in 30 days. Questions? Call +44 20 7946 0958 ext. 204 or +44 7911 123456.',
    'GB',
    ['+44 20 7946 0958 ext. 204 → +442079460958;ext=204', '+44 7911 123456 → +447911123456'],
  ],
  ['Patient DOB 04/12/1985, MRN 00123456, SSN 123-45-6789, phone (212) 555-0123, alt 212.555.0188', 'US', ['(212) 555-0123 → +12125550123', '212.555.0188 → +12125550188']],
  ['WhatsApp +55 11 98765-4321 | CNPJ 12.345.678/0001-90 | CEP 01310-100 | R$ 1.234,56', 'BR', ['+55 11 98765-4321 → +5511987654321']],
  [
    'Тел.: +7 (495) 123-45-67, моб. 8 912 345 67 89, ИНН 7707083893, КПП 770701001, р/с 40702810900000012345',
    'RU',
    ['+7 (495) 123-45-67 → +74951234567', '8 912 345 67 89 → +79123456789'],
  ],
  [
    'Sales: 1300 123 456 | Fax: (02) 9876 5433 | ABN 12 345 678 901 | Level 5, 100 George St, Sydney NSW 2000',
    'AU',
    ['1300 123 456 → +611300123456', '(02) 9876 5433 → +61298765433'],
  ],
  ['Call 98765 43210 or 022-2345-6789. GSTIN 27AAPFU0939F1ZV, PIN 400001, ₹12,34,567.', 'IN', ['98765 43210 → +919876543210', '022-2345-6789 → +912223456789']],
  ['Kantoor: 020-1234567, mobiel: 06-12345678, KvK 12345678, BTW NL123456789B01, IBAN NL91 ABNA 0417 1643 00', 'NL', ['020-1234567 → +31201234567', '06-12345678 → +31612345678']],
  ['Tel. 06 1234 5678 – Cell. 347 123 4567 – P.IVA 01234567890 – CAP 00184 Roma', 'IT', ['06 1234 5678 → +390612345678', '347 123 4567 → +393471234567']],
];

describe('realistic page fragments', () => {
  it.each(SNIPPETS)('%s', (text, country, expected) => {
    const found = findPhoneNumbers(text, { defaultCountry: country }).map((m) => `${text.slice(m.start, m.end)} → ${m.number}`);
    expect(found).toEqual(expected);
  });
});
