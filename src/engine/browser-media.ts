import { dialbarError } from '../errors';
import type { AudioSink, Microphone } from './sip-stack';

/** The microphone of the offscreen document, opened per call so the browser's mic indicator goes off between calls. */
export function createMicrophone(mediaDevices: MediaDevices, permissions: Permissions | undefined): Microphone {
  // Asked once: a PermissionStatus stays current by itself, so later dials only read it.
  let status: Promise<PermissionStatus | null> | null = null;
  return {
    async permission() {
      status ??= (permissions?.query({ name: 'microphone' as PermissionName }) ?? Promise.resolve(null)).catch(() => null);
      return (await status)?.state ?? 'unknown';
    },
    async open() {
      try {
        return await mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true }, video: false });
      } catch (error) {
        const name = (error as { name?: string } | null)?.name;
        if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') throw dialbarError('mic-missing');
        throw dialbarError('mic-denied');
      }
    },
    close(stream) {
      for (const track of stream.getTracks()) track.stop();
    },
  };
}

/** Plays each call's remote audio through its own <audio> element in the offscreen document. */
export function createAudioSink(document: Document): AudioSink {
  const elements = new Map<string, HTMLAudioElement>();
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
