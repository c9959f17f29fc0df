import type { ContentSnapshot, Snapshot } from '../contract/snapshot';
import { onBroadcast } from './broadcast';
import { request } from './client';
import type { RuntimePort } from './runtime-port';

interface Numbered {
  engineId: string;
  seq: number;
}

/** Whether `next` is newer than `latest`: a snapshot of another engine (a new document) restarts the order. */
export function isNewer(latest: Numbered | null, next: Numbered): boolean {
  return latest === null || latest.engineId !== next.engineId || next.seq > latest.seq;
}

function follow<T extends Numbered>(
  listen: (accept: (next: T) => void) => () => void,
  fetch: () => Promise<T>,
  onSnapshot: (snapshot: T) => void,
  onError: (error: unknown) => void,
): () => void {
  let latest: T | null = null;
  const accept = (next: T) => {
    if (!isNewer(latest, next)) return;
    latest = next;
    onSnapshot(next);
  };
  const stop = listen(accept);
  fetch().then(accept, onError);
  return stop;
}

/**
 * The current snapshot at once, then every change: asks the service worker for the snapshot and
 * listens to the offscreen document's broadcasts, keeping the newest by (engine, seq).
 * Broadcasts come straight from the offscreen document, so they keep flowing while the service
 * worker is stopped.
 */
export function subscribeSnapshot(
  runtime: RuntimePort,
  onSnapshot: (snapshot: Snapshot) => void,
  onError: (error: unknown) => void,
): () => void {
  return follow(
    (accept) => onBroadcast(runtime, 'offscreen.snapshot', accept),
    () => request(runtime, 'background.getSnapshot', null),
    onSnapshot,
    onError,
  );
}

/**
 * A content script's view of the snapshot, then every change of it: subscribes this frame with
 * the service worker, which pushes to it on every snapshot until the frame goes away.
 */
export function subscribeContentSnapshot(
  runtime: RuntimePort,
  onSnapshot: (snapshot: ContentSnapshot) => void,
  onError: (error: unknown) => void,
): () => void {
  return follow(
    (accept) => onBroadcast(runtime, 'background.contentSnapshot', accept),
    () => request(runtime, 'background.subscribe', null),
    onSnapshot,
    onError,
  );
}
