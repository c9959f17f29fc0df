/**
 * The `window.customer` API of the lab's customer softphone page (test/lab/pages/customer.html),
 * used by tests through `page.evaluate(() => window.customer.…)`. Times (`at`) are high-resolution
 * epoch milliseconds: `performance.timeOrigin + performance.now()`, comparable across pages
 * and with Date.now() in node (same machine clock).
 */
export type CustomerStatus = 'connecting' | 'idle' | 'calling' | 'ringing' | 'active' | 'ended';

export interface CustomerEvent {
  /**
   * registered | unregistered | registrationFailed | connected | disconnected |
   * invite (incoming INVITE, when JsSIP emits newRTCSession) | outgoing (call() invoked) |
   * connecting (local media ready, offer being created) | sending (INVITE about to be sent) |
   * progress | accepted | confirmed | answered (we answered) | rejected (we rejected) |
   * failed (call ended before being established) | hangup (established call ended) |
   * track (remote audio track arrived) | dtmf (received) | dtmfSent | ice |
   * hold / unhold (JsSIP's events; `by` = local: we held, remote: the other side held us) |
   * remoteSdp (an SDP from the other side; detail = "offer:sendonly", "answer:sendrecv", …) |
   * refer (an incoming REFER; detail = its Refer-To URI, with ?Replaces= for an attended transfer) |
   * replaces (an INVITE with Replaces for our call arrived; we take it) | replacedKept (the
   * replaced call was not ended, by setKeepReplaced) | referCallFailed (the call
   * placed for a REFER failed; the call that asked for it is current again) | otherCallEnded (a call
   * that is no longer current ended, e.g. the one we were transferred away from) |
   * referSent / referNotify (our own REFER and its NOTIFYs; detail trying|progress|accepted|failed)
   */
  type: string;
  at: number;
  /** For hangup/failed: 'local' | 'remote' | 'system' (who ended it). */
  by?: string;
  cause?: string;
  code?: number;
  detail?: string;
}

export interface CustomerState {
  user: string;
  registered: boolean;
  status: CustomerStatus;
  direction?: 'incoming' | 'outgoing';
  /** The other party's user part (caller for incoming, target for outgoing). */
  peer?: string;
  callId?: string;
  lastEndCause?: string;
  lastEndedBy?: string;
  autoAnswer: boolean;
  /** Audio direction of the other side's last SDP (its re-INVITE's offer: sendonly when it holds us). */
  remoteDirection?: string;
}

export interface CustomerStats {
  bytesReceived: number;
  packetsReceived: number;
  bytesSent: number;
  packetsSent: number;
  /** inbound-rtp audioLevel (0..1) of the last getStats, if reported. */
  inboundAudioLevel?: number;
  totalAudioEnergy?: number;
  /** Addresses of the selected ICE candidate pair, e.g. 127.0.0.1:40000. */
  localAddress?: string;
  remoteAddress?: string;
  codec?: string;
}

export interface CustomerApi {
  /** Resolves when registered (rejects with the cause if registration fails). */
  ready: Promise<true>;
  setAutoAnswer(on: boolean, delayMs?: number): void;
  answer(): void;
  /** Rejects the ringing incoming call with `code` (486 Busy Here, 603 Decline, ...). */
  reject(code?: number): void;
  /** Ends the current call (BYE, or CANCEL while an outgoing call is ringing). */
  hangup(): void;
  /** Calls `target` (a user, e.g. 'agent', or a full sip: URI), with extra INVITE headers ('Name: value'). */
  call(target: string, extraHeaders?: string[]): void;
  /** Every header of the last INVITE received (an incoming call), as name and raw value, in order. */
  inviteHeaders(): Array<{ name: string; value: string }>;
  /** Whether an incoming REFER is accepted (default: yes; we call its target) or rejected (NOTIFY 603). */
  setAcceptRefer(on: boolean): void;
  /** Test hook: an incoming REFER gets 202 and NOTIFY 100 Trying, then nothing (no call, no final NOTIFY). */
  setReferSilent(on: boolean): void;
  /** Test hook: an INVITE with Replaces is taken, but the call it replaces is not ended from here (the other side must). */
  setKeepReplaced(on: boolean): void;
  /** Sends a REFER on the current call asking the other side to call `target` (a user or sip: URI). */
  refer(target: string): void;
  sendDtmf(tones: string, transport?: 'INFO' | 'RFC2833'): void;
  /** Puts the other side on hold (re-INVITE sendonly) or takes it off hold; settles when the re-INVITE is answered. */
  hold(on: boolean): Promise<void>;
  /** Mutes (true) or unmutes the microphone track sent in the current call. */
  mute(on: boolean): void;
  state(): CustomerState;
  events(): CustomerEvent[];
  /** DTMF tones received in the current/last call, in order. */
  dtmfReceived(): string;
  stats(): Promise<CustomerStats>;
  /** Max level (0..1, RMS from a WebAudio analyser on the remote stream) over the last `windowMs`. */
  audioLevel(windowMs?: number): number;
  /** Re-registers (e.g. after Kamailio restarted). */
  register(): void;
  unregister(): void;
  /** Stops the UA (un-REGISTER, close the WebSocket). */
  stop(): void;
  clearEvents(): void;
}

declare global {
  interface Window {
    customer: CustomerApi;
  }
}
