/**
 * Trap shapes: digit layouts that are never phone numbers (dates, times, decimals, thousands,
 * IPv4, versions, card and IBAN blocks, year ranges, ZIP+4, ISBN, SSN, timestamps). Each check
 * looks at the groups of one run or a few characters before it, so it costs O(groups).
 */
import { isDigit } from './chars';
import { type Run, S_DASH, S_DOT, S_SLASH, S_SPACE } from './run';

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
 * Marks groups of the run that belong to shapes which are never phone numbers. After a
 * phone label ("Tel: 70.12.34.56", "Tel: 923.123.456") only the time/decimal glue applies: the
 * label outweighs an IPv4, thousands or date look-alike.
 */
export function markShapes(text: string, r: Run, labelled: boolean): void {
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
      // A two-digit-year date stands alone: "(8 136) 5-28-10" (Turkmenistan) is the end of a number.
      if (len === 3 && (dotLike || dashLike || slashLike) && isDateTriple(d[i]!, d[i + 1]!, d[i + 2]!) && (i === 0 || d[i + 2]!.length === 4))
        kill = true;
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
        // "Chrome 129.0.5935.195": a lone 0 inside a dotted chain is a version part, not a phone group.
        for (let k = i + 1; k < j && !version; k++) if (d[k] === '0') version = true;
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

function isAlnumUpper(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
}

/**
 * "GB29 NWBK 6016 1331 9268 19": a run of 4-digit blocks after two or more 4-character code
 * blocks (IBAN, card or serial layout) is part of the code.
 */
export function afterCodeBlocks(text: string, pos: number): boolean {
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
 * An unbroken digit run written without "+" or a phone label: 13+ digits (unless dialled with
 * "00") are an EAN, a card or a millisecond timestamp; 10 digits at the start of a segment in
 * the Unix seconds range a timestamp; 8 digits a compact date (20240315, 15032024; HK/SG
 * numbers are 8 digits too, hence the date check).
 */
export function isUnbrokenTrap(d: string, idd: boolean, atSegmentStart: boolean): boolean {
  const dc = d.length;
  if (dc >= 13 && !idd) return true;
  if (dc === 10 && atSegmentStart && isTimestamp(d)) return true;
  return dc === 8 && isCompactDate(d);
}
