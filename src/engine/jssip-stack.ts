import { C, UA, URI, Utils, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
// @ts-expect-error JsSIP ships no types for RequestSender; ByeSender below is the slice used.
import RequestSender from 'jssip/lib/RequestSender';
import * as SIPMessage from 'jssip/lib/SIPMessage';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import { dialbarError } from '../errors';
import { DigestReuse, inviteChallengeOf } from './digest-reuse';
import { byeCseq, readDialog } from './jssip-dialog';
import { ObservedSocket } from './observed-socket';
import { failureFrom } from './sip-causes';
import { PeerWarmer } from './peer-warmer';
import { readCallStats } from './rtp-stats';
import { sendsAudio } from './sdp-direction';
import { headersOf } from './sip-headers';
import { iceAlreadyReady, toRtcIceServers, usableCandidate, withPeerConnection } from './webrtc-setup';
import { type CallOptions, type CallStats, DTMF_GAP_MS, DTMF_TONE_MS, type DtmfTransport, type RemoteParty, type SipCall, type SipHeader } from './sip-stack';
import type { SipCallEvent, SipDialog, SipStack, SipUserAgent, UserAgentConfig, UserAgentEvent } from './sip-stack';

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
  readonly inviteHeaders: readonly SipHeader[];
  #listener: ((event: SipCallEvent) => void) | null = null;
  #pending: SipCallEvent[] = [];
  /** The far end's latest SDP answer, to read the direction of its answer to a resume. */
  #lastAnswer: string | null = null;

  constructor(
    readonly session: RTCSession,
    private readonly iceServers: RTCIceServer[],
    inviteHeaders: readonly SipHeader[] = [],
  ) {
    this.remote = remoteOf(session);
    this.inviteHeaders = inviteHeaders;
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
    session.on('sdp', (e) => {
      if (e.originator === 'remote' && e.type === 'answer') this.#lastAnswer = e.sdp;
    });
    // A far end's re-INVITE with sendonly / inactive (JsSIP reads the offer's direction).
    session.on('hold', (e) => {
      if (e.originator === 'remote') this.#emit({ type: 'remoteHold', on: true });
    });
    session.on('unhold', (e) => {
      if (e.originator === 'remote') this.#emit({ type: 'remoteHold', on: false });
    });
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

  hold(): void {
    // JsSIP emits its own 'hold' when the offer goes out; held means the far end answered it.
    if (!this.session.hold({}, () => this.#emit({ type: 'held' }))) throw dialbarError('invalid-state');
  }

  resume(): void {
    const resumed = () => {
      // An answer of recvonly or inactive to our sendrecv offer: the far end still holds us.
      const remoteHolding = this.#lastAnswer !== null && !sendsAudio(this.#lastAnswer);
      this.#emit({ type: 'resumed', remoteHolding });
    };
    if (!this.session.unhold({}, resumed)) throw dialbarError('invalid-state');
  }

  setMuted(muted: boolean): void {
    // JsSIP disables the sender's track (and keeps it disabled through hold and resume).
    if (muted) this.session.mute({ audio: true });
    else this.session.unmute({ audio: true });
  }

  async replaceOutgoingTrack(track: MediaStreamTrack): Promise<void> {
    // The audio transceiver, found by its receiver: its sender may have no track yet.
    const transceiver = this.session.connection?.getTransceivers().find((t) => t.receiver.track.kind === 'audio');
    if (!transceiver || this.session.isEnded()) throw dialbarError('invalid-state');
    await transceiver.sender.replaceTrack(track);
  }

  sendDtmf(digits: string, transport: DtmfTransport): void {
    try {
      this.session.sendDTMF(digits, {
        transportType: transport === 'info' ? C.DTMF_TRANSPORT.INFO : C.DTMF_TRANSPORT.RFC2833,
        duration: DTMF_TONE_MS,
        interToneGap: DTMF_GAP_MS,
      });
    } catch {
      throw dialbarError('invalid-state');
    }
  }

  refer(target: string, replaces?: SipCall): void {
    const other = replaces instanceof JsSipCall ? replaces.session : undefined;
    if (replaces && !other) throw dialbarError('invalid-state');
    const line = (e: { status_line?: { status_code?: number | string; reason_phrase?: string } }) => ({
      status: Number(e.status_line?.status_code ?? 0),
      reason: e.status_line?.reason_phrase ?? '',
    });
    let sent: unknown;
    try {
      sent = this.session.refer(target, {
        ...(other ? { replaces: other } : {}),
        eventHandlers: {
          requestSucceeded: (e: { response: { status_code: number; reason_phrase: string } }) =>
            this.#emit({ type: 'referProgress', status: e.response.status_code, reason: e.response.reason_phrase }),
          requestFailed: (e: { response: { status_code: number; reason_phrase: string } | null; cause: string }) =>
            this.#emit({ type: 'referFailed', refused: true, status: e.response?.status_code ?? null, reason: e.response?.reason_phrase ?? e.cause }),
          trying: (e: Parameters<typeof line>[0]) => this.#emit({ type: 'referProgress', ...line(e) }),
          progress: (e: Parameters<typeof line>[0]) => this.#emit({ type: 'referProgress', ...line(e) }),
          accepted: (e: Parameters<typeof line>[0]) => this.#emit({ type: 'referAccepted', ...line(e) }),
          failed: (e: Parameters<typeof line>[0]) => this.#emit({ type: 'referFailed', refused: false, ...line(e) }),
        },
      } as Parameters<RTCSession['refer']>[1]);
    } catch {
      throw dialbarError('invalid-number');
    }
    // JsSIP answers false when the dialog is not confirmed.
    if (sent === false) throw dialbarError('invalid-state');
  }

  stats(): Promise<CallStats> {
    return readCallStats(this.session.connection);
  }

  dialog(): SipDialog | null {
    return this.session.isEstablished() ? readDialog(this.session) : null;
  }

  #emit(event: SipCallEvent): void {
    if (this.#listener) this.#listener(event);
    else this.#pending.push(event);
  }
}

/** JsSIP's internal request API (lib/SIPMessage, lib/RequestSender), as used for a stand-alone BYE. */
type OutgoingRequestCtor = new (
  method: string,
  ruri: URI,
  ua: UA,
  params: Record<string, unknown>,
  extraHeaders: string[],
) => SIPMessage.OutgoingRequest;
interface ByeHandlers {
  onReceiveResponse(response: { status_code: number }): void;
  onRequestTimeout(): void;
  onTransportError(): void;
}
type ByeSender = new (ua: UA, request: SIPMessage.OutgoingRequest, handlers: ByeHandlers) => { send(): void };
/** JsSIP's transport, whose reconnection backoff `reconnectNow` cuts short. */
interface JsSipTransport {
  isConnected(): boolean;
  isConnecting(): boolean;
  connect(): void;
  recovery_timer: ReturnType<typeof setTimeout> | null;
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
      onEvent({ type: 'incomingCall', call: new JsSipCall(e.session, this.#iceServers, headersOf(e.request)) });
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

  sendBye(dialog: SipDialog): Promise<number> {
    const target = URI.parse(dialog.remoteTarget);
    const localUri = URI.parse(dialog.localUri);
    const remoteUri = URI.parse(dialog.remoteUri);
    if (!target || !localUri || !remoteUri) return Promise.resolve(0);
    // The same fields JsSIP's own Dialog#_createRequest fills; RequestSender answers a 401/407.
    const Request = SIPMessage.OutgoingRequest as unknown as OutgoingRequestCtor;
    const request = new Request('BYE', target, this.#ua, {
      cseq: byeCseq(dialog),
      call_id: dialog.callId,
      from_uri: localUri,
      from_tag: dialog.localTag,
      to_uri: remoteUri,
      to_tag: dialog.remoteTag,
      ...(dialog.routeSet.length > 0 ? { route_set: dialog.routeSet } : {}),
    }, ['Reason: SIP;cause=200;text="Call lost when the phone restarted"']);
    return new Promise((resolve) => {
      const Sender = RequestSender as ByeSender;
      new Sender(this.#ua, request, {
        onReceiveResponse: (response) => {
          if (response.status_code >= 200) resolve(response.status_code);
        },
        onRequestTimeout: () => resolve(0),
        onTransportError: () => resolve(0),
      }).send();
    });
  }

  reconnectNow(): void {
    const transport = (this.#ua as unknown as { transport: JsSipTransport | null }).transport;
    if (!transport) return;
    if (transport.isConnected()) {
      // The socket survived the network change: a REGISTER now proves it and refreshes the binding.
      this.#ua.register();
      return;
    }
    if (transport.isConnecting()) return;
    // JsSIP waits up to connection_recovery_max_interval between attempts; the network is back now.
    if (transport.recovery_timer !== null) clearTimeout(transport.recovery_timer);
    transport.recovery_timer = null;
    transport.connect();
  }

  call(target: string, microphone: Promise<MediaStream>, options: CallOptions = {}): SipCall {
    const warm = this.#warmer?.take() ?? null;
    let transceiver: RTCRtpTransceiver | null = warm?.transceiver ?? null;
    const session = withPeerConnection(warm?.pc, () => this.#ua.call(target, {
      // No stream and no constraints: JsSIP neither waits for nor opens the microphone itself.
      mediaConstraints: { audio: false, video: false },
      pcConfig: { iceServers: this.#iceServers },
      // Call data, checked by the engine: X- names, printable values without CR/LF.
      extraHeaders: Object.entries(options.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
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
        if (!track || !transceiver || session.isEnded()) return;
        // A mute or hold given before the microphone arrived applies to its track too.
        if (session.isMuted().audio || session.isOnHold().local) track.enabled = false;
        transceiver.sender.replaceTrack(track).catch(() => {});
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
