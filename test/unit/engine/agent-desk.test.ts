import { describe, expect, it } from 'vitest';
import { CAUSES, InvalidStateError } from '../../../src/errors';
import type { Account } from '../../../src/settings/account';
import { type AgentSettings, DEFAULT_AGENT_SETTINGS } from '../../../src/settings/agent-settings';
import { type AgentRecord, createMemoryAgentStore } from '../../../src/settings/agent-store';
import { ACCOUNT, engineFixture } from '../../fakes/engine-fixture';

const settle = () => new Promise((r) => setTimeout(r, 0));

/** An engine whose account uses the agent desk as shipped (defaults), with `agent` on top. */
async function desk(agent: Partial<AgentSettings> = {}, stored: AgentRecord | null = null, account: Partial<Account> = {}, tick = 0) {
  const agentStore = createMemoryAgentStore(stored);
  const fx = engineFixture({ agentStore, tick });
  await fx.engine.agentRestored;
  fx.engine.configure({ ...ACCOUNT, agentDesk: { ...DEFAULT_AGENT_SETTINGS, ...agent }, ...account }, true);
  const agentOf = () => fx.last().agent;
  return { ...fx, agentStore, agentOf };
}

async function signedIn(agent: Partial<AgentSettings> = {}, stored: AgentRecord | null = null) {
  const fx = await desk(agent, stored);
  fx.stack.last.comeOnline();
  return fx;
}

/** An inbound call answered and hung up by the customer. */
async function answeredCall(fx: Awaited<ReturnType<typeof signedIn>>) {
  const sip = fx.stack.last.ring('2001');
  const id = fx.last().calls[0]!.id;
  await fx.engine.command(id, 'ANSWER');
  sip.emit({ type: 'confirmed' });
  expect(fx.agentOf().busy).toBe(true);
  sip.emit({ type: 'ended', originator: 'remote', failure: null });
}

describe('agent desk: signing in and out follows registration', () => {
  it('signing in while registering, then Not ready (“Signed in”), never Ready without a click', async () => {
    const fx = await desk();
    expect(fx.agentOf()).toMatchObject({ state: 'signingIn', allowed: [] });
    fx.stack.last.comeOnline();
    expect(fx.agentOf()).toMatchObject({ state: 'notReady', reason: 'Signed in', allowed: ['READY', 'NOT_READY'], busy: false });
    fx.engine.setAgentState('READY');
    expect(fx.agentOf()).toMatchObject({ state: 'ready', reason: null, allowed: ['NOT_READY'] });
  });

  it('a refused sign-in signs the agent out; the person’s sign-out refuses dialling until Sign in', async () => {
    const fx = await desk();
    fx.stack.last.emit({ type: 'registrationFailed', failure: { code: 'credentials', sipStatus: 401, originator: 'remote' } });
    expect(fx.agentOf()).toMatchObject({ state: 'signedOut', reason: null });
    expect(fx.last().dial.allowed).toBe(true); // a dial may still try to sign in
    fx.engine.signIn();
    fx.stack.last.comeOnline();
    fx.engine.setAgentState('READY');
    fx.engine.signOut();
    expect(fx.agentOf()).toMatchObject({ state: 'signedOut', reason: 'Signed out' });
    expect(fx.last().dial).toEqual({ allowed: false, refusal: { code: 'agent-signed-out', message: CAUSES['agent-signed-out'].message } });
    await expect(fx.engine.dial('2001', '')).rejects.toMatchObject({ code: 'agent-signed-out' });
    fx.engine.signIn();
    expect(fx.agentOf().state).toBe('signingIn');
    expect(fx.last().dial.allowed).toBe(true);
  });

  it('refuses a command the state does not accept with the sentence people are shown, and an unknown reason', async () => {
    const fx = await desk();
    expect(() => fx.engine.setAgentState('READY')).toThrow(InvalidStateError);
    expect(() => fx.engine.setAgentState('READY')).toThrow('“READY” is not possible while the agent is signingIn.');
    fx.stack.last.comeOnline();
    expect(() => fx.engine.setAgentState('END_WRAP_UP')).toThrow('“END_WRAP_UP” is not possible while the agent is notReady.');
    expect(() => fx.engine.setAgentState('NOT_READY', 'Gardening')).toThrow(CAUSES['agent-reason-unknown'].message);
    fx.engine.setAgentState('NOT_READY', ' lunch ');
    expect(fx.agentOf()).toMatchObject({ state: 'notReady', reason: 'Lunch' });
  });
});

describe('agent desk: after-call work', () => {
  it('starts after an answered call and ends in Ready by the timer (seconds from the settings)', async () => {
    const fx = await signedIn({ afterCall: 'timer', afterCallSeconds: 20 });
    fx.engine.setAgentState('READY');
    await answeredCall(fx);
    expect(fx.agentOf()).toMatchObject({ state: 'afterCall', busy: false, allowed: ['READY', 'NOT_READY', 'END_WRAP_UP'] });
    const endsAt = fx.agentOf().wrapUpEndsAt;
    expect(endsAt).toBe(fx.agentOf().since + 20_000);
    fx.advance(19_999);
    expect(fx.agentOf().state).toBe('afterCall');
    fx.advance(1);
    expect(fx.agentOf()).toMatchObject({ state: 'ready', wrapUpEndsAt: null });
  });

  it('the wrap-up ends exactly its seconds after the after-call work began, on a clock that moves while code runs', async () => {
    const fx = await desk({ afterCall: 'timer', afterCallSeconds: 20 }, null, {}, 1);
    fx.stack.last.comeOnline();
    fx.engine.setAgentState('READY');
    await answeredCall(fx);
    expect(fx.agentOf().state).toBe('afterCall');
    expect(fx.agentOf().wrapUpEndsAt).toBe(fx.agentOf().since + 20_000);
  });

  it('by hand: stays in after-call work until End wrap-up, however long', async () => {
    const fx = await signedIn({ afterCall: 'manual' });
    fx.engine.setAgentState('READY');
    await answeredCall(fx);
    expect(fx.agentOf()).toMatchObject({ state: 'afterCall', wrapUpEndsAt: null });
    fx.advance(3_600_000);
    expect(fx.agentOf().state).toBe('afterCall');
    fx.engine.setAgentState('END_WRAP_UP');
    expect(fx.agentOf().state).toBe('ready');
  });

  it('follows failed and unanswered outbound calls too, but not a missed or declined inbound call', async () => {
    const fx = await signedIn({ afterCall: 'manual' });
    fx.engine.setAgentState('READY');
    await fx.engine.dial('404', '');
    fx.stack.last.calls[0]!.emit({ type: 'failed', failure: { code: 'not-found', sipStatus: 404, originator: 'remote' } });
    expect(fx.agentOf().state).toBe('afterCall');
    fx.engine.setAgentState('END_WRAP_UP');
    await fx.engine.dial('2001', '');
    fx.stack.last.calls[1]!.emit({ type: 'failed', failure: { code: 'no-answer', sipStatus: 408, originator: 'remote' } });
    expect(fx.agentOf().state).toBe('afterCall');
    fx.engine.setAgentState('END_WRAP_UP');
    const missed = fx.stack.last.ring('2002');
    missed.emit({ type: 'failed', failure: { code: 'cancelled', sipStatus: 487, originator: 'remote' } });
    const declined = fx.stack.last.ring('2003');
    await fx.engine.command(fx.last().calls.find((c) => c.state === 'incoming')!.id, 'DECLINE');
    declined.emit({ type: 'ended', originator: 'local', failure: null });
    expect(fx.last().calls.filter((c) => c.state !== 'ended')).toHaveLength(0);
    expect(fx.agentOf().state).toBe('ready');
  });

  it('a break never turns into Ready by itself: wrap-up after a call made on a break goes back to the break', async () => {
    const fx = await signedIn({ afterCall: 'timer', afterCallSeconds: 5 });
    fx.engine.setAgentState('NOT_READY', 'Meeting');
    await fx.engine.dial('2001', '');
    fx.stack.last.calls[0]!.emit({ type: 'failed', failure: { code: 'busy', sipStatus: 486, originator: 'remote' } });
    expect(fx.agentOf()).toMatchObject({ state: 'afterCallNotReady', reason: 'Meeting' });
    fx.advance(5_000);
    expect(fx.agentOf()).toMatchObject({ state: 'notReady', reason: 'Meeting' });
    fx.advance(24 * 3_600_000);
    expect(fx.agentOf()).toMatchObject({ state: 'notReady', reason: 'Meeting' });
  });

  it('off: a call ends and the agent stays where they were', async () => {
    const fx = await signedIn({ afterCall: 'off' });
    fx.engine.setAgentState('READY');
    await answeredCall(fx);
    expect(fx.agentOf().state).toBe('ready');
  });
});

describe('agent desk: who may ring (line policy fed by the agent state)', () => {
  it('Not ready and after-call work answer new inbound calls with 486; Ready rings', async () => {
    const fx = await signedIn({ afterCall: 'manual' });
    const first = fx.stack.last.ring('2001');
    expect(first.terminatedWith).toEqual([486]);
    expect(fx.last().calls).toHaveLength(0);
    fx.engine.setAgentState('READY');
    await answeredCall(fx);
    expect(fx.agentOf().state).toBe('afterCall');
    const during = fx.stack.last.ring('2002');
    expect(during.terminatedWith).toEqual([486]);
    fx.engine.setAgentState('END_WRAP_UP');
    const ready = fx.stack.last.ring('2003');
    expect(ready.terminatedWith).toEqual([]);
    expect(fx.last().calls.find((c) => c.state === 'incoming')?.remote.number).toBe('2003');
  });

  it('the configured code, or calls ring anyway when the agent allows it', async () => {
    const coded = await signedIn({ unavailableCode: 480 });
    expect(coded.stack.last.ring('2001').terminatedWith).toEqual([480]);
    const open = await signedIn({ whenUnavailable: 'ring' });
    expect(open.stack.last.ring('2001').terminatedWith).toEqual([]);
  });
});

describe('agent desk: the state outlives the offscreen document', () => {
  it('saves state, reason and since; a new document comes back Not ready with the same reason and since', async () => {
    const fx = await signedIn();
    fx.advance(1_000);
    fx.engine.setAgentState('NOT_READY', 'Lunch');
    await settle();
    const saved = fx.agentStore.saved;
    expect(saved).toEqual({ state: 'notReady', reason: 'Lunch', since: fx.agentOf().since });
    const again = await signedIn({}, saved);
    expect(again.agentOf()).toMatchObject({ state: 'notReady', reason: 'Lunch', since: saved!.since });
  });

  it('Ready (or in a call) before a crash comes back as Not ready, never Ready', async () => {
    const restarted = await signedIn({}, { state: 'ready', reason: null, since: 5 });
    expect(restarted.agentOf()).toMatchObject({ state: 'notReady', reason: 'Dialbar restarted' });
    const wrapping = await signedIn({}, { state: 'afterCall', reason: null, since: 5 });
    expect(wrapping.agentOf()).toMatchObject({ state: 'notReady', reason: 'Dialbar restarted' });
    const onBreak = await signedIn({}, { state: 'afterCallNotReady', reason: 'Training', since: 5 });
    expect(onBreak.agentOf()).toMatchObject({ state: 'notReady', reason: 'Training' });
  });

  it('the person’s sign-out is remembered; an unreadable store starts signed out', async () => {
    const out = engineFixture({ agentStore: createMemoryAgentStore({ state: 'signedOut', reason: 'Signed out', since: 5 }) });
    await out.engine.agentRestored;
    out.engine.configure({ ...ACCOUNT, autoSignIn: false }, false);
    expect(out.last().agent).toMatchObject({ state: 'signedOut', reason: 'Signed out', since: 5 });
    expect(out.last().dial.allowed).toBe(false);
    const broken = engineFixture({ agentStore: { load: () => Promise.reject(new Error('quota')), save: async () => {} } });
    await broken.engine.agentRestored;
    expect(broken.engine.readAgent().state).toBe('signedOut');
  });
});
