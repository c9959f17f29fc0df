import { UA, URI, Utils, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import { dialbarError } from '../errors';
import type { IceServer } from '../settings/account';
import { DigestReuse, inviteChallengeOf } from './digest-reuse';
import { ObservedSocket } from './observed-socket';
import { failureFrom } from './sip-causes';
import { PeerWarmer } from './peer-warmer';
import type { CallStats, RemoteParty, SipCall, SipCallEvent, SipStack, SipUserAgent, UserAgentConfig, UserAgentEvent } from './sip-stack';

/**
 * The only file that imports JsSIP. It turns JsSIP's events into the engine's typed events
 * (causes: sip-causes.ts), and owns the details of call set-up: audio-only offers, not waiting
 * for full ICE gathering, a peer connection prepared in advance and pre-emptive INVITE digests.
 */

/** With STUN/TURN configured, wait this long for a server-reflexive or relay candidate. */
const ICE_WAIT_FOR_SERVER_MS = 400;

function remoteOf(session: RTCSession): RemoteParty {
  const identity = session.remote_identity;
  return {
    uri: identity.uri.toString(),
    displayName: identity.display_name ?? '',
    user: identity.uri.user ?? '',
  };
}

function toRtcIceServers(servers: readonly IceServer[]): RTCIceServer[] {
  return servers.map((s) => ({ urls: s.urls, ...(s.username ? { username: s.username } : {}), ...(s.credential ? { credential: s.credential } : {}) }));
}

/** With STUN/TURN configured, an offer waits for a server-reflexive or relay candidate. */
function usableCandidate(type: RTCIceCandidateType | null, haveIceServers: boolean): boolean {
  return !haveIceServers || type === 'srflx' || type === 'relay';
}

/** Sends the SDP once a usable candidate exists instead of waiting for gathering to finish. */
function sendEarlyOnCandidates(session: RTCSession, haveIceServers: boolean): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  session.on('icecandidate', (event) => {
    if (usableCandidate(event.candidate.type, haveIceServers)) {
      clearTimeout(timer);
      event.ready();
      return;
    }
    // A host candidate with servers configured: give STUN/TURN a bounded moment, never seconds.
    timer ??= setTimeout(() => event.ready(), ICE_WAIT_FOR_SERVER_MS);
  });
}

class JsSipCall implements SipCall {
  readonly remote: RemoteParty;
  #listener: ((event: SipCallEvent) => void) | null = null;
  #pending: SipCallEvent[] = [];

  constructor(
    private readonly session: RTCSession,
    private readonly iceServers: RTCIceServer[],
  ) {
    this.remote = remoteOf(session);
    sendEarlyOnCandidates(session, iceServers.length > 0);
    session.on('progress', () => this.#emit({ type: 'progress' }));
    session.on('accepted', () => this.#emit({ type: 'accepted' }));
    session.on('confirmed', () => this.#emit({ type: 'confirmed' }));
    session.on('ended', (e) => {
      const failure = failureFrom(e.cause, e.message, e.originator);
      const normal = e.cause === 'Terminated' || e.cause === 'Canceled';
      this.#emit({ type: 'ended', originator: failure.originator, failure: normal ? null : failure });
    });
    session.on('failed', (e) => this.#emit({ type: 'failed', failure: failureFrom(e.cause, e.message, e.originator) }));
    const watch = (pc: RTCPeerConnection) =>
      pc.addEventListener('track', (e) => {
        const stream = e.streams[0] ?? new MediaStream([e.track]);
        this.#emit({ type: 'remoteStream', stream });
      });
    if (session.connection) watch(session.connection);
    else session.on('peerconnection', (e) => watch(e.peerconnection));
  }

  listen(listener: (event: SipCallEvent) => void): void {
    this.#listener = listener;
    for (const event of this.#pending.splice(0)) listener(event);
  }

  answer(mediaStream: MediaStream): void {
    this.session.answer({ mediaStream, pcConfig: { iceServers: this.iceServers }, rtcAnswerConstraints: {} });
  }

  terminate(status?: number): void {
    if (this.session.isEnded()) return;
    this.session.terminate(status === undefined ? {} : { status_code: status });
  }

  async stats(): Promise<CallStats> {
    const totals: CallStats = { bytesReceived: 0, packetsReceived: 0, packetsLost: 0, bytesSent: 0, packetsSent: 0, jitter: 0, audioLevel: 0 };
    const pc = this.session.connection;
    if (!pc) return totals;
    const report = await pc.getStats();
    report.forEach((s: RTCStats & Record<string, unknown>) => {
      const num = (key: string) => (typeof s[key] === 'number' ? (s[key] as number) : 0);
      if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        totals.bytesReceived += num('bytesReceived');
        totals.packetsReceived += num('packetsReceived');
        totals.packetsLost += num('packetsLost');
        totals.jitter = Math.max(totals.jitter, num('jitter'));
        totals.audioLevel = Math.max(totals.audioLevel, num('audioLevel'));
      } else if (s.type === 'outbound-rtp' && s.kind === 'audio') {
        totals.bytesSent += num('bytesSent');
        totals.packetsSent += num('packetsSent');
      }
    });
    return totals;
  }

  #emit(event: SipCallEvent): void {
    if (this.#listener) this.#listener(event);
    else this.#pending.push(event);
  }
}

/**
 * A warm connection has its usable candidates already, but may still be gathering (a TCP
 * candidate): JsSIP would wait for the next candidate event. Its own flag for "gathering is
 * finished enough" (set when an 'icecandidate' handler calls ready()) tells it not to. Should a
 * JsSIP version lack the flag, it simply waits as it would for a new connection.
 */
function iceAlreadyReady(session: RTCSession): void {
  const flags = session as unknown as { _iceReady?: unknown };
  if (typeof flags._iceReady === 'boolean') flags._iceReady = true;
}

/**
 * Runs `call` with `pc` standing in for the next `new RTCPeerConnection()`: JsSIP builds its
 * connection synchronously inside UA.call() and offers no other way to hand it one.
 */
function withPeerConnection<T>(pc: RTCPeerConnection | undefined, call: () => T): T {
  if (!pc) return call();
  const scope = globalThis as { RTCPeerConnection: typeof RTCPeerConnection };
  const original = scope.RTCPeerConnection;
  scope.RTCPeerConnection = function WarmPeerConnection() {
    return pc;
  } as unknown as typeof RTCPeerConnection;
  try {
    return call();
  } catch (error) {
    pc.close(); // no call was made on it
    throw error;
  } finally {
    scope.RTCPeerConnection = original;
  }
}

/** The user part of a SIP URI (the default digest user name), '' when there is none. */
function userOf(uri: string): string {
  return URI.parse(uri)?.user ?? '';
}

class JsSipUserAgent implements SipUserAgent {
  readonly #ua: UA;
  readonly #iceServers: RTCIceServer[];
  /** Absent where there is no WebRTC (unit tests under Node). */
  readonly #warmer: PeerWarmer<RTCPeerConnection> | null;
  readonly #digests: DigestReuse;

  constructor(config: UserAgentConfig, onEvent: (event: UserAgentEvent) => void) {
    this.#digests = new DigestReuse({
      username: config.authUser || userOf(config.uri),
      password: config.password,
      md5: Utils.calculateMD5,
      randomToken: () => crypto.randomUUID().replaceAll('-', '').slice(0, 16),
      now: () => Date.now(),
    });
    let socket: ObservedSocket;
    try {
      const digests = this.#digests;
      socket = new ObservedSocket(
        new WebSocketInterface(config.wsUrl),
        (data) => {
          const challenged = typeof data === 'string' ? inviteChallengeOf(data) : null;
          if (challenged) digests.noteChallenge(challenged.callId, challenged.challenge);
        },
        () => digests.reset(),
      );
    } catch {
      throw dialbarError('bad-url');
    }
    this.#iceServers = toRtcIceServers(config.iceServers);
    const iceServers = this.#iceServers;
    this.#warmer =
      typeof RTCPeerConnection === 'function'
        ? new PeerWarmer({
            create: () => new RTCPeerConnection({ iceServers }),
            usableCandidate: (type) => usableCandidate(type, iceServers.length > 0),
            setTimer: (ms, run) => {
              const id = setTimeout(run, ms);
              return () => clearTimeout(id);
            },
          })
        : null;
    try {
      this.#ua = new UA({
        sockets: [socket],
        uri: config.uri,
        password: config.password,
        ...(config.authUser ? { authorization_user: config.authUser } : {}),
        ...(config.displayName ? { display_name: config.displayName } : {}),
        register: true,
        instance_id: config.instanceId,
        register_expires: 300,
        session_timers: false,
        connection_recovery_min_interval: 1,
        connection_recovery_max_interval: 16,
        user_agent: 'Dialbar',
      });
    } catch {
      throw dialbarError('bad-uri');
    }
    const ua = this.#ua;
    ua.on('connecting', () => onEvent({ type: 'connecting' }));
    ua.on('connected', () => onEvent({ type: 'connected' }));
    ua.on('disconnected', () => onEvent({ type: 'disconnected' }));
    ua.on('registered', () => {
      // Registered: calls may follow, so have a connection ready for the first one.
      this.#warmer?.warm();
      onEvent({ type: 'registered' });
    });
    ua.on('unregistered', () => onEvent({ type: 'unregistered' }));
    ua.on('registrationFailed', (e) => onEvent({ type: 'registrationFailed', failure: failureFrom(e.cause ?? '', e.response, 'remote') }));
    ua.on('newRTCSession', (e: RTCSessionEvent) => {
      if (e.originator !== 'remote') return;
      onEvent({ type: 'incomingCall', call: new JsSipCall(e.session, this.#iceServers) });
    });
  }

  start(): void {
    this.#ua.start();
  }

  stop(): void {
    this.#warmer?.stop();
    this.#ua.stop();
  }

  register(): void {
    this.#ua.register();
  }

  call(target: string, microphone: Promise<MediaStream>): SipCall {
    const warm = this.#warmer?.take() ?? null;
    let transceiver: RTCRtpTransceiver | null = warm?.transceiver ?? null;
    const session = withPeerConnection(warm?.pc, () => this.#ua.call(target, {
      // No stream and no constraints: JsSIP neither waits for nor opens the microphone itself.
      mediaConstraints: { audio: false, video: false },
      pcConfig: { iceServers: this.#iceServers },
      eventHandlers: {
        // The INVITE is about to go out: answer the proxy's expected challenge in advance.
        sending: (e) => {
          const request = e.request;
          const value = this.#digests.authorize({ method: request.method, ruri: request.ruri.toString(), callId: request.call_id });
          if (value) request.setHeader('Proxy-Authorization', value);
        },
        // Emitted synchronously inside call(), before the offer: a send-receive audio line whose
        // track arrives later through replaceTrack, which needs no renegotiation.
        peerconnection: (e) => {
          if (e.peerconnection !== warm?.pc) transceiver = e.peerconnection.addTransceiver('audio', { direction: 'sendrecv' });
        },
      },
    }));
    // Should JsSIP ever build its connection elsewhere, the warm one is not ours to keep.
    if (warm && session.connection !== warm.pc) warm.pc.close();
    else if (warm) iceAlreadyReady(session);
    // The next connection is prepared once this call is over, off the critical path of this one.
    const rewarm = () => this.#warmer?.warm();
    session.on('ended', rewarm);
    session.on('failed', rewarm);
    microphone.then(
      (stream) => {
        const track = stream.getAudioTracks()[0];
        if (track && transceiver && !session.isEnded()) transceiver.sender.replaceTrack(track).catch(() => {});
      },
      () => {
        // The engine ends the call and tells why.
      },
    );
    return new JsSipCall(session, this.#iceServers);
  }
}

export const jssipStack: SipStack = {
  createUserAgent: (config, onEvent) => new JsSipUserAgent(config, onEvent),
};
