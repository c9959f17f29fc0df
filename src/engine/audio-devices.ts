import { dialbarError } from '../errors';

/**
 * Chosen audio devices with a fall back to the system default: a device can be unplugged between
 * the choice in options and the call. Each fallback is reported, so the popup can say so.
 */
export type DeviceKind = 'microphone' | 'speaker' | 'ringer';

/** The slice of an audio element that plays on a chosen output (HTMLMediaElement.setSinkId). */
export interface SinkTarget {
  setSinkId?(sinkId: string): Promise<void>;
}

/**
 * Plays `target` on `deviceId` ("" = default). Resolves true when the chosen device is used,
 * false when it fell back to the default (the device is gone or the browser refused it).
 */
export async function useOutput(target: SinkTarget, deviceId: string): Promise<boolean> {
  if (!target.setSinkId) return deviceId === '';
  try {
    await target.setSinkId(deviceId);
    return true;
  } catch {
    await target.setSinkId('').catch(() => {});
    return false;
  }
}

const CONSTRAINTS = { echoCancellation: true, noiseSuppression: true } as const;

/**
 * Opens the chosen microphone, else the default one. Throws DialbarError('mic-denied' |
 * 'mic-missing') when no microphone can be opened at all.
 */
export async function openMicrophone(
  getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>,
  deviceId: string,
): Promise<{ stream: MediaStream; fellBack: boolean }> {
  if (deviceId !== '') {
    try {
      return { stream: await getUserMedia({ audio: { ...CONSTRAINTS, deviceId: { exact: deviceId } }, video: false }), fellBack: false };
    } catch (error) {
      if (!isMissingDevice(error)) throw toMicError(error);
    }
  }
  try {
    return { stream: await getUserMedia({ audio: { ...CONSTRAINTS }, video: false }), fellBack: deviceId !== '' };
  } catch (error) {
    throw toMicError(error);
  }
}

function isMissingDevice(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError';
}

function toMicError(error: unknown) {
  return dialbarError(isMissingDevice(error) ? 'mic-missing' : 'mic-denied');
}
