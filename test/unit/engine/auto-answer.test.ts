import { describe, expect, it } from 'vitest';
import { AUTO_ANSWER_MAX_SECONDS, requestedAutoAnswer } from '../../../src/engine/auto-answer';
import type { SipHeader } from '../../../src/engine/sip-stack';
import type { Account } from '../../../src/settings/account';
import { autoAnswerWords } from '../../../src/ui/words';
import { ACCOUNT, engineFixture } from '../../fakes/engine-fixture';

const h = (name: string, value: string): SipHeader[] => [{ name, value }];
/** Lets the microphone promise and the answer that follows it run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('auto-answer requests in an INVITE', () => {
  it.each([
    ['Call-Info', '<sip:x>;answer-after=0', 0],
    ['call-info', '<sip:127.0.0.1>;answer-after=5', 5],
    ['CALL-INFO', '<sip:x> ; Answer-After = 3 ', 3],
    ['Call-Info', '<sip:x>;purpose=info;answer-after="2"', 2],
    ['Call-Info', ';answer-after=0', 0],
    ['Call-Info', '<http://a/b>;purpose=icon, <sip:x>;answer-after=4', 4],
    ['Call-Info', '<sip:x>;answer-after=9999', AUTO_ANSWER_MAX_SECONDS],
    ['Alert-Info', 'Auto Answer', 0],
    ['alert-info', 'auto-answer', 0],
    ['Alert-Info', '<http://www.notused.com>;info=alert-autoanswer;delay=0', 0],
    ['Alert-Info', '<http://www.notused.com>;info=alert-autoanswer;delay=7', 7],
    ['Alert-Info', ';info=alert-autoanswer', 0],
    ['Alert-Info', 'info=Auto Answer', 0],
    ['Alert-Info', 'Ring Answer', 0],
    ['Alert-Info', '<http://x>;info=ring-normal, <http://y>;info=autoanswer', 0],
  ])('%s: %s asks for %i s', (name, value, seconds) => {
    expect(requestedAutoAnswer(h(name, value))).toBe(seconds);
  });

  it.each([
    ['Call-Info', '<sip:x>;purpose=info'],
    ['Call-Info', '<sip:x>;answer-after=-1'],
    ['Call-Info', '<sip:x>;answer-after=soon'],
    ['Call-Info', '<sip:x;answer-after=0>'],
    ['Call-Info', '<sip:x>;answer-afterwards=0'],
    ['Alert-Info', '<http://x/auto-answer>'],
    ['Alert-Info', '<http://x>;info=ring-normal'],
    ['Alert-Info', 'noauto answering'],
    ['Subject', 'Auto Answer'],
    ['X-Call-Info', '<sip:x>;answer-after=0'],
  ])('%s: %s asks for nothing', (name, value) => {
    expect(requestedAutoAnswer(h(name, value))).toBeNull();
  });

  it('several requests: the shortest delay', () => {
    expect(requestedAutoAnswer([...h('Call-Info', '<sip:x>;answer-after=8'), ...h('Alert-Info', 'Auto Answer;delay=3')])).toBe(3);
  });

  it('the card says how long is left', () => {
    expect(autoAnswerWords(null, 0)).toBeNull();
    expect(autoAnswerWords(5_000, 0)).toBe('Answering automatically in 5 s');
    expect(autoAnswerWords(5_000, 4_100)).toBe('Answering automatically in 1 s');
    expect(autoAnswerWords(5_000, 5_000)).toBe('Answering automatically…');
  });
});

describe('the auto-answer timer in the engine (manual clock)', () => {
  async function online(account: Partial<Account>) {
    const fx = engineFixture();
    fx.engine.configure({ ...ACCOUNT, ...account }, true);
    fx.stack.last.comeOnline();
    // Auto-answer works only while the agent is Ready (signed in lands in Not ready).
    fx.engine.setAgentState('READY');
    return fx;
  }

  it('answers after N s by the setting, not before; the snapshot says when', async () => {
    const fx = await online({ autoAnswerSeconds: 3 });
    const sip = fx.stack.last.ring();
    expect(fx.last().calls[0]).toMatchObject({ state: 'incoming', autoAnswerAt: 1_000 + 3_000 });
    fx.advance(2_999);
    await settle();
    expect(sip.answeredWith).toBeNull();
    fx.advance(1);
    await settle();
    expect(sip.answeredWith).not.toBeNull();
    expect(fx.last().calls[0]).toMatchObject({ state: 'answering', autoAnswerAt: null });
  });

  it('is off by default (0 s)', async () => {
    const fx = await online({});
    const sip = fx.stack.last.ring();
    expect(fx.last().calls[0]?.autoAnswerAt).toBeNull();
    fx.advance(120_000);
    await settle();
    expect(sip.answeredWith).toBeNull();
  });

  it('is cancelled when the caller hangs up first', async () => {
    const fx = await online({ autoAnswerSeconds: 2 });
    const sip = fx.stack.last.ring();
    sip.emit({ type: 'failed', failure: { code: 'cancelled', sipStatus: 487, originator: 'remote' } });
    expect(fx.last().calls[0]).toMatchObject({ state: 'ended', autoAnswerAt: null });
    fx.advance(5_000);
    await settle();
    expect(sip.answeredWith).toBeNull();
  });

  it('is cancelled by a manual answer (one answer only) and by a decline', async () => {
    const fx = await online({ autoAnswerSeconds: 2 });
    const first = fx.stack.last.ring();
    const id = fx.last().calls[0]?.id ?? '';
    await fx.engine.command(id, 'ANSWER');
    expect(fx.last().calls[0]?.autoAnswerAt).toBeNull();
    fx.advance(5_000);
    await settle();
    expect(fx.microphone.opened).toHaveLength(1);
    first.emit({ type: 'ended', originator: 'remote', failure: null });

    const second = fx.stack.last.ring('2002');
    const secondId = fx.last().calls.find((c) => c.remote.number === '2002')?.id ?? '';
    await fx.engine.command(secondId, 'DECLINE');
    expect(second.terminatedWith).toEqual([603]);
    fx.advance(5_000);
    await settle();
    expect(second.answeredWith).toBeNull();
  });

  it('never answers beside another live call (the waiting call rings for the agent to decide)', async () => {
    const fx = await online({ autoAnswerSeconds: 1, autoAnswerByHeader: true });
    await fx.engine.dial('2001', '');
    const a = fx.stack.last.calls[0];
    a?.emit({ type: 'accepted' });
    a?.emit({ type: 'confirmed' });
    const b = fx.stack.last.ring('2002', 'B', [{ name: 'Call-Info', value: '<sip:x>;answer-after=0' }]);
    const waiting = fx.last().calls.find((c) => c.remote.number === '2002');
    expect(waiting).toMatchObject({ state: 'incoming', autoAnswerAt: null });
    fx.advance(10_000);
    await settle();
    expect(b.answeredWith).toBeNull();
    expect(a?.actions).toEqual([]);
  });

  it('does not answer when a call became live meanwhile (asked again when the time comes)', async () => {
    const fx = await online({ autoAnswerSeconds: 2 });
    const sip = fx.stack.last.ring();
    // A second caller while the first rings hears busy; the first is still the only live call.
    const busy = fx.stack.last.ring('2002');
    expect(busy.terminatedWith).toEqual([486]);
    fx.advance(2_000);
    await settle();
    expect(sip.answeredWith).not.toBeNull();
  });

  it('an INVITE’s Call-Info answer-after is honoured when the setting allows it, ignored when it does not', async () => {
    const asking = [{ name: 'Call-Info', value: '<sip:x>;answer-after=0' }];
    const allowed = await online({ autoAnswerByHeader: true });
    const yes = allowed.stack.last.ring('2001', 'C', asking);
    allowed.advance(0);
    await settle();
    expect(yes.answeredWith).not.toBeNull();

    const forbidden = await online({ autoAnswerByHeader: false });
    const no = forbidden.stack.last.ring('2001', 'C', asking);
    expect(forbidden.last().calls[0]?.autoAnswerAt).toBeNull();
    forbidden.advance(60_000);
    await settle();
    expect(no.answeredWith).toBeNull();

    // Forbidden header, but the account's own delay still applies.
    const own = await online({ autoAnswerByHeader: false, autoAnswerSeconds: 4 });
    own.stack.last.ring('2001', 'C', [{ name: 'Alert-Info', value: 'Auto Answer' }]);
    expect(own.last().calls[0]?.autoAnswerAt).toBe(1_000 + 4_000);
  });

  it('with the header allowed, its delay replaces the account’s', async () => {
    const fx = await online({ autoAnswerByHeader: true, autoAnswerSeconds: 10 });
    fx.stack.last.ring('2001', 'C', [{ name: 'Alert-Info', value: '<http://x>;info=alert-autoanswer;delay=2' }]);
    expect(fx.last().calls[0]?.autoAnswerAt).toBe(1_000 + 2_000);
  });

  it('a microphone that fails ends the call with its reason, as a click on Answer would', async () => {
    const fx = await online({ autoAnswerSeconds: 1 });
    fx.microphone.failWith = 'mic-missing';
    const sip = fx.stack.last.ring();
    fx.advance(1_000);
    await settle();
    expect(sip.terminatedWith).toEqual([480]);
    expect(fx.last().calls[0]).toMatchObject({ state: 'ended', end: { error: { code: 'mic-missing' } } });
  });

  it('signed in lands in Not ready: neither the setting nor the INVITE answers until the agent is Ready', async () => {
    // Calls ring in every agent state here (whenUnavailable 'ring'); only Ready answers by itself.
    const asking = [{ name: 'Call-Info', value: '<sip:x>;answer-after=0' }];
    const fx = engineFixture();
    fx.engine.configure({ ...ACCOUNT, autoAnswerSeconds: 2, autoAnswerByHeader: true }, true);
    fx.stack.last.comeOnline();
    expect(fx.engine.readAgent().state).toBe('notReady');
    const notReady = fx.stack.last.ring('2001', 'C', asking);
    expect(fx.last().calls[0]).toMatchObject({ state: 'incoming', autoAnswerAt: null });
    fx.advance(60_000);
    await settle();
    expect(notReady.answeredWith).toBeNull();
    expect(fx.last().calls[0]?.state).toBe('incoming');
    notReady.emit({ type: 'failed', failure: { code: 'cancelled', sipStatus: 487, originator: 'remote' } });

    fx.engine.setAgentState('READY');
    const ready = fx.stack.last.ring('2002', 'D', asking);
    fx.advance(0);
    await settle();
    expect(ready.answeredWith).not.toBeNull();
  });
});

describe('auto-answer and the agent state', () => {
  async function signedIn(account: Partial<Account>) {
    const fx = engineFixture();
    fx.engine.configure({ ...ACCOUNT, autoAnswerSeconds: 2, ...account }, true);
    fx.stack.last.comeOnline();
    return fx;
  }

  it('Not ready with a reason, calls allowed: the call rings and is never answered by itself', async () => {
    const fx = await signedIn({});
    fx.engine.setAgentState('READY');
    fx.engine.setAgentState('NOT_READY', 'Lunch');
    const sip = fx.stack.last.ring();
    expect(fx.last().calls[0]).toMatchObject({ state: 'incoming', autoAnswerAt: null });
    fx.advance(30_000);
    await settle();
    expect(sip.answeredWith).toBeNull();
    expect(sip.terminatedWith).toEqual([]);
  });

  it('after-call work, calls allowed: rings, no auto-answer; Ready again: auto-answer is back', async () => {
    const fx = await signedIn({ agentDesk: { ...ACCOUNT.agentDesk, afterCall: 'manual' } });
    fx.engine.setAgentState('READY');
    const first = fx.stack.last.ring();
    fx.advance(2_000);
    await settle();
    expect(first.answeredWith).not.toBeNull();
    first.emit({ type: 'accepted' });
    first.emit({ type: 'confirmed' });
    first.emit({ type: 'ended', originator: 'remote', failure: null });
    expect(fx.engine.readAgent().state).toBe('afterCall');

    const second = fx.stack.last.ring('2002');
    expect(fx.last().calls.find((c) => c.remote.number === '2002')).toMatchObject({ state: 'incoming', autoAnswerAt: null });
    fx.advance(30_000);
    await settle();
    expect(second.answeredWith).toBeNull();
    second.emit({ type: 'failed', failure: { code: 'cancelled', sipStatus: 487, originator: 'remote' } });

    fx.engine.setAgentState('END_WRAP_UP');
    expect(fx.engine.readAgent().state).toBe('ready');
    const third = fx.stack.last.ring('2003');
    fx.advance(2_000);
    await settle();
    expect(third.answeredWith).not.toBeNull();
  });

  it('Ready when the call rang, Not ready when its time came: it keeps ringing for the agent', async () => {
    const fx = await signedIn({});
    fx.engine.setAgentState('READY');
    const sip = fx.stack.last.ring();
    expect(fx.last().calls[0]?.autoAnswerAt).toBe(1_000 + 2_000);
    fx.engine.setAgentState('NOT_READY', 'Break');
    fx.advance(2_000);
    await settle();
    expect(sip.answeredWith).toBeNull();
    expect(fx.last().calls[0]).toMatchObject({ state: 'incoming', autoAnswerAt: null });
  });

  it('Not ready with calls refused: the caller hears the configured code, nothing is answered', async () => {
    const fx = await signedIn({ agentDesk: { ...ACCOUNT.agentDesk, whenUnavailable: 'reject', unavailableCode: 480 } });
    const sip = fx.stack.last.ring();
    expect(sip.terminatedWith).toEqual([480]);
    expect(sip.answeredWith).toBeNull();
  });
});
