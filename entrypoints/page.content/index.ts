/**
 * Dialbar page script: finds phone numbers on every page and frame and makes them callable.
 * It never rewrites the page: numbers are marked with the CSS Custom Highlight API and the only
 * element it adds is one <dialbar-card> host (closed shadow root) for the hover card.
 *
 * Sites can opt out:
 *   - the whole document: <meta name="dialbar" content="off">
 *   - one part of a page: class="dialbar-off" on an element (its subtree is skipped)
 *
 * This file only wires; the features live in src/content/ (scan/, card/, dial/ over a small core).
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { findPhoneNumbers } from '../../src/detect';
import { installDebugHook } from '../../src/content/debug-hook';
import { debugLog } from '../../src/content/debug-log';
import { hoverCardFeature } from '../../src/content/card/hover-card-feature';
import { scanFeature } from '../../src/content/scan/scan-feature';
import { watchForOrphan } from '../../src/content/orphan-watch';
import { startSession } from '../../src/content/session';
import { telLinkFeature } from '../../src/content/dial/tel-link-feature';
import { claimWorld } from '../../src/content/world-flag';
import { contentScriptApi } from '../../src/platform';
import { startPageBridge } from '../../src/content/page-api/page-bridge';
import { startWorkbenchKeys } from '../../src/content/shims/workbench-key-feature';
import './style.css';

const features = [scanFeature, hoverCardFeature, telLinkFeature];

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  // document_start: prefs are asked for while the page loads; the features start when it is parsed (session.ts).
  runAt: 'document_start',
  cssInjectionMode: 'manifest',
  main(wxtContext) {
    try {
      const runtimeId = () => browser.runtime?.id;
      const life = claimWorld(() => runtimeId() != null);
      if (!life) return;
      watchForOrphan(life, { runtimeId, onInvalidated: (cb) => wxtContext.onInvalidated(cb), target: window });
      startSession(
        {
          ...contentScriptApi(browser),
          detect: findPhoneNumbers,
          features,
          doc: document,
          host: location.hostname,
          language: navigator.language,
          log: debugLog,
          onContext: installDebugHook(),
        },
        life.signal,
      ).catch((error: unknown) => debugLog('session', error));
      // The page API runs whatever the detection settings say: it answers only allowed origins.
      startPageBridge(
        { ...contentScriptApi(browser), win: window, origin: location.origin, activated: () => navigator.userActivation?.isActive ?? false, log: debugLog },
        life.signal,
      ).catch((error: unknown) => debugLog('page bridge', error));
      // The workbench SDK's localStorage keys, on origins whose seed shims are on.
      startWorkbenchKeys(
        { ...contentScriptApi(browser), win: window, origin: location.origin, activated: () => navigator.userActivation?.isActive ?? false, log: debugLog },
        life.signal,
      ).catch((error: unknown) => debugLog('workbench keys', error));
    } catch (error) {
      debugLog('main', error);
    }
  },
});
