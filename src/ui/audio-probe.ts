import type { AudioTestDeps } from './audio-test-model';

const TONE_HZ = 660;
const TONE_S = 0.8;

/** RMS of the samples as a 0..1 bar: -60 dBFS (a quiet room) is empty, 0 dBFS is full. */
export function levelOfSamples(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  if (rms <= 0) return 0;
  return Math.min(1, Math.max(0, (20 * Math.log10(rms) + 60) / 60));
}

/** The options page's audio check on the real browser: Web Audio for the meter and the test tone. */
export function browserAudioTestDeps(mediaDevices: MediaDevices, document: Document, createContext: () => AudioContext): AudioTestDeps {
  return {
    getUserMedia: (constraints) => mediaDevices.getUserMedia(constraints),
    levelOf(stream) {
      const context = createContext();
      const analyser = context.createAnalyser();
      analyser.fftSize = 1024;
      context.createMediaStreamSource(stream).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      void context.resume().catch(() => {});
      return {
        read() {
          analyser.getFloatTimeDomainData(samples);
          return levelOfSamples(samples);
        },
        close: () => void context.close().catch(() => {}),
      };
    },
    async playTone(sinkId, volume) {
      const audio = document.createElement('audio') as HTMLAudioElement & { sinkId?: string; setSinkId?(id: string): Promise<void> };
      const context = createContext();
      try {
        // Before any sound: a gone or forbidden device fails here, with nothing played on the wrong one.
        if (audio.setSinkId) await audio.setSinkId(sinkId);
        else if (sinkId !== '') throw new DOMException('setSinkId', 'NotSupportedError');
        const target = context.createMediaStreamDestination();
        const gain = context.createGain();
        const oscillator = context.createOscillator();
        oscillator.frequency.value = TONE_HZ;
        oscillator.connect(gain).connect(target);
        const now = context.currentTime;
        gain.gain.setValueAtTime(0, now);
        gain.gain.linearRampToValueAtTime(0.4, now + 0.05);
        gain.gain.setValueAtTime(0.4, now + TONE_S - 0.1);
        gain.gain.linearRampToValueAtTime(0, now + TONE_S);
        audio.dataset.role = 'test-sound';
        audio.srcObject = target.stream;
        audio.volume = volume;
        document.body.append(audio);
        await context.resume();
        await audio.play();
        const ended = new Promise<void>((resolve) => {
          oscillator.onended = () => resolve();
        });
        oscillator.start(now);
        oscillator.stop(now + TONE_S);
        await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, (TONE_S + 1) * 1000))]);
        return audio.sinkId ?? '';
      } finally {
        audio.pause();
        audio.srcObject = null;
        audio.remove();
        void context.close().catch(() => {});
      }
    },
    repeat(callback, ms) {
      const timer = setInterval(callback, ms);
      return () => clearInterval(timer);
    },
  };
}
