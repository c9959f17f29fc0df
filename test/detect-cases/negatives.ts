/**
 * Negatives: text that holds digits but no phone number, of the kinds pages are full of (dates,
 * times, prices, ids, IBANs, card numbers, IPs, versions, coordinates, postal codes) and digit
 * runs broken by an unbalanced parenthesis, each drawn at random and put in a sentence.
 */
import type { Case } from './written';
import type { Rng } from './sample';
import { inScript, inSentence, LANGS } from './sentences';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const digits = (rng: Rng, n: number, first = '123456789'): string => {
  let s = first[rng.int(first.length)]!;
  while (s.length < n) s += String(rng.int(10));
  return s;
};

function date(rng: Rng): string {
  const y = 1990 + rng.int(40);
  const m = 1 + rng.int(12);
  const d = 1 + rng.int(28);
  const hm = `${pad(rng.int(24))}:${pad(rng.int(60))}`;
  return rng.pick([
    `${d}.${m}.${y}`,
    `${pad(d)}.${pad(m)}.${y}`,
    `${y}-${pad(m)}-${pad(d)}`,
    `${pad(m)}/${pad(d)}/${y}`,
    `${pad(d)}/${pad(m)}/${y}`,
    `${pad(d)}-${pad(m)}-${y}`,
    `${y}/${pad(m)}/${pad(d)}`,
    `${y}${pad(m)}${pad(d)}`,
    `${pad(d)}.${pad(m)}.${pad(y % 100)}`,
    `${y}年${m}月${d}日`,
    `${y}-${pad(m)}-${pad(d)} ${hm}:${pad(rng.int(60))}`,
    `${pad(d)}.${pad(m)}.${y} ${hm}`,
    `${y}-${pad(m)}-${pad(d)}T${hm}:00Z`,
  ]);
}

function time(rng: Rng): string {
  const t = (): string => `${pad(rng.int(24))}:${pad(rng.int(60))}`;
  return rng.pick([t(), `${t()}:${pad(rng.int(60))}`, `${t()} – ${t()}`, `${t()}-${t()}`]);
}

function grouped(n: string, sep: string, size = 3): string {
  let out = '';
  for (let i = 0; i < n.length; i++) {
    if (i > 0 && (n.length - i) % size === 0) out += sep;
    out += n[i];
  }
  return out;
}

function price(rng: Rng): string {
  const n = digits(rng, 4 + rng.int(7));
  const c = String(rng.int(100)).padStart(2, '0');
  return rng.pick([
    `$${grouped(n, ',')}.${c}`,
    `${grouped(n, '.')},${c} €`,
    `€ ${grouped(n, '.')}`,
    `¥${grouped(n, ',')}`,
    `USD ${n}`,
    `${n} EUR`,
    `${grouped(n, ' ')} €`,
    `£${grouped(n, ',')}`,
    `R$ ${grouped(n, '.')},${c}`,
    `${n}元`,
    `CHF ${grouped(n, "'")}.${c}`,
  ]);
}

function id(rng: Rng): string {
  const n = digits(rng, 7 + rng.int(4), '0123456789');
  return rng.pick([
    `Order #${n}`,
    `Order No. ${n}`,
    `Order No.${n}`,
    `Art.No.${n}`,
    `Ref.No.${n}`,
    `Invoice No.${n}`,
    `Invoice ${n}`,
    `INV-${2000 + rng.int(30)}-${n.slice(0, 5)}`,
    `Ticket ${n}`,
    `SKU: ${n}`,
    `Ref. ${n.slice(0, 4)} ${n.slice(4)}`,
    `Kundennummer ${n}`,
    `Bestellnummer: ${n}`,
    `Rechnungsnr. ${n}`,
    `N° de commande ${n}`,
    `Pedido ${n}`,
    `订单号${n}`,
    `注文番号 ${n}`,
    `ID: ${n}`,
  ]);
}

/** A valid IBAN (mod 97 check digits) of a digits-only BBAN, printed in blocks of four or compact. */
function iban(rng: Rng): string {
  const [cc, len, bank] = rng.pick([
    ['DE', 18, ''],
    ['ES', 20, ''],
    ['FR', 23, ''],
    ['NL', 10, 'ABNA'],
    ['GB', 14, 'NWBK'],
    ['AT', 16, ''],
  ] as const);
  const bban = bank + digits(rng, len, '0123456789');
  const numeric = `${bban}${cc}00`.replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  let mod = 0;
  for (const ch of numeric) mod = (mod * 10 + Number(ch)) % 97;
  const s = `${cc}${pad(98 - mod)}${bban}`;
  return rng.chance(0.7) ? (s.match(/.{1,4}/g) ?? []).join(' ') : s;
}

/** A Luhn-valid card number in its printed layout. */
function card(rng: Rng): string {
  const amex = rng.chance(0.2);
  const body = amex ? `3${rng.pick(['4', '7'])}${digits(rng, 12, '0123456789')}` : `${rng.pick(['4', '5'])}${digits(rng, 14, '0123456789')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let v = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
  }
  const n = body + String((10 - (sum % 10)) % 10);
  if (amex) return `${n.slice(0, 4)} ${n.slice(4, 10)} ${n.slice(10)}`;
  const sep = rng.pick([' ', '-', '']);
  return (n.match(/.{4}/g) ?? []).join(sep);
}

function ip(rng: Rng): string {
  return [1 + rng.int(254), rng.int(256), rng.int(256), 1 + rng.int(254)].join('.');
}

function version(rng: Rng): string {
  const v = `${1 + rng.int(20)}.${rng.int(10)}.${rng.int(30000)}`;
  return rng.pick([`v${v}`, `Version ${v}`, `Chrome ${100 + rng.int(40)}.0.${4000 + rng.int(3000)}.${rng.int(200)}`, `build ${v}`]);
}

function coordinates(rng: Rng): string {
  const lat = (rng.next() * 180 - 90).toFixed(4);
  const lon = (rng.next() * 360 - 180).toFixed(4);
  return rng.pick([`${lat}, ${lon}`, `${lat},${lon}`, `${1 + rng.int(89)}°${rng.int(60)}′${rng.int(60)}″N ${1 + rng.int(179)}°${rng.int(60)}′${rng.int(60)}″W`]);
}

function postal(rng: Rng): string {
  const five = digits(rng, 5, '0123456789');
  return rng.pick([
    `${five}-${digits(rng, 4, '0123456789')}`,
    `D-${five} Berlin`,
    `${five} München`,
    `〒${digits(rng, 3)}-${digits(rng, 4, '0123456789')}`,
    `CEP ${five}-${digits(rng, 3, '0123456789')}`,
    `${digits(rng, 4)} AB Amsterdam`,
    `${digits(rng, 3)} ${digits(rng, 3, '0123456789')}, New Delhi`,
  ]);
}

/**
 * A digit run of phone length broken by a parenthesis that is never closed or never opened.
 * "12) 0301234567" with one or two digits before ") " is a numbered list, not a trap: not drawn.
 */
function unbalanced(rng: Rng): string {
  const d = digits(rng, 9 + rng.int(3), '0123456789');
  const k = 2 + rng.int(d.length - 5);
  const closed = k >= 3 ? `${d.slice(0, k)}) ${d.slice(k)}` : `${d.slice(0, k)})${d.slice(k)}`;
  return rng.pick([closed, `${d.slice(0, k)} (${d.slice(k)}`, `${d.slice(0, k)})${d.slice(k)}`]);
}

const KINDS = { date, time, price, id, iban, card, ip, version, coordinates, postal, unbalanced } as const;
const PAGES = ['US', 'DE', 'GB', 'FR', 'IN', 'BR', 'JP', 'CN', 'AU', 'RU', 'ES', 'TR', 'VN', 'AR', 'KR', 'ZZ'];

export function negatives(rng: Rng, perKind: number): Case[] {
  const out: Case[] = [];
  for (const [kind, make] of Object.entries(KINDS)) {
    for (let i = 0; i < perKind; i++) {
      const lang = rng.pick(LANGS);
      let s = make(rng);
      if (lang === 'ar' && rng.chance(0.3)) s = inScript(s, 'arabic');
      out.push({ text: inSentence(s, lang, rng, 'unlabelled').text, country: rng.pick(PAGES), expected: [], form: `neg-${kind}` });
    }
  }
  return out;
}
