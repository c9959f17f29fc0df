import type { EngineRecord } from '../contract/protocol';
import type { Snapshot } from '../contract/snapshot';
import { type EngineDeps, SoftphoneEngine } from '../engine/engine';
import { CallHistory, createMemoryHistoryBackend, type HistoryBackend, historyEntryOf } from './call-history';
import type { AudioSettings } from './audio-settings';
import { BadgeTicker } from './badge-ticker';
import { createOffscreenHandlers } from './handlers';
import { SnapshotComposer } from './snapshot-composer';

export interface OffscreenCoreDeps extends Omit<EngineDeps, 'changed' | 'keep' | 'callEnded'> {
  defer(callback: () => void): void;
  publish(snapshot: Snapshot): void;
  /** Hands the worker what a replacement engine needs (it keeps it in storage.session). */
  keep?(record: EngineRecord): void;
  /** Where the call history is kept (the extension's IndexedDB); memory when not given (tests). */
  history?: HistoryBackend;
  /** Device choices, shared with microphone, call audio and ringtone; none in tests that do not look at them. */
  audioSettings?: AudioSettings;
  /** Sends the snapshot to the service worker for the badge's call timer (each second in a call). */
  tick?(snapshot: Snapshot): void;
}

/** The offscreen document's parts, put together: the snapshot composer, the engine, and their handlers. */
export function createOffscreenCore(deps: OffscreenCoreDeps) {
  const { defer, publish, keep, history: backend, audioSettings, tick, ...engineDeps } = deps;
  const ticker = tick ? new BadgeTicker({ snapshot: () => composer.snapshot(), tick, setTimer: deps.setTimer }) : null;
  const composer = new SnapshotComposer({
    id: deps.newId(),
    defer,
    publish: (snapshot) => {
      publish(snapshot);
      ticker?.published(snapshot);
    },
  });
  // Declared before the engine, which records into it when a call ends.
  const history: CallHistory = new CallHistory({
    backend: backend ?? createMemoryHistoryBackend(),
    limit: () => engine.historySettings.limit,
    onError: (error) => console.warn('Dialbar: a call could not be written to the history', error),
  });
  const engine: SoftphoneEngine = new SoftphoneEngine({
    ...engineDeps,
    changed: () => composer.changed(),
    callEnded: (call, agentReason) => history.record(historyEntryOf(call, agentReason)),
    ...(keep ? { keep: (record: Omit<EngineRecord, 'engineId'>) => keep({ engineId: composer.id, ...record }) } : {}),
  });
  composer.attach({ phone: engine, agent: { read: () => engine.readAgent() }, ...(audioSettings ? { audio: audioSettings } : {}) });
  audioSettings?.listen(() => composer.changed());
  return { composer, engine, history, handlers: createOffscreenHandlers(engine, composer, history, audioSettings) };
}
