import type { PhoneMatch } from './pieces';
import { packReply, readRequest } from './worker-wire';

/** What the worker's global scope gives this (a DedicatedWorkerGlobalScope, or a stand-in in tests). */
export interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/**
 * The detection worker's loop: each request is detected and answered in order. A request that is
 * not one, or a detector that throws, gets an error reply, so the page script detects that batch
 * itself and nothing is lost.
 */
export function serveDetect(scope: WorkerScope, detect: (text: string, opts: { defaultCountry: string }) => readonly PhoneMatch[], now: () => number): void {
  scope.addEventListener('message', (event) => {
    const request = readRequest(event.data);
    const id = typeof (event.data as { id?: unknown } | null)?.id === 'number' ? (event.data as { id: number }).id : -1;
    if (!request) {
      if (id >= 0) scope.postMessage({ id, error: 'bad-request' }, []);
      return;
    }
    try {
      const started = now();
      const found = detect(request.text, { defaultCountry: request.country });
      const reply = packReply(request.id, found, now() - started);
      scope.postMessage(reply, 'triples' in reply ? [reply.triples.buffer] : []);
    } catch (error) {
      scope.postMessage({ id: request.id, error: error instanceof Error ? error.name : 'detect-failed' }, []);
    }
  });
}
