/**
 * The ways one number is written, each from libphonenumber-js's own formatting and metadata:
 * national, national without the trunk prefix where the format allows it, international,
 * E.164, RFC 3966, dialled through a region's own IDD prefix (sampled from the metadata's IDD
 * pattern, or its preferred prefix with `~`), with extensions, in other digit scripts, glued to a
 * word before a parenthesis, with irregular spaces, after a glued label, short numbers regrouped.
 */
import { type CountryCode, getCountries, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import { metadata, type SourceNumber } from './numbers';
import { type Rng, samplePattern } from './sample';
import { inScript, inSentence, LANGS, type Label, type Lang } from './sentences';

export interface Case {
  text: string;
  /** Default country passed to the detector ('ZZ': only international numbers count). */
  country: string;
  /** Expected E.164 numbers, `;ext=` appended where an extension is written. */
  expected: string[];
  form: string;
}

const REGIONS = getCountries(metadata);
/** Regions whose own IDD prefix is not 00 (the issue names them), besides random ones. */
const IDD_REGIONS: readonly CountryCode[] = ['US', 'CA', 'AU', 'JP', 'KR', 'RU', 'BY', 'KZ', 'UA', 'BR', 'CO', 'CL', 'SG', 'TH', 'HK', 'CN', 'IL', 'ID', 'MN', 'KE', 'NG', 'TW'];
const OTHER_PAGES: readonly string[] = ['US', 'DE', 'GB', 'FR', 'IN', 'BR', 'JP', 'CN', 'ZZ'];
const GLUED_WORDS: readonly string[] = ['Büro', 'Zürich', 'Téléphone', 'Bogotá', 'Office', 'Kontakt', 'Teléfono', 'Oficina', 'São Paulo', 'Ciudad'];
const GLUED_LABELS: readonly string[] = ['Tel.No.', 'Mobile No.', 'FAX No.', 'Ph.No.', 'Phone No.', 'Mob.No.', 'Tel.', 'Mob:', 'Fax:', 'Tel:'];
const EXT_STYLES = [
  ['ext-word', ' ext. '],
  ['ext-x', ' x'],
  ['ext-slash', '/'],
  ['ext-tilde', '~'],
] as const;

const digitsOf = (s: string): string => s.replace(/[^0-9]/g, '');

/** The IDD prefix a person in `region` dials: the preferred one (may hold `~`) or one the IDD pattern matches. */
export function iddPrefix(region: CountryCode, rng: Rng): string | undefined {
  const a = metadata.countries[region] as unknown[] | undefined;
  const idd = a?.[1];
  const preferred = a?.[12];
  if (typeof preferred === 'string' && preferred && rng.chance(0.5)) return preferred;
  return typeof idd === 'string' && idd ? samplePattern(idd, rng) : undefined;
}

/** libphonenumber's own reading of the digits written, from `country`: the label is kept only when it agrees. */
function libraryReads(written: string, country: string, e164: string): boolean {
  const d = digitsOf(written);
  const p =
    country === 'ZZ' || written.trimStart().startsWith('+') || written.startsWith('tel:')
      ? parsePhoneNumberFromString(`+${d}`, metadata)
      : parsePhoneNumberFromString(d, country as CountryCode, metadata);
  return p?.number === e164;
}

interface AddOptions {
  ext?: string;
  lang?: Lang;
  label?: Label;
  /** The form writes its own label before the number (glued labels). */
  ownLabel?: boolean;
  text?: (w: string) => string;
}

function isValidDigits(written: string, country: string): boolean {
  const d = digitsOf(written);
  const p =
    country === 'ZZ' ? parsePhoneNumberFromString(`+${d}`, metadata) : parsePhoneNumberFromString(d, country as CountryCode, metadata);
  return p?.isValid() ?? false;
}

class Writer {
  readonly out: Case[] = [];
  constructor(private readonly rng: Rng) {}

  /** Adds a case for `written` (plain number text) if libphonenumber reads it as `e164`. */
  add(form: string, written: string, country: string, e164: string, opts: AddOptions = {}): void {
    if (!libraryReads(written, country, e164)) return;
    const shown = opts.ext ? written + opts.ext : written;
    // Short numbers (Andorra "312 345", Australia's "13 15 00") are numbers only after a label.
    const short = digitsOf(written).length < 7;
    if (short && opts.label === 'unlabelled' && !opts.ownLabel) return;
    const lang = opts.lang ?? this.rng.pick(LANGS);
    const body = opts.text ? opts.text(shown) : shown;
    const placed = inSentence(body, lang, this.rng, short && !opts.ownLabel ? 'labelled' : (opts.label ?? 'any'));
    const ext = opts.ext ? digitsOf(opts.ext) : '';
    this.out.push({ text: placed.text, country, expected: [ext ? `${e164};ext=${ext}` : e164], form });
  }
}

function regrouped(d: string, rng: Rng): string {
  const cut = d.length <= 6 ? rng.pick([2, 3, 3]) : rng.pick([3, 4, Math.ceil(d.length / 2)]);
  if (d.length === 6 && rng.chance(0.3)) return `${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)}`;
  return `${d.slice(0, cut)} ${d.slice(cut)}`;
}

function spaced(written: string, rng: Rng): string {
  const lead = written.startsWith('+') ? '+' : '';
  const d = digitsOf(written);
  let s = lead + d[0];
  for (let i = 1; i < d.length; i++) s += rng.pick(['', ' ', ' ', '  ', '  ', '   ']) + d[i];
  return s;
}

function withParen(nat: string): string | undefined {
  if (nat.startsWith('(')) return nat;
  const sp = nat.indexOf(' ');
  return sp > 0 ? `(${nat.slice(0, sp)})${nat.slice(sp)}` : undefined;
}

/** Every form of one number; `full` (the example mobile numbers) gets all of them, the others a sample. */
export function writeNumber(w: Writer, src: SourceNumber, rng: Rng, full: boolean): void {
  const p: PhoneNumber = src.phone;
  const e = p.number;
  const nat = p.formatNational();
  const intl = p.formatInternational();
  const other = (): string => rng.pick([...OTHER_PAGES, src.region]);
  const forms: Array<() => void> = [
    () => w.add('national', nat, src.region, e),
    () => {
      const bare = p.format('NATIONAL', { nationalPrefix: false });
      if (bare !== nat) w.add('national-no-trunk', bare, src.region, e);
    },
    () => w.add('international', intl, other(), e),
    () => w.add('e164', e, other(), e),
    () => w.add('rfc3966', p.getURI(), other(), e),
    () => {
      const from = full && rng.chance(0.7) ? rng.pick(IDD_REGIONS) : rng.pick(REGIONS);
      const idd = iddPrefix(from, rng);
      if (!idd) return;
      const form = idd === '00' ? 'idd-00' : idd.includes('~') ? 'idd-tilde' : 'idd-other';
      w.add(form, `${idd} ${intl.slice(1)}`, from, e);
    },
    () => {
      const [form, sep] = rng.pick(EXT_STYLES);
      const ext = sep + String(1 + rng.int(rng.pick([9, 99, 999, 9999])));
      const intlForm = rng.chance(0.5);
      const [written, country] = intlForm ? [intl, other()] : [nat, src.region];
      // "+43 664 123456/487": when the digits with the slashed ones are a valid number too, the text is ambiguous.
      if (sep === '/' && isValidDigits(written + ext, intlForm ? 'ZZ' : country)) return;
      w.add(form, written, country, e, { ext });
    },
    () => {
      const script = rng.pick(['arabic', 'persian'] as const);
      const intlForm = rng.chance(0.7);
      const written = intlForm ? intl : nat;
      w.add(`script-${script}`, written, intlForm ? other() : src.region, e, { lang: 'ar', text: (s) => inScript(s, script) });
    },
    () => w.add('script-fullwidth', intl, other(), e, { lang: rng.pick(['zh', 'ja'] as const), text: (s) => inScript(s, 'fullwidth') }),
    () => {
      const paren = withParen(nat);
      if (paren) w.add('glued-paren', paren, src.region, e, { lang: 'en', label: 'unlabelled', text: (s) => rng.pick(GLUED_WORDS) + s });
    },
    () => {
      const intlForm = rng.chance(0.5);
      const written = spaced(intlForm ? intl : nat, rng);
      w.add('spaced-digits', written, intlForm ? other() : src.region, e);
    },
    () =>
      w.add('glued-label', rng.chance(0.5) ? nat : nat.replace(/ /g, '-'), src.region, e, {
        label: 'unlabelled',
        ownLabel: true,
        text: (s) => rng.pick(GLUED_LABELS) + s,
      }),
    () => {
      const d = digitsOf(nat);
      if (d.length <= 8) w.add('short-regrouped', regrouped(d, rng), src.region, e);
    },
  ];
  if (full) {
    for (const f of forms) f();
    forms[5]!(); // a second IDD form: one from a region the issue names, one from any region
  }
  else for (let k = 0; k < 5; k++) rng.pick(forms)();
}

export function writeAll(sources: readonly SourceNumber[], rng: Rng): Case[] {
  const w = new Writer(rng);
  for (const s of sources) writeNumber(w, s, rng, s.type === 'MOBILE');
  return w.out;
}

export { Writer };
