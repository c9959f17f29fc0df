import { InvalidStateError } from '../errors';
import { allowedEvents, defineMachine, transition } from './machine';

/**
 * One call, as a main machine and two small parallel regions.
 * Main: outgoing dialing → ringing → talking; incoming incoming → answering → talking.
 * talking → holding (our re-INVITE sent) → held → resuming (re-INVITE sent) → talking.
 * ending: we asked to hang up or cancel and wait for the far end to confirm.
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
  | 'ENDED';

/**
 * Every command a person may give a call, whichever table decides it. SWAP, COMPLETE_TRANSFER
 * and CANCEL_CONSULT span two calls, so the call book decides them (a call's own machine still
 * decides the HOLD, RESUME, TRANSFER and HANGUP they cause). CONSULT is the call's own command,
 * and the line policy must also let a second call start.
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
  'TRANSFER',
  'CONSULT',
  'COMPLETE_TRANSFER',
  'CANCEL_CONSULT',
] as const;
export type CallCommand = (typeof CALL_COMMANDS)[number];
export const MAIN_COMMANDS = ['ANSWER', 'DECLINE', 'HANGUP', 'HOLD', 'RESUME', 'DTMF', 'TRANSFER', 'CONSULT'] as const satisfies readonly CallEvent[];
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
        TRANSFER: 'transferring',
        CONSULT: 'holding',
        CONFIRMED: 'talking',
        ACCEPTED: 'talking',
        ...ends,
      },
    },
    // JsSIP ends the call itself when a hold or resume re-INVITE fails, so there is no way back here.
    holding: { on: { HANGUP: 'ending', HELD: 'held', ...ends } },
    held: { on: { HANGUP: 'ending', RESUME: 'resuming', TRANSFER: 'transferringHeld', CONSULT: 'held', ...ends } },
    resuming: { on: { HANGUP: 'ending', RESUMED: 'talking', ...ends } },
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
const CONNECTED: ReadonlySet<CallState> = new Set(['talking', 'holding', 'held', 'resuming', 'transferring', 'transferringHeld']);
export function isConnected(state: CallState): boolean {
  return CONNECTED.has(state);
}

function isMuteCommand(command: CallCommand): command is MuteCommand {
  return (MUTE_COMMANDS as readonly CallCommand[]).includes(command);
}

/** The commands a call accepts now: the union of what each region's table accepts. */
export function allowedCallCommands(state: CallState, regions: CallRegions): CallCommand[] {
  const main: CallCommand[] = allowedEvents(callMachine, state, MAIN_COMMANDS);
  const mute: CallCommand[] = isConnected(state) ? allowedEvents(muteMachine, regions.mute, MUTE_COMMANDS) : [];
  return CALL_COMMANDS.filter((c) => main.includes(c) || mute.includes(c));
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
