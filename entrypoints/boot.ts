/**
 * Dialbar's page bootstrap, in every page and frame (listed in the manifest by wxt.config.ts):
 * a few KB that look for anything callable (digit runs, tel: links; now and after DOM changes)
 * or a page API client's `connect`, and only then ask the service worker for the full page
 * script (entrypoints/page.ts), in this frame only. It is an unlisted script, not a WXT content
 * script: it needs no WXT context, and it touches the extension API only when it asks, so a page
 * with nothing to call pays for neither. <meta name="dialbar" content="off"> stops its scan.
 *
 * This file only wires; the logic lives in src/content/boot/.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { BOOT_FLAG, startBoot } from '../src/content/boot/boot';
import { paintMarks } from '../src/content/boot/preview';
import { debugLog } from '../src/content/debug-log';
import { claimSlot } from '../src/content/world-flag';

export default defineUnlistedScript({
  main() {
    try {
      // Read on each use: an orphaned copy (extension reloaded) has no runtime id any more.
      const runtimeId = () => globalThis.chrome?.runtime?.id;
      let stop = () => {};
      if (!claimSlot(() => runtimeId() != null, () => stop(), globalThis, BOOT_FLAG)) return;
      stop = startBoot({
        runtime: { sendMessage: (message) => chrome.runtime.sendMessage(message) },
        doc: document,
        win: window,
        MutationObserver,
        serialize: (doc) => new XMLSerializer().serializeToString(doc),
        log: debugLog,
        // Subframes (widgets, ads) preview their numbers; a top document loads the page script at its first candidate.
        ...(window !== window.top ? { paintPreview: (marks) => paintMarks(marks, { Range, Highlight: globalThis.Highlight, highlights: globalThis.CSS?.highlights }) } : {}),
      }).stop;
    } catch (error) {
      debugLog('boot main', error);
    }
  },
});
