import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CAUSES } from '../../../src/errors';
import { PREFS_KEY } from '../../../src/settings/prefs';
import { createAccountModel } from '../../../src/ui/account-model';
import { OptionsApp, type OptionsModels } from '../../../src/ui/components/options-app';
import { createMicModel } from '../../../src/ui/mic-model';
import { createPrefsModel, type PrefsStorage } from '../../../src/ui/prefs-model';
import { createStatusModel } from '../../../src/ui/status-model';
import { mount, settle } from './dom';
import { deferred, fakeRuntime, manualClock, snapshot } from './helpers';

let view: ReturnType<typeof mount> | null = null;
let models: OptionsModels | null = null;

function show(handlers: Parameters<typeof fakeRuntime>[0] = {}) {
  const fake = fakeRuntime({
    'background.getSnapshot': () => snapshot({ registration: { state: 'signedOut', allowed: ['SIGN_IN'] } }),
    'background.getAccount': () => null,
    ...handlers,
  });
  models = {
    account: createAccountModel(fake.runtime),
    status: createStatusModel(fake.runtime, manualClock().clock),
    mic: createMicModel({ permissions: { query: async () => ({ state: 'denied' as const }) } }),
    prefs: createPrefsModel(fakeBrowser.storage.local as unknown as PrefsStorage),
  };
  view = mount(<OptionsApp models={models} language="en-US" />);
  return { ...fake, view, models };
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  view?.unmount();
  models?.status.dispose();
});

describe('options view', () => {
  it('shows field errors next to the fields after Save and keeps what was typed', async () => {
    const { view, sent } = show();
    await settle();
    view.type('ws-url', 'http://pbx');
    view.submit(view.get('save-button').closest('form')!);
    await settle();
    expect(view.get('field-error-ws-url').textContent).toBe(CAUSES['bad-url'].message);
    expect(view.get('field-error-sip-uri').textContent).toBe(CAUSES['bad-uri'].message);
    expect(view.get('ws-url').getAttribute('aria-invalid')).toBe('true');
    expect((view.get('ws-url') as HTMLInputElement).value).toBe('http://pbx');
    expect(sent.map((m) => m.type)).not.toContain('background.saveAccount');
  });

  it('shows Testing… then the result of Test connection', async () => {
    const gate = deferred<unknown>();
    const { view } = show({ 'background.testConnection': () => gate.promise });
    await settle();
    view.type('ws-url', 'ws://127.0.0.1:5066');
    view.type('sip-uri', 'sip:agent@127.0.0.1');
    view.click('test-button');
    await settle();
    expect(view.get('test-result').textContent).toBe('Testing…');
    expect(view.isDisabled('test-button')).toBe(true);
    gate.resolve({ ok: true, state: 'registered', error: null });
    await settle();
    expect(view.get('test-result').textContent).toBe('Connected and registered as sip:agent@127.0.0.1.');
    expect(view.get('test-result').getAttribute('data-state')).toBe('ok');
  });

  it('shows the live status, the microphone state and saves detection prefs', async () => {
    const { view, models, broadcast } = show();
    await models.mic.check();
    await settle();
    expect(view.get('status').getAttribute('data-state')).toBe('signedOut');
    expect(view.get('mic-state').getAttribute('data-state')).toBe('denied');
    await broadcast(snapshot({ registration: { state: 'registered', allowed: ['SIGN_OUT'] } }));
    await settle();
    expect(view.get('status').textContent).toContain('Registered');

    view.type('site-host', 'crm.example.com');
    view.submit(view.get('site-add').closest('form')!);
    await settle();
    expect(view.get('site-list').textContent).toContain('crm.example.com');
    expect((await fakeBrowser.storage.local.get(PREFS_KEY))[PREFS_KEY]).toMatchObject({
      sites: [{ host: 'crm.example.com', detect: false }],
    });
  });
});
