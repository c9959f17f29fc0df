/**
 * Context rules: what the words and symbols around a digit run say about it. A number right
 * after "Order", "IBAN" or "$" is not a phone number; one after "Tel." or "电话" is.
 * All checks look at a bounded window (a few dozen code units), so they cost O(1) per candidate.
 * The word lists are in data/.
 */
import { isBidiMark, isCjk, isCloseParen, isCurrencySymbol, isDash, isDigit, isOpenParen, isSpace, isWordLetter } from './chars';
import { BLOCKED_WORDS, CJK_BLOCKED } from './data/blocked-words';
import { CJK_LABELS, NUMBER_WORD_ENDINGS, NUMBER_WORDS, PHONE_LABELS, PHONE_STEMS } from './data/labels';
import { CJK_SUFFIX_BLOCK, UNIT_WORDS } from './data/units';

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

/** Skips back over label punctuation, spaces and direction marks (": ", " #", ". ", " - ", "：", ": \u200F") by at most 6 units. */
function skipLabelPunct(text: string, pos: number): number {
  let i = pos;
  const limit = Math.max(0, pos - 6);
  while (i > limit) {
    const c = text.charCodeAt(i - 1);
    if (isSpace(c) || c === 0x3a || c === 0xff1a || c === 0x2e || isDash(c) || c === 0x09 || c === 0x3d || isBidiMark(c)) i--;
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
    if (PHONE_LABELS.has(word)) return Left.Label;
    // "Büro(030) 1234567", "Zürich(044) 123 45 67": a bracketed area code opens the number; the word
    // counts as if a space stood between them.
    return opensClosedParen(text, start) ? wordVerdict(text, start) : Left.Reject;
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
        // "Tel.No.011-…", "Mobile No.09…": a number word glued to the number; the word before it decides.
        if (c === 0x3a || c === 0xff1a || (c === 0x2e && NUMBER_WORDS.has(word))) return wordVerdict(text, start - 1);
        return Left.Reject;
      }
      if (isCjk(b)) return cjkVerdict(cjkTail(text, start - 1));
    }
  }
  if (closesUnopened(text, start)) return Left.Reject;
  return wordVerdict(text, start);
}

/**
 * "10)264714548", "558) 03630465": digits closed by a ")" that opened nowhere, right before the
 * candidate, break a digit run ("1) 030 1234567", a numbered list, is fine).
 */
function closesUnopened(text: string, start: number): boolean {
  let i = start;
  if (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  if (i < 2 || !isCloseParen(text.charCodeAt(i - 1)) || !isDigit(text.charCodeAt(i - 2))) return false;
  let k = i - 2;
  while (k > 0 && i - k < 8 && isDigit(text.charCodeAt(k - 1))) k--;
  if (k > 0 && isOpenParen(text.charCodeAt(k - 1))) return false;
  return i === start || i - 1 - k >= 3;
}

/** Is there a "(" at `pos` that a short area code closes ("(030)", "(0-37)", "(070-123)")? */
function opensClosedParen(text: string, pos: number): boolean {
  if (!isOpenParen(text.charCodeAt(pos)) || !isDigit(text.charCodeAt(pos + 1))) return false;
  let k = pos + 1;
  while (k < text.length && k - pos <= 9) {
    const c = text.charCodeAt(k);
    if (!isDigit(c) && !isDash(c) && !isSpace(c)) break;
    k++;
  }
  return k < text.length && isCloseParen(text.charCodeAt(k));
}

/** German/Dutch/Scandinavian compounds: "Telefonnummer", "Rufnummer" are labels; "Vertragsnummer", "Kundennr" ids. */
function compoundVerdict(word: string): Left {
  if (word.length < 5) return Left.Neutral;
  let numberWord = false;
  for (const ending of NUMBER_WORD_ENDINGS) if (word.endsWith(ending)) numberWord = true;
  if (!numberWord) return Left.Neutral;
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

