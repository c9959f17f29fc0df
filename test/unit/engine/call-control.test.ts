import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CallControlSchema } from '../../../src/contract/protocol';
import type { DtmfTransportSetting } from '../../../src/settings/account';
import { AccountSchema } from '../../../src/settings/account';
import { ACCOUNT, engineFixture } from '../../fakes/engine-fixture';

/** An outgoing call placed to `target`, not answered yet. */
async function dialed(target: string) {
  const fx = engineFixture();
  fx.engine.configure(ACCOUNT, true);
  fx.stack.last.comeOnline();
  const call = await fx.engine.dial(target, '');
  return { ...fx, call, sip: fx.stack.last.calls[0]! };
}

/** An outgoing call the far end has answered. */
async function talking(target = '2001', dtmfTransport: DtmfTransportSetting = 'rfc4733') {
  const fx = engineFixture();
  fx.engine.configure({ ...ACCOUNT, dtmfTransport }, true);
  fx.stack.last.comeOnline();
  const call = await fx.engine.dial(target, '');
  const sip = fx.stack.last.calls[0]!;
  sip.emit({ type: 'accepted' });
  sip.emit({ type: 'confirmed' });
  const now = () => fx.last().calls[0]!;
  return { ...fx, id: call.id, sip, now };
}

describe('hold and resume', () => {
  it('talking → holding on HOLD, held when the stack says the re-INVITE was answered, then back', async () => {
    const { engine, id, sip, now } = await talking();
    await engine.command(id, 'HOLD');
    expect(sip.actions).toEqual(['hold']);
    expect(now()).toMatchObject({ state: 'holding', allowed: ['HANGUP', 'MUTE'] });
    sip.emit({ type: 'held' });
    expect(now()).toMatchObject({ state: 'held', allowed: ['HANGUP', 'RESUME', 'MUTE', 'TRANSFER', 'CONSULT'] });
    await expect(engine.command(id, 'HOLD')).rejects.toMatchObject({ name: 'InvalidStateError', message: '“HOLD” is not possible while call is held.' });
    await engine.command(id, 'RESUME');
    expect(now().state).toBe('resuming');
    sip.emit({ type: 'resumed', remoteHolding: false });
    expect(now()).toMatchObject({ state: 'talking', regions: { remoteHold: 'none', mute: 'unmuted' } });
    expect(sip.actions).toEqual(['hold', 'resume']);
  });

  it('goes back to talking when the stack cannot send the re-INVITE now, and says so', async () => {
    const { engine, id, sip, now } = await talking();
    sip.refuseReinvite = true;
    await expect(engine.command(id, 'HOLD')).rejects.toMatchObject({ code: 'invalid-state' });
    expect(now().state).toBe('talking');
  });

  it('an answer of recvonly / inactive to our resume means the far end still holds us', async () => {
    const { engine, id, sip, now } = await talking();
    await engine.command(id, 'HOLD');
    sip.emit({ type: 'held' });
    await engine.command(id, 'RESUME');
    sip.emit({ type: 'resumed', remoteHolding: true });
    expect(now()).toMatchObject({ state: 'talking', regions: { remoteHold: 'heldByRemote' } });
  });

  it('shows a hold by the far end as its own region; the call itself stays talking', async () => {
    const { sip, now, published } = await talking();
    sip.emit({ type: 'remoteHold', on: true });
    expect(now()).toMatchObject({ state: 'talking', regions: { remoteHold: 'heldByRemote' } });
    const count = published.length;
    sip.emit({ type: 'remoteHold', on: true }); // a repeated re-INVITE changes nothing
    expect(published.length).toBe(count);
    sip.emit({ type: 'remoteHold', on: false });
    expect(now().regions.remoteHold).toBe('none');
  });
});

describe('mute', () => {
  it('mutes and unmutes the microphone track, in the mute region', async () => {
    const { engine, id, sip, now } = await talking();
    await engine.command(id, 'MUTE');
    expect(now()).toMatchObject({ state: 'talking', regions: { mute: 'muted' }, allowed: ['HANGUP', 'HOLD', 'UNMUTE', 'DTMF', 'TRANSFER', 'CONSULT'] });
    await expect(engine.command(id, 'MUTE')).rejects.toMatchObject({ message: '“MUTE” is not possible while the microphone is muted.' });
    await engine.command(id, 'UNMUTE');
    expect(now().regions.mute).toBe('unmuted');
    expect(sip.actions).toEqual(['mute', 'unmute']);
  });

  it('refuses mute before the call is connected', async () => {
    const fx = await dialed('2001');
    const { sip, call } = fx;
    await expect(fx.engine.command(call.id, 'MUTE')).rejects.toMatchObject({ name: 'InvalidStateError', message: '“MUTE” is not possible while call is dialing.' });
    expect(sip.actions).toEqual([]);
  });
});

describe('DTMF', () => {
  it('sends RFC 4733 telephone-events unless the account says SIP INFO', async () => {
    expect(v.parse(AccountSchema, { ...ACCOUNT, dtmfTransport: undefined }).dtmfTransport).toBe('rfc4733');
    const rtp = await talking();
    await rtp.engine.command(rtp.id, 'DTMF', '12#');
    expect(rtp.sip.dtmf).toEqual([{ digits: '12#', transport: 'rfc4733' }]);
    expect(rtp.now().dtmf).toEqual({ sent: '12#', pending: '' });
    const info = await talking('2001', 'info');
    await info.engine.command(info.id, 'DTMF', '5');
    expect(info.sip.dtmf).toEqual([{ digits: '5', transport: 'info' }]);
  });

  it('refuses digits on a held call', async () => {
    const { engine, id, sip } = await talking();
    await engine.command(id, 'HOLD');
    await expect(engine.command(id, 'DTMF', '1')).rejects.toMatchObject({ message: '“DTMF” is not possible while call is holding.' });
    expect(sip.dtmf).toEqual([]);
  });

  it('the contract takes only valid digits, and only with DTMF', () => {
    expect(v.safeParse(CallControlSchema, { callId: 'c', command: 'DTMF', digits: '0-9' }).success).toBe(false);
    expect(v.safeParse(CallControlSchema, { callId: 'c', command: 'DTMF' }).success).toBe(false);
    expect(v.safeParse(CallControlSchema, { callId: 'c', command: 'DTMF', digits: '12,*#AD' }).success).toBe(true);
    expect(v.safeParse(CallControlSchema, { callId: 'c', command: 'DTMF', digits: '1'.repeat(33) }).success).toBe(false);
  });

  it('dials the main number and sends post-dial digits after answer, each comma a 2 s pause', async () => {
    const fx = await dialed('+1 415 555 0132,,1234#,9');
    const { sip } = fx;
    expect(sip.target).toBe('sip:4155550132@127.0.0.1');
    fx.advance(10_000);
    expect(sip.dtmf).toEqual([]); // nothing before answer
    expect(fx.last().calls[0]!.dtmf).toEqual({ sent: '', pending: ',,1234#,9' });
    sip.emit({ type: 'confirmed' });
    fx.advance(1_999);
    expect(sip.dtmf).toEqual([]);
    fx.advance(1);
    expect(sip.dtmf).toEqual([]); // the second comma
    fx.advance(2_000);
    expect(sip.dtmf.map((d) => d.digits)).toEqual(['1234#']);
    expect(fx.last().calls[0]!.dtmf).toEqual({ sent: '1234#', pending: ',9' });
    // The pause starts once the five tones have played (100 ms + 70 ms gap each).
    fx.advance(5 * 170);
    fx.advance(1_999);
    expect(sip.dtmf).toHaveLength(1);
    fx.advance(1);
    expect(sip.dtmf.map((d) => d.digits)).toEqual(['1234#', '9']);
  });

  it('sends a detected extension (;ext=204) as post-dial digits once answered', async () => {
    const fx = await dialed('+14155550132;ext=204');
    const { sip } = fx;
    expect(sip.target).toBe('sip:4155550132@127.0.0.1');
    sip.emit({ type: 'progress' });
    expect(sip.dtmf).toEqual([]);
    sip.emit({ type: 'accepted' });
    expect(sip.dtmf).toEqual([{ digits: '204', transport: 'rfc4733' }]);
  });

  it('stops post-dial digits when the call ends', async () => {
    const fx = await dialed('2001,7');
    const { sip } = fx;
    sip.emit({ type: 'confirmed' });
    sip.emit({ type: 'ended', originator: 'remote', failure: null });
    fx.advance(5_000);
    expect(sip.dtmf).toEqual([]);
    expect(fx.last().calls[0]!.dtmf.pending).toBe('');
  });
});
