import type { CallSnapshot } from '../contract/snapshot';
import { hasWaitingCall } from './line-policy';

/**
 * The ringtone of an inbound call: it rings while a call is ringing and no other call is
 * connected (then the soft waiting tone speaks instead, waiting-tone.ts). Answer, decline,
 * cancel by the caller and answer elsewhere all move the call out of `incoming`, which stops it.
 * `RingPlayer` makes the sound on a chosen output device, so unit tests check start and stop.
 */
export interface RingPlayer {
  /** Starts ringing on `deviceId` ("" = default) at `volume` (0..1). */
  start(deviceId: string, volume: number): void;
  stop(): void;
}

export function shouldRing(live: readonly CallSnapshot[]): boolean {
  return live.some((c) => c.state === 'incoming') && !hasWaitingCall(live);
}

export class Ringtone {
  #ringing = false;

  constructor(
    private readonly player: RingPlayer,
    private readonly output: () => { deviceId: string; volume: number },
  ) {}

  get ringing(): boolean {
    return this.#ringing;
  }

  set(ringing: boolean): void {
    if (ringing === this.#ringing) return;
    this.#ringing = ringing;
    if (ringing) {
      const { deviceId, volume } = this.output();
      this.player.start(deviceId, volume);
    } else this.player.stop();
  }
}

/** A generated two-tone ring (440 + 480 Hz, 2 s on, 4 s off): no recorded sound, no licence. */
export const RING_HZ = [440, 480] as const;
export const RING_ON_S = 2;
export const RING_PERIOD_S = 6;
/** Rounds scheduled ahead at each start; a call rings far shorter than this (10 minutes). */
const ROUNDS_AHEAD = 100;

/**
 * Rings through an <audio data-role="ringtone"> element fed by Web Audio, so the sound goes to
 * the ringer device by `setSinkId` while call audio goes to the speaker. The element stays in the
 * document (paused between calls) so its sink and state can be read.
 */
export function elementRingPlayer(deps: {
  document: Document;
  createContext(): AudioContext;
  /** Sets the element's output; false when it fell back to the default device. */
  useOutput(element: HTMLAudioElement, deviceId: string): Promise<boolean>;
  /** Told whether the chosen device was used (true) or the default stood in (false). */
  used(chosen: boolean): void;
  /** Where a device unplugged (or plugged back) while ringing is heard of. */
  devices?: Pick<MediaDevices, 'addEventListener'>;
}): RingPlayer {
  let context: AudioContext | null = null;
  let element: HTMLAudioElement | null = null;
  let sources: OscillatorNode[] = [];
  let generation = 0;
  let ringingOn = '';
  // The ringer unplugged mid-ring: the ring goes on, on the chosen device if it is back, else the default.
  deps.devices?.addEventListener('devicechange', () => {
    const audio = element;
    const mine = generation;
    if (audio?.dataset.state !== 'ringing') return;
    void deps.useOutput(audio, ringingOn).then((chosen) => {
      if (mine === generation) deps.used(chosen);
    });
  });
  return {
    start(deviceId, volume) {
      ringingOn = deviceId;
      context ??= deps.createContext();
      element ??= makeElement(deps.document);
      const ctx = context;
      const audio = element;
      const target = ctx.createMediaStreamDestination();
      const gain = ctx.createGain();
      gain.connect(target);
      const now = ctx.currentTime;
      gain.gain.setValueAtTime(0, now);
      for (let round = 0; round < ROUNDS_AHEAD; round++) {
        const at = now + round * RING_PERIOD_S;
        gain.gain.setValueAtTime(0.5, at);
        gain.gain.setValueAtTime(0, at + RING_ON_S);
      }
      sources = RING_HZ.map((hz) => {
        const oscillator = ctx.createOscillator();
        oscillator.frequency.value = hz;
        oscillator.connect(gain);
        oscillator.start(now);
        return oscillator;
      });
      audio.srcObject = target.stream;
      audio.volume = volume;
      const mine = ++generation;
      void ctx.resume().catch(() => {});
      void deps.useOutput(audio, deviceId).then((chosen) => {
        if (mine !== generation) return; // stopped meanwhile
        deps.used(chosen);
        audio.play().catch(() => {});
      });
      audio.dataset.state = 'ringing';
    },
    stop() {
      generation += 1;
      for (const oscillator of sources) oscillator.stop();
      sources = [];
      if (element) {
        element.pause();
        element.srcObject = null;
        element.dataset.state = 'silent';
      }
    },
  };
}

function makeElement(document: Document): HTMLAudioElement {
  const audio = document.createElement('audio');
  audio.dataset.role = 'ringtone';
  document.body.append(audio);
  return audio;
}
