import { useOutput } from '../audio-devices';
import type { DeviceChoice } from '../browser-media';
import type { MixerGraph } from './mixer';

/** The slice of an `AudioContext` the conference's speaker side uses (a fake in unit tests). */
export interface SpeakerContext extends Omit<MixerGraph, 'destination'> {
  readonly destination: MixerGraph['destination'];
  createGain(): MixerGraph['destination'] & { readonly gain: { value: number } };
  /** `AudioContext.setSinkId` (Chrome 110+); absent where the browser has none. */
  setSinkId?(sinkId: string): Promise<void>;
}

/**
 * The Web Audio graph of one conference, heard where an ordinary call is heard: on the speaker
 * chosen in the options (else the default, reported like an audio element's fallback) and at the
 * call volume. The mix reaches the speakers through a gain node instead of the context's own
 * destination.
 */
export function speakerMixerGraph(speaker: DeviceChoice & { volume(): number }, createContext: () => SpeakerContext): MixerGraph {
  const context = createContext();
  const volume = context.createGain();
  volume.gain.value = speaker.volume();
  volume.connect(context.destination);
  void useOutput(context, speaker.deviceId()).then((chosen) => speaker.used(chosen));
  return {
    createMediaStreamSource: (stream) => context.createMediaStreamSource(stream),
    createMediaStreamDestination: () => context.createMediaStreamDestination(),
    destination: volume,
    resume: () => context.resume(),
    close: () => context.close(),
  };
}
