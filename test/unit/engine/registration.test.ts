import { describe, expect, it } from 'vitest';
import { ACCOUNT, engineFixture } from '../../fakes/engine-fixture';

describe('engine registration', () => {
  it('walks signedOut → connecting → registering → registered and publishes each step', () => {
    const { engine, stack, published, last } = engineFixture();
    engine.configure(ACCOUNT, true);
    expect(last().registration.state).toBe('connecting');
    expect(stack.last.started).toBe(1);
    stack.last.emit({ type: 'connected' });
    expect(last().registration.state).toBe('registering');
    stack.last.emit({ type: 'registered' });
    expect(last().registration).toMatchObject({ state: 'registered', error: null, allowed: ['SIGN_OUT'] });
    const seqs = published.map((s) => s.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('hands the account to the stack unchanged', () => {
    const { engine, stack } = engineFixture();
    engine.configure(ACCOUNT, true);
    expect(stack.last.config).toMatchObject({ wsUrl: ACCOUNT.wsUrl, uri: ACCOUNT.sipUri, password: 'agent-secret' });
  });

  it('stays signed out when configured without signing in', () => {
    const { engine, stack, last } = engineFixture();
    engine.configure(ACCOUNT, false);
    expect(stack.agents).toHaveLength(0);
    expect(last().registration).toMatchObject({ state: 'signedOut', allowed: ['SIGN_IN'] });
    expect(last().account).toEqual({ uri: ACCOUNT.sipUri, displayName: 'Agent' });
  });

  it('reports wrong credentials as a final failure with the credentials message, and does not retry', () => {
    const { engine, stack, last, advance } = engineFixture();
    engine.configure(ACCOUNT, true);
    stack.last.emit({ type: 'connected' });
    stack.last.emit({ type: 'registrationFailed', failure: { code: 'credentials', sipStatus: 403, originator: 'remote' } });
    expect(last().registration.state).toBe('failed');
    expect(last().registration.error).toMatchObject({ code: 'credentials', sipStatus: 403 });
    expect(last().registration.error?.message).toMatch(/user name or password/);
    advance(120_000);
    expect(stack.last.registers).toBe(0);
  });

  it('a new account after a failure replaces the user agent and registers without a reload', () => {
    const { engine, stack, last } = engineFixture();
    engine.configure({ ...ACCOUNT, password: 'wrong' }, true);
    stack.last.emit({ type: 'registrationFailed', failure: { code: 'credentials', sipStatus: 401, originator: 'remote' } });
    const first = stack.last;
    engine.configure(ACCOUNT, true);
    expect(first.stopped).toBe(1);
    expect(stack.agents).toHaveLength(2);
    stack.last.comeOnline();
    expect(last().registration).toMatchObject({ state: 'registered', error: null });
  });

  it('ignores events from a user agent it already replaced', () => {
    const { engine, stack, last } = engineFixture();
    engine.configure(ACCOUNT, true);
    const old = stack.last;
    engine.configure(ACCOUNT, true);
    old.emit({ type: 'registered' });
    expect(last().registration.state).toBe('connecting');
  });

  it('retries transient failures with growing backoff and says when', () => {
    const { engine, stack, last, advance } = engineFixture();
    engine.configure(ACCOUNT, true);
    stack.last.emit({ type: 'connected' });
    stack.last.emit({ type: 'registrationFailed', failure: { code: 'server-error', sipStatus: 503, originator: 'remote' } });
    expect(last().registration.state).toBe('waitingToRetry');
    expect(last().registration.nextRetryAt).toBe(1_000 + 2_000);
    advance(1_999);
    expect(stack.last.registers).toBe(0);
    advance(1);
    expect(stack.last.registers).toBe(1);
    expect(last().registration.state).toBe('registering');
    stack.last.emit({ type: 'registrationFailed', failure: { code: 'timeout', sipStatus: 408, originator: 'remote' } });
    expect(last().registration.nextRetryAt).toBe(3_000 + 4_000);
  });

  it('says the server is unreachable when it never connected, and reconnecting after a drop', () => {
    const { engine, stack, last } = engineFixture();
    engine.configure(ACCOUNT, true);
    stack.last.emit({ type: 'disconnected' });
    expect(last().registration).toMatchObject({ state: 'reconnecting', error: { code: 'server-unreachable' } });
    stack.last.comeOnline();
    stack.last.emit({ type: 'disconnected' });
    expect(last().registration).toMatchObject({ state: 'reconnecting', error: { code: 'connection-lost' } });
    stack.last.comeOnline();
    expect(last().registration).toMatchObject({ state: 'registered', error: null });
  });

  it('names TLS when a wss:// server cannot be reached', () => {
    const { engine, stack, last } = engineFixture();
    engine.configure({ ...ACCOUNT, wsUrl: 'wss://pbx.example.com/ws' }, true);
    stack.last.emit({ type: 'disconnected' });
    expect(last().registration.error?.code).toBe('tls-failure');
  });

  it('turns a stack refusal of the URL into a failed state with the bad-url message', () => {
    const { engine, last } = engineFixture();
    engine.configure({ ...ACCOUNT, wsUrl: 'http://nope' }, true);
    expect(last().registration).toMatchObject({ state: 'failed', error: { code: 'bad-url' } });
  });

  it('signs out: stops the user agent and ignores its late events', () => {
    const { engine, stack, last } = engineFixture();
    engine.configure(ACCOUNT, true);
    stack.last.comeOnline();
    engine.signOut();
    expect(stack.last.stopped).toBe(1);
    stack.last.emit({ type: 'disconnected' });
    expect(last().registration).toMatchObject({ state: 'signedOut', error: null, allowed: ['SIGN_IN'] });
  });

  it('awaitRegistration resolves with the outcome, or the timeout', async () => {
    const { engine, stack, advance } = engineFixture();
    engine.configure(ACCOUNT, true);
    const pending = engine.awaitRegistration(5_000);
    stack.last.comeOnline();
    await expect(pending).resolves.toEqual({ ok: true, state: 'registered', error: null });

    engine.configure(ACCOUNT, true);
    const timedOut = engine.awaitRegistration(5_000);
    advance(5_000);
    await expect(timedOut).resolves.toMatchObject({ ok: false, state: 'connecting', error: { code: 'timeout' } });
  });

  it('awaitRegistration answers at once when the server cannot be reached at all', async () => {
    const { engine, stack } = engineFixture();
    engine.configure(ACCOUNT, true);
    const pending = engine.awaitRegistration(10_000);
    stack.last.emit({ type: 'disconnected' });
    await expect(pending).resolves.toMatchObject({ ok: false, state: 'reconnecting', error: { code: 'server-unreachable' } });
  });

  it('refuses to sign in without an account', () => {
    const { engine } = engineFixture();
    expect(() => engine.signIn()).toThrowError(/no phone account/);
  });
});

describe('snapshot publishing', () => {
  it('numbers every change at once but publishes changes of one task together', async () => {
    const { createOffscreenCore } = await import('../../../src/offscreen/offscreen-core');
    const { FakeAudioSink, FakeMicrophone, FakeSipStack } = await import('../../fakes/fake-sip-stack');
    const deferred: Array<() => void> = [];
    const published: number[] = [];
    const stack = new FakeSipStack();
    const { engine, composer } = createOffscreenCore({
      stack,
      microphone: new FakeMicrophone(),
      audio: new FakeAudioSink(),
      now: () => 0,
      newId: () => 'id',
      setTimer: () => () => {},
      defer: (fn) => deferred.push(fn),
      publish: (s) => published.push(s.seq),
    });
    engine.configure(ACCOUNT, true);
    stack.last.comeOnline();
    const seq = composer.snapshot().seq;
    expect(seq).toBeGreaterThanOrEqual(3);
    expect(published).toEqual([]);
    expect(deferred).toHaveLength(1);
    deferred.shift()?.();
    expect(published).toEqual([seq]);
    stack.last.emit({ type: 'disconnected' });
    deferred.shift()?.();
    expect(published).toEqual([seq, seq + 1]);
  });
});
