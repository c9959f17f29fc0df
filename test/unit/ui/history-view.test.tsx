import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { HistoryEntry } from '../../../src/contract/snapshot';
import { PopupApp } from '../../../src/ui/components/popup-app';
import { createHistoryModel } from '../../../src/ui/history-model';
import { createPopupModel, type PopupModel } from '../../../src/ui/popup-model';
import { mount, settle } from './dom';
import { fakeRuntime, manualClock, snapshot } from './helpers';

const ENTRY: HistoryEntry = {
  id: 'c1',
  direction: 'incoming',
  number: '+8613812345678',
  displayName: '',
  startedAt: Date.UTC(2026, 11, 6, 9, 30),
  answeredAt: null,
  endedAt: Date.UTC(2026, 11, 6, 9, 31),
  durationSeconds: 0,
  outcome: 'missed',
  endCause: 'The caller hung up before it was answered.',
  endedBy: 'remote',
  agentReason: null,
};

let model: PopupModel | null = null;
let view: ReturnType<typeof mount> | null = null;

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  view?.unmount();
  model?.dispose();
});

describe('popup History tab', () => {
  it('is reached by the arrow keys, lists calls with masked numbers and outcome in words, and Redial dials the full number', async () => {
    const fake = fakeRuntime({
      'background.getSnapshot': () => snapshot(),
      'background.history': () => ({ entries: [ENTRY], total: 1, maskNumbers: true }),
      'background.dial': () => {
        throw new Error('answered below');
      },
    });
    model = createPopupModel({ runtime: fake.runtime, clock: manualClock().clock, openOptionsPage: async () => {} });
    const history = createHistoryModel({ runtime: fake.runtime });
    view = mount(<PopupApp model={model} history={history} />);
    await settle();
    expect(view.get('tab-call').getAttribute('aria-selected')).toBe('true');
    expect(view.byTestId('history-panel')).toBeNull();
    view.key('tab-call', 'ArrowRight');
    await settle();
    // The panel asks for the history once shown.
    for (let i = 0; i < 20 && !view.byTestId('history-who'); i++) await settle();
    expect(view.get('tab-history').getAttribute('aria-selected')).toBe('true');
    expect(view.byTestId('dial-input')).toBeNull();
    expect(view.get('history-who').textContent).toBe('+861******5678');
    expect(view.get('history-outcome').textContent).toBe('Missed');
    expect(view.get('history-entry').textContent).not.toContain('13812345678');
    view.click('history-redial');
    await settle();
    expect(fake.sent.find((m) => m.type === 'background.dial')?.payload).toEqual({ number: '+8613812345678', shown: '', source: 'history' });
    view.key('tab-history', 'Home');
    await settle();
    expect(view.get('tab-call').getAttribute('aria-selected')).toBe('true');
  });
});
