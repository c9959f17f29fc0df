import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createScreenPop } from '../../../src/background/screen-pop';
import { idleSnapshot, type Snapshot } from '../../../src/contract/snapshot';
import { expandScreenPop, parseScreenPop, ScreenPopSchema } from '../../../src/settings/screen-pop';
import { createScreenPopModel } from '../../../src/ui/screen-pop-model';

const call = {
  id: 'call-1',
  remote: { number: '+14155550132', displayName: 'Zoë & Co/?#' },
  callData: { 'X-Ticket': 'T 42&x=1' },
};

describe('screen pop template', () => {
  it('expands {number} {e164} {name} {callId} and X- headers (any case), each value URL-encoded', () => {
    const url = expandScreenPop('https://crm.example.com/search?phone={number}&e={e164}&n={name}&c={callId}&t={x-ticket}&u={X-Unknown}', call);
    expect(url).toBe(
      'https://crm.example.com/search?phone=%2B14155550132&e=%2B14155550132&n=Zo%C3%AB%20%26%20Co%2F%3F%23&c=call-1&t=T%2042%26x%3D1&u=',
    );
    expect(new URL(url ?? '').searchParams.get('n')).toBe('Zoë & Co/?#');
  });

  it('{e164} is empty for a number that is not E.164 (an extension, a SIP user)', () => {
    expect(expandScreenPop('https://crm.example.com/?e={e164}&n={number}', { ...call, remote: { number: '204', displayName: '' } })).toBe(
      'https://crm.example.com/?e=&n=204',
    );
  });

  it('only https: — a template or an expansion that is not https gives no pop, and the setting refuses it', () => {
    expect(expandScreenPop('http://crm.example.com/?p={number}', call)).toBeNull();
    expect(expandScreenPop('javascript:alert({number})', call)).toBeNull();
    expect(expandScreenPop('{name}', { ...call, remote: { number: '1', displayName: 'https://evil.example' } })).toBeNull();
    expect(expandScreenPop('', call)).toBeNull();
    expect(v.safeParse(ScreenPopSchema, { template: 'http://crm.example.com/?p={number}', when: 'ringing' }).success).toBe(false);
    expect(v.safeParse(ScreenPopSchema, { template: 'https://crm.example.com/?p={number}', when: 'answer' }).success).toBe(true);
    expect(parseScreenPop({ template: 'ftp://x', when: 'ringing' })).toEqual({ template: '', when: 'ringing' });
  });

  it('the options model refuses a non-https address with words and keeps what was typed', async () => {
    const store: Record<string, unknown> = {};
    const model = createScreenPopModel({ get: async (k) => ({ [k]: store[k] }), set: async (items) => void Object.assign(store, items) });
    await model.load();
    model.setDraft('http://crm.example.com/?p={number}');
    await model.save();
    expect(model.error.value).toContain('https://');
    expect(store.screenPop).toBeUndefined();
    expect(model.draft.value).toBe('http://crm.example.com/?p={number}');
    model.setDraft('https://crm.example.com/?p={number}');
    model.setWhen('answer');
    await model.save();
    expect(store.screenPop).toEqual({ template: 'https://crm.example.com/?p={number}', when: 'answer' });
  });
});

function snapshotWith(state: Snapshot['calls'][number]['state'], answeredAt: number | null = null, direction: 'incoming' | 'outgoing' = 'incoming'): Snapshot {
  const s = idleSnapshot('e');
  s.calls = [
    { id: 'c1', direction, state, regions: { remoteHold: 'none', mute: 'unmuted' }, dtmf: { sent: '', pending: '' }, callData: {}, autoAnswerAt: null, remote: { uri: 'sip:2001@lab', displayName: 'Customer', number: '2001' }, shown: '', origin: null, createdAt: 0, answeredAt, endedAt: null, end: null, allowed: [] },
  ];
  return s;
}

function area(initial: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = { ...initial };
  return { data, get: async (k: string) => ({ [k]: data[k] }), set: async (items: Record<string, unknown>) => void Object.assign(data, items) };
}

describe('screen pop in the service worker', () => {
  it('opens once per call on ringing, even for repeated snapshots and after a worker restart', async () => {
    const local = area({ screenPop: { template: 'https://crm.example.com/?p={number}', when: 'ringing' } });
    const session = area();
    const opened: string[] = [];
    const openTab = async (url: string) => void opened.push(url);
    const first = createScreenPop({ local, session, openTab });
    void first.relay(snapshotWith('incoming'));
    await first.relay(snapshotWith('incoming'));
    expect(opened).toEqual(['https://crm.example.com/?p=2001']);
    // A restarted worker: a new instance, the same storage.session.
    const second = createScreenPop({ local, session, openTab });
    await second.relay(snapshotWith('incoming'));
    await second.relay(snapshotWith('talking', 5));
    expect(opened).toHaveLength(1);
  });

  it('on answer: not while ringing, once answered; never for outgoing calls or with no template', async () => {
    const session = area();
    const opened: string[] = [];
    const pop = createScreenPop({ local: area({ screenPop: { template: 'https://crm.example.com/?p={number}', when: 'answer' } }), session, openTab: async (u) => void opened.push(u) });
    await pop.relay(snapshotWith('incoming'));
    expect(opened).toEqual([]);
    await pop.relay(snapshotWith('talking', 5));
    expect(opened).toEqual(['https://crm.example.com/?p=2001']);
    const outgoing = createScreenPop({ local: area({ screenPop: { template: 'https://crm.example.com/', when: 'answer' } }), session: area(), openTab: async (u) => void opened.push(u) });
    await outgoing.relay(snapshotWith('talking', 5, 'outgoing'));
    const none = createScreenPop({ local: area(), session: area(), openTab: async (u) => void opened.push(u) });
    await none.relay(snapshotWith('incoming'));
    expect(opened).toHaveLength(1);
  });
});
