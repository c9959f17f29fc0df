import { describe, expect, it } from 'vitest';
import { WINCALL_ACTION_SOURCES, WINCALL_ACTIONS, winCallActions } from '../../../src/page-api/client/wincall-actions';
import { createWinCall, type WinCallResponse } from '../../../src/page-api/client/wincall-facade';
import { FakeDialbarClient, pageCall, pageState } from '../../fakes/fake-dialbar-client';

describe('001 action table', () => {
  it('every 001 operation has a row, and enable + disable cover them all once', () => {
    expect(Object.keys(WINCALL_ACTION_SOURCES).sort()).toEqual([...WINCALL_ACTIONS].sort());
    const { enableActions, disableActions } = winCallActions(pageState());
    expect([...enableActions, ...disableActions].sort()).toEqual([...WINCALL_ACTIONS].sort());
  });

  it('before the first state every operation is disabled', () => {
    expect(winCallActions(null).enableActions).toEqual([]);
  });

  it('Ready without a call: dial and busy', () => {
    expect(winCallActions(pageState()).enableActions).toEqual(['dialinner', 'dialouter', 'busy']);
  });

  it('Not ready, and the line policy refuses a dial: only unbusy', () => {
    const state = pageState({ agent: { state: 'notReady', allowed: ['READY', 'NOT_READY'] }, dial: { allowed: false, refusal: null } });
    expect(winCallActions(state).enableActions).toEqual(['busy', 'unbusy']);
  });

  it('a ringing inbound call: answer (from its allowed list)', () => {
    const calls = [pageCall({ allowed: ['ANSWER', 'DECLINE'] })];
    expect(winCallActions(pageState({ calls, dial: { allowed: false, refusal: null }, agent: { allowed: [] } })).enableActions).toEqual([
      'answer',
    ]);
  });

  it('a talking call: hangup, hold, blind transfer; held: hangup, restore', () => {
    const noDial = { dial: { allowed: false, refusal: null }, agent: { allowed: [] } };
    const talking = pageCall({ state: 'talking', allowed: ['HANGUP', 'HOLD', 'MUTE', 'DTMF', 'TRANSFER', 'CONSULT'] });
    expect(winCallActions(pageState({ calls: [talking], ...noDial })).enableActions).toEqual(['hangup', 'hold', 'blindtrans']);
    const held = pageCall({ state: 'held', allowed: ['HANGUP', 'RESUME', 'TRANSFER'] });
    expect(winCallActions(pageState({ calls: [held], ...noDial })).enableActions).toEqual(['hangup', 'restore', 'blindtrans']);
  });

  it('operations with no Dialbar counterpart a page may use stay disabled even when Dialbar allows everything', () => {
    const everything = pageCall({ state: 'talking', allowed: ['ANSWER', 'HANGUP', 'HOLD', 'RESUME', 'TRANSFER', 'CONSULT', 'MERGE', 'COMPLETE_TRANSFER'] });
    const state = pageState({ calls: [everything], agent: { allowed: ['READY', 'NOT_READY', 'END_WRAP_UP'] } });
    const { disableActions } = winCallActions(state);
    for (const action of ['login', 'logout', 'consultinner', 'transfer', 'threeway', 'chanspy', 'transque'] as const) {
      expect(disableActions).toContain(action);
    }
  });
});

function setUp(options: Parameters<typeof createWinCall>[1] = {}) {
  const client = new FakeDialbarClient();
  const responses: WinCallResponse[] = [];
  const wincall = createWinCall(client, { event_listener: (response) => responses.push(response), busy_reasons: { 100: 'Meeting', 101: 'Lunch' }, ...options });
  return { client, responses, wincall, types: () => responses.map((r) => `${r.type} ${r.code} ${r.agStatus}`) };
}

describe('001 facade', () => {
  it('nothing is heard before init(); init() tells the current state', () => {
    const { client, responses, wincall, types } = setUp();
    client.push(pageState());
    expect(responses).toEqual([]);
    wincall.init();
    expect(types()).toEqual(['status_event 200 Ready']);
    expect(responses[0]?.enableActions).toEqual(['dialinner', 'dialouter', 'busy']);
  });

  it('an inbound call: ring_queue_event (with the call parameters), call_connected_event, call_done_event', () => {
    const { client, wincall, types, responses } = setUp();
    wincall.init();
    client.push(pageState());
    const ringing = pageCall({ id: 'in-1', allowed: ['ANSWER', 'DECLINE'], callData: { 'X-Ticket': '7' } });
    client.push(pageState({ calls: [ringing], agent: { busy: true, allowed: [] } }));
    expect(responses.at(-1)?.enableActions).toContain('answer');
    expect(wincall.fn_getParam('Caller')).toBe('+14155550100');
    expect(wincall.fn_getParam('CallId')).toBe('in-1');
    expect(wincall.fn_getParam('X-Ticket')).toBe('7');
    const talking = { ...ringing, state: 'talking', answeredAt: 2, allowed: ['HANGUP', 'HOLD'] };
    client.push(pageState({ calls: [talking], agent: { busy: true, allowed: [] } }));
    client.push(pageState({ calls: [], agent: { state: 'afterCall', allowed: ['READY', 'NOT_READY', 'END_WRAP_UP'] } }));
    expect(types()).toEqual([
      'status_event 200 Ready',
      'ring_queue_event 200 Busy',
      'call_connected_event 200 Busy',
      'call_done_event 200 After-call work',
    ]);
    expect(responses.map((r) => r.callId)).toEqual([undefined, 'in-1', 'in-1', 'in-1']);
  });

  it('the ring event of an inbound call can be chosen', () => {
    const { client, wincall, types } = setUp({ ringEvent: 'ring_inner_event' });
    wincall.init();
    client.push(pageState({ calls: [pageCall()] }));
    expect(types()[0]).toMatch(/^ring_inner_event/);
  });

  it('an outbound call by fn_dialouter: callouter_action, ring_outbound_event, call_connected_event, call_done_event', async () => {
    const { client, wincall, types } = setUp();
    client.push(pageState());
    wincall.init();
    await wincall.fn_dialouter('+14155550102', '+14155550999', 7);
    expect(client.commands).toEqual([{ name: 'dial', args: ['+14155550102', { callerId: '+14155550999' }] }]);
    const dialing = pageCall({ id: 'out-1', direction: 'outgoing', state: 'dialing', allowed: ['HANGUP'] });
    client.push(pageState({ calls: [dialing], agent: { busy: true } }));
    client.push(pageState({ calls: [{ ...dialing, state: 'talking', answeredAt: 2 }], agent: { busy: true } }));
    client.push(pageState({ calls: [{ ...dialing, state: 'ended', endedAt: 3 }], agent: { state: 'afterCall' } }));
    expect(types()).toEqual([
      'status_event 200 Ready',
      'callouter_action 200 Ready',
      'ring_outbound_event 200 Busy',
      'call_connected_event 200 Busy',
      'call_done_event 200 After-call work',
    ]);
  });

  it('a refused operation answers <name>_action with code 400 and Dialbar’s sentence', async () => {
    const { client, wincall, responses } = setUp();
    wincall.init();
    client.refuse('hold', 'invalid-state', 'You can’t put a ringing call on hold.');
    await wincall.fn_hold();
    expect(responses.at(-1)).toMatchObject({
      type: 'hold_action',
      code: 400,
      msg: 'You can’t put a ringing call on hold.',
      error: { code: 'invalid-state', message: 'You can’t put a ringing call on hold.' },
    });
    await wincall.fn_login('1001', 'secret', '8001', 1);
    expect(responses.at(-1)).toMatchObject({ type: 'login_action', code: 400 });
    expect(client.commands.map((c) => c.name)).toEqual(['hold']);
  });

  it('fn_busy sends the reason’s name; fn_unbusy, fn_answer, fn_hangup, fn_restore, fn_dtmf, fn_bindtrans reach the client', async () => {
    const { client, wincall } = setUp();
    client.push(pageState({ calls: [pageCall({ id: 'h', state: 'held', answeredAt: 1 }), pageCall({ id: 'r', createdAt: 9 })] }));
    await wincall.fn_busy(101);
    await wincall.fn_busy();
    await wincall.fn_unbusy();
    await wincall.fn_answer();
    await wincall.fn_hangup();
    await wincall.fn_restore();
    await wincall.fn_dtmf('#');
    await wincall.fn_bindtrans('2002');
    expect(client.commands).toEqual([
      { name: 'setAgentState', args: ['notReady', 'Lunch'] },
      { name: 'setAgentState', args: ['notReady', undefined] },
      { name: 'setAgentState', args: ['ready', undefined] },
      { name: 'answer', args: ['r'] },
      { name: 'hangup', args: ['h'] },
      { name: 'resume', args: ['h'] },
      { name: 'sendDtmf', args: ['#', 'h'] },
      { name: 'transfer', args: ['2002', 'h'] },
    ]);
  });

  it('a change from elsewhere (Not ready from the popup, a hold) comes as status_event with the new actions', () => {
    const { client, wincall, responses } = setUp();
    wincall.init();
    client.push(pageState());
    client.push(pageState({ agent: { state: 'notReady', reason: 'Lunch', allowed: ['READY', 'NOT_READY'] } }));
    expect(responses.at(-1)).toMatchObject({ type: 'status_event', agStatus: 'Not ready: Lunch' });
    expect(responses.at(-1)?.enableActions).toContain('unbusy');
    const count = responses.length;
    client.push(pageState({ agent: { state: 'notReady', reason: 'Lunch', allowed: ['READY', 'NOT_READY'] } }));
    expect(responses.length).toBe(count);
  });

  it('destroy() stops listening', () => {
    const { client, wincall, responses } = setUp();
    wincall.init();
    wincall.destroy();
    client.push(pageState());
    expect(responses).toEqual([]);
    expect(client.listenerCount()).toBe(0);
  });
});
