import { describe, expect, it } from 'vitest';
import { InvalidStateError } from '../../../src/errors';
import { ACCOUNT, engineFixture } from '../../fakes/engine-fixture';
import { fakeStream } from '../../fakes/fake-sip-stack';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A answered and talking, then B answered (A held by call waiting), each with its remote stream. */
async function pair(options: Parameters<typeof engineFixture>[0] = {}) {
  const fx = engineFixture(options);
  fx.engine.configure(ACCOUNT, true);
  fx.stack.last.comeOnline();
  const aSip = fx.stack.last.ring('2001', 'Customer A');
  const aId = fx.last().calls[0]?.id ?? '';
  await fx.engine.command(aId, 'ANSWER');
  aSip.emit({ type: 'remoteStream', stream: fakeStream('voice A') });
  aSip.emit({ type: 'confirmed' });
  const bSip = fx.stack.last.ring('2002', 'Customer B');
  const bId = fx.last().calls.find((c) => c.remote.number === '2002')?.id ?? '';
  await fx.engine.command(bId, 'ANSWER');
  aSip.emit({ type: 'held' });
  bSip.emit({ type: 'remoteStream', stream: fakeStream('voice B') });
  bSip.emit({ type: 'confirmed' });
  const byId = (id: string) => fx.last().calls.find((c) => c.id === id);
  return { ...fx, aId, aSip, bId, bSip, byId };
}

/** The pair merged: A's resume re-INVITE answered, the mix started. */
async function merged() {
  const fx = await pair();
  await fx.engine.command(fx.bId, 'MERGE');
  fx.aSip.emit({ type: 'resumed', remoteHolding: false });
  await settle();
  const graph = fx.graphs[0];
  if (!graph) throw new Error('no mix was started');
  return { ...fx, graph };
}

function refusal(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => null,
    (error: unknown) => error,
  );
}

describe('three-way conference in the call book', () => {
  it('offers MERGE on both calls of a held + talking pair, and on no single call', async () => {
    const fx = await pair();
    expect(fx.byId(fx.aId)).toMatchObject({ state: 'held', allowed: expect.arrayContaining(['MERGE']) });
    expect(fx.byId(fx.bId)).toMatchObject({ state: 'talking', allowed: expect.arrayContaining(['MERGE']) });
    fx.bSip.emit({ type: 'ended', originator: 'remote', failure: null });
    expect(fx.byId(fx.aId)?.allowed).not.toContain('MERGE');
    const error = await refusal(() => fx.engine.command(fx.aId, 'MERGE'));
    expect(error).toBeInstanceOf(InvalidStateError);
    expect(error).toMatchObject({ code: 'invalid-state', message: '“MERGE” is not possible while call is held.' });
  });

  it('without a mixer the book never offers or accepts MERGE', async () => {
    const fx = await pair({ mixerGraph: undefined });
    expect(fx.byId(fx.aId)?.allowed).not.toContain('MERGE');
    expect(await refusal(() => fx.engine.command(fx.bId, 'MERGE'))).toMatchObject({ message: '“MERGE” is not possible while call is talking.' });
    expect(fx.aSip.actions).not.toContain('resume');
  });

  it('MERGE resumes the held call (joining) and joins the talking one; the mix starts once both are in', async () => {
    const fx = await pair();
    await fx.engine.command(fx.bId, 'MERGE');
    expect(fx.aSip.actions.at(-1)).toBe('resume');
    expect(fx.byId(fx.aId)?.state).toBe('joining');
    expect(fx.byId(fx.bId)?.state).toBe('conference');
    expect(fx.graphs).toHaveLength(0);
    fx.aSip.emit({ type: 'resumed', remoteHolding: false });
    await settle();
    expect(fx.byId(fx.aId)).toMatchObject({ state: 'conference', allowed: ['HANGUP', 'MUTE', 'DTMF'] });
    expect(fx.byId(fx.bId)).toMatchObject({ state: 'conference', allowed: ['HANGUP', 'MUTE', 'DTMF'] });
    const graph = fx.graphs[0];
    // Each party is sent the agent and the other party; the agent's speakers play both; nobody hears themselves.
    expect(graph?.heardThrough(fx.aSip.outgoing)).toEqual(['mic', 'voice B']);
    expect(graph?.heardThrough(fx.bSip.outgoing)).toEqual(['mic', 'voice A']);
    expect(graph?.heardBy(graph.destination)).toEqual(['voice A', 'voice B']);
    // The mixer plays the parties, so their own elements are silenced (not stopped).
    expect([...fx.audio.silenced].sort()).toEqual([fx.aId, fx.bId].sort());
    expect(fx.audio.playing.size).toBe(2);
    expect(await refusal(() => fx.engine.command(fx.aId, 'MERGE'))).toMatchObject({ message: '“MERGE” is not possible while call is conference.' });
    expect(await refusal(() => fx.engine.command(fx.aId, 'HOLD'))).toBeInstanceOf(InvalidStateError);
  });

  it('Mute takes the agent out of the mix for both parties (no sender track disabled); Unmute puts it back', async () => {
    const fx = await merged();
    const before = [fx.aSip.actions.length, fx.bSip.actions.length];
    await fx.engine.command(fx.bId, 'MUTE');
    expect(fx.byId(fx.aId)?.regions.mute).toBe('muted');
    expect(fx.byId(fx.bId)?.regions.mute).toBe('muted');
    expect(fx.graph.heardThrough(fx.aSip.outgoing)).toEqual(['voice B']);
    expect(fx.graph.heardThrough(fx.bSip.outgoing)).toEqual(['voice A']);
    expect(fx.graph.heardBy(fx.graph.destination)).toEqual(['voice A', 'voice B']);
    expect([fx.aSip.actions.length, fx.bSip.actions.length]).toEqual(before);
    await expect(fx.engine.command(fx.aId, 'MUTE')).rejects.toBeInstanceOf(InvalidStateError);
    await fx.engine.command(fx.aId, 'UNMUTE');
    expect(fx.graph.heardThrough(fx.aSip.outgoing)).toEqual(['mic', 'voice B']);
    expect(fx.byId(fx.bId)?.regions.mute).toBe('unmuted');
  });

  it('hanging up one party leaves the other talking with its own microphone and its mute', async () => {
    const fx = await merged();
    await fx.engine.command(fx.aId, 'MUTE');
    await fx.engine.command(fx.bId, 'HANGUP');
    await settle();
    expect(fx.bSip.terminatedWith).toEqual([undefined]);
    expect(fx.byId(fx.aId)).toMatchObject({ state: 'talking', regions: { mute: 'muted' }, allowed: ['HANGUP', 'HOLD', 'UNMUTE', 'DTMF', 'TRANSFER'] });
    expect(fx.graph.closed).toBe(true);
    expect(fx.graph.heardThrough(fx.aSip.outgoing)).toEqual([]);
    const aMic = fx.microphone.opened[0]?.getAudioTracks()[0];
    expect(fx.aSip.outgoing).toBe(aMic);
    expect(fx.aSip.actions.slice(-2)).toEqual(['replaceTrack', 'mute']);
    expect(fx.audio.silenced.has(fx.aId)).toBe(false);
  });

  it('a party that ends at the far end leaves the other an ordinary call; a new pair may merge again', async () => {
    const fx = await merged();
    fx.aSip.emit({ type: 'ended', originator: 'remote', failure: null });
    await settle();
    expect(fx.byId(fx.bId)).toMatchObject({ state: 'talking', regions: { mute: 'unmuted' } });
    expect(fx.bSip.outgoing).toBe(fx.microphone.opened[1]?.getAudioTracks()[0]);
    expect(fx.bSip.actions.slice(-2)).toEqual(['replaceTrack', 'unmute']);
  });

  it('a muted call merged with an unmuted one: the mix starts muted (the safer of the two)', async () => {
    const fx = await pair();
    await fx.engine.command(fx.bId, 'MUTE');
    await fx.engine.command(fx.bId, 'MERGE');
    fx.aSip.emit({ type: 'resumed', remoteHolding: false });
    await settle();
    expect(fx.byId(fx.aId)?.regions.mute).toBe('muted');
    expect(fx.graphs[0]?.heardThrough(fx.aSip.outgoing)).toEqual(['voice B']);
    // The JsSIP-level mute is lifted: the mix carries the other party's voice.
    expect(fx.bSip.actions).toContain('unmute');
  });

  it('the joining call ending before its resume is answered sends the other back to talking', async () => {
    const fx = await pair();
    await fx.engine.command(fx.bId, 'MERGE');
    fx.aSip.emit({ type: 'ended', originator: 'remote', failure: null });
    expect(fx.byId(fx.bId)?.state).toBe('talking');
    expect(fx.graphs).toHaveLength(0);
  });

  it('a refused resume re-INVITE moves nothing', async () => {
    const fx = await pair();
    fx.aSip.refuseReinvite = true;
    await expect(fx.engine.command(fx.bId, 'MERGE')).rejects.toMatchObject({ code: 'invalid-state' });
    expect(fx.byId(fx.aId)?.state).toBe('held');
    expect(fx.byId(fx.bId)?.state).toBe('talking');
  });

  it('a third caller hears busy during a conference', async () => {
    const fx = await merged();
    const c = fx.stack.last.ring('2003');
    expect(c.terminatedWith).toEqual([486]);
  });
});

describe('a mix a sender refuses', () => {
  it('sends both parties back to talking on their own microphones', async () => {
    const fx = await pair();
    fx.bSip.replaceOutgoingTrack = async () => {
      throw new Error('no audio sender');
    };
    await fx.engine.command(fx.bId, 'MERGE');
    fx.aSip.emit({ type: 'resumed', remoteHolding: false });
    await settle();
    await settle();
    expect(fx.byId(fx.aId)?.state).toBe('talking');
    expect(fx.byId(fx.bId)?.state).toBe('talking');
    expect(fx.graphs[0]?.closed).toBe(true);
    expect(fx.aSip.outgoing).toBe(fx.microphone.opened[0]?.getAudioTracks()[0]);
    expect(fx.audio.silenced.size).toBe(0);
  });
});
