import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../../src/errors';
import { CONSULT_LEG_GRACE_MS, TRANSFER_TIMEOUT_MS } from '../../../src/engine/transfers';
import { ACCOUNT, engineFixture } from '../../fakes/engine-fixture';

/** The agent talks with 2001 (outgoing, answered). */
async function talking() {
  const fx = engineFixture();
  fx.engine.configure(ACCOUNT, true);
  fx.stack.last.comeOnline();
  const a = await fx.engine.dial('2001', '');
  const aSip = fx.stack.last.calls[0]!;
  aSip.emit({ type: 'accepted' });
  aSip.emit({ type: 'confirmed' });
  const byId = (id: string) => fx.last().calls.find((c) => c.id === id)!;
  return { ...fx, aId: a.id, aSip, byId };
}

/** A consult: A held, B (2002) dialled and answered. */
async function consulting() {
  const fx = await talking();
  await fx.engine.command(fx.aId, 'CONSULT', '2002');
  fx.aSip.emit({ type: 'held' });
  const bSip = fx.stack.last.calls[1]!;
  const bId = fx.last().calls.find((c) => c.remote.number === '2002')!.id;
  bSip.emit({ type: 'accepted' });
  bSip.emit({ type: 'confirmed' });
  return { ...fx, bId, bSip };
}

describe('blind transfer', () => {
  it('normalises the target as a dialled number, shows the NOTIFY progress, and on 2xx ends our leg as transferred', async () => {
    const { engine, aId, aSip, byId } = await talking();
    await engine.command(aId, 'TRANSFER', '+1 (415) 555-0199');
    expect(aSip.refers).toEqual([{ target: 'sip:4155550199@127.0.0.1', replaces: undefined }]);
    expect(byId(aId)).toMatchObject({ state: 'transferring', allowed: ['HANGUP', 'MUTE'] });
    expect(byId(aId).transfer).toEqual({ kind: 'blind', target: '+1 (415) 555-0199', status: null, reason: '', outcome: 'pending', error: null });
    aSip.emit({ type: 'referProgress', status: 202, reason: 'Accepted' });
    aSip.emit({ type: 'referProgress', status: 180, reason: 'Ringing' });
    expect(byId(aId).transfer).toMatchObject({ status: 180, reason: 'Ringing', outcome: 'pending' });
    aSip.emit({ type: 'referAccepted', status: 200, reason: 'OK' });
    expect(byId(aId)).toMatchObject({ state: 'ending', transfer: { outcome: 'done', status: 200 } });
    expect(aSip.terminatedWith).toEqual([undefined]); // our BYE
    aSip.emit({ type: 'ended', originator: 'local', failure: null });
    expect(byId(aId)).toMatchObject({ state: 'ended', end: { by: 'local', error: null, transferred: true } });
  });

  it('from held, a refused REFER puts the call back on hold and says why', async () => {
    const { engine, aId, aSip, byId } = await talking();
    await engine.command(aId, 'HOLD');
    aSip.emit({ type: 'held' });
    await engine.command(aId, 'TRANSFER', 'sip:2002@127.0.0.1');
    expect(byId(aId).state).toBe('transferringHeld');
    aSip.emit({ type: 'referFailed', refused: true, status: 405, reason: 'Method Not Allowed' });
    expect(byId(aId)).toMatchObject({
      state: 'held',
      transfer: { outcome: 'failed', error: { code: 'transfer-refused', message: CAUSES['transfer-refused'].message, sipStatus: 405 } },
    });
    expect(aSip.terminatedWith).toEqual([]);
  });

  it('a NOTIFY with a final failure puts a talking call back to talking; a late 200 after that changes nothing', async () => {
    const { engine, aId, aSip, byId } = await talking();
    await engine.command(aId, 'TRANSFER', '2002');
    aSip.emit({ type: 'referFailed', refused: false, status: 486, reason: 'Busy Here' });
    expect(byId(aId)).toMatchObject({ state: 'talking', transfer: { outcome: 'failed', status: 486, error: { code: 'transfer-failed' } } });
    aSip.emit({ type: 'referAccepted', status: 200, reason: 'OK' });
    expect(byId(aId).state).toBe('talking');
    expect(aSip.terminatedWith).toEqual([]);
  });

  it('no final NOTIFY in time: the transfer fails by timeout and the call stays', async () => {
    const { engine, aId, byId, advance } = await talking();
    await engine.command(aId, 'TRANSFER', '2002');
    advance(TRANSFER_TIMEOUT_MS - 1);
    expect(byId(aId).state).toBe('transferring');
    advance(1);
    expect(byId(aId)).toMatchObject({ state: 'talking', transfer: { outcome: 'failed', error: { code: 'transfer-timeout' } } });
  });

  it('refuses by the table first, then a target that cannot be dialled, and a REFER the stack refuses leaves the call as it was', async () => {
    const { engine, aId, aSip, byId } = await talking();
    await expect(engine.command(aId, 'TRANSFER', 'not a number!')).rejects.toMatchObject({ code: 'invalid-number' });
    await expect(engine.command(aId, 'TRANSFER', '2002,,12')).rejects.toMatchObject({ code: 'invalid-number' });
    aSip.refuseRefer = true;
    await expect(engine.command(aId, 'TRANSFER', '2002')).rejects.toMatchObject({ code: 'invalid-state' });
    expect(byId(aId)).toMatchObject({ state: 'talking', transfer: null });
    aSip.refuseRefer = false;
    await engine.command(aId, 'TRANSFER', '2002');
    await expect(engine.command(aId, 'TRANSFER', '2003')).rejects.toMatchObject({
      code: 'invalid-state',
      message: '“TRANSFER” is not possible while call is transferring.',
    });
    await expect(engine.command(aId, 'HOLD')).rejects.toMatchObject({ message: '“HOLD” is not possible while call is transferring.' });
    expect(aSip.refers).toHaveLength(1);
  });

  it('a ringing call cannot be transferred', async () => {
    const fx = engineFixture();
    fx.engine.configure(ACCOUNT, true);
    fx.stack.last.comeOnline();
    const a = await fx.engine.dial('2001', '');
    await expect(fx.engine.command(a.id, 'TRANSFER', '2002')).rejects.toMatchObject({
      code: 'invalid-state',
      message: '“TRANSFER” is not possible while call is dialing.',
    });
  });
});

describe('consult and attended transfer', () => {
  it('Consult holds the first call and dials a second one linked to it; the line policy lets only that one through', async () => {
    const { engine, aId, aSip, byId, last, stack } = await talking();
    expect(byId(aId).allowed).toContain('CONSULT');
    await engine.command(aId, 'CONSULT', '2002');
    expect(aSip.actions).toEqual(['hold']);
    expect(stack.last.calls[1]?.target).toBe('sip:2002@127.0.0.1');
    const b = last().calls.find((c) => c.remote.number === '2002')!;
    expect(b.consult).toEqual({ role: 'consult', with: aId });
    expect(byId(aId).consult).toEqual({ role: 'original', with: b.id });
    // Still one outgoing call at a time for everything else.
    expect(last().dial).toMatchObject({ allowed: false, refusal: { code: 'call-in-progress' } });
    await expect(engine.dial('2003', '')).rejects.toMatchObject({ code: 'call-in-progress' });
    aSip.emit({ type: 'held' });
    expect(byId(aId).allowed).not.toContain('CONSULT');
    expect(byId(aId).allowed).toContain('CANCEL_CONSULT');
    expect(byId(aId).allowed).not.toContain('COMPLETE_TRANSFER'); // B has not answered
    await expect(engine.command(aId, 'CONSULT', '2003')).rejects.toMatchObject({ code: 'consult-in-progress' });
  });

  it('Transfer sends a REFER on the first call with Replaces of the consult call; both our legs end as transferred', async () => {
    const { engine, aId, aSip, bId, bSip, byId, advance } = await consulting();
    // A consult pair may also become a three-way call (a conference after consult).
    expect(byId(aId).allowed).toEqual(['HANGUP', 'RESUME', 'MUTE', 'SWAP', 'MERGE', 'COMPLETE_TRANSFER', 'CANCEL_CONSULT']);
    expect(byId(bId).allowed).toEqual(['HANGUP', 'HOLD', 'MUTE', 'DTMF', 'SWAP', 'MERGE', 'COMPLETE_TRANSFER', 'CANCEL_CONSULT']);
    await engine.command(bId, 'COMPLETE_TRANSFER');
    expect(aSip.refers).toEqual([{ target: 'sip:2002@127.0.0.1', replaces: bSip }]);
    expect(byId(aId)).toMatchObject({ state: 'transferringHeld', transfer: { kind: 'attended', target: '2002' } });
    aSip.emit({ type: 'referAccepted', status: 200, reason: 'OK' });
    aSip.emit({ type: 'ended', originator: 'local', failure: null });
    // The target's INVITE with Replaces ends our consult leg at its end.
    bSip.emit({ type: 'ended', originator: 'remote', failure: null });
    expect(byId(aId)).toMatchObject({ state: 'ended', end: { transferred: true } });
    expect(byId(bId)).toMatchObject({ state: 'ended', end: { by: 'remote', transferred: true } });
    advance(CONSULT_LEG_GRACE_MS);
    expect(bSip.terminatedWith).toEqual([]);
  });

  it('after a transfer, a consult leg the target does not end is hung up by Dialbar', async () => {
    const { engine, aId, aSip, bId, bSip, byId, advance } = await consulting();
    await engine.command(aId, 'COMPLETE_TRANSFER');
    aSip.emit({ type: 'referAccepted', status: 200, reason: 'OK' });
    advance(CONSULT_LEG_GRACE_MS);
    expect(bSip.terminatedWith).toEqual([undefined]);
    bSip.emit({ type: 'ended', originator: 'local', failure: null });
    expect(byId(bId).end).toMatchObject({ transferred: true });
  });

  it('Cancel consult hangs up the second call and resumes the first; a failed attended transfer leaves both', async () => {
    const { engine, aId, aSip, bId, bSip, byId } = await consulting();
    await engine.command(aId, 'COMPLETE_TRANSFER');
    aSip.emit({ type: 'referFailed', refused: false, status: 603, reason: 'Declined' });
    expect(byId(aId)).toMatchObject({ state: 'held', transfer: { outcome: 'failed' } });
    expect(byId(bId).state).toBe('talking');
    await engine.command(bId, 'CANCEL_CONSULT');
    expect(bSip.terminatedWith).toEqual([undefined]);
    expect(aSip.actions).toEqual(['hold', 'refer', 'resume']);
    bSip.emit({ type: 'ended', originator: 'local', failure: null });
    aSip.emit({ type: 'resumed', remoteHolding: false });
    expect(byId(aId)).toMatchObject({ state: 'talking', consult: null });
    expect(byId(aId).allowed).toContain('CONSULT');
  });

  it('the pair commands are refused, in words, without a consult', async () => {
    const { engine, aId } = await talking();
    await expect(engine.command(aId, 'COMPLETE_TRANSFER')).rejects.toMatchObject({
      code: 'invalid-state',
      message: '“COMPLETE_TRANSFER” is not possible while call is talking.',
    });
    await expect(engine.command(aId, 'CANCEL_CONSULT')).rejects.toMatchObject({ code: 'invalid-state' });
  });
});
