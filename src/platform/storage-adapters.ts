import type { KeyValueArea } from '../settings/instance-id';

/** What one storage.onChanged event carries. */
export type StorageChanges = Record<string, { newValue?: unknown; oldValue?: unknown }>;
export type AreaChangeListener = (changes: StorageChanges, area: string) => void;

/** The browser's storage.local and storage.onChanged, in the shapes the adapters accept. */
export interface StorageSource {
  local: {
    get(key: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
  onChanged: {
    addListener(listener: AreaChangeListener): void;
    removeListener(listener: AreaChangeListener): void;
  };
}

type LocalChangeListener = (changes: Record<string, unknown>) => void;

/** storage.local with the change events of that area only, for the popup's site switch. */
export interface LocalPrefsStorage extends KeyValueArea {
  onChanged: {
    addListener(listener: LocalChangeListener): void;
    removeListener(listener: LocalChangeListener): void;
  };
}

/** The content script's slice: it reads prefs and follows their changes in every area it is told of. */
export interface ContentStorage {
  local: { get(key: string): Promise<Record<string, unknown>> };
  onChanged: StorageSource['onChanged'];
}

export function keyValueArea(area: StorageSource['local']): KeyValueArea {
  return {
    get: (key) => area.get(key),
    set: (items) => area.set(items),
  };
}

export function localPrefsStorage(storage: StorageSource): LocalPrefsStorage {
  // Each caller's listener is wrapped once; the map finds the wrapper again to remove it.
  const wrapped = new Map<LocalChangeListener, AreaChangeListener>();
  return {
    ...keyValueArea(storage.local),
    onChanged: {
      addListener(fn) {
        const listener: AreaChangeListener = (changes, area) => {
          if (area === 'local') fn(changes);
        };
        wrapped.set(fn, listener);
        storage.onChanged.addListener(listener);
      },
      removeListener(fn) {
        const listener = wrapped.get(fn);
        if (listener) storage.onChanged.removeListener(listener);
        wrapped.delete(fn);
      },
    },
  };
}

export function contentStorage(storage: StorageSource): ContentStorage {
  return {
    local: { get: (key) => storage.local.get(key) },
    onChanged: {
      addListener: (listener) => storage.onChanged.addListener(listener),
      removeListener: (listener) => storage.onChanged.removeListener(listener),
    },
  };
}
