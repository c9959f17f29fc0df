import type { Browser, WxtBrowser } from 'wxt/browser';
import type { RuntimePort } from '../messaging/runtime-port';
import { type ContentStorage, contentStorage, type LocalPrefsStorage, localPrefsStorage } from './storage-adapters';

/**
 * The parts of the polyfill's `browser` Dialbar touches, in the browser's own types. Entry files
 * pass `browser` from wxt/browser; unit tests pass WXT's `fakeBrowser` (through
 * test/fakes/fake-browser-api.ts, which bridges its older typings). getURL takes any string here:
 * the runtime port is handed paths built at run time.
 */
export interface BrowserApi {
  runtime: Pick<
    typeof Browser.runtime,
    'id' | 'sendMessage' | 'onMessage' | 'onStartup' | 'onInstalled' | 'getManifest' | 'openOptionsPage' | 'onUpdateAvailable' | 'reload' | 'onConnect'
  > & {
    getURL(path: string): string;
  };
  alarms: Pick<typeof Browser.alarms, 'create' | 'get' | 'onAlarm'>;
  storage: Pick<typeof Browser.storage, 'local' | 'session' | 'managed' | 'onChanged'>;
  tabs: Pick<typeof Browser.tabs, 'query' | 'sendMessage' | 'onRemoved' | 'create'>;
  /** The page API's consent prompt opens in a small window of Dialbar's own (absent in some test fakes). */
  windows?: Pick<typeof Browser.windows, 'create'>;
  action: Pick<typeof Browser.action, 'setBadgeText' | 'setBadgeBackgroundColor' | 'setTitle'>;
  notifications: Pick<typeof Browser.notifications, 'getAll' | 'create' | 'clear' | 'onButtonClicked'>;
  contextMenus: Pick<typeof Browser.contextMenus, 'create' | 'onClicked'>;
  commands: Pick<typeof Browser.commands, 'onCommand'>;
  /** WXT's own typing: executeScript takes only the build's known script paths. */
  scripting: Pick<WxtBrowser['scripting'], 'executeScript' | 'insertCSS' | 'getRegisteredContentScripts' | 'registerContentScripts' | 'updateContentScripts' | 'unregisterContentScripts'>;
}

/** runtime messaging as RuntimePort; listeners pass through unchanged, so removing one works. */
export function runtimePort(runtime: BrowserApi['runtime']): RuntimePort {
  return {
    // Read on each use: a content script's runtime loses its id when the extension goes away.
    get id() {
      return runtime.id;
    },
    getURL: (path) => runtime.getURL(path),
    sendMessage: (message) => runtime.sendMessage(message),
    onMessage: {
      addListener: (listener) => runtime.onMessage.addListener(listener),
      removeListener: (listener) => runtime.onMessage.removeListener(listener),
    },
  };
}

export interface ContentScriptApi {
  runtime: RuntimePort;
  storage: ContentStorage;
}

/** What the page script's session uses (SessionDeps' runtime and storage). */
export function contentScriptApi(browser: Pick<BrowserApi, 'runtime' | 'storage'>): ContentScriptApi {
  return { runtime: runtimePort(browser.runtime), storage: contentStorage(browser.storage) };
}

export interface ExtensionPageApi {
  runtime: RuntimePort;
  /** storage.local, with change events of that area only. */
  prefs: LocalPrefsStorage;
  openOptionsPage(): Promise<void>;
  /** The URL of the focused window's active tab, if the browser tells it. */
  activeTabUrl(): Promise<string | undefined>;
}

/** What the popup and the options page use. */
export function extensionPageApi(browser: Pick<BrowserApi, 'runtime' | 'storage' | 'tabs'>): ExtensionPageApi {
  return {
    runtime: runtimePort(browser.runtime),
    prefs: localPrefsStorage(browser.storage),
    openOptionsPage: () => browser.runtime.openOptionsPage(),
    activeTabUrl: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.url,
  };
}
