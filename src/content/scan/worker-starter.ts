import { realm } from '../realm';
import type { WorkerStarter } from './worker-detector';

/**
 * Starts the detection worker from a blob of its file (`scriptUrl`, a web-accessible resource): a
 * content script may not start a worker from an extension URL, and the blob takes the page's
 * origin, so the page's CSP decides (worker-detector.ts falls back where it forbids it). Null
 * where the frame has no Worker, fetch or blob URLs.
 */
export function blobWorkerStarter(scriptUrl: string): WorkerStarter | null {
  const { Worker, Blob, fetch, createObjectURL, revokeObjectURL } = realm;
  if (!Worker || !Blob || !fetch || !createObjectURL || !revokeObjectURL) return null;
  return {
    async load() {
      const response = await fetch(scriptUrl);
      if (!response.ok) throw new Error(`detect-worker-http-${response.status}`);
      return createObjectURL(new Blob([await response.blob()], { type: 'text/javascript' }));
    },
    start: (url) => new Worker(url, { name: 'dialbar-detect' }),
    release: (url) => revokeObjectURL(url),
  };
}
