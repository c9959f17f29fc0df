import type { CallOutcome, CallSnapshot, HistoryEntry, HistoryPage } from '../contract/snapshot';

/**
 * Where entries are kept (IndexedDB in the offscreen document, memory in tests). It only
 * stores; order, bounds and search are `CallHistory`'s.
 */
export interface HistoryBackend {
  all(): Promise<HistoryEntry[]>;
  put(entry: HistoryEntry): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  clear(): Promise<void>;
}

export interface CallHistoryDeps {
  backend: HistoryBackend;
  /** How many calls to keep, read at each write. */
  limit(): number;
  /** Told when a write fails: the call itself is never disturbed. */
  onError?(error: unknown): void;
}

export interface HistoryQueryInput {
  query: string;
  offset: number;
  limit: number;
}

/** Newest first: by start, then by end. */
function newestFirst(a: HistoryEntry, b: HistoryEntry): number {
  return b.startedAt - a.startedAt || b.endedAt - a.endedAt;
}

/** Digits of a string, for a search that ignores spaces, dashes and brackets. */
function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** Whether an entry matches a search: part of its name or number, case-insensitively, or its digits. */
export function matchesQuery(entry: HistoryEntry, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  if (entry.number.toLowerCase().includes(q) || entry.displayName.toLowerCase().includes(q)) return true;
  const digits = digitsOf(q);
  return digits.length > 0 && digits.length === q.replace(/[\s()+.-]/g, '').length && digitsOf(entry.number).includes(digits);
}

/**
 * The call history: every ended call, newest first, bounded. Writes run one after another, so a
 * read sees every write that came before it; a failed write is reported and dropped.
 */
export class CallHistory {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: CallHistoryDeps) {}

  /** Records an ended call; never throws, never waits the caller. */
  record(entry: HistoryEntry): void {
    void this.#serial(async () => {
      await this.deps.backend.put(entry);
      const all = (await this.deps.backend.all()).sort(newestFirst);
      const keep = Math.max(1, Math.floor(this.deps.limit()));
      if (all.length > keep) await this.deps.backend.remove(all.slice(keep).map((e) => e.id));
    }).catch((error) => this.deps.onError?.(error));
  }

  async page({ query, offset, limit }: HistoryQueryInput, maskNumbers: boolean): Promise<HistoryPage> {
    const all = await this.#serial(() => this.deps.backend.all());
    const matching = all.filter((e) => matchesQuery(e, query)).sort(newestFirst);
    return { entries: matching.slice(offset, offset + limit), total: matching.length, maskNumbers };
  }

  clear(): Promise<void> {
    return this.#serial(() => this.deps.backend.clear());
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task, task);
    this.#queue = next.catch(() => {});
    return next;
  }
}

/** A history entry for an ended call; `agentReason` is the agent state reason at that time. */
export function historyEntryOf(call: CallSnapshot, agentReason: string | null): HistoryEntry {
  const endedAt = call.endedAt ?? call.createdAt;
  const by = call.end?.by ?? 'system';
  const outcome = outcomeOf(call.direction, call.answeredAt !== null, by);
  return {
    id: call.id,
    direction: call.direction,
    number: call.remote.number || call.remote.uri || call.shown,
    displayName: call.remote.displayName.trim(),
    startedAt: call.createdAt,
    answeredAt: call.answeredAt,
    endedAt,
    durationSeconds: call.answeredAt === null ? 0 : Math.max(0, Math.round((endedAt - call.answeredAt) / 1000)),
    outcome,
    endCause: call.end?.error?.message ?? END_WORDS[outcome][by],
    ...(call.end?.error ? { endCode: call.end.error.code } : {}),
    endedBy: by,
    agentReason,
  };
}

function outcomeOf(direction: CallSnapshot['direction'], answered: boolean, by: HistoryEntry['endedBy']): CallOutcome {
  if (answered) return 'answered';
  if (direction === 'incoming') return by === 'local' ? 'declined' : 'missed';
  return by === 'local' ? 'cancelled' : 'failed';
}

/** Why a call ended when no failure sentence says it, in English (views say it from outcome and endedBy; see ui/history-format.ts). */
const END_WORDS: Record<CallOutcome, Record<HistoryEntry['endedBy'], string>> = {
  answered: { local: 'You hung up.', remote: 'The other side hung up.', system: 'Dialbar ended the call.' },
  missed: { local: 'Not answered.', remote: 'The caller hung up before it was answered.', system: 'Not answered.' },
  declined: { local: 'You declined the call.', remote: 'You declined the call.', system: 'You declined the call.' },
  cancelled: { local: 'You cancelled the call.', remote: 'You cancelled the call.', system: 'You cancelled the call.' },
  failed: { local: 'The call did not connect.', remote: 'The other side did not answer.', system: 'The call did not connect.' },
};

/** Keeps entries in memory: for tests, and when IndexedDB cannot be opened. */
export function createMemoryHistoryBackend(initial: HistoryEntry[] = []): HistoryBackend {
  const entries = new Map(initial.map((e) => [e.id, e]));
  return {
    all: async () => [...entries.values()],
    put: async (entry) => void entries.set(entry.id, entry),
    remove: async (ids) => {
      for (const id of ids) entries.delete(id);
    },
    clear: async () => entries.clear(),
  };
}
