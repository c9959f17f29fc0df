/**
 * The platform layer's one public file: the ports the layers above program against, and the
 * factories that build them from the browser. Nothing here imports from src/background.
 */
export type { AlertsApi } from './browser-alerts';
export { createAlertsPlatform } from './browser-alerts';
export type { BrowserApi, ContentScriptApi, ExtensionPageApi } from './browser-api';
export { contentScriptApi, extensionPageApi, runtimePort } from './browser-api';
export { createChromeOffscreenPlatform } from './chrome-offscreen';
export type {
  AlertsPlatform,
  EngineWatchApi,
  ContentScriptRegistration,
  FileInjection,
  FramePushApi,
  FrameTarget,
  InjectTabsApi,
  InstalledDetails,
  OffscreenPlatform,
  PageScriptRegistry,
  SelectionCallingApi,
  TabInfo,
  UpdatesApi,
  WatchPort,
} from './ports';
export type { AreaChangeListener, ContentStorage, LocalPrefsStorage, StorageChanges, StorageSource } from './storage-adapters';
export { contentStorage, keyValueArea, localPrefsStorage } from './storage-adapters';
export type { ServiceWorkerApi } from './worker-api';
export { serviceWorkerApi } from './worker-api';
