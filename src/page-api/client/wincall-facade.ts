/**
 * A facade with WinCall's (001) shape over a `DialbarClient`: `new WinCall({ event_listener })`,
 * `init()`, the `fn_*` operations, and one listener that gets every response as
 * `{ code, msg, type, agStatus, enableActions, disableActions }`.
 *
 * - An operation called here answers with `<operation>_action` (001's names: `callouter_action`,
 *   `hangup_action`, `busy_action`…): code 200, or 400 with Dialbar's refusal in `msg` and `error`.
 * - A call's life, from any source (popup, other tabs, the far end), comes as 001's events:
 *   `ring_queue_event` (inbound; `ringEvent` chooses another ring_*_event), `ring_outbound_event`,
 *   `call_connected_event`, `call_done_event` (see call-steps.ts for the order).
 * - Any other change of agStatus or of the actions (Ready from the popup, a hold) comes as
 *   `status_event`, Dialbar's own type: 001 has none because only its own buttons changed state.
 */
import { CallSteps, type CallStep } from './call-steps';
import { frontCall, ringingInbound } from './front-call';
import type { DialbarClient, PageAgentState, PageState } from './types';
import { type WinCallAction, winCallActions } from './wincall-actions';

export interface WinCallResponse {
  code: number;
  msg: string;
  type: string;
  agStatus: string;
  enableActions: WinCallAction[];
  disableActions: WinCallAction[];
  /** Dialbar's call id, on call events. */
  callId?: string;
  /** Dialbar's refusal, on a failed operation. */
  error?: { code: string; message: string };
}

export interface WinCallOptions {
  event_listener?: (response: WinCallResponse) => void;
  /** 001's busy reasons, id → name; fn_busy(id) sends the name as Dialbar's Not ready reason. */
  busy_reasons?: Record<string | number, string>;
  /** The ring event of an inbound call (001 tells queue, outer and inner calls apart; Dialbar cannot). */
  ringEvent?: 'ring_queue_event' | 'ring_outer_event' | 'ring_inner_event';
  /** Everything else 001 takes (server address, vcc_code…) is accepted and unused. */
  [option: string]: unknown;
}

/** agStatus: Dialbar's words for the agent, as the popup's header says them. */
export const AG_STATUS_WORDS: Readonly<Record<PageAgentState, string>> = {
  signedOut: 'Signed out',
  signingIn: 'Signing in',
  ready: 'Ready',
  notReady: 'Not ready',
  afterCall: 'After-call work',
  afterCallNotReady: 'After-call work',
};

export function agStatus(state: PageState | null): string {
  if (!state) return AG_STATUS_WORDS.signedOut;
  if (state.agent.busy) return 'Busy';
  const words = AG_STATUS_WORDS[state.agent.state];
  return state.agent.state === 'notReady' && state.agent.reason ? `${words}: ${state.agent.reason}` : words;
}

const OK = 200;
const REFUSED = 400;

export function createWinCall(client: DialbarClient, options: WinCallOptions = {}) {
  const steps = new CallSteps();
  const ringEvent = options.ringEvent ?? 'ring_queue_event';
  let last = '';

  const respond = (type: string, code: number, msg: string, extra: Partial<WinCallResponse> = {}, state = client.state) => {
    const response: WinCallResponse = { code, msg, type, agStatus: agStatus(state), ...winCallActions(state), ...extra };
    last = JSON.stringify([response.agStatus, response.enableActions]);
    try {
      options.event_listener?.(response);
    } catch (error) {
      console.error('[Dialbar WinCall facade] event_listener threw', error);
    }
  };

  const STEP_EVENTS: Record<CallStep['kind'], (step: CallStep) => [string, string]> = {
    coming: (step) => [ringEvent, `Incoming call from ${step.call.number}`],
    dialing: (step) => ['ring_outbound_event', `Calling ${step.call.number}`],
    established: () => ['call_connected_event', 'Call connected'],
    released: () => ['call_done_event', 'Call ended'],
  };

  function follow(state: PageState): void {
    for (const step of steps.update(state.calls)) {
      const [type, msg] = STEP_EVENTS[step.kind](step);
      respond(type, OK, msg, { callId: step.call.id }, state);
    }
    const now = JSON.stringify([agStatus(state), winCallActions(state).enableActions]);
    if (now !== last) respond('status_event', OK, agStatus(state), {}, state);
  }

  /** Runs an operation and answers with `<name>_action`; never throws. */
  function operation(name: string, run: () => Promise<unknown>): Promise<void> {
    return Promise.resolve()
      .then(run)
      .then(
        () => respond(`${name}_action`, OK, 'ok'),
        (error: unknown) => {
          const record = typeof error === 'object' && error !== null ? (error as { code?: unknown; message?: unknown }) : {};
          const code = typeof record.code === 'string' ? record.code : 'dialbar-error';
          const message = typeof record.message === 'string' ? record.message : String(error);
          respond(`${name}_action`, REFUSED, message, { error: { code, message } });
        },
      );
  }
  const refuse = (message: string) => () => Promise.reject(Object.assign(new Error(message), { code: 'not-in-dialbar' }));
  const calls = () => client.state?.calls ?? [];
  const front = () => frontCall(calls())?.id;
  const dial = (called: unknown, caller: unknown) => {
    const number = called == null ? '' : String(called).trim();
    if (number === '') return Promise.reject(Object.assign(new Error('Enter the number to call.'), { code: 'no-number' }));
    return client.dial(number, caller ? { callerId: String(caller) } : {});
  };

  let stops: (() => void)[] = [];
  return {
    /** 001's init(): starts listening; the first response tells the current state. */
    init(): void {
      if (stops.length > 0) return;
      stops = [client.on('state', (event) => follow(event.state)), client.on('error', (event) => respond('error_event', REFUSED, event.error.message))];
      if (client.state) follow(client.state);
    },
    fn_login: (..._args: unknown[]) => operation('login', refuse('Sign in from Dialbar’s toolbar button.')),
    fn_logout: () => operation('logout', refuse('Sign out from Dialbar’s toolbar button.')),
    fn_unbusy: () => operation('unbusy', () => client.setAgentState('ready')),
    fn_busy: (reason?: string | number) =>
      operation('busy', () => client.setAgentState('notReady', reason === undefined ? undefined : (options.busy_reasons?.[reason] ?? String(reason)))),
    fn_answer: () => operation('answer', () => client.answer(ringingInbound(calls())?.id)),
    fn_hangup: () => operation('hangup', () => client.hangup(front())),
    fn_hold: () => operation('hold', () => client.hold(front())),
    fn_restore: () => operation('restore', () => client.resume(front())),
    fn_dialouter: (called: string, caller?: string, _queId?: unknown) => operation('callouter', () => dial(called, caller)),
    fn_dialinner: (agentId: string, caller?: string) => operation('callinner', () => dial(agentId, caller)),
    fn_dtmf: (digits: string | number) => operation('dtmf', () => client.sendDtmf(String(digits), front())),
    fn_bindtrans: (called: string, _caller?: string) => operation('blindtrans', () => client.transfer(String(called), front())),
    /** 001's call parameters: Caller, Called, CallId; any other name reads the call's `X-` call data. */
    fn_getParam(param: string): string {
      const call = frontCall(calls());
      if (!call) return '';
      if (param === 'CallId') return call.id;
      if (param === 'Caller') return call.direction === 'incoming' ? call.number : '';
      if (param === 'Called') return call.direction === 'outgoing' ? call.number : '';
      return call.callData[param] ?? '';
    },
    /** Stops listening (the client stays open). */
    destroy(): void {
      for (const stop of stops) stop();
      stops = [];
    },
  };
}

export type WinCallFacade = ReturnType<typeof createWinCall>;
