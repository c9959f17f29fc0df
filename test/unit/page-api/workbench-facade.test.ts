import { describe, expect, it, vi } from 'vitest';
import type { PageCall } from '../../../src/page-api/client/types';
import { createWorkbench, type WorkbenchConfig } from '../../../src/page-api/client/workbench-facade';
import { FakeDialbarClient, pageCall, pageState } from '../../fakes/fake-dialbar-client';

/** A config whose every hook writes one line to `log`, with the arguments that matter. */
function recordingHooks(log: string[]): WorkbenchConfig {
  return {
    onInit: () => log.push('onInit'),
    onRegister: () => log.push('onRegister'),
    onCallComing: (connid, caller, callee, contactId) => log.push(`onCallComing ${connid} ${caller} ${callee || '-'} ${contactId}`),
    onCallDialing: (connid, caller, callee) => log.push(`onCallDialing ${connid} ${caller || '-'} ${callee}`),
    onCallEstablish: (connid, caller, data) => log.push(`onCallEstablish ${connid} ${caller || '-'} dnis=${data.dnis || '-'}`),
    onCallRelease: (connid, caller) => log.push(`onCallRelease ${connid} ${caller || '-'}`),
    onHangUp: (type) => log.push(`onHangUp ${type}`),
    onStatusChange: (code, lastCode, context) => log.push(`onStatusChange ${code} ${lastCode} ${context.connid || '-'}`),
    onErrorNotify: (error) => log.push(`onErrorNotify ${error.errorApi} ${error.errorCode} ${error.errorMsg}`),
    onLogIn: () => log.push('onLogIn'),
    onLogOut: () => log.push('onLogOut'),
    onBreak: () => log.push('onBreak'),
    onReady: () => log.push('onReady'),
  };
}

function setUp() {
  const client = new FakeDialbarClient();
  const log: string[] = [];
  const workbench = createWorkbench(client, recordingHooks(log));
  return { client, log, workbench };
}

describe('002 facade: hooks', () => {
  it('an inbound call: coming, status 6, establish, status 9, release, hang-up type inbound, status 5', () => {
    const { client, log } = setUp();
    client.push(pageState());
    const ringing = pageCall({ id: 'in-1', number: '+14155550101', callData: { 'X-Ticket': '7' } });
    client.push(pageState({ calls: [ringing], agent: { busy: true } }), { ringing: { call: ringing } });
    const talking: PageCall = { ...ringing, state: 'talking', answeredAt: 3_000 };
    client.push(pageState({ calls: [talking], agent: { busy: true } }));
    const ended: PageCall = { ...talking, state: 'ended', endedAt: 9_000, end: { by: 'remote', error: null, transferred: false } };
    client.push(pageState({ calls: [ended], agent: { state: 'afterCall' } }));
    expect(log).toEqual([
      'onInit',
      'onRegister',
      'onLogIn',
      'onReady',
      'onStatusChange 3 -1 -',
      'onCallComing in-1 +14155550101 - in-1',
      'onStatusChange 6 3 in-1',
      'onCallEstablish in-1 +14155550101 dnis=-',
      'onStatusChange 9 6 in-1',
      'onCallRelease in-1 +14155550101',
      'onHangUp inbound',
      'onStatusChange 5 9 -',
    ]);
  });

  it('an outbound call placed by call(): dialing, status 8, establish, status 10, release, type outbound', async () => {
    const { client, log, workbench } = setUp();
    client.push(pageState());
    log.length = 0;
    const placed = await workbench.call('+14155550102', '+14155550999');
    expect(client.commands).toEqual([{ name: 'dial', args: ['+14155550102', { callerId: '+14155550999' }] }]);
    const dialing = pageCall({ id: placed.callId, direction: 'outgoing', state: 'dialing', number: '+14155550102' });
    client.push(pageState({ calls: [dialing], agent: { busy: true } }));
    client.push(pageState({ calls: [{ ...dialing, state: 'ringing' }], agent: { busy: true } }));
    client.push(pageState({ calls: [{ ...dialing, state: 'talking', answeredAt: 5 }], agent: { busy: true } }));
    client.push(pageState({ calls: [{ ...dialing, state: 'ending', answeredAt: 5 }], agent: { busy: true } }));
    client.push(pageState({ calls: [], agent: { state: 'afterCall' } }));
    const id = placed.callId;
    expect(log).toEqual([
      `onCallDialing ${id} +14155550999 +14155550102`,
      `onStatusChange 8 3 ${id}`,
      `onCallEstablish ${id} +14155550999 dnis=+14155550102`,
      `onStatusChange 10 8 ${id}`,
      // 'ending' keeps 10: no flicker to the agent's code before the call is over.
      `onCallRelease ${id} +14155550999`,
      'onHangUp outbound',
      'onStatusChange 5 10 -',
    ]);
  });

  it('unanswered calls hang up as ringing (inbound) and dialing (outbound)', () => {
    const { client, log } = setUp();
    client.push(pageState());
    client.push(pageState({ calls: [pageCall({ id: 'a' })] }));
    client.push(pageState({ calls: [pageCall({ id: 'a', state: 'ended', endedAt: 1 })] }));
    client.push(pageState({ calls: [pageCall({ id: 'b', direction: 'outgoing', state: 'dialing' })] }));
    client.push(pageState({ calls: [] }));
    expect(log.filter((line) => line.startsWith('onHangUp'))).toEqual(['onHangUp ringing', 'onHangUp dialing']);
  });

  it('a state that skipped a step still gives every hook once, in order; an ended call lingering is not announced again', () => {
    const { client, log } = setUp();
    client.push(pageState());
    log.length = 0;
    const answered = pageCall({ id: 'x', state: 'talking', answeredAt: 2 });
    client.push(pageState({ calls: [answered] }));
    client.push(pageState({ calls: [answered] }));
    const ended = { ...answered, state: 'ended', endedAt: 3 };
    client.push(pageState({ calls: [ended], agent: { state: 'afterCall' } }));
    client.push(pageState({ calls: [ended], agent: { state: 'afterCall' } }));
    expect(log).toEqual([
      'onCallComing x +14155550100 - x',
      'onCallEstablish x +14155550100 dnis=-',
      'onStatusChange 9 3 x',
      'onCallRelease x +14155550100',
      'onHangUp inbound',
      'onStatusChange 5 9 -',
    ]);
  });

  it('calls already ended in the first state are history: no hooks', () => {
    const { client, log } = setUp();
    client.push(pageState({ calls: [pageCall({ state: 'ended', endedAt: 1 })], agent: { state: 'afterCall' } }));
    expect(log.some((line) => line.startsWith('onCall') || line.startsWith('onHangUp'))).toBe(false);
    expect(log).toContain('onStatusChange 5 -1 -');
  });

  it('agent hooks: Not ready is onBreak (4), sign-out is onLogOut (1), signing in again is onLogIn', () => {
    const { client, log } = setUp();
    client.push(pageState());
    log.length = 0;
    client.push(pageState({ agent: { state: 'notReady', reason: 'Lunch' } }));
    client.push(pageState({ agent: { state: 'signedOut' }, registration: { state: 'signedOut', error: null } }));
    client.push(pageState({ agent: { state: 'signingIn' }, registration: { state: 'registering', error: null } }));
    client.push(pageState({ agent: { state: 'notReady', reason: 'Signed in' } }));
    expect(log).toEqual([
      'onBreak',
      'onStatusChange 4 3 -',
      'onLogOut',
      'onStatusChange 1 4 -',
      'onStatusChange 0 1 -',
      'onRegister',
      'onLogIn',
      'onBreak',
      'onStatusChange 4 0 -',
    ]);
  });

  it('a hook that throws does not stop the others', () => {
    const client = new FakeDialbarClient();
    const later = vi.fn();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    createWorkbench(client, {
      onCallComing: () => {
        throw new Error('CRM bug');
      },
      onStatusChange: later,
    });
    client.push(pageState({ calls: [pageCall()] }));
    expect(later).toHaveBeenCalledWith(6, -1, { connid: 'call-1' });
    quiet.mockRestore();
  });

  it('getStatusCode and getStatus follow the state; destroy stops the hooks', () => {
    const { client, log, workbench } = setUp();
    expect(workbench.getStatusCode()).toEqual({ code: -1, lastCode: -1 });
    client.push(pageState({ agent: { state: 'notReady' } }));
    expect(workbench.getStatusCode()).toEqual({ code: 4, lastCode: -1 });
    expect(workbench.getStatus()).toBe('break');
    workbench.destroy();
    expect(client.listenerCount()).toBe(0);
    const before = log.length;
    client.push(pageState());
    expect(log.length).toBe(before);
  });

  it('the client’s error events reach onErrorNotify', () => {
    const { client, log } = setUp();
    client.emit('error', { error: { code: 'extension-gone', message: 'Dialbar was updated or turned off.' } });
    expect(log).toContain('onErrorNotify dialbar extension-gone Dialbar was updated or turned off.');
  });
});

describe('002 facade: methods', () => {
  const talking = pageCall({ id: 'a', state: 'held', answeredAt: 1 });
  const waiting = pageCall({ id: 'b', state: 'incoming', createdAt: 9_000 });

  it('each method calls the client’s command on the call it means', async () => {
    const { client, workbench } = setUp();
    client.push(pageState({ calls: [talking, waiting], agent: { busy: true } }));
    await workbench.hangUp();
    await workbench.answer();
    await workbench.callHold();
    await workbench.callRetrieve();
    await workbench.sendDtmf(5);
    await workbench.ready();
    await workbench.applyForBreak(2);
    await workbench.applyForBreak(1, 'Meeting');
    expect(client.commands).toEqual([
      { name: 'hangup', args: ['a'] },
      { name: 'answer', args: ['b'] },
      { name: 'hold', args: ['a'] },
      { name: 'resume', args: ['a'] },
      { name: 'sendDtmf', args: ['5', 'a'] },
      { name: 'setAgentState', args: ['ready', undefined] },
      { name: 'setAgentState', args: ['notReady', 'Lunch'] },
      { name: 'setAgentState', args: ['notReady', 'Meeting'] },
    ]);
  });

  it('a refusal reaches onErrorNotify with Dialbar’s code and sentence, and rejects the promise', async () => {
    const { client, log, workbench } = setUp();
    client.push(pageState({ calls: [pageCall({ state: 'incoming' })] }));
    client.refuse('hold', 'invalid-state', 'You can’t put a ringing call on hold.');
    await expect(workbench.callHold()).rejects.toThrow('You can’t put a ringing call on hold.');
    expect(log).toContain('onErrorNotify callHold invalid-state You can’t put a ringing call on hold.');
  });

  it('an ignored refused promise is not an unhandled rejection', async () => {
    const { client, workbench } = setUp();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    client.refuse('hangup', 'no-call', 'There is no call to hang up.');
    void workbench.hangUp();
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('call() without a callee is 002’s "no callee"; an encrypted callee is refused; caller "auto" sends no caller id', async () => {
    const { client, log, workbench } = setUp();
    await expect(workbench.call('  ')).rejects.toThrow('Enter the number to call.');
    await expect(workbench.call('c2VjcmV0', '', 'PUBLIC-KEY')).rejects.toThrow(/encrypted/);
    await workbench.call('+14155550103', 'auto', '', true);
    expect(log.filter((line) => line.startsWith('onErrorNotify'))).toEqual([
      'onErrorNotify call no callee Enter the number to call.',
      'onErrorNotify call encrypted-callee Dialbar cannot dial an encrypted number: pass the number itself.',
    ]);
    expect(client.commands).toEqual([{ name: 'dial', args: ['+14155550103', {}] }]);
  });
});
