import { deriveEvents } from './derive-events';
import type { DialbarClient, DialOptions, PageError, PageEventMap, PageEventType, PageState } from './types';
import { PAGE_API_VERSION } from './types';

/**
 * The page API client: `const dialbar = await connect()`. It posts one `connect` to its own
 * window, handing Dialbar's content script a MessagePort; every reply and state comes back over
 * that port only. Messages posted to the window (by any script or frame) are never read as
 * replies or events, so nobody else can forge them. Dependency-free: it is served to pages.
 */

const NS = 'dialbar-page-api';

/** Sentences of failures the client itself sees (Dialbar's refusals come with their own). */
export const CLIENT_WORDS = {
  unavailable: 'Dialbar did not answer. Is the Dialbar extension installed, and is this site allowed in its options?',
  closed: 'This connection to Dialbar was closed.',
  timeout: 'Dialbar did not answer in time.',
};

/** The Error every command rejects with: Dialbar's error `code` and the sentence a person is told. */
export class DialbarPageError extends Error implements PageError {
  readonly code: string;
  readonly sipStatus?: number;
  constructor(error: PageError) {
    super(error.message);
    this.name = 'DialbarPageError';
    this.code = error.code;
    if (error.sipStatus !== undefined) this.sipStatus = error.sipStatus;
  }
}

export interface ConnectOptions {
  /** How long to wait for Dialbar's content script to answer (ms, default 10 000). */
  timeoutMs?: number;
  /** How long a command may take (ms, default 60 000: a dial may have to sign in first). */
  commandTimeoutMs?: number;
}

type Listener = (detail: never) => void;
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout> };

function isOurs(data: unknown): data is { ns: string; v: number; kind: string; [key: string]: unknown } {
  return typeof data === 'object' && data !== null && (data as { ns?: unknown }).ns === NS && (data as { v?: unknown }).v === PAGE_API_VERSION;
}

function asError(raw: unknown): PageError {
  const e = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<PageError>;
  return { code: typeof e.code === 'string' ? e.code : 'internal', message: typeof e.message === 'string' ? e.message : CLIENT_WORDS.unavailable };
}

/** When `connect` is posted again unasked (ms after the first): a bootstrap that started late hears one of them. */
const RETRY_MS = [1_000, 3_000, 6_000];

/** Connects to Dialbar; rejects with a DialbarPageError when this site may not (yet) use it. */
export function connect(options: ConnectOptions = {}): Promise<DialbarClient> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const commandTimeoutMs = options.commandTimeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    let port: MessagePort | null = null;
    let settled = false;
    const finish = (error: PageError | null, client?: DialbarClient) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const retry of retries) clearTimeout(retry);
      window.removeEventListener('message', onReady);
      if (error) {
        port?.close();
        reject(new DialbarPageError(error));
      } else if (client) resolve(client);
    };
    const timer = setTimeout(() => finish({ code: 'page-unavailable', message: CLIENT_WORDS.unavailable }), timeoutMs);
    // Dialbar's page bootstrap starts at document_end and may miss a `connect` posted before it
    // listened (a module script runs earlier); it loads the bridge on the next one.
    const retries = RETRY_MS.map((ms) => setTimeout(() => attempt(), ms));

    const attempt = () => {
      port?.close();
      const channel = new MessageChannel();
      port = channel.port1;
      const mine = port;
      mine.onmessage = (event) => {
        const data = event.data;
        if (port !== mine || !isOurs(data)) return;
        if (data.kind === 'refused') finish(asError(data.error));
        else if (data.kind === 'state') finish(null, createClient(mine, data.state as PageState, commandTimeoutMs));
      };
      window.postMessage({ ns: NS, v: PAGE_API_VERSION, kind: 'connect' }, window.location.origin, [channel.port2]);
    };
    // The content script may start after this module: it announces itself, and we try again then.
    // A forged announcement only makes us try again.
    const onReady = (event: MessageEvent) => {
      if (event.source === window && isOurs(event.data) && event.data.kind === 'ready') attempt();
    };
    window.addEventListener('message', onReady);
    attempt();
  });
}

function createClient(port: MessagePort, first: PageState, commandTimeoutMs: number): DialbarClient {
  let state: PageState = first;
  let closed = false;
  let nextId = 1;
  const pending = new Map<string, Pending>();
  const listeners = new Map<PageEventType, Set<Listener>>();

  const emit = <K extends PageEventType>(type: K, detail: PageEventMap[K]) => {
    for (const listener of [...(listeners.get(type) ?? [])]) {
      try {
        (listener as (d: PageEventMap[K]) => void)(detail);
      } catch (error) {
        // A page's listener that throws must not stop the others.
        setTimeout(() => {
          throw error;
        });
      }
    }
  };

  port.onmessage = (event) => {
    const data = event.data;
    if (!isOurs(data)) return;
    if (data.kind === 'state') {
      const next = data.state as PageState;
      const previous = state;
      state = next;
      for (const e of deriveEvents(previous, next)) emit(e.type, e.detail as never);
    } else if (data.kind === 'reply' && typeof data.id === 'string') {
      const waiting = pending.get(data.id);
      if (!waiting) return;
      pending.delete(data.id);
      clearTimeout(waiting.timer);
      if (data.ok === true) waiting.resolve(data.value);
      else waiting.reject(new DialbarPageError(asError(data.error)));
    } else if (data.kind === 'refused') {
      emit('error', { error: asError(data.error) });
    }
  };

  const send = (command: Record<string, unknown>): Promise<unknown> => {
    if (closed) return Promise.reject(new DialbarPageError({ code: 'page-closed', message: CLIENT_WORDS.closed }));
    const id = String(nextId++);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new DialbarPageError({ code: 'timeout', message: CLIENT_WORDS.timeout }));
      }, commandTimeoutMs);
      pending.set(id, { resolve, reject, timer });
      // Drop undefined fields: the envelope is strict.
      const clean = Object.fromEntries(Object.entries(command).filter(([, value]) => value !== undefined));
      port.postMessage({ ns: NS, v: PAGE_API_VERSION, kind: 'command', id, command: clean });
    });
  };
  const done = () => undefined;

  return {
    get state() {
      return state;
    },
    dial: (number: string, opts: DialOptions = {}) =>
      send({ name: 'dial', number, callData: opts.callData, callerId: opts.callerId }).then((value) => ({ callId: String((value as { callId?: unknown }).callId ?? '') })),
    hangup: (callId?: string) => send({ name: 'hangup', callId }).then(done),
    answer: (callId?: string) => send({ name: 'answer', callId }).then(done),
    hold: (callId?: string) => send({ name: 'hold', callId }).then(done),
    resume: (callId?: string) => send({ name: 'resume', callId }).then(done),
    sendDtmf: (digits: string, callId?: string) => send({ name: 'sendDtmf', digits, callId }).then(done),
    transfer: (target: string, callId?: string) => send({ name: 'transfer', target, callId }).then(done),
    setAgentState: (agentState, reason?: string) => send({ name: 'setAgentState', state: agentState, reason }).then(done),
    getState: () => send({ name: 'getState' }).then((value) => (value as { state: PageState }).state),
    on(type, listener) {
      const set = listeners.get(type) ?? new Set<Listener>();
      listeners.set(type, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
    close() {
      closed = true;
      port.close();
      for (const [id, waiting] of pending) {
        clearTimeout(waiting.timer);
        waiting.reject(new DialbarPageError({ code: 'page-closed', message: CLIENT_WORDS.closed }));
        pending.delete(id);
      }
      listeners.clear();
    },
  };
}
