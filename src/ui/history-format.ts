import type { CallOutcome, HistoryEntry } from '../contract/snapshot';
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

export const OUTCOME_WORDS: Record<CallOutcome, string> = {
  answered: 'Answered',
  missed: 'Missed',
  declined: 'Declined',
  failed: 'Not connected',
  cancelled: 'Cancelled',
};

export const DIRECTION_WORDS: Record<HistoryEntry['direction'], string> = { incoming: 'Incoming', outgoing: 'Outgoing' };

export const ENDED_BY_WORDS: Record<HistoryEntry['endedBy'], string> = { local: 'You', remote: 'Other side', system: 'Dialbar' };

/** One CSV field (RFC 4180), safe to open in a spreadsheet: a leading = + - @ (or tab, CR) is prefixed with '. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const CSV_HEADER = ['Started', 'Direction', 'Name', 'Number', 'Answered', 'Ended', 'Duration (s)', 'Outcome', 'End cause', 'Ended by', 'Agent reason'];

const isoOrEmpty = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/** The history as CSV: a header row, one row per call, CRLF line ends; numbers masked when asked. */
export function historyCsv(entries: readonly HistoryEntry[], maskNumbers: boolean): string {
  const rows = entries.map((e) => [
    isoOrEmpty(e.startedAt),
    DIRECTION_WORDS[e.direction],
    e.displayName,
    maskNumbers ? maskNumber(e.number) : e.number,
    isoOrEmpty(e.answeredAt),
    isoOrEmpty(e.endedAt),
    `${e.durationSeconds}`,
    OUTCOME_WORDS[e.outcome],
    e.endCause,
    ENDED_BY_WORDS[e.endedBy],
    e.agentReason ?? '',
  ]);
  return `${[CSV_HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
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
    direction: DIRECTION_WORDS[entry.direction],
    who: name || number,
    number: name && name !== entry.number ? number : '',
    duration: formatDuration(entry.durationSeconds * 1000),
    outcome: entry.outcome,
    outcomeWords: OUTCOME_WORDS[entry.outcome],
    endCause: entry.endCause,
    dialNumber: entry.number,
  };
}
