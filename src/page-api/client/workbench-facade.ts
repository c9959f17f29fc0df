/**
 * A facade with the Alibaba Cloud workbench SDK's method names and hooks (002, sections 4 and 5)
 * over a `DialbarClient`, so a CRM written for `new WorkbenchSdk({...hooks})` keeps its hooks and
 * calls. Hooks are derived from the client's state (see call-steps.ts); for one change they fire
 * in this order: the call hooks (onCallComing / onCallDialing, onCallEstablish, onCallRelease then
 * onHangUp), the agent hooks (onRegister, onLogIn, onLogOut, onReady, onBreak), onStatusChange.
 * Methods never throw: a refusal goes to onErrorNotify with Dialbar's sentence, and the returned
 * promise rejects with it too (handled already, so ignoring it logs nothing).
 */
import { CallSteps, type CallStep } from './call-steps';
import { frontCall, ringingInbound } from './front-call';
import type { DialbarClient, PageCall, PageState } from './types';
import { type WorkbenchCode, workbenchStatus, workbenchStatusWord } from './workbench-status';

/** 002's onErrorNotify argument. */
export interface WorkbenchError {
  errorApi: string;
  errorCode: string;
  errorMsg: string;
  errorMsgTip: string;
  requestId: string;
}

/** 002's privateData of onCallEstablish / onCallRelease. */
export interface WorkbenchPrivateData {
  acid: string;
  adacc: string;
  dnis: string;
  data: Record<string, string>;
  skillgroupname: string;
}

export type HangUpType = 'ringing' | 'dialing' | 'inbound' | 'outbound';

/** 002's hooks. A last extra argument, Dialbar's call, is there for integrations that want more. */
export interface WorkbenchHooks {
  onInit?(): void;
  onRegister?(config: Record<string, never>): void;
  onCallComing?(connid: string, caller: string, callee: string, contactId: string, skillgroupId: string, call: PageCall): void;
  onCallDialing?(connid: string, caller: string, callee: string, contactId: string, call: PageCall): void;
  onCallEstablish?(connid: string, caller: string, privateData: WorkbenchPrivateData, call: PageCall): void;
  onCallRelease?(connid: string, caller: string, privateData: WorkbenchPrivateData, call: PageCall): void;
  onHangUp?(type: HangUpType): void;
  onStatusChange?(code: WorkbenchCode, lastCode: WorkbenchCode, context: { connid: string }): void;
  onErrorNotify?(error: WorkbenchError): void;
  onLogIn?(): void;
  onLogOut?(): void;
  onBreak?(): void;
  onReady?(type?: string): void;
}

/** 002's config: its hooks; its other options (dom, instanceId, ajax…) are accepted and unused. */
export type WorkbenchConfig = WorkbenchHooks & Record<string, unknown>;

/** onHangUp's type, by direction and whether the call was established (002, hook 33). */
export const HANG_UP_TYPES: Readonly<Record<PageCall['direction'], { answered: HangUpType; unanswered: HangUpType }>> = {
  incoming: { answered: 'inbound', unanswered: 'ringing' },
  outgoing: { answered: 'outbound', unanswered: 'dialing' },
};

/** The codes after which 002 calls onLogIn (leaving these) and onLogOut (entering 1). */
const OFF_CODES: readonly WorkbenchCode[] = [-1, 0, 1];

export interface WorkbenchFacade {
  call(callee: string, caller?: string, publicKey?: string, useVirNumCall?: boolean): Promise<{ callId: string }>;
  hangUp(): Promise<void>;
  answer(): Promise<void>;
  ready(): Promise<void>;
  applyForBreak(breakId?: number | string, breakName?: string): Promise<void>;
  callHold(): Promise<void>;
  callRetrieve(): Promise<void>;
  sendDtmf(number: string | number): Promise<void>;
  getStatusCode(): { code: WorkbenchCode; lastCode: WorkbenchCode };
  getStatus(): string;
  /** Stops the hooks (the client stays open). */
  destroy(): void;
}

function refusal(errorApi: string, error: unknown): WorkbenchError {
  const record = typeof error === 'object' && error !== null ? (error as { code?: unknown; message?: unknown }) : {};
  const errorCode = typeof record.code === 'string' ? record.code : 'dialbar-error';
  const errorMsg = typeof record.message === 'string' ? record.message : String(error);
  return { errorApi, errorCode, errorMsg, errorMsgTip: errorMsg, requestId: '' };
}

/** A refusal the facade itself gives (before asking Dialbar), with 002's code where it has one. */
class FacadeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function createWorkbench(client: DialbarClient, config: WorkbenchConfig = {}): WorkbenchFacade {
  const hooks: WorkbenchHooks = config;
  const steps = new CallSteps();
  let code: WorkbenchCode = workbenchStatus(null);
  let lastCode: WorkbenchCode = code;
  let registered = false;
  /** Caller ids given to call(), so 002's `caller` of an outgoing call's hooks can be filled. */
  const callerIds = new Map<string, string>();

  const safely = (run: () => void) => {
    try {
      run();
    } catch (error) {
      console.error('[Dialbar workbench facade] a hook threw', error);
    }
  };
  const callerOf = (call: PageCall) => (call.direction === 'incoming' ? call.number : (callerIds.get(call.id) ?? ''));
  const privateData = (call: PageCall): WorkbenchPrivateData => ({
    acid: call.id,
    adacc: '',
    dnis: call.direction === 'outgoing' ? call.number : '',
    data: { ...call.callData },
    skillgroupname: '',
  });

  function callHook(step: CallStep): void {
    const { call } = step;
    if (step.kind === 'coming') safely(() => hooks.onCallComing?.(call.id, call.number, '', call.id, '', call));
    else if (step.kind === 'dialing') safely(() => hooks.onCallDialing?.(call.id, callerOf(call), call.number, call.id, call));
    else if (step.kind === 'established') safely(() => hooks.onCallEstablish?.(call.id, callerOf(call), privateData(call), call));
    else if (step.kind === 'released') {
      safely(() => hooks.onCallRelease?.(call.id, callerOf(call), privateData(call), call));
      const type = HANG_UP_TYPES[call.direction][step.answered ? 'answered' : 'unanswered'];
      safely(() => hooks.onHangUp?.(type));
      callerIds.delete(call.id);
    }
  }

  function follow(state: PageState): void {
    for (const step of steps.update(state.calls)) callHook(step);
    const nowRegistered = state.registration.state === 'registered';
    if (nowRegistered && !registered) safely(() => hooks.onRegister?.({}));
    registered = nowRegistered;
    const next = workbenchStatus(state);
    if (next === code) return;
    lastCode = code;
    code = next;
    if (OFF_CODES.includes(lastCode) && !OFF_CODES.includes(code)) safely(() => hooks.onLogIn?.());
    if (code === 1) safely(() => hooks.onLogOut?.());
    if (code === 3) safely(() => hooks.onReady?.());
    if (code === 4) safely(() => hooks.onBreak?.());
    const connid = frontCall(state.calls)?.id ?? '';
    safely(() => hooks.onStatusChange?.(code, lastCode, { connid }));
  }

  const stops = [
    client.on('state', (event) => follow(event.state)),
    client.on('error', (event) => safely(() => hooks.onErrorNotify?.(refusal('dialbar', event.error)))),
  ];

  /** Runs a command; a refusal reaches onErrorNotify and rejects the (already handled) promise. */
  function command<T>(errorApi: string, run: () => Promise<T>): Promise<T> {
    const result = Promise.resolve().then(run);
    result.catch((error: unknown) => safely(() => hooks.onErrorNotify?.(refusal(errorApi, error))));
    return result;
  }
  const calls = () => client.state?.calls ?? [];
  const front = () => frontCall(calls())?.id;

  safely(() => hooks.onInit?.());
  if (client.state) follow(client.state);

  return {
    call: (callee, caller, publicKey) =>
      command('call', async () => {
        const number = callee == null ? '' : String(callee).trim();
        if (number === '') throw new FacadeError('no callee', 'Enter the number to call.');
        if (publicKey) throw new FacadeError('encrypted-callee', 'Dialbar cannot dial an encrypted number: pass the number itself.');
        const callerId = caller && caller !== 'auto' ? String(caller) : undefined;
        const placed = await client.dial(number, callerId ? { callerId } : {});
        if (callerId) callerIds.set(placed.callId, callerId);
        return placed;
      }),
    hangUp: () => command('hangUp', () => client.hangup(front())),
    answer: () => command('answer', () => client.answer(ringingInbound(calls())?.id)),
    ready: () => command('ready', () => client.setAgentState('ready')),
    applyForBreak: (breakId, breakName) =>
      command('applyForBreak', () => {
        const reasons = client.state?.agent.reasons ?? [];
        // 002's breakId is 1-5; without a name, the n-th of Dialbar's Not ready reasons.
        const reason = breakName || (breakId !== undefined ? reasons[Number(breakId) - 1] : undefined);
        return client.setAgentState('notReady', reason);
      }),
    callHold: () => command('callHold', () => client.hold(front())),
    callRetrieve: () => command('callRetrieve', () => client.resume(front())),
    sendDtmf: (digits) => command('sendDtmf', () => client.sendDtmf(String(digits), front())),
    getStatusCode: () => ({ code, lastCode }),
    getStatus: () => workbenchStatusWord(code),
    destroy: () => {
      for (const stop of stops) stop();
    },
  };
}
