import type { CallSnapshot, CallTransfer } from '../contract/snapshot';
import { DialbarError, dialbarError, InvalidStateError, type UserError, userError } from '../errors';
import { type BookCommand, type CallCommand, type CallState, callMachine, commandTransition } from '../machines/call-machine';
import { canTransition, transition } from '../machines/machine';
import type { CallRecord } from './call-commands';
import { consultAllowance } from './line-policy';
import type { SipCall, SipCallEvent } from './sip-stack';

/** No final NOTIFY within this time: the transfer failed, the call stays with the agent. */
export const TRANSFER_TIMEOUT_MS = 45_000;
/**
 * After an attended transfer succeeded, the target ends our consult leg itself (its INVITE with
 * Replaces takes that dialog over); if it has not within this time, Dialbar hangs it up.
 */
export const CONSULT_LEG_GRACE_MS = 5_000;

type ReferEvent = Extract<SipCallEvent, { type: 'referProgress' | 'referAccepted' | 'referFailed' }>;

export interface TransferDeps {
  setTimer(callback: () => void, ms: number): () => void;
  changed(): void;
  record(id: string): CallRecord | undefined;
  live(): CallSnapshot[];
  /** What the call may do now, by its tables and the book's (its snapshot's `allowed`). */
  allowed(record: CallRecord): readonly CallCommand[];
  /** The book's own command path (HOLD, RESUME, HANGUP), so each is checked by the call's table. */
  command(callId: string, command: 'HOLD' | 'RESUME' | 'HANGUP'): Promise<void>;
  /** The book's outgoing call path; `link` ties the new record to its partner before anyone sees it. */
  dial(place: (mic: Promise<MediaStream>) => SipCall, shown: string, link: (added: CallRecord) => void): Promise<CallSnapshot>;
}

/** The consult pair a call belongs to, both calls still live; else null. */
export function consultPair(live: readonly CallSnapshot[], callId: string): { original: CallSnapshot; consult: CallSnapshot } | null {
  const call = live.find((c) => c.id === callId);
  const other = call?.consult ? live.find((c) => c.id === call.consult?.with) : undefined;
  if (!call?.consult || !other) return null;
  return call.consult.role === 'original' ? { original: call, consult: other } : { original: other, consult: call };
}

const SETTLED: readonly CallState[] = ['talking', 'held'];

/**
 * The commands the book adds for a call of a consult pair: COMPLETE_TRANSFER once both calls are
 * connected and settled (talking or held), CANCEL_CONSULT while the consult call can be hung up
 * and the original can be taken back. A call in a pair is not blind-transferred nor consulted again.
 */
export function pairCommands(live: readonly CallSnapshot[], callId: string): { add: BookCommand[]; drop: Array<'TRANSFER' | 'CONSULT'> } {
  const pair = consultPair(live, callId);
  if (!pair) return { add: [], drop: [] };
  const { original, consult } = pair;
  const add: BookCommand[] = [];
  if (SETTLED.includes(original.state) && SETTLED.includes(consult.state)) add.push('COMPLETE_TRANSFER');
  if (SETTLED.includes(original.state) && consult.allowed.includes('HANGUP')) add.push('CANCEL_CONSULT');
  return { add, drop: ['TRANSFER', 'CONSULT'] };
}

export function newTransfer(kind: CallTransfer['kind'], target: string): CallTransfer {
  return { kind, target, status: null, reason: '', outcome: 'pending', error: null };
}

/** Blind and attended transfer: the REFER, its NOTIFY progress, the timeout, and the end of our legs. */
export class Transfers {
  readonly #timers = new Map<string, () => void>();

  constructor(private readonly deps: TransferDeps) {}

  /**
   * Blind transfer: a REFER to `resolve()`'s SIP URI (called once the tables allowed it, so a
   * refusal by state is told before a bad target).
   */
  blind(record: CallRecord, shown: string, resolve: () => string): void {
    commandTransition(record.state, record.regions, 'TRANSFER');
    if (!this.deps.allowed(record).includes('TRANSFER')) throw new InvalidStateError(callMachine.id, record.state, 'TRANSFER');
    this.refer(record, resolve(), shown);
  }

  /** Consult: holds the call (if talking) and dials a second call linked to it, the one outgoing call the line policy lets through beside another. */
  async consult(record: CallRecord, shown: string, resolve: () => string, place: (uri: string, mic: Promise<MediaStream>) => SipCall): Promise<CallSnapshot> {
    commandTransition(record.state, record.regions, 'CONSULT');
    const policy = consultAllowance(this.deps.live(), record.id);
    if (policy.refusal) throw new DialbarError(policy.refusal.code, policy.refusal.message);
    if (!this.deps.allowed(record).includes('CONSULT')) throw new InvalidStateError(callMachine.id, record.state, 'CONSULT');
    const uri = resolve();
    if (record.state === 'talking') await this.deps.command(record.id, 'HOLD');
    return this.deps.dial((mic) => place(uri, mic), shown, (added) => {
      added.consult = { role: 'consult', with: record.id };
      record.consult = { role: 'original', with: added.id };
    });
  }

  /**
   * Sends the REFER on `record`'s dialog (the machine has allowed TRANSFER): to `uri`, or with
   * `replaces`, to the consulted party, replacing our consult dialog. A REFER the stack refuses
   * at once puts the call back as it was and passes the refusal on.
   */
  refer(record: CallRecord, uri: string, shown: string, replaces?: CallRecord): void {
    const sip = record.sip;
    if (!sip || (replaces && !replaces.sip)) throw new InvalidStateError(callMachine.id, record.state, 'TRANSFER');
    const before = { state: record.state, transfer: record.transfer };
    record.state = commandTransition(record.state, record.regions, 'TRANSFER').state;
    record.transfer = newTransfer(replaces ? 'attended' : 'blind', shown);
    try {
      sip.refer(uri, replaces?.sip ?? undefined);
    } catch (error) {
      record.state = before.state;
      record.transfer = before.transfer;
      this.deps.changed();
      throw error;
    }
    this.#timers.set(
      record.id,
      this.deps.setTimer(() => this.#failed(record, userError('transfer-timeout')), TRANSFER_TIMEOUT_MS),
    );
    this.deps.changed();
  }

  /** Attended transfer: a REFER on the original call with Replaces of the consult call's dialog. */
  async complete(record: CallRecord): Promise<void> {
    const { original, consult } = this.#pairOf(record, 'COMPLETE_TRANSFER');
    const shown = consult.remote.displayName || consult.remote.number || consult.shown;
    this.refer(original, consult.remote.uri, shown, consult);
  }

  /** Hangs up the consult call and takes the original back (resumes it if it is held). */
  async cancelConsult(record: CallRecord): Promise<void> {
    const { original, consult } = this.#pairOf(record, 'CANCEL_CONSULT');
    await this.deps.command(consult.id, 'HANGUP');
    if (canTransition(callMachine, original.state, 'RESUME')) await this.deps.command(original.id, 'RESUME');
  }

  /** The live consult pair of `record`, when the book allows `command` now; else the refusal. */
  #pairOf(record: CallRecord, command: BookCommand): { original: CallRecord; consult: CallRecord } {
    const pair = consultPair(this.deps.live(), record.id);
    if (!pair || !this.deps.allowed(record).includes(command)) throw new InvalidStateError(callMachine.id, record.state, command);
    const original = this.deps.record(pair.original.id);
    const consult = this.deps.record(pair.consult.id);
    if (!original || !consult) throw dialbarError('invalid-state');
    return { original, consult };
  }

  /** The stack's word on our REFER. */
  onEvent(record: CallRecord, event: ReferEvent): void {
    const transfer = record.transfer;
    if (transfer?.outcome !== 'pending') return; // late NOTIFY after a timeout or hang-up
    if (event.type === 'referProgress') {
      record.transfer = { ...transfer, status: event.status, reason: event.reason };
      this.deps.changed();
      return;
    }
    if (event.type === 'referFailed') {
      const code = event.refused ? 'transfer-refused' : 'transfer-failed';
      this.#failed(record, userError(code, event.status ?? undefined), event.status, event.reason);
      return;
    }
    this.#succeeded(record, event.status, event.reason);
  }

  /** The call is over: no timer outlives it. */
  forget(record: CallRecord): void {
    this.#timers.get(record.id)?.();
    this.#timers.delete(record.id);
  }

  #succeeded(record: CallRecord, status: number, reason: string): void {
    if (!canTransition(callMachine, record.state, 'TRANSFERRED')) return;
    this.forget(record);
    record.state = transition(callMachine, record.state, 'TRANSFERRED');
    record.transferred = true;
    record.transfer = { ...(record.transfer ?? newTransfer('blind', '')), status, reason, outcome: 'done' };
    // The far end is with the target now: our leg ends (BYE), and so does our consult leg.
    record.sip?.terminate();
    const partner = record.consult ? this.deps.record(record.consult.with) : undefined;
    if (record.transfer.kind === 'attended' && partner && partner.state !== 'ended') {
      partner.transferred = true;
      partner.transfer = record.transfer;
      this.deps.setTimer(() => {
        if (partner.state !== 'ended' && partner.state !== 'ending') this.deps.command(partner.id, 'HANGUP').catch(() => {});
      }, CONSULT_LEG_GRACE_MS);
    }
    this.deps.changed();
  }

  #failed(record: CallRecord, error: UserError, status: number | null = null, reason = ''): void {
    this.forget(record);
    if (!canTransition(callMachine, record.state, 'TRANSFER_FAILED')) return;
    record.state = transition(callMachine, record.state, 'TRANSFER_FAILED');
    const transfer = record.transfer ?? newTransfer('blind', '');
    record.transfer = { ...transfer, status: status ?? transfer.status, reason: reason || transfer.reason, outcome: 'failed', error };
    this.deps.changed();
  }
}
