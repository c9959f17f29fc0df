import type { CallOrigin, CallSnapshot } from '../contract/snapshot';
import { dialbarError, toUserError, type UserError, userError } from '../errors';
import { type CallCommand, type CallEvent, type CallState, CALL_COMMANDS, callMachine } from '../machines/call-machine';
import { allowedEvents, canTransition, isFinal, transition } from '../machines/machine';
import type { AudioSink, CallStats, Microphone, SipCall, SipCallEvent, SipFailure } from './sip-stack';

interface CallRecord {
  id: string;
  direction: CallSnapshot['direction'];
  state: CallState;
  sip: SipCall | null;
  mic: MediaStream | null;
  shown: string;
  origin: CallOrigin | null;
  createdAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  end: CallSnapshot['end'];
  remote: CallSnapshot['remote'];
}

export interface CallBookDeps {
  microphone: Microphone;
  audio: AudioSink;
  now(): number;
  newId(): string;
  changed(): void;
}

/** The calls of the one user agent, each driven by the call machine. */
export class CallBook {
  readonly #records = new Map<string, CallRecord>();

  constructor(private readonly deps: CallBookDeps) {}

  live(): CallSnapshot[] {
    return this.snapshots().filter((c) => c.state !== 'ended');
  }

  snapshots(): CallSnapshot[] {
    return [...this.#records.values()].map(toSnapshot).sort((a, b) => rank(a) - rank(b) || b.createdAt - a.createdAt);
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

  addIncoming(sip: SipCall): CallSnapshot {
    const record = this.#add('incoming', 'incoming', sip, '');
    this.deps.changed();
    return toSnapshot(record);
  }

  /**
   * A person's command. The call machine decides whether it is allowed now (else an
   * InvalidStateError); `COMMAND_EFFECTS` says what it does to the SIP call.
   */
  async command(callId: string, command: CallCommand): Promise<void> {
    const record = this.#records.get(callId);
    if (!record?.sip) throw dialbarError('invalid-state');
    const sip = record.sip;
    record.state = transition(callMachine, record.state, command);
    this.deps.changed();
    await COMMAND_EFFECTS[command]({
      sip,
      microphone: this.deps.microphone,
      useMicrophone: (mic) => {
        if (isFinal(callMachine, record.state)) return false;
        record.mic = mic;
        return true;
      },
      fail: (error) => this.#finish(record, 'system', toUserError(error)),
    });
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
      sip,
      mic: null,
      shown,
      origin,
      createdAt: this.deps.now(),
      answeredAt: null,
      endedAt: null,
      end: null,
      remote: { uri: sip.remote.uri, displayName: sip.remote.displayName, number: sip.remote.user },
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
    const machineEvent: CallEvent = event.type === 'progress' ? 'PROGRESS' : event.type === 'accepted' ? 'ACCEPTED' : 'CONFIRMED';
    if (!canTransition(callMachine, record.state, machineEvent)) return; // e.g. a late 180 after 200
    const next = transition(callMachine, record.state, machineEvent);
    if (next === 'active' && record.answeredAt === null) record.answeredAt = this.deps.now();
    if (next !== record.state || machineEvent !== 'PROGRESS') {
      record.state = next;
      this.deps.changed();
    }
  }

  #finish(record: CallRecord, by: SipFailure['originator'], error: UserError | null): void {
    if (isFinal(callMachine, record.state)) return;
    record.state = 'ended';
    record.endedAt = this.deps.now();
    record.end = { by, error };
    if (record.mic) this.deps.microphone.close(record.mic);
    record.mic = null;
    record.sip = null;
    this.deps.audio.stop(record.id);
    this.deps.changed();
  }

  /** A new call replaces the ended ones shown so far. */
  #prune(): void {
    for (const r of [...this.#records.values()]) if (r.state === 'ended') this.#records.delete(r.id);
  }
}

interface CommandScope {
  sip: SipCall;
  microphone: Microphone;
  /** Hands the call the microphone it sends, so ending the call closes it; false if it ended meanwhile. */
  useMicrophone(mic: MediaStream): boolean;
  /** Ends the call locally with this error (the SIP call is already terminated). */
  fail(error: unknown): void;
}

/** What each call command does once the machine has allowed it: one row per command. */
const COMMAND_EFFECTS: Record<CallCommand, (scope: CommandScope) => Promise<void> | void> = {
  async ANSWER({ sip, microphone, useMicrophone, fail }) {
    try {
      const mic = await microphone.open();
      // The caller may have given up while the microphone opened.
      if (!useMicrophone(mic)) return microphone.close(mic);
      sip.answer(mic);
    } catch (error) {
      sip.terminate(480);
      fail(error);
      throw error;
    }
  },
  DECLINE: ({ sip }) => sip.terminate(603),
  HANGUP: ({ sip }) => sip.terminate(),
};

/** A far end's refusal is worth telling; our own hang-up or cancel is not an error. */
function endError(failure: SipFailure): UserError | null {
  if (failure.originator === 'local' && (failure.code === 'cancelled' || failure.code === 'declined')) return null;
  return failure.sipStatus === undefined ? userError(failure.code) : userError(failure.code, failure.sipStatus);
}

function rank(call: CallSnapshot): number {
  return call.state === 'ended' ? 1 : 0;
}

function toSnapshot(r: CallRecord): CallSnapshot {
  return {
    id: r.id,
    direction: r.direction,
    state: r.state,
    remote: { ...r.remote },
    shown: r.shown,
    origin: r.origin,
    createdAt: r.createdAt,
    answeredAt: r.answeredAt,
    endedAt: r.endedAt,
    end: r.end,
    allowed: allowedEvents(callMachine, r.state, CALL_COMMANDS),
  };
}
