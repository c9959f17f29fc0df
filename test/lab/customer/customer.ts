/**
 * The lab's customer softphone: JsSIP in a plain web page, registered as `customer`
 * (or ?user=floor), driven by tests through `window.customer` (see api.ts).
 * Query string: ws=<ws url> (required), user=customer|floor|..., password=<default user-secret>,
 * autoAnswer=1, domain=127.0.0.1, debug=1 (JsSIP debug logs in the console).
 * Bundled with esbuild by test/lab/customer/build.ts when the lab starts.
 */
import * as JsSIP from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { CustomerApi, CustomerEvent, CustomerState, CustomerStats, CustomerStatus } from './api.ts';

const params = new URLSearchParams(location.search);
const user = params.get('user') ?? 'customer';
const domain = params.get('domain') ?? '127.0.0.1';
const password = params.get('password') ?? `${user}-secret`;
const wsUrl = params.get('ws');
if (params.get('debug') === '1') JsSIP.debug.enable('JsSIP:*');
else JsSIP.debug.disable();

const now = () => performance.timeOrigin + performance.now();
const log: CustomerEvent[] = [];
function record(type: string, extra: Omit<CustomerEvent, 'type' | 'at'> = {}): void {
  log.push({ type, at: now(), ...extra });
  const line = document.getElementById('log');
  if (line) line.textContent = `${log.length} events, last: ${type}`;
}

let status: CustomerStatus = 'connecting';
let registered = false;
let autoAnswer = params.get('autoAnswer') === '1';
let autoAnswerDelayMs = 0;
let session: RTCSession | undefined;
let direction: 'incoming' | 'outgoing' | undefined;
let peer: string | undefined;
let callId: string | undefined;
let lastEndCause: string | undefined;
let lastEndedBy: string | undefined;
let dtmf = '';
/** The headers of the last INVITE received, name and raw value, as JsSIP parsed them. */
let lastInviteHeaders: Array<{ name: string; value: string }> = [];
/** The call that asked us (by REFER) to place the current outgoing call. */
let referFrom: RTCSession | undefined;
/** Direction of the audio section of the last SDP the other side sent (offer or answer). */
let remoteDirection: string | undefined;
/** An incoming REFER is accepted (we call its target, with its Replaces) unless turned off. */
let acceptRefer = true;
/** Test hook: an incoming REFER gets JsSIP's 202 and NOTIFY 100 Trying, then nothing (no call, no final NOTIFY). */
let referSilent = false;
/** Test hook: an INVITE with Replaces is taken, but the call it replaces is left for the other side to end. */
let keepReplaced = false;
/** Set while a 'replaces' was accepted: the INVITE with Replaces that follows is taken, not 486. */
let replacing = false;

function audioDirectionOf(sdp: string): string {
  const audio = sdp.split(/\r?\n(?=m=)/).find((part) => part.startsWith('m=audio')) ?? '';
  return /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/m.exec(audio)?.[1] ?? 'sendrecv';
}

function setStatus(next: CustomerStatus): void {
  status = next;
  const el = document.getElementById('status');
  if (el) el.textContent = `${user}: ${next}${registered ? ' (registered)' : ''}`;
}

// --- Remote audio: <audio> element (Chrome only decodes remote WebRTC audio into WebAudio when
// the stream also plays somewhere) plus an AnalyserNode sampled every 50 ms.
const audioElement = document.createElement('audio');
audioElement.autoplay = true;
document.body.appendChild(audioElement);
let audioContext: AudioContext | undefined;
let analyser: AnalyserNode | undefined;
let levelSamples: Array<{ at: number; level: number }> = [];

function attachRemoteStream(stream: MediaStream): void {
  audioElement.srcObject = stream;
  audioElement.play().catch(() => {});
  try {
    audioContext ??= new AudioContext();
    void audioContext.resume();
    const source = audioContext.createMediaStreamSource(stream);
    analyser = audioContext.createAnalyser();
    analyser.fftSize = 2048;
    source.connect(analyser);
  } catch (error) {
    record('audioError', { detail: String(error) });
  }
}

const samples = new Float32Array(2048);
setInterval(() => {
  if (!analyser || status !== 'active') return;
  analyser.getFloatTimeDomainData(samples);
  let sum = 0;
  for (const s of samples) sum += s * s;
  const rms = Math.sqrt(sum / samples.length);
  const at = now();
  levelSamples.push({ at, level: rms });
  levelSamples = levelSamples.filter((s) => s.at > at - 10_000);
}, 50);

function watchConnection(pc: RTCPeerConnection): void {
  pc.addEventListener('track', (event) => {
    record('track', { detail: event.track.kind });
    const stream = event.streams[0] ?? new MediaStream([event.track]);
    attachRemoteStream(stream);
  });
  pc.addEventListener('iceconnectionstatechange', () => record('ice', { detail: pc.iceConnectionState }));
}

function mediaOptions() {
  return {
    mediaConstraints: { audio: true, video: false },
    pcConfig: { iceServers: [] as RTCIceServer[] },
    rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: false },
  };
}

function userOf(uri: unknown): string | undefined {
  const u = uri as { user?: string } | undefined;
  return u?.user ?? undefined;
}

function bindSession(s: RTCSession, dir: 'incoming' | 'outgoing'): void {
  session = s;
  direction = dir;
  dtmf = '';
  remoteDirection = undefined;
  levelSamples = [];
  analyser = undefined;
  peer = dir === 'incoming' ? userOf(s.remote_identity?.uri) : peer;
  // Fast ICE: hand the SDP to JsSIP on the first candidate instead of waiting for gathering.
  s.on('icecandidate', (e) => e.ready());
  if (s.connection) watchConnection(s.connection);
  s.on('peerconnection', (e) => watchConnection(e.peerconnection));
  s.on('connecting', () => record('connecting'));
  s.on('sending', () => record('sending'));
  s.on('progress', (e: unknown) => {
    const code = (e as { response?: { status_code?: number } }).response?.status_code;
    record('progress', code !== undefined ? { code } : {});
  });
  s.on('accepted', () => {
    record('accepted');
    setStatus('active');
  });
  s.on('confirmed', () => {
    record('confirmed');
    setStatus('active');
  });
  // Hold by either side (originator local: we held; remote: the other side's re-INVITE held us).
  s.on('hold', (e: { originator: string }) => record('hold', { by: e.originator }));
  s.on('unhold', (e: { originator: string }) => record('unhold', { by: e.originator }));
  s.on('sdp', (e: { originator: string; type: string; sdp: string }) => {
    if (e.originator !== 'remote') return;
    remoteDirection = audioDirectionOf(e.sdp);
    record('remoteSdp', { detail: `${e.type}:${remoteDirection}` });
  });
  s.on('newDTMF', (e: { originator: string; dtmf: { tone: string } }) => {
    if (e.originator === 'remote') {
      dtmf += e.dtmf.tone;
      record('dtmf', { detail: e.dtmf.tone });
    }
  });
  // Transfer target side: a REFER asks us to call someone (with Replaces for an attended transfer).
  s.on('refer', (event) => {
    type Refer = { request: { refer_to: { uri: { toString(): string; user?: string } } }; accept: (cb?: unknown, options?: unknown) => void; reject: () => void };
    const e = event as unknown as Refer;
    const target = e.request.refer_to.uri.toString();
    record('refer', { detail: target });
    if (referSilent) return;
    if (!acceptRefer) {
      e.reject();
      return;
    }
    const original = s;
    referFrom = original;
    peer = e.request.refer_to.uri.user ?? target;
    setStatus('calling');
    e.accept(undefined, { ...mediaOptions(), eventHandlers: { icecandidate: (c: { ready: () => void }) => c.ready() } });
  });
  // An INVITE with Replaces for this dialog: take the new call; JsSIP ends this one once it is confirmed.
  s.on('replaces', (event) => {
    record('replaces');
    replacing = true;
    // JsSIP ends the replaced call by `terminate()` once the new one is confirmed: skip that once.
    if (keepReplaced) s.terminate = (() => record('replacedKept')) as RTCSession['terminate'];
    (event as unknown as { accept: () => void }).accept();
  });
  const finish = (kind: 'hangup' | 'failed', e: { originator: string; cause: string; message?: unknown }) => {
    // A call placed for a REFER that failed: the call that asked for it goes on.
    if (session === s && referFrom && referFrom !== s && !referFrom.isEnded() && kind === 'failed') {
      record('referCallFailed', { by: e.originator, cause: e.cause });
      const back = referFrom;
      referFrom = undefined;
      session = back;
      direction = undefined;
      const track = back.connection?.getReceivers().find((r) => r.track?.kind === 'audio')?.track;
      if (track) attachRemoteStream(new MediaStream([track]));
      setStatus('active');
      return;
    }
    if (session !== s) {
      if (kind === 'hangup') record('otherCallEnded', { by: e.originator, cause: e.cause });
      return;
    }
    const code = (e.message as { status_code?: number } | undefined)?.status_code;
    lastEndCause = e.cause;
    lastEndedBy = e.originator;
    record(kind, { by: e.originator, cause: e.cause, ...(code !== undefined ? { code } : {}) });
    setStatus('ended');
  };
  s.on('ended', (e) => finish('hangup', e));
  s.on('failed', (e) => finish('failed', e));
}

// --- User agent
if (!wsUrl) throw new Error('customer.html needs ?ws=ws://127.0.0.1:<port>');
const socket = new JsSIP.WebSocketInterface(wsUrl);
const ua = new JsSIP.UA({
  sockets: [socket],
  uri: `sip:${user}@${domain}`,
  password,
  display_name: user,
  register: true,
  register_expires: Number(params.get('expires') ?? 600),
  session_timers: false,
  user_agent: `DialbarLab-${user}`,
  connection_recovery_min_interval: 1,
  connection_recovery_max_interval: 4,
});

let resolveReady!: (value: true) => void;
let rejectReady!: (error: Error) => void;
const ready = new Promise<true>((resolve, reject) => {
  resolveReady = resolve;
  rejectReady = reject;
});
ready.catch(() => {});

ua.on('connected', () => record('connected'));
ua.on('disconnected', () => record('disconnected'));
ua.on('registered', () => {
  registered = true;
  record('registered');
  if (status === 'connecting') setStatus('idle');
  else setStatus(status);
  resolveReady(true);
});
ua.on('unregistered', () => {
  registered = false;
  record('unregistered');
});
ua.on('registrationFailed', (e) => {
  registered = false;
  record('registrationFailed', { cause: e.cause });
  rejectReady(new Error(`registration failed: ${e.cause}`));
});
ua.on('newRTCSession', (e: { originator: string; session: unknown; request: unknown }) => {
  const s = e.session as RTCSession;
  if (e.originator === 'remote') {
    const request = e.request as { call_id?: string };
    // Busy: a second incoming call while one is in progress is rejected, unless it replaces that call.
    const replaces = replacing;
    replacing = false;
    if (!replaces && session && (status === 'ringing' || status === 'active' || status === 'calling')) {
      record('invite', { detail: 'busy' });
      s.terminate({ status_code: 486 });
      return;
    }
    lastInviteHeaders = headersOf(e.request);
    record('invite', { detail: userOf(s.remote_identity?.uri) ?? '' });
    callId = request.call_id;
    bindSession(s, 'incoming');
    setStatus('ringing');
    if (replaces) {
      answer();
      return;
    }
    if (autoAnswer) {
      const go = () => {
        if (session === s && status === 'ringing') answer();
      };
      if (autoAnswerDelayMs > 0) setTimeout(go, autoAnswerDelayMs);
      else go();
    }
  } else {
    const request = e.request as { call_id?: string };
    callId = request.call_id;
    bindSession(s, 'outgoing');
  }
});
ua.start();

function headersOf(request: unknown): Array<{ name: string; value: string }> {
  const table = (request as { headers?: Record<string, Array<{ raw?: string }>> }).headers ?? {};
  return Object.entries(table).flatMap(([name, values]) => values.map((v) => ({ name, value: String(v.raw ?? '') })));
}

function answer(): void {
  if (!session || status !== 'ringing') throw new Error(`answer(): no ringing call (status ${status})`);
  record('answered');
  session.answer(mediaOptions());
}

async function stats(): Promise<CustomerStats> {
  const out: CustomerStats = { bytesReceived: 0, packetsReceived: 0, bytesSent: 0, packetsSent: 0 };
  const pc = session?.connection;
  if (!pc) return out;
  const report = await pc.getStats();
  const byId = new Map<string, Record<string, unknown>>();
  report.forEach((value: Record<string, unknown>) => {
    byId.set(value.id as string, value);
  });
  for (const value of byId.values()) {
    if (value.type === 'inbound-rtp' && value.kind === 'audio') {
      out.bytesReceived += Number(value.bytesReceived ?? 0);
      out.packetsReceived += Number(value.packetsReceived ?? 0);
      if (typeof value.audioLevel === 'number') out.inboundAudioLevel = value.audioLevel;
      if (typeof value.totalAudioEnergy === 'number') out.totalAudioEnergy = value.totalAudioEnergy;
      const codec = byId.get(value.codecId as string);
      if (codec) out.codec = String(codec.mimeType);
    }
    if (value.type === 'outbound-rtp' && value.kind === 'audio') {
      out.bytesSent += Number(value.bytesSent ?? 0);
      out.packetsSent += Number(value.packetsSent ?? 0);
    }
    if (value.type === 'transport' && typeof value.selectedCandidatePairId === 'string') {
      const pair = byId.get(value.selectedCandidatePairId);
      const local = pair && byId.get(pair.localCandidateId as string);
      const remote = pair && byId.get(pair.remoteCandidateId as string);
      if (local) out.localAddress = `${local.address}:${local.port}`;
      if (remote) out.remoteAddress = `${remote.address}:${remote.port}`;
    }
  }
  return out;
}

const api: CustomerApi = {
  ready,
  setAutoAnswer(on, delayMs = 0) {
    autoAnswer = on;
    autoAnswerDelayMs = delayMs;
  },
  answer,
  reject(code = 486) {
    if (!session || status !== 'ringing') throw new Error(`reject(): no ringing call (status ${status})`);
    record('rejected', { code });
    session.terminate({ status_code: code });
  },
  hangup() {
    if (!session || session.isEnded()) throw new Error('hangup(): no call');
    session.terminate();
  },
  inviteHeaders: () => lastInviteHeaders.map((h) => ({ ...h })),
  call(target, extraHeaders = []) {
    const uri = target.startsWith('sip:') ? target : `sip:${target}@${domain}`;
    peer = target.startsWith('sip:') ? target : target;
    setStatus('calling');
    record('outgoing', { detail: uri });
    ua.call(uri, {
      ...mediaOptions(),
      extraHeaders,
      eventHandlers: { icecandidate: (e: { ready: () => void }) => e.ready() },
    });
  },
  setAcceptRefer(on) {
    acceptRefer = on;
  },
  setReferSilent(on) {
    referSilent = on;
  },
  setKeepReplaced(on) {
    keepReplaced = on;
  },
  refer(target) {
    if (!session) throw new Error('refer(): no call');
    const uri = target.startsWith('sip:') ? target : `sip:${target}@${domain}`;
    record('referSent', { detail: uri });
    const sub = session.refer(uri) as unknown as { on(event: string, cb: (e: { status_line?: { status_code: number } }) => void): void } | undefined;
    for (const name of ['trying', 'progress', 'accepted', 'failed'])
      sub?.on(name, (e) => record('referNotify', { detail: name, ...(e.status_line ? { code: Number(e.status_line.status_code) } : {}) }));
  },
  sendDtmf(tones, transport = 'INFO') {
    if (!session) throw new Error('sendDtmf(): no call');
    session.sendDTMF(tones, {
      transportType: transport as unknown as NonNullable<Parameters<RTCSession['sendDTMF']>[1]>['transportType'],
      duration: 100,
      interToneGap: 70,
    });
    record('dtmfSent', { detail: tones });
  },
  hold(on) {
    const s = session;
    if (!s) throw new Error('hold(): no call');
    // Settles when the re-INVITE is answered: JsSIP refuses a second one (returns false) while the
    // first is out, so a test that held and at once took the hold off lost the second.
    return new Promise<void>((resolve, reject) => {
      const sent = on ? s.hold({}, resolve) : s.unhold({}, resolve);
      if (!sent) reject(new Error(`hold(${on}): JsSIP refused the re-INVITE (one is out, or the call is not confirmed)`));
    });
  },
  mute(on) {
    const pc = session?.connection;
    if (!pc) throw new Error('mute(): no call');
    for (const sender of pc.getSenders()) if (sender.track) sender.track.enabled = !on;
    record(on ? 'muted' : 'unmuted');
  },
  state(): CustomerState {
    const out: CustomerState = { user, registered, status, autoAnswer };
    if (direction) out.direction = direction;
    if (peer) out.peer = peer;
    if (callId) out.callId = callId;
    if (lastEndCause) out.lastEndCause = lastEndCause;
    if (lastEndedBy) out.lastEndedBy = lastEndedBy;
    if (remoteDirection) out.remoteDirection = remoteDirection;
    return out;
  },
  events: () => log.map((e) => ({ ...e })),
  dtmfReceived: () => dtmf,
  stats,
  audioLevel(windowMs = 1500) {
    const since = now() - windowMs;
    let max = 0;
    for (const s of levelSamples) if (s.at >= since && s.level > max) max = s.level;
    return max;
  },
  register: () => ua.register(),
  unregister: () => ua.unregister(),
  stop: () => ua.stop(),
  clearEvents: () => {
    log.length = 0;
  },
};
window.customer = api;
record('loaded');
