import { ArrayMatches, type MatchList } from '../../detect/match-list';
import { readReply } from '../../detect/worker-wire';
import type { Detect, Detection, Logger } from '../types';

/** A started worker, as far as this needs one (a DedicatedWorker, or a stand-in in tests). */
export interface WorkerHandle {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown }) => void): void;
}

/** How to make the worker: its script as a URL a worker may start from, and the start itself. */
export interface WorkerStarter {
  /** Resolves to a URL a Worker can start from (a blob URL of the worker's file); rejects if none can be made. */
  load(): Promise<string>;
  /** Starts a worker; throws where the page forbids it (some CSPs fail it here, others with an error event). */
  start(url: string): WorkerHandle;
  /** Frees what `load` made. */
  release(url: string): void;
}

export interface WorkerDetectorDeps {
  starter: WorkerStarter;
  /** The detector, for every batch the worker cannot take. */
  detect: Detect;
  log: Logger;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
  now(): number;
}

/**
 * Called with a batch's matches: `ms` is the detector's time, in the worker (`inWorker`) or here
 * (a batch the worker could not take); `receivedAt` is when the main thread began on the answer
 * (reading the message included).
 */
export type Answer = (found: MatchList, ms: number, receivedAt: number, inWorker: boolean) => void;

interface Job {
  id: number;
  /** Null once sent to a worker that has answered before: `reread` gives it back if that worker fails. */
  text: string | null;
  country: string;
  answer: Answer;
  reread: (() => string) | null;
}

/** A worker that does not answer for this long is taken for stuck: it is stopped and its batches detected here. */
const STALL_MS = 10_000;
/** A worker with nothing to do for this long is stopped (its heap freed); the next batch starts another. */
const IDLE_MS = 30_000;

/** stopped: none yet or stopped idle (the next batch starts one); failed and closed are for good. */
export type WorkerState = 'stopped' | 'starting' | 'running' | 'failed' | 'closed';

/**
 * Detects batches in a worker, answering each batch in the order sent. Batches sent while the
 * worker starts wait for it. If it cannot start (CSP, no Worker), errs or stalls, every batch
 * it holds is detected here instead, and so is every later one: nothing is lost, only moved back
 * to the main thread.
 */
export class WorkerDetector {
  private worker: WorkerHandle | null = null;
  private url: string | null = null;
  private status: WorkerState = 'stopped';
  /** Jobs sent or waiting for the worker, in order. */
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;
  private stallTimer: unknown = null;
  private idleTimer: unknown = null;
  /** True once the worker answered a batch: it started, so texts sent to it are let go (see post). */
  private answered = false;

  constructor(private readonly deps: WorkerDetectorDeps) {}

  get state(): WorkerState {
    return this.status;
  }

  /** Batches not answered yet. */
  get pending(): number {
    return this.jobs.size;
  }

  /**
   * Detects `text`; `answer` is called later (from the worker's reply) or at once if the worker
   * failed. `reread` gives the text again (read from the page) for a batch whose text was let go.
   */
  submit(text: string, country: string, answer: Answer, reread: (() => string) | null = null): void {
    const job: Job = { id: this.nextId++, text, country, answer, reread };
    if (this.status === 'failed' || this.status === 'closed') {
      this.inline(job);
      return;
    }
    this.jobs.set(job.id, job);
    this.clearIdle();
    if (this.stallTimer === null) this.armStall();
    if (this.status === 'stopped') this.begin();
    else if (this.status === 'running') this.post(job);
  }

  /** Stops the worker for good (the scan stopped); batches not answered are dropped with it. */
  close(): void {
    this.jobs.clear();
    this.shutDown();
    this.status = 'closed';
  }

  private begin(): void {
    this.status = 'starting';
    this.deps.starter.load().then(
      (url) => {
        if (this.status !== 'starting') {
          this.deps.starter.release(url);
          return;
        }
        this.url = url;
        let worker: WorkerHandle;
        try {
          worker = this.deps.starter.start(url);
        } catch (error) {
          // A CSP that forbids blob workers: expected on some sites, not an error of ours.
          this.fail('worker-start', error, undefined, true);
          return;
        }
        this.worker = worker;
        worker.addEventListener('message', (event) => {
          const receivedAt = this.deps.now();
          this.onReply(worker, event.data, receivedAt);
        });
        // Also what a CSP that forbids blob workers does in Chromium (the worker's script is refused).
        worker.addEventListener('error', () => this.fail('worker-error', null, worker, true));
        worker.addEventListener('messageerror', () => this.fail('worker-message', null, worker));
        this.status = 'running';
        for (const job of this.jobs.values()) this.post(job);
      },
      (error: unknown) => this.fail('worker-load', error),
    );
  }

  /**
   * Sends a job. Once the worker has answered, the text is let go (when it can be read again): a
   * big scan's batches out with the worker outlived young-generation collections and were
   * promoted. On the 20,000-row table (V8's --trace-gc-nvp, 3 loads each) the bytes promoted during
   * the scan went from 3.56 to 2.76 MB and the old generation's growth from 5.50 to 4.99 MB. A
   * worker that fails after answering is rare (it crashed or stalled): its batches are read again.
   * Before its first answer the texts are kept: a CSP that refuses the worker fails it then.
   */
  private post(job: Job): void {
    this.worker?.postMessage({ id: job.id, text: job.text, country: job.country });
    if (this.answered && job.reread !== null) job.text = null;
  }

  private onReply(from: WorkerHandle, data: unknown, receivedAt: number): void {
    if (from !== this.worker) return;
    const reply = readReply(data);
    if (!reply) {
      this.fail('worker-reply', null, from);
      return;
    }
    const job = this.jobs.get(reply.id);
    if (!job) return;
    this.answered = true;
    this.jobs.delete(reply.id);
    this.disarmStall();
    if (this.jobs.size > 0) this.armStall();
    else this.idleTimer = this.deps.setTimeout(() => this.onIdle(), IDLE_MS);
    // An error reply: this batch is detected here; the worker keeps the others.
    if (reply.found === null) this.inline(job, receivedAt);
    else this.deliver(job, reply.found, reply.ms, receivedAt);
  }

  /** The worker cannot be used: it is stopped and what it held is detected here, in order, as are later batches. */
  private fail(where: string, error: unknown, from?: WorkerHandle, quiet = false): void {
    if (from !== undefined && from !== this.worker) return;
    if (this.status === 'failed' || this.status === 'closed') return;
    if (!quiet) this.deps.log(where, error ?? new Error(where));
    this.shutDown();
    this.status = 'failed';
    this.drainHeld();
  }

  /** Detects the batches the worker held, one per task (a backlog in one go would be one long task). */
  private drainHeld(): void {
    const first = this.jobs.values().next();
    if (first.done === true) return;
    this.jobs.delete(first.value.id);
    this.inline(first.value);
    if (this.jobs.size > 0) this.deps.setTimeout(() => this.drainHeld(), 0);
  }

  private inline(job: Job, receivedAt = this.deps.now()): void {
    let found: Detection[] = [];
    const started = this.deps.now();
    try {
      const text = job.text ?? job.reread?.() ?? '';
      found = this.deps.detect(text, { defaultCountry: job.country });
    } catch (error) {
      this.deps.log('detect', error);
    }
    this.deliver(job, new ArrayMatches(found), this.deps.now() - started, receivedAt, false);
  }

  private deliver(job: Job, found: MatchList, ms: number, receivedAt: number, inWorker = true): void {
    try {
      job.answer(found, ms, receivedAt, inWorker);
    } catch (error) {
      this.deps.log('detect-answer', error);
    }
  }

  private onIdle(): void {
    this.idleTimer = null;
    if (this.jobs.size === 0 && this.status === 'running') {
      this.shutDown();
      this.status = 'stopped';
    }
  }

  private armStall(): void {
    this.stallTimer = this.deps.setTimeout(() => {
      this.stallTimer = null;
      this.fail('worker-stalled', null);
    }, STALL_MS);
  }

  private disarmStall(): void {
    if (this.stallTimer !== null) this.deps.clearTimeout(this.stallTimer);
    this.stallTimer = null;
  }

  private clearIdle(): void {
    if (this.idleTimer !== null) this.deps.clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** Stops the worker and frees its URL; the caller sets the state that follows. */
  private shutDown(): void {
    this.disarmStall();
    this.clearIdle();
    this.worker?.terminate();
    this.worker = null;
    if (this.url !== null) this.deps.starter.release(this.url);
    this.url = null;
  }
}
