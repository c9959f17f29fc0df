import { describe, expect, it } from 'vitest';
import type { EngineLink } from '../../../src/background/engine-link';
import type { ContentPush } from '../../../src/background/content-push';
import { createPageHandlers } from '../../../src/background/page-commands';
import { createRateLimiter } from '../../../src/background/page-rate-limit';
import { type CallSnapshot, idleSnapshot, type Snapshot } from '../../../src/contract/snapshot';
import { DialbarError, InvalidStateError } from '../../../src/errors';
import type { RequestContext } from '../../../src/messaging/server';
import type { OriginRule } from '../../../src/settings/page-access';

const CRM = 'https://crm.example.com';
const sender = (origin: string, url = `${origin}/contacts`) => ({ role: 'content', sender: { id: 'ext', origin, url, tab: { id: 7 }, frameId: 0 } }) as RequestContext;

function call(id: string, overrides: Partial<CallSnapshot> = {}): CallSnapshot {
  return {
    id,
    direction: 'outgoing',
    state: 'talking',
    regions: { remoteHold: 'none', mute: 'unmuted' },
    remote: { uri: 'sip:c@x', displayName: '', number: 'c' },
    shown: 'c',
    origin: { source: 'page-api', url: CRM, tabId: 7, frameId: 0 },
    createdAt: 1,
    answeredAt: 2,
    endedAt: null,
    end: null,
    dtmf: { sent: '', pending: '' },
    callData: {},
    autoAnswerAt: null,
    allowed: ['HANGUP', 'HOLD'],
    ...overrides,
  };
}

function setup(rule: Partial<OriginRule> | null, calls: CallSnapshot[] = [], checkDial?: (origin: string, number: string) => Promise<void>) {
  const sent: Array<{ type: string; payload: unknown }> = [];
  const prompts: string[] = [];
  const subscribed: unknown[] = [];
  let t = 0;
  const link = {
    send: async (type: string, payload: unknown) => {
      sent.push({ type, payload });
      if (type === 'offscreen.dial') return { callId: 'new-call', call: call('new-call') };
      if (type === 'offscreen.callControl' && (payload as { command: string }).command === 'RESUME') throw new InvalidStateError('the call', 'talking', 'RESUME');
      return null;
    },
    withEngine: async <R>(action: () => Promise<R>) => action(),
  } as unknown as EngineLink;
  const push = { subscribe: async (target: unknown) => void subscribed.push(target) } as unknown as ContentPush;
  const snapshot: Snapshot = { ...idleSnapshot('e', true), calls };
  const handlers = createPageHandlers({
    link,
    push,
    loadAccount: async () => null,
    currentSnapshot: async () => snapshot,
    ...(checkDial ? { checkDial } : {}),
    page: {
      access: async () => ({ origins: rule ? [{ pattern: CRM, silentDial: false, shims: false, consent: true, ...rule }] : [] }),
      askConsent: async (origin) => void prompts.push(origin),
      now: () => t,
      limiter: createRateLimiter(() => t, { dial: { max: 2, windowMs: 1000 }, any: { max: 100, windowMs: 1000 } }),
    },
  });
  const command = (c: unknown, activated = true, ctx = sender(CRM)) =>
    Promise.resolve(handlers['background.pageCommand']({ command: c, activated } as never, ctx)).catch((e: unknown) => (e instanceof DialbarError ? e.code : e));
  return { handlers, sent, prompts, subscribed, command, tick: (ms: number) => (t += ms) };
}

describe('page commands in the service worker', () => {
  it('reads the origin from sender (never the payload) and refuses origins not in the list', async () => {
    const { command, sent } = setup({});
    expect(await command({ name: 'dial', number: '123' }, true, sender('https://evil.example.net'))).toBe('page-not-allowed');
    // A frame whose URL is on the CRM but whose attested origin is not (an opaque sandboxed frame).
    expect(await command({ name: 'dial', number: '123' }, true, sender('null', `${CRM}/x`))).toBe('page-not-allowed');
    expect(sent).toEqual([]);
    expect(await setup(null).command({ name: 'getState' })).toBe('page-not-allowed');
  });

  it('asks for consent once (in Dialbar’s own window) and refuses until it is given', async () => {
    const { command, prompts, sent } = setup({ consent: null });
    expect(await command({ name: 'dial', number: '123' })).toBe('page-consent-needed');
    expect(await command({ name: 'getState' })).toBe('page-consent-needed');
    expect(prompts).toEqual([CRM]);
    expect(sent).toEqual([]);
    expect(await setup({ consent: false }).command({ name: 'getState' })).toBe('page-consent-refused');
  });

  it('dials only with user activation unless silent dialling is allowed; records the origin as the browser attests it', async () => {
    const quiet = setup({});
    expect(await quiet.command({ name: 'dial', number: '123' }, false)).toBe('page-activation-needed');
    expect(await quiet.command({ name: 'dial', number: '123', callData: { 'X-Ticket': 'T-1' }, callerId: '+4930999' }, true)).toEqual({ callId: 'new-call' });
    expect(quiet.sent[0]).toEqual({
      type: 'offscreen.dial',
      payload: { target: '123', shown: '123', origin: { source: 'page-api', url: CRM, tabId: 7, frameId: 0 }, callData: { 'X-Ticket': 'T-1', 'X-Display-Number': '+4930999' } },
    });
    const silent = setup({ silentDial: true });
    expect(await silent.command({ name: 'dial', number: '123' }, false)).toEqual({ callId: 'new-call' });
    expect(await quiet.command({ name: 'dial', number: '1', callData: JSON.parse('{"__proto__":"x"}') })).toBe('bad-call-data');
  });

  it('passes every page dial through the worker’s dial check (dial policy, per-origin limit) before the engine', async () => {
    const checked: Array<[string, string]> = [];
    const { command, sent } = setup({}, [], async (origin, number) => {
      checked.push([origin, number]);
      if (number.startsWith('+1900')) throw new DialbarError('dial-policy-blocked-prefix', 'blocked');
    });
    expect(await command({ name: 'dial', number: '+19005550100' })).toBe('dial-policy-blocked-prefix');
    expect(sent).toEqual([]);
    expect(await command({ name: 'dial', number: '+14155550132' })).toEqual({ callId: 'new-call' });
    expect(checked).toEqual([
      [CRM, '+19005550100'],
      [CRM, '+14155550132'],
    ]);
  });

  it('limits dials per origin', async () => {
    const { command, tick } = setup({});
    expect(await command({ name: 'dial', number: '1' })).toEqual({ callId: 'new-call' });
    expect(await command({ name: 'dial', number: '2' })).toEqual({ callId: 'new-call' });
    expect(await command({ name: 'dial', number: '3' })).toBe('page-rate-limited');
    tick(1001);
    expect(await command({ name: 'dial', number: '4' })).toEqual({ callId: 'new-call' });
  });

  it('controls only calls the origin may see; a refused command crosses with the call machine’s sentence', async () => {
    const other = call('other', { origin: { source: 'popup', url: null, tabId: null, frameId: null } });
    const { command, sent } = setup({}, [other, call('mine'), call('in', { direction: 'incoming', state: 'incoming', origin: null, allowed: ['ANSWER', 'DECLINE'] })]);
    expect(await command({ name: 'hangup', callId: 'other' })).toBe('no-call');
    expect(await command({ name: 'hangup' })).toEqual({});
    expect(await command({ name: 'hangup', callId: 'in' })).toEqual({});
    expect(await command({ name: 'answer' })).toEqual({});
    expect(await command({ name: 'sendDtmf', digits: '12', callId: 'mine' })).toEqual({});
    expect(sent.map((s) => s.payload)).toEqual([
      { callId: 'mine', command: 'HANGUP' },
      { callId: 'in', command: 'DECLINE' },
      { callId: 'in', command: 'ANSWER' },
      { callId: 'mine', command: 'DTMF', digits: '12' },
    ]);
    expect(await command({ name: 'resume', callId: 'mine' })).toBe('invalid-state');
  });

  it('connect subscribes the frame with its attested origin and answers the page view', async () => {
    const { handlers, subscribed } = setup({});
    const state = await handlers['background.pageConnect'](null, sender(CRM));
    expect(state).toMatchObject({ version: 1, calls: [] });
    expect(subscribed).toEqual([{ tabId: 7, frameId: 0, documentId: null, origin: CRM }]);
  });
});
