import * as v from 'valibot';

/**
 * Audio devices and volumes (browser.storage.local, key "audio"). Device ids are the browser's
 * per-origin ids from enumerateDevices; "" means the system default. Nothing secret here.
 */
const DeviceId = v.pipe(v.string(), v.maxLength(256));
const Volume = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

export const AudioPrefsSchema = v.object({
  /** The microphone a call opens. */
  microphoneId: DeviceId,
  /** Where call audio plays. */
  speakerId: DeviceId,
  /** Where the ringtone of an inbound call plays (a loudspeaker while the headset is off, say). */
  ringerId: DeviceId,
  /** Call audio volume, 0..1. */
  callVolume: Volume,
  /** Ringtone volume, 0..1. */
  ringVolume: Volume,
});
export type AudioPrefs = v.InferOutput<typeof AudioPrefsSchema>;

export const DEFAULT_AUDIO_PREFS: AudioPrefs = { microphoneId: '', speakerId: '', ringerId: '', callVolume: 1, ringVolume: 0.6 };

export const AUDIO_PREFS_KEY = 'audio';

/** Reads stored audio prefs leniently: a damaged or older value falls back field by field, never throws. */
export function parseAudioPrefs(raw: unknown): AudioPrefs {
  const out: AudioPrefs = { ...DEFAULT_AUDIO_PREFS };
  if (typeof raw !== 'object' || raw === null) return out;
  const given = raw as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_AUDIO_PREFS) as Array<keyof AudioPrefs>) {
    const one = v.safeParse(AudioPrefsSchema.entries[key], given[key]);
    if (one.success) (out as Record<keyof AudioPrefs, unknown>)[key] = one.output;
  }
  return out;
}
