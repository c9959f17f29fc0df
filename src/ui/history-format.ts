import type { CallOutcome, HistoryEntry } from '../contract/snapshot';
import { CAUSES, ERROR_CODES } from '../errors';
import { uiMessages } from '../i18n/messages';
import { errorWords, reasonWords, t } from './i18n';
import { formatDuration } from './words';

/**
 * A number with its middle digits hidden (002's hide-digits): the first 3 and last 4 digits stay,
 * the digits between become `*`; other characters (+, spaces, sip:…@host) stay as they are.
 * Numbers of fewer than 8 digits keep only their last 2 (at least one digit is always hidden).
 */
export function maskNumber(number: string): string {
  const count = number.replace(/\D/g, '').length;
  const head = count >= 8 ? 3 : 0;
  const tail = count >= 8 ? 4 : Math.min(2, Math.max(0, count - 1));
  let seen = 0;
  return number.replace(/\d/g, (digit) => {
    seen += 1;
    return seen <= head || seen > count - tail ? digit : '*';
  });
}

export function outcomeWords(outcome: CallOutcome): string {
  return t(`history.outcome.${outcome}`);
}

export function directionWords(direction: HistoryEntry['direction']): string {
  return t(`history.direction.${direction}`);
}

export function endedByWords(by: HistoryEntry['endedBy']): string {
  return t(`history.endedBy.${by}`);
}

/**
 * Why a call ended, in the page's language: the failure's sentence from its code, else who ended it
 * and how. Entries kept before codes were stored have only the English words: a known sentence is
 * said in the page's language, any other is shown as it was kept.
 */
export function endCauseWords(entry: Pick<HistoryEntry, 'endCode' | 'endCause' | 'outcome' | 'endedBy'>): string {
  if (entry.endCode) return errorWords({ code: entry.endCode });
  const key = `history.end.${entry.outcome}.${entry.endedBy}` as const;
  if (entry.endCause === uiMessages.en[key]) return t(key);
  const code = ERROR_CODES.find((c) => CAUSES[c].message === entry.endCause);
  return code ? errorWords({ code }) : entry.endCause;
}

/** One CSV field (RFC 4180), safe to open in a spreadsheet: a leading = + - @ (or tab, CR) is prefixed with '. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const CSV_COLUMNS = ['started', 'direction', 'name', 'number', 'answered', 'ended', 'duration', 'outcome', 'endCause', 'endedBy', 'agentReason'] as const;

const isoOrEmpty = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/** The history as CSV: a header row, one row per call, CRLF line ends; numbers masked when asked. */
export function historyCsv(entries: readonly HistoryEntry[], maskNumbers: boolean): string {
  const header = CSV_COLUMNS.map((column) => t(`history.csv.${column}`));
  const rows = entries.map((e) => [
    isoOrEmpty(e.startedAt),
    directionWords(e.direction),
    e.displayName,
    maskNumbers ? maskNumber(e.number) : e.number,
    isoOrEmpty(e.answeredAt),
    isoOrEmpty(e.endedAt),
    `${e.durationSeconds}`,
    outcomeWords(e.outcome),
    endCauseWords(e),
    endedByWords(e.endedBy),
    e.agentReason === null ? '' : reasonWords(e.agentReason),
  ]);
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The file name of an export made at `now`: dialbar-history-2026-12-06.csv. */
export function csvFileName(now: number): string {
  return `dialbar-history-${new Date(now).toISOString().slice(0, 10)}.csv`;
}

/** A history entry as the popup lists it. */
export interface HistoryRow {
  id: string;
  /** Local date and time of the start, e.g. "6 Dec, 14:03". */
  when: string;
  direction: string;
  /** Name, or the (maybe masked) number when there is none. */
  who: string;
  /** The (maybe masked) number when a name is shown, else "". */
  number: string;
  duration: string;
  outcome: CallOutcome;
  outcomeWords: string;
  endCause: string;
  /** The full number, for redial (never shown when masked). */
  dialNumber: string;
}

export function historyRow(entry: HistoryEntry, maskNumbers: boolean, locale?: string): HistoryRow {
  const number = maskNumbers ? maskNumber(entry.number) : entry.number;
  const name = entry.displayName.trim();
  return {
    id: entry.id,
    when: new Date(entry.startedAt).toLocaleString(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
    direction: directionWords(entry.direction),
    who: name || number,
    number: name && name !== entry.number ? number : '',
    duration: formatDuration(entry.durationSeconds * 1000),
    outcome: entry.outcome,
    outcomeWords: outcomeWords(entry.outcome),
    endCause: endCauseWords(entry),
    dialNumber: entry.number,
  };
}
