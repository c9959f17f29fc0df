import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../../src/contract/snapshot';
import { dialAllowance, declineStatus, hasWaitingCall, incomingDisposition, swapPair } from '../../../src/engine/line-policy';
import { AGENT_STATES } from '../../../src/machines/agent-machine';
import { CALL_STATES, type CallState, isConnected } from '../../../src/machines/call-machine';
import { call as snapshotOf } from '../ui/helpers';

/** A live call in `state`; the line policy reads only states (and ids, for swap). */
function call(state: CallState, id: string = state): CallSnapshot {
  return snapshotOf({ id, state, allowed: [] });
}

const LIVE_STATES = CALL_STATES.filter((s) => s !== 'ended');
const ON = { callWaiting: true, waitingDeclineCode: 486, autoAnswerSeconds: 0, autoAnswerByHeader: false } as const;
const OFF = { callWaiting: false, waitingDeclineCode: 486, autoAnswerSeconds: 0, autoAnswerByHeader: false } as const;

describe('line policy: a new incoming call, by 0 / 1 / 2 live calls × their state × the setting', () => {
  it('rings with no call live, whatever the setting', () => {
    expect(incomingDisposition([], ON)).toEqual({ ring: true, waiting: false });
    expect(incomingDisposition([], OFF)).toEqual({ ring: true, waiting: false });
  });

  for (const state of LIVE_STATES) {
    const waits = isConnected(state);
    it(`beside one ${state} call: ${waits ? 'waits (rings softly)' : '486'} with call waiting on, 486 with it off`, () => {
      expect(incomingDisposition([call(state)], ON)).toEqual(waits ? { ring: true, waiting: true } : { ring: false, sipStatus: 486 });
      expect(incomingDisposition([call(state)], OFF)).toEqual({ ring: false, sipStatus: 486 });
    });
  }

  for (const [a, b] of [['talking', 'incoming'], ['held', 'talking'], ['held', 'held']] as const) {
    it(`a third call beside ${a} + ${b} hears 486 whatever the setting`, () => {
      expect(incomingDisposition([call(a, 'a'), call(b, 'b')], ON)).toEqual({ ring: false, sipStatus: 486 });
      expect(incomingDisposition([call(a, 'a'), call(b, 'b')], OFF)).toEqual({ ring: false, sipStatus: 486 });
    });
  }
});

describe('line policy: dial, decline, swap, soft ring', () => {
  it('outgoing stays one live call at a time', () => {
    expect(dialAllowance(true, [])).toEqual({ allowed: true, refusal: null });
    for (const state of LIVE_STATES) expect(dialAllowance(true, [call(state)])).toMatchObject({ allowed: false, refusal: { code: 'call-in-progress' } });
    expect(dialAllowance(false, [])).toMatchObject({ allowed: false, refusal: { code: 'not-configured' } });
  });

  it('a declined waiting call hears the setting’s code; a lone incoming call hears 603', () => {
    expect(declineStatus(1, ON)).toBe(486);
    expect(declineStatus(1, { ...ON, waitingDeclineCode: 603 })).toBe(603);
    expect(declineStatus(0, ON)).toBe(603);
  });

  it('swap takes exactly one held and one talking call', () => {
    expect(swapPair([call('held', 'a'), call('talking', 'b')])).toMatchObject({ talking: { id: 'b' }, held: { id: 'a' } });
    expect(swapPair([call('holding', 'a'), call('talking', 'b')])).toBeNull();
    expect(swapPair([call('held', 'a'), call('incoming', 'b')])).toBeNull();
    expect(swapPair([call('talking', 'a')])).toBeNull();
  });

  it('the soft ring plays while an incoming call rings beside a connected one', () => {
    expect(hasWaitingCall([call('talking', 'a'), call('incoming', 'b')])).toBe(true);
    expect(hasWaitingCall([call('held', 'a'), call('incoming', 'b')])).toBe(true);
    expect(hasWaitingCall([call('incoming', 'b')])).toBe(false);
    expect(hasWaitingCall([call('talking', 'a'), call('held', 'b')])).toBe(false);
  });
});

describe('line policy: the agent state decides who may ring', () => {
  const UNAVAILABLE = new Set(['notReady', 'afterCall', 'afterCallNotReady']);
  for (const agent of AGENT_STATES) {
    it(`agent ${agent}: ${UNAVAILABLE.has(agent) ? 'the caller hears 486 (or the configured code) unless calls may ring' : 'rings as before'}`, () => {
      const rejected = UNAVAILABLE.has(agent);
      expect(incomingDisposition([], { ...ON, whenUnavailable: 'reject', unavailableCode: 486 }, agent)).toEqual(
        rejected ? { ring: false, sipStatus: 486 } : { ring: true, waiting: false },
      );
      expect(incomingDisposition([], { ...ON, whenUnavailable: 'reject', unavailableCode: 603 }, agent)).toEqual(
        rejected ? { ring: false, sipStatus: 603 } : { ring: true, waiting: false },
      );
      // Beside a talking call, the agent's rule comes first; when calls may ring, call waiting decides.
      expect(incomingDisposition([call('talking')], { ...ON, whenUnavailable: 'reject', unavailableCode: 480 }, agent)).toEqual(
        rejected ? { ring: false, sipStatus: 480 } : { ring: true, waiting: true },
      );
      expect(incomingDisposition([], { ...ON, whenUnavailable: 'ring', unavailableCode: 486 }, agent)).toEqual({ ring: true, waiting: false });
    });
  }

  it('dialling: refused only when the person signed out; Not ready and wrap-up may dial out', () => {
    for (const state of AGENT_STATES) {
      expect(dialAllowance(true, [], { state, signedOutByChoice: false })).toEqual({ allowed: true, refusal: null });
    }
    expect(dialAllowance(true, [], { state: 'signedOut', signedOutByChoice: true })).toMatchObject({
      allowed: false,
      refusal: { code: 'agent-signed-out' },
    });
    expect(dialAllowance(false, [], { state: 'signedOut', signedOutByChoice: true })).toMatchObject({ refusal: { code: 'not-configured' } });
  });

});
