import type { AgentSnapshot, CallSnapshot } from '../contract/snapshot';
import { dialbarError } from '../errors';
import {
  type AgentCommand,
  type AgentEvent,
  type AgentState,
  agentMachine,
  allowedAgentCommands,
  isAfterCall,
} from '../machines/agent-machine';
import { canTransition, transition } from '../machines/machine';
import { type AgentSettings, RESTARTED_REASON, SIGNED_IN_REASON } from '../settings/agent-settings';
import type { AgentRecord, AgentStore } from '../settings/agent-store';
import type { AgentLine } from './line-policy';

export interface AgentDeskDeps {
  now(): number;
  setTimer(callback: () => void, ms: number): () => void;
  /** The account's agent settings, read when they matter (a call ends, a reason is chosen). */
  settings(): AgentSettings;
  /** Where state, reason and since survive the offscreen document; none in tests that do not look. */
  store?: AgentStore;
  changed(): void;
}

/** What a person's sign-out leaves as the reason of Signed out: the dial answer reads it. */
export const SIGNED_OUT_REASON = 'Signed out';

/**
 * The agent at the desk: the agent machine's state with its reason and since, the wrap-up
 * timer, and the record that outlives the offscreen document. Calls are read, never copied:
 * the engine shows it the call book after every change (`observeCalls`), and Busy is derived.
 */
export class AgentDesk {
  #state: AgentState = 'signedOut';
  #reason: string | null = null;
  #since: number;
  #wrapUpEndsAt: number | null = null;
  #cancelWrapUp: (() => void) | null = null;
  /** Ended calls already counted for after-call work, so each call starts it once. */
  #counted = new Set<string>();
  #restored = false;

  constructor(private readonly deps: AgentDeskDeps) {
    this.#since = deps.now();
  }

  get state(): AgentState {
    return this.#state;
  }

  line(): AgentLine {
    return { state: this.#state, signedOutByChoice: this.#state === 'signedOut' && this.#reason === SIGNED_OUT_REASON };
  }

  /**
   * Takes back the state of the document's previous life. Never Ready without a click: Ready,
   * or after-call work that would end in Ready, comes back as Not ready ("Dialbar restarted"),
   * as a crash or restart may have dropped a call the agent was in. Not ready keeps its reason
   * and since; Signed out stays signed out.
   */
  async restore(): Promise<void> {
    let record: AgentRecord | null = null;
    try {
      record = (await this.deps.store?.load()) ?? null;
    } catch {
      // An unreadable record starts the desk fresh: signed out until registration says otherwise.
    }
    this.#restored = true;
    if (record) {
      const now = this.deps.now();
      switch (record.state) {
        case 'ready':
        case 'afterCall':
          this.adopt('notReady', RESTARTED_REASON, now);
          break;
        case 'afterCallNotReady':
          this.adopt('notReady', record.reason ?? RESTARTED_REASON, now);
          break;
        case 'notReady':
          this.adopt('notReady', record.reason, record.since);
          break;
        default:
          this.adopt('signedOut', record.state === 'signedOut' ? record.reason : null, record.since);
      }
    }
  }

  /**
   * Sets state, reason and since as told, outside the table: for the restore above and for a
   * later CTI server that owns agent state and pushes it (the server is then the source of truth).
   */
  adopt(state: AgentState, reason: string | null, since: number): void {
    this.#state = state;
    this.#reason = reason;
    this.#since = since;
    this.#stopWrapUpTimer();
    this.#saveAndTell();
  }

  /** A person's command; refused with the sentence every context shows when the state does not accept it. */
  command(command: AgentCommand, reason?: string): void {
    let chosen: string | null = null;
    if (command === 'NOT_READY') {
      const match = this.deps.settings().reasons.find((r) => r.toLowerCase() === reason?.trim().toLowerCase());
      if (!match) throw dialbarError('agent-reason-unknown');
      chosen = match;
    }
    const next = transition(agentMachine, this.#state, command);
    this.#move(next, command === 'NOT_READY' ? chosen : this.#keptReason(next));
  }

  /** The phone started registering (a sign-in). */
  signingIn(): void {
    this.#send('SIGNING_IN', null);
  }

  /** Registration succeeded: a signing-in agent lands in Not ready, never in Ready. */
  signedIn(): void {
    this.#send('SIGNED_IN', SIGNED_IN_REASON);
  }

  /** The phone is signed out: by the person (`byChoice`), or a sign-in the server refused. */
  signedOut(byChoice: boolean): void {
    if (this.#state === 'signedOut') {
      if (byChoice && this.#reason !== SIGNED_OUT_REASON) this.adopt('signedOut', SIGNED_OUT_REASON, this.#since);
      return;
    }
    this.#send('SIGNED_OUT', byChoice ? SIGNED_OUT_REASON : null);
  }

  /**
   * After-call work follows every call that reached the agent (answered) or that the agent
   * dialled, failed and unanswered ones included; missed or declined inbound calls do not count.
   */
  observeCalls(calls: readonly CallSnapshot[]): void {
    const present = new Set(calls.map((c) => c.id));
    for (const id of this.#counted) if (!present.has(id)) this.#counted.delete(id);
    for (const call of calls) {
      if (call.state !== 'ended' || this.#counted.has(call.id)) continue;
      this.#counted.add(call.id);
      if (call.direction === 'outgoing' || call.answeredAt !== null) this.#callEnded();
    }
  }

  read(busy: boolean): AgentSnapshot {
    return {
      state: this.#state,
      reason: this.#reason,
      since: this.#since,
      busy,
      wrapUpEndsAt: this.#wrapUpEndsAt,
      allowed: allowedAgentCommands(this.#state),
      reasons: [...this.deps.settings().reasons],
    };
  }

  #callEnded(): void {
    const { afterCall, afterCallSeconds } = this.deps.settings();
    if (afterCall === 'off' || !canTransition(agentMachine, this.#state, 'CALL_ENDED')) return;
    this.#move(transition(agentMachine, this.#state, 'CALL_ENDED'), this.#keptReason('afterCallNotReady'), true);
    if (afterCall !== 'timer') return;
    const ms = afterCallSeconds * 1000;
    // Counted from the moment the state changed (`since`), not a second clock read a millisecond later.
    this.#wrapUpEndsAt = this.#since + ms;
    this.#cancelWrapUp = this.deps.setTimer(() => {
      this.#cancelWrapUp = null;
      this.#wrapUpEndsAt = null;
      this.#send('WRAP_UP_TIMEOUT', this.#keptReason('notReady'));
    }, ms);
    this.deps.changed();
  }

  /** Going back to Not ready, or wrapping up on the way back to it, keeps the break's reason. */
  #keptReason(next: AgentState): string | null {
    return next === 'notReady' || next === 'afterCallNotReady' ? this.#reason : null;
  }

  /** System events: ignored when the state does not accept them (late or duplicate). */
  #send(event: AgentEvent, reason: string | null): void {
    if (!canTransition(agentMachine, this.#state, event)) return;
    this.#move(transition(agentMachine, this.#state, event), reason);
  }

  #move(state: AgentState, reason: string | null, restartTimer = false): void {
    const changed = state !== this.#state || reason !== this.#reason || restartTimer;
    if (changed) this.#since = this.deps.now();
    this.#state = state;
    this.#reason = reason;
    if (restartTimer || !isAfterCall(state)) this.#stopWrapUpTimer();
    this.#saveAndTell();
  }

  #stopWrapUpTimer(): void {
    this.#cancelWrapUp?.();
    this.#cancelWrapUp = null;
    this.#wrapUpEndsAt = null;
  }

  #saveAndTell(): void {
    // Before the restore, the desk holds nothing worth keeping; it must not overwrite the record.
    if (this.#restored) {
      const record: AgentRecord = { state: this.#state, reason: this.#reason, since: this.#since };
      this.deps.store?.save(record).catch(() => {
        // Losing one write costs only the restore of this state; the next change writes again.
      });
    }
    this.deps.changed();
  }
}
