import { describe, expect, it } from 'vitest';
import { LostMicrophones } from '../../../src/engine/audio-devices';
import { ACCOUNT, engineFixture } from '../../fakes/engine-fixture';
import { fakeStream } from '../../fakes/fake-sip-stack';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** One answered, talking call with its remote stream. */
async function talking(options: Parameters<typeof engineFixture>[0] = {}) {
  const fx = engineFixture(options);
  fx.engine.configure(ACCOUNT, true);
  fx.stack.last.comeOnline();
  const sip = fx.stack.last.ring('2001', 'Customer A');
  const id = fx.last().calls[0]?.id ?? '';
  await fx.engine.command(id, 'ANSWER');
  sip.emit({ type: 'remoteStream', stream: fakeStream('voice A') });
  sip.emit({ type: 'confirmed' });
  const mic = sip.answeredWith;
  if (!mic) throw new Error('not answered');
  return { ...fx, sip, id, mic };
}

describe('a microphone unplugged mid-call', () => {
  it('the default microphone takes its place on the call’s sender; the lost one is closed', async () => {
    const fx = await talking();
    fx.microphone.unplug(fx.mic);
    await settle();
    const [fresh] = fx.microphone.defaults;
    expect(fresh).toBeDefined();
    expect(fx.sip.outgoing).toBe(fresh?.getAudioTracks()[0]);
    expect(fx.microphone.closed).toContain(fx.mic);
    expect(fx.last().calls[0]).toMatchObject({ state: 'talking', regions: { mute: 'unmuted' } });
    expect(fx.last().microphoneOpen).toBe(true);
    // Hanging up closes the stream the call sends now.
    await fx.engine.command(fx.id, 'HANGUP');
    fx.sip.emit({ type: 'ended', originator: 'local', failure: null });
    expect(fx.microphone.closed).toContain(fresh);
  });

  it('mute stays as it was: the new track is disabled as the lost one was, and the call stays muted', async () => {
    const fx = await talking();
    await fx.engine.command(fx.id, 'MUTE');
    // JsSIP mutes by disabling the sender's track.
    for (const t of fx.mic.getAudioTracks()) t.enabled = false;
    fx.microphone.unplug(fx.mic);
    await settle();
    const track = fx.microphone.defaults[0]?.getAudioTracks()[0];
    expect(fx.sip.outgoing).toBe(track);
    expect(track?.enabled).toBe(false);
    expect(fx.last().calls[0]?.regions.mute).toBe('muted');
    expect(fx.sip.actions.filter((a) => a === 'unmute')).toEqual([]);
  });

  it('a stream no live call holds any more (closed, or the call ended) opens nothing', async () => {
    const fx = await talking();
    fx.sip.emit({ type: 'ended', originator: 'remote', failure: null });
    fx.microphone.unplug(fx.mic);
    await settle();
    expect(fx.microphone.defaults).toEqual([]);
  });

  it('the call that ends while the default opens: the new stream is closed again, nothing replaced', async () => {
    const fx = await talking();
    fx.microphone.unplug(fx.mic);
    fx.sip.emit({ type: 'ended', originator: 'remote', failure: null });
    await settle();
    expect(fx.microphone.defaults).toHaveLength(1);
    expect(fx.microphone.closed).toContain(fx.microphone.defaults[0]);
    expect(fx.sip.outgoing).toBeNull();
  });

  it('no microphone left at all: the call goes on (silent to the far end), nothing thrown', async () => {
    const fx = await talking();
    fx.microphone.failWith = 'mic-missing';
    fx.microphone.unplug(fx.mic);
    await settle();
    expect(fx.last().calls[0]?.state).toBe('talking');
    expect(fx.sip.outgoing).toBeNull();
  });

  it('in a conference the mix speaks the default microphone; the senders keep their mixes, mute stays in the routing', async () => {
    const fx = await talking();
    const bSip = fx.stack.last.ring('2002', 'Customer B');
    const bId = fx.last().calls.find((c) => c.remote.number === '2002')?.id ?? '';
    await fx.engine.command(bId, 'ANSWER');
    fx.sip.emit({ type: 'held' });
    bSip.emit({ type: 'remoteStream', stream: fakeStream('voice B') });
    bSip.emit({ type: 'confirmed' });
    await fx.engine.command(bId, 'MERGE');
    fx.sip.emit({ type: 'resumed', remoteHolding: false });
    await settle();
    const graph = fx.graphs[0];
    if (!graph) throw new Error('no mix');
    const [aMix, bMix] = [fx.sip.outgoing, bSip.outgoing];
    expect(graph.heardThrough(aMix)).toEqual(['mic', 'voice B']);
    await fx.engine.command(bId, 'MUTE');

    // Every call opened the same device: both streams end.
    const bMic = bSip.answeredWith;
    if (!bMic) throw new Error('B not answered');
    fx.microphone.unplug(fx.mic);
    fx.microphone.unplug(bMic);
    await settle();
    expect(fx.microphone.defaults).toHaveLength(2);
    expect([fx.sip.outgoing, bSip.outgoing]).toEqual([aMix, bMix]); // no sender lost its mix
    expect(graph.heardThrough(aMix)).toEqual(['voice B']); // muted: the agent is out of the mix
    await fx.engine.command(bId, 'UNMUTE');
    expect(graph.heardThrough(aMix)).toEqual(['default mic', 'voice B']);
    expect(graph.heardThrough(bMix)).toEqual(['default mic', 'voice A']);
    expect(graph.heardBy(graph.destination)).toEqual(['voice A', 'voice B']);

    // B hangs up: A goes back to an ordinary call sending its own new microphone track.
    await fx.engine.command(bId, 'HANGUP');
    await settle();
    expect(fx.last().calls.find((c) => c.id === fx.id)?.state).toBe('talking');
    expect(fx.microphone.defaults.map((s) => s.getAudioTracks()[0])).toContain(fx.sip.outgoing);
  });
});

/** A track that fires `ended` as a real one does when its device goes away. */
function eventTrack(deviceId: string) {
  const target = new EventTarget();
  return Object.assign(target, { kind: 'audio', readyState: 'live', enabled: true, getSettings: () => ({ deviceId }) });
}

function devicesWith(list: () => Array<{ deviceId: string; kind: string }>) {
  const target = new EventTarget();
  return Object.assign(target, { enumerateDevices: async () => list() as MediaDeviceInfo[] });
}

describe('LostMicrophones (which open stream lost its device)', () => {
  it('a track that ends by itself is told once; a removed stream never', () => {
    const devices = devicesWith(() => []);
    const watch = new LostMicrophones(devices);
    const told: MediaStream[] = [];
    watch.listener = (s) => told.push(s);
    const track = eventTrack('usb-1');
    const stream = { getAudioTracks: () => [track] } as unknown as MediaStream;
    const closedTrack = eventTrack('usb-1');
    const closed = { getAudioTracks: () => [closedTrack] } as unknown as MediaStream;
    watch.add(stream);
    watch.add(closed);
    watch.remove(closed);
    track.dispatchEvent(new Event('ended'));
    track.dispatchEvent(new Event('ended'));
    closedTrack.dispatchEvent(new Event('ended'));
    expect(told).toEqual([stream]);
  });

  it('a devicechange that leaves the stream’s device out tells it; an empty list or a present device does not', async () => {
    let list = [{ deviceId: 'default', kind: 'audioinput' }, { deviceId: 'usb-1', kind: 'audioinput' }];
    const devices = devicesWith(() => list);
    const watch = new LostMicrophones(devices);
    const told: MediaStream[] = [];
    watch.listener = (s) => told.push(s);
    const usb = { getAudioTracks: () => [eventTrack('usb-1')] } as unknown as MediaStream;
    const builtIn = { getAudioTracks: () => [eventTrack('default')] } as unknown as MediaStream;
    watch.add(usb);
    watch.add(builtIn);
    devices.dispatchEvent(new Event('devicechange'));
    await settle();
    expect(told).toEqual([]);
    list = [];
    devices.dispatchEvent(new Event('devicechange'));
    await settle();
    expect(told).toEqual([]);
    list = [{ deviceId: 'default', kind: 'audioinput' }, { deviceId: 'usb-1', kind: 'audiooutput' }];
    devices.dispatchEvent(new Event('devicechange'));
    await settle();
    expect(told).toEqual([usb]);
  });
});
