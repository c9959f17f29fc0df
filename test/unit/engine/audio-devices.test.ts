import { describe, expect, it } from 'vitest';
import { openMicrophone, useOutput } from '../../../src/engine/audio-devices';
import { DialbarError } from '../../../src/errors';
import { AudioSettings } from '../../../src/offscreen/audio-settings';

const stream = { id: 'stream' } as unknown as MediaStream;
const named = (name: string) => Object.assign(new Error(name), { name });

/** A fake getUserMedia that knows some device ids; it logs the device each call asked for. */
function media(known: string[], opts: { denied?: boolean; noDevices?: boolean } = {}) {
  const asked: string[] = [];
  const getUserMedia = async (constraints: MediaStreamConstraints) => {
    const audio = constraints.audio as { deviceId?: { exact: string } };
    const id = audio.deviceId?.exact ?? '(default)';
    asked.push(id);
    if (opts.denied) throw named('NotAllowedError');
    if (opts.noDevices) throw named('NotFoundError');
    if (id !== '(default)' && !known.includes(id)) throw named('OverconstrainedError');
    return stream;
  };
  return { asked, getUserMedia };
}

describe('microphone choice', () => {
  it('opens the chosen device when it is there', async () => {
    const m = media(['mic-2']);
    expect(await openMicrophone(m.getUserMedia, 'mic-2')).toEqual({ stream, fellBack: false });
    expect(m.asked).toEqual(['mic-2']);
  });

  it('falls back to the default microphone when the chosen one is gone, and says so', async () => {
    const m = media([]);
    expect(await openMicrophone(m.getUserMedia, 'mic-unplugged')).toEqual({ stream, fellBack: true });
    expect(m.asked).toEqual(['mic-unplugged', '(default)']);
  });

  it('opens the default directly when none is chosen (no fallback to report)', async () => {
    const m = media([]);
    expect(await openMicrophone(m.getUserMedia, '')).toEqual({ stream, fellBack: false });
    expect(m.asked).toEqual(['(default)']);
  });

  it('a denied permission is not retried on the default and says mic-denied', async () => {
    const m = media(['mic-2'], { denied: true });
    await expect(openMicrophone(m.getUserMedia, 'mic-2')).rejects.toMatchObject({ code: 'mic-denied' });
    expect(m.asked).toEqual(['mic-2']);
  });

  it('no microphone at all says mic-missing', async () => {
    const m = media([], { noDevices: true });
    const error = await openMicrophone(m.getUserMedia, 'mic-2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DialbarError);
    expect(error).toMatchObject({ code: 'mic-missing' });
  });
});

describe('output choice (setSinkId)', () => {
  function element(known: string[]) {
    const sinks: string[] = [];
    return {
      sinks,
      async setSinkId(id: string) {
        if (id !== '' && !known.includes(id)) throw named('NotFoundError');
        sinks.push(id);
      },
    };
  }

  it('plays on the chosen device when it is there', async () => {
    const el = element(['spk-1']);
    expect(await useOutput(el, 'spk-1')).toBe(true);
    expect(el.sinks).toEqual(['spk-1']);
  });

  it('falls back to the default when the device is gone', async () => {
    const el = element([]);
    expect(await useOutput(el, 'spk-gone')).toBe(false);
    expect(el.sinks).toEqual(['']);
  });

  it('a browser without setSinkId can only play on the default', async () => {
    expect(await useOutput({}, '')).toBe(true);
    expect(await useOutput({}, 'spk-1')).toBe(false);
  });
});

describe('audio settings of the offscreen document', () => {
  it('reports a fallback as a notice, clears it when the device is used again or a new choice is made', () => {
    const settings = new AudioSettings();
    let changes = 0;
    settings.listen(() => changes++);
    expect(settings.read()).toEqual({ notice: null });
    settings.choice('ringer').used(false);
    expect(settings.read().notice).toMatchObject({ code: 'ringer-fallback' });
    expect(changes).toBe(1);
    settings.choice('ringer').used(false);
    expect(changes).toBe(1);
    settings.choice('microphone').used(false);
    expect(settings.read().notice?.code).toBe('microphone-fallback');
    settings.choice('microphone').used(true);
    expect(settings.read().notice?.code).toBe('ringer-fallback');
    settings.set({ ...settings.prefs, ringerId: 'other' });
    expect(settings.read()).toEqual({ notice: null });
    expect(changes).toBe(4);
  });

  it('hands each device kind its own id and volume, read at each use', () => {
    const settings = new AudioSettings();
    const ringer = settings.choice('ringer');
    const speaker = settings.choice('speaker');
    settings.set({ microphoneId: 'm', speakerId: 's', ringerId: 'r', callVolume: 0.8, ringVolume: 0.3 });
    expect([ringer.deviceId(), ringer.volume(), speaker.deviceId(), speaker.volume(), settings.choice('microphone').deviceId()]).toEqual([
      'r',
      0.3,
      's',
      0.8,
      'm',
    ]);
  });
});
