import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type { AgentCommandRequest } from '../contract/protocol';
import type { AgentSnapshot, Snapshot } from '../contract/snapshot';
import type { AgentState } from '../machines/agent-machine';
import { request } from '../messaging/client';
import type { RuntimePort } from '../messaging/runtime-port';
import { errorText, reasonWords, t } from './i18n';
import { formatDuration } from './words';

/** An agent state in words, in the page's language. */
export function agentWords(state: AgentState): string {
  return t(`agent.${state}`);
}

/** The header's colour: green Ready, red Not ready, amber wrap-up, blue Busy, grey signed out. */
export type AgentTone = 'ready' | 'not-ready' | 'after-call' | 'busy' | 'off';

export interface AgentView {
  state: AgentState;
  busy: boolean;
  tone: AgentTone;
  /** "Ready", "Not ready: Lunch", "Busy (in a call)", "After-call work". */
  words: string;
  /** Time in state (mm:ss, h:mm:ss), counted from the snapshot's `since` by this context's clock. */
  timeInState: string;
  /** "00:12 left" while a wrap-up timer runs. */
  wrapUpLeft: string | null;
  reasons: string[];
  canReady: boolean;
  canNotReady: boolean;
  canEndWrapUp: boolean;
}

export interface AgentModel {
  view: ReadonlySignal<AgentView | null>;
  /** The reason the Not ready button will send: the chosen one, else the first of the list. */
  reason: ReadonlySignal<string>;
  pending: ReadonlySignal<boolean>;
  error: ReadonlySignal<string | null>;
  setReason(reason: string): void;
  ready(): Promise<void>;
  notReady(): Promise<void>;
  endWrapUp(): Promise<void>;
}

export function agentView(agent: AgentSnapshot, now: number, pending: boolean): AgentView {
  const tone: AgentTone = agent.busy
    ? 'busy'
    : agent.state === 'ready'
      ? 'ready'
      : agent.state === 'notReady'
        ? 'not-ready'
        : agent.state === 'afterCall' || agent.state === 'afterCallNotReady'
          ? 'after-call'
          : 'off';
  const base = agentWords(agent.state);
  const withReason = agent.state === 'notReady' && agent.reason ? t('agent.withReason', { state: base, reason: reasonWords(agent.reason) }) : base;
  return {
    state: agent.state,
    busy: agent.busy,
    tone,
    words: agent.busy ? t('agent.busy', { state: withReason }) : withReason,
    timeInState: formatDuration(Math.max(0, now - agent.since)),
    wrapUpLeft: agent.wrapUpEndsAt === null ? null : t('agent.wrapUpLeft', { time: formatDuration(Math.max(0, agent.wrapUpEndsAt - now)) }),
    reasons: agent.reasons,
    canReady: !pending && agent.allowed.includes('READY'),
    canNotReady: !pending && agent.allowed.includes('NOT_READY') && agent.reasons.length > 0,
    canEndWrapUp: !pending && agent.allowed.includes('END_WRAP_UP'),
  };
}

/** The popup's agent status header: the snapshot's agent part in words, and its three commands. */
export function createAgentModel(deps: {
  runtime: RuntimePort;
  snapshot: ReadonlySignal<Snapshot | null>;
  now: ReadonlySignal<number>;
}): AgentModel {
  const chosen = signal<string | null>(null);
  const pending = signal(false);
  const error = signal<string | null>(null);
  const agent = computed(() => deps.snapshot.value?.agent ?? null);
  const view = computed(() => (agent.value ? agentView(agent.value, deps.now.value, pending.value) : null));
  const reason = computed(() => {
    const reasons = agent.value?.reasons ?? [];
    return chosen.value !== null && reasons.includes(chosen.value) ? chosen.value : (reasons[0] ?? '');
  });

  async function send(command: AgentCommandRequest): Promise<void> {
    if (pending.peek()) return;
    pending.value = true;
    error.value = null;
    try {
      await request(deps.runtime, 'background.setAgentState', command);
    } catch (failure) {
      error.value = errorText(failure);
    } finally {
      pending.value = false;
    }
  }

  return {
    view,
    reason,
    pending,
    error,
    setReason(value) {
      chosen.value = value;
    },
    ready: () => (view.peek()?.canReady ? send({ command: 'READY' }) : Promise.resolve()),
    notReady: () => (view.peek()?.canNotReady ? send({ command: 'NOT_READY', reason: reason.peek() }) : Promise.resolve()),
    endWrapUp: () => (view.peek()?.canEndWrapUp ? send({ command: 'END_WRAP_UP' }) : Promise.resolve()),
  };
}
