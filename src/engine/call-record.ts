import type { KeptCall } from '../contract/protocol';
import type { CallSnapshot } from '../contract/snapshot';
import { type UserError, userError } from '../errors';
import { type CallEvent, INITIAL_REGIONS } from '../machines/call-machine';
import type { BookView, CallRecord } from './call-commands';
import { DtmfSender } from './dtmf-sender';
import { consultAllowance, swapPair } from './line-policy';
import type { SipFailure } from './sip-stack';
import { pairCommands } from './transfers';

/** The stack's call events that drive the main machine. */
export const MAIN_EVENTS: Record<'progress' | 'accepted' | 'confirmed' | 'held' | 'resumed', CallEvent> = {
  progress: 'PROGRESS',
  accepted: 'ACCEPTED',
  confirmed: 'CONFIRMED',
  held: 'HELD',
  resumed: 'RESUMED',
};

/** What a new record must be told; everything else starts empty. */
type RecordStart = Pick<CallRecord, 'id' | 'direction' | 'state' | 'sip' | 'dtmf' | 'shown' | 'origin' | 'createdAt' | 'remote'> &
  Partial<Pick<CallRecord, 'answeredAt' | 'endedAt' | 'end'>>;

/** One place that lists a call record's fields and their starting values. */
export function newCallRecord(start: RecordStart): CallRecord {
  return {
    regions: INITIAL_REGIONS,
    mic: null,
    voice: null,
    postDial: '',
    answeredAt: null,
    endedAt: null,
    end: null,
    callData: {},
    autoAnswer: null,
    transfer: null,
    consult: null,
    transferred: false,
    ...start,
    remote: { ...start.remote },
  };
}

/** A call of a lost engine, shown as ended: lost when the phone restarted. */
export function lostCallRecord(call: KeptCall['call'], endedAt: number, setTimer: (callback: () => void, ms: number) => () => void): CallRecord {
  return newCallRecord({
    ...call,
    state: 'ended',
    sip: null,
    dtmf: new DtmfSender({ send: () => {}, setTimer, changed: () => {} }),
    origin: null,
    endedAt,
    end: { by: 'system', error: userError('call-lost') },
  });
}

/** The connected calls with what a BYE from another user agent needs (see recovery). */
export function keptCalls(records: Iterable<CallRecord>): KeptCall[] {
  const kept: KeptCall[] = [];
  for (const r of records) {
    const dialog = r.state === 'ended' || r.answeredAt === null ? null : r.sip?.dialog();
    if (!dialog) continue;
    const { id, direction, remote, shown, createdAt, answeredAt } = r;
    kept.push({ dialog, call: { id, direction, remote: { ...remote }, shown, createdAt, answeredAt } });
  }
  return kept;
}

/**
 * The commands that span two calls for `callId`, from the line policy and the consult relation:
 * SWAP, MERGE (when `mergePair` names it), the consult pair's commands, and whether a consult may start.
 */
export function bookView(live: readonly CallSnapshot[], callId: string, mergePair: readonly string[] | null): BookView {
  const swap = swapPair(live);
  const pair = pairCommands(live, callId);
  const add = [
    ...pair.add,
    ...(swap && (swap.talking.id === callId || swap.held.id === callId) ? (['SWAP'] as const) : []),
    ...(mergePair?.includes(callId) ? (['MERGE'] as const) : []),
  ];
  const consultable = consultAllowance(live, callId).allowed;
  return { add, drop: consultable ? pair.drop : [...pair.drop, 'CONSULT'] };
}

/** A far end's refusal is worth telling; our own hang-up or cancel is not an error. */
export function endError(failure: SipFailure): UserError | null {
  if (failure.originator === 'local' && (failure.code === 'cancelled' || failure.code === 'declined')) return null;
  return failure.sipStatus === undefined ? userError(failure.code) : userError(failure.code, failure.sipStatus);
}

/** Live calls first, then the ended ones. */
export function rank(call: CallSnapshot): number {
  return call.state === 'ended' ? 1 : 0;
}
