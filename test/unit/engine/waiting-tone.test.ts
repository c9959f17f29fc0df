import { describe, expect, it } from 'vitest';
import { ROUND_MS, SoftRing, type ToneOutput } from '../../../src/engine/waiting-tone';

function fixture() {
  const log: string[] = [];
  const output: ToneOutput = {
    beep: (hz, ms, offset) => log.push(`beep ${hz} ${ms} +${offset}`),
    silence: () => log.push('silence'),
  };
  const timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  const ring = new SoftRing({
    output,
    setTimer: (fn, ms) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return () => {
        t.cancelled = true;
      };
    },
  });
  const fire = () => {
    for (const t of timers.splice(0)) if (!t.cancelled) t.fn();
  };
  return { ring, log, timers, fire };
}

describe('soft ring of a waiting call', () => {
  it('starts with two short 440 Hz beeps, repeats every 4 s, and stops silent', () => {
    const { ring, log, timers, fire } = fixture();
    ring.set(true);
    expect(ring.playing).toBe(true);
    expect(log).toEqual(['beep 440 150 +0', 'beep 440 150 +300']);
    expect(timers.map((t) => t.ms)).toEqual([ROUND_MS]);
    ring.set(true); // the engine says so after every change: no second round starts
    expect(log).toHaveLength(2);
    fire();
    expect(log).toHaveLength(4);
    ring.set(false);
    expect(ring.playing).toBe(false);
    expect(log.at(-1)).toBe('silence');
    fire();
    expect(log).toHaveLength(5);
  });

  it('stopping when it never started does nothing', () => {
    const { ring, log } = fixture();
    ring.set(false);
    expect(log).toEqual([]);
  });
});
