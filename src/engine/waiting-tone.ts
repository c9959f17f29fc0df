/**
 * The soft ring of a waiting call: two short 440 Hz beeps every 4 s, mixed into the offscreen
 * document's audio output beside the call's own audio (a tone, not a ringtone). The pattern and
 * its timing live here; `ToneOutput` makes the sound, so unit tests check start and stop.
 */
export const TONE_HZ = 440;
export const BEEP_MS = 150;
/** Where each beep of one round starts, from the start of the round. */
export const BEEP_OFFSETS_MS = [0, 300] as const;
export const ROUND_MS = 4_000;

export interface ToneOutput {
  /** Schedules one beep `offsetMs` from now. */
  beep(frequencyHz: number, durationMs: number, offsetMs: number): void;
  /** Silences every beep scheduled so far. */
  silence(): void;
}

/** What the engine drives: on while a waiting call rings, off otherwise. */
export interface WaitingTone {
  set(ringing: boolean): void;
}

export class SoftRing implements WaitingTone {
  #cancel: (() => void) | null = null;

  constructor(
    private readonly deps: { output: ToneOutput; setTimer(callback: () => void, ms: number): () => void },
  ) {}

  get playing(): boolean {
    return this.#cancel !== null;
  }

  set(ringing: boolean): void {
    if (ringing === this.playing) return;
    if (ringing) this.#round();
    else {
      this.#cancel?.();
      this.#cancel = null;
      this.deps.output.silence();
    }
  }

  #round(): void {
    for (const offset of BEEP_OFFSETS_MS) this.deps.output.beep(TONE_HZ, BEEP_MS, offset);
    this.#cancel = this.deps.setTimer(() => this.#round(), ROUND_MS);
  }
}

/** Beeps through Web Audio: a quiet sine per beep into the document's output. */
export function webAudioTone(createContext: () => AudioContext): ToneOutput {
  let context: AudioContext | null = null;
  const scheduled = new Set<OscillatorNode>();
  return {
    beep(frequencyHz, durationMs, offsetMs) {
      context ??= createContext();
      const ctx = context;
      void ctx.resume().catch(() => {});
      const start = ctx.currentTime + offsetMs / 1000;
      const oscillator = ctx.createOscillator();
      oscillator.frequency.value = frequencyHz;
      const gain = ctx.createGain();
      gain.gain.value = 0.15;
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.onended = () => {
        scheduled.delete(oscillator);
        gain.disconnect();
      };
      scheduled.add(oscillator);
      oscillator.start(start);
      oscillator.stop(start + durationMs / 1000);
    },
    silence() {
      for (const oscillator of scheduled) oscillator.stop();
      scheduled.clear();
    },
  };
}
