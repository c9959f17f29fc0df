import { type ReadonlySignal, signal } from '@preact/signals';
import { AUDIO_PREFS_KEY, type AudioPrefs, DEFAULT_AUDIO_PREFS, parseAudioPrefs } from '../settings/audio-prefs';
import type { PrefsStorage } from './prefs-model';
import { t } from './i18n';

export interface DeviceOption {
  id: string;
  label: string;
}

/** The parts of `navigator.mediaDevices` used; tests pass fakes. */
export interface DevicesDeps {
  storage: PrefsStorage;
  mediaDevices?: {
    enumerateDevices(): Promise<Array<{ deviceId: string; kind: string; label: string }>>;
    addEventListener?(type: 'devicechange', listener: () => void): void;
    removeEventListener?(type: 'devicechange', listener: () => void): void;
  };
}

export interface DevicesModel {
  prefs: ReadonlySignal<AudioPrefs>;
  inputs: ReadonlySignal<DeviceOption[]>;
  outputs: ReadonlySignal<DeviceOption[]>;
  error: ReadonlySignal<string | null>;
  load(): Promise<void>;
  save(change: Partial<AudioPrefs>): Promise<void>;
  dispose(): void;
}

/**
 * Lists devices with the default first and the saved choice kept even when it is unplugged (so the
 * user sees what is chosen). Labels are empty until the microphone is allowed: numbered then.
 */
export function deviceOptions(
  devices: ReadonlyArray<{ deviceId: string; kind: string; label: string }>,
  kind: 'audioinput' | 'audiooutput',
  chosen: string,
): DeviceOption[] {
  const own = devices.filter((d) => d.kind === kind && d.deviceId !== 'default' && d.deviceId !== '');
  const unnamed = (n: number) => (kind === 'audioinput' ? t('devices.microphoneN', { n }) : t('devices.outputN', { n }));
  const options = [{ id: '', label: t('devices.systemDefault') }, ...own.map((d, i) => ({ id: d.deviceId, label: d.label || unnamed(i + 1) }))];
  if (chosen !== '' && !options.some((o) => o.id === chosen)) options.push({ id: chosen, label: t('devices.chosenGone') });
  return options;
}

export function createDevicesModel(deps: DevicesDeps): DevicesModel {
  const prefs = signal<AudioPrefs>({ ...DEFAULT_AUDIO_PREFS });
  const inputs = signal<DeviceOption[]>([]);
  const outputs = signal<DeviceOption[]>([]);
  const error = signal<string | null>(null);

  async function list(): Promise<void> {
    const devices = (await deps.mediaDevices?.enumerateDevices().catch(() => [])) ?? [];
    inputs.value = deviceOptions(devices, 'audioinput', prefs.value.microphoneId);
    const chosenOutputs = [prefs.value.speakerId, prefs.value.ringerId].find((id) => id !== '') ?? '';
    outputs.value = deviceOptions(devices, 'audiooutput', chosenOutputs);
  }
  const onChange = () => void list();
  deps.mediaDevices?.addEventListener?.('devicechange', onChange);

  return {
    prefs,
    inputs,
    outputs,
    error,
    async load() {
      prefs.value = parseAudioPrefs((await deps.storage.get(AUDIO_PREFS_KEY))[AUDIO_PREFS_KEY]);
      await list();
    },
    async save(change) {
      const next = parseAudioPrefs({ ...prefs.value, ...change });
      try {
        await deps.storage.set({ [AUDIO_PREFS_KEY]: next });
        prefs.value = next;
        error.value = null;
        await list();
      } catch (e) {
        error.value = t('devices.saveError', { reason: (e as Error).message });
      }
    },
    dispose() {
      deps.mediaDevices?.removeEventListener?.('devicechange', onChange);
    },
  };
}
