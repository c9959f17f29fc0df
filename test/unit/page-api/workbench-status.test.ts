import { describe, expect, it } from 'vitest';
import { frontCall } from '../../../src/page-api/client/front-call';
import type { PageAgentState, PageRegistrationState } from '../../../src/page-api/client/types';
import {
  CALL_STATUS,
  STATUS_MAY_DIAL,
  STATUS_MAY_HANG_UP,
  type WorkbenchCode,
  workbenchStatus,
  workbenchStatusWord,
} from '../../../src/page-api/client/workbench-status';
import { pageCall, pageState } from '../../fakes/fake-dialbar-client';

describe('002 status code of Dialbar’s state', () => {
  it('is -1 (not registered) before any state', () => {
    expect(workbenchStatus(null)).toBe(-1);
    expect(workbenchStatusWord(-1)).toBe('off');
  });

  it.each<[PageAgentState, WorkbenchCode, string]>([
    ['signedOut', 1, 'off'],
    ['signingIn', 0, 'off'],
    ['ready', 3, 'ready'],
    ['notReady', 4, 'break'],
    ['afterCall', 5, 'other'],
    ['afterCallNotReady', 5, 'other'],
  ])('agent %s, registered, no call → %i (%s)', (agent, code, word) => {
    const status = workbenchStatus(pageState({ agent: { state: agent } }));
    expect(status).toBe(code);
    expect(workbenchStatusWord(status)).toBe(word);
  });

  it.each<[PageRegistrationState, WorkbenchCode]>([
    ['signedOut', 1],
    ['connecting', 0],
    ['registering', 0],
    ['reconnecting', 0],
    ['waitingToRetry', 0],
    ['failed', -1],
  ])('registration %s overrides a Ready agent without a call → %i', (registration, code) => {
    expect(workbenchStatus(pageState({ registration: { state: registration, error: null } }))).toBe(code);
  });

  it.each<[string, 'incoming' | 'outgoing', WorkbenchCode]>([
    ['incoming', 'incoming', 6],
    ['answering', 'incoming', 6],
    ['dialing', 'outgoing', 8],
    ['ringing', 'outgoing', 8],
    ['talking', 'incoming', 9],
    ['talking', 'outgoing', 10],
    ['transferring', 'outgoing', 10],
    ['holding', 'incoming', 12],
    ['held', 'outgoing', 12],
    ['resuming', 'incoming', 12],
    ['transferringHeld', 'incoming', 12],
    ['joining', 'incoming', 19],
    ['conference', 'outgoing', 19],
  ])('one %s %s call → %i, whatever the agent state', (callState, direction, code) => {
    const calls = [pageCall({ state: callState, direction })];
    expect(workbenchStatus(pageState({ calls, agent: { state: 'notReady', busy: true } }))).toBe(code);
  });

  it('a call still live wins over a registration that is reconnecting', () => {
    const state = pageState({ registration: { state: 'reconnecting', error: null }, calls: [pageCall({ state: 'talking' })] });
    expect(workbenchStatus(state)).toBe(9);
  });

  it('a hung-up call waiting for the far end keeps its code; an ended call gives the agent’s', () => {
    const answered = pageCall({ state: 'ending', direction: 'outgoing', answeredAt: 3_000 });
    expect(workbenchStatus(pageState({ calls: [answered] }))).toBe(10);
    expect(workbenchStatus(pageState({ calls: [pageCall({ state: 'ending', direction: 'outgoing' })] }))).toBe(8);
    expect(workbenchStatus(pageState({ calls: [pageCall({ state: 'ending' })] }))).toBe(6);
    const ended = pageCall({ state: 'ended', endedAt: 4_000 });
    expect(workbenchStatus(pageState({ calls: [ended], agent: { state: 'afterCall' } }))).toBe(5);
  });

  it('a consult: an outgoing call beside a held one is 16 while it rings, 17 once answered', () => {
    const held = pageCall({ id: 'a', state: 'held', direction: 'incoming', answeredAt: 1 });
    const consult = pageCall({ id: 'b', state: 'ringing', direction: 'outgoing', createdAt: 5_000 });
    expect(workbenchStatus(pageState({ calls: [held, consult] }))).toBe(16);
    expect(workbenchStatus(pageState({ calls: [held, { ...consult, state: 'talking' }] }))).toBe(17);
  });

  it('call waiting: a talking call with a caller ringing in is 9 (the talking call is in front)', () => {
    const talking = pageCall({ id: 'a', state: 'talking', answeredAt: 1 });
    const waiting = pageCall({ id: 'b', state: 'incoming', createdAt: 9_000 });
    expect(workbenchStatus(pageState({ calls: [waiting, talking] }))).toBe(9);
    expect(frontCall([waiting, talking])?.id).toBe('a');
  });

  it('a held call and a caller ringing in: the held call is in front (12)', () => {
    const held = pageCall({ id: 'a', state: 'held', answeredAt: 1 });
    const waiting = pageCall({ id: 'b', state: 'incoming', createdAt: 9_000 });
    expect(workbenchStatus(pageState({ calls: [waiting, held] }))).toBe(12);
  });

  it('an unknown call state falls back to the agent’s code instead of inventing one', () => {
    expect(workbenchStatus(pageState({ calls: [pageCall({ state: 'mystery' })] }))).toBe(3);
  });

  it('every code the tables give has a getStatus word; 002 section 10’s dial and hang-up lists hold', () => {
    for (const row of Object.values(CALL_STATUS)) {
      expect(workbenchStatusWord(row.incoming)).toMatch(/\w/);
      expect(workbenchStatusWord(row.outgoing)).toMatch(/\w/);
    }
    // A page that checks 002's list dials exactly when Dialbar's agent is signed in without a call.
    for (const agent of ['ready', 'notReady', 'afterCall', 'afterCallNotReady'] as const) {
      expect(STATUS_MAY_DIAL).toContain(workbenchStatus(pageState({ agent: { state: agent } })));
    }
    for (const agent of ['signedOut', 'signingIn'] as const) {
      expect(STATUS_MAY_DIAL).not.toContain(workbenchStatus(pageState({ agent: { state: agent } })));
    }
    for (const callState of ['dialing', 'talking', 'held']) {
      const code = workbenchStatus(pageState({ calls: [pageCall({ state: callState, direction: 'outgoing' })] }));
      expect(STATUS_MAY_HANG_UP).toContain(code);
    }
  });
});
