import type { KeptCall } from '../contract/protocol';
import type { CallOrigin, CallSnapshot } from '../contract/snapshot';
import { dialbarError, InvalidStateError, toUserError, type UserError } from '../errors';
import {
  type CallCommand,
  type CallState,
  callMachine,
  commandTransition,
  type RemoteHoldEvent,
  remoteHoldMachine,
} from '../machines/call-machine';
import { canTransition, isFinal, transition } from '../machines/machine';
import { type BookView, type CallRecord, COMMAND_EFFECTS, type CommandWithEffect, toSnapshot } from './call-commands';
import { DtmfSender } from './dtmf-sender';
import { anyMicrophoneOpen, micFallback } from './mic-fallback';
import { type CallData, inboundCallData } from '../settings/call-data';
import { requestedAutoAnswer } from './auto-answer';
import { ConferenceKeeper } from './conference/conference-keeper';
import type { MixerGraph } from './conference/mixer';
import { autoAnswerDelay, callsToHoldBeforeAnswer, declineStatus, type LineSettings, mergePair, swapPair } from './line-policy';
import { Transfers } from './transfers';
import { bookView, endError, keptCalls, lostCallRecord, MAIN_EVENTS, newCallRecord, rank } from './call-record';
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
  /** A new Web Audio graph for a conference mix; without one, calls are never merged. */
  mixerGraph?: () => MixerGraph;
  changed(): void;
  /** Told once per call when it ends, however it ends (for the call history). */
  ended?(call: CallSnapshot): void;
}

/** The calls of the one user agent, each driven by the call machine. */
export class CallBook {
  readonly #records = new Map<string, CallRecord>();
  /** The three-way mix; none without a mixer graph (then calls are never merged). */
  readonly #conference: ConferenceKeeper | null;
  readonly #transfers: Transfers;

  constructor(private readonly deps: CallBookDeps) {
    const graph = deps.mixerGraph;
    this.#conference = graph ? new ConferenceKeeper({ graph, audio: deps.audio, changed: () => this.#changed() }) : null;
    // A microphone unplugged mid-call: the default one takes its place (mic-fallback.ts).
    deps.microphone.onLost?.(micFallback({ microphone: deps.microphone, calls: () => this.#records.values(), conference: this.#conference, changed: () => this.#changed() }));
    this.#transfers = new Transfers({
      setTimer: deps.setTimer,
      changed: () => this.#changed(),
      record: (id) => this.#records.get(id),
      live: () => this.live(),
      allowed: (record) => this.#allowedNow(record),
      command: (callId, command) => this.command(callId, command),
      dial: (place, shown, link) => this.startOutgoing(place, shown, null, '', {}, link),
    });
  }

  live(): CallSnapshot[] {
    return this.snapshots().filter((c) => c.state !== 'ended');
  }

  snapshots(): CallSnapshot[] {
    const records = [...this.#records.values()];
    return records.map((r) => toSnapshot(r, this.#bookView(r))).sort((a, b) => rank(a) - rank(b) || b.createdAt - a.createdAt);
  }

  #bookView(record: CallRecord): BookView {
    const live = [...this.#records.values()].map((r) => toSnapshot(r)).filter((c) => c.state !== 'ended');
    return bookView(live, record.id, this.#mergePair());
  }

  #allowedNow(record: CallRecord): readonly CallCommand[] {
    return toSnapshot(record, this.#bookView(record)).allowed;
  }

  microphoneOpen(): boolean {
    return anyMicrophoneOpen(this.#records.values());
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
    link: (record: CallRecord) => void = () => {},
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
    link(record);
    this.#changed();
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
    this.#changed();
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
    this.#changed();
    return toSnapshot(record);
  }

  /** The auto-answer time has come: answer, unless the call stopped ringing or another call is live now. */
  #autoAnswer(record: CallRecord): void {
    record.autoAnswer = null;
    const others = this.live().filter((c) => c.id !== record.id);
    const still = toSnapshot(record).allowed.includes('ANSWER');
    if (!still || autoAnswerDelay(others, this.deps.lineSettings(), 0) === null) {
      this.#changed();
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
    const record = this.#record(callId);
    if (command === 'SWAP') return this.#swap(record);
    if (command === 'MERGE') return this.#merge(record);
    if (command === 'COMPLETE_TRANSFER') return this.#transfers.complete(record);
    if (command === 'CANCEL_CONSULT') return this.#transfers.cancelConsult(record);
    if (command === 'TRANSFER' || command === 'CONSULT') {
      // These carry a target: transfer() and consult() take it.
      commandTransition(record.state, record.regions, command);
      throw dialbarError('invalid-message');
    }
    // Checked before anything moves: a refused ANSWER holds nobody.
    commandTransition(record.state, record.regions, command);
    if ((command === 'MUTE' || command === 'UNMUTE') && this.#conference?.mixes(record.id)) {
      this.#conference.mute([...this.#records.values()], command);
      return this.#changed();
    }
    // The agent answered or declined first: auto-answer has nothing left to do.
    this.#cancelAutoAnswer(record);
    return this.#run(record, command, digits);
  }

  async #run(record: CallRecord, command: CommandWithEffect, digits = ''): Promise<void> {
    const others = this.live().filter((c) => c.id !== record.id);
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
    this.#changed();
    await COMMAND_EFFECTS[command]({
      sip,
      next: next.state,
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
        this.#changed();
      },
    });
  }

  /** Both calls of the pair the book would merge now; none without a mixer. */
  #mergePair(): [string, string] | null {
    return this.#conference ? mergePair([...this.#records.values()].filter((r) => r.state !== 'ended')) : null;
  }

  /**
   * Merges the pair into one conference: the held call first (its resume re-INVITE; refused:
   * nothing has moved), then the talking one; the mix starts once both are in conference.
   */
  async #merge(record: CallRecord): Promise<void> {
    const pair = this.#mergePair();
    if (!pair?.includes(record.id)) throw new InvalidStateError(callMachine.id, record.state, 'MERGE');
    const members = pair.flatMap((id) => this.#records.get(id) ?? []).sort((a, b) => Number(b.state === 'held') - Number(a.state === 'held'));
    for (const member of members) await this.#run(member, 'MERGE');
  }

  #changed(): void {
    this.#conference?.settle([...this.#records.values()]);
    this.deps.changed();
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

  /** Blind transfer: a REFER to `resolve()`'s SIP URI; progress and the outcome show on the call. */
  transfer(callId: string, shown: string, resolve: () => string): void {
    this.#transfers.blind(this.#record(callId), shown, resolve);
  }

  /** Consult: holds the call (if talking) and dials a second call linked to it. */
  consult(callId: string, shown: string, resolve: () => string, place: (uri: string, mic: Promise<MediaStream>) => SipCall): Promise<CallSnapshot> {
    return this.#transfers.consult(this.#record(callId), shown, resolve, place);
  }

  #record(callId: string): CallRecord {
    const record = this.#records.get(callId);
    if (!record) throw dialbarError('invalid-state');
    return record;
  }

  /** The connected calls with what a BYE from another user agent needs (see recovery). */
  kept(): KeptCall[] {
    return keptCalls(this.#records.values());
  }

  /** A call of a lost engine, shown as ended: lost when the phone restarted. */
  addLost(call: KeptCall['call']): void {
    if (this.#records.has(call.id)) return;
    this.#records.set(call.id, lostCallRecord(call, this.deps.now(), this.deps.setTimer));
    this.deps.changed();
  }

  stats(callId: string): Promise<CallStats> {
    const sip = this.#records.get(callId)?.sip;
    return sip ? sip.stats() : Promise.reject(dialbarError('invalid-state'));
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
    const record = newCallRecord({
      id: this.deps.newId(),
      direction,
      state,
      sip,
      dtmf: new DtmfSender({
        send: (digits) => sip.sendDtmf(digits, this.deps.dtmfTransport()),
        setTimer: this.deps.setTimer,
        changed: () => this.#changed(),
      }),
      shown,
      origin,
      createdAt: this.deps.now(),
      remote: { uri: sip.remote.uri, displayName: sip.remote.displayName, number: sip.remote.user },
    });
    this.#records.set(record.id, record);
    sip.listen((event) => this.#onSipEvent(record, event));
    return record;
  }

  #onSipEvent(record: CallRecord, event: SipCallEvent): void {
    if (event.type === 'remoteStream') {
      record.voice = event.stream;
      this.deps.audio.play(record.id, event.stream);
      this.#conference?.voice(record.id, event.stream);
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
    if (event.type === 'referProgress' || event.type === 'referAccepted' || event.type === 'referFailed') {
      this.#transfers.onEvent(record, event);
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
      this.#changed();
    }
  }

  #remoteHold(record: CallRecord, event: RemoteHoldEvent): void {
    // A repeated re-INVITE with the same direction changes nothing.
    if (!canTransition(remoteHoldMachine, record.regions.remoteHold, event)) return;
    record.regions = { ...record.regions, remoteHold: transition(remoteHoldMachine, record.regions.remoteHold, event) };
    this.#changed();
  }

  #finish(record: CallRecord, by: SipFailure['originator'], error: UserError | null): void {
    if (isFinal(callMachine, record.state)) return;
    record.state = 'ended';
    this.#cancelAutoAnswer(record);
    record.endedAt = this.deps.now();
    // A transferred call ended as planned: its BYE is no failure.
    record.end = record.transferred ? { by, error: null, transferred: true } : { by, error };
    this.#transfers.forget(record);
    const partner = record.consult ? this.#records.get(record.consult.with) : undefined;
    if (partner && partner.state !== 'ended') partner.consult = null; // the other call goes on alone
    record.dtmf.stop();
    record.postDial = '';
    if (record.mic) this.deps.microphone.close(record.mic);
    record.mic = null;
    record.sip = null;
    this.deps.audio.stop(record.id);
    this.#changed();
    try {
      this.deps.ended?.(toSnapshot(record));
    } catch {
      // Recording an ended call (the history) must never disturb the calls.
    }
  }

  /** A new call replaces the ended ones shown so far. */
  #prune(): void {
    for (const r of [...this.#records.values()]) if (r.state === 'ended') this.#records.delete(r.id);
  }
}
