/**
 * Deterministic, labelled "business text" for the phone detector benchmarks: CRM rows and
 * free text with names, emails, addresses, phone numbers in many national and international
 * layouts, and the usual traps (dates, times, prices, order/invoice/ticket ids, SKUs/EANs,
 * IBANs, card numbers, IPs, coordinates, versions, ZIP+4, postal codes, timestamps, year
 * ranges, measurements, percentages).
 *
 * `generateBusinessRows()` returns typed rows (others render them as an HTML table);
 * `generateBusinessText()` renders rows to plain text and records where the true numbers are.
 * Everything comes from a seeded PRNG, so two runs produce the same text.
 */
import { type CountryCode, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.max.json';

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rnd: Rand, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const int = (rnd: Rand, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
const digits = (rnd: Rand, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(rnd() * 10));
  return s;
};
const pad = (v: number, n = 2): string => String(v).padStart(n, '0');

/**
 * Number prefixes (country calling code + leading national digits) used to draw random valid
 * numbers: the rest is random and kept only if libphonenumber (max metadata) says it is valid.
 */
const PREFIXES: Record<string, string[]> = {
  US: ['1212', '1415', '1646', '1312', '1617', '1713', '1305'],
  CA: ['1416', '1604', '1514', '1613'],
  GB: ['4420', '44161', '44113', '447700', '447911', '44131'],
  DE: ['4930', '4989', '4940', '49221', '4969', '49151', '49160', '49171', '49176'],
  FR: ['331', '332', '334', '336', '337', '339'],
  ES: ['3491', '3493', '346', '347'],
  IT: ['3906', '3902', '39347', '39333'],
  NL: ['3120', '3110', '316'],
  CN: ['86138', '86139', '86186', '8610', '8621'],
  HK: ['8522', '8523', '8526', '8529'],
  TW: ['8862', '8869'],
  JP: ['813', '816', '8190', '8180'],
  KR: ['822', '8210', '8231'],
  IN: ['9198', '9197', '9111', '9122'],
  AU: ['612', '613', '614'],
  BR: ['55119', '55219', '55113'],
  MX: ['5255', '5233', '5281'],
  RU: ['7495', '7812', '7912', '7916'],
  ZA: ['2711', '2721', '2782', '2783'],
  AE: ['9714', '9712', '97150', '97155'],
  SG: ['656', '658', '659'],
  CH: ['4144', '4179'],
  AT: ['431', '43664'],
  PL: ['4822', '4850', '4860'],
  SE: ['468', '4670'],
};

export const BENCH_COUNTRIES = Object.keys(PREFIXES);

function callingCodeLength(cc: string): number {
  // Calling codes of the prefix table: 1 (NANP, RU=7) / 2 / 3 digits.
  if (cc.startsWith('1') || cc.startsWith('7')) return 1;
  if (/^(852|886|971)/.test(cc)) return 3;
  return 2;
}

/** Prefix + fill length combinations that produced valid numbers, per country (per generator run). */
export type NumberShapes = Map<string, Array<[prefix: string, fill: number]>>;

/**
 * A random valid number of `country`. Draws prefix + random digits until libphonenumber (max
 * metadata) calls it valid; `shapes` remembers what worked so later draws rarely miss.
 */
export function randomNumber(rnd: Rand, country: string, shapes: NumberShapes = new Map()): PhoneNumber {
  const prefixes = PREFIXES[country] ?? PREFIXES.US!;
  const known = shapes.get(country) ?? [];
  shapes.set(country, known);
  for (let attempt = 0; attempt < 400; attempt++) {
    let prefix: string;
    let fill: number;
    if (known.length >= 3 && rnd() < 0.9) {
      [prefix, fill] = pick(rnd, known);
    } else {
      prefix = pick(rnd, prefixes);
      const nsnLen = int(rnd, 7, 11);
      fill = nsnLen - (prefix.length - callingCodeLength(prefix));
      if (fill < 3) continue;
    }
    const p = parsePhoneNumberFromString(`+${prefix}${digits(rnd, fill)}`, metadata);
    if (p?.isValid() && p.country === country) {
      if (!known.some(([kp, kf]) => kp === prefix && kf === fill)) known.push([prefix, fill]);
      return p;
    }
  }
  throw new Error(`no valid number drawn for ${country}`);
}

const FULLWIDTH_COUNTRIES = new Set(['CN', 'JP', 'TW', 'HK', 'KR']);
const TRUNK_ZERO_IN_PARENS = new Set(['GB', 'DE', 'CH', 'AT', 'NL', 'FR', 'AU', 'ZA']);

function toFullWidth(s: string): string {
  return s.replace(/[0-9+]/g, (c) => (c === '+' ? '＋' : String.fromCharCode(0xff10 + c.charCodeAt(0) - 48)));
}

/** One way a person may write a number; `national` ones only make sense with the default country. */
interface Layout {
  name: string;
  national: boolean;
  render(p: PhoneNumber, rnd: Rand): string | undefined;
}

const LAYOUTS: Layout[] = [
  { name: 'national', national: true, render: (p) => p.formatNational() },
  { name: 'national-dashes', national: true, render: (p) => p.formatNational().replace(/ /g, '-') },
  { name: 'national-dots', national: true, render: (p) => p.formatNational().replace(/[()]/g, '').replace(/[ -]+/g, '.') },
  { name: 'national-compact', national: true, render: (p) => p.formatNational().replace(/[^0-9]/g, '') },
  { name: 'national-nbsp', national: true, render: (p) => p.formatNational().replace(/ /g, '\u00a0') },
  {
    name: 'national-slash',
    national: true,
    render: (p) => {
      const s = p.formatNational();
      return /^0\d{2,} \d{4}/.test(s) ? s.replace(' ', '/') : undefined; // "030/1234567" (DE/AT/CH habit)
    },
  },
  { name: 'international', national: false, render: (p) => p.formatInternational() },
  { name: 'e164', national: false, render: (p) => p.number },
  { name: 'idd-00', national: false, render: (p) => p.formatInternational().replace('+', '00') },
  { name: 'double-plus', national: false, render: (p) => p.formatInternational().replace('+', '++') },
  { name: 'intl-dashes', national: false, render: (p) => p.formatInternational().replace(/ /g, '-') },
  { name: 'intl-thin', national: false, render: (p) => p.formatInternational().replace(/ /g, '\u202f') },
  {
    name: 'intl-trunk-zero',
    national: false,
    render: (p) => {
      if (!p.country || !TRUNK_ZERO_IN_PARENS.has(p.country)) return undefined;
      const s = p.formatInternational();
      const i = s.indexOf(' ');
      return `${s.slice(0, i)} (0)${s.slice(i + 1)}`;
    },
  },
  {
    name: 'fullwidth',
    national: false,
    render: (p) => (p.country && FULLWIDTH_COUNTRIES.has(p.country) ? toFullWidth(p.formatInternational()) : undefined),
  },
  {
    name: 'fullwidth-national',
    national: true,
    render: (p) => (p.country && FULLWIDTH_COUNTRIES.has(p.country) ? toFullWidth(p.formatNational()) : undefined),
  },
];

export interface PhoneField {
  /** What is shown on the page. */
  display: string;
  /** Expected detector output: E.164, plus `;ext=N` when the display carries an extension. */
  e164: string;
  country: string;
  layout: string;
  /** Offset of the number inside `display` (labels like "Tel:" are not part of the number). */
  numberStart: number;
  numberEnd: number;
}

export interface BusinessRow {
  name: string;
  email: string;
  company: string;
  address: string;
  phone: PhoneField;
  /** A second number (mobile/fax), sometimes in another country, sometimes absent. */
  phone2?: PhoneField;
  date: string;
  orderId: string;
  price: string;
}

const FIRST = ['Anna', 'Lukas', 'Marie', 'James', 'Olivia', 'Wei', 'Yuki', 'Min-jun', 'Priya', 'Carlos', 'Sofia', 'Ivan', 'Thabo', 'Fatima', 'Liam', 'Chloé', 'Giulia', 'Daan', 'Mei', 'Rahul'];
const LAST = ['Schmidt', 'Müller', 'Dupont', 'Smith', 'Johnson', 'Wang', 'Tanaka', 'Kim', 'Sharma', 'García', 'Rossi', 'Ivanov', 'Nkosi', 'Al Mansoori', 'Brown', 'de Vries', 'Chen', 'Lee', 'Silva', 'Martin'];
const COMPANIES = ['Acme GmbH', 'Globex Ltd', 'Initech Inc.', 'Umbrella SA', 'Stark Industries', 'Wayne Enterprises', 'Hooli', 'Vandelay Import/Export', 'Soylent Corp', 'Tyrell BV'];
const STREETS = ['Hauptstraße', 'Market Street', 'Rue de Rivoli', 'Calle Mayor', 'Via Roma', 'Keizersgracht', 'Baker Street', 'Nanjing Road', 'Orchard Road', 'Collins Street'];
const CITIES: Array<[string, string]> = [
  ['10115', 'Berlin'],
  ['75008', 'Paris'],
  ['28013', 'Madrid'],
  ['00184', 'Roma'],
  ['1015', 'Amsterdam'],
  ['94103', 'San Francisco'],
  ['80331', 'München'],
  ['200001', 'Shanghai'],
  ['238859', 'Singapore'],
  ['3000', 'Melbourne'],
];
const LABELS = ['Tel:', 'Tel.', 'Phone:', 'Phone', 'Mob.', 'Mobile:', 'T:', 'Fax:', '电话：', '手机', 'Tél. :', 'Telefon:', 'Call', ''];
const EXTS = [' ext. ', ' x', ' ext ', ' #'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function randomDate(rnd: Rand): string {
  const y = int(rnd, 1998, 2026);
  const m = int(rnd, 1, 12);
  const d = int(rnd, 1, 28);
  switch (int(rnd, 0, 7)) {
    case 0:
      return `${pad(d)}.${pad(m)}.${y}`;
    case 1:
      return `${y}-${pad(m)}-${pad(d)}`;
    case 2:
      return `${pad(m)}/${pad(d)}/${y}`;
    case 3:
      return `${pad(d)}/${pad(m)}/${y}`;
    case 4:
      return `${y}年${m}月${d}日`;
    case 5:
      return `${MONTHS[m - 1]} ${d}, ${y}`;
    case 6:
      return `${y}-${pad(m)}-${pad(d)} ${pad(int(rnd, 0, 23))}:${pad(int(rnd, 0, 59))}:${pad(int(rnd, 0, 59))}`;
    default:
      return `${d}.${m}.${y} ${pad(int(rnd, 0, 23))}:${pad(int(rnd, 0, 59))}`;
  }
}

/** 1234567 → "1,234,567" (toLocaleString is too slow for megabytes of text). */
function group(v: number, sep: string): string {
  const s = String(v);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += sep;
    out += s[i];
  }
  return out;
}

function randomPrice(rnd: Rand): string {
  const whole = int(rnd, 1, 9_999_999);
  const cents = pad(int(rnd, 0, 99));
  const us = group(whole, ',');
  const de = group(whole, '.');
  switch (int(rnd, 0, 6)) {
    case 0:
      return `$${us}.${cents}`;
    case 1:
      return `${de},${cents} €`;
    case 2:
      return `¥${us}`;
    case 3:
      return `USD ${whole}`;
    case 4:
      return `EUR ${de},${cents}`;
    case 5:
      return `£${us}.${cents}`;
    default:
      return `${whole} CHF`;
  }
}

function randomOrderId(rnd: Rand): string {
  switch (int(rnd, 0, 5)) {
    case 0:
      return `Order #${digits(rnd, 9)}`;
    case 1:
      return `INV-${int(rnd, 2015, 2026)}-${digits(rnd, 5)}`;
    case 2:
      return `SKU ${digits(rnd, 13)}`;
    case 3:
      return `Ticket ${int(rnd, 1_000_000, 9_999_999)}`;
    case 4:
      return `PO ${digits(rnd, 10)}`;
    default:
      return `Bestellung ${digits(rnd, 8)}`;
  }
}

/** Non-phone numbers that look like phone numbers. */
function randomTrap(rnd: Rand): string {
  switch (int(rnd, 0, 19)) {
    case 0:
      return `IBAN DE${pad(int(rnd, 10, 99))} ${digits(rnd, 4)} ${digits(rnd, 4)} ${digits(rnd, 4)} ${digits(rnd, 4)} ${digits(rnd, 2)}`;
    case 1:
      return `card 4${digits(rnd, 3)} ${digits(rnd, 4)} ${digits(rnd, 4)} ${digits(rnd, 4)}`;
    case 2:
      return `server ${int(rnd, 10, 223)}.${int(rnd, 0, 255)}.${int(rnd, 0, 255)}.${int(rnd, 1, 254)}`;
    case 3:
      return `at ${int(rnd, -89, 89)}.${digits(rnd, 4)}, ${int(rnd, -179, 179)}.${digits(rnd, 4)}`;
    case 4:
      return `version ${int(rnd, 1, 20)}.${int(rnd, 0, 9)}.${int(rnd, 10000, 22631)}`;
    case 5:
      return `ZIP ${digits(rnd, 5)}-${digits(rnd, 4)}`;
    case 6:
      return `updated ${int(rnd, 1_500_000_000, 1_800_000_000)}`;
    case 7:
      return `${int(rnd, 1990, 2015)}-${int(rnd, 2016, 2026)}`;
    case 8:
      return `${int(rnd, 1000, 99999)} mm`;
    case 9:
      return `${int(rnd, 1, 99)}.${int(rnd, 0, 9)}%`;
    case 10:
      return `ISBN 978-${int(rnd, 0, 9)}-${digits(rnd, 2)}-${digits(rnd, 6)}-${int(rnd, 0, 9)}`;
    case 11:
      return `EAN ${digits(rnd, 13)}`;
    case 12:
      return `${pad(int(rnd, 0, 23))}:${pad(int(rnd, 0, 59))}`;
    case 13:
      return `${int(rnd, 1, 999)} ${digits(rnd, 3)} ${digits(rnd, 3)} inhabitants`;
    case 14:
      return `Rechnung ${digits(rnd, 10)}`;
    case 15:
      return `v${int(rnd, 1, 9)}.${int(rnd, 0, 20)}.${int(rnd, 0, 99)}`;
    case 16:
      return `build 10.0.${int(rnd, 10000, 22631)}`;
    case 17:
      return `${int(rnd, 1, 5000)} kg`;
    case 18:
      return `Case ${digits(rnd, 8)}`;
    default:
      return `weight ${int(rnd, 1, 999)}.${digits(rnd, 3)} t`;
  }
}

function phoneField(rnd: Rand, country: string, defaultCountry: string, withLabel: boolean, shapes: NumberShapes): PhoneField {
  const p = randomNumber(rnd, country, shapes);
  const nationalOk = country === defaultCountry;
  let display: string | undefined;
  let layout = '';
  for (let tries = 0; tries < 20 && !display; tries++) {
    const l = pick(rnd, LAYOUTS);
    if (l.national && !nationalOk) continue;
    display = l.render(p, rnd);
    layout = l.name;
    // "00…" is the international prefix in most but not all countries: skip it where the same
    // digits are also a valid national number of the page country (JP 0078… toll-free numbers).
    if (display && l.name === 'idd-00') {
      const national = parsePhoneNumberFromString(display, defaultCountry as CountryCode, metadata);
      if (national?.isValid() && national.number !== p.number) display = undefined;
    }
  }
  if (!display) {
    display = p.formatInternational();
    layout = 'international';
  }
  let e164: string = p.number;
  if (rnd() < 0.08) {
    const ext = String(int(rnd, 1, 9999));
    const marker = country === 'CN' && rnd() < 0.5 ? '转' : pick(rnd, EXTS);
    display += `${marker}${ext}`;
    e164 += `;ext=${ext}`;
    layout += '+ext';
  }
  const label = withLabel ? pick(rnd, LABELS) : '';
  const sep = label === '' || label.endsWith('：') || label === '手机' ? '' : ' ';
  const prefix = `${label}${sep}`;
  return { display: prefix + display, e164, country, layout, numberStart: prefix.length, numberEnd: prefix.length + display.length };
}

export interface RowOptions {
  seed?: number;
  /** Country of the page (national numbers of this country are written nationally). Default 'DE'. */
  defaultCountry?: string;
  /** Share of numbers from other countries (written internationally). Default 0.3. */
  foreignShare?: number;
}

/** `count` CRM rows with one or two phone numbers each. */
export function generateBusinessRows(count: number, opts: RowOptions = {}): BusinessRow[] {
  const rnd = prng(opts.seed ?? 42);
  const dc = opts.defaultCountry ?? 'DE';
  const foreign = opts.foreignShare ?? 0.3;
  const shapes: NumberShapes = new Map();
  const rows: BusinessRow[] = [];
  for (let i = 0; i < count; i++) {
    const first = pick(rnd, FIRST);
    const last = pick(rnd, LAST);
    const [postal, city] = pick(rnd, CITIES);
    const country = rnd() < foreign ? pick(rnd, BENCH_COUNTRIES) : dc;
    const row: BusinessRow = {
      name: `${first} ${last}`,
      email: `${`${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '')}${int(rnd, 1, 99)}@example.com`,
      company: pick(rnd, COMPANIES),
      address: `${pick(rnd, STREETS)} ${int(rnd, 1, 250)}, ${postal} ${city}`,
      phone: phoneField(rnd, country, dc, false, shapes),
      date: randomDate(rnd),
      orderId: randomOrderId(rnd),
      price: randomPrice(rnd),
    };
    if (rnd() < 0.4) row.phone2 = phoneField(rnd, rnd() < 0.5 ? dc : pick(rnd, BENCH_COUNTRIES), dc, false, shapes);
    rows.push(row);
  }
  return rows;
}

export interface LabelledNumber {
  start: number;
  end: number;
  /** E.164, with `;ext=N` when the text carries an extension. */
  number: string;
}

export interface BusinessText {
  text: string;
  defaultCountry: string;
  expected: LabelledNumber[];
}

/**
 * About `bytes` UTF-16 units of mixed business text for one default country: CRM lines, notes,
 * CSV, e-mail signatures and trap-only lines. `expected` lists every true phone number.
 */
export function generateBusinessText(opts: { bytes: number; seed?: number; defaultCountry?: string }): BusinessText {
  const rnd = prng((opts.seed ?? 7) ^ 0x9e3779b9);
  const dc = opts.defaultCountry ?? 'DE';
  const shapes: NumberShapes = new Map();
  const parts: string[] = [];
  const expected: LabelledNumber[] = [];
  let length = 0;
  const emit = (s: string) => {
    parts.push(s);
    length += s.length;
  };
  const emitPhone = (f: PhoneField) => {
    expected.push({ start: length + f.numberStart, end: length + f.numberEnd, number: f.e164 });
    emit(f.display);
  };
  const foreignCountry = () => (rnd() < 0.35 ? pick(rnd, BENCH_COUNTRIES) : dc);
  while (length < opts.bytes) {
    const kind = int(rnd, 0, 9);
    const name = `${pick(rnd, FIRST)} ${pick(rnd, LAST)}`;
    if (kind <= 2) {
      emit(`${name} | ${name.toLowerCase().replace(/[^a-z]/g, '.')}@example.com | `);
      emitPhone(phoneField(rnd, foreignCountry(), dc, true, shapes));
      emit(` | ${randomOrderId(rnd)} | ${randomDate(rnd)} | ${randomPrice(rnd)}\n`);
    } else if (kind === 3) {
      const [postal, city] = pick(rnd, CITIES);
      emit(`${name}, ${pick(rnd, COMPANIES)}, ${pick(rnd, STREETS)} ${int(rnd, 1, 250)}, ${postal} ${city}. `);
      emitPhone(phoneField(rnd, foreignCountry(), dc, true, shapes));
      emit(`. Invoice ${randomOrderId(rnd)} dated ${randomDate(rnd)} for ${randomPrice(rnd)}; discount ${int(rnd, 1, 40)}%.\n`);
    } else if (kind === 4) {
      emit(`${name};${randomDate(rnd)};`);
      emitPhone(phoneField(rnd, foreignCountry(), dc, false, shapes));
      emit(`;${randomPrice(rnd)};${randomTrap(rnd)}\n`);
    } else if (kind === 5) {
      emit(`Ticket ${int(rnd, 1_000_000, 9_999_999)} opened ${randomDate(rnd)} by ${name}: ${randomTrap(rnd)}, ${randomTrap(rnd)}. Please call back on `);
      emitPhone(phoneField(rnd, foreignCountry(), dc, false, shapes));
      emit(rnd() < 0.5 ? ', ' : ' / ');
      emitPhone(phoneField(rnd, foreignCountry(), dc, false, shapes));
      emit('.\n');
    } else if (kind === 6) {
      emit(`--\n${name}\n${pick(rnd, COMPANIES)}\n`);
      emitPhone(phoneField(rnd, foreignCountry(), dc, true, shapes));
      emit('\n');
      emitPhone(phoneField(rnd, foreignCountry(), dc, true, shapes));
      emit(`\n${name.toLowerCase().replace(/[^a-z]/g, '')}@example.com\n\n`);
    } else {
      // Trap-only lines: the bulk of what a CRM page also shows.
      emit(`${randomOrderId(rnd)} | ${randomDate(rnd)} | ${randomPrice(rnd)} | ${randomTrap(rnd)} | ${randomTrap(rnd)} | ${randomTrap(rnd)}\n`);
    }
  }
  return { text: parts.join(''), defaultCountry: dc, expected };
}

/**
 * Text made only of non-phone numbers (dates, prices, ids, IBANs, IPs, versions, measures...):
 * every find in it is a false positive.
 */
export function generateTrapText(opts: { bytes: number; seed?: number }): string {
  const rnd = prng((opts.seed ?? 11) ^ 0x5bd1e995);
  const parts: string[] = [];
  let length = 0;
  while (length < opts.bytes) {
    const line = `${randomOrderId(rnd)} | ${randomDate(rnd)} | ${randomPrice(rnd)} | ${randomTrap(rnd)} | ${randomTrap(rnd)}\n`;
    parts.push(line);
    length += line.length;
  }
  return parts.join('');
}
