import { computed, type ReadonlySignal, signal } from '@preact/signals';
import { HISTORY_PAGE_MAX } from '../contract/protocol';
import type { HistoryEntry } from '../contract/snapshot';
import { request } from '../messaging/client';
import type { RuntimePort } from '../messaging/runtime-port';
import { uiLocale } from './i18n';
import { csvFileName, type HistoryRow, historyCsv, historyRow } from './history-format';
import { errorText } from './words';

/** Entries the popup lists at once (the newest; a search reaches the rest). */
export const HISTORY_SHOWN = 100;

export interface HistoryModel {
  query: ReadonlySignal<string>;
  rows: ReadonlySignal<HistoryRow[]>;
  /** Entries matching the search, shown or not. */
  total: ReadonlySignal<number>;
  loading: ReadonlySignal<boolean>;
  error: ReadonlySignal<string | null>;
  /** Loads (again) the newest entries matching the search. */
  load(): Promise<void>;
  setQuery(value: string): Promise<void>;
  /** Dials an entry's full number through the normal dial path; true when the call started. */
  redial(id: string): Promise<boolean>;
  clear(): Promise<void>;
  /** Every entry matching the search as CSV (masked as the list is), and its file name. */
  exportCsv(): Promise<{ fileName: string; csv: string } | null>;
}

export function createHistoryModel(deps: { runtime: RuntimePort; now?: () => number }): HistoryModel {
  const { runtime } = deps;
  const query = signal('');
  const entries = signal<HistoryEntry[]>([]);
  const maskNumbers = signal(false);
  const total = signal(0);
  const loading = signal(false);
  const error = signal<string | null>(null);
  let asked = 0;

  async function load(): Promise<void> {
    const ask = ++asked;
    loading.value = true;
    try {
      const page = await request(runtime, 'background.history', { query: query.peek(), offset: 0, limit: HISTORY_SHOWN });
      // A newer search answered meanwhile wins.
      if (ask !== asked) return;
      entries.value = page.entries;
      total.value = page.total;
      maskNumbers.value = page.maskNumbers;
      error.value = null;
    } catch (err) {
      if (ask === asked) error.value = errorText(err);
    } finally {
      if (ask === asked) loading.value = false;
    }
  }

  return {
    query,
    rows: computed(() => entries.value.map((e) => historyRow(e, maskNumbers.value, uiLocale.value))),
    total,
    loading,
    error,
    load,
    setQuery(value) {
      query.value = value;
      return load();
    },
    async redial(id) {
      const entry = entries.peek().find((e) => e.id === id);
      if (!entry) return false;
      try {
        error.value = null;
        await request(runtime, 'background.dial', { number: entry.number, shown: entry.displayName, source: 'history' });
        return true;
      } catch (err) {
        error.value = errorText(err);
        return false;
      }
    },
    async clear() {
      try {
        await request(runtime, 'background.clearHistory', null);
        await load();
      } catch (err) {
        error.value = errorText(err);
      }
    },
    async exportCsv() {
      try {
        const all: HistoryEntry[] = [];
        let mask = maskNumbers.peek();
        for (;;) {
          const page = await request(runtime, 'background.history', { query: query.peek(), offset: all.length, limit: HISTORY_PAGE_MAX });
          all.push(...page.entries);
          mask = page.maskNumbers;
          if (page.entries.length === 0 || all.length >= page.total) break;
        }
        return { fileName: csvFileName((deps.now ?? Date.now)()), csv: historyCsv(all, mask) };
      } catch (err) {
        error.value = errorText(err);
        return null;
      }
    },
  };
}
