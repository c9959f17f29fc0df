import { describe, expect, it } from 'vitest';
import { Ringtone, type RingPlayer } from '../../../src/engine/ringtone';
import type { WaitingTone } from '../../../src/engine/waiting-tone';
import { ACCOUNT, engineFixture } from '../../fakes/engine-fixture';

/** An engine whose ringtone plays on a fake player that logs what it is told. */
function ringingFixture(device = { deviceId: 'ringer-1', volume: 0.5 }) {
  const log: string[] = [];
  const player: RingPlayer = {
    start: (deviceId, volume) => log.push(`start ${deviceId} ${volume}`),
    stop: () => log.push('stop'),
  };
  const tone: boolean[] = [];
  const waitingTone: WaitingTone = { set: (on) => void (tone.at(-1) === on || tone.push(on)) };
  const ringtone = new Ringtone(player, () => device);
  const fx = engineFixture({ waitingTone, ringtone });
  fx.engine.configure(ACCOUNT, true);
  fx.stack.last.comeOnline();
  const ring = () => {
    const sip = fx.stack.last.ring('2002', 'Customer');
    const id = fx.last().calls.find((c) => c.remote.number === '2002')?.id ?? '';
    return { sip, id };
  };
  return { ...fx, log, tone, ring, ringtone };
}

describe('ringtone of an inbound call', () => {
  it('starts on the chosen ringer device and volume when a call rings, and stops on answer', async () => {
    const { ring, log, engine, ringtone } = ringingFixture();
    expect(log).toEqual([]);
    const call = ring();
    expect(log).toEqual(['start ringer-1 0.5']);
    expect(ringtone.ringing).toBe(true);
    await engine.command(call.id, 'ANSWER');
    expect(log).toEqual(['start ringer-1 0.5', 'stop']);
    call.sip.emit({ type: 'confirmed' });
    expect(log).toEqual(['start ringer-1 0.5', 'stop']);
  });

  it('stops on decline', async () => {
    const { ring, log, engine } = ringingFixture();
    const call = ring();
    await engine.command(call.id, 'DECLINE');
    expect(log).toEqual(['start ringer-1 0.5', 'stop']);
  });

  it('stops when the caller gives up (CANCEL) and when the call is answered elsewhere', () => {
    const { ring, log } = ringingFixture();
    const first = ring();
    first.sip.emit({ type: 'failed', failure: { code: 'cancelled', originator: 'remote' } });
    expect(log).toEqual(['start ringer-1 0.5', 'stop']);
    const second = ring();
    // Answered elsewhere: a CANCEL with Reason "Call completed elsewhere" ends it the same way.
    second.sip.emit({ type: 'failed', failure: { code: 'cancelled', sipStatus: 200, originator: 'remote' } });
    expect(log).toEqual(['start ringer-1 0.5', 'stop', 'start ringer-1 0.5', 'stop']);
  });

  it('a second call while one is connected gets the soft waiting tone, not the full ring', async () => {
    const { ring, log, tone, engine } = ringingFixture();
    const first = ring();
    await engine.command(first.id, 'ANSWER');
    first.sip.emit({ type: 'confirmed' });
    expect(log).toEqual(['start ringer-1 0.5', 'stop']);
    ring();
    expect(log).toEqual(['start ringer-1 0.5', 'stop']);
    expect(tone.at(-1)).toBe(true);
  });

  it('reads the device at each start, so a new choice applies to the next call', () => {
    const device = { deviceId: 'a', volume: 1 };
    const log: string[] = [];
    const ringtone = new Ringtone({ start: (id) => log.push(`start ${id}`), stop: () => log.push('stop') }, () => device);
    ringtone.set(true);
    ringtone.set(true);
    ringtone.set(false);
    device.deviceId = 'b';
    ringtone.set(true);
    expect(log).toEqual(['start a', 'stop', 'start b']);
  });
});
