import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { contentView, idleSnapshot, SnapshotSchema } from '../../../src/contract/snapshot';
import { DialRequestSchema } from '../../../src/contract/protocol';
import { DialbarError } from '../../../src/errors';
import {
  CALL_DATA_LIMITS,
  CallDataSchema,
  callDataProblem,
  checkCallData,
  inboundCallData,
  mergeCallData,
} from '../../../src/settings/call-data';
import { ACCOUNT, engineFixture } from '../../fakes/engine-fixture';

const refused = (raw: unknown) => {
  try {
    checkCallData(raw);
  } catch (error) {
    return error;
  }
  return null;
};

describe('call data: header names and values', () => {
  it('takes X- names of letters, digits and hyphens with printable values', () => {
    const data = { 'X-Ticket': 'T-1234', 'x-crm-id': 'ÄÖÜ 42 / ok', 'X-A1-b2': '' };
    expect(checkCallData(data)).toEqual(data);
    expect(v.is(CallDataSchema, data)).toBe(true);
  });

  it.each([
    ['no X- prefix', { Ticket: '1' }],
    ['an underscore', { X_Ticket: '1' }],
    ['X- alone', { 'X-': '1' }],
    ['a space in the name', { 'X-My Ticket': '1' }],
    ['a colon in the name', { 'X-A:B': '1' }],
    ['a CRLF in the name', { 'X-A\r\nVia': '1' }],
    ['a name too long', { [`X-${'a'.repeat(CALL_DATA_LIMITS.name - 1)}`]: '1' }],
    ['constructor', { constructor: '1' }],
    ['prototype', { prototype: '1' }],
  ])('refuses a malformed name: %s', (_what, raw) => {
    expect(callDataProblem(raw)).toMatch(/header name/);
    const error = refused(raw);
    expect(error).toBeInstanceOf(DialbarError);
    expect(error).toMatchObject({ code: 'bad-call-data' });
  });

  it('refuses __proto__ as JSON and structured clone deliver it (an own key), and pollutes nothing', () => {
    const raw = JSON.parse('{"__proto__": {"polluted": "yes"}, "X-Ok": "1"}') as object;
    expect(Reflect.ownKeys(raw)).toContain('__proto__');
    expect(refused(raw)).toMatchObject({ code: 'bad-call-data', message: expect.stringContaining('__proto__') });
    expect(v.is(CallDataSchema, raw)).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const cloned = structuredClone(JSON.parse('{"__proto__": "x"}'));
    expect(callDataProblem(cloned)).toMatch(/header name/);
  });

  it.each([
    ['CRLF injection', { 'X-Note': 'a\r\nVia: SIP/2.0/WS evil' }],
    ['a bare LF', { 'X-Note': 'a\nb' }],
    ['a NUL', { 'X-Note': 'a\u0000b' }],
    ['a tab', { 'X-Note': 'a\tb' }],
    ['DEL', { 'X-Note': 'a\u007fb' }],
  ])('refuses a value with a control character: %s', (_what, raw) => {
    expect(refused(raw)).toMatchObject({ code: 'bad-call-data', message: expect.stringContaining('line break') });
  });

  it('refuses oversized values, too many headers, too much in all, repeats and non-text', () => {
    expect(refused({ 'X-Big': 'a'.repeat(CALL_DATA_LIMITS.value + 1) })).toMatchObject({ message: expect.stringContaining('longer than 256') });
    expect(checkCallData({ 'X-Big': 'a'.repeat(CALL_DATA_LIMITS.value) })).toHaveProperty('X-Big');
    const eleven = Object.fromEntries(Array.from({ length: CALL_DATA_LIMITS.count + 1 }, (_, i) => [`X-H${i}`, '1']));
    expect(refused(eleven)).toMatchObject({ message: expect.stringContaining('more than 10') });
    const heavy = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`X-H${i}`, 'a'.repeat(250)]));
    expect(refused(heavy)).toMatchObject({ message: expect.stringContaining('more than 1024') });
    expect(refused({ 'X-Id': '1', 'x-id': '2' })).toMatchObject({ message: expect.stringContaining('twice') });
    expect(refused({ 'X-Id': 1 })).toMatchObject({ message: expect.stringContaining('not text') });
    expect(refused(['X-Id', '1'])).toMatchObject({ code: 'bad-call-data' });
    expect(refused(new Map([['X-Id', '1']]))).toMatchObject({ code: 'bad-call-data' });
    expect(refused('X-Id: 1')).toMatchObject({ code: 'bad-call-data' });
  });

  it('the dial request carries call data of a bounded shape; the exact checks give the sentence', () => {
    expect(v.is(DialRequestSchema, { number: '2001', source: 'popup', callData: { 'X-Ticket': '1' } })).toBe(true);
    expect(v.is(DialRequestSchema, { number: '2001', source: 'popup' })).toBe(true);
    expect(v.is(DialRequestSchema, { number: '2001', source: 'popup', callData: 'X-Ticket: 1' })).toBe(false);
    const huge = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`X-H${i}`, '1']));
    expect(v.is(DialRequestSchema, { number: '2001', source: 'popup', callData: huge })).toBe(false);
  });

  it('inbound X- headers: bad ones skipped, a repeat keeps its first value, bounded by count and total', () => {
    const data = inboundCallData([
      { name: 'Via', value: 'SIP/2.0/WS x' },
      { name: 'X-Ticket', value: 'T-1' },
      { name: 'X-Ticket', value: 'T-2' },
      { name: 'X-Bad_Name', value: '1' },
      { name: 'X-Ctl', value: 'a\u0007b' },
      { name: 'X-Long', value: 'a'.repeat(300) },
      { name: 'X-Customer', value: 'ACME' },
    ]);
    expect(data).toEqual({ 'X-Ticket': 'T-1', 'X-Customer': 'ACME' });
    const many = inboundCallData(Array.from({ length: 30 }, (_, i) => ({ name: `X-H${i}`, value: 'v' })));
    expect(Object.keys(many)).toHaveLength(CALL_DATA_LIMITS.count);
    const heavy = inboundCallData(Array.from({ length: 8 }, (_, i) => ({ name: `X-H${i}`, value: 'a'.repeat(250) })));
    expect(Object.keys(heavy)).toHaveLength(4) // 4 × (4 + 250) = 1016 characters; a fifth would pass 1024;
    expect(callDataProblem(heavy)).toBeNull();
  });

  it('merging: a later set wins for the same name in any case', () => {
    expect(mergeCallData({ 'X-Display-Number': '100' }, { 'x-display-number': '200', 'X-Ticket': '1' })).toEqual({
      'x-display-number': '200',
      'X-Ticket': '1',
    });
  });
});

describe('call data in the engine', () => {
  async function online(account = {}) {
    const fx = engineFixture();
    fx.engine.configure({ ...ACCOUNT, ...account }, true);
    fx.stack.last.comeOnline();
    return fx;
  }

  it('an outgoing call sends the request’s headers and the account’s display number; the request wins', async () => {
    const fx = await online({ displayNumber: '+4930123', displayNumberHeader: 'X-Display-Number' });
    const call = await fx.engine.dial('2001', '', null, { 'X-Ticket': 'T-9' });
    const sip = fx.stack.last.calls[0];
    expect(sip?.sentHeaders).toEqual({ 'X-Display-Number': '+4930123', 'X-Ticket': 'T-9' });
    expect(call.callData).toEqual({ 'X-Display-Number': '+4930123', 'X-Ticket': 'T-9' });
    sip?.emit({ type: 'failed', failure: { code: 'busy', sipStatus: 486, originator: 'remote' } });
    await fx.engine.dial('2002', '', null, { 'x-display-number': '555' });
    expect(fx.stack.last.calls[1]?.sentHeaders).toEqual({ 'x-display-number': '555' });
  });

  it('without a display number and call data, the INVITE gets no extra header', async () => {
    const fx = await online();
    await fx.engine.dial('2001', '');
    expect(fx.stack.last.calls[0]?.sentHeaders).toEqual({});
  });

  it('bad call data reaching the engine is refused before anything rings', async () => {
    const fx = await online();
    await expect(fx.engine.dial('2001', '', null, { 'X-A': 'x\r\nVia: evil' })).rejects.toMatchObject({ code: 'bad-call-data' });
    expect(fx.stack.last.calls).toHaveLength(0);
  });

  it('an incoming call’s X- headers are in its snapshot, and only the own tab’s calls reach a content view', async () => {
    const fx = await online();
    fx.stack.last.ring('2001', 'Customer', [
      { name: 'X-Ticket', value: 'T-77' },
      { name: 'X-Evil', value: 'a\u0000' },
      { name: 'Call-Info', value: '<sip:x>;purpose=info' },
    ]);
    const snapshot = fx.last();
    expect(snapshot.calls[0]?.callData).toEqual({ 'X-Ticket': 'T-77' });
    expect(v.is(SnapshotSchema, snapshot)).toBe(true);
    expect(contentView(snapshot, 7).calls).toEqual([]);
    expect(JSON.stringify(contentView({ ...idleSnapshot('e'), calls: snapshot.calls }, 7))).not.toContain('T-77');
  });
});
