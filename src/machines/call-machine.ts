import { defineMachine } from './machine';

/**
 * One call. Outgoing: dialing → ringing → active. Incoming: incoming → answering → active.
 * ending: we asked to hang up or cancel and wait for the far end to confirm.
 * Hold, transfer and conference will add states here.
 */
export const CALL_STATES = ['dialing', 'ringing', 'incoming', 'answering', 'active', 'ending', 'ended'] as const;
export type CallState = (typeof CALL_STATES)[number];

export type CallEvent =
  | 'ANSWER'
  | 'DECLINE'
  | 'HANGUP'
  | 'PROGRESS'
  | 'ACCEPTED'
  | 'CONFIRMED'
  | 'FAILED'
  | 'ENDED';

export const CALL_COMMANDS = ['ANSWER', 'DECLINE', 'HANGUP'] as const satisfies readonly CallEvent[];
export type CallCommand = (typeof CALL_COMMANDS)[number];

export const callMachine = defineMachine<CallState, CallEvent>({
  id: 'call',
  states: {
    dialing: { on: { HANGUP: 'ending', PROGRESS: 'ringing', ACCEPTED: 'active', CONFIRMED: 'active', FAILED: 'ended', ENDED: 'ended' } },
    ringing: { on: { HANGUP: 'ending', PROGRESS: 'ringing', ACCEPTED: 'active', CONFIRMED: 'active', FAILED: 'ended', ENDED: 'ended' } },
    incoming: { on: { ANSWER: 'answering', DECLINE: 'ending', FAILED: 'ended', ENDED: 'ended' } },
    answering: { on: { HANGUP: 'ending', ACCEPTED: 'active', CONFIRMED: 'active', FAILED: 'ended', ENDED: 'ended' } },
    active: { on: { HANGUP: 'ending', CONFIRMED: 'active', ACCEPTED: 'active', FAILED: 'ended', ENDED: 'ended' } },
    ending: { on: { FAILED: 'ended', ENDED: 'ended' } },
    ended: { on: {}, final: true },
  },
});
