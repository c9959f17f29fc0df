import { describe, expect, it } from 'vitest';
import { ACCOUNT, engineFixture } from '../../fakes/engine-fixture';
import { fakeStream } from '../../fakes/fake-sip-stack';

function online() {
  const fx = engineFixture();
  fx.engine.configure(ACCOUNT, true);
  fx.stack.last.comeOnline();
  return fx;
}

describe('engine calls', () => {
  it('refuses to dial before registration, with the reason', async () => {
    const fx = engineFixture();
    await expect(fx.engine.dial('+14155550132', '')).rejects.toMatchObject({ code: 'not-configured' });
    fx.engine.configure(ACCOUNT, true);
    await expect(fx.engine.dial('+14155550132', '')).rejects.toMatchObject({ code: 'not-registered' });
  });

  it('places an outgoing call through dialing → ringing → talking → ended, mic open only during the call', async () => {
    const { engine, stack, microphone, audio, last } = online();
    const call = await engine.dial('+1 415 555 0132', '(415) 555-0132');
    const sip = stack.last.calls[0]!;
    expect(sip.target).toBe('sip:4155550132@127.0.0.1');
    expect(call).toMatchObject({ state: 'dialing', direction: 'outgoing', shown: '(415) 555-0132', allowed: ['HANGUP'] });
    expect(last().microphoneOpen).toBe(true);
    sip.emit({ type: 'progress' });
    expect(last().calls[0]!.state).toBe('ringing');
    const remote = fakeStream();
    sip.emit({ type: 'remoteStream', stream: remote });
    expect(audio.playing.get(call.id)).toBe(remote);
    sip.emit({ type: 'accepted' });
    sip.emit({ type: 'confirmed' });
    expect(last().calls[0]).toMatchObject({ state: 'talking', answeredAt: 1_000, allowed: ['HANGUP', 'HOLD', 'MUTE', 'DTMF', 'TRANSFER', 'CONSULT'] });
    await engine.command(call.id, 'HANGUP');
    expect(sip.terminatedWith).toEqual([undefined]);
    expect(last().calls[0]!.state).toBe('ending');
    sip.emit({ type: 'ended', originator: 'local', failure: null });
    expect(last().calls[0]).toMatchObject({ state: 'ended', end: { by: 'local', error: null }, allowed: [] });
    expect(last().microphoneOpen).toBe(false);
    expect(microphone.closed).toHaveLength(1);
    expect(audio.playing.size).toBe(0);
  });

  it('shows why a call failed: busy from the far end', async () => {
    const { engine, stack, last } = online();
    await engine.dial('2001', '');
    stack.last.calls[0]!.emit({ type: 'failed', failure: { code: 'busy', sipStatus: 486, originator: 'remote' } });
    expect(last().calls[0]!.end).toEqual({ by: 'remote', error: { code: 'busy', sipStatus: 486, message: 'The line is busy.' } });
    expect(last().microphoneOpen).toBe(false);
  });

  it('does not call its own cancel an error', async () => {
    const { engine, stack, last } = online();
    const call = await engine.dial('2001', '');
    await engine.command(call.id, 'HANGUP');
    stack.last.calls[0]!.emit({ type: 'failed', failure: { code: 'cancelled', sipStatus: 487, originator: 'local' } });
    expect(last().calls[0]!.end).toEqual({ by: 'local', error: null });
  });

  it('a remote hang-up ends the call on our side', async () => {
    const { engine, stack, last } = online();
    await engine.dial('2001', '');
    const sip = stack.last.calls[0]!;
    sip.emit({ type: 'confirmed' });
    sip.emit({ type: 'ended', originator: 'remote', failure: null });
    expect(last().calls[0]!.end).toEqual({ by: 'remote', error: null });
  });

  it('rejects a second dial while a call is live, and an unknown number', async () => {
    const { engine, last } = online();
    await expect(engine.dial('not a number', '')).rejects.toMatchObject({ code: 'invalid-number' });
    expect(last().dial).toEqual({ allowed: true, refusal: null });
    await engine.dial('2001', '');
    // The snapshot says so before anyone tries, with the same sentence the refusal carries.
    const refusal = { code: 'call-in-progress', message: 'Finish the current call before starting another.' };
    expect(last().dial).toEqual({ allowed: false, refusal });
    await expect(engine.dial('2002', '')).rejects.toMatchObject(refusal);
  });

  it('tells a denied microphone and places no call', async () => {
    const { engine, stack, microphone } = online();
    microphone.state = 'denied';
    await expect(engine.dial('2001', '')).rejects.toMatchObject({ code: 'mic-denied' });
    microphone.state = 'prompt';
    microphone.failWith = 'mic-denied';
    await expect(engine.dial('2001', '')).rejects.toMatchObject({ code: 'mic-denied' });
    expect(stack.last.calls).toHaveLength(0);
  });

  it('opens the microphone while signalling starts when permission is granted, and ends the call if it fails', async () => {
    const { engine, stack, microphone, last } = online();
    microphone.failWith = 'mic-missing';
    await expect(engine.dial('2001', '')).rejects.toMatchObject({ code: 'mic-missing' });
    const sip = stack.last.calls[0]!;
    expect(sip.terminatedWith).toEqual([undefined]);
    expect(last().calls[0]).toMatchObject({ state: 'ended', end: { by: 'system', error: { code: 'mic-missing' } } });
    expect(last().microphoneOpen).toBe(false);
  });

  it('hands the stack the microphone that was opened', async () => {
    const { engine, stack, microphone } = online();
    await engine.dial('2001', '');
    await expect(stack.last.micRequests[0]).resolves.toBe(microphone.opened[0]);
  });

  it('rings, answers an incoming call and opens the mic only on answer', async () => {
    const { engine, stack, microphone, last } = online();
    const sip = stack.last.ring('2001', 'Customer');
    const ringing = last().calls[0]!;
    expect(ringing).toMatchObject({ state: 'incoming', direction: 'incoming', remote: { number: '2001', displayName: 'Customer' } });
    expect(ringing.allowed).toEqual(['ANSWER', 'DECLINE']);
    expect(last().microphoneOpen).toBe(false);
    await engine.command(ringing.id, 'ANSWER');
    expect(sip.answeredWith).toBe(microphone.opened[0]);
    expect(last().calls[0]!.state).toBe('answering');
    sip.emit({ type: 'confirmed' });
    expect(last().calls[0]!.state).toBe('talking');
  });

  it('declines with 603 and refuses commands the state does not allow', async () => {
    const { engine, stack, last } = online();
    const sip = stack.last.ring();
    const id = last().calls[0]!.id;
    await expect(engine.command(id, 'HANGUP')).rejects.toMatchObject({ name: 'InvalidStateError', code: 'invalid-state' });
    await engine.command(id, 'DECLINE');
    expect(sip.terminatedWith).toEqual([603]);
  });

  it('answers a second caller with busy while a call is live', async () => {
    const { engine, stack, last } = online();
    await engine.dial('2001', '');
    const second = stack.last.ring('2002');
    expect(second.terminatedWith).toEqual([486]);
    expect(last().calls.filter((c) => c.state !== 'ended')).toHaveLength(1);
  });

  it('ends calls when signing out and keeps only the last ended call after a new one', async () => {
    const { engine, stack, last } = online();
    await engine.dial('2001', '');
    engine.signOut();
    expect(last().calls[0]!.state).toBe('ended');
    expect(last().microphoneOpen).toBe(false);
    engine.signIn();
    stack.last.comeOnline();
    await engine.dial('2002', '');
    expect(last().calls.map((c) => c.state)).toEqual(['dialing']);
  });
});
