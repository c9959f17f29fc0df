import { describe, expect, it } from 'vitest';
import { commandOfNotificationButton } from '../../../src/background/call-alerts';
import type { WaitingTone } from '../../../src/engine/waiting-tone';
import type { Account } from '../../../src/settings/account';
import { ACCOUNT, engineFixture } from '../../fakes/engine-fixture';
import type { FakeCall } from '../../fakes/fake-sip-stack';

/** The agent talks with 2001 (an outgoing call the far end answered); tone records the soft ring. */
async function talkingWithA(account: Partial<Account> = {}) {
  const tone: boolean[] = [];
  const waitingTone: WaitingTone = { set: (on) => void (tone.at(-1) === on || tone.push(on)) };
  const fx = engineFixture({ waitingTone });
  fx.engine.configure({ ...ACCOUNT, ...account }, true);
  fx.stack.last.comeOnline();
  const a = await fx.engine.dial('2001', '');
  const aSip = fx.stack.last.calls[0]!;
  aSip.emit({ type: 'accepted' });
  aSip.emit({ type: 'confirmed' });
  const byId = (id: string) => fx.last().calls.find((c) => c.id === id)!;
  const ringB = () => {
    const sip = fx.stack.last.ring('2002', 'Customer B');
    const b = fx.last().calls.find((c) => c.remote.number === '2002');
    return { sip, id: b?.id ?? '' };
  };
  return { ...fx, aId: a.id, aSip, byId, ringB, tone };
}

/** A talking and B answered: A held, B talking. */
async function bothUp() {
  const fx = await talkingWithA();
  const b = fx.ringB();
  await fx.engine.command(b.id, 'ANSWER');
  fx.aSip.emit({ type: 'held' });
  b.sip.emit({ type: 'confirmed' });
  return { ...fx, bId: b.id, bSip: b.sip };
}

function order(...calls: Array<[string, FakeCall]>): string[] {
  const log: string[] = [];
  for (const [name, sip] of calls) {
    const { hold, resume, answer } = sip;
    sip.hold = () => {
      hold.call(sip);
      log.push(`${name} hold`);
    };
    sip.resume = () => {
      resume.call(sip);
      log.push(`${name} resume`);
    };
    sip.answer = (stream) => {
      answer.call(sip, stream);
      log.push(`${name} answer`);
    };
  }
  return log;
}

describe('call waiting', () => {
  it('a second inbound call while one is connected rings beside it, with the soft ring', async () => {
    const { ringB, last, aId, byId, tone } = await talkingWithA();
    expect(tone).toEqual([false]);
    const b = ringB();
    expect(b.sip.terminatedWith).toEqual([]);
    expect(byId(b.id)).toMatchObject({ state: 'incoming', allowed: ['ANSWER', 'DECLINE'] });
    expect(byId(aId).state).toBe('talking');
    expect(last().calls.filter((c) => c.state !== 'ended')).toHaveLength(2);
    expect(last().dial).toMatchObject({ allowed: false, refusal: { code: 'call-in-progress' } });
    expect(tone).toEqual([false, true]);
  });

  it('answering the waiting call holds the first (its re-INVITE first), then answers', async () => {
    const { ringB, engine, aSip, aId, byId, tone } = await talkingWithA();
    const b = ringB();
    const log = order(['A', aSip], ['B', b.sip]);
    await engine.command(b.id, 'ANSWER');
    expect(log).toEqual(['A hold', 'B answer']);
    expect(byId(aId).state).toBe('holding');
    expect(byId(b.id).state).toBe('answering');
    expect(tone.at(-1)).toBe(false);
    aSip.emit({ type: 'held' });
    b.sip.emit({ type: 'confirmed' });
    expect(byId(aId)).toMatchObject({ state: 'held', allowed: ['HANGUP', 'RESUME', 'MUTE', 'SWAP', 'MERGE', 'TRANSFER'] });
    expect(byId(b.id)).toMatchObject({ state: 'talking', allowed: ['HANGUP', 'HOLD', 'MUTE', 'DTMF', 'SWAP', 'MERGE', 'TRANSFER'] });
  });

  it('Answer on the waiting call’s notification holds the first too (same command, same engine)', async () => {
    const { ringB, handlers, aSip, aId, byId } = await talkingWithA();
    const b = ringB();
    const log = order(['A', aSip], ['B', b.sip]);
    const control = commandOfNotificationButton(`incoming:${b.id}`, 0);
    expect(control).toEqual({ callId: b.id, command: 'ANSWER' });
    if (!control) return;
    await handlers['offscreen.callControl'](control, { role: 'background', sender: {} });
    expect(log).toEqual(['A hold', 'B answer']);
    expect(byId(aId).state).toBe('holding');
  });

  it('a refused ANSWER holds nobody', async () => {
    const { engine, aId, aSip } = await talkingWithA();
    await expect(engine.command(aId, 'ANSWER')).rejects.toMatchObject({ name: 'InvalidStateError' });
    expect(aSip.actions).toEqual([]);
  });

  for (const code of [486, 603] as const) {
    it(`declining the waiting call sends ${code} by the setting; the first call stays talking`, async () => {
      const { ringB, engine, aId, aSip, byId, tone } = await talkingWithA({ waitingDeclineCode: code });
      const b = ringB();
      await engine.command(b.id, 'DECLINE');
      expect(b.sip.terminatedWith).toEqual([code]);
      expect(byId(aId).state).toBe('talking');
      expect(aSip.actions).toEqual([]);
      expect(tone.at(-1)).toBe(false);
    });
  }

  it('with call waiting off, the second caller hears 486 and nothing rings', async () => {
    const { stack, last, tone } = await talkingWithA({ callWaiting: false });
    const b = stack.last.ring('2002');
    expect(b.terminatedWith).toEqual([486]);
    expect(last().calls.filter((c) => c.state !== 'ended')).toHaveLength(1);
    expect(tone).toEqual([false]);
  });

  it('a third call hears 486 while two are live', async () => {
    const { stack, last } = await bothUp();
    const c = stack.last.ring('2003');
    expect(c.terminatedWith).toEqual([486]);
    expect(last().calls.filter((x) => x.state !== 'ended')).toHaveLength(2);
  });

  it('swap holds the talking call, then resumes the held one; refused when no pair is up', async () => {
    const { engine, aId, bId, aSip, bSip, byId } = await bothUp();
    const log = order(['A', aSip], ['B', bSip]);
    await engine.command(aId, 'SWAP');
    expect(log).toEqual(['B hold', 'A resume']);
    expect([byId(aId).state, byId(bId).state]).toEqual(['resuming', 'holding']);
    expect(byId(aId).allowed).not.toContain('SWAP');
    await expect(engine.command(bId, 'SWAP')).rejects.toMatchObject({
      name: 'InvalidStateError',
      message: '“SWAP” is not possible while call is holding.',
    });
    aSip.emit({ type: 'resumed', remoteHolding: false });
    bSip.emit({ type: 'held' });
    expect([byId(aId).state, byId(bId).state]).toEqual(['talking', 'held']);
    expect(byId(bId).allowed).toContain('SWAP');
  });

  it('a lone call never offers SWAP and refuses it', async () => {
    const { engine, aId, byId } = await talkingWithA();
    expect(byId(aId).allowed).not.toContain('SWAP');
    await expect(engine.command(aId, 'SWAP')).rejects.toMatchObject({ code: 'invalid-state' });
  });

  it('hanging up the talking call leaves the held one held until the agent resumes it', async () => {
    const { engine, aId, bId, aSip, bSip, byId } = await bothUp();
    await engine.command(bId, 'HANGUP');
    bSip.emit({ type: 'ended', originator: 'local', failure: null });
    expect(byId(aId)).toMatchObject({ state: 'held', allowed: ['HANGUP', 'RESUME', 'MUTE', 'TRANSFER', 'CONSULT'] });
    expect(aSip.actions).toEqual(['hold']);
    await engine.command(aId, 'RESUME');
    expect(aSip.actions).toEqual(['hold', 'resume']);
  });

  it('when the held call ends at the far end, the talking one goes on as it is', async () => {
    const { aId, bId, aSip, bSip, byId } = await bothUp();
    aSip.emit({ type: 'ended', originator: 'remote', failure: null });
    expect(byId(aId).state).toBe('ended');
    expect(byId(bId)).toMatchObject({ state: 'talking', allowed: ['HANGUP', 'HOLD', 'MUTE', 'DTMF', 'TRANSFER', 'CONSULT'] });
    expect(bSip.actions).toEqual([]);
  });
});
