import type { CallOrigin, CallSnapshot, PhoneSnapshot, RegistrationOutcome } from '../contract/snapshot';
import { CAUSES, dialbarError, DialbarError, toUserError, type UserError, userError } from '../errors';
import type { CallCommand } from '../machines/call-machine';
import { allowedEvents, canTransition, transition } from '../machines/machine';
import {
  REGISTRATION_COMMANDS,
  type RegistrationEvent,
  type RegistrationState,
  registrationMachine,
} from '../machines/registration-machine';
import {
  type Account,
  DEFAULT_AUTO_ANSWER_BY_HEADER,
  DEFAULT_AUTO_ANSWER_SECONDS,
  DEFAULT_CALL_WAITING,
  DEFAULT_DTMF_TRANSPORT,
  DEFAULT_WAITING_DECLINE_CODE,
} from '../settings/account';
import { type CallData, checkCallData, mergeCallData } from '../settings/call-data';
import { CallBook } from './calls';
import { domainOf, splitDialString, toDialTarget } from './dial-string';
import { dialAllowance, hasWaitingCall, incomingDisposition, type LineSettings } from './line-policy';
import type { AudioSink, CallStats, Microphone, SipStack, SipUserAgent, UserAgentEvent } from './sip-stack';
import { shouldRing } from './ringtone';
import type { WaitingTone } from './waiting-tone';

export interface EngineDeps {
  stack: SipStack;
  microphone: Microphone;
  audio: AudioSink;
  now(): number;
  newId(): string;
  setTimer(callback: () => void, ms: number): () => void;
  /** The soft ring of a waiting call; none in tests that do not look at it. */
  waitingTone?: WaitingTone;
  /** The full ring of an inbound call on the ringer device (ringtone.ts); none in tests that do not look at it. */
  ringtone?: { set(ringing: boolean): void };
  /** Told after every change of what `read()` returns (the snapshot composer numbers and publishes it). */
  changed(): void;
}

/** Backoff for transient registration failures (408, 5xx): 2 s doubling to 60 s. */
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/**
 * The softphone: one user agent, its registration machine and its calls. It runs in the
 * offscreen document and is the single source of truth for the phone part of the snapshot.
 */
export class SoftphoneEngine {
  #account: Account | null = null;
  #ua: SipUserAgent | null = null;
  #state: RegistrationState = 'signedOut';
  #error: UserError | null = null;
  #since: number;
  #nextRetryAt: number | null = null;
  #retryDelay = RETRY_MIN_MS;
  #cancelRetry: (() => void) | null = null;
  #everConnected = false;
  #instanceId: string;
  #waiters = new Set<() => void>();
  readonly #calls: CallBook;

  constructor(private readonly deps: EngineDeps) {
    this.#instanceId = deps.newId();
    this.#since = deps.now();
    this.#calls = new CallBook({
      microphone: deps.microphone,
      audio: deps.audio,
      now: deps.now,
      newId: deps.newId,
      setTimer: deps.setTimer,
      dtmfTransport: () => this.#account?.dtmfTransport ?? DEFAULT_DTMF_TRANSPORT,
      lineSettings: () => this.#lineSettings(),
      changed: () => this.#changed(),
    });
  }

  get configured(): boolean {
    return this.#account !== null;
  }

  /** Replaces the account (stopping the old user agent) and signs in when asked. */
  configure(account: Account | null, signIn: boolean, instanceId: string = this.#instanceId): void {
    this.#teardown();
    this.#account = account;
    this.#instanceId = instanceId;
    this.#error = null;
    this.#moveTo('signedOut');
    if (account && signIn) this.signIn();
    else this.#changed();
  }

  signIn(): void {
    const account = this.#account;
    if (!account) throw dialbarError('not-configured');
    if (this.#ua) this.#teardown();
    this.#send('SIGN_IN');
    this.#everConnected = false;
    this.#error = null;
    try {
      const ua = this.deps.stack.createUserAgent(
        {
          wsUrl: account.wsUrl,
          uri: account.sipUri,
          authUser: account.authUser,
          password: account.password,
          displayName: account.displayName,
          iceServers: account.iceServers,
          instanceId: this.#instanceId,
        },
        (event) => {
          if (this.#ua === ua) this.#onUserAgentEvent(event);
        },
      );
      this.#ua = ua;
      ua.start();
    } catch (error) {
      this.#ua = null;
      this.#error = toUserError(error);
      this.#send('FINAL_FAILURE');
    }
    this.#changed();
  }

  signOut(): void {
    this.#teardown();
    if (canTransition(registrationMachine, this.#state, 'SIGN_OUT')) this.#send('SIGN_OUT');
    this.#error = null;
    this.#changed();
  }

  /** `callData`: checked `X-` headers for the INVITE; the account's display number header goes first, the request's win. */
  async dial(target: string, shown: string, origin: CallOrigin | null = null, callData: CallData = {}): Promise<CallSnapshot> {
    const { refusal } = dialAllowance(this.#account !== null, this.#calls.live());
    if (refusal) throw new DialbarError(refusal.code, refusal.message);
    const account = this.#account;
    const ua = this.#ua;
    if (!account) throw dialbarError('not-configured');
    if (this.#state !== 'registered' || !ua) throw dialbarError('not-registered');
    const { number, postDial } = splitDialString(target);
    const uri = toDialTarget(number, account.dialPlan, domainOf(account.sipUri));
    const own = account.displayNumber ? { [account.displayNumberHeader]: account.displayNumber } : {};
    const headers = mergeCallData(own, checkCallData(callData));
    return this.#calls.startOutgoing((mic) => ua.call(uri, mic, { headers }), shown, origin, postDial, headers);
  }

  command(callId: string, command: CallCommand, digits?: string): Promise<void> {
    return this.#calls.command(callId, command, digits);
  }

  callStats(callId: string): Promise<CallStats> {
    return this.#calls.stats(callId);
  }

  /**
   * Resolves when registration settles (registered, failed, or a server that could not be
   * reached at all: JsSIP keeps retrying, but the person asking should hear it now) or the
   * timeout passes.
   */
  awaitRegistration(timeoutMs: number): Promise<RegistrationOutcome> {
    return new Promise((resolve) => {
      const settle = () => {
        const unreachable = this.#state === 'reconnecting' && !this.#everConnected;
        if (this.#state === 'registered' || this.#state === 'failed' || this.#state === 'signedOut' || unreachable) finish();
      };
      const finish = () => {
        cancel();
        this.#waiters.delete(settle);
        resolve({ ok: this.#state === 'registered', state: this.#state, error: this.#error });
      };
      const cancel = this.deps.setTimer(() => {
        this.#waiters.delete(settle);
        const error = this.#error ?? userError('timeout');
        resolve({ ok: this.#state === 'registered', state: this.#state, error: this.#state === 'registered' ? null : error });
      }, timeoutMs);
      this.#waiters.add(settle);
      settle();
    });
  }

  /** The phone part of the snapshot. */
  read(): PhoneSnapshot {
    const calls = this.#calls.snapshots();
    return {
      account: this.#account ? { uri: this.#account.sipUri, displayName: this.#account.displayName } : null,
      registration: {
        state: this.#state,
        error: this.#error,
        since: this.#since,
        nextRetryAt: this.#nextRetryAt,
        allowed: this.#account ? allowedEvents(registrationMachine, this.#state, REGISTRATION_COMMANDS) : [],
      },
      calls,
      dial: dialAllowance(this.#account !== null, calls.filter((c) => c.state !== 'ended')),
      microphoneOpen: this.#calls.microphoneOpen(),
    };
  }

  #onUserAgentEvent(event: UserAgentEvent): void {
    switch (event.type) {
      case 'connecting':
        return;
      case 'connected':
        this.#everConnected = true;
        if (this.#state !== 'registered') this.#send('TRANSPORT_CONNECTED');
        break;
      case 'disconnected':
        this.#error = this.#everConnected ? userError('connection-lost') : userError(this.#unreachableCode());
        this.#send('TRANSPORT_LOST');
        break;
      case 'registered':
        this.#error = null;
        this.#retryDelay = RETRY_MIN_MS;
        this.#send('REGISTERED');
        break;
      case 'unregistered':
        this.#send('UNREGISTERED');
        break;
      case 'registrationFailed': {
        const { code, sipStatus } = event.failure;
        // Transport failures are followed by 'disconnected', which drives the machine.
        if (code === 'server-unreachable' || code === 'connection-lost') return;
        this.#error = userError(code, sipStatus);
        if (CAUSES[code].retry) {
          this.#send('TRANSIENT_FAILURE');
          this.#scheduleRetry();
        } else {
          this.#send('FINAL_FAILURE');
        }
        break;
      }
      case 'incomingCall': {
        const disposition = incomingDisposition(this.#calls.live(), this.#lineSettings());
        if (disposition.ring) this.#calls.addIncoming(event.call);
        else event.call.terminate(disposition.sipStatus);
        return;
      }
    }
    this.#changed();
  }

  #lineSettings(): LineSettings {
    return {
      callWaiting: this.#account?.callWaiting ?? DEFAULT_CALL_WAITING,
      waitingDeclineCode: this.#account?.waitingDeclineCode ?? DEFAULT_WAITING_DECLINE_CODE,
      autoAnswerSeconds: this.#account?.autoAnswerSeconds ?? DEFAULT_AUTO_ANSWER_SECONDS,
      autoAnswerByHeader: this.#account?.autoAnswerByHeader ?? DEFAULT_AUTO_ANSWER_BY_HEADER,
    };
  }

  #unreachableCode() {
    return this.#account?.wsUrl.toLowerCase().startsWith('wss:') ? ('tls-failure' as const) : ('server-unreachable' as const);
  }

  #scheduleRetry(): void {
    this.#cancelRetry?.();
    const delay = this.#retryDelay;
    this.#retryDelay = Math.min(this.#retryDelay * 2, RETRY_MAX_MS);
    this.#nextRetryAt = this.deps.now() + delay;
    this.#cancelRetry = this.deps.setTimer(() => {
      this.#cancelRetry = null;
      this.#nextRetryAt = null;
      if (!canTransition(registrationMachine, this.#state, 'RETRY')) return;
      this.#send('RETRY');
      this.#ua?.register();
      this.#changed();
    }, delay);
  }

  /** Ignores events the machine does not accept in this state (late or duplicate stack events). */
  #send(event: RegistrationEvent): void {
    if (!canTransition(registrationMachine, this.#state, event)) return;
    this.#moveTo(transition(registrationMachine, this.#state, event));
  }

  #moveTo(state: RegistrationState): void {
    if (state !== this.#state) this.#since = this.deps.now();
    this.#state = state;
    if (state !== 'waitingToRetry') {
      this.#cancelRetry?.();
      this.#cancelRetry = null;
      this.#nextRetryAt = null;
    }
  }

  #teardown(): void {
    this.#calls.terminateAll();
    const ua = this.#ua;
    this.#ua = null;
    this.#cancelRetry?.();
    this.#cancelRetry = null;
    this.#nextRetryAt = null;
    this.#retryDelay = RETRY_MIN_MS;
    ua?.stop();
  }

  #changed(): void {
    const live = this.#calls.live();
    this.deps.waitingTone?.set(hasWaitingCall(live));
    this.deps.ringtone?.set(shouldRing(live));
    for (const waiter of [...this.#waiters]) waiter();
    this.deps.changed();
  }
}
