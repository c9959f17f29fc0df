import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CAUSES } from '../../../src/errors';
import { createStatusModel } from '../../../src/ui/status-model';
import { fakeRuntime, flush, manualClock, snapshot } from './helpers';

beforeEach(() => fakeBrowser.reset());

describe('options status model', () => {
  it('follows the snapshot stream: state, account, error', async () => {
    const fake = fakeRuntime({ 'background.getSnapshot': () => snapshot({ registration: { state: 'connecting', allowed: ['SIGN_OUT'] } }) });
    const model = createStatusModel(fake.runtime, manualClock().clock);
    await flush();
    expect(model.registration.value).toMatchObject({ state: 'connecting', words: 'Connecting…', tone: 'busy', account: 'sip:agent@127.0.0.1' });
    await fake.broadcast(
      snapshot({
        registration: { state: 'failed', error: { code: 'credentials', message: CAUSES.credentials.message }, allowed: ['SIGN_IN'] },
      }),
    );
    expect(model.registration.value).toMatchObject({ state: 'failed', words: 'Sign-in failed', tone: 'bad' });
    expect(model.error.value).toBe(CAUSES.credentials.message);
    await fake.broadcast(snapshot({ registration: { state: 'registered', allowed: ['SIGN_OUT'] } }));
    expect(model.registration.value).toMatchObject({ words: 'Registered', tone: 'ok' });
    expect(model.error.value).toBeNull();
    model.dispose();
  });

  it('ignores snapshots after dispose', async () => {
    const fake = fakeRuntime({ 'background.getSnapshot': () => snapshot({ registration: { state: 'signedOut', allowed: ['SIGN_IN'] } }) });
    const model = createStatusModel(fake.runtime, manualClock().clock);
    await flush();
    model.dispose();
    await fake.broadcast(snapshot({ registration: { state: 'registered' } }));
    expect(model.registration.value.state).toBe('signedOut');
  });

  it('says when the engine cannot be reached', async () => {
    const model = createStatusModel(fakeRuntime({}).runtime, manualClock().clock);
    await flush();
    expect(model.error.value).toBe(CAUSES['engine-unavailable'].message);
    model.dispose();
  });
});
