/**
 * WinCall's (001) operation names, enabled or disabled from Dialbar's `allowed` lists. One row per
 * 001 operation says where its answer comes from: a command of the call in front (its `allowed`),
 * of the inbound call ringing, of the agent (`agent.allowed`), the line policy's dial answer, or
 * nothing (no Dialbar counterpart a page may use: always disabled). Imports only the client's types.
 */
import { frontCall, ringingInbound } from './front-call';
import type { PageAgentCommand, PageState } from './types';

/** 001's operations, in its table's order ("操作类型"). */
export const WINCALL_ACTIONS = [
  'login',
  'logout',
  'dialinner',
  'dialouter',
  'hangup',
  'answer',
  'consultinner',
  'consultouter',
  'consultback',
  'busy',
  'unbusy',
  'hold',
  'restore',
  'transfer',
  'threeway',
  'threewayback',
  'chanspy',
  'intercept',
  'breakin',
  'evaluate',
  'enable_autocall',
  'disable_autocall',
  'transivr',
  'transque',
  'blindtrans',
] as const;
export type WinCallAction = (typeof WINCALL_ACTIONS)[number];

export type ActionSource =
  | { call: string }
  | { ringing: string }
  | { agent: PageAgentCommand }
  | { dial: true }
  | null;

/** Where each 001 operation's enabled state comes from. */
export const WINCALL_ACTION_SOURCES: Readonly<Record<WinCallAction, ActionSource>> = {
  // The person signs in and out in Dialbar's popup; a page cannot.
  login: null,
  logout: null,
  dialinner: { dial: true },
  dialouter: { dial: true },
  hangup: { call: 'HANGUP' },
  answer: { ringing: 'ANSWER' },
  // A consult (and so a transfer or three-way after it) is the popup's; the page API has none.
  consultinner: null,
  consultouter: null,
  consultback: null,
  busy: { agent: 'NOT_READY' },
  unbusy: { agent: 'READY' },
  hold: { call: 'HOLD' },
  restore: { call: 'RESUME' },
  transfer: null,
  threeway: null,
  threewayback: null,
  // Supervisor, IVR, queue and predictive-dialer operations: no Dialbar counterpart.
  chanspy: null,
  intercept: null,
  breakin: null,
  evaluate: null,
  enable_autocall: null,
  disable_autocall: null,
  transivr: null,
  transque: null,
  // A blind transfer is a REFER on the call in front.
  blindtrans: { call: 'TRANSFER' },
};

function enabled(source: ActionSource, state: PageState): boolean {
  if (source === null) return false;
  if ('dial' in source) return state.dial.allowed;
  if ('agent' in source) return state.agent.allowed.includes(source.agent);
  if ('ringing' in source) return ringingInbound(state.calls)?.allowed.includes(source.ringing) ?? false;
  return frontCall(state.calls)?.allowed.includes(source.call) ?? false;
}

/** 001's enableActions and disableActions for a Dialbar state (all disabled before the first state). */
export function winCallActions(state: PageState | null): { enableActions: WinCallAction[]; disableActions: WinCallAction[] } {
  const enableActions = state ? WINCALL_ACTIONS.filter((action) => enabled(WINCALL_ACTION_SOURCES[action], state)) : [];
  const disableActions = WINCALL_ACTIONS.filter((action) => !enableActions.includes(action));
  return { enableActions, disableActions };
}
