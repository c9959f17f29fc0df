/**
 * Keeps one peer connection ready for the next outgoing call: audio transceiver added, offer
 * set as local description and a usable ICE candidate gathered (the caller says which are
 * usable; gathering complete counts too). Building that on demand costs several
 * milliseconds of a dial (connection, transports, certificate, first candidates); with a warm
 * one the SIP stack's own createOffer/setLocalDescription find everything in place.
 *
 * No microphone is involved: the track is added per call with replaceTrack, so a warm
 * connection never lights the microphone indicator.
 */

/** The part of RTCPeerConnection the warmer uses (a fake in unit tests). */
export interface WarmablePeer {
  readonly iceGatheringState: RTCIceGathererState;
  readonly signalingState: RTCSignalingState;
  readonly localDescription: RTCSessionDescription | null;
  addTransceiver(kind: 'audio', init: RTCRtpTransceiverInit): RTCRtpTransceiver;
  createOffer(): Promise<RTCSessionDescriptionInit>;
  setLocalDescription(description: RTCSessionDescriptionInit): Promise<void>;
  addEventListener(type: 'icegatheringstatechange', listener: () => void): void;
  addEventListener(type: 'icecandidate', listener: (event: RTCPeerConnectionIceEvent) => void): void;
  removeEventListener(type: 'icegatheringstatechange', listener: () => void): void;
  removeEventListener(type: 'icecandidate', listener: (event: RTCPeerConnectionIceEvent) => void): void;
  close(): void;
}

export interface WarmPeer<P extends WarmablePeer> {
  pc: P;
  transceiver: RTCRtpTransceiver;
}

export interface PeerWarmerDeps<P extends WarmablePeer> {
  create(): P;
  /** True if an offer with this candidate may go out (say, a host one when no STUN/TURN is set). */
  usableCandidate(type: RTCIceCandidateType | null): boolean;
  setTimer(ms: number, run: () => void): () => void;
  onError?(error: unknown): void;
}

/**
 * A ready connection is replaced after this long: its candidates name the addresses of the
 * moment it gathered them, and a laptop changes networks.
 */
export const WARM_MAX_AGE_MS = 120_000;

export class PeerWarmer<P extends WarmablePeer> {
  #ready: WarmPeer<P> | null = null;
  #warming: P | null = null;
  #cancelTimer: (() => void) | null = null;
  #stopped = false;

  constructor(private readonly deps: PeerWarmerDeps<P>) {}

  /** True when take() would return a connection now. */
  get isReady(): boolean {
    return this.#ready !== null;
  }

  /** Starts preparing a connection unless one is ready or on its way. */
  warm(): void {
    if (this.#stopped || this.#ready || this.#warming) return;
    let pc: P;
    try {
      pc = this.deps.create();
    } catch (error) {
      this.deps.onError?.(error);
      return;
    }
    this.#warming = pc;
    let transceiver: RTCRtpTransceiver;
    const prepared = (async () => {
      transceiver = pc.addTransceiver('audio', { direction: 'sendrecv' });
      // Listening before setLocalDescription, which starts gathering: no candidate is missed.
      const gathered = enoughGathered(pc, this.deps.usableCandidate);
      await pc.setLocalDescription(await pc.createOffer());
      await gathered;
    })();
    prepared.then(
      () => {
        if (this.#warming !== pc) return; // stopped or replaced meanwhile
        this.#warming = null;
        this.#ready = { pc, transceiver };
        this.#schedule(WARM_MAX_AGE_MS, () => this.#refresh());
      },
      (error: unknown) => {
        if (this.#warming !== pc) return; // closed by stop() or a refresh: not a failure
        this.#warming = null;
        closeQuietly(pc);
        this.deps.onError?.(error);
      },
    );
  }

  /**
   * Hands over the ready connection (null when none is ready: the caller builds its own). The
   * caller asks for the next one with warm() when the call is over, so building it never
   * competes with a call being set up.
   */
  take(): WarmPeer<P> | null {
    const ready = this.#ready;
    if (ready?.pc.signalingState !== 'have-local-offer') {
      if (ready) this.#discardReady();
      return null;
    }
    this.#ready = null;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    reuseOfferOnce(ready.pc);
    return ready;
  }

  /** Closes everything held; warm() does nothing afterwards. */
  stop(): void {
    this.#stopped = true;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#discardReady();
    if (this.#warming) closeQuietly(this.#warming);
    this.#warming = null;
  }

  #refresh(): void {
    this.#discardReady();
    this.warm();
  }

  #discardReady(): void {
    if (this.#ready) closeQuietly(this.#ready.pc);
    this.#ready = null;
  }

  #schedule(ms: number, run: () => void): void {
    this.#cancelTimer?.();
    this.#cancelTimer = this.deps.setTimer(ms, () => {
      this.#cancelTimer = null;
      run();
    });
  }
}

/**
 * The SIP stack will ask the warm connection for an offer and set it, as it would on a new one.
 * Doing that again costs 3-6 ms (Chromium re-applies the description) and gives the same
 * offer, so the first createOffer answers with the local description already in place, and
 * setting that same description is a no-op. Both shortcuts remove themselves after one use, so
 * later renegotiations (hold, transfer) use the connection's own methods.
 */
function reuseOfferOnce(pc: WarmablePeer): void {
  const sdp = pc.localDescription?.sdp;
  if (!sdp) return;
  const own = pc as unknown as Record<'createOffer' | 'setLocalDescription', unknown>;
  own.createOffer = async (): Promise<RTCSessionDescriptionInit> => {
    delete own.createOffer;
    return { type: 'offer', sdp };
  };
  own.setLocalDescription = async (description?: RTCSessionDescriptionInit): Promise<void> => {
    delete own.setLocalDescription;
    if (description?.type === 'offer' && description.sdp === sdp && pc.signalingState === 'have-local-offer') return;
    return pc.setLocalDescription(description as RTCSessionDescriptionInit);
  };
}

/**
 * Resolves on the first usable candidate or when gathering completes, whichever comes first.
 * Gathering itself can take a while (Chromium's TCP host candidate comes some 120 ms after
 * the UDP one), and the SDP needs only what is usable.
 */
function enoughGathered(pc: WarmablePeer, usable: (type: RTCIceCandidateType | null) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      pc.removeEventListener('icegatheringstatechange', onState);
      pc.removeEventListener('icecandidate', onCandidate);
      resolve();
    };
    const onState = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const onCandidate = (event: RTCPeerConnectionIceEvent) => {
      if (event.candidate === null || usable(event.candidate.type)) done();
    };
    pc.addEventListener('icegatheringstatechange', onState);
    pc.addEventListener('icecandidate', onCandidate);
  });
}

function closeQuietly(pc: WarmablePeer): void {
  try {
    pc.close();
  } catch {
    // Already closed.
  }
}
