import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPopupModel, type PopupModel } from '../../../src/ui/popup-model';
import { call, fakeRuntime, flush, manualClock, snapshot } from './helpers';

/** The popup with two calls up (call waiting, swap): a card per call. */
let model: PopupModel | null = null;

function setup(first = snapshot(), handlers: Parameters<typeof fakeRuntime>[0] = {}) {
  const fake = fakeRuntime({ 'background.getSnapshot': () => first, ...handlers });
  model = createPopupModel({ runtime: fake.runtime, clock: manualClock().clock, openOptionsPage: vi.fn(async () => {}) });
  return { ...fake, model };
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => model?.dispose());

describe('popup model: two calls', () => {
  it('shows two calls as two cards, each with its own state, timer and buttons from its own allowed', async () => {
    const held = call({ id: 'a', state: 'held', answeredAt: -60_000, allowed: ['HANGUP', 'RESUME', 'MUTE', 'SWAP'] });
    const talking = call({
      id: 'b',
      state: 'talking',
      answeredAt: -5_000,
      remote: { uri: 'sip:2002@lab', displayName: 'B', number: '2002' },
      allowed: ['HANGUP', 'HOLD', 'MUTE', 'DTMF', 'SWAP'],
    });
    const { model, sent, broadcast } = setup(snapshot({ calls: [talking, held] }), { 'background.callControl': () => null });
    await flush();
    const [first, second] = model.calls.value;
    expect(first).toMatchObject({ id: 'b', stateWords: 'In call', canHold: true, canResume: false, canSendDigits: true, offersSwap: true, canSwap: true });
    expect(second).toMatchObject({ id: 'a', stateWords: 'On hold', onHold: true, canHold: false, canResume: true, canSendDigits: false, offersSwap: true, canSwap: true });
    expect(first?.duration).not.toBe(second?.duration);
    await model.command('a', 'HOLD'); // not allowed for a: nothing sent
    await model.sendDigitsTo('a', '1'); // nor digits
    await model.command('a', 'SWAP');
    await model.hangup(); // the talking call, not the held one
    await model.command('a', 'RESUME');
    expect(sent.filter((m) => m.type === 'background.callControl').map((m) => m.payload)).toEqual([
      { callId: 'a', command: 'SWAP' },
      { callId: 'b', command: 'HANGUP' },
      { callId: 'a', command: 'RESUME' },
    ]);
    // One call left: a single card, no Swap offered.
    await broadcast(snapshot({ calls: [held, { ...talking, state: 'ended', allowed: [] }] }));
    expect(model.calls.value.map((c) => [c.id, c.offersSwap])).toEqual([['a', false]]);
  });
});

describe('popup model: conference', () => {
  const party = (id: string, number: string, allowed: ReturnType<typeof call>['allowed'], mute: 'muted' | 'unmuted' = 'unmuted') =>
    call({
      id,
      state: 'conference',
      answeredAt: -10_000,
      remote: { uri: `sip:${number}@lab`, displayName: '', number },
      regions: { remoteHold: 'none', mute },
      allowed,
    });

  it('offers Merge where the book allows it, then shows one conference view with both parties', async () => {
    const held = call({ id: 'a', state: 'held', answeredAt: -60_000, allowed: ['HANGUP', 'RESUME', 'MUTE', 'SWAP', 'MERGE'] });
    const talking = call({ id: 'b', state: 'talking', answeredAt: -5_000, allowed: ['HANGUP', 'HOLD', 'MUTE', 'DTMF', 'SWAP', 'MERGE'] });
    const { model, sent, broadcast } = setup(snapshot({ calls: [talking, held] }), { 'background.callControl': () => null });
    await flush();
    expect(model.calls.value.map((c) => [c.id, c.canMerge])).toEqual([['b', true], ['a', true]]);
    expect(model.conference.value).toBeNull();
    await model.command('b', 'MERGE');
    expect(sent.filter((m) => m.type === 'background.callControl').at(-1)?.payload).toEqual({ callId: 'b', command: 'MERGE' });

    await broadcast(snapshot({ calls: [party('b', '2002', ['HANGUP', 'MUTE', 'DTMF']), party('a', '2001', ['HANGUP', 'MUTE', 'DTMF'])] }));
    expect(model.calls.value).toEqual([]);
    expect(model.conference.value).toMatchObject({ muted: false, muteTarget: 'b', canMute: true, canUnmute: false, canHangupAll: true });
    expect(model.conference.value?.parties.map((p) => [p.id, p.stateWords, p.canHangup])).toEqual([
      ['b', 'In conference', true],
      ['a', 'In conference', true],
    ]);
    await broadcast(snapshot({ calls: [party('b', '2002', ['HANGUP', 'UNMUTE', 'DTMF'], 'muted'), party('a', '2001', ['HANGUP', 'UNMUTE', 'DTMF'], 'muted')] }));
    expect(model.conference.value).toMatchObject({ muted: true, canMute: false, canUnmute: true });
  });

  it('the toolbar Hang up and Hang up all end every party; a party alone is an ordinary card again', async () => {
    const both = snapshot({ calls: [party('b', '2002', ['HANGUP', 'MUTE', 'DTMF']), party('a', '2001', ['HANGUP', 'MUTE', 'DTMF'])] });
    const { model, sent, broadcast } = setup(both, { 'background.callControl': () => null });
    await flush();
    await model.hangup();
    expect(sent.filter((m) => m.type === 'background.callControl').map((m) => m.payload)).toEqual([
      { callId: 'b', command: 'HANGUP' },
      { callId: 'a', command: 'HANGUP' },
    ]);
    await broadcast(snapshot({ calls: [call({ id: 'a', state: 'talking', answeredAt: -1_000, allowed: ['HANGUP', 'HOLD', 'MUTE', 'DTMF'] })] }));
    expect(model.conference.value).toBeNull();
    expect(model.calls.value.map((c) => [c.id, c.state])).toEqual([['a', 'talking']]);
  });
});
