import type { Snapshot } from '../contract/snapshot';
import { onBroadcast } from './broadcast';
import { request } from './client';
import type { RuntimePort } from './runtime-port';

/**
 * The current engine snapshot at once, then every change: asks the service worker for the
 * snapshot and listens to the offscreen document's broadcasts, keeping the newest by
 * (engine, seq). Broadcasts come straight from the offscreen document, so they keep flowing
 * while the service worker is stopped.
 */
export function subscribeSnapshot(
  runtime: RuntimePort,
  onSnapshot: (snapshot: Snapshot) => void,
  onError: (error: unknown) => void,
): () => void {
  let latest: Snapshot | null = null;
  const accept = (next: Snapshot) => {
    if (latest && latest.engineId === next.engineId && next.seq <= latest.seq) return;
    latest = next;
    onSnapshot(next);
  };
  const stop = onBroadcast(runtime, 'offscreen.snapshot', accept);
  request(runtime, 'background.getSnapshot', null).then(accept, onError);
  return stop;
}
