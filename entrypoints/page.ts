/**
 * Dialbar page script: finds phone numbers in a page or frame and makes them callable, and runs
 * the page API bridge and the seed shims. It is not in every frame: the page bootstrap
 * (entrypoints/boot.ts) asks the service worker to inject it into a frame once that frame holds
 * something callable or a page API client says `connect`; on the page API's allowed origins the
 * worker registers it for every frame (src/background/page-script-registration.ts). Its style
 * (public/page.css, the `dialbar-phone` highlight) is listed in the manifest beside the bootstrap.
 * It is an unlisted script on `chrome` directly, not a WXT content script: the WXT context (its
 * start-up postMessage and listeners) and the browser polyfill cost every frame that loads it.
 * It never rewrites the page: numbers are marked with the CSS Custom Highlight API and the only
 * element it adds is one <dialbar-card> host (closed shadow root) for the hover card.
 *
 * Sites can opt out:
 *   - the whole document: <meta name="dialbar" content="off">
 *   - one part of a page: class="dialbar-off" on an element (its subtree is skipped)
 *
 * This file only wires; the features live in src/content/ (scan/, card/, dial/ over a small core).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { findPhoneNumbers } from '../src/detect';
import { installDebugHook } from '../src/content/debug-hook';
import { debugLog } from '../src/content/debug-log';
import { hoverCardFeature } from '../src/content/card/hover-card-feature';
import { scanFeature } from '../src/content/scan/scan-feature';
import { blobWorkerStarter } from '../src/content/scan/worker-starter';
import { watchForOrphan } from '../src/content/orphan-watch';
import { startSession } from '../src/content/session';
import { telLinkFeature } from '../src/content/dial/tel-link-feature';
import { claimWorld, connectHeard } from '../src/content/world-flag';
import { contentScriptApi } from '../src/platform';
import { startPageBridge } from '../src/content/page-api/page-bridge';
import { startWorkbenchKeys } from '../src/content/shims/workbench-key-feature';

const features = [scanFeature, hoverCardFeature, telLinkFeature];

export default defineUnlistedScript({
  main() {
    try {
      // Read on each use: an orphaned copy (extension reloaded) has no runtime id any more.
      const runtimeId = () => globalThis.chrome?.runtime?.id;
      const life = claimWorld(() => runtimeId() != null);
      if (!life) return;
      watchForOrphan(life, { runtimeId, onInvalidated: () => {}, target: window });
      const api = contentScriptApi(chrome);
      startSession(
        {
          ...api,
          detect: findPhoneNumbers,
          workerStarter: blobWorkerStarter(chrome.runtime.getURL('/detect-worker.js')),
          features,
          doc: document,
          host: location.hostname,
          language: navigator.language,
          log: debugLog,
          onContext: installDebugHook(),
        },
        life.signal,
      ).catch((error: unknown) => debugLog('session', error));
      const activated = () => navigator.userActivation?.isActive ?? false;
      // The page API runs whatever the detection settings say: it answers only allowed origins.
      startPageBridge({ ...api, win: window, origin: location.origin, activated, connectHeard, log: debugLog }, life.signal).catch((error: unknown) =>
        debugLog('page bridge', error),
      );
      // The workbench SDK's localStorage keys, on origins whose seed shims are on.
      startWorkbenchKeys({ ...api, win: window, origin: location.origin, activated, log: debugLog }, life.signal).catch((error: unknown) =>
        debugLog('workbench keys', error),
      );
    } catch (error) {
      debugLog('main', error);
    }
  },
});
