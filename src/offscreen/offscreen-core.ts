import type { EngineRecord } from '../contract/protocol';
import type { Snapshot } from '../contract/snapshot';
import { type EngineDeps, SoftphoneEngine } from '../engine/engine';
import { createOffscreenHandlers } from './handlers';
import { SnapshotComposer } from './snapshot-composer';

export interface OffscreenCoreDeps extends Omit<EngineDeps, 'changed' | 'keep'> {
  defer(callback: () => void): void;
  publish(snapshot: Snapshot): void;
  /** Hands the worker what a replacement engine needs (it keeps it in storage.session). */
  keep?(record: EngineRecord): void;
}

/** The offscreen document's parts, put together: the snapshot composer, the engine, and their handlers. */
export function createOffscreenCore(deps: OffscreenCoreDeps) {
  const { defer, publish, keep, ...engineDeps } = deps;
  const composer = new SnapshotComposer({ id: deps.newId(), defer, publish });
  const engine = new SoftphoneEngine({
    ...engineDeps,
    changed: () => composer.changed(),
    ...(keep ? { keep: (record: Omit<EngineRecord, 'engineId'>) => keep({ engineId: composer.id, ...record }) } : {}),
  });
  composer.attach({ phone: engine, agent: { read: () => engine.readAgent() } });
  return { composer, engine, handlers: createOffscreenHandlers(engine, composer) };
}
