import type { CallOrigin, CallSnapshot } from '../contract/snapshot';
import { dialbarError, InvalidStateError, toUserError, type UserError, userError } from '../errors';
import {
  type CallCommand,
  type CallEvent,
  type CallState,
  callMachine,
  commandTransition,
  INITIAL_REGIONS,
  type RemoteHoldEvent,
  remoteHoldMachine,
} from '../machines/call-machine';
import { canTransition, isFinal, transition } from '../machines/machine';
import { type CallRecord, COMMAND_EFFECTS, toSnapshot } from './call-commands';
import { DtmfSender } from './dtmf-sender';
import { type CallData, inboundCallData } from '../settings/call-data';
import { requestedAutoAnswer } from './auto-answer';
import { autoAnswerDelay, callsToHoldBeforeAnswer, declineStatus, type LineSettings, swapPair } from './line-policy';
import type { AudioSink, CallStats, DtmfTransport, Microphone, SipCall, SipCallEvent, SipFailure } from './sip-stack';

export interface CallBookDeps {
  microphone: Microphone;
  audio: AudioSink;
  now(): number;
  newId(): string;
  setTimer(callback: () => void, ms: number): () => void;
  /** The account's DTMF setting, read when digits are sent. */
  dtmfTransport(): DtmfTransport;
  /** The account's call waiting settings, read when a call is declined. */
  lineSettings(): LineSettings;
  changed(): void;
  /** Told once per call when it ends, however it ends (for the call history). */
  ended?(call: CallSnapshot): void;
}

/** The stack's call events that drive the main machine. */
const MAIN_EVENTS: Record<'progress' | 'accepted' | 'confirmed' | 'held' | 'resumed', CallEvent> = {
  progress: 'PROGRESS',
  accepted: 'ACCEPTED',
  confirmed: 'CONFIRMED',
  held: 'HELD',
  resumed: 'RESUMED',
};

/** The calls of the one user agent, each driven by the call machine. */
export class CallBook {
  readonly #records = new Map<string, CallRecord>();

  constructor(private readonly deps: CallBookDeps) {}

  live(): CallSnapshot[] {
    return this.snapshots().filter((c) => c.state !== 'ended');
  }

  snapshots(): CallSnapshot[] {
    const records = [...this.#records.values()];
    const pair = swapPair(records.map((r) => toSnapshot(r)).filter((c) => c.state !== 'ended'));
    const swappable = new Set(pair ? [pair.talking.id, pair.held.id] : []);
    return records
      .map((r) => toSnapshot(r, swappable.has(r.id)))
      .sort((a, b) => rank(a) - rank(b) || b.createdAt - a.createdAt);
  }

  microphoneOpen(): boolean {
    for (const r of this.#records.values()) {
      if (r.mic?.getAudioTracks().some((t) => t.readyState === 'live')) return true;
    }
    return false;
  }

  /**
   * Starts the call through `place` and tracks it. With the microphone permission granted, the
   * microphone opens while the offer is built (it is the slowest step of a dial); otherwise it
   * is opened first, so a refused microphone never rings anybody.
   */
  async startOutgoing(
    place: (mic: Promise<MediaStream>) => SipCall,
    shown: string,
    origin: CallOrigin | null = null,
    postDial = '',
    callData: CallData = {},
  ): Promise<CallSnapshot> {
    const { microphone } = this.deps;
    const permission = await microphone.permission();
    if (permission === 'denied') throw dialbarError('mic-denied');
    const opening = microphone.open();
    if (permission !== 'granted') await opening;
    let sip: SipCall;
    try {
      sip = place(opening);
    } catch (error) {
      opening.then((mic) => microphone.close(mic), () => {});
      throw error;
    }
    const record = this.#add('outgoing', 'dialing', sip, shown, origin);
    record.postDial = postDial;
    record.callData = { ...callData };
    this.deps.changed();
    let mic: MediaStream;
    try {
      mic = await opening;
    } catch (error) {
      sip.terminate();
      this.#finish(record, 'system', toUserError(error));
      throw error;
    }
    if (record.state === 'ended') microphone.close(mic);
    else record.mic = mic;
    this.deps.changed();
    return toSnapshot(record);
  }

  /** Rings an incoming call; its `X-` headers become its call data, and auto-answer starts when the line policy says so. */
  addIncoming(sip: SipCall): CallSnapshot {
    const others = this.live();
    const record = this.#add('incoming', 'incoming', sip, '');
    record.callData = inboundCallData(sip.inviteHeaders);
    const delay = autoAnswerDelay(others, this.deps.lineSettings(), requestedAutoAnswer(sip.inviteHeaders));
    if (delay !== null) {
      const cancel = this.deps.setTimer(() => this.#autoAnswer(record), delay * 1000);
      record.autoAnswer = { at: this.deps.now() + delay * 1000, cancel };
    }
    this.deps.changed();
    return toSnapshot(record);
  }

  /** The auto-answer time has come: answer, unless the call stopped ringing or another call is live now. */
  #autoAnswer(record: CallRecord): void {
    record.autoAnswer = null;
    const others = this.live().filter((c) => c.id !== record.id);
    const still = toSnapshot(record).allowed.includes('ANSWER');
    if (!still || autoAnswerDelay(others, this.deps.lineSettings(), 0) === null) {
      this.deps.changed();
      return;
    }
    // A failure (no microphone) ends the call with its reason, as a click on Answer would.
    this.command(record.id, 'ANSWER').catch(() => {});
  }

  #cancelAutoAnswer(record: CallRecord): void {
    record.autoAnswer?.cancel();
    record.autoAnswer = null;
  }

  /**
   * A person's command. The table of the region that owns it decides whether it is allowed now
   * (else an InvalidStateError); `COMMAND_EFFECTS` says what it does to the SIP call.
   */
  async command(callId: string, command: CallCommand, digits = ''): Promise<void> {
    const record = this.#records.get(callId);
    if (!record) throw dialbarError('invalid-state');
    if (command === 'SWAP') return this.#swap(record);
    // Checked before anything moves: a refused ANSWER holds nobody.
    commandTransition(record.state, record.regions, command);
    // The agent answered or declined first: auto-answer has nothing left to do.
    this.#cancelAutoAnswer(record);
    const others = this.live().filter((c) => c.id !== callId);
    if (command === 'ANSWER') {
      // Call waiting: the connected call goes on hold (its re-INVITE first), then this one is answered.
      for (const other of callsToHoldBeforeAnswer(others)) await this.command(other.id, 'HOLD');
    }
    const before = { state: record.state, regions: record.regions };
    const next = commandTransition(record.state, record.regions, command);
    const sip = record.sip;
    if (!sip) throw dialbarError('invalid-state');
    record.state = next.state;
    record.regions = next.regions;
    this.deps.changed();
    await COMMAND_EFFECTS[command]({
      sip,
      microphone: this.deps.microphone,
      dtmf: record.dtmf,
      digits,
      declineStatus: declineStatus(others.length, this.deps.lineSettings()),
      useMicrophone: (mic) => {
        if (isFinal(callMachine, record.state)) return false;
        record.mic = mic;
        return true;
      },
      fail: (error) => this.#finish(record, 'system', toUserError(error)),
      revert: () => {
        if (isFinal(callMachine, record.state)) return;
        record.state = before.state;
        record.regions = before.regions;
        this.deps.changed();
      },
    });
  }

  /** Holds the talking call and resumes the held one; the book's table: one held, one talking. */
  async #swap(record: CallRecord): Promise<void> {
    const pair = swapPair(this.live());
    if (!pair || (pair.talking.id !== record.id && pair.held.id !== record.id)) {
      throw new InvalidStateError(callMachine.id, record.state, 'SWAP');
    }
    await this.command(pair.talking.id, 'HOLD');
    await this.command(pair.held.id, 'RESUME');
  }

  stats(callId: string): Promise<CallStats> {
    const sip = this.#records.get(callId)?.sip;
    if (!sip) return Promise.reject(dialbarError('invalid-state'));
    return sip.stats();
  }

  /** Ends every live call (sign-out, account change). */
  terminateAll(): void {
    for (const r of this.#records.values()) {
      if (r.state === 'ended') continue;
      try {
        r.sip?.terminate();
      } catch {
        // The stack may already consider it over; we end it locally below either way.
      }
      this.#finish(r, 'system', null);
    }
  }

  #add(
    direction: CallRecord['direction'],
    state: CallState,
    sip: SipCall,
    shown: string,
    origin: CallOrigin | null = null,
  ): CallRecord {
    this.#prune();
    const record: CallRecord = {
      id: this.deps.newId(),
      direction,
      state,
      regions: INITIAL_REGIONS,
      sip,
      mic: null,
      dtmf: new DtmfSender({
        send: (digits) => sip.sendDtmf(digits, this.deps.dtmfTransport()),
        setTimer: this.deps.setTimer,
        changed: () => this.deps.changed(),
      }),
      postDial: '',
      shown,
      origin,
      createdAt: this.deps.now(),
      answeredAt: null,
      endedAt: null,
      end: null,
      remote: { uri: sip.remote.uri, displayName: sip.remote.displayName, number: sip.remote.user },
      callData: {},
      autoAnswer: null,
    };
    this.#records.set(record.id, record);
    sip.listen((event) => this.#onSipEvent(record, event));
    return record;
  }

  #onSipEvent(record: CallRecord, event: SipCallEvent): void {
    if (event.type === 'remoteStream') {
      this.deps.audio.play(record.id, event.stream);
      return;
    }
    if (event.type === 'ended' || event.type === 'failed') {
      const originator = event.type === 'failed' ? event.failure.originator : event.originator;
      this.#finish(record, originator, event.failure ? endError(event.failure) : null);
      return;
    }
    if (event.type === 'remoteHold') {
      this.#remoteHold(record, event.on ? 'REMOTE_HOLD' : 'REMOTE_RESUME');
      return;
    }
    if (event.type === 'resumed' && event.remoteHolding) this.#remoteHold(record, 'REMOTE_HOLD');
    const machineEvent = MAIN_EVENTS[event.type];
    if (!canTransition(callMachine, record.state, machineEvent)) return; // e.g. a late 180 after 200
    const next = transition(callMachine, record.state, machineEvent);
    if (next === 'talking' && record.answeredAt === null) {
      record.answeredAt = this.deps.now();
      // Post-dial digits (an extension, digits after pauses) go once the far end has answered.
      if (record.postDial !== '') record.dtmf.enqueue(record.postDial);
      record.postDial = '';
    }
    if (next !== record.state || machineEvent !== 'PROGRESS') {
      record.state = next;
      this.deps.changed();
    }
  }

  #remoteHold(record: CallRecord, event: RemoteHoldEvent): void {
    // A repeated re-INVITE with the same direction changes nothing.
    if (!canTransition(remoteHoldMachine, record.regions.remoteHold, event)) return;
    record.regions = { ...record.regions, remoteHold: transition(remoteHoldMachine, record.regions.remoteHold, event) };
    this.deps.changed();
  }

  #finish(record: CallRecord, by: SipFailure['originator'], error: UserError | null): void {
    if (isFinal(callMachine, record.state)) return;
    record.state = 'ended';
    this.#cancelAutoAnswer(record);
    record.endedAt = this.deps.now();
    record.end = { by, error };
    record.dtmf.stop();
    record.postDial = '';
    if (record.mic) this.deps.microphone.close(record.mic);
    record.mic = null;
    record.sip = null;
    this.deps.audio.stop(record.id);
    this.deps.changed();
    try {
      this.deps.ended?.(toSnapshot(record));
    } catch {
      // Recording an ended call must never disturb the calls.
    }
  }

  /** A new call replaces the ended ones shown so far. */
  #prune(): void {
    for (const r of [...this.#records.values()]) if (r.state === 'ended') this.#records.delete(r.id);
  }
}

/** A far end's refusal is worth telling; our own hang-up or cancel is not an error. */
function endError(failure: SipFailure): UserError | null {
  if (failure.originator === 'local' && (failure.code === 'cancelled' || failure.code === 'declined')) return null;
  return failure.sipStatus === undefined ? userError(failure.code) : userError(failure.code, failure.sipStatus);
}

function rank(call: CallSnapshot): number {
  return call.state === 'ended' ? 1 : 0;
}
