/**
 * From a read run to phone numbers: the run splits at trap groups (traps.ts) into segments; each
 * segment is judged by its context (context.ts), then validated whole, or split at spaces and
 * slashes into the pieces that validate (validate.ts). Work per run is bounded by MAX_GROUPS
 * groups and MAX_PARSES parses.
 */
import { isCurrencySymbol, isOpenParen, isSpace } from './chars';
import { Left, leftContext, rightRejects } from './context';
import { type Extension, extensionAfter } from './extension';
import { type Run, S_CLOSE, S_OPEN, S_SLASH, S_SPACE, SPLIT } from './run';
import { afterCodeBlocks, isUnbrokenTrap } from './traps';
import { planOf, validateDigits } from './validate';

export interface PhoneMatch {
  start: number;
  end: number;
  number: string;
}

export const MIN_DIGITS = 7;
export const MIN_LABELLED_DIGITS = 4;
/** E.164 allows 15 digits; IDD dialling adds up to 8 ("011 49 30 …", Australia's carrier-selected "1434 0011 …"). */
const MAX_CANDIDATE_DIGITS = 23;
const MAX_PARSES = 32;
/** "030 1234567/204": digits of an extension joined by a slash. */
const MAX_SLASH_EXT = 5;
const MAX_VERDICTS = 4096;

/**
 * Turns the runs of one scan call into matches. One instance per call: everything it remembers
 * (validation answers, the parse budget, the split search's arrays) belongs to that call.
 */
export class PieceFinder {
  private readonly national: boolean;
  private readonly pieceLengths: ReadonlySet<number> | undefined;
  private readonly trunkPrefix: string;
  /** Validation answers: a page repeats its numbers in headers, footers and table rows. Bounded. */
  private readonly verdicts = new Map<string, string | null>();
  /** Parses left for the current run: bounds the work on adversarial runs of many short groups. */
  private parsesLeft = 0;
  // The split search's best cover from group k on, indexed by group, reused from run to run.
  private readonly bestCover: number[] = [];
  private readonly bestPieces: number[] = [];
  private readonly choice: number[] = [];
  private readonly pieceNumber: string[] = [];

  constructor(
    private readonly text: string,
    private readonly country: string,
    private readonly run: Run,
    private readonly out: PhoneMatch[],
  ) {
    const plan = planOf(country);
    this.national = plan !== null;
    this.pieceLengths = plan?.pieceLengths;
    this.trunkPrefix = plan?.nationalPrefix ?? '';
  }

  /**
   * Finds the numbers in the run just read (its trap groups already consumed); `runLeft` judges
   * the text before it, `slashExt` is what slashExtension() took off the run before the traps.
   */
  processRun(runLeft: Left, slashExt: Extension | null): void {
    const text = this.text;
    const r = this.run;
    // The end of the run: an extension, then what follows it.
    let runEnd = r.ge[r.count - 1]!;
    let runExt = '';
    const ext = slashExt ?? extensionAfter(text, runEnd);
    if (ext) {
      runExt = ext.digits;
      runEnd = ext.end;
    }
    const count = r.count;
    const lastEnd = r.ge[count - 1]!;
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
      const whole = this.tryPiece(i, j, i, left);
      if (whole) this.emitPiece(i, j, whole, runExt, runEnd);
      else if (j > i) this.splitSegment(i, j, left);
      i = j + 1;
    }
  }

  /**
   * "030 1234567/204", "70 12 34 56/6": a last group of up to 5 digits after a bare slash is an
   * extension when the groups before it are a number and the whole run is not, or is but ends in
   * a group shorter than the one before ("+43 664 123456/487"; "030/1234567" is an area code and a
   * number). Called on the freshly read run, before the traps (which would read "56/6" as a
   * fraction); drops that group from the run. Starts the run's parse budget.
   */
  slashExtension(runLeft: Left): Extension | null {
    this.parsesLeft = MAX_PARSES;
    const r = this.run;
    const last = r.count - 1;
    if (last < 1 || r.sepChar[last - 1] !== 0x2f) return null;
    const len = r.digits[last]!.length;
    if (len > MAX_SLASH_EXT) return null;
    const dc = this.digitCount(0, last - 1);
    if (dc < (runLeft === Left.Label ? MIN_LABELLED_DIGITS : MIN_DIGITS) || rightRejects(this.text, r.ge[last]!)) return null;
    if (!this.national && r.plusStart < 0) return null;
    // "040-85119 / 0221/50381": another slash, or a trunk-prefixed group and the one after the slash
    // that are a number of their own, make it an area-code separator.
    for (let k = 0; k < last - 1; k++) if (r.sepFlags[k]! & S_SLASH) return null;
    const areaCode = this.trunkPrefix !== '' && r.digits[last - 1]!.startsWith(this.trunkPrefix);
    if (areaCode && last >= 2 && (r.sepFlags[last - 2]! & S_SPACE) !== 0 && this.validateGroups(last - 1, last, false)) return null;
    const intl = r.plusStart >= 0;
    if (!this.validateGroups(0, last - 1, intl)) return null;
    if (len >= r.digits[last - 1]!.length && this.validateGroups(0, last, intl)) return null;
    r.count = last;
    return { end: r.ge[last]!, digits: r.digits[last]! };
  }

  private emitPiece(a: number, b: number, e164: string, runExt: string, runEnd: number): void {
    const s = this.pieceStart(a, b);
    const withExt = b === this.run.count - 1 && runExt !== '';
    this.out.push({ start: s, end: withExt ? runEnd : this.run.ge[b]!, number: withExt ? `${e164};ext=${runExt}` : e164 });
  }

  /** Validates groups [a, b] as one number after the cheap filters; null when rejected or invalid. */
  private tryPiece(a: number, b: number, segStart: number, left: Left): string | null {
    const r = this.run;
    const dc = this.digitCount(a, b);
    // Shorter national numbers (Andorra 312 345, Tokelau 7290) only right after a phone label.
    if (dc > MAX_CANDIDATE_DIGITS || dc < MIN_LABELLED_DIGITS) return null;
    if (dc < MIN_DIGITS && !(left === Left.Label && a === segStart)) return null;
    const intl = a === 0 && r.plusStart >= 0;
    const first = r.digits[a]!;
    const idd = first.charCodeAt(0) === 0x30 && first.charCodeAt(1) === 0x30;
    // A label outweighs the look of an unbroken run (ids, timestamps, dates).
    if (a === b && !intl && left !== Left.Label && isUnbrokenTrap(first, idd, a === segStart)) return null;
    if (!intl && !this.national && !idd) return null;
    return this.validateGroups(a, b, intl);
  }

  /**
   * Splits a segment that is not one number ("030 1234567 0171 2345678", "Zimmer 5 030 1234567")
   * at whitespace into the pieces that validate, maximizing the digits covered (then fewer pieces).
   */
  private splitSegment(i: number, j: number, left: Left): void {
    const r = this.run;
    const { bestCover, bestPieces, choice, pieceNumber, pieceLengths } = this;
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
        const e164 = this.tryPiece(k, e, i, left);
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
      const s = this.pieceStart(k, e);
      let end = r.ge[e]!;
      let number = pieceNumber[k]!;
      const ext = e === count - 1 ? extensionAfter(this.text, end) : null;
      if (ext) {
        number = `${number};ext=${ext.digits}`;
        end = ext.end;
      }
      this.out.push({ start: s, end, number });
      k = e + 1;
    }
  }

  /** Validates the digits of groups [a, b]; returns the E.164 number or null. */
  private validateGroups(a: number, b: number, intl: boolean): string | null {
    const r = this.run;
    let digits = '';
    let zeroParenIdx = -1;
    for (let k = a; k <= b; k++) {
      const d = r.digits[k]!;
      // "+44 (0)20 …": the bracketed trunk prefix is not dialled internationally.
      if (intl && k > a && d === '0' && (r.sepFlags[k - 1]! & S_OPEN) !== 0 && k < b && (r.sepFlags[k]! & S_CLOSE) !== 0)
        continue;
      if (intl && k > a && zeroParenIdx < 0 && d.charCodeAt(0) === 0x30 && (r.sepFlags[k - 1]! & S_OPEN) !== 0)
        zeroParenIdx = digits.length;
      digits += d;
    }
    const e164 = this.cachedValidate(digits, intl);
    if (e164 || zeroParenIdx < 0) return e164;
    // "+49 (030) 1234567": retry without the bracketed trunk zero.
    return this.cachedValidate(digits.slice(0, zeroParenIdx) + digits.slice(zeroParenIdx + 1), intl);
  }

  private cachedValidate(digits: string, intl: boolean): string | null {
    const key = intl ? `+${digits}` : digits;
    const known = this.verdicts.get(key);
    if (known !== undefined) return known;
    if (this.parsesLeft <= 0) return null;
    this.parsesLeft--;
    const v = validateDigits(digits, intl, this.country);
    if (this.verdicts.size >= MAX_VERDICTS) this.verdicts.clear();
    this.verdicts.set(key, v);
    return v;
  }

  /** Digits of groups [a, b]. */
  private digitCount(a: number, b: number): number {
    let t = 0;
    for (let k = a; k <= b; k++) t += this.run.digits[k]!.length;
    return t;
  }

  /**
   * Where the selection of groups [a, b] starts: the `+` of the run, else the first digit; a "("
   * right before that is included when the piece closes it ("(415) 555-0132", "(+44) 20 …").
   */
  private pieceStart(a: number, b: number): number {
    const r = this.run;
    let s = a === 0 && r.plusStart >= 0 ? r.plusStart : r.gs[a]!;
    if (a === 0 && r.openParenStart >= 0) {
      if (r.openParenStart < s && this.closesParen(a, b)) s = r.openParenStart;
    } else if (a > 0 && s > 0 && isOpenParen(this.text.charCodeAt(s - 1)) && this.closesParen(a, b)) {
      s--;
    }
    return s;
  }

  private closesParen(a: number, b: number): boolean {
    for (let k = a; k < b; k++) if (this.run.sepFlags[k]! & S_CLOSE) return true;
    return false;
  }
}
