import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Snapshot } from '../../../src/contract/snapshot';
import { InvalidStateError } from '../../../src/errors';
import { createPopupModel, type PopupModel } from '../../../src/ui/popup-model';
import { fakeRuntime, flush, manualClock, snapshot } from './helpers';

let model: PopupModel | null = null;

function agent(parts: Partial<Snapshot['agent']>): Snapshot['agent'] {
  return { state: 'ready', reason: null, since: 0, busy: false, wrapUpEndsAt: null, allowed: ['NOT_READY'], reasons: ['Break', 'Lunch'], ...parts };
}

function setup(first: Snapshot, handlers: Parameters<typeof fakeRuntime>[0] = {}) {
  const fake = fakeRuntime({ 'background.getSnapshot': () => first, ...handlers });
  const time = manualClock();
  model = createPopupModel({ runtime: fake.runtime, clock: time.clock, openOptionsPage: vi.fn(async () => {}) });
  return { ...fake, time, model, agent: model.agent };
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => model?.dispose());

describe('popup: agent status header', () => {
  it('shows state, reason, colour and a time in state that ticks from the snapshot’s since', async () => {
    const start = 1_700_000_000_000;
    const { agent: header, time, broadcast } = setup(snapshot({ agent: agent({ state: 'notReady', reason: 'Lunch', since: start - 65_000, allowed: ['READY', 'NOT_READY'] }) }));
    await flush();
    expect(header.view.value).toMatchObject({ words: 'Not ready: Lunch', tone: 'not-ready', timeInState: '01:05', canReady: true, canNotReady: true, canEndWrapUp: false });
    time.advance(2_000);
    expect(header.view.value?.timeInState).toBe('01:07');
    await broadcast(snapshot({ agent: agent({ state: 'ready', since: start + 2_000, busy: true }) }));
    expect(header.view.value).toMatchObject({ words: 'Busy (in a call) · Ready', tone: 'busy', timeInState: '00:00', canReady: false });
    await broadcast(snapshot({ agent: agent({ state: 'afterCall', since: start, wrapUpEndsAt: start + 15_000, allowed: ['READY', 'NOT_READY', 'END_WRAP_UP'] }) }));
    expect(header.view.value).toMatchObject({ words: 'After-call work', tone: 'after-call', wrapUpLeft: '00:13 left', canEndWrapUp: true });
  });

  it('sends Not ready with the chosen reason, and only what the snapshot allows', async () => {
    const { agent: header, sent } = setup(snapshot({ agent: agent({ state: 'ready', allowed: ['NOT_READY'] }) }), {
      'background.setAgentState': () => null,
    });
    await flush();
    await header.ready();
    expect(sent.filter((m) => m.type === 'background.setAgentState')).toEqual([]);
    expect(header.reason.value).toBe('Break');
    header.setReason('Lunch');
    await header.notReady();
    expect(sent.filter((m) => m.type === 'background.setAgentState').map((m) => m.payload)).toEqual([{ command: 'NOT_READY', reason: 'Lunch' }]);
  });

  it('shows a refusal in words', async () => {
    const { agent: header } = setup(snapshot({ agent: agent({ state: 'notReady', allowed: ['READY', 'NOT_READY'] }) }), {
      'background.setAgentState': () => {
        throw new InvalidStateError('the agent', 'signedOut', 'READY');
      },
    });
    await flush();
    await header.ready();
    expect(header.error.value).toBe('“READY” is not possible while the agent is signedOut.');
  });
});
