import { LostMicrophones, openMicrophone, useOutput } from './audio-devices';
import type { AudioSink, Microphone } from './sip-stack';

/** A chosen device ("" = default) and where to report whether it was used or the default stood in. */
export interface DeviceChoice {
  deviceId(): string;
  used(chosen: boolean): void;
}

/** The microphone of the offscreen document, opened per call so the browser's mic indicator goes off between calls. */
export function createMicrophone(mediaDevices: MediaDevices, permissions: Permissions | undefined, choice?: DeviceChoice): Microphone {
  // Asked once: a PermissionStatus stays current by itself, so later dials only read it.
  let status: Promise<PermissionStatus | null> | null = null;
  const watch = new LostMicrophones(mediaDevices);
  return {
    async permission() {
      status ??= (permissions?.query({ name: 'microphone' as PermissionName }) ?? Promise.resolve(null)).catch(() => null);
      return (await status)?.state ?? 'unknown';
    },
    async open() {
      const { stream, fellBack } = await openMicrophone((c) => mediaDevices.getUserMedia(c), choice?.deviceId() ?? '');
      choice?.used(!fellBack);
      return watch.add(stream);
    },
    async openDefault() {
      const { stream } = await openMicrophone((c) => mediaDevices.getUserMedia(c), '');
      // The chosen device (or the default of the moment) went away: the popup says the default stands in.
      choice?.used(false);
      return watch.add(stream);
    },
    close(stream) {
      watch.remove(stream);
      for (const track of stream.getTracks()) track.stop();
    },
    onLost(listener) {
      watch.listener = listener;
    },
  };
}

/** Plays each call's remote audio through its own <audio> element in the offscreen document. */
export function createAudioSink(
  document: Document,
  choice?: DeviceChoice & { volume(): number },
  mediaDevices?: Pick<MediaDevices, 'addEventListener'>,
): AudioSink {
  const elements = new Map<string, HTMLAudioElement>();
  // A speaker unplugged (or plugged back) mid-call: each call's audio goes to the chosen device
  // again if it is there, else to the default, and the popup says which.
  mediaDevices?.addEventListener('devicechange', () => {
    if (!choice) return;
    for (const element of elements.values()) void useOutput(element, choice.deviceId()).then((chosen) => choice.used(chosen));
  });
  return {
    play(callId, stream) {
      let audio = elements.get(callId);
      if (!audio) {
        audio = document.createElement('audio');
        audio.autoplay = true;
        audio.dataset.callId = callId;
        document.body.append(audio);
        elements.set(callId, audio);
      }
      audio.srcObject = stream;
      if (choice) {
        audio.volume = choice.volume();
        const element = audio;
        void useOutput(element, choice.deviceId()).then((chosen) => choice.used(chosen));
      }
      audio.play().catch(() => {
        // Autoplay is allowed in the offscreen document; a failure here leaves the call silent but alive.
      });
    },
    setAudible(callId, audible) {
      const audio = elements.get(callId);
      if (audio) audio.muted = !audible;
    },
    stop(callId) {
      const audio = elements.get(callId);
      if (!audio) return;
      audio.srcObject = null;
      audio.remove();
      elements.delete(callId);
    },
  };
}
