import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { userError } from '../../../src/errors';
import { PopupApp } from '../../../src/ui/components/popup-app';
import { createPopupModel, type PopupModel } from '../../../src/ui/popup-model';
import { mount, settle } from './dom';
import { call, fakeRuntime, manualClock, snapshot } from './helpers';

let model: PopupModel | null = null;
let view: ReturnType<typeof mount> | null = null;

function show(first = snapshot()) {
  const fake = fakeRuntime({ 'background.getSnapshot': () => first });
  model = createPopupModel({ runtime: fake.runtime, clock: manualClock().clock, openOptionsPage: async () => {} });
  view = mount(<PopupApp model={model} />);
  return { ...fake, view };
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  view?.unmount();
  model?.dispose();
});

describe('popup: housekeeping', () => {
  it('a call lost with the engine says so, with whom', async () => {
    const lost = call({ state: 'ended', answeredAt: 1, endedAt: 2, end: { by: 'system', error: userError('call-lost') }, allowed: [] });
    const { view } = show(snapshot({ calls: [lost] }));
    await settle();
    expect(view.get('call-lost').textContent).toBe('The call with Customer was lost when Dialbar’s phone restarted.');
    expect(view.get('call-state').textContent).toContain('Ended:');
  });

  it('no lost line for a call that ended otherwise', async () => {
    const { view } = show(snapshot({ calls: [call({ state: 'ended', end: { by: 'remote', error: null }, allowed: [] })] }));
    await settle();
    expect(view.byTestId('call-lost')).toBeNull();
  });

  it('says an update waits while the snapshot says so, and drops the line when it no longer does', async () => {
    const { view, broadcast } = show(snapshot({ calls: [call()], updateWaiting: true }));
    await settle();
    expect(view.get('update-waiting').textContent).toBe('An update is waiting for your call to end.');
    await broadcast(snapshot({ calls: [call()], updateWaiting: false }));
    await settle();
    expect(view.byTestId('update-waiting')).toBeNull();
  });
});
