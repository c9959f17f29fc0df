import type { CallSnapshot, DialAllowance } from '../contract/snapshot';
import { userError } from '../errors';
import { type AgentState, isUnavailable } from '../machines/agent-machine';
import { callMachine, isConnected } from '../machines/call-machine';
import { canTransition } from '../machines/machine';
import type { UnavailableCode } from '../settings/agent-settings';

/**
 * How many calls the one user agent holds at once, and what that means for a new call in
 * either direction. This is the one place the rule lives: call control (hold, consult, call
 * waiting) lifts it here, and every context reads its effect from the snapshot.
 */
export const MAX_LIVE_CALLS = 2;
/** Outgoing calls: one live call at a time, except a consult call (see `consultAllowance`). */
export const MAX_LIVE_CALLS_TO_DIAL = 1;

/** The account settings the line policy reads. */
export interface LineSettings {
  /** A second inbound call while one is connected rings (call waiting) instead of hearing busy. */
  callWaiting: boolean;
  /** What a declined waiting call hears: 486 Busy Here or 603 Decline. */
  waitingDeclineCode: 486 | 603;
  /** Auto-answer after this many seconds; 0 = off. */
  autoAnswerSeconds: number;
  /** An INVITE may ask for auto-answer (Call-Info answer-after, Alert-Info auto answer). */
  autoAnswerByHeader: boolean;
  /** While the agent is Not ready or in after-call work, new inbound calls hear `unavailableCode` ('reject') or ring. */
  whenUnavailable?: 'reject' | 'ring';
  unavailableCode?: UnavailableCode;
}

/** The agent desk's part of the line rules: its state, and whether the person signed out on purpose. */
export interface AgentLine {
  state: AgentState;
  /** Signed out by the person's own click (not a refused or never-started sign-in). */
  signedOutByChoice: boolean;
}

/**
 * May a new outgoing call start beside these live calls? A dial while the phone is signed out
 * signs in first, unless the agent signed out by their own click: then only Sign in dials again.
 * Not ready and after-call work may dial out (most call centres allow it: a callback on a
 * break, a follow-up while wrapping up); the agent's state only decides who may ring in.
 */
export function dialAllowance(configured: boolean, live: readonly CallSnapshot[], agent: AgentLine | null = null): DialAllowance {
  if (!configured) return { allowed: false, refusal: userError('not-configured') };
  if (agent?.state === 'signedOut' && agent.signedOutByChoice) return { allowed: false, refusal: userError('agent-signed-out') };
  if (live.length >= MAX_LIVE_CALLS_TO_DIAL) return { allowed: false, refusal: userError('call-in-progress') };
  return { allowed: true, refusal: null };
}

/**
 * May a consult call start about `originId`? The one exception to one outgoing call at a time:
 * beside exactly that call (connected, alone on the line), so the line never holds more than
 * MAX_LIVE_CALLS.
 */
export function consultAllowance(live: readonly CallSnapshot[], originId: string): DialAllowance {
  const origin = live.find((c) => c.id === originId);
  if (!origin || !isConnected(origin.state)) return { allowed: false, refusal: userError('invalid-state') };
  if (live.length !== 1 || live.length + 1 > MAX_LIVE_CALLS) return { allowed: false, refusal: userError('consult-in-progress') };
  return { allowed: true, refusal: null };
}

/**
 * What a new incoming call gets: it rings, or the caller hears busy instead of interrupting.
 * While the agent is Not ready or in after-call work, it hears the configured code (486 by
 * default) unless the agent lets calls ring then. Beside one connected call it waits (rings
 * softly) when call waiting is on; beside a call that is not connected yet, or beside two
 * calls, it hears busy.
 */
export function incomingDisposition(
  live: readonly CallSnapshot[],
  settings: LineSettings,
  agent: AgentState | null = null,
): { ring: true; waiting: boolean } | { ring: false; sipStatus: 486 | UnavailableCode } {
  if (agent !== null && isUnavailable(agent) && (settings.whenUnavailable ?? 'reject') === 'reject') {
    return { ring: false, sipStatus: settings.unavailableCode ?? 486 };
  }
  if (live.length === 0) return { ring: true, waiting: false };
  const [first] = live;
  const waits = live.length < MAX_LIVE_CALLS && settings.callWaiting && first !== undefined && isConnected(first.state);
  return waits ? { ring: true, waiting: true } : { ring: false, sipStatus: 486 };
}

/** The status a declined incoming call hears: a waiting call's by the setting, else 603 Decline. */
export function declineStatus(othersLive: number, settings: LineSettings): 486 | 603 {
  return othersLive > 0 ? settings.waitingDeclineCode : 603;
}

/** Answering beside a talking call holds that call first (call waiting). */
export function callsToHoldBeforeAnswer(others: readonly CallSnapshot[]): CallSnapshot[] {
  return others.filter((c) => c.allowed.includes('HOLD'));
}

/** Swap: exactly two live calls, one held by us and one talking; returns them, else null. */
export function swapPair(live: readonly CallSnapshot[]): { talking: CallSnapshot; held: CallSnapshot } | null {
  if (live.length !== 2) return null;
  const talking = live.find((c) => c.state === 'talking');
  const held = live.find((c) => c.state === 'held');
  return talking && held ? { talking, held } : null;
}

/** A call is waiting: it rings beside a connected call (the soft ring plays). */
export function hasWaitingCall(live: readonly CallSnapshot[]): boolean {
  return live.some((c) => c.state === 'incoming') && live.some((c) => isConnected(c.state));
}

/**
 * After how many seconds a ringing incoming call is answered by itself, or null for never.
 * `requested`: what the INVITE asked for (seconds), honoured only when the setting allows it;
 * otherwise the account's own delay (0 = off). Auto-answer never answers beside another live
 * call: it would put a connected call on hold (or join a call being set up) without the agent.
 * The engine asks again when the time comes, with the calls live then.
 */
export function autoAnswerDelay(
  othersLive: readonly CallSnapshot[],
  settings: LineSettings,
  requested: number | null,
): number | null {
  if (othersLive.length > 0) return null;
  if (requested !== null && settings.autoAnswerByHeader) return requested;
  return settings.autoAnswerSeconds > 0 ? settings.autoAnswerSeconds : null;
}

/**
 * The line settings in force for the agent's state now: auto-answer only while the agent is Ready.
 * Not ready, after-call work and signed out never answer by themselves, not even when the agent
 * lets calls ring then (the call rings for the person to decide) or the INVITE asks for it. The
 * call book reads these when a call rings and again when its auto-answer time comes, so a Ready
 * agent who goes Not ready meanwhile is not answered for. `agent` null: no agent desk (tests).
 */
export function lineSettingsFor(settings: LineSettings, agent: AgentState | null): LineSettings {
  if (agent === null || agent === 'ready') return settings;
  return { ...settings, autoAnswerSeconds: 0, autoAnswerByHeader: false };
}

/**
 * Merge into a three-way conference: exactly two live calls, both connected and each accepting
 * MERGE by its own table (talking, or held by us); returns them, else null.
 */
export function mergePair(live: readonly Pick<CallSnapshot, 'id' | 'state'>[]): [string, string] | null {
  if (live.length !== 2) return null;
  const [first, second] = live;
  const joins = (c: Pick<CallSnapshot, 'state'> | undefined) => c !== undefined && canTransition(callMachine, c.state, 'MERGE');
  return first && second && joins(first) && joins(second) ? [first.id, second.id] : null;
}
