import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, DialbarPageError } from '../../../src/page-api/client/connect';
import { deriveEvents } from '../../../src/page-api/client/derive-events';
import type { DialbarClient, PageCall, PageState } from '../../../src/page-api/client/types';

const NS = 'dialbar-page-api';
const ORIGIN = 'https://crm.example.com';

function state(calls: Partial<PageCall>[] = [], agentState: PageState['agent']['state'] = 'ready'): PageState {
  return {
    version: 1,
    registration: { state: 'registered', error: null },
    agent: { state: agentState, reason: null, since: 0, busy: calls.length > 0, wrapUpEndsAt: null, allowed: [], reasons: [] },
    calls: calls.map((c) => ({
      id: 'c1',
      direction: 'incoming',
      state: 'incoming',
      muted: false,
      heldByRemote: false,
      number: '+4930123',
      displayName: 'Zoë',
      callData: { 'X-Ticket': 'T-1' },
      createdAt: 1_000,
      answeredAt: null,
      endedAt: null,
      end: null,
      allowed: [],
      ...c,
    })),
    dial: { allowed: true, refusal: null },
  };
}

describe('event derivation', () => {
  it('tells an inbound call ringing, answered, held, resumed and ended, in order', () => {
    const steps = [
      state(),
      state([{ state: 'incoming' }]),
      state([{ state: 'talking', answeredAt: 2_000 }]),
      state([{ state: 'held', answeredAt: 2_000 }]),
      state([{ state: 'talking', answeredAt: 2_000 }]),
      state([{ state: 'ended', answeredAt: 2_000, endedAt: 9_400, end: { by: 'remote', error: null, transferred: false } }]),
    ];
    const seen = steps.slice(1).flatMap((next, i) => deriveEvents(steps[i] ?? null, next).filter((e) => e.type !== 'state' && e.type !== 'agent'));
    expect(seen.map((e) => e.type)).toEqual(['ringing', 'answered', 'held', 'resumed', 'ended']);
    expect(seen[0]?.detail).toMatchObject({ call: { number: '+4930123', displayName: 'Zoë', callData: { 'X-Ticket': 'T-1' } } });
    expect(seen[4]?.detail).toMatchObject({ durationSeconds: 7, by: 'remote', cause: null });
  });

  it('tells an outgoing call ringing at the far end, agent and registration changes, and a call that vanished as ended', () => {
    const a = state([{ direction: 'outgoing', state: 'dialing' }], 'ready');
    const b = { ...state([{ direction: 'outgoing', state: 'ringing' }], 'notReady'), registration: { state: 'reconnecting' as const, error: null } };
    expect(deriveEvents(a, b).map((e) => e.type)).toEqual(['state', 'registration', 'agent', 'ringing']);
    expect(deriveEvents(b, state([], 'notReady')).map((e) => e.type)).toEqual(['state', 'registration', 'agent', 'ended']);
    // The first state of a connection tells only what rings now.
    expect(deriveEvents(null, b).map((e) => e.type)).toEqual(['state', 'ringing']);
    expect(deriveEvents(null, state([{ state: 'talking', answeredAt: 5 }])).map((e) => e.type)).toEqual(['state']);
  });
});

/** A window for the client in node: postMessage to itself delivers to its listeners with source = this window. */
class FakeWindow extends EventTarget {
  readonly location = { origin: ORIGIN };
  postMessage(data: unknown, _origin: string, transfer: MessagePort[] = []) {
    const event = new Event('message');
    Object.defineProperties(event, { data: { value: data }, source: { value: this }, origin: { value: ORIGIN }, ports: { value: transfer } });
    queueMicrotask(() => this.dispatchEvent(event));
  }
}

describe('client', () => {
  let win: FakeWindow;
  let bridge: MessagePort | null;
  let client: DialbarClient | null;
  const g = globalThis as unknown as { window?: unknown };

  beforeEach(() => {
    win = new FakeWindow();
    g.window = win;
    bridge = null;
    client = null;
    // A stand-in for Dialbar's bridge: takes the port, sends the first state, answers getState / dial.
    win.addEventListener('message', (event) => {
      const e = event as MessageEvent;
      if (e.data?.ns !== NS || e.data.kind !== 'connect') return;
      const port = e.ports[0] as MessagePort;
      bridge = port;
      port.onmessage = (m) => {
        const { id, command } = m.data;
        if (command.name === 'dial') port.postMessage({ ns: NS, v: 1, kind: 'reply', id, ok: false, error: { code: 'page-activation-needed', message: 'A page may dial only right after you click or press a key on it.' } });
        else port.postMessage({ ns: NS, v: 1, kind: 'reply', id, ok: true, value: { state: state() } });
      };
      port.postMessage({ ns: NS, v: 1, kind: 'state', state: state() });
    });
  });

  afterEach(() => {
    client?.close();
    bridge?.close();
    delete g.window;
  });

  it('connects, and rejects a refused command with an Error carrying code and sentence', async () => {
    client = await connect({ timeoutMs: 2_000 });
    expect(client.state?.registration.state).toBe('registered');
    const error = await client.dial('+4930123').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DialbarPageError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'page-activation-needed', message: expect.stringContaining('right after you click') });
  });

  it('ignores events and replies posted to the window: only the port handed over at connect is heard', async () => {
    client = await connect({ timeoutMs: 2_000 });
    const heard: string[] = [];
    client.on('ringing', (e) => heard.push(e.call.id));
    const forgedState = state([{ id: 'forged', state: 'incoming' }]);
    for (let id = 1; id <= 5; id++) win.postMessage({ ns: NS, v: 1, kind: 'reply', id: String(id), ok: true, value: { callId: 'forged' } }, '*');
    win.postMessage({ ns: NS, v: 1, kind: 'state', state: forgedState }, '*');
    const dial = await client.dial('+4930123').catch((e: unknown) => e);
    expect(dial).toMatchObject({ code: 'page-activation-needed' });
    expect(heard).toEqual([]);
    expect(client.state?.calls).toEqual([]);
    // The real bridge's state is heard.
    bridge?.postMessage({ ns: NS, v: 1, kind: 'state', state: state([{ id: 'real', state: 'incoming' }]) });
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toEqual(['real']);
  });

  it('posts connect again unasked, so a bridge that started after the first one still connects', async () => {
    const late = new FakeWindow();
    g.window = late;
    let connects = 0;
    late.addEventListener('message', (event) => {
      const e = event as MessageEvent;
      if (e.data?.ns !== NS || e.data.kind !== 'connect') return;
      connects += 1;
      // The first connect finds nobody (the bootstrap was not listening yet); the second is answered.
      if (connects < 2) return;
      const port = e.ports[0] as MessagePort;
      bridge = port;
      port.postMessage({ ns: NS, v: 1, kind: 'state', state: state() });
    });
    client = await connect({ timeoutMs: 5_000 });
    expect(connects).toBe(2);
    expect(client.state?.registration.state).toBe('registered');
    // Connected: no more connects after the answer.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(connects).toBe(2);
  });

  it('rejects with a clear error when Dialbar does not answer, and after close', async () => {
    const silent = new FakeWindow();
    g.window = silent;
    const error = await connect({ timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'page-unavailable', message: expect.stringContaining('Dialbar did not answer') });
    g.window = win;
    client = await connect({ timeoutMs: 2_000 });
    client.close();
    await expect(client.getState()).rejects.toMatchObject({ code: 'page-closed' });
  });
});
