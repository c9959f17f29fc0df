import type { AudioSnapshot } from '../contract/snapshot';
import { type DeviceKind, useOutput } from '../engine/audio-devices';
import type { DeviceChoice } from '../engine/browser-media';
import { elementRingPlayer, Ringtone } from '../engine/ringtone';
import { userError } from '../errors';
import { type AudioPrefs, DEFAULT_AUDIO_PREFS } from '../settings/audio-prefs';

/**
 * The offscreen document's audio choices (sent by the service worker from storage) and the
 * devices that fell back to the default since: the snapshot's `audio` part.
 */
export class AudioSettings {
  #prefs: AudioPrefs = { ...DEFAULT_AUDIO_PREFS };
  #fallbacks = new Set<DeviceKind>();
  #listener: (() => void) | null = null;

  get prefs(): AudioPrefs {
    return this.#prefs;
  }

  /** Told after every change of what `read()` returns. */
  listen(listener: () => void): void {
    this.#listener = listener;
  }

  set(prefs: AudioPrefs): void {
    this.#prefs = prefs;
    if (this.#fallbacks.size === 0) return;
    this.#fallbacks.clear(); // a new choice: earlier fallbacks no longer apply
    this.#listener?.();
  }

  /** Records whether the chosen `kind` device was used (true) or the default stood in (false). */
  used(kind: DeviceKind, chosen: boolean): void {
    if (chosen !== this.#fallbacks.has(kind)) return;
    if (chosen) this.#fallbacks.delete(kind);
    else this.#fallbacks.add(kind);
    this.#listener?.();
  }

  /** The chosen device of one kind, read at each use, and where its use is reported. */
  choice(kind: DeviceKind): DeviceChoice & { volume(): number } {
    return {
      deviceId: () => this.#prefs[`${kind}Id`],
      volume: () => (kind === 'ringer' ? this.#prefs.ringVolume : this.#prefs.callVolume),
      used: (chosen) => this.used(kind, chosen),
    };
  }

  read(): AudioSnapshot {
    const kind = (['microphone', 'speaker', 'ringer'] as const).find((k) => this.#fallbacks.has(k));
    return { notice: kind ? userError(`${kind}-fallback`) : null };
  }
}

/** The ringtone of the offscreen document, on the ringer device chosen in these settings. */
export function documentRingtone(
  settings: AudioSettings,
  document: Document,
  createContext: () => AudioContext,
  devices?: Pick<MediaDevices, 'addEventListener'>,
): Ringtone {
  const ringer = settings.choice('ringer');
  const player = elementRingPlayer({ document, createContext, useOutput, used: ringer.used, ...(devices ? { devices } : {}) });
  return new Ringtone(player, () => ({ deviceId: ringer.deviceId(), volume: ringer.volume() }));
}
