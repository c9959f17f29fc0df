import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CallSnapshot, Snapshot } from '../../../src/contract/snapshot';
import { DialbarError, toUserError } from '../../../src/errors';
import type { MessageType } from '../../../src/contract/protocol';
import type { RuntimePort } from '../../../src/messaging/runtime-port';
import type { Clock } from '../../../src/ui/clock';

type Handler = (payload: unknown) => unknown;

/**
 * A RuntimePort on fakeBrowser whose sendMessage answers request envelopes like the service
 * worker does: `{ ok: true, value }`, or `{ ok: false, error }` when a handler throws a
 * DialbarError. Unhandled types reject like "Receiving end does not exist".
 */
export function fakeRuntime(handlers: Partial<Record<MessageType, Handler>> = {}) {
  const sent: Array<{ type: string; payload: unknown }> = [];
  const sendMessage = vi.fn(async (message: unknown) => {
    const { type, payload } = message as { type: MessageType; payload: unknown };
    sent.push({ type, payload });
    const handler = handlers[type];
    if (!handler) throw new Error('Could not establish connection. Receiving end does not exist.');
    try {
      return { ok: true, value: (await handler(payload)) ?? null };
    } catch (error) {
      if (error instanceof DialbarError) return { ok: false, error: toUserError(error) };
      throw error;
    }
  });
  const runtime: RuntimePort = {
    id: fakeBrowser.runtime.id,
    getURL: (path) => fakeBrowser.runtime.getURL(path),
    sendMessage,
    onMessage: fakeBrowser.runtime.onMessage as unknown as RuntimePort['onMessage'],
  };
  /** Delivers a snapshot broadcast as the offscreen document would send it. */
  async function broadcast(snapshot: Snapshot) {
    await fakeBrowser.runtime.onMessage.trigger(
      { dialbar: 1, broadcast: 'offscreen.snapshot', payload: snapshot },
      { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/offscreen.html') },
    );
  }
  return { runtime, sent, sendMessage, handlers, broadcast };
}

/** A clock the test advances; each repeating tick runs once per full period passed. */
export function manualClock(start = 1_700_000_000_000) {
  let now = start;
  const timers = new Set<{ ms: number; due: number; tick: () => void }>();
  const clock: Clock = {
    now: () => now,
    every(ms, tick) {
      const timer = { ms, due: now + ms, tick };
      timers.add(timer);
      return () => timers.delete(timer);
    },
  };
  return {
    clock,
    now: () => now,
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const next = [...timers].sort((a, b) => a.due - b.due)[0];
        if (!next || next.due > end) break;
        now = next.due;
        next.due += next.ms;
        next.tick();
      }
      now = end;
    },
    get ticking() {
      return timers.size;
    },
  };
}

let seq = 0;

export function snapshot(
  parts: Partial<Omit<Snapshot, 'registration'>> & { registration?: Partial<Snapshot['registration']> } = {},
): Snapshot {
  seq += 1;
  return {
    engineId: 'engine-1',
    seq,
    account: { uri: 'sip:agent@127.0.0.1', displayName: 'Agent' },
    microphoneOpen: false,
    calls: [],
    dial: { allowed: true, refusal: null },
    agent: { state: 'ready', reason: null, since: 0, busy: false, wrapUpEndsAt: null, allowed: ['NOT_READY'], reasons: ['Break', 'Lunch'] },
    ...parts,
    registration: {
      state: 'registered',
      error: null,
      since: 0,
      nextRetryAt: null,
      allowed: ['SIGN_OUT'],
      ...parts.registration,
    },
  };
}

export function call(parts: Partial<CallSnapshot> = {}): CallSnapshot {
  return {
    id: 'call-1',
    direction: 'outgoing',
    state: 'talking',
    regions: { remoteHold: 'none', mute: 'unmuted' },
    remote: { uri: 'sip:customer@127.0.0.1', displayName: 'Customer', number: 'customer' },
    shown: '',
    origin: null,
    createdAt: 0,
    answeredAt: null,
    endedAt: null,
    end: null,
    dtmf: { sent: '', pending: '' },
    callData: {},
    autoAnswerAt: null,
    allowed: ['HANGUP'],
    ...parts,
  };
}

/** Lets pending promise callbacks (message round trips) run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A promise the test settles by hand, to observe in-between states. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
