import { describe, expect, it } from 'vitest';
import { DEFAULT_AUDIO_PREFS, parseAudioPrefs } from '../../../src/settings/audio-prefs';
import { deviceOptions } from '../../../src/ui/devices-model';

describe('audio prefs', () => {
  it('nothing saved yet (or garbage) reads the defaults: system default devices', () => {
    expect(parseAudioPrefs(undefined)).toEqual(DEFAULT_AUDIO_PREFS);
    expect(parseAudioPrefs('x')).toEqual(DEFAULT_AUDIO_PREFS);
    expect(DEFAULT_AUDIO_PREFS).toMatchObject({ microphoneId: '', speakerId: '', ringerId: '' });
  });

  it('keeps good fields and replaces bad ones field by field', () => {
    expect(parseAudioPrefs({ ringerId: 'r1', callVolume: 7, ringVolume: 0.2, speakerId: 3 })).toEqual({
      ...DEFAULT_AUDIO_PREFS,
      ringerId: 'r1',
      ringVolume: 0.2,
    });
  });
});

describe('device list in options', () => {
  const devices = [
    { deviceId: 'default', kind: 'audiooutput', label: 'Default' },
    { deviceId: 'o1', kind: 'audiooutput', label: 'Headset' },
    { deviceId: 'o2', kind: 'audiooutput', label: '' },
    { deviceId: 'i1', kind: 'audioinput', label: 'USB mic' },
  ];

  it('puts the system default first and numbers devices without labels (before the microphone is allowed)', () => {
    expect(deviceOptions(devices, 'audiooutput', '')).toEqual([
      { id: '', label: 'System default' },
      { id: 'o1', label: 'Headset' },
      { id: 'o2', label: 'Output 2' },
    ]);
    expect(deviceOptions(devices, 'audioinput', 'i1').map((o) => o.id)).toEqual(['', 'i1']);
  });

  it('keeps a chosen device that is unplugged, marked as not connected', () => {
    expect(deviceOptions(devices, 'audioinput', 'gone').at(-1)).toEqual({ id: 'gone', label: 'Chosen device (not connected)' });
  });
});
