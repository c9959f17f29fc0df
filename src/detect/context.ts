/**
 * Context rules: what the words and symbols around a digit run say about it. A number right
 * after "Order", "IBAN" or "$" is not a phone number; one after "Tel." or "电话" is.
 * All checks look at a bounded window (a few dozen code units), so they cost O(1) per candidate.
 */
import { isCjk, isCurrencySymbol, isDash, isDigit, isSpace, isWordLetter } from './chars';

/**
 * Words that announce a phone number (lower case). Directly attached ("Tel+49…", "T:030…") is fine.
 * A label lets a short national number (Andorra "312 345") or a date/IP look-alike ("Tel:
 * 70.12.34.56", Burkina Faso) through, so only unambiguous words are here (not "office", "home").
 */
const PHONE_LABELS = new Set([
  'tel',
  'tél',
  'tele',
  'tlf',
  'tfn',
  'telf',
  'teléf',
  'phone',
  'phones',
  'telephone',
  'téléphone',
  'telefon',
  'telefono',
  'teléfono',
  'telefone',
  'telephono',
  'ph',
  'mob',
  'mobile',
  'mobil',
  'móvil',
  'movil',
  'cellulare',
  'cell',
  'cellphone',
  'handy',
  'portable',
  'fax',
  'telefax',
  'call',
  'calls',
  'dial',
  'hotline',
  'helpline',
  'whatsapp',
  'sms',
  'mobiel',
  'telefoon',
  'tfno',
  'celular',
  'cel',
  'fixe',
  'т',
  'тел',
  'телефон',
  'моб',
  'факс',
  'telp',
  'hp',
  'kom',
  'tlf',
  'đt',
  'sđt',
  'τηλ',
  'κιν',
  'هاتف',
  'جوال',
  'טל',
  'טלפון',
  'נייד',
  't',
  'm',
  'f',
]);

/** ISO currency codes that, next to digits, make them an amount. */
const CURRENCY_CODES = ['usd', 'eur', 'gbp', 'jpy', 'cny', 'rmb', 'chf', 'cad', 'aud', 'inr', 'brl', 'mxn', 'rub', 'zar', 'aed', 'sgd', 'hkd', 'twd', 'krw', 'sek', 'nok', 'dkk', 'pln', 'czk', 'huf'];

/** Words after which a digit run is an identifier, amount or code, not a phone number. */
const BLOCKED_WORDS = new Set([
  'order',
  'orders',
  'ord',
  'invoice',
  'inv',
  'invoices',
  'bill',
  'receipt',
  'sku',
  'isbn',
  'issn',
  'iban',
  'blz',
  'bsb',
  'aba',
  'clabe',
  'rib',
  'sepa',
  'bic',
  'swift',
  'ean',
  'upc',
  'gtin',
  'asin',
  'mpn',
  'ticket',
  'tickets',
  'case',
  'ref',
  'reference',
  'id',
  'uid',
  'pid',
  'account',
  'acct',
  'acc',
  'konto',
  'tracking',
  'track',
  'shipment',
  'parcel',
  'awb',
  'serial',
  'sn',
  'version',
  'ver',
  'v',
  'build',
  'rev',
  'revision',
  'release',
  'po',
  'policy',
  'claim',
  'contract',
  'vat',
  'tax',
  'tin',
  'ssn',
  'ein',
  'passport',
  'license',
  'licence',
  'model',
  'part',
  'item',
  'article',
  'art',
  'product',
  'lot',
  'batch',
  'patent',
  'zip',
  'postcode',
  'plz',
  'cap',
  'cp',
  'transaction',
  'txn',
  'booking',
  'reservation',
  'confirmation',
  'pnr',
  'customer',
  'client',
  'member',
  'membership',
  'card',
  'routing',
  'sort',
  'bestellung',
  'bestellnummer',
  'rechnung',
  'rechnungsnummer',
  'rechnungsnr',
  'kundennummer',
  'kundennr',
  'auftrag',
  'auftragsnummer',
  'artikel',
  'artikelnummer',
  'vorgang',
  'aktenzeichen',
  'commande',
  'facture',
  'référence',
  'reference',
  'dossier',
  'pedido',
  'factura',
  'referencia',
  'ordine',
  'fattura',
  'bestelling',
  'factuur',
  'kvk',
  'iva',
  'piva',
  'nif',
  'cif',
  'nie',
  'tva',
  'btw',
  'mwst',
  'ico',
  'dic',
  'regon',
  'nip',
  'pesel',
  'krs',
  'oib',
  'jmbg',
  'itin',
  'nzbn',
  'rut',
  'ruc',
  'nit',
  'cuit',
  'cuil',
  'dni',
  'nss',
  'bsn',
  'svnr',
  'ust',
  'ustid',
  'steuernummer',
  'siret',
  'siren',
  'cnpj',
  'cpf',
  'rfc',
  'curp',
  'abn',
  'acn',
  'gst',
  'gstin',
  'pan',
  'aadhaar',
  'nric',
  'inn',
  'ogrn',
  'kpp',
  'заказ',
  'счет',
  'счёт',
  'инн',
  'огрн',
  'page',
  'pages',
  'pp',
  'room',
  'suite',
  'flight',
  'train',
  'ip',
  'port',
  'pin',
  'otp',
  'code',
  'password',
  'year',
  'years',
  'since',
  'until',
  'between',
  'total',
  'sum',
  'amount',
  'price',
  'cost',
  'balance',
  ...CURRENCY_CODES,
  'rs',
  'r',
  'kr',
  'sfr',
  'fr',
  'eans',
  'timestamp',
  'epoch',
  'unix',
]);

/** Words like "No." that need the word before them to decide ("Phone No." vs "Order No."). */
const NUMBER_WORDS = new Set([
  'no',
  'nr',
  'nos',
  'num',
  'number',
  'numbers',
  'nummer',
  'numero',
  'número',
  'numéro',
  'n',
  'nº',
  'n°',
  'nо',
  'номер',
  '#',
]);

/** CJK labels (substring of the few characters before the number). Checked before the blocked list. */
const CJK_LABELS = [
  '电话',
  '電話',
  '手机',
  '手機',
  '传真',
  '傳真',
  '座机',
  '联系',
  '聯絡',
  '聯繫',
  '热线',
  '熱線',
  '携帯',
  '携带',
  '固定',
  '전화',
  '휴대폰',
  '핸드폰',
  '팩스',
  '연락처',
  '번호',
];

const CJK_BLOCKED = [
  '订单',
  '訂單',
  '单号',
  '單號',
  '编号',
  '編號',
  '发票',
  '發票',
  '账号',
  '帳號',
  '账户',
  '帳戶',
  '卡号',
  '卡號',
  '身份',
  '邮编',
  '郵編',
  '郵遞',
  '金额',
  '金額',
  '价格',
  '價格',
  '合计',
  '合計',
  '番号',
  '注文',
  '請求',
  '口座',
  '郵便',
  '〒',
  '価格',
  '税込',
  '주문',
  '계좌',
  '송장',
  '우편',
  '가격',
  '运单',
  '運單',
  '快递',
  '工单',
  '批号',
  '型号',
  '型號',
  '版本',
];

/** Characters after a number that make it an amount, count or date part (元, 円, 年, 号...). */
const CJK_SUFFIX_BLOCK = '元円圆圓块塊萬万億亿원원号號位個个件名人次年月日時时分秒회개명건점';

/** Unit and currency words that follow measurements and amounts. Matched case-sensitively first, then lower-cased. */
const UNIT_WORDS = new Set([
  'mm',
  'cm',
  'dm',
  'm',
  'km',
  'mi',
  'ft',
  'yd',
  'kg',
  'g',
  'mg',
  'µg',
  't',
  'lb',
  'lbs',
  'oz',
  'ml',
  'l',
  'cl',
  'dl',
  'gal',
  'kwh',
  'mwh',
  'kw',
  'mw',
  'w',
  'v',
  'kv',
  'mv',
  'a',
  'ma',
  'mah',
  'hz',
  'khz',
  'mhz',
  'ghz',
  'b',
  'kb',
  'mb',
  'gb',
  'tb',
  'pb',
  'kib',
  'mib',
  'gib',
  'bit',
  'bits',
  'bytes',
  'bps',
  'kbps',
  'mbps',
  'gbps',
  'px',
  'pt',
  'dpi',
  'ms',
  'µs',
  'ns',
  's',
  'sec',
  'secs',
  'min',
  'mins',
  'h',
  'hr',
  'hrs',
  'd',
  'mph',
  'kmh',
  'psi',
  'pa',
  'kpa',
  'hpa',
  'cal',
  'kcal',
  'kj',
  'pcs',
  'pc',
  'stk',
  'stück',
  'units',
  'items',
  'users',
  'views',
  'visits',
  'downloads',
  'times',
  'people',
  'persons',
  'employees',
  'inhabitants',
  'einwohner',
  'habitants',
  'rpm',
  'sqm',
  'sqft',
  'ha',
  'acres',
  'qm',
  'tons',
  'tonnes',
  'liters',
  'litres',
  'meters',
  'metres',
  'miles',
  'km²',
  'm²',
  'm³',
  ...CURRENCY_CODES,
  'euro',
  'euros',
  'dollars',
  'dollar',
  'yen',
  'yuan',
  'rupees',
  'rubles',
  'руб',
  'р',
  'zł',
  'zl',
  'kč',
  'ft',
  'lei',
  'kn',
  'rs',
  'fr',
  'chf',
  'kr',
  'bn',
  'mn',
  'mio',
  'mrd',
  'million',
  'millions',
  'billion',
  'tsd',
  'k',
  'x',
]);

export const Left = { Neutral: 0, Label: 1, Reject: 2 } as const;
export type Left = (typeof Left)[keyof typeof Left];

const MAX_WORD = 24;

/** Reads the letter word ending at `end` (exclusive), lower-cased, or '' if none / too long. */
function wordEndingAt(text: string, end: number): { word: string; start: number } {
  let i = end;
  while (i > 0 && end - i <= MAX_WORD && isWordLetter(text.charCodeAt(i - 1))) i--;
  if (i === end || end - i > MAX_WORD) return { word: '', start: end };
  return { word: text.slice(i, end).toLowerCase(), start: i };
}

function cjkTail(text: string, end: number): string {
  let i = end;
  while (i > 0 && end - i < 6 && isCjk(text.charCodeAt(i - 1))) i--;
  return text.slice(i, end);
}

function cjkVerdict(tail: string): Left {
  for (const l of CJK_LABELS) if (tail.includes(l)) return Left.Label;
  for (const b of CJK_BLOCKED) if (tail.includes(b)) return Left.Reject;
  return Left.Neutral;
}

/** Skips back over label punctuation and spaces (": ", " #", ". ", " - ", "：") by at most 6 units. */
function skipLabelPunct(text: string, pos: number): number {
  let i = pos;
  const limit = Math.max(0, pos - 6);
  while (i > limit) {
    const c = text.charCodeAt(i - 1);
    if (isSpace(c) || c === 0x3a || c === 0xff1a || c === 0x2e || isDash(c) || c === 0x09 || c === 0x3d) i--;
    else break;
  }
  return i;
}

/**
 * Judges the text before a candidate starting at `start` (its first digit, `+` or `(`).
 */
export function leftContext(text: string, start: number): Left {
  if (start === 0) return Left.Neutral;
  const c = text.charCodeAt(start - 1);
  // Directly attached letters: "ABC12345678" is an id, "Tel+49…" / "T030…" a label.
  if (isWordLetter(c)) {
    const { word, start: ws } = wordEndingAt(text, start);
    // "3M02 606", "A1B2…": letters between digits make an alphanumeric code, whatever the letters.
    if (ws > 0 && isDigit(text.charCodeAt(ws - 1))) return Left.Reject;
    return PHONE_LABELS.has(word) ? Left.Label : Left.Reject;
  }
  if (isCjk(c)) return cjkVerdict(cjkTail(text, start));
  // "$4155550132", "#100234567", "№ 123", "@4155…": amounts, ids, handles.
  if (isCurrencySymbol(c) || c === 0x23 || c === 0x2116 || c === 0x40 || c === 0xff03 || c === 0x3012) return Left.Reject;
  // "INV-2024…", "/item/4155…", "v1.2", "id=…", "a_1234": glued to an identifier.
  if (c === 0x5f || c === 0x5c || c === 0x3d || c === 0x26 || c === 0x3f || c === 0x25) return Left.Reject;
  if (isDash(c) || c === 0x2f || c === 0x2e || c === 0x3a || c === 0xff1a) {
    if (start >= 2) {
      const b = text.charCodeAt(start - 2);
      if (isDigit(b)) return c === 0x3a || c === 0xff1a || c === 0x2e ? Left.Reject : Left.Neutral;
      if (isWordLetter(b)) {
        const { word } = wordEndingAt(text, start - 1);
        if (PHONE_LABELS.has(word)) return Left.Label;
        if (c === 0x3a || c === 0xff1a) return wordVerdict(text, start - 1);
        return Left.Reject;
      }
      if (isCjk(b)) return cjkVerdict(cjkTail(text, start - 1));
    }
  }
  return wordVerdict(text, start);
}

/** German/Dutch/Scandinavian compounds: "Telefonnummer", "Rufnummer" are labels; "Vertragsnummer", "Kundennr" ids. */
const PHONE_STEMS = ['tel', 'ruf', 'handy', 'mobil', 'fax', 'funk', 'durchwahl', 'notruf', 'service', 'hotline', 'kontakt'];
function compoundVerdict(word: string): Left {
  if (word.length < 5) return Left.Neutral;
  if (!(word.endsWith('nummer') || word.endsWith('nr') || word.endsWith('nummern') || word.endsWith('nummber') || word.endsWith('numero'))) return Left.Neutral;
  for (const stem of PHONE_STEMS) if (word.startsWith(stem)) return Left.Label;
  return Left.Reject;
}

/** Looks past spaces and label punctuation for a word, currency symbol or code before `pos`. */
function wordVerdict(text: string, pos: number): Left {
  let i = skipLabelPunct(text, pos);
  // "#", "№", "No." chains: "Order No. 12345678", "Phone No.: 030…", "Ticket #8812345".
  if (i === 0) return Left.Neutral;
  const c = text.charCodeAt(i - 1);
  if (isCurrencySymbol(c)) return Left.Reject;
  if (c === 0x23 || c === 0x2116) {
    i = skipLabelPunct(text, i - 1);
    const prev = wordEndingAt(text, i);
    if (prev.word === '') return Left.Reject;
    return PHONE_LABELS.has(prev.word) ? Left.Label : Left.Reject;
  }
  if (isCjk(c)) return cjkVerdict(cjkTail(text, i));
  if (c === 0xb0 || c === 0xba) {
    // "N°" / "Nº"
    const prev = wordEndingAt(text, i - 1);
    if (prev.word === 'n') {
      i = skipLabelPunct(text, prev.start);
      const w = wordEndingAt(text, i);
      return PHONE_LABELS.has(w.word) ? Left.Label : Left.Reject;
    }
    return Left.Neutral;
  }
  if (!isWordLetter(c)) return Left.Neutral;
  const { word, start } = wordEndingAt(text, i);
  if (word === '') return Left.Neutral;
  if (PHONE_LABELS.has(word)) return Left.Label;
  if (BLOCKED_WORDS.has(word)) return Left.Reject;
  const compound = compoundVerdict(word);
  if (compound !== Left.Neutral) return compound;
  if (NUMBER_WORDS.has(word)) {
    const next = skipLabelPunct(text, start);
    const w = wordEndingAt(text, next);
    if (PHONE_LABELS.has(w.word)) return Left.Label;
    if (BLOCKED_WORDS.has(w.word)) return Left.Reject;
    // "No. 12345678" on its own is an id; "Number: 030 1234567" is a phone label.
    return word.length <= 3 ? Left.Reject : Left.Neutral;
  }
  return Left.Neutral;
}

/**
 * Judges the text after a candidate ending at `end` (exclusive; after its last digit or extension).
 * Returns true when the candidate must be rejected.
 */
export function rightRejects(text: string, end: number): boolean {
  const n = text.length;
  if (end >= n) return false;
  const c = text.charCodeAt(end);
  if (isWordLetter(c)) return true; // "4155550132abc", "12345678kg"
  if (c === 0x25 || c === 0x2030 || c === 0xb0 || c === 0x40 || c === 0xff05 || c === 0x2032 || c === 0x2033)
    return true; // % ‰ ° @ ％ ′ ″
  if (isCurrencySymbol(c)) return true;
  if (isCjk(c)) return CJK_SUFFIX_BLOCK.includes(text[end] ?? '');
  const d = end + 1 < n ? text.charCodeAt(end + 1) : 0;
  // "…0132,50" (decimals) but not "…0132,0171 …" (a list) or "…0132,Anna" (CSV).
  if (c === 0x2c) {
    if (!isDigit(d)) return false;
    let k = end + 1;
    while (k < n && k - end <= 4 && isDigit(text.charCodeAt(k))) k++;
    return k - end - 1 <= 3;
  }
  // "…0132.jpg", "…/path", "…_x", "…-A", "…:30"
  if (c === 0x2e || c === 0x2f || c === 0x5f || c === 0x5c || c === 0x3a || c === 0x3d) {
    if (isWordLetter(d) || isDigit(d)) return true;
  }
  if (isDash(c) && (isWordLetter(d) || isDigit(d))) return true;
  // One or two spaces, then a unit or currency: "1500000 mm", "1 234 567 €", "4500 USD".
  let i = end;
  while (i < n && i - end < 2 && isSpace(text.charCodeAt(i))) i++;
  if (i === end) return false;
  if (i >= n) return false;
  const e = text.charCodeAt(i);
  if (isCurrencySymbol(e) || e === 0x25 || e === 0xb0) return true;
  if (isCjk(e)) return CJK_SUFFIX_BLOCK.includes(text[i] ?? '');
  if (!isWordLetter(e)) return false;
  let j = i;
  while (j < n && j - i < 12 && (isWordLetter(text.charCodeAt(j)) || text.charCodeAt(j) === 0xb2 || text.charCodeAt(j) === 0xb3)) j++;
  if (j < n && (isWordLetter(text.charCodeAt(j)) || isDigit(text.charCodeAt(j)))) return false;
  const word = text.slice(i, j);
  // Single letters are units only in lower case ("12 m", "5 g"); "… A" or "… T" can start a sentence,
  // and x/a/s/d/h are words or abbreviations too often ("s'il", "d'", "h.").
  if (word.length === 1) return !'xasdh'.includes(word) && UNIT_WORDS.has(word);
  return UNIT_WORDS.has(word.toLowerCase());
}

