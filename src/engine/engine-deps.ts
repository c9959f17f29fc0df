import type { EngineRecord } from '../contract/protocol';
import type { CallSnapshot } from '../contract/snapshot';
import type { AgentStore } from '../settings/agent-store';
import type { MixerGraph } from './conference/mixer';
import type { AudioSink, Microphone, SipStack } from './sip-stack';
import type { WaitingTone } from './waiting-tone';

/** What the softphone engine is given: the SIP stack, the media, time, and who is told of what. */
export interface EngineDeps {
  stack: SipStack;
  microphone: Microphone;
  audio: AudioSink;
  now(): number;
  newId(): string;
  setTimer(callback: () => void, ms: number): () => void;
  /** The soft ring of a waiting call; none in tests that do not look at it. */
  waitingTone?: WaitingTone;
  /** A Web Audio graph per conference (`() => new AudioContext()`); without one, calls are never merged. */
  mixerGraph?: () => MixerGraph;
  /** Where the agent's state outlives this document; none in tests that do not look at it. */
  agentStore?: AgentStore;
  /** The full ring of an inbound call on the ringer device (ringtone.ts); none in tests that do not look at it. */
  ringtone?: { set(ringing: boolean): void };
  /** Told after every change of what `read()` returns (the snapshot composer numbers and publishes it). */
  changed(): void;
  /** Told when what a replacement engine needs changes: signed in?, the connected calls' dialogs (kept in storage.session). */
  keep?(record: Omit<EngineRecord, 'engineId'>): void;
  /** Told once per ended call (the call history), with the agent state reason at that time. */
  callEnded?(call: CallSnapshot, agentReason: string | null): void;
  /** Overrides the agent desk's reason in the history (tests). */
  agentReason?(): string | null;
}
