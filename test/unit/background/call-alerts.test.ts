import { describe, expect, it } from 'vitest';
import { badgeFor, callIdOfNotification, commandOfNotificationButton, syncAlerts } from '../../../src/background/call-alerts';
import { type Snapshot, idleSnapshot } from '../../../src/contract/snapshot';
import type { AlertsPlatform } from '../../../src/platform';

function withCall(state: Snapshot['calls'][number]['state'], id = 'c1'): Snapshot {
  const s = idleSnapshot('e');
  s.registration.state = 'registered';
  s.calls = [
    { id, direction: 'incoming', state, regions: { remoteHold: 'none', mute: 'unmuted' }, dtmf: { sent: '', pending: '' }, callData: {}, autoAnswerAt: null, remote: { uri: 'sip:2001@lab', displayName: 'Customer', number: '2001' }, shown: '', origin: null, createdAt: 0, answeredAt: null, endedAt: null, end: null, allowed: [] },
  ];
  return s;
}

function platform() {
  const shown = new Set<string>();
  const log: string[] = [];
  const p: AlertsPlatform = {
    setBadge: async (b) => void log.push(`badge:${b.text}`),
    shownNotifications: async () => [...shown],
    showIncoming: async (id, caller) => {
      shown.add(id);
      log.push(`show:${id}:${caller}`);
    },
    showProblem: async (message) => {
      log.push(`problem:${message}`);
    },
    clear: async (id) => {
      shown.delete(id);
      log.push(`clear:${id}`);
    },
  };
  return { p, log, shown };
}

describe('call alerts', () => {
  it('derives the badge from the snapshot', () => {
    expect(badgeFor(withCall('incoming')).text).toBe('RING');
    expect(badgeFor(withCall('talking')).text).toBe('CALL');
    expect(badgeFor(withCall('held')).text).toBe('HOLD');
    // Two calls: a waiting call rings on the badge; else the talking call wins over the held one.
    const two = (a: Snapshot, b: Snapshot) => ({ ...a, calls: [...a.calls, ...b.calls.map((c) => ({ ...c, id: 'c2' }))] });
    expect(badgeFor(two(withCall('talking'), withCall('incoming'))).text).toBe('RING');
    expect(badgeFor(two(withCall('held'), withCall('talking'))).text).toBe('CALL');
    expect(badgeFor(two(withCall('talking'), withCall('held'))).text).toBe('CALL');
    const failed = idleSnapshot();
    failed.registration.state = 'failed';
    expect(badgeFor(failed).text).toBe('!');
    expect(badgeFor(withCall('ended')).text).toBe('');
  });

  it('shows one notification per ringing call, even when asked twice, and clears it when answered', async () => {
    const { p, log } = platform();
    await syncAlerts(withCall('incoming'), p);
    await syncAlerts(withCall('incoming'), p);
    expect(log.filter((l) => l.startsWith('show'))).toEqual(['show:incoming:c1:Customer']);
    await syncAlerts(withCall('answering'), p);
    expect(log).toContain('clear:incoming:c1');
    expect(callIdOfNotification('incoming:c1')).toBe('c1');
    expect(callIdOfNotification('other')).toBeNull();
    expect(commandOfNotificationButton('incoming:c1', 0)).toEqual({ callId: 'c1', command: 'ANSWER' });
    expect(commandOfNotificationButton('incoming:c1', 1)).toEqual({ callId: 'c1', command: 'DECLINE' });
    expect(commandOfNotificationButton('incoming:c1', 2)).toBeNull();
    expect(commandOfNotificationButton('problem:1', 0)).toBeNull();
  });
});
