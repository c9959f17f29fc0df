import { describe, expect, it } from 'vitest';
import { PeerWarmer, WARM_MAX_AGE_MS, type WarmablePeer } from '../../../src/engine/peer-warmer';

class FakePeer implements WarmablePeer {
  iceGatheringState: RTCIceGathererState = 'new';
  signalingState: RTCSignalingState = 'stable';
  localDescription: RTCSessionDescription | null = null;
  offers = 0;
  applied: RTCSessionDescriptionInit[] = [];
  closed = false;
  transceivers: RTCRtpTransceiverInit[] = [];
  failOffer = false;
  #stateListeners = new Set<() => void>();
  #candidateListeners = new Set<(event: RTCPeerConnectionIceEvent) => void>();

  addTransceiver(_kind: 'audio', init: RTCRtpTransceiverInit): RTCRtpTransceiver {
    this.transceivers.push(init);
    return { mid: String(this.transceivers.length) } as RTCRtpTransceiver;
  }
  async createOffer(): Promise<RTCSessionDescriptionInit> {
    if (this.failOffer) throw new Error('createOffer failed');
    this.offers++;
    return { type: 'offer', sdp: `v=0 offer ${this.offers}` };
  }
  async setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.applied.push(description);
    this.localDescription = { type: 'offer', sdp: `${description.sdp} + candidates` } as RTCSessionDescription;
    this.signalingState = 'have-local-offer';
    this.iceGatheringState = 'gathering';
  }
  addEventListener(type: 'icegatheringstatechange' | 'icecandidate', listener: (event: RTCPeerConnectionIceEvent) => void): void {
    if (type === 'icecandidate') this.#candidateListeners.add(listener);
    else this.#stateListeners.add(listener as () => void);
  }
  removeEventListener(type: 'icegatheringstatechange' | 'icecandidate', listener: (event: RTCPeerConnectionIceEvent) => void): void {
    if (type === 'icecandidate') this.#candidateListeners.delete(listener);
    else this.#stateListeners.delete(listener as () => void);
  }
  close(): void {
    this.closed = true;
    this.signalingState = 'closed';
  }
  finishGathering(): void {
    this.iceGatheringState = 'complete';
    for (const l of [...this.#stateListeners]) l();
  }
  gather(type: RTCIceCandidateType): void {
    const event = { candidate: { type } } as RTCPeerConnectionIceEvent;
    for (const l of [...this.#candidateListeners]) l(event);
  }
  get listenerCount(): number {
    return this.#stateListeners.size + this.#candidateListeners.size;
  }
}

function setup(options: { usable?: (type: RTCIceCandidateType | null) => boolean } = {}) {
  const peers: FakePeer[] = [];
  const timers: Array<{ ms: number; run: () => void; cancelled: boolean }> = [];
  const errors: unknown[] = [];
  let failNext = false;
  const warmer = new PeerWarmer<FakePeer>({
    create: () => {
      const pc = new FakePeer();
      pc.failOffer = failNext;
      peers.push(pc);
      return pc;
    },
    setTimer: (ms, run) => {
      const timer = { ms, run, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    usableCandidate: options.usable ?? (() => false),
    onError: (e) => errors.push(e),
  });
  const fire = (ms: number) => {
    const timer = timers.find((t) => t.ms === ms && !t.cancelled);
    if (!timer) throw new Error(`no pending ${ms} ms timer`);
    timer.cancelled = true;
    timer.run();
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  /** warm(), then finish the new connection's gathering: it is ready to take. */
  const warmAndGather = async () => {
    warmer.warm();
    await settle();
    const pc = peers.at(-1) as FakePeer;
    pc.finishGathering();
    await settle();
    return pc;
  };
  return { warmer, peers, timers, errors, fire, settle, warmAndGather, failNextOffer: () => (failNext = true) };
}

describe('PeerWarmer', () => {
  it('hands out a connection only once its offer is set and ICE gathering is complete', async () => {
    const { warmer, peers, settle } = setup();
    warmer.warm();
    await settle();
    expect(peers).toHaveLength(1);
    const pc = peers[0] as FakePeer;
    expect(pc.transceivers).toEqual([{ direction: 'sendrecv' }]);
    expect(pc.signalingState).toBe('have-local-offer');
    expect(warmer.take()).toBeNull();
    pc.finishGathering();
    await settle();
    expect(pc.listenerCount).toBe(0);
    const taken = warmer.take();
    expect(taken?.pc).toBe(pc);
    expect(taken?.transceiver.mid).toBe('1');
    expect(pc.closed).toBe(false);
    expect(warmer.take()).toBeNull();
  });

  it('is ready at the first usable candidate, before gathering completes', async () => {
    const { warmer, peers, settle } = setup({ usable: (type) => type === 'srflx' });
    warmer.warm();
    await settle();
    const pc = peers[0] as FakePeer;
    pc.gather('host');
    await settle();
    expect(warmer.isReady).toBe(false);
    pc.gather('srflx');
    await settle();
    expect(pc.iceGatheringState).toBe('gathering');
    expect(pc.listenerCount).toBe(0);
    expect(warmer.take()?.pc).toBe(pc);
  });

  it('answers the first offer request of a taken connection with its ready offer, once', async () => {
    const { warmer, warmAndGather } = setup();
    const pc = await warmAndGather();
    const ready = pc.localDescription?.sdp;
    expect(ready).toBe('v=0 offer 1 + candidates');
    warmer.take();
    // What a SIP stack does with a connection: offer, set it, read the local description.
    const offer = await pc.createOffer();
    expect(offer).toEqual({ type: 'offer', sdp: ready });
    await pc.setLocalDescription(offer);
    expect(pc.offers).toBe(1);
    expect(pc.applied).toHaveLength(1);
    expect(pc.localDescription?.sdp).toBe(ready);
    // A renegotiation later is the connection's own business.
    const next = await pc.createOffer();
    expect(next.sdp).toBe('v=0 offer 2');
    await pc.setLocalDescription(next);
    expect(pc.applied).toEqual([{ type: 'offer', sdp: 'v=0 offer 1' }, next]);
  });

  it('passes a different description through to the connection', async () => {
    const { warmer, warmAndGather } = setup();
    const pc = await warmAndGather();
    warmer.take();
    await pc.setLocalDescription({ type: 'offer', sdp: 'something else' });
    expect(pc.applied.at(-1)).toEqual({ type: 'offer', sdp: 'something else' });
  });

  it('builds one connection at a time, however often asked', async () => {
    const { warmer, peers, settle } = setup();
    warmer.warm();
    warmer.warm();
    await settle();
    warmer.warm();
    expect(peers).toHaveLength(1);
  });

  it('builds nothing while a taken connection is in use, until asked again', async () => {
    const { warmer, peers, timers, settle, warmAndGather } = setup();
    await warmAndGather();
    warmer.take();
    expect(timers.every((t) => t.cancelled)).toBe(true);
    expect(peers).toHaveLength(1);
    warmer.warm();
    await settle();
    expect(peers).toHaveLength(2);
    expect((peers[0] as FakePeer).closed).toBe(false);
  });

  it('replaces a ready connection after its maximum age, closing the old one', async () => {
    const { warmer, peers, fire, settle, warmAndGather } = setup();
    await warmAndGather();
    fire(WARM_MAX_AGE_MS);
    await settle();
    expect((peers[0] as FakePeer).closed).toBe(true);
    expect(peers).toHaveLength(2);
    expect(warmer.isReady).toBe(false);
    (peers[1] as FakePeer).finishGathering();
    await settle();
    expect(warmer.take()?.pc).toBe(peers[1]);
  });

  it('does not hand out a connection that left have-local-offer, and closes it', async () => {
    const { warmer, warmAndGather } = setup();
    const pc = await warmAndGather();
    pc.signalingState = 'stable';
    expect(warmer.take()).toBeNull();
    expect(pc.closed).toBe(true);
  });

  it('reports a failed preparation, closes that connection and can try again', async () => {
    const { warmer, peers, errors, settle, failNextOffer } = setup();
    failNextOffer();
    warmer.warm();
    await settle();
    expect(errors).toHaveLength(1);
    expect((peers[0] as FakePeer).closed).toBe(true);
    expect(warmer.take()).toBeNull();
    warmer.warm();
    expect(peers).toHaveLength(2);
  });

  it('stop() closes what it holds, silently, and stays stopped', async () => {
    const { warmer, peers, errors, timers, settle } = setup();
    warmer.warm();
    await settle();
    warmer.stop();
    expect((peers[0] as FakePeer).closed).toBe(true);
    (peers[0] as FakePeer).finishGathering();
    await settle();
    expect(warmer.take()).toBeNull();
    warmer.warm();
    expect(peers).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(timers.every((t) => t.cancelled)).toBe(true);
  });
});
