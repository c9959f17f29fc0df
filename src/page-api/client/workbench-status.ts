/**
 * Dialbar's state as the Alibaba Cloud workbench SDK's status codes (002, section 8), for the
 * 002 facade's `getStatusCode` / `onStatusChange` and the `workbenchSdkStatus` localStorage key.
 * The mapping is data: four tables read in a fixed order (a live call, the registration, the
 * agent), so the README's table and the tests read the same rows the code does.
 */
import { frontCall, isLive } from './front-call';
import type { PageAgentState, PageCall, PageRegistrationState, PageState } from './types';

/** 002's codes; 7, 13-15 do not exist there. */
export type WorkbenchCode = -1 | 0 | 1 | 2 | 3 | 4 | 5 | 6 | 8 | 9 | 10 | 11 | 12 | 16 | 17 | 18 | 19 | 20 | 21;

/** 002 section 8: each code and what its `getStatus()` returns. */
export const WORKBENCH_STATUS_WORDS: Readonly<Record<WorkbenchCode, string>> = {
  [-1]: 'off', // not registered
  0: 'off', // registering
  1: 'off', // signed out
  2: 'logIn', // signed in (002 passes through it to 3 at once; Dialbar never reports it)
  3: 'ready',
  4: 'break',
  5: 'other', // after-call work
  6: 'callComing',
  8: 'dialingCall',
  9: 'inCall', // inbound call
  10: 'inCall', // outbound call
  11: 'inCall', // internal call (Dialbar cannot tell one apart: never reported)
  12: 'inCall', // on hold
  16: 'other', // consult dialled, not answered yet
  17: 'other', // consult call
  18: 'other', // consult, then swapped (not reported: a swap looks like call waiting)
  19: 'other', // conference
  20: 'other', // passive help (no Dialbar counterpart)
  21: 'monitoring', // no Dialbar counterpart
};

/** The front call's state (Dialbar's call machine) → code, by the call's direction. */
export const CALL_STATUS: Readonly<Record<string, { incoming: WorkbenchCode; outgoing: WorkbenchCode }>> = {
  incoming: { incoming: 6, outgoing: 6 },
  answering: { incoming: 6, outgoing: 6 },
  dialing: { incoming: 8, outgoing: 8 },
  ringing: { incoming: 8, outgoing: 8 },
  talking: { incoming: 9, outgoing: 10 },
  transferring: { incoming: 9, outgoing: 10 },
  holding: { incoming: 12, outgoing: 12 },
  held: { incoming: 12, outgoing: 12 },
  resuming: { incoming: 12, outgoing: 12 },
  transferringHeld: { incoming: 12, outgoing: 12 },
  joining: { incoming: 19, outgoing: 19 },
  conference: { incoming: 19, outgoing: 19 },
};

/** A call hung up and not yet confirmed ended keeps the code it had, so the agent's state does not flicker in between. */
export const ENDING_STATUS: Readonly<Record<'answered' | 'unanswered', { incoming: WorkbenchCode; outgoing: WorkbenchCode }>> = {
  answered: { incoming: 9, outgoing: 10 },
  unanswered: { incoming: 6, outgoing: 8 },
};

/**
 * A consult: the front call is outgoing while another live call is held. Dialbar lets a second
 * outgoing call start only as a consult (the line policy), so this pair means one.
 */
export const CONSULT_STATUS: Readonly<Record<string, WorkbenchCode>> = {
  dialing: 16,
  ringing: 16,
  talking: 17,
  transferring: 17,
};

/** Without a live call, a registration other than `registered` decides. */
export const REGISTRATION_STATUS: Readonly<Record<PageRegistrationState, WorkbenchCode | null>> = {
  registered: null,
  signedOut: 1,
  connecting: 0,
  registering: 0,
  reconnecting: 0,
  waitingToRetry: 0,
  failed: -1,
};

/** Registered and no live call: the agent's state. Dialbar's "Signed in" is Not ready, so 4. */
export const AGENT_STATUS: Readonly<Record<PageAgentState, WorkbenchCode>> = {
  signedOut: 1,
  signingIn: 0,
  ready: 3,
  notReady: 4,
  afterCall: 5,
  afterCallNotReady: 5,
};

/** Before the first state arrives, 002's SDK is "not registered" too. */
export const NO_STATE_STATUS: WorkbenchCode = -1;

function callStatus(front: PageCall, calls: readonly PageCall[]): WorkbenchCode | null {
  const consult =
    front.direction === 'outgoing' && calls.some((call) => call !== front && isLive(call) && CALL_STATUS[call.state]?.incoming === 12);
  if (consult) {
    const code = CONSULT_STATUS[front.state];
    if (code !== undefined) return code;
  }
  if (front.state === 'ending') return ENDING_STATUS[front.answeredAt === null ? 'unanswered' : 'answered'][front.direction];
  return CALL_STATUS[front.state]?.[front.direction] ?? null;
}

/** The 002 status code of a Dialbar state. */
export function workbenchStatus(state: PageState | null): WorkbenchCode {
  if (!state) return NO_STATE_STATUS;
  const front = frontCall(state.calls);
  const byCall = front ? callStatus(front, state.calls) : null;
  if (byCall !== null) return byCall;
  const byRegistration = REGISTRATION_STATUS[state.registration.state];
  if (byRegistration !== null) return byRegistration;
  return AGENT_STATUS[state.agent.state];
}

/** 002's `getStatus()`: the word of a code. */
export function workbenchStatusWord(code: WorkbenchCode): string {
  return WORKBENCH_STATUS_WORDS[code];
}

/** 002 section 10: `workbenchSdkStatus` values in which a page may dial, and may hang up. */
export const STATUS_MAY_DIAL: readonly WorkbenchCode[] = [3, 4, 5];
export const STATUS_MAY_HANG_UP: readonly WorkbenchCode[] = [8, 9, 10, 11, 12, 21];
