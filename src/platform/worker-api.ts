import type { PublicPath } from 'wxt/browser';
import type { RuntimePort } from '../messaging/runtime-port';
import type { KeyValueArea } from '../settings/instance-id';
import { type BrowserApi, runtimePort } from './browser-api';
import { createAlertsPlatform } from './browser-alerts';
import type {
  AlertsPlatform,
  EngineWatchApi,
  FramePushApi,
  InjectTabsApi,
  InstalledDetails,
  PageScriptRegistry,
  SelectionCallingApi,
  UpdatesApi,
  WatchPort,
} from './ports';
import { keyValueArea, type StorageChanges } from './storage-adapters';

interface Listenable<L> {
  addListener(listener: L): void;
}

/** Everything the service worker reaches in the browser, except the offscreen document (chrome.*). */
export interface ServiceWorkerApi {
  runtime: RuntimePort;
  /** storage.local */
  local: KeyValueArea;
  /** storage.session: outlives the worker, not the browser; content scripts cannot read it. */
  session: KeyValueArea;
  /** storage.managed: the administrator's Chrome policy for Dialbar (read-only; empty when none is set). */
  managed: { get(): Promise<Record<string, unknown>> };
  watch: EngineWatchApi;
  updates: UpdatesApi;
  /** storage.onChanged for the local area only. */
  localChanges?: Listenable<(changes: StorageChanges) => void>;
  /** storage.session (kept while the browser runs, across worker restarts) and a new tab: the screen pop. */
  screenPop?: { session: KeyValueArea; openTab(url: string): Promise<void> };
  alerts: AlertsPlatform;
  notifications: { onButtonClicked: Listenable<(id: string, button: number) => void> };
  lifecycle: { onStartup: Listenable<() => void>; onInstalled: Listenable<(details: InstalledDetails) => void> };
  selection: SelectionCallingApi;
  /** Keyboard commands (chrome.commands) for the current call. */
  commands: { onCommand: Listenable<(command: string) => void> };
  injection: InjectTabsApi;
  /** The full page script's registration for the page API's origins, and open tabs to run it in. */
  pageScripts?: {
    registry: PageScriptRegistry;
    tabsMatching(patterns: string[]): Promise<number[]>;
    injectAll(tabId: number, file: string): Promise<void>;
  };
  /** storage.onChanged for the managed area (an administrator's policy changed). */
  managedChanges?: Listenable<() => void>;
  push: FramePushApi;
  /** Opens one of Dialbar's pages in a small window (the page API's consent prompt). */
  openPrompt?(path: string): Promise<void>;
}

export function serviceWorkerApi(browser: BrowserApi): ServiceWorkerApi {
  const { runtime, scripting, windows } = browser;
  const onInstalled: Listenable<(details: InstalledDetails) => void> = {
    addListener: (listener) => runtime.onInstalled.addListener(listener),
  };
  return {
    runtime: runtimePort(runtime),
    local: keyValueArea(browser.storage.local),
    session: keyValueArea(browser.storage.session),
    // Without a policy (or where the browser has no managed storage) this is simply empty.
    managed: { get: () => browser.storage.managed.get(null).catch(() => ({})) },
    watch: {
      onConnect: { addListener: (listener) => runtime.onConnect.addListener((port) => listener(port as WatchPort)) },
      alarms: {
        create: (name, info) => browser.alarms.create(name, info),
        get: (name) => browser.alarms.get(name),
        onAlarm: { addListener: (listener) => browser.alarms.onAlarm.addListener(listener) },
      },
    },
    updates: {
      onUpdateAvailable: { addListener: (listener) => runtime.onUpdateAvailable.addListener(listener) },
      reload: () => runtime.reload(),
    },
    localChanges: {
      addListener: (listener) =>
        browser.storage.onChanged.addListener((changes, area) => {
          if (area === 'local') listener(changes);
        }),
    },
    screenPop: {
      session: keyValueArea(browser.storage.session),
      openTab: async (url) => void (await browser.tabs.create({ url, active: true })),
    },
    managedChanges: {
      addListener: (listener) =>
        browser.storage.onChanged.addListener((_changes, area) => {
          if (area === 'managed') listener();
        }),
    },
    pageScripts: {
      registry: {
        getRegisteredContentScripts: (filter) => scripting.getRegisteredContentScripts(filter),
        // The cast as for executeScript below: the file is the build's own page script.
        registerContentScripts: (scripts) => scripting.registerContentScripts(scripts as Parameters<typeof scripting.registerContentScripts>[0]),
        updateContentScripts: (scripts) => scripting.updateContentScripts(scripts as Parameters<typeof scripting.updateContentScripts>[0]),
        unregisterContentScripts: (filter) => scripting.unregisterContentScripts(filter),
      },
      tabsMatching: async (patterns) => (await browser.tabs.query({ url: patterns })).flatMap((t) => (t.id === undefined ? [] : [t.id])),
      injectAll: async (tabId, file) =>
        void (await scripting.executeScript({ target: { tabId, allFrames: true }, files: [file as Extract<PublicPath, `${string}.js`>] })),
    },
    alerts: createAlertsPlatform(browser),
    notifications: { onButtonClicked: { addListener: (listener) => browser.notifications.onButtonClicked.addListener(listener) } },
    lifecycle: { onStartup: { addListener: (listener) => runtime.onStartup.addListener(listener) }, onInstalled },
    selection: {
      contextMenus: {
        create: (props, callback) => browser.contextMenus.create(props, callback),
        onClicked: { addListener: (listener) => browser.contextMenus.onClicked.addListener(listener) },
      },
      commands: { onCommand: { addListener: (listener) => browser.commands.onCommand.addListener(listener) } },
      scripting: { executeScript: (injection) => scripting.executeScript(injection) },
      tabs: { query: (query) => browser.tabs.query(query) },
    },
    commands: { onCommand: { addListener: (listener) => browser.commands.onCommand.addListener((command) => listener(command)) } },
    push: {
      area: {
        get: (keys) => browser.storage.session.get(keys),
        set: (items) => browser.storage.session.set(items),
        remove: (keys) => browser.storage.session.remove(keys),
      },
      sendToFrame: ({ tabId, frameId, documentId }, message) =>
        browser.tabs.sendMessage(tabId, message, documentId ? { documentId } : { frameId }),
      onTabRemoved: { addListener: (listener) => browser.tabs.onRemoved.addListener((tabId) => listener(tabId)) },
    },
    openPrompt: async (path) => {
      const url = runtime.getURL(path);
      if (windows) await windows.create({ url, type: 'popup', width: 460, height: 420, focused: true });
      else await browser.tabs.create({ url, active: true });
    },
    injection: {
      runtime: { onInstalled, getManifest: () => runtime.getManifest() },
      tabs: { query: (query) => browser.tabs.query(query) },
      scripting: {
        // The one cast: WXT types files as the build's script paths, ours are read from the manifest at run time.
        executeScript: ({ files, ...injection }) =>
          scripting.executeScript({ ...injection, files: files as Array<Extract<PublicPath, `${string}.js`>> }),
        insertCSS: ({ target, files }) => scripting.insertCSS({ target, files }),
      },
    },
  };
}
