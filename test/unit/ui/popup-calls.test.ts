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
