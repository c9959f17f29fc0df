import { allowedEvents, defineMachine } from './machine';

/**
 * The agent's availability at the desk (call-centre agent state), beside the registration and
 * call machines. Calls are not copied here: an agent with a live call is Busy, read from the call
 * book and layered on top of this state (see `AgentSnapshot.busy`).
 *
 * - signedOut: not signed in to the phone server (by the person's choice, a refused sign-in, or
 *   never signed in this session)
 * - signingIn: the phone is registering; after it, the agent lands in Not ready ("Signed in"),
 *   never in Ready without a click
 * - ready: takes calls
 * - notReady: a break with a reason (Break, Lunch…); never turns into Ready by itself
 * - afterCall / afterCallNotReady: after-call work (wrap-up) that started when a call ended; it
 *   ends by a timer or by hand and goes back where the agent was: Ready, or Not ready with the
 *   same reason. Two states, so that the table alone says where wrap-up ends.
 *
 * Inputs are events: a person's command (READY, NOT_READY, END_WRAP_UP), the registration
 * (SIGNING_IN, SIGNED_IN, SIGNED_OUT), the call book (CALL_ENDED) and the wrap-up timer
 * (WRAP_UP_TIMEOUT). A later CTI server that owns agent state pushes its state instead of
 * events: `AgentDesk.adopt()` sets state, reason and since as told, without this table, because
 * the server is then the source of truth (restore after a restart uses the same door).
 */
export const AGENT_STATES = ['signedOut', 'signingIn', 'ready', 'notReady', 'afterCall', 'afterCallNotReady'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

export type AgentEvent =
  | 'READY'
  | 'NOT_READY'
  | 'END_WRAP_UP'
  | 'SIGNING_IN'
  | 'SIGNED_IN'
  | 'SIGNED_OUT'
  | 'CALL_ENDED'
  | 'WRAP_UP_TIMEOUT';

/** What a person may ask for; the popup enables exactly those the current state accepts. */
export const AGENT_COMMANDS = ['READY', 'NOT_READY', 'END_WRAP_UP'] as const satisfies readonly AgentEvent[];
export type AgentCommand = (typeof AGENT_COMMANDS)[number];

/** Every event, for table-driven tests and for refusing unknown ones. */
export const AGENT_EVENTS: readonly AgentEvent[] = [
  ...AGENT_COMMANDS,
  'SIGNING_IN',
  'SIGNED_IN',
  'SIGNED_OUT',
  'CALL_ENDED',
  'WRAP_UP_TIMEOUT',
];

const signOut = { SIGNED_OUT: 'signedOut' } as const;

export const agentMachine = defineMachine<AgentState, AgentEvent>({
  id: 'the agent',
  states: {
    signedOut: { on: { SIGNING_IN: 'signingIn' } },
    signingIn: { on: { SIGNED_IN: 'notReady', ...signOut } },
    ready: { on: { NOT_READY: 'notReady', CALL_ENDED: 'afterCall', ...signOut } },
    notReady: { on: { READY: 'ready', NOT_READY: 'notReady', CALL_ENDED: 'afterCallNotReady', ...signOut } },
    afterCall: {
      on: { READY: 'ready', NOT_READY: 'notReady', END_WRAP_UP: 'ready', WRAP_UP_TIMEOUT: 'ready', CALL_ENDED: 'afterCall', ...signOut },
    },
    afterCallNotReady: {
      on: {
        READY: 'ready',
        NOT_READY: 'notReady',
        END_WRAP_UP: 'notReady',
        WRAP_UP_TIMEOUT: 'notReady',
        CALL_ENDED: 'afterCallNotReady',
        ...signOut,
      },
    },
  },
});

export function allowedAgentCommands(state: AgentState): AgentCommand[] {
  return allowedEvents(agentMachine, state, AGENT_COMMANDS);
}

/** After-call work, in either flavour. */
export function isAfterCall(state: AgentState): boolean {
  return state === 'afterCall' || state === 'afterCallNotReady';
}

/** The states in which the agent is not taking calls (the line policy may refuse inbound calls then). */
export function isUnavailable(state: AgentState): boolean {
  return state === 'notReady' || isAfterCall(state);
}
