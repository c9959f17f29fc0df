import { createOffscreenCore, type OffscreenCoreDeps } from '../../src/offscreen/offscreen-core';
import type { Snapshot } from '../../src/contract/snapshot';
import type { WaitingTone } from '../../src/engine/waiting-tone';
import type { Account } from '../../src/settings/account';
import { FakeAudioGraph } from './fake-audio-graph';
import { DEFAULT_AGENT_SETTINGS } from '../../src/settings/agent-settings';
import type { AgentStore } from '../../src/settings/agent-store';
import { FakeAudioSink, FakeMicrophone, FakeSipStack } from './fake-sip-stack';

export const ACCOUNT: Account = {
  wsUrl: 'ws://127.0.0.1:5066',
  sipUri: 'sip:agent@127.0.0.1',
  authUser: '',
  password: 'agent-secret',
  displayName: 'Agent',
  iceServers: [],
  autoSignIn: true,
  dialPlan: { outboundPrefix: '', homeCountry: 'US', internationalPrefix: '+' },
  dtmfTransport: 'rfc4733',
  callWaiting: true,
  waitingDeclineCode: 486,
  autoAnswerSeconds: 0,
  autoAnswerByHeader: false,
  displayNumber: '',
  displayNumberHeader: 'X-Display-Number',
  // Tests that are not about the agent desk take calls in any agent state and have no wrap-up.
  agentDesk: { ...DEFAULT_AGENT_SETTINGS, whenUnavailable: 'ring', afterCall: 'off' },
  historyLimit: 1000,
  historyMaskNumbers: false,
  dialPolicy: { blockedPrefixes: [], blockInternational: false, allowedNumbers: [], maxLength: 0 },
};

/**
 * An engine on fakes with a manual clock and timers the test fires; `mixerGraph: undefined` builds one without a
 * conference mixer; `tick` moves the clock by that many ms at every read, as a real clock moves while code runs.
 */
export function engineFixture(
  { tick = 0, ...options }: Pick<OffscreenCoreDeps, 'agentReason' | 'history'> & {
    tick?: number;
    waitingTone?: WaitingTone;
    mixerGraph?: undefined;
    keep?: OffscreenCoreDeps['keep'];
    agentStore?: AgentStore;
    ringtone?: { set(ringing: boolean): void };
  } = {},
) {
  const stack = new FakeSipStack();
  const microphone = new FakeMicrophone();
  const audio = new FakeAudioSink();
  const published: Snapshot[] = [];
  const timers: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];
  let now = 1_000;
  let ids = 0;
  /** Every conference's fake Web Audio graph, in order. */
  const graphs: FakeAudioGraph[] = [];
  const { engine, composer, handlers, history } = createOffscreenCore({
    stack,
    microphone,
    audio,
    now: () => {
      now += tick;
      return now;
    },
    newId: () => `id-${++ids}`,
    setTimer: (fn, ms) => {
      const timer = { at: now + ms, fn, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    defer: (fn) => fn(),
    publish: (s) => published.push(s),
    mixerGraph: () => {
      const graph = new FakeAudioGraph();
      graphs.push(graph);
      return graph;
    },
    ...options,
  });
  /** Moves the clock and fires due timers. */
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.splice(0)) {
      if (t.cancelled) continue;
      if (t.at <= now) t.fn();
      else timers.push(t);
    }
  };
  return { engine, composer, handlers, history, stack, microphone, audio, graphs, published, advance, last: () => published.at(-1) as Snapshot };
}
