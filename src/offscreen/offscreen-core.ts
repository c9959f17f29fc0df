import type { Snapshot } from '../contract/snapshot';
import { type EngineDeps, SoftphoneEngine } from '../engine/engine';
import type { AudioSettings } from './audio-settings';
import { BadgeTicker } from './badge-ticker';
import { createOffscreenHandlers } from './handlers';
import { SnapshotComposer } from './snapshot-composer';

export interface OffscreenCoreDeps extends Omit<EngineDeps, 'changed'> {
  defer(callback: () => void): void;
  publish(snapshot: Snapshot): void;
  /** Device choices, shared with microphone, call audio and ringtone; none in tests that do not look at them. */
  audioSettings?: AudioSettings;
  /** Sends the snapshot to the service worker for the badge's call timer (each second in a call). */
  tick?(snapshot: Snapshot): void;
}

/** The offscreen document's parts, put together: the snapshot composer, the engine, and their handlers. */
export function createOffscreenCore(deps: OffscreenCoreDeps) {
  const { defer, publish, audioSettings, tick, ...engineDeps } = deps;
  const ticker = tick ? new BadgeTicker({ snapshot: () => composer.snapshot(), tick, setTimer: deps.setTimer }) : null;
  const composer = new SnapshotComposer({
    id: deps.newId(),
    defer,
    publish: (snapshot) => {
      publish(snapshot);
      ticker?.published(snapshot);
    },
  });
  const engine = new SoftphoneEngine({ ...engineDeps, changed: () => composer.changed() });
  composer.attach({ phone: engine, ...(audioSettings ? { audio: audioSettings } : {}) });
  audioSettings?.listen(() => composer.changed());
  return { composer, engine, handlers: createOffscreenHandlers(engine, composer, audioSettings) };
}
