import type { EngineRecord } from '../contract/protocol';
import type { Snapshot } from '../contract/snapshot';
import { type EngineDeps, SoftphoneEngine } from '../engine/engine';
import { CallHistory, createMemoryHistoryBackend, type HistoryBackend, historyEntryOf } from './call-history';
import { createOffscreenHandlers } from './handlers';
import { SnapshotComposer } from './snapshot-composer';

export interface OffscreenCoreDeps extends Omit<EngineDeps, 'changed' | 'keep' | 'callEnded'> {
  defer(callback: () => void): void;
  publish(snapshot: Snapshot): void;
  /** Hands the worker what a replacement engine needs (it keeps it in storage.session). */
  keep?(record: EngineRecord): void;
  /** Where the call history is kept (the extension's IndexedDB); memory when not given (tests). */
  history?: HistoryBackend;
}

/** The offscreen document's parts, put together: the snapshot composer, the engine, and their handlers. */
export function createOffscreenCore(deps: OffscreenCoreDeps) {
  const { defer, publish, keep, history: backend, ...engineDeps } = deps;
  const composer = new SnapshotComposer({ id: deps.newId(), defer, publish });
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
  composer.attach({ phone: engine, agent: { read: () => engine.readAgent() } });
  return { composer, engine, history, handlers: createOffscreenHandlers(engine, composer, history) };
}
