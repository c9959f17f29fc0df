import { describe, expect, it } from 'vitest';
import { wavRms } from '../../lab/baresip';

/** A 16-bit PCM WAV of `samples` (interleaved); `finalSizes: false` leaves the header's sizes 0, as while recording. */
function wav(samples: number[], rate = 8000, channels = 1, finalSizes = true): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  for (const [i, s] of samples.entries()) data.writeInt16LE(Math.round(s * 32767), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(finalSizes ? 36 + data.length : 0, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(finalSizes ? data.length : 0, 40);
  return Buffer.concat([header, data]);
}

const sine = (count: number, amplitude: number) => Array.from({ length: count }, (_, i) => amplitude * Math.sin((2 * Math.PI * 440 * i) / 8000));

describe('wavRms (what the lab phone decoded)', () => {
  it('is amplitude/√2 for a sine and 0 for silence', () => {
    expect(wavRms(wav(sine(8000, 0.5)), 1)).toBeCloseTo(0.5 / Math.SQRT2, 3);
    expect(wavRms(wav(new Array(8000).fill(0)), 1)).toBe(0);
  });

  it('looks only at the last seconds, per channel count and rate', () => {
    // 1 s of 16 kHz stereo: the first half a sine, the second half silence.
    const loudThenSilent = [...sine(16000, 0.5), ...new Array(16000).fill(0)];
    expect(wavRms(wav(loudThenSilent, 16000, 2), 0.5)).toBe(0);
    expect(wavRms(wav(loudThenSilent, 16000, 2), 1)).toBeCloseTo(0.25, 3);
  });

  it('reads a file still being written (header sizes 0) to its end, and refuses what is not a WAV', () => {
    expect(wavRms(wav(sine(8000, 0.5), 8000, 1, false), 1)).toBeCloseTo(0.5 / Math.SQRT2, 3);
    expect(wavRms(Buffer.from('not a wav file at all, just some text bytes here'), 1)).toBe(0);
  });
});
