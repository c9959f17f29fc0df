import { InvalidStateError } from '../errors';
import { allowedEvents, defineMachine, transition } from './machine';

/**
 * One call, as a main machine and two small parallel regions.
 * Main: outgoing dialing → ringing → talking; incoming incoming → answering → talking.
 * talking → holding (our re-INVITE sent) → held → resuming (re-INVITE sent) → talking.
 * ending: we asked to hang up or cancel and wait for the far end to confirm.
 * Conference (three-way, mixed locally): MERGE takes a talking call straight to conference and a
 * held one to joining (our resume re-INVITE sent) → conference. The call book allows MERGE only
 * for a pair of connected calls; when the other party leaves, LEAVE takes the call back to talking.
 * Transfer (REFER): talking → transferring, held → transferringHeld, until the REFER's NOTIFY
 * says how it went: 2xx → ending (we send BYE), a failure → back where the call was. Two states
 * rather than one remembered flag, so the table alone says where a failed transfer returns.
 * A consult is a second outgoing call linked to this one by the call book (CONSULT holds this
 * one; the book dials the other); the book decides the commands that span the pair.
 */
export const CALL_STATES = [
  'dialing',
  'ringing',
  'incoming',
  'answering',
  'talking',
  'holding',
  'held',
  'resuming',
  'joining',
  'conference',
  'transferring',
  'transferringHeld',
  'ending',
  'ended',
] as const;
export type CallState = (typeof CALL_STATES)[number];

export type CallEvent =
  | 'ANSWER'
  | 'DECLINE'
  | 'HANGUP'
  | 'HOLD'
  | 'RESUME'
  | 'DTMF'
  | 'MERGE'
  /** Blind or attended: a REFER on this call's dialog. */
  | 'TRANSFER'
  /** Hold this call (if talking) and dial a consult call linked to it. */
  | 'CONSULT'
  /** The REFER's NOTIFY said 2xx: the far end is with the transfer target now. */
  | 'TRANSFERRED'
  /** The REFER was refused, its NOTIFY said a final failure, or no answer came in time. */
  | 'TRANSFER_FAILED'
  | 'PROGRESS'
  | 'ACCEPTED'
  | 'CONFIRMED'
  /** The stack's re-INVITE for hold / resume was answered. */
  | 'HELD'
  | 'RESUMED'
  | 'FAILED'
  | 'ENDED'
  /** The other party of the conference is gone: back to an ordinary call. Not a person's command. */
  | 'LEAVE';

/**
 * Every command a person may give a call, whichever table decides it. SWAP, COMPLETE_TRANSFER
 * and CANCEL_CONSULT span two calls, so the call book decides them (a call's own machine still
 * decides the HOLD, RESUME, TRANSFER and HANGUP they cause). CONSULT is the call's own command,
 * and the line policy must also let a second call start. MERGE spans two calls too: each call's
 * table says whether it can join, the book whether a pair exists (`BookOffers`).
 */
export const CALL_COMMANDS = [
  'ANSWER',
  'DECLINE',
  'HANGUP',
  'HOLD',
  'RESUME',
  'MUTE',
  'UNMUTE',
  'DTMF',
  'SWAP',
  'MERGE',
  'TRANSFER',
  'CONSULT',
  'COMPLETE_TRANSFER',
  'CANCEL_CONSULT',
] as const;
export type CallCommand = (typeof CALL_COMMANDS)[number];
export const MAIN_COMMANDS = ['ANSWER', 'DECLINE', 'HANGUP', 'HOLD', 'RESUME', 'DTMF', 'MERGE', 'TRANSFER', 'CONSULT'] as const satisfies readonly CallEvent[];
/** The commands the call book decides, because they span two calls. */
export const BOOK_COMMANDS = ['SWAP', 'COMPLETE_TRANSFER', 'CANCEL_CONSULT'] as const satisfies readonly CallCommand[];
export type BookCommand = (typeof BOOK_COMMANDS)[number];

const ends = { FAILED: 'ended', ENDED: 'ended' } as const;

export const callMachine = defineMachine<CallState, CallEvent>({
  id: 'call',
  states: {
    dialing: { on: { HANGUP: 'ending', PROGRESS: 'ringing', ACCEPTED: 'talking', CONFIRMED: 'talking', ...ends } },
    ringing: { on: { HANGUP: 'ending', PROGRESS: 'ringing', ACCEPTED: 'talking', CONFIRMED: 'talking', ...ends } },
    incoming: { on: { ANSWER: 'answering', DECLINE: 'ending', ...ends } },
    answering: { on: { HANGUP: 'ending', ACCEPTED: 'talking', CONFIRMED: 'talking', ...ends } },
    talking: {
      on: {
        HANGUP: 'ending',
        HOLD: 'holding',
        DTMF: 'talking',
        MERGE: 'conference',
        TRANSFER: 'transferring',
        CONSULT: 'holding',
        CONFIRMED: 'talking',
        ACCEPTED: 'talking',
        ...ends,
      },
    },
    // JsSIP ends the call itself when a hold or resume re-INVITE fails, so there is no way back here.
    holding: { on: { HANGUP: 'ending', HELD: 'held', ...ends } },
    held: { on: { HANGUP: 'ending', RESUME: 'resuming', MERGE: 'joining', TRANSFER: 'transferringHeld', CONSULT: 'held', ...ends } },
    resuming: { on: { HANGUP: 'ending', RESUMED: 'talking', ...ends } },
    joining: { on: { HANGUP: 'ending', RESUMED: 'conference', ...ends } },
    conference: { on: { HANGUP: 'ending', DTMF: 'conference', LEAVE: 'talking', ...ends } },
    transferring: { on: { HANGUP: 'ending', TRANSFERRED: 'ending', TRANSFER_FAILED: 'talking', ...ends } },
    transferringHeld: { on: { HANGUP: 'ending', TRANSFERRED: 'ending', TRANSFER_FAILED: 'held', ...ends } },
    ending: { on: { ...ends } },
    ended: { on: {}, final: true },
  },
});

/** The far end put us on hold (its re-INVITE said sendonly or inactive). Not a person's command. */
export const REMOTE_HOLD_STATES = ['none', 'heldByRemote'] as const;
export type RemoteHoldState = (typeof REMOTE_HOLD_STATES)[number];
export type RemoteHoldEvent = 'REMOTE_HOLD' | 'REMOTE_RESUME';
export const remoteHoldMachine = defineMachine<RemoteHoldState, RemoteHoldEvent>({
  id: 'remote hold',
  states: {
    none: { on: { REMOTE_HOLD: 'heldByRemote' } },
    heldByRemote: { on: { REMOTE_RESUME: 'none' } },
  },
});

/** Our microphone track, muted without renegotiation. */
export const MUTE_STATES = ['unmuted', 'muted'] as const;
export type MuteState = (typeof MUTE_STATES)[number];
export const MUTE_COMMANDS = ['MUTE', 'UNMUTE'] as const satisfies readonly CallCommand[];
type MuteCommand = (typeof MUTE_COMMANDS)[number];
export const muteMachine = defineMachine<MuteState, MuteCommand>({
  id: 'the microphone',
  states: {
    unmuted: { on: { MUTE: 'muted' } },
    muted: { on: { UNMUTE: 'unmuted' } },
  },
});

/** The parallel regions of a call; each has its own table. */
export interface CallRegions {
  remoteHold: RemoteHoldState;
  mute: MuteState;
}
export const INITIAL_REGIONS: CallRegions = { remoteHold: 'none', mute: 'unmuted' };

/** The regions only run while the call is connected: before answer or after the end, mute means nothing. */
const CONNECTED: ReadonlySet<CallState> = new Set([
  'talking',
  'holding',
  'held',
  'resuming',
  'joining',
  'conference',
  'transferring',
  'transferringHeld',
]);
export function isConnected(state: CallState): boolean {
  return CONNECTED.has(state);
}

function isMuteCommand(command: CallCommand): command is MuteCommand {
  return (MUTE_COMMANDS as readonly CallCommand[]).includes(command);
}

/** In a conference (or joining one): the call is one party of the agent's three-way call. */
export function inConference(state: CallState): boolean {
  return state === 'joining' || state === 'conference';
}

/** What the call book offers beside a call's own tables: the commands that span two calls. */
export interface BookOffers {
  /** One call held and one talking: SWAP is listed. */
  swap?: boolean;
  /** A pair of connected calls exists: MERGE is listed where this call's table accepts it. */
  merge?: boolean;
}

/**
 * The commands a call accepts now: the union of what each region's table accepts, with MERGE
 * only where the book has a pair to merge and SWAP where the book says so.
 */
export function allowedCallCommands(state: CallState, regions: CallRegions, book: BookOffers = {}): CallCommand[] {
  const main: CallCommand[] = allowedEvents(callMachine, state, MAIN_COMMANDS).filter((c) => c !== 'MERGE' || book.merge === true);
  const mute: CallCommand[] = isConnected(state) ? allowedEvents(muteMachine, regions.mute, MUTE_COMMANDS) : [];
  const spans: CallCommand[] = book.swap === true ? ['SWAP'] : [];
  return CALL_COMMANDS.filter((c) => main.includes(c) || mute.includes(c) || spans.includes(c));
}

/**
 * Where a command leads, by the table of the region that owns it; an InvalidStateError (with
 * the sentence people are shown) when that table refuses it.
 */
export function commandTransition(
  state: CallState,
  regions: CallRegions,
  command: Exclude<CallCommand, BookCommand>,
): { state: CallState; regions: CallRegions } {
  if (isMuteCommand(command)) {
    // Before the call is connected (or after it), the call itself refuses a mute.
    if (!isConnected(state)) throw new InvalidStateError(callMachine.id, state, command);
    return { state, regions: { ...regions, mute: transition(muteMachine, regions.mute, command) } };
  }
  return { state: transition(callMachine, state, command), regions };
}
