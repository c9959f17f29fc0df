import { describe, expect, it } from 'vitest';
import { PAGE_LIMITS, PAGE_NAMESPACE, readPageMessage } from '../../../src/contract/page-api';
import { pageView } from '../../../src/contract/page-view';
import { idleSnapshot, type CallSnapshot } from '../../../src/contract/snapshot';

const head = { ns: PAGE_NAMESPACE, v: 1 } as const;
const command = (c: unknown, id = '7') => ({ ...head, kind: 'command', id, command: c });

describe('page API envelope', () => {
  it('reads a connect and each command', () => {
    expect(readPageMessage({ ...head, kind: 'connect' })).toEqual({ status: 'ok', message: { ...head, kind: 'connect' } });
    const dial = readPageMessage(command({ name: 'dial', number: ' +4930123 ', callData: { 'X-Ticket': '1' }, callerId: '+4930999' }));
    expect(dial).toMatchObject({ status: 'ok', message: { id: '7', command: { name: 'dial', number: '+4930123', callerId: '+4930999' } } });
    for (const c of [{ name: 'hangup' }, { name: 'answer', callId: 'c1' }, { name: 'sendDtmf', digits: '12#' }, { name: 'transfer', target: '2002' }, { name: 'setAgentState', state: 'notReady', reason: 'Lunch' }, { name: 'getState' }]) {
      expect(readPageMessage(command(c)).status, JSON.stringify(c)).toBe('ok');
    }
  });

  it('ignores messages that are not ours (no reply at all)', () => {
    for (const raw of [null, 'x', 42, [], {}, { ns: 'other', v: 1, kind: 'command' }, { type: 'webpackOk' }]) expect(readPageMessage(raw)).toEqual({ status: 'foreign' });
  });

  it('refuses an unknown version in words, keeping the id for the reply', () => {
    const r = readPageMessage({ ...command({ name: 'getState' }), v: 2 });
    expect(r).toMatchObject({ status: 'refused', id: '7', error: { code: 'page-unknown-version', message: expect.stringContaining('version') } });
  });

  it('refuses wrong types, unknown commands and extra keys, naming the field', () => {
    expect(readPageMessage(command({ name: 'dial', number: 42 }))).toMatchObject({ status: 'refused', error: { code: 'page-bad-request', message: expect.stringContaining('number must be text') } });
    expect(readPageMessage(command({ name: 'dial', number: '' }))).toMatchObject({ status: 'refused', error: { code: 'page-bad-request', message: expect.stringContaining('number is empty') } });
    expect(readPageMessage(command({ name: 'format-disk' }))).toMatchObject({ status: 'refused', error: { code: 'page-bad-request' } });
    expect(readPageMessage(command({ name: 'hangup', evil: true }))).toMatchObject({ status: 'refused' });
    expect(readPageMessage(command({ name: 'sendDtmf', digits: 'hello' }))).toMatchObject({ status: 'refused', error: { message: expect.stringContaining('DTMF digits') } });
    expect(readPageMessage(command({ name: 'setAgentState', state: 'sleeping' }))).toMatchObject({ status: 'refused', error: { message: expect.stringContaining('ready, notReady or endWrapUp') } });
    expect(readPageMessage({ ...head, kind: 'command', id: 5, command: { name: 'getState' } })).toMatchObject({ status: 'refused', id: null });
    expect(readPageMessage({ ...head, kind: 'subscribe-everything' })).toMatchObject({ status: 'refused' });
  });

  it('refuses oversized and deeply nested messages', () => {
    const big = readPageMessage(command({ name: 'dial', number: '1', callData: { 'X-A': 'x'.repeat(PAGE_LIMITS.messageChars) } }));
    expect(big).toMatchObject({ status: 'refused', id: '7', error: { code: 'page-bad-request', message: expect.stringContaining('characters long') } });
    let deep: unknown = 'x';
    for (let i = 0; i < 12; i++) deep = { a: deep };
    expect(readPageMessage(command({ name: 'dial', number: '1', callData: deep }))).toMatchObject({ status: 'refused', error: { message: expect.stringContaining('nested') } });
    const cyclic: Record<string, unknown> = { ...command({ name: 'getState' }) };
    cyclic.self = cyclic;
    expect(readPageMessage(cyclic)).toMatchObject({ status: 'refused', error: { code: 'page-bad-request' } });
  });

  it('refuses prototype-pollution keys anywhere (as JSON.parse and structured clone create them)', () => {
    for (const json of [
      `{"ns":"${PAGE_NAMESPACE}","v":1,"kind":"command","id":"1","command":{"name":"dial","number":"1","callData":{"__proto__":{"polluted":true}}}}`,
      `{"ns":"${PAGE_NAMESPACE}","v":1,"kind":"command","id":"1","__proto__":{"x":1},"command":{"name":"getState"}}`,
      `{"ns":"${PAGE_NAMESPACE}","v":1,"kind":"command","id":"1","command":{"name":"getState","constructor":{"prototype":{}}}}`,
    ]) {
      const raw = JSON.parse(json);
      expect(readPageMessage(raw)).toMatchObject({ status: 'refused', error: { code: 'page-bad-request', message: expect.stringContaining('is not allowed') } });
      expect(structuredClone(raw)).toHaveProperty(Object.keys(raw).includes('__proto__') ? ['__proto__'] : ['command']);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

function call(overrides: Partial<CallSnapshot>): CallSnapshot {
  return {
    id: 'c1',
    direction: 'outgoing',
    state: 'talking',
    regions: { remoteHold: 'none', mute: 'unmuted' },
    remote: { uri: 'sip:customer@127.0.0.1', displayName: 'Customer', number: 'customer' },
    shown: 'customer',
    origin: { source: 'page-api', url: 'https://crm.example.com', tabId: 3, frameId: 0 },
    createdAt: 1,
    answeredAt: 2,
    endedAt: null,
    end: null,
    dtmf: { sent: '1234', pending: '#' },
    callData: { 'X-Ticket': 'T-1' },
    autoAnswerAt: null,
    allowed: ['HANGUP', 'HOLD'],
    ...overrides,
  };
}

describe('page view', () => {
  const snapshot = {
    ...idleSnapshot('e1', true),
    account: { uri: 'sip:agent@pbx.example.com', displayName: 'Agent' },
    calls: [
      call({}),
      call({ id: 'other-origin', origin: { source: 'page-api', url: 'https://evil.example.net', tabId: 4, frameId: 0 } }),
      call({ id: 'popup', origin: { source: 'popup', url: null, tabId: null, frameId: null } }),
      call({ id: 'in', direction: 'incoming', state: 'incoming', origin: null, callData: { 'X-Caller-Id': '42' } }),
    ],
  };

  it('shows inbound calls and the calls this origin started, never other origins’, the popup’s, the account or DTMF digits', () => {
    const view = pageView(snapshot, 'https://crm.example.com');
    expect(view.calls.map((c) => c.id)).toEqual(['c1', 'in']);
    expect(view.calls[1]).toMatchObject({ number: 'customer', displayName: 'Customer', callData: { 'X-Caller-Id': '42' } });
    const text = JSON.stringify(view);
    expect(text).not.toContain('sip:agent@pbx.example.com');
    expect(text).not.toContain('1234');
    expect(text).not.toContain('evil.example.net');
    expect(pageView(snapshot, 'https://evil.example.net').calls.map((c) => c.id)).toEqual(['other-origin', 'in']);
  });
});
