import type { SipDialog } from '../contract/protocol';
import type { CallStats } from '../contract/snapshot';
import type { ErrorCode } from '../errors';
import type { IceServer } from '../settings/account';

/**
 * What the engine needs from a SIP stack. `jssip-stack.ts` implements it with JsSIP (the only
 * file that imports jssip); unit tests use a fake. Events are plain typed unions.
 */
export interface UserAgentConfig {
  wsUrl: string;
  uri: string;
  authUser: string;
  password: string;
  displayName: string;
  iceServers: readonly IceServer[];
  /** Stable per browser profile (RFC 5626 +sip.instance): a restarted engine replaces its own binding. */
  instanceId: string;
}

export interface RemoteParty {
  uri: string;
  displayName: string;
  /** The user part of the URI, which is the number for people. */
  user: string;
}

/** A failure as the engine sees it: an error code from the one cause table, plus who caused it. */
export interface SipFailure {
  code: ErrorCode;
  sipStatus?: number;
  originator: 'local' | 'remote' | 'system';
}

export type UserAgentEvent =
  | { type: 'connecting' }
  | { type: 'connected' }
  | { type: 'disconnected' }
  | { type: 'registered' }
  | { type: 'unregistered' }
  | { type: 'registrationFailed'; failure: SipFailure }
  | { type: 'incomingCall'; call: SipCall };

export type SipCallEvent =
  | { type: 'progress' }
  | { type: 'accepted' }
  | { type: 'confirmed' }
  | { type: 'remoteStream'; stream: MediaStream }
  /** The call ended after it was established (BYE from either side). */
  | { type: 'ended'; originator: SipFailure['originator']; failure: SipFailure | null }
  /** The call never got established: rejected, cancelled, unreachable. */
  | { type: 'failed'; failure: SipFailure }
  /** Our hold re-INVITE was answered (recvonly or inactive: both mean held). */
  | { type: 'held' }
  /** Our resume re-INVITE was answered; `remoteHolding`: the answer said the far end sends nothing. */
  | { type: 'resumed'; remoteHolding: boolean }
  /** The far end's re-INVITE put us on hold (sendonly / inactive) or took us off it. */
  | { type: 'remoteHold'; on: boolean }
  /** Our REFER's progress: its own answer (202), then each NOTIFY's 1xx status line. */
  | { type: 'referProgress'; status: number; reason: string }
  /** A NOTIFY said 2xx: the far end is connected to the transfer target. */
  | { type: 'referAccepted'; status: number; reason: string }
  /** The REFER was refused (`refused`), or a NOTIFY said a final failure. */
  | { type: 'referFailed'; refused: boolean; status: number | null; reason: string };

/** How DTMF digits travel: RTP telephone-events (RFC 4733) or SIP INFO (application/dtmf-relay). */
export type DtmfTransport = 'rfc4733' | 'info';
/** Each digit's tone and the gap after it, so the engine knows when a run of digits is over. */
export const DTMF_TONE_MS = 100;
export const DTMF_GAP_MS = 70;

/** One header line of a SIP message, name as received. */
export interface SipHeader {
  name: string;
  value: string;
}

export interface SipCall {
  readonly remote: RemoteParty;
  /** Every header of the INVITE that started an incoming call, in order; none for an outgoing call. */
  readonly inviteHeaders: readonly SipHeader[];
  /** Receives this call's events; set once by the engine right after the call is handed over. */
  listen(listener: (event: SipCallEvent) => void): void;
  answer(mediaStream: MediaStream): void;
  /** Hang up, cancel, or (incoming, not yet answered) reject with `status` (486, 603). */
  terminate(status?: number): void;
  /** Sends a re-INVITE offering sendonly (inactive if held by the far end); 'held' follows. */
  hold(): void;
  /** Sends a re-INVITE offering sendrecv; 'resumed' follows. */
  resume(): void;
  /** Enables or disables the microphone track; no renegotiation. */
  setMuted(muted: boolean): void;
  /**
   * Sends this track instead of the one sent now (RTCRtpSender.replaceTrack, no renegotiation):
   * a conference mix, or the microphone again. Rejects when the call has no audio sender.
   */
  replaceOutgoingTrack(track: MediaStreamTrack): Promise<void>;
  /** Digits without pauses (the engine times the commas). Throws when the call cannot send now. */
  sendDtmf(digits: string, transport: DtmfTransport): void;
  /**
   * Sends a REFER asking the far end to call `target` (a SIP URI); with `replaces`, the Refer-To
   * carries Replaces of that call's dialog (attended transfer). Progress arrives as refer*
   * events. Throws when the call cannot send it now.
   */
  refer(target: string, replaces?: SipCall): void;
  /** RTP counters of the call's audio, zero before media starts. */
  stats(): Promise<CallStats>;
  /** What a BYE from another user agent needs, once the call is confirmed; null before. */
  dialog(): SipDialog | null;
}

export type { SipDialog };

/** The RTP counters of one call: the contract's shape, so stats cross contexts unchanged. */
export type { CallStats };

export interface SipUserAgent {
  start(): void;
  stop(): void;
  register(): void;
  /**
   * Starts an outgoing call at once. The microphone may still be opening: the stack starts
   * signalling and puts the track in when it arrives, so the INVITE does not wait for it.
   * If `microphone` rejects, the engine ends the call.
   */
  /**
   * Ends a dialog another user agent left behind (a lost offscreen document) with a BYE from
   * this one. Resolves with the final status (0: no answer / transport error).
   */
  sendBye(dialog: SipDialog): Promise<number>;
  /** The network is back: connect now instead of waiting out the reconnection backoff, and register. */
  reconnectNow(): void;
  call(target: string, microphone: Promise<MediaStream>, options?: CallOptions): SipCall;
}

export interface CallOptions {
  /** Extra headers of the INVITE (call data), already checked: `X-` names, values without CR/LF. */
  headers?: Readonly<Record<string, string>>;
}

export interface SipStack {
  /** Throws DialbarError('bad-url' | 'bad-uri') when the configuration cannot work at all. */
  createUserAgent(config: UserAgentConfig, onEvent: (event: UserAgentEvent) => void): SipUserAgent;
}

/** The microphone, opened per call and closed when the call ends. */
export interface Microphone {
  /** The permission as the browser reports it now, without prompting. */
  permission(): Promise<'granted' | 'denied' | 'prompt' | 'unknown'>;
  /** Throws DialbarError('mic-denied' | 'mic-missing'). */
  open(): Promise<MediaStream>;
  close(stream: MediaStream): void;
  /**
   * Tells `listener` of an open stream whose device went away mid-call (unplugged: its track
   * ended by itself, or a devicechange left it out); never for a stream closed by `close`.
   */
  onLost?(listener: (stream: MediaStream) => void): void;
  /** Opens the system default microphone in place of a lost one; reported as a fallback. Throws as `open`. */
  openDefault?(): Promise<MediaStream>;
}

/** Where remote audio is played (the offscreen document's audio elements). */
export interface AudioSink {
  play(callId: string, stream: MediaStream): void;
  stop(callId: string): void;
  /**
   * Silences or restores one call's element while its stream keeps playing into it: in a
   * conference the mixer plays the parties to the agent (Chromium feeds a remote WebRTC stream
   * to Web Audio only while a media element plays it).
   */
  setAudible(callId: string, audible: boolean): void;
}
