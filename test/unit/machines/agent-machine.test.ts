import { describe, expect, it } from 'vitest';
import { InvalidStateError } from '../../../src/errors';
import {
  AGENT_COMMANDS,
  AGENT_EVENTS,
  AGENT_STATES,
  type AgentEvent,
  type AgentState,
  agentMachine,
  allowedAgentCommands,
} from '../../../src/machines/agent-machine';
import { transition } from '../../../src/machines/machine';

/**
 * The agent machine's whole table, written out once as the specification: every state × every
 * event, with where it leads or '-' for refused.
 */
const SPEC: Record<AgentState, Record<AgentEvent, AgentState | '-'>> = {
  signedOut: {
    READY: '-', NOT_READY: '-', END_WRAP_UP: '-', SIGNING_IN: 'signingIn', SIGNED_IN: '-', SIGNED_OUT: '-', CALL_ENDED: '-', WRAP_UP_TIMEOUT: '-',
  },
  signingIn: {
    READY: '-', NOT_READY: '-', END_WRAP_UP: '-', SIGNING_IN: '-', SIGNED_IN: 'notReady', SIGNED_OUT: 'signedOut', CALL_ENDED: '-', WRAP_UP_TIMEOUT: '-',
  },
  ready: {
    READY: '-', NOT_READY: 'notReady', END_WRAP_UP: '-', SIGNING_IN: '-', SIGNED_IN: '-', SIGNED_OUT: 'signedOut', CALL_ENDED: 'afterCall', WRAP_UP_TIMEOUT: '-',
  },
  notReady: {
    READY: 'ready', NOT_READY: 'notReady', END_WRAP_UP: '-', SIGNING_IN: '-', SIGNED_IN: '-', SIGNED_OUT: 'signedOut', CALL_ENDED: 'afterCallNotReady', WRAP_UP_TIMEOUT: '-',
  },
  afterCall: {
    READY: 'ready', NOT_READY: 'notReady', END_WRAP_UP: 'ready', SIGNING_IN: '-', SIGNED_IN: '-', SIGNED_OUT: 'signedOut', CALL_ENDED: 'afterCall', WRAP_UP_TIMEOUT: 'ready',
  },
  afterCallNotReady: {
    READY: 'ready', NOT_READY: 'notReady', END_WRAP_UP: 'notReady', SIGNING_IN: '-', SIGNED_IN: '-', SIGNED_OUT: 'signedOut', CALL_ENDED: 'afterCallNotReady', WRAP_UP_TIMEOUT: 'notReady',
  },
};

const WORDS: Record<AgentState, string> = {
  signedOut: 'signedOut',
  signingIn: 'signingIn',
  ready: 'ready',
  notReady: 'notReady',
  afterCall: 'afterCall',
  afterCallNotReady: 'afterCallNotReady',
};

describe('agent machine: every state × every event', () => {
  for (const state of AGENT_STATES) {
    for (const event of AGENT_EVENTS) {
      const expected = SPEC[state][event];
      it(`${state} + ${event} → ${expected === '-' ? 'refused' : expected}`, () => {
        if (expected === '-') {
          let thrown: unknown;
          try {
            transition(agentMachine, state, event);
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(InvalidStateError);
          expect(thrown).toMatchObject({ code: 'invalid-state', message: `“${event}” is not possible while the agent is ${WORDS[state]}.` });
        } else {
          expect(transition(agentMachine, state, event)).toBe(expected);
        }
      });
    }
  }

  it('the commands a person may give are read from the table', () => {
    for (const state of AGENT_STATES) {
      expect(allowedAgentCommands(state)).toEqual(AGENT_COMMANDS.filter((c) => SPEC[state][c] !== '-'));
    }
  });

  it('no state leads to Ready except by a person’s READY or END_WRAP_UP, or the wrap-up timer after Ready', () => {
    const intoReady = AGENT_STATES.flatMap((s) => AGENT_EVENTS.filter((e) => SPEC[s][e] === 'ready').map((e) => `${s}:${e}`));
    expect(intoReady.sort()).toEqual(
      ['afterCall:END_WRAP_UP', 'afterCall:READY', 'afterCall:WRAP_UP_TIMEOUT', 'afterCallNotReady:READY', 'notReady:READY'].sort(),
    );
  });
});
