import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { chromeLocaleFiles } from './src/i18n/chrome-locales';
import { allMessages } from './src/i18n/messages';

/**
 * V8's explicit compile hint, put at the top of the page bootstrap (boot.js): compile every
 * function with the script, not each on its first call. The bootstrap runs in every frame and
 * calls most of its functions at once; measured in Chromium 156 on a plain page, its script time
 * went from 3.6 to 2.3 ms (median of 11 loads); on a page of 30 small frames the two stayed within
 * the noise of a traced run. The minifier drops comments, so the hint is added last.
 */
const bootCompileHint = {
  name: 'dialbar-boot-compile-hint',
  generateBundle(_options: unknown, bundle: Record<string, { type: string; fileName: string; code?: string }>) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type === 'chunk' && chunk.fileName === 'boot.js') chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
    }
  },
};

// The manifest key pins the extension id (pblledkpgccemehljjoomehmljkfcbnl) so tests and
// page allow-lists can name it. It is the public half only; nothing secret lives here.
const MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAohQ+4Rabd9nKYm6hL/uDrQbNqcUDoFkh5cqbL5gQ5AYaWr82Yjg2eM2E2pPULXKnWg69MKYiHb3NUJOwbqsUa16zP46iJUROAktK3NLBiXvJQ+KC1x9uEVmiaqtq1Jzh0C1X0Eg1Hz9DgmgUvwk4bVWmg262nMzfJa9tq1EtNT5Oe9QXBQFlXA35hBIsCqvA17ylfRH8iNcw5aCtSnB4aEtWMhfqCMQZQvoliQw9wwwQeHyEZfB1jGQgkjxYlDoTE9BplN0a14XIKhBWxxV6uTeQxwPswEaviW5kdGu2DCl5xWpH1fCBR0k/rpfgtmH4it3nimBx/2MaiucODOd6swIDAQAB';

export default defineConfig({
  // Explicit imports everywhere: a reader sees where `browser` and `defineBackground` come from.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact(), bootCompileHint],
    build: {
      rollupOptions: {
        // The browser polyfill is kept only where its `browser` is used: the page script uses
        // `chrome` and must not pay for the polyfill in every frame it loads into.
        treeshake: { moduleSideEffects: (id: string) => !/webextension-polyfill/.test(id) },
      },
    },
  }),
  // _locales/en and _locales/zh_CN are written from the typed catalogs in src/i18n/messages, so the
  // manifest's __MSG_…__ and chrome.i18n say the same words as the pages.
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push(...chromeLocaleFiles(allMessages));
    },
  },
  manifest: {
    name: '__MSG_manifest_name__',
    description: '__MSG_manifest_description__',
    default_locale: 'en',
    key: MANIFEST_KEY,
    minimum_chrome_version: '116',
    permissions: ['offscreen', 'storage', 'notifications', 'contextMenus', 'scripting', 'alarms'],
    host_permissions: ['<all_urls>'],
    // Enterprise deployment: what an administrator may push through Chrome policy (storage.managed; see the README).
    storage: { managed_schema: 'managed-schema.json' },
    // The page API's client, which allowed CRM pages import (README, "Page API"). Served to every
    // origin because the allowed list lives in settings; the bridge answers only allowed origins.
    // dialbar-seed-sdks.js: the seed SDKs' drop-in constructors (README, "Moving a workbench (002) or WinCall (001) integration over").
    // detect-worker.js: the page script fetches it to start its detection worker from a blob (a
    // content script cannot start a worker from an extension URL).
    web_accessible_resources: [{ resources: ['dialbar-client.js', 'dialbar-seed-sdks.js', 'detect-worker.js'], matches: ['<all_urls>'] }],
    // The page bootstrap (entrypoints/boot.ts, an unlisted script): the one script in every frame,
    // from document_start, so a page being parsed asks early and the page script is there by DOMContentLoaded.
    // It asks the service worker for the full page script (entrypoints/page.ts) where a frame
    // holds something callable. The page script's style (public/page.css, 148 bytes) is here
    // too, so the worker injects one file, not two.
    content_scripts: [
      { matches: ['<all_urls>'], js: ['boot.js'], css: ['page.css'], all_frames: true, match_about_blank: true, run_at: 'document_start' },
    ],
    commands: {
      'call-selection': {
        suggested_key: { default: 'Alt+Shift+D' },
        description: '__MSG_manifest_callSelection__',
      },
      // Chrome takes at most four suggested keys and silently leaves unassigned one it counts as its
      // own: Chromium 156 assigned Alt+Shift+D, E, H, K, M and Q here but not C or X (measured in the
      // lab; test/e2e/commands-menu.test.ts checks these four). People change them at
      // chrome://extensions/shortcuts.
      'hold-resume': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_manifest_holdResume__',
      },
      'mute-unmute': {
        suggested_key: { default: 'Alt+Shift+M' },
        description: '__MSG_manifest_muteUnmute__',
      },
      'hang-up': {
        suggested_key: { default: 'Alt+Shift+E' },
        description: '__MSG_manifest_hangUp__',
      },
    },
  },
});
