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

/**
 * The open microphone streams, watched for a device that goes away mid-call: its track ends by
 * itself (`ended` fires only then, never for our own `stop()`), or a `devicechange` leaves its
 * device out of the list. Each lost stream is told once.
 */
export class LostMicrophones {
  readonly #open = new Map<MediaStream, () => void>();
  listener: ((stream: MediaStream) => void) | null = null;

  constructor(private readonly devices: Pick<MediaDevices, 'enumerateDevices' | 'addEventListener'>) {
    devices.addEventListener('devicechange', () => void this.#check());
  }

  add(stream: MediaStream): MediaStream {
    const onEnded = () => this.#lose(stream);
    for (const track of stream.getAudioTracks()) track.addEventListener('ended', onEnded);
    this.#open.set(stream, () => {
      for (const track of stream.getAudioTracks()) track.removeEventListener('ended', onEnded);
    });
    return stream;
  }

  remove(stream: MediaStream): void {
    this.#open.get(stream)?.();
    this.#open.delete(stream);
  }

  #lose(stream: MediaStream): void {
    if (!this.#open.has(stream)) return;
    this.remove(stream);
    this.listener?.(stream);
  }

  async #check(): Promise<void> {
    if (this.#open.size === 0) return;
    const present = new Set((await this.devices.enumerateDevices().catch(() => [])).filter((d) => d.kind === 'audioinput').map((d) => d.deviceId));
    // An empty list says nothing (the browser would not tell): only a list without our device counts.
    if (present.size === 0) return;
    for (const stream of [...this.#open.keys()]) {
      const ids = stream.getAudioTracks().map((t) => t.getSettings().deviceId);
      if (ids.some((id) => id !== undefined && !present.has(id))) this.#lose(stream);
    }
  }
}
