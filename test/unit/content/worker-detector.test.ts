import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serveDetect, type WorkerScope } from '../../../src/detect/worker-serve';
import { type WorkerHandle, WorkerDetector, type WorkerStarter } from '../../../src/content/scan/worker-detector';
import type { Detection } from '../../../src/content/types';
import type { MatchList } from '../../../src/detect/match-list';

function numbersOf(list: MatchList): string[] {
  return Array.from({ length: list.length }, (_, i) => list.number(i));
}

/** A stand-in detector: "ddd-dddd" is a number. */
function detect(text: string): Detection[] {
  return [...text.matchAll(/\d{3}-\d{4}/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, number: `+1${m[0].replace('-', '')}` }));
}

type Listener = (event: { data?: unknown }) => void;

/**
 * A worker that runs the real worker loop (serveDetect) but answers only when told (`answer()`),
 * with messages cloned both ways as a real one's are.
 */
class FakeWorker implements WorkerHandle {
  readonly listeners = new Map<string, Listener[]>();
  terminated = false;
  /** Requests received, not answered yet. */
  readonly inbox: unknown[] = [];
  private serve: ((event: { data: unknown }) => void) | null = null;
  private outbox: unknown[] = [];

  constructor(workerDetect: typeof detect = detect) {
    const scope: WorkerScope = {
      postMessage: (message) => this.outbox.push(structuredClone(message)),
      addEventListener: (_type, listener) => {
        this.serve = listener;
      },
    };
    serveDetect(scope, workerDetect, () => 5);
  }

  postMessage(message: unknown): void {
    this.inbox.push(structuredClone(message));
  }

  terminate(): void {
    this.terminated = true;
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  emit(type: string, data?: unknown): void {
    for (const l of this.listeners.get(type) ?? []) l({ data });
  }

  /** Serves the first `n` requests received (all by default) and delivers the replies. */
  answer(n = this.inbox.length): void {
    for (const data of this.inbox.splice(0, n)) this.serve?.({ data });
    const out = this.outbox;
    this.outbox = [];
    for (const reply of out) this.emit('message', reply);
  }
}

function setup(opts: { load?: () => Promise<string>; start?: (url: string) => WorkerHandle } = {}) {
  const workers: FakeWorker[] = [];
  const released: string[] = [];
  const logged: string[] = [];
  let loads = 0;
  const starter: WorkerStarter = {
    load:
      opts.load ??
      (() => {
        loads++;
        return Promise.resolve(`blob:${loads}`);
      }),
    start:
      opts.start ??
      (() => {
        const w = new FakeWorker();
        workers.push(w);
        return w;
      }),
    release: (url) => released.push(url),
  };
  const inlineCalls: string[] = [];
  const remote = new WorkerDetector({
    starter,
    detect: (text) => {
      inlineCalls.push(text);
      return detect(text);
    },
    log: (where) => logged.push(where),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
    now: () => 100,
  });
  const answers: Array<{ text: string; numbers: string[]; inWorker: boolean }> = [];
  const submit = (text: string) =>
    remote.submit(text, 'US', (found, _ms, _at, inWorker) => answers.push({ text, numbers: numbersOf(found), inWorker }));
  return { remote, workers, released, logged, inlineCalls, answers, submit };
}

describe('WorkerDetector', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends batches made while the worker starts once it runs, and answers them in order from the worker', async () => {
    const t = setup();
    t.submit('call 555-0101');
    t.submit('none here');
    t.submit('555-0102 or 555-0103');
    expect(t.remote.state).toBe('starting');
    expect(t.remote.pending).toBe(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.remote.state).toBe('running');
    const w = t.workers[0] as FakeWorker;
    expect(w.inbox).toHaveLength(3);
    w.answer();
    expect(t.answers).toEqual([
      { text: 'call 555-0101', numbers: ['+15550101'], inWorker: true },
      { text: 'none here', numbers: [], inWorker: true },
      { text: '555-0102 or 555-0103', numbers: ['+15550102', '+15550103'], inWorker: true },
    ]);
    expect(t.inlineCalls).toEqual([]);
    expect(t.remote.pending).toBe(0);
  });

  it('detects everything itself, in order, when the page forbids the worker (start throws)', async () => {
    const t = setup({
      start: () => {
        throw new DOMException('denied by CSP', 'SecurityError');
      },
    });
    t.submit('555-0101');
    t.submit('555-0102');
    await vi.advanceTimersByTimeAsync(0);
    expect(t.remote.state).toBe('failed');
    expect(t.answers.map((a) => a.numbers)).toEqual([['+15550101'], ['+15550102']]);
    expect(t.answers.every((a) => !a.inWorker)).toBe(true);
    expect(t.logged).toEqual([]);
    expect(t.released).toEqual(['blob:1']);
    // Later batches are answered at once, here.
    t.submit('555-0103');
    expect(t.answers.map((a) => a.numbers)).toEqual([['+15550101'], ['+15550102'], ['+15550103']]);
    expect(t.inlineCalls).toEqual(['555-0101', '555-0102', '555-0103']);
  });

  it('when the worker errs (a CSP that fails it later), detects what it held here, one batch per task', async () => {
    const t = setup();
    t.submit('555-0101');
    t.submit('555-0102');
    t.submit('555-0103');
    await vi.advanceTimersByTimeAsync(0);
    const w = t.workers[0] as FakeWorker;
    w.answer(1);
    expect(t.answers).toHaveLength(1);
    w.emit('error');
    expect(w.terminated).toBe(true);
    expect(t.remote.state).toBe('failed');
    expect(t.answers).toHaveLength(2);
    expect(t.remote.pending).toBe(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.answers.map((a) => a.numbers)).toEqual([['+15550101'], ['+15550102'], ['+15550103']]);
    expect(t.answers.map((a) => a.inWorker)).toEqual([true, false, false]);
    expect(t.remote.pending).toBe(0);
  });

  it('once the worker has answered, lets the texts it is sent go; if it then fails, reads them again to detect here', async () => {
    /** Submits `text` with a reread that logs and returns `now` (the page's text when read again). */
    const sendTo = (t: ReturnType<typeof setup>, rereads: string[]) => (text: string, now: string) =>
      t.remote.submit(
        text,
        'US',
        (found, _ms, _at, inWorker) => t.answers.push({ text, numbers: numbersOf(found), inWorker }),
        () => {
          rereads.push(now);
          return now;
        },
      );
    const t = setup();
    const rereads: string[] = [];
    sendTo(t, rereads)('555-0101', 'unused');
    await vi.advanceTimersByTimeAsync(0);
    // Sent before the worker answered: kept (a CSP that refuses the worker fails it now).
    (t.workers[0] as FakeWorker).emit('error');
    expect(rereads).toEqual([]);
    expect(t.inlineCalls).toEqual(['555-0101']);

    const u = setup();
    const again: string[] = [];
    const send = sendTo(u, again);
    send('555-0201', 'unused');
    await vi.advanceTimersByTimeAsync(0);
    const w = u.workers[0] as FakeWorker;
    w.answer();
    // Sent after an answer: the worker got the text, the detector no longer holds it.
    send('555-0202', '555-0299 (read again)');
    expect(w.inbox).toEqual([{ id: 1, text: '555-0202', country: 'US' }]);
    w.emit('error');
    expect(again).toEqual(['555-0299 (read again)']);
    expect(u.inlineCalls).toEqual(['555-0299 (read again)']);
    expect(u.answers.map((a) => a.numbers)).toEqual([['+15550201'], ['+15550299']]);
    expect(u.answers.map((a) => a.inWorker)).toEqual([true, false]);
  });

  it('detects here when the worker file cannot be loaded', async () => {
    const t = setup({ load: () => Promise.reject(new Error('detect-worker-http-404')) });
    t.submit('555-0101');
    await vi.advanceTimersByTimeAsync(0);
    expect(t.remote.state).toBe('failed');
    expect(t.answers.map((a) => a.numbers)).toEqual([['+15550101']]);
    expect(t.logged).toEqual(['worker-load']);
  });

  it('takes a worker that stops answering for stuck: stops it and detects its batches here', async () => {
    const t = setup();
    t.submit('555-0101');
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(t.answers).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect((t.workers[0] as FakeWorker).terminated).toBe(true);
    expect(t.answers.map((a) => a.numbers)).toEqual([['+15550101']]);
    expect(t.logged).toEqual(['worker-stalled']);
  });

  it('a reply that is not one stops the worker; an error reply sends only that batch back here', async () => {
    const t = setup();
    t.submit('555-0101');
    t.submit('555-0102');
    await vi.advanceTimersByTimeAsync(0);
    const w = t.workers[0] as FakeWorker;
    // The worker's loop answers a request it cannot read with an error reply.
    w.inbox[0] = { id: 0, text: 42, country: 'US' };
    w.answer();
    expect(t.inlineCalls).toEqual(['555-0101']);
    expect(t.answers.map((a) => a.numbers)).toEqual([['+15550101'], ['+15550102']]);
    expect(t.remote.state).toBe('running');

    t.submit('555-0103');
    w.inbox.length = 0;
    w.emit('message', { id: 2, triples: [0, 8, 9], numbers: '+15550103', ms: 1 });
    expect(t.remote.state).toBe('failed');
    expect(t.logged).toEqual(['worker-reply']);
    expect(t.answers.map((a) => a.numbers).at(-1)).toEqual(['+15550103']);
  });

  it('stops an idle worker and starts a fresh one for the next batch', async () => {
    const t = setup();
    t.submit('555-0101');
    await vi.advanceTimersByTimeAsync(0);
    (t.workers[0] as FakeWorker).answer();
    await vi.advanceTimersByTimeAsync(30_000);
    expect((t.workers[0] as FakeWorker).terminated).toBe(true);
    expect(t.remote.state).toBe('stopped');
    expect(t.released).toEqual(['blob:1']);
    t.submit('555-0102');
    await vi.advanceTimersByTimeAsync(0);
    expect(t.workers).toHaveLength(2);
    (t.workers[1] as FakeWorker).answer();
    expect(t.answers.map((a) => a.numbers)).toEqual([['+15550101'], ['+15550102']]);
  });

  it('close() stops the worker and drops what it held; a load that ends later is released', async () => {
    const t = setup();
    t.submit('555-0101');
    t.remote.close();
    expect(t.remote.state).toBe('closed');
    await vi.advanceTimersByTimeAsync(0);
    expect(t.workers).toHaveLength(0);
    expect(t.released).toEqual(['blob:1']);
    expect(t.answers).toEqual([]);
    expect(t.remote.pending).toBe(0);
  });
});
