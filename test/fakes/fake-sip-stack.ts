import type {
  DtmfTransport,
  Microphone,
  AudioSink,
  RemoteParty,
  CallOptions,
  SipCall,
  SipCallEvent,
  SipHeader,
  SipDialog,
  SipStack,
  SipUserAgent,
  UserAgentConfig,
  UserAgentEvent,
} from '../../src/engine/sip-stack';
import { dialbarError } from '../../src/errors';

/** A scriptable SIP stack for unit tests: tests drive events by hand and read what was sent. */
export class FakeCall implements SipCall {
  listener: ((event: SipCallEvent) => void) | null = null;
  answeredWith: MediaStream | null = null;
  terminatedWith: Array<number | undefined> = [];
  /** Every hold, resume, mute and DTMF run the engine asked for, in order. */
  actions: string[] = [];
  dtmf: Array<{ digits: string; transport: DtmfTransport }> = [];
  /** Set to make the next hold / resume refuse, as JsSIP does mid-renegotiation. */
  refuseReinvite = false;
  constructor(
    readonly target: string,
    readonly remote: RemoteParty,
    /** An incoming call's INVITE headers; for an outgoing call, the extra headers it was placed with. */
    readonly inviteHeaders: readonly SipHeader[] = [],
    readonly sentHeaders: Readonly<Record<string, string>> = {},
  ) {}
  listen(listener: (event: SipCallEvent) => void): void {
    this.listener = listener;
  }
  answer(mediaStream: MediaStream): void {
    this.answeredWith = mediaStream;
  }
  terminate(status?: number): void {
    this.terminatedWith.push(status);
  }
  hold(): void {
    if (this.refuseReinvite) throw dialbarError('invalid-state');
    this.actions.push('hold');
  }
  resume(): void {
    if (this.refuseReinvite) throw dialbarError('invalid-state');
    this.actions.push('resume');
  }
  setMuted(muted: boolean): void {
    this.actions.push(muted ? 'mute' : 'unmute');
  }
  /** The track this call sends now, once the engine replaced the microphone's. */
  outgoing: MediaStreamTrack | null = null;
  async replaceOutgoingTrack(track: MediaStreamTrack): Promise<void> {
    this.actions.push('replaceTrack');
    this.outgoing = track;
  }
  /** Every REFER the engine sent: its target and the call whose dialog it replaces. */
  refers: Array<{ target: string; replaces: SipCall | undefined }> = [];
  /** Set to make the next REFER throw, as JsSIP does when the dialog is not confirmed. */
  refuseRefer = false;
  refer(target: string, replaces?: SipCall): void {
    if (this.refuseRefer) throw dialbarError('invalid-state');
    this.refers.push({ target, replaces });
    this.actions.push('refer');
  }
  sendDtmf(digits: string, transport: DtmfTransport): void {
    this.dtmf.push({ digits, transport });
  }
  emit(event: SipCallEvent): void {
    this.listener?.(event);
  }
  async stats() {
    return { bytesReceived: 160, packetsReceived: 1, packetsLost: 0, bytesSent: 320, packetsSent: 2, jitter: 0, audioLevel: 0.5 };
  }
  /** The dialog the stack reports once a test sets it (as JsSIP has one after the 200 OK). */
  sipDialog: SipDialog | null = null;
  dialog(): SipDialog | null {
    return this.sipDialog;
  }
}

/** A dialog as JsSIP reads it after a 200 OK; `n` makes it distinct. */
export function fakeDialog(n = 1, cseq: number | null = 101): SipDialog {
  return {
    callId: `call-${n}@lab`,
    localTag: `ours-${n}`,
    remoteTag: `theirs-${n}`,
    remoteTarget: `sip:customer@10.0.0.${n};transport=ws`,
    routeSet: ['<sip:127.0.0.1;transport=ws;lr>'],
    cseq,
    localUri: 'sip:agent@127.0.0.1',
    remoteUri: 'sip:customer@127.0.0.1',
  };
}

export class FakeUserAgent implements SipUserAgent {
  started = 0;
  stopped = 0;
  registers = 0;
  calls: FakeCall[] = [];
  constructor(
    readonly config: UserAgentConfig,
    readonly emit: (event: UserAgentEvent) => void,
  ) {}
  start(): void {
    this.started += 1;
  }
  stop(): void {
    this.stopped += 1;
  }
  register(): void {
    this.registers += 1;
  }
  /** Every BYE for a lost engine's dialog, and the status the far end answers it with. */
  byes: SipDialog[] = [];
  byeStatus = 200;
  async sendBye(dialog: SipDialog): Promise<number> {
    this.byes.push(dialog);
    return this.byeStatus;
  }
  reconnects = 0;
  reconnectNow(): void {
    this.reconnects += 1;
  }
  micRequests: Array<Promise<MediaStream>> = [];
  call(target: string, microphone: Promise<MediaStream>, options: CallOptions = {}): SipCall {
    this.micRequests.push(microphone);
    const call = new FakeCall(target, { uri: target, displayName: '', user: target.replace(/^sip:|@.*$/g, '') }, [], { ...options.headers });
    this.calls.push(call);
    return call;
  }
  /** Connected and registered, as a healthy server would do after start(). */
  comeOnline(): void {
    this.emit({ type: 'connected' });
    this.emit({ type: 'registered' });
  }
  ring(user = '2001', displayName = 'Customer', headers: readonly SipHeader[] = []): FakeCall {
    const call = new FakeCall('', { uri: `sip:${user}@lab`, displayName, user }, headers);
    this.emit({ type: 'incomingCall', call });
    return call;
  }
}

export class FakeSipStack implements SipStack {
  agents: FakeUserAgent[] = [];
  createUserAgent(config: UserAgentConfig, onEvent: (event: UserAgentEvent) => void): SipUserAgent {
    if (!/^wss?:\/\//.test(config.wsUrl)) throw dialbarError('bad-url');
    const ua = new FakeUserAgent(config, onEvent);
    this.agents.push(ua);
    return ua;
  }
  get last(): FakeUserAgent {
    const ua = this.agents.at(-1);
    if (!ua) throw new Error('no user agent was created');
    return ua;
  }
}

/** A stand-in MediaStream whose tracks know whether they were stopped or disabled. */
export function fakeStream(label = 'stream'): MediaStream {
  const track = { label, enabled: true, readyState: 'live' as MediaStreamTrackState, stop() { this.readyState = 'ended'; } };
  return { getTracks: () => [track], getAudioTracks: () => [track] } as unknown as MediaStream;
}

export class FakeMicrophone implements Microphone {
  opened: MediaStream[] = [];
  closed: MediaStream[] = [];
  failWith: 'mic-denied' | 'mic-missing' | null = null;
  state: 'granted' | 'denied' | 'prompt' | 'unknown' = 'granted';
  async permission() {
    return this.state;
  }
  async open(): Promise<MediaStream> {
    if (this.failWith) throw dialbarError(this.failWith);
    const stream = fakeStream('mic');
    this.opened.push(stream);
    return stream;
  }
  close(stream: MediaStream): void {
    for (const t of stream.getTracks()) t.stop();
    this.closed.push(stream);
  }
  /** The streams opened as the system default in place of a lost microphone. */
  defaults: MediaStream[] = [];
  #lost: ((stream: MediaStream) => void) | null = null;
  onLost(listener: (stream: MediaStream) => void): void {
    this.#lost = listener;
  }
  async openDefault(): Promise<MediaStream> {
    if (this.failWith) throw dialbarError(this.failWith);
    const stream = fakeStream('default mic');
    this.opened.push(stream);
    this.defaults.push(stream);
    return stream;
  }
  /** The device of `stream` is unplugged: its tracks end by themselves and the engine is told. */
  unplug(stream: MediaStream): void {
    for (const t of stream.getTracks()) (t as { readyState: MediaStreamTrackState }).readyState = 'ended';
    this.#lost?.(stream);
  }
}

export class FakeAudioSink implements AudioSink {
  playing = new Map<string, MediaStream>();
  /** Calls whose element is silenced (the conference mixer plays them instead). */
  silenced = new Set<string>();
  play(callId: string, stream: MediaStream): void {
    this.playing.set(callId, stream);
  }
  stop(callId: string): void {
    this.playing.delete(callId);
    this.silenced.delete(callId);
  }
  setAudible(callId: string, audible: boolean): void {
    if (audible) this.silenced.delete(callId);
    else this.silenced.add(callId);
  }
}
