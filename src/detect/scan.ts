/**
 * The candidate pass: a hand-written, linear scanner over UTF-16 code units.
 *
 * 1. Find a "run" (run.ts): digit groups joined by short separators (spaces, one dash/dot/slash,
 *    parens), optionally led by `+`/`++`/`(`. A newline, tab, comma, semicolon, colon or ". " ends
 *    a run; a run longer than MAX_GROUPS groups / MAX_RUN_DIGITS digits is cut at a space or slash.
 * 2. Mark groups that belong to non-phone shapes (traps.ts: dates, times, decimals, IPv4,
 *    versions, card numbers, year ranges, ISBN, SSN) as consumed; the rest splits into segments.
 * 3. For each segment with enough digits, check the words and symbols around it (context.ts),
 *    read a trailing extension (extension.ts), and only then ask libphonenumber (validate.ts). A
 *    segment that is not one number is split at spaces/slashes into the pieces that validate
 *    (pieces.ts).
 *
 * Every loop advances through the text; work per run is bounded (MAX_GROUPS groups, MAX_RUN_DIGITS
 * digits, MAX_PARSES parses), so a million digits or separators costs O(n).
 */
import { asciiDigits, isDigit, isOpenParen, isPlus, isSpace, isWordLetter } from './chars';
import { Left, leftContext } from './context';
import { MIN_DIGITS, MIN_LABELLED_DIGITS, type PhoneMatch, PieceFinder } from './pieces';
import { depthAfter, Run, readSeparator, S_CLOSE, S_OPEN, type Separator, SPLIT } from './run';
import { markShapes } from './traps';

const MAX_GROUPS = 20;
const MAX_GROUP_DIGITS = 20;
const MAX_RUN_DIGITS = 40;

/**
 * Finds phone numbers in `text`. See index.ts for the contract.
 */
export function scan(text: string, country: string): PhoneMatch[] {
  const out: PhoneMatch[] = [];
  const n = text.length;
  // Everything a call reuses from run to run is created here, so calls share nothing.
  const r = new Run();
  const sep: Separator = { flags: 0, single: 0 };
  const pieces = new PieceFinder(text, country, r, out);
  // A fresh /g regex: its lastIndex is this call's cursor. It matches one code unit, so the match
  // starts at lastIndex - 1: test() finds it without the match array exec() would allocate per run.
  const re = /[0-9+\uFF0B\uFF10-\uFF19\u0660-\u0669\u06F0-\u06F9\u0966-\u096F]/g;
  let from = 0;
  while (from < n) {
    re.lastIndex = from;
    if (!re.test(text)) break;
    const found = re.lastIndex - 1;
    let p = found;
    // ---- read the run ----
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
      const next = readSeparator(text, p, depth, sep, r.count === 1 && len <= 2 && r.plusStart < 0);
      if (next < 0) break;
      // One bracketed part per number ("(415) …", "+44 (0)20 …"): a second "(" after a space starts
      // the next number ("(030) 1234567 (0171) 2345678"); glued to the previous group it ends the run.
      if (sep.flags & S_OPEN && (r.openParenStart >= 0 || sawOpen)) break;
      if (sep.flags & S_OPEN) sawOpen = true;
      if (!garbage) {
        r.sepFlags[r.count - 1] = sep.flags;
        r.sepChar[r.count - 1] = sep.single;
      }
      depth = depthAfter(depth, sep.flags);
      p = next;
    }
    from = cutAt >= 0 ? cutAt : runEnd > found ? runEnd : found + 1;
    // "9832 (27524", "(030 1234567": a digit run broken by a bracket that is never closed is not a number.
    if (garbage || depth === 1 || total < MIN_LABELLED_DIGITS) continue;
    // The words before the run decide a lot; judge them once.
    const runLeft = leftContext(text, r.start);
    if (total < MIN_DIGITS && runLeft !== Left.Label) continue;
    // A run glued to a preceding digit through ':' ',' etc. is handled by markShapes; one glued to a
    // letter-digit id ("A1-2345678") by leftContext.
    const slashExt = pieces.slashExtension(runLeft);
    markShapes(text, r, runLeft === Left.Label);
    pieces.processRun(runLeft, slashExt);
    // The extension (if any) may have extended past runEnd.
    const last = out[out.length - 1];
    if (last && last.end > from) from = last.end;
  }
  return out;
}

