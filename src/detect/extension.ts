/** Trailing extension after a number: "ext. 123", "x123", "#123", "~123", "转123", "分机 123"; "/123" is read in pieces.ts. */
import { asciiDigits, isCjk, isDigit, isSpace, isWordLetter } from './chars';
import { rightRejects } from './context';
import { CJK_EXTENSION_WORDS, EXTENSION_WORDS } from './data/extension-words';

const MAX_EXT_DIGITS = 7;

export interface Extension {
  /** End of the extension's last digit in the text. */
  end: number;
  /** Its digits, ASCII. */
  digits: string;
}

/** The extension after a number ending at `pos`, or null; also null when what follows it rejects it ("x12kg"). */
export function extensionAfter(text: string, pos: number): Extension | null {
  const ext = readExtension(text, pos);
  return ext && !rightRejects(text, ext.end) ? ext : null;
}

function readExtension(text: string, pos: number): Extension | null {
  const n = text.length;
  let i = pos;
  while (i < n && i - pos < 2 && isSpace(text.charCodeAt(i))) i++;
  if (i >= n) return null;
  let c = text.charCodeAt(i);
  if (c === 0x23 || c === 0xff03 || c === 0x7e || c === 0xff5e) i++; // "#123", "~123" (libphonenumber's extension marks)
  else if (c === 0x8f6c || c === 0x8f49) i++; // 转 轉
  else if (isCjk(c)) {
    if (!CJK_EXTENSION_WORDS.has(text.slice(i, i + 2))) return null;
    i += 2;
  } else if (isWordLetter(c)) {
    let j = i;
    while (j < n && j - i < 10 && isWordLetter(text.charCodeAt(j))) j++;
    if (!EXTENSION_WORDS.has(text.slice(i, j).toLowerCase())) return null;
    i = j;
    if (i < n && (text.charCodeAt(i) === 0x2e || text.charCodeAt(i) === 0x3a)) i++;
  } else return null;
  const beforeDigits = i;
  while (i < n && i - beforeDigits < 3) {
    c = text.charCodeAt(i);
    if (isSpace(c) || c === 0x3a || c === 0x2e || c === 0xff1a) i++;
    else break;
  }
  const ds = i;
  while (i < n && i - ds <= MAX_EXT_DIGITS && isDigit(text.charCodeAt(i))) i++;
  const len = i - ds;
  if (len === 0 || len > MAX_EXT_DIGITS) return null;
  return { end: i, digits: asciiDigits(text, ds, i) };
}
