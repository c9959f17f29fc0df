import type { KeptCall } from '../contract/protocol';
import type { AgentSnapshot, CallOrigin, CallSnapshot, PhoneSnapshot, RegistrationOutcome } from '../contract/snapshot';
import { CAUSES, dialbarError, DialbarError, toUserError, type UserError, userError } from '../errors';
import type { AgentCommand } from '../machines/agent-machine';
import type { CallCommand } from '../machines/call-machine';
import { allowedEvents, canTransition, transition } from '../machines/machine';
import {
  REGISTRATION_COMMANDS,
  type RegistrationEvent,
  type RegistrationState,
  registrationMachine,
} from '../machines/registration-machine';
import { type Account, DEFAULT_DTMF_TRANSPORT } from '../settings/account';
import { type CallData, checkCallData, mergeCallData } from '../settings/call-data';
import { assertDialPolicy } from '../settings/dial-policy-check';
import { AgentDesk } from './agent-desk';
import { CallBook } from './calls';
import type { EngineDeps } from './engine-deps';
import { domainOf, splitDialString, toDialTarget } from './dial-string';
import { dialAllowance, hasWaitingCall, incomingDisposition, lineSettingsFor } from './line-policy';
import { agentSettingsOf, historySettingsOf, lineSettingsOf } from './line-settings';
import { LostCallByes, RecordKeeper } from './lost-calls';
import type { CallStats, SipUserAgent, UserAgentEvent } from './sip-stack';
import { shouldRing } from './ringtone';

export type { EngineDeps };

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
  readonly #lostByes = new LostCallByes();
  readonly #keeper: RecordKeeper;
  readonly #agent: AgentDesk;
  /** Resolves once the agent's state of the document's previous life is back. */
  readonly agentRestored: Promise<void>;

  constructor(private readonly deps: EngineDeps) {
    this.#keeper = new RecordKeeper(deps.keep);
    this.#instanceId = deps.newId();
    this.#since = deps.now();
    this.#agent = new AgentDesk({
      now: deps.now,
      setTimer: deps.setTimer,
      settings: () => agentSettingsOf(this.#account),
      store: deps.agentStore,
      changed: () => this.deps.changed(),
    });
    this.agentRestored = this.#agent.restore();
    this.#calls = new CallBook({
      microphone: deps.microphone,
      audio: deps.audio,
      now: deps.now,
      newId: deps.newId,
      setTimer: deps.setTimer,
      dtmfTransport: () => this.#account?.dtmfTransport ?? DEFAULT_DTMF_TRANSPORT,
      lineSettings: () => lineSettingsFor(lineSettingsOf(this.#account), this.#agent.state),
      ...(deps.mixerGraph ? { mixerGraph: deps.mixerGraph } : {}),
      changed: () => this.#changed(),
      // The history records the agent's reason when the call ended (a break's, a wrap-up's).
      ended: (call) => deps.callEnded?.(call, deps.agentReason ? deps.agentReason() : this.#agent.read(false).reason),
    });
  }

  /** The account's call history settings (defaults without an account). */
  get historySettings(): { limit: number; maskNumbers: boolean } {
    return historySettingsOf(this.#account);
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
    // A new account or a restarted document keeps the agent's state when it signs in again.
    if (account && signIn) this.signIn();
    else {
      this.#agent.signedOut(false);
      this.#changed();
    }
  }

  signIn(): void {
    const account = this.#account;
    if (!account) throw dialbarError('not-configured');
    if (this.#ua) this.#teardown();
    this.#send('SIGN_IN');
    this.#agent.signingIn();
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
      this.#agent.signedOut(false);
    }
    this.#changed();
  }

  signOut(): void {
    this.#teardown();
    if (canTransition(registrationMachine, this.#state, 'SIGN_OUT')) this.#send('SIGN_OUT');
    this.#agent.signedOut(true);
    this.#error = null;
    this.#changed();
  }

  /** Ready, Not ready with a reason, End wrap-up: the agent machine's table decides. */
  setAgentState(command: AgentCommand, reason?: string): void {
    this.#agent.command(command, reason);
  }

  /** The agent part of the snapshot; Busy is a live call in the call book. */
  readAgent(): AgentSnapshot {
    return this.#agent.read(this.#calls.live().length > 0);
  }

  /** `callData`: checked `X-` headers for the INVITE; the account's display number header goes first, the request's win. */
  async dial(target: string, shown: string, origin: CallOrigin | null = null, callData: CallData = {}): Promise<CallSnapshot> {
    // The dial policy first, whatever asked: nothing it refuses reaches the line or the stack.
    if (this.#account) assertDialPolicy(target, this.#account.dialPolicy, this.#account.dialPlan);
    const { refusal } = dialAllowance(this.#account !== null, this.#calls.live(), this.#agent.line());
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

  /** `data`: DTMF's digits, or the target of TRANSFER / CONSULT (typed or pasted in any format). */
  async command(callId: string, command: CallCommand, data?: string): Promise<void> {
    if (command === 'TRANSFER') return this.#calls.transfer(callId, data ?? '', () => this.#transferTarget(data ?? ''));
    if (command === 'CONSULT') {
      const ua = this.#ua;
      await this.#calls.consult(callId, data ?? '', () => this.#transferTarget(data ?? ''), (uri, mic) => {
        if (this.#state !== 'registered' || !ua) throw dialbarError('not-registered');
        return ua.call(uri, mic);
      });
      return;
    }
    return this.#calls.command(callId, command, data);
  }

  /**
   * A transfer or consult target, normalised as a dialled number is (dial plan, sip: URIs, user
   * names). Post-dial digits cannot travel in a REFER, so a target with them is refused.
   */
  #transferTarget(input: string): string {
    const account = this.#account;
    if (!account) throw dialbarError('not-configured');
    assertDialPolicy(input, account.dialPolicy, account.dialPlan);
    const { number, postDial } = splitDialString(input);
    if (postDial !== '') throw dialbarError('invalid-number');
    return toDialTarget(number, account.dialPlan, domainOf(account.sipUri));
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

  /**
   * The connected calls of a lost engine: shown as lost at once, and ended at the far end with a
   * BYE from this user agent as soon as it is registered.
   */
  recoverCalls(calls: readonly KeptCall[]): void {
    for (const c of calls) this.#calls.addLost(c.call);
    this.#lostByes.add(calls.map((c) => c.dialog));
    this.#sendLostByes();
  }

  /**
   * The browser says the network is back: connect and register now, instead of waiting out
   * JsSIP's reconnection backoff or our own retry timer.
   */
  networkOnline(): void {
    const ua = this.#ua;
    if (!ua || this.#state === 'signedOut' || this.#state === 'failed') return;
    this.#retryDelay = RETRY_MIN_MS;
    if (this.#state === 'waitingToRetry') {
      this.#send('RETRY');
      ua.register();
      this.#changed();
      return;
    }
    ua.reconnectNow();
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
      dial: dialAllowance(this.#account !== null, calls.filter((c) => c.state !== 'ended'), this.#agent.line()),
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
        this.#sendLostByes();
        this.#agent.signedIn();
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
          this.#agent.signedOut(false);
        }
        break;
      }
      case 'incomingCall': {
        const disposition = incomingDisposition(this.#calls.live(), lineSettingsOf(this.#account), this.#agent.state);
        if (disposition.ring) this.#calls.addIncoming(event.call);
        else event.call.terminate(disposition.sipStatus);
        return;
      }
    }
    this.#changed();
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

  #sendLostByes(): void {
    if (this.#state === 'registered' && this.#ua && this.#lostByes.waiting > 0) this.#lostByes.flush(this.#ua);
  }

  #changed(): void {
    const live = this.#calls.live();
    this.deps.waitingTone?.set(hasWaitingCall(live));
    this.deps.ringtone?.set(shouldRing(live));
    this.#agent.observeCalls(this.#calls.snapshots());
    for (const waiter of [...this.#waiters]) waiter();
    this.#keeper.update({ signedIn: this.#state !== 'signedOut' && this.#state !== 'failed', calls: this.#calls.kept() });
    this.deps.changed();
  }
}
