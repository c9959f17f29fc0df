/**
 * Character classes for the phone number scanner. Everything works on UTF-16 code units
 * (`charCodeAt`), never on regexes, so the scanner stays linear and allocation-free.
 */

/** Value 0-9 of a decimal digit in the scripts people paste phone numbers in, or -1. */
export function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c < 0x660) return -1;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10; // full-width ０-９
  if (c >= 0x660 && c <= 0x669) return c - 0x660; // Arabic-Indic
  if (c >= 0x6f0 && c <= 0x6f9) return c - 0x6f0; // Extended Arabic-Indic (Persian, Urdu)
  if (c >= 0x966 && c <= 0x96f) return c - 0x966; // Devanagari
  return -1;
}

export function isDigit(c: number): boolean {
  return digitValue(c) >= 0;
}

/** `+` and full-width `＋`. */
export function isPlus(c: number): boolean {
  return c === 0x2b || c === 0xff0b;
}

/** Spaces that may sit inside a phone number (not tab or newline: those end it). */
export function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0xa0 || // no-break space
    (c >= 0x2000 && c <= 0x200a) || // en/em/thin/hair/figure spaces
    c === 0x202f || // narrow no-break space
    c === 0x205f ||
    c === 0x3000 // ideographic space
  );
}

/** Invisible direction marks around numbers in right-to-left text: LRM, RLM, ALM, embeddings, isolates. */
export function isBidiMark(c: number): boolean {
  return c === 0x200e || c === 0x200f || c === 0x61c || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/** Dash-like separators: hyphen-minus, hyphen, non-breaking hyphen, figure/en dash, minus, full-width, katakana long mark. */
export function isDash(c: number): boolean {
  return (
    c === 0x2d ||
    (c >= 0x2010 && c <= 0x2013) ||
    c === 0x2212 ||
    c === 0xff0d ||
    c === 0x30fc ||
    c === 0xff70
  );
}

export function isDot(c: number): boolean {
  return c === 0x2e || c === 0xff0e;
}

export function isSlash(c: number): boolean {
  return c === 0x2f || c === 0xff0f;
}

export function isOpenParen(c: number): boolean {
  return c === 0x28 || c === 0xff08;
}

export function isCloseParen(c: number): boolean {
  return c === 0x29 || c === 0xff09;
}

/** Latin/Greek/Cyrillic letters (scripts that separate words with spaces), ASCII fast path. */
export function isWordLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return (
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x370 && c <= 0x52f) || // Greek, Cyrillic
    (c >= 0x1e00 && c <= 0x1fff) || // Latin extended additional, Greek extended
    (c >= 0x5d0 && c <= 0x5ea) || // Hebrew letters
    (c >= 0x620 && c <= 0x64a) // Arabic letters
  );
}

/** CJK ideographs, kana, hangul: scripts written without spaces, where a number may touch a word. */
export function isCjk(c: number): boolean {
  return (c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff);
}

/** Currency symbols: $ ¢ £ ¤ ¥ ₠-₿ and full-width ＄ ￠ ￡ ￥ ￦. */
export function isCurrencySymbol(c: number): boolean {
  return (
    c === 0x24 ||
    (c >= 0xa2 && c <= 0xa5) ||
    (c >= 0x20a0 && c <= 0x20cf) ||
    c === 0xff04 ||
    c === 0xffe0 ||
    c === 0xffe1 ||
    c === 0xffe5 ||
    c === 0xffe6
  );
}

/** Digits of [s, e) as an ASCII string (normalizing full-width and other scripts). */
export function asciiDigits(text: string, s: number, e: number): string {
  let ascii = true;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text.slice(s, e);
  let out = '';
  for (let i = s; i < e; i++) out += String.fromCharCode(0x30 + digitValue(text.charCodeAt(i)));
  return out;
}
