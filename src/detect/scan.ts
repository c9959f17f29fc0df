/**
 * The candidate pass: a hand-written, linear scanner over UTF-16 code units.
 *
 * 1. Find a "run": digit groups joined by short separators (spaces, one dash/dot/slash, parens),
 *    optionally led by `+`/`++`/`(`. A newline, tab, comma, semicolon, colon or ". " ends a run;
 *    a run longer than MAX_GROUPS groups / MAX_RUN_DIGITS digits is cut at a space or slash.
 * 2. Mark groups that belong to non-phone shapes (dates, times, decimals, IPv4, versions, card
 *    numbers, year ranges, ISBN, SSN) as consumed; the rest splits into segments.
 * 3. For each segment with enough digits, check the words and symbols around it (context.ts),
 *    read a trailing extension, and only then ask libphonenumber (validate.ts). A segment that is
 *    not one number is split at spaces/slashes into the pieces that validate (splitSegment).
 *
 * Every loop advances through the text; work per run is bounded (MAX_GROUPS groups, MAX_RUN_DIGITS
 * digits, MAX_PARSES parses), so a million digits or separators costs O(n).
 */
import {
  asciiDigits,
  isCurrencySymbol,
  isCloseParen,
  isDash,
  isDigit,
  isDot,
  isOpenParen,
  isPlus,
  isSlash,
  isSpace,
  isWordLetter,
} from './chars';
import { Left, leftContext, rightRejects } from './context';
import { extensionAfter } from './extension';
import { planOf, validateDigits } from './validate';

export interface PhoneMatch {
  start: number;
  end: number;
  number: string;
}

const MAX_GROUPS = 14;
const MAX_GROUP_DIGITS = 17;
const MAX_RUN_DIGITS = 40;
const MIN_DIGITS = 7;
const MIN_LABELLED_DIGITS = 4;
/** E.164 allows 15 digits; "011 49 30 12345678"-style IDD dialling adds up to 4. */
const MAX_CANDIDATE_DIGITS = 19;
const MAX_PARSES = 32;

// Separator flags.
const S_SPACE = 1;
const S_DASH = 2;
const S_DOT = 4;
const S_SLASH = 8;
const S_OPEN = 16;
const S_CLOSE = 32;
/** Separators a run may be split at when it holds several numbers: spaces ("030 1234567 0171 …") and slashes. */
const SPLIT = S_SPACE | S_SLASH;

/** One digit run, reused between runs to avoid allocation. Group i spans [gs[i], ge[i]). */
class Run {
  count = 0;
  gs: number[] = [];
  ge: number[] = [];
  digits: string[] = [];
  /** Separator after group i (flags), and its single char code when it is exactly one char. */
  sepFlags: number[] = [];
  sepChar: number[] = [];
  consumed: boolean[] = [];
  /** Start of the run in text: the `+`, `(` or first digit. */
  start = 0;
  plusStart = -1;
  openParenStart = -1;
}

const run = new Run();

/**
 * Reads the separator after a digit group ending at `pos`. Returns the position of the next
 * digit when the separator may sit inside a phone number, else -1. Writes flags to `sepOut`.
 */
const sepOut = { flags: 0, single: 0 };
function readSeparator(text: string, pos: number, parenDepth: number): number {
  const n = text.length;
  let k = pos;
  let flags = 0;
  let spaces = 0;
  let marks = 0;
  let opens = 0;
  let closes = 0;
  let depth = parenDepth;
  while (k < n && k - pos < 5) {
    const c = text.charCodeAt(k);
    if (isSpace(c)) {
      spaces++;
      flags |= S_SPACE;
    } else if (isDash(c)) {
      marks++;
      flags |= S_DASH;
    } else if (isDot(c)) {
      marks++;
      flags |= S_DOT;
    } else if (isSlash(c)) {
      marks++;
      flags |= S_SLASH;
    } else if (isOpenParen(c)) {
      if (depth !== 0) return -1;
      depth = 1;
      opens++;
      flags |= S_OPEN;
    } else if (isCloseParen(c)) {
      if (depth !== 1) return -1;
      depth = 0;
      closes++;
      flags |= S_CLOSE;
    } else break;
    k++;
  }
  if (k >= n || k === pos || !isDigit(text.charCodeAt(k))) return -1;
  if (marks > 1 || spaces > 2 || opens > 1 || closes > 1) return -1;
  // ". " ends a sentence; ").(" is not a phone layout. " / " stays in the run: it is both a
  // German area-code separator ("030 / 123 45 67") and a list separator ("030 1234567 / 0171 …"),
  // and the split step (SPLIT) tells them apart.
  if (flags & S_SPACE && flags & S_DOT) return -1;
  if (flags & S_OPEN && flags & S_CLOSE) return -1;
  sepOut.flags = flags;
  sepOut.single = k - pos === 1 ? text.charCodeAt(pos) : 0;
  return k;
}

/** Paren depth after the separator flags (only one open/close per separator). */
function depthAfter(depth: number, flags: number): number {
  if (flags & S_OPEN && flags & S_CLOSE) return depth; // ")(" or "( )" unlikely; keep
  if (flags & S_OPEN) return 1;
  if (flags & S_CLOSE) return 0;
  return depth;
}

function intOf(s: string): number {
  let v = 0;
  for (let i = 0; i < s.length; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}

/** Is "a.b.c" (one separator kind) a date: d.m.y, m/d/y, y-m-d, d.m.yy? */
function isDateTriple(a: string, b: string, c: string): boolean {
  const la = a.length;
  const lb = b.length;
  const lc = c.length;
  if (la === 4 && lb <= 2 && lc <= 2) {
    const y = intOf(a);
    const m = intOf(b);
    const d = intOf(c);
    return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
  }
  if (la <= 2 && lb <= 2 && (lc === 2 || lc === 4)) {
    const x = intOf(a);
    const y = intOf(b);
    if (lc === 4) {
      const yr = intOf(c);
      if (yr < 1900 || yr > 2100) return false;
    }
    // d.m or m/d, both orders allowed
    return x >= 1 && y >= 1 && ((x <= 31 && y <= 12) || (x <= 12 && y <= 31));
  }
  return false;
}

/** Length of the digit run at `pos`, counting at most `max + 1`. */
function digitRunLength(text: string, pos: number, max: number): number {
  let k = pos;
  while (k < text.length && k - pos <= max && isDigit(text.charCodeAt(k))) k++;
  return k - pos;
}

function isYear(s: string): boolean {
  if (s.length !== 4) return false;
  const y = intOf(s);
  return y >= 1900 && y <= 2100;
}

/**
 * Marks groups of the current run that belong to shapes which are never phone numbers. After a
 * phone label ("Tel: 70.12.34.56", "Tel: 923.123.456") only the time/decimal glue applies: the
 * label outweighs an IPv4, thousands or date look-alike.
 */
function markShapes(text: string, labelled: boolean): void {
  const r = run;
  const count = r.count;
  const n = text.length;
  // Times and decimals glued by ':' or ',' to another digit ("14:30", "1,234", "2,5", "1'234").
  // A comma before a 4+ digit group is a sloppy list separator ("030 1234567,0171 2345678").
  for (let i = 0; i < count; i++) {
    const s = r.gs[i]!;
    const e = r.ge[i]!;
    if (s >= 2 && isDigit(text.charCodeAt(s - 2))) {
      const c = text.charCodeAt(s - 1);
      if (c === 0x3a || c === 0xff1a || c === 0x27 || (c === 0x2c && e - s <= 3)) r.consumed[i] = true;
    }
    if (e + 1 < n && isDigit(text.charCodeAt(e + 1))) {
      const c = text.charCodeAt(e);
      if (c === 0x3a || c === 0xff1a || c === 0x27 || (c === 0x2c && digitRunLength(text, e + 1, 4) <= 3)) r.consumed[i] = true;
    }
  }
  if (labelled) return;
  // Year ranges with any dash or slash separator: "2019-2024", "2019 – 2024", "2024/2025".
  for (let k = 0; k + 1 < count; k++) {
    if ((r.sepFlags[k]! & (S_DASH | S_SLASH)) === 0) continue;
    const a = r.digits[k]!;
    const b = r.digits[k + 1]!;
    if (isYear(a) && isYear(b) && intOf(b) > intOf(a)) {
      r.consumed[k] = true;
      r.consumed[k + 1] = true;
    }
  }
  // Chains: maximal sequences joined by the same single-character separator (linear: each step advances).
  let i = 0;
  while (i < count) {
    let j = i;
    const ch = r.sepChar[i] ?? 0;
    if (ch !== 0 && i < count - 1) {
      while (j < count - 1 && r.sepChar[j] === ch) j++;
    }
    const len = j - i + 1;
    if (len >= 2) {
      const f = r.sepFlags[i]!;
      const dotLike = (f & S_DOT) !== 0;
      const dashLike = (f & S_DASH) !== 0;
      const slashLike = (f & S_SLASH) !== 0;
      const spaceLike = (f & S_SPACE) !== 0;
      const d = r.digits;
      let kill = false;
      if (len === 3 && (dotLike || dashLike || slashLike) && isDateTriple(d[i]!, d[i + 1]!, d[i + 2]!)) kill = true;
      // "03/2024", "2024-03", "15.03." handled by length; year ranges "2019-2024".
      else if (len === 2 && (dotLike || dashLike || slashLike)) {
        const a = d[i]!;
        const b = d[i + 1]!;
        if (isYear(b) && a.length <= 2 && intOf(a) >= 1 && intOf(a) <= 12) kill = true;
        else if (isYear(a) && b.length <= 2) kill = true;
        else if (isYear(a) && isYear(b) && !dotLike) kill = true;
        // Fractions and day/month: "7/8", "12/34"
        else if (slashLike && a.length <= 2 && b.length <= 2) kill = true;
        // ZIP+4, only standing alone ("(11) 93046-8324" is a Brazilian mobile)
        else if (dashLike && a.length === 5 && b.length === 4 && count === 2 && r.plusStart < 0)
          kill = true;
        // Decimal "48.8584", "1234567.89"
        else if (dotLike && a.charCodeAt(0) !== 0x30 && (b.length <= 2 || a.length <= 3)) kill = true;
      } else if (len === 4 && dotLike) {
        // IPv4
        let ip = true;
        for (let k = i; k <= j; k++) {
          const g = d[k]!;
          if (g.length > 3 || intOf(g) > 255 || (g.length > 1 && g.charCodeAt(0) === 0x30)) ip = false;
        }
        if (ip) kill = true;
      }
      if (!kill && len >= 3 && dotLike) {
        // "1.234.567" thousands, "10.0.19045" versions: first group short and not 0-led, others 3 digits,
        // or any version-like chain with a 1-digit 0 group in the middle.
        const first = d[i]!;
        let thousands = first.length <= 3 && first.charCodeAt(0) !== 0x30;
        for (let k = i + 1; k <= j; k++) if (d[k]!.length !== 3) thousands = false;
        // Versions: "10.0.19045", "2.15.1023": a short head, then both a short part and a 0 or a long
        // build number ("1.415.555.0132", "55.1234.5678" and "75.12.34" are phone layouts).
        let version = first.length <= 2 && first.charCodeAt(0) !== 0x30 && len <= 4;
        if (version) {
          let short = false;
          let build = false;
          for (let k = i + 1; k <= j; k++) {
            if (d[k]!.length <= 2) short = true;
            if (d[k]!.length >= 3 || d[k] === '0') build = true;
          }
          version = short && build;
        }
        if (thousands || version) kill = true;
      }
      if (!kill && len >= 4 && (spaceLike || dashLike)) {
        // Card numbers "4111 1111 1111 1111" and IBAN-like blocks of four.
        let fours = 0;
        for (let k = i; k <= j; k++) if (d[k]!.length === 4) fours++;
        if (fours >= 4) kill = true;
      }
      // US social security number layout "123-45-6789" standing alone.
      if (!kill && len === 3 && count === 3 && dashLike && r.plusStart < 0 && d[i]!.length === 3 && d[i + 1]!.length === 2 && d[i + 2]!.length === 4)
        kill = true;
      // American Express layout "3782 822463 10005".
      if (!kill && len === 3 && (spaceLike || dashLike) && d[i]!.length === 4 && d[i + 1]!.length === 6 && d[i + 2]!.length === 5)
        kill = true;
      if (!kill && dashLike && len >= 4) {
        // ISBN-13 "978-3-16-148410-0"
        let total = 0;
        for (let k = i; k <= j; k++) total += d[k]!.length;
        if ((total === 13 && (d[i] === '978' || d[i] === '979')) || (total === 10 && len === 4 && d[j]!.length === 1))
          kill = true;
      }
      if (kill) for (let k = i; k <= j; k++) r.consumed[k] = true;
    }
    // Chains share their boundary group: "12 7/8" is a space chain [12, 7] and a slash chain [7, 8].
    i = j > i ? j : i + 1;
  }
}

/**
 * Validates groups [a, b] of the current run; returns the E.164 number or null.
 */
function validateGroups(a: number, b: number, intl: boolean, country: string): string | null {
  const r = run;
  let digits = '';
  let zeroParenIdx = -1;
  for (let k = a; k <= b; k++) {
    const d = r.digits[k]!;
    // "+44 (0)20 …": the bracketed trunk prefix is not dialled internationally.
    if (
      intl &&
      k > a &&
      d === '0' &&
      (r.sepFlags[k - 1]! & S_OPEN) !== 0 &&
      k < b &&
      (r.sepFlags[k]! & S_CLOSE) !== 0
    )
      continue;
    if (intl && k > a && zeroParenIdx < 0 && d.charCodeAt(0) === 0x30 && (r.sepFlags[k - 1]! & S_OPEN) !== 0)
      zeroParenIdx = digits.length;
    digits += d;
  }
  const e164 = cachedValidate(digits, intl, country);
  if (e164 || zeroParenIdx < 0) return e164;
  // "+49 (030) 1234567": retry without the bracketed trunk zero.
  return cachedValidate(digits.slice(0, zeroParenIdx) + digits.slice(zeroParenIdx + 1), intl, country);
}

/**
 * Validation answers for the current default country, kept across calls (bounded): pages repeat
 * their numbers in headers, footers and table rows, and the content script calls per text block.
 */
const verdicts = new Map<string, string | null>();
let verdictsCountry = '';
const MAX_VERDICTS = 4096;

/** Parses left for the current run: bounds the work on adversarial runs of many short groups. */
let parsesLeft = 0;

function cachedValidate(digits: string, intl: boolean, country: string): string | null {
  const key = intl ? `+${digits}` : digits;
  const known = verdicts.get(key);
  if (known !== undefined) return known;
  if (parsesLeft <= 0) return null;
  parsesLeft--;
  const v = validateDigits(digits, intl, country);
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  verdicts.set(key, v);
  return v;
}

/** Digits of groups [a, b]. */
function digitCount(a: number, b: number): number {
  let t = 0;
  for (let k = a; k <= b; k++) t += run.digits[k]!.length;
  return t;
}

const START_RE = /[0-9+\uFF0B\uFF10-\uFF19\u0660-\u0669\u06F0-\u06F9\u0966-\u096F]/g;

/**
 * Finds phone numbers in `text`. See index.ts for the contract.
 */
export function scan(text: string, country: string): PhoneMatch[] {
  if (country !== verdictsCountry) {
    verdicts.clear(); // answers depend on the default country
    verdictsCountry = country;
  }
  const out: PhoneMatch[] = [];
  const n = text.length;
  const national = planOf(country) !== null;
  const re = START_RE;
  re.lastIndex = 0;
  let from = 0;
  while (from < n) {
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m) break;
    let p = m.index;
    // ---- read the run ----
    const r = run;
    r.count = 0;
    r.plusStart = -1;
    r.openParenStart = -1;
    r.start = p;
    let depth = 0;
    const c0 = text.charCodeAt(p);
    if (isPlus(c0)) {
      r.plusStart = p;
      let q = p + 1;
      if (q < n && isPlus(text.charCodeAt(q))) q++; // "++49"
      if (q < n && isSpace(text.charCodeAt(q))) q++;
      if (q < n && isOpenParen(text.charCodeAt(q))) {
        q++;
        depth = 1;
      }
      if (q >= n || !isDigit(text.charCodeAt(q))) {
        from = p + 1;
        continue;
      }
      // "A+49…", "1+1": a plus glued to a word or digit is arithmetic or a name, not a prefix ("Tel+49" is).
      if (p > 0) {
        const b = text.charCodeAt(p - 1);
        if (isDigit(b) || (isWordLetter(b) && leftContext(text, p) !== Left.Label)) r.plusStart = -1;
      }
      if (r.plusStart < 0) {
        from = q;
        continue;
      }
      // "(+44) 20 7946 0958": the country code in brackets.
      if (depth === 0 && p > 0 && isOpenParen(text.charCodeAt(p - 1))) {
        r.openParenStart = p - 1;
        depth = 1;
      }
      p = q;
    } else if (p > 0 && isOpenParen(text.charCodeAt(p - 1))) {
      r.openParenStart = p - 1;
      r.start = p - 1;
      depth = 1;
    }
    // Groups.
    let garbage = false;
    let sawOpen = depth === 1 && r.openParenStart < 0; // "+1 (415)…" opened right after the plus
    let total = 0;
    let runEnd = p;
    let cutAt = -1;
    for (;;) {
      const gs = p;
      while (p < n && isDigit(text.charCodeAt(p))) p++;
      const len = p - gs;
      if (len > MAX_GROUP_DIGITS) garbage = true;
      else if (!garbage && (r.count >= MAX_GROUPS || total + len > MAX_RUN_DIGITS)) {
        // Too long for one run: if the previous separator can split ("… 0171 2345678 0221 …"),
        // end this run there and start the next one at this group; otherwise it is not a phone layout.
        // Prefer cutting before a group that looks like a number start ("0…", as in "… 089 1234567").
        let g = r.count;
        if (text.charCodeAt(gs) !== 0x30) {
          for (let k = r.count - 1; k > 0 && k > r.count - 4; k--) {
            if (r.digits[k]!.charCodeAt(0) === 0x30 && (r.sepFlags[k - 1]! & SPLIT) !== 0) {
              g = k;
              break;
            }
          }
        }
        const prev = g - 1;
        if (prev >= 0 && (r.sepFlags[prev]! & SPLIT) !== 0 && (r.sepFlags[prev]! & (S_OPEN | S_CLOSE)) === 0) {
          r.sepFlags[prev] = 0;
          r.sepChar[prev] = 0;
          cutAt = g < r.count ? r.gs[g]! : gs;
          r.count = g;
          runEnd = r.ge[prev]!;
          break;
        }
        garbage = true;
      }
      total += len;
      if (!garbage) {
        const idx = r.count++;
        r.gs[idx] = gs;
        r.ge[idx] = p;
        r.digits[idx] = asciiDigits(text, gs, p);
        r.consumed[idx] = false;
        r.sepFlags[idx] = 0;
        r.sepChar[idx] = 0;
      }
      runEnd = p;
      const next = readSeparator(text, p, depth);
      if (next < 0) break;
      // One bracketed part per number ("(415) …", "+44 (0)20 …"): a second "(" after a space starts
      // the next number ("(030) 1234567 (0171) 2345678"); glued to the previous group it ends the run.
      if (sepOut.flags & S_OPEN && (r.openParenStart >= 0 || sawOpen)) break;
      if (sepOut.flags & S_OPEN) sawOpen = true;
      if (!garbage) {
        r.sepFlags[r.count - 1] = sepOut.flags;
        r.sepChar[r.count - 1] = sepOut.single;
      }
      depth = depthAfter(depth, sepOut.flags);
      p = next;
    }
    from = cutAt >= 0 ? cutAt : runEnd > m.index ? runEnd : m.index + 1;
    if (garbage || total < MIN_LABELLED_DIGITS) continue;
    // The words before the run decide a lot; judge them once.
    const runLeft = leftContext(text, r.start);
    if (total < MIN_DIGITS && runLeft !== Left.Label) continue;
    // A run glued to a preceding digit through ':' ',' etc. is handled by markShapes; one glued to a
    // letter-digit id ("A1-2345678") by leftContext.
    markShapes(text, runLeft === Left.Label);
    processRun(text, country, national, runLeft, out);
    // The extension (if any) may have extended past runEnd.
    const last = out[out.length - 1];
    if (last && last.end > from) from = last.end;
  }
  return out;
}

// Scratch arrays for the split search (indexed by group).
const bestCover: number[] = [];
const bestPieces: number[] = [];
const choice: number[] = [];
const pieceNumber: string[] = [];

function processRun(text: string, country: string, national: boolean, runLeft: Left, out: PhoneMatch[]): void {
  const r = run;
  const count = r.count;
  parsesLeft = MAX_PARSES;
  // The end of the run: an extension, then what follows it.
  const lastEnd = r.ge[count - 1]!;
  let runEnd = lastEnd;
  let runExt = '';
  const ext = extensionAfter(text, lastEnd);
  if (ext) {
    runExt = ext.digits;
    runEnd = ext.end;
  }
  let rightReject = !runExt && rightRejects(text, lastEnd);
  // "415-666-7777 100$", "030 1234567 2x täglich": a currency, unit or word glued to a last group
  // that stands apart by a space is that group's business; the groups before it can still be a number.
  if (rightReject && count > 1 && (r.sepFlags[count - 2]! & S_SPACE) !== 0 && !isSpace(text.charCodeAt(lastEnd))) {
    r.consumed[count - 1] = true;
    rightReject = false;
  }
  // "$20 415-666-7777": likewise for a currency glued to the first group.
  if (
    r.plusStart < 0 &&
    r.openParenStart < 0 &&
    count > 1 &&
    (r.sepFlags[0]! & S_SPACE) !== 0 &&
    r.gs[0]! > 0 &&
    isCurrencySymbol(text.charCodeAt(r.gs[0]! - 1))
  )
    r.consumed[0] = true;
  let i = 0;
  while (i < count) {
    if (r.consumed[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < count && !r.consumed[j + 1]) j++;
    // Segment [i, j]. Its outer edges are judged once: a segment glued to "Order", "$" or "%" is dropped whole.
    const atRunStart = i === 0;
    const startPos0 = atRunStart
      ? r.plusStart >= 0
        ? r.plusStart
        : r.openParenStart >= 0
          ? r.openParenStart
          : r.gs[0]!
      : r.gs[i]!;
    const checkLeft = atRunStart || (r.sepFlags[i - 1]! & S_SPACE) === 0;
    let left = !checkLeft ? Left.Neutral : atRunStart && startPos0 === r.start ? runLeft : leftContext(text, startPos0);
    if (atRunStart && left !== Left.Label && r.digits[0]!.length === 4 && afterCodeBlocks(text, startPos0)) left = Left.Reject;
    if (left === Left.Reject || (j === count - 1 && rightReject)) {
      i = j + 1;
      continue;
    }
    // Usual case: the whole segment is one number.
    const whole = tryPiece(i, j, i, left, national, country);
    if (whole) emitPiece(text, i, j, whole, runExt, runEnd, out);
    else if (j > i) splitSegment(text, i, j, left, national, country, out);
    i = j + 1;
  }
}

function emitPiece(text: string, a: number, b: number, e164: string, runExt: string, runEnd: number, sink: PhoneMatch[]): void {
  const r = run;
  const s = pieceStart(text, a, b);
  const withExt = b === r.count - 1 && runExt !== '';
  sink.push({ start: s, end: withExt ? runEnd : r.ge[b]!, number: withExt ? `${e164};ext=${runExt}` : e164 });
}

/** Validates groups [a, b] as one number after the cheap filters; null when rejected or invalid. */
function tryPiece(
  a: number,
  b: number,
  segStart: number,
  left: Left,
  national: boolean,
  country: string,
): string | null {
  const r = run;
  const dc = digitCount(a, b);
  // Shorter national numbers (Andorra 312 345, Tokelau 7290) only right after a phone label.
  if (dc > MAX_CANDIDATE_DIGITS || dc < MIN_LABELLED_DIGITS) return null;
  if (dc < MIN_DIGITS && !(left === Left.Label && a === segStart)) return null;
  const intl = a === 0 && r.plusStart >= 0;
  const first = r.digits[a]!;
  const idd = first.charCodeAt(0) === 0x30 && first.charCodeAt(1) === 0x30;
  // A lone unbroken 13+ digit run without "+" is an EAN, a card or a millisecond timestamp.
  if (a === b && !intl && dc >= 13 && !idd && left !== Left.Label) return null;
  // An unbroken 10-digit 1.2e9..2.1e9 is a Unix timestamp unless a label says otherwise.
  if (a === b && !intl && dc === 10 && a === segStart && left !== Left.Label && isTimestamp(first)) return null;
  // An unbroken 8-digit date, 20240315 or 15032024, unless a label says otherwise (HK/SG numbers are 8 digits).
  if (a === b && !intl && dc === 8 && left !== Left.Label && isCompactDate(first)) return null;
  if (!intl && !national && !idd) return null;
  return validateGroups(a, b, intl, country);
}

/**
 * Splits a segment that is not one number ("030 1234567 0171 2345678", "Zimmer 5 030 1234567")
 * at whitespace into the pieces that validate, maximizing the digits covered (then fewer pieces).
 * Bounded: at most MAX_GROUPS groups and MAX_PARSES parses per run.
 */
function splitSegment(
  text: string,
  i: number,
  j: number,
  left: Left,
  national: boolean,
  country: string,
  out: PhoneMatch[],
): void {
  const r = run;
  const pieceLengths = planOf(country)?.pieceLengths;
  bestCover[j + 1] = 0;
  bestPieces[j + 1] = 0;
  for (let k = j; k >= i; k--) {
    bestCover[k] = bestCover[k + 1]!;
    bestPieces[k] = bestPieces[k + 1]!;
    choice[k] = -1;
    if (k > i && (r.sepFlags[k - 1]! & SPLIT) === 0) continue;
    let dc = 0;
    for (let e = k; e <= j; e++) {
      dc += r.digits[e]!.length;
      if (dc > MAX_CANDIDATE_DIGITS) break;
      if (e < j && (r.sepFlags[e]! & SPLIT) === 0) continue;
      if (dc < MIN_DIGITS) continue;
      if (k === i && e === j) continue; // the whole segment was tried already
      // A national piece must have a length the country's numbers can have (with or without trunk prefix).
      if (!(k === 0 && r.plusStart >= 0) && pieceLengths && !pieceLengths.has(dc) && !r.digits[k]!.startsWith('00')) continue;
      const e164 = tryPiece(k, e, i, left, national, country);
      if (!e164) continue;
      const cover = dc + bestCover[e + 1]!;
      const pieces = 1 + bestPieces[e + 1]!;
      if (cover > bestCover[k]! || (cover === bestCover[k]! && pieces < bestPieces[k]!)) {
        bestCover[k] = cover;
        bestPieces[k] = pieces;
        choice[k] = e;
        pieceNumber[k] = e164;
      }
    }
  }
  const count = r.count;
  let k = i;
  while (k <= j) {
    const e = choice[k]!;
    if (e < 0) {
      k++;
      continue;
    }
    const s = pieceStart(text, k, e);
    let end = r.ge[e]!;
    let number = pieceNumber[k]!;
    const ext = e === count - 1 ? extensionAfter(text, end) : null;
    if (ext) {
      number = `${number};ext=${ext.digits}`;
      end = ext.end;
    }
    out.push({ start: s, end, number });
    k = e + 1;
  }
}

function isAlnumUpper(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
}

/**
 * "GB29 NWBK 6016 1331 9268 19": a run of 4-digit blocks after two or more 4-character code
 * blocks (IBAN, card or serial layout) is part of the code.
 */
function afterCodeBlocks(text: string, pos: number): boolean {
  let p = pos;
  for (let block = 0; block < 2; block++) {
    if (p < 5 || text.charCodeAt(p - 1) !== 0x20) return false;
    for (let k = p - 5; k < p - 1; k++) if (!isAlnumUpper(text.charCodeAt(k))) return false;
    p -= 5;
    if (block === 1 && p > 0 && isAlnumUpper(text.charCodeAt(p - 1))) return false;
  }
  return true;
}

function isCompactDate(d: string): boolean {
  const ymd = isDateTriple(d.slice(0, 4), d.slice(4, 6), d.slice(6, 8));
  if (ymd) return true;
  const y = intOf(d.slice(4, 8));
  return y >= 1900 && y <= 2100 && isDateTriple(d.slice(0, 2), d.slice(2, 4), d.slice(4, 8));
}

/** Unix seconds from 2008-01 to 2036: what pages show as "updated 1716777988". (Brazil's 11 area code is below.) */
function isTimestamp(d: string): boolean {
  const v = Number(d);
  return v >= 1_200_000_000 && v < 2_100_000_000;
}

/**
 * Where the selection of groups [a, b] starts: the `+` of the run, else the first digit; a "("
 * right before that is included when the piece closes it ("(415) 555-0132", "(+44) 20 …").
 */
function pieceStart(text: string, a: number, b: number): number {
  const r = run;
  let s = a === 0 && r.plusStart >= 0 ? r.plusStart : r.gs[a]!;
  if (a === 0 && r.openParenStart >= 0) {
    if (r.openParenStart < s && closesParen(a, b)) s = r.openParenStart;
  } else if (a > 0 && s > 0 && isOpenParen(text.charCodeAt(s - 1)) && closesParen(a, b)) {
    s--;
  }
  return s;
}

function closesParen(a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (run.sepFlags[k]! & S_CLOSE) return true;
  return false;
}
