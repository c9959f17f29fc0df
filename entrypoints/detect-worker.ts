/**
 * Dialbar's detection worker: the page script starts it (from a blob of this file, fetched as a
 * web-accessible resource) on a page with a lot of text, and sends it its batches, so the
 * detector's share of a big scan runs off the page's main thread. Where the page's CSP forbids
 * blob workers the page script detects on its own (src/content/scan/worker-detector.ts).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { findPhoneNumbers } from '../src/detect';
import { serveDetect, type WorkerScope } from '../src/detect/worker-serve';

export default defineUnlistedScript({
  main() {
    serveDetect(globalThis as unknown as WorkerScope, findPhoneNumbers, () => performance.now());
  },
});
