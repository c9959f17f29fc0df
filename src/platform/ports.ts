/**
 * The narrow browser services the service worker's logic needs. They live in the platform
 * layer, so the layers above depend on these shapes and never on the browser's own types.
 */

/**
 * The browser-specific part of keeping the engine document alive. Chrome has offscreen
 * documents; a Firefox build will implement this with its own kind of hidden page.
 */
export interface OffscreenPlatform {
  hasDocument(): Promise<boolean>;
  createDocument(): Promise<void>;
  closeDocument(): Promise<void>;
}

/** Toolbar badge and notifications, as the call alerts drive them. */
export interface AlertsPlatform {
  setBadge(badge: { text: string; color: string; title: string }): Promise<void>;
  /** Ids of the notifications shown now. */
  shownNotifications(): Promise<string[]>;
  /** `words`: the notification's title and buttons in the worker's language. */
  showIncoming(id: string, caller: string, words: { title: string; answer: string; decline: string }): Promise<void>;
  /** A one-off message for something that failed outside any page (selection calling). */
  showProblem(message: string, title: string): Promise<void>;
  clear(id: string): Promise<void>;
}

/** A tab as the worker sees it. */
export interface TabInfo {
  id?: number;
  url?: string;
  discarded?: boolean;
}

export interface InstalledDetails {
  reason: string;
}

/** The context menu item, keyboard command and selection read behind "call the selected number". */
export interface SelectionCallingApi {
  contextMenus: {
    create(props: { id: string; title: string; contexts: ['selection'] }, callback?: () => void): unknown;
    onClicked: { addListener(listener: (info: { menuItemId: string | number; selectionText?: string }, tab?: TabInfo) => void): void };
  };
  commands: { onCommand: { addListener(listener: (command: string, tab?: TabInfo) => void): void } };
  scripting: {
    executeScript(injection: { target: { tabId: number; allFrames: boolean }; func: () => string }): Promise<Array<{ result?: unknown }>>;
  };
  /** Finds the active tab when the command event does not name one. */
  tabs: { query(query: { active: true; lastFocusedWindow: true }): Promise<TabInfo[]> };
}

export interface FileInjection {
  /** Every frame of a tab, or exactly the frames or documents named. */
  target: { tabId: number; allFrames: boolean } | { tabId: number; frameIds: number[] } | { tabId: number; documentIds: string[] };
  files: string[];
  /** Run at once rather than at the frame's document_idle. */
  injectImmediately?: boolean;
}

/** What injecting the page script into tabs opened before an install or update needs. */
export interface InjectTabsApi {
  runtime: {
    onInstalled: { addListener(listener: (details: InstalledDetails) => void): void };
    getManifest(): { content_scripts?: Array<{ js?: string[]; css?: string[] }> };
  };
  tabs: { query(query: Record<string, never>): Promise<TabInfo[]> };
  scripting: {
    executeScript(injection: FileInjection): Promise<unknown>;
    insertCSS(injection: FileInjection): Promise<unknown>;
  };
}

export interface RegisteredScript {
  id: string;
  matches?: string[];
}

/** chrome.scripting's registration calls, as far as they are used here. */
export interface PageScriptRegistry {
  getRegisteredContentScripts(filter: { ids: string[] }): Promise<RegisteredScript[]>;
  registerContentScripts(scripts: ContentScriptRegistration[]): Promise<void>;
  updateContentScripts(scripts: ContentScriptRegistration[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
}

export interface ContentScriptRegistration {
  id: string;
  js: string[];
  matches: string[];
  allFrames: boolean;
  matchOriginAsFallback?: boolean;
  runAt: 'document_start' | 'document_end' | 'document_idle';
  persistAcrossSessions: boolean;
}

/** One document in a tab's frame, as the push channel addresses it. */
export interface FrameTarget {
  tabId: number;
  frameId: number;
  /** Chrome's id of the document loaded in that frame; null where the browser names none. */
  documentId: string | null;
}

/** What the push channel to content scripts needs: a place for its subscriber list, and delivery. */
export interface FramePushApi {
  /** `storage.session`: it outlives the service worker, not the browser, and content scripts cannot read it. */
  area: {
    get(keys: null): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
    remove(keys: string[]): Promise<void>;
  };
  /** `tabs.sendMessage` to exactly that document; rejects when it is gone. */
  sendToFrame(target: FrameTarget, message: unknown): Promise<unknown>;
  onTabRemoved: { addListener(listener: (tabId: number) => void): void };
}

/** A long-lived runtime port, as the engine watch uses it: its only news is that it closed. */
export interface WatchPort {
  readonly name: string;
  readonly sender?: { id?: string; url?: string };
  onDisconnect: { addListener(listener: () => void): void };
}

/** What the service worker needs to hear the offscreen document go away, and to check on it anyway. */
export interface EngineWatchApi {
  onConnect: { addListener(listener: (port: WatchPort) => void): void };
  alarms: {
    create(name: string, info: { periodInMinutes: number }): unknown;
    get(name: string): Promise<unknown>;
    onAlarm: { addListener(listener: (alarm: { name: string }) => void): void };
  };
}

/** Extension updates: Chrome applies a downloaded one when the extension reloads. */
export interface UpdatesApi {
  onUpdateAvailable: { addListener(listener: (details: { version: string }) => void): void };
  reload(): void;
}
