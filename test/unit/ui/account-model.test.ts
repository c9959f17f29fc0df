import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CAUSES, dialbarError } from '../../../src/errors';
import * as v from 'valibot';
import { type AccountView, AccountViewSchema } from '../../../src/settings/account';
import { formFromView, validateForm } from '../../../src/ui/account-form';
import { createAccountModel } from '../../../src/ui/account-model';
import { deferred, fakeRuntime, flush } from './helpers';

const VIEW: AccountView = {
  wsUrl: 'wss://pbx.example.com:8089/ws',
  sipUri: 'sip:1001@pbx.example.com',
  authUser: '',
  displayName: 'Front desk',
  iceServers: [{ urls: 'stun:stun.example.com:3478' }],
  autoSignIn: true,
  dialPlan: { outboundPrefix: '9', homeCountry: 'DE', internationalPrefix: '00' },
  dtmfTransport: 'rfc4733',
  callWaiting: true,
  waitingDeclineCode: 486,
  autoAnswerSeconds: 0,
  autoAnswerByHeader: false,
  displayNumber: '',
  displayNumberHeader: 'X-Display-Number',
  agentDesk: { reasons: ['Break'], afterCall: 'timer', afterCallSeconds: 15, whenUnavailable: 'reject', unavailableCode: 486 },
  historyLimit: 1000,
  historyMaskNumbers: false,
  dialPolicy: { blockedPrefixes: [], blockInternational: false, allowedNumbers: [], maxLength: 0 },
  hasPassword: true,
};

function fill(model: ReturnType<typeof createAccountModel>) {
  model.setText('wsUrl', 'ws://127.0.0.1:5066');
  model.setText('sipUri', 'sip:agent@127.0.0.1');
  model.setText('password', 'agent-secret');
}

beforeEach(() => fakeBrowser.reset());

describe('account form validation', () => {
  it('reports each bad field next to it, in the error table’s words, and sends nothing', async () => {
    const fake = fakeRuntime({ 'background.saveAccount': () => null });
    const model = createAccountModel(fake.runtime);
    model.setText('wsUrl', 'https://pbx.example.com');
    model.setText('sipUri', '1001@pbx');
    model.setText('homeCountry', 'Germany');
    model.setText('outboundPrefix', '9a');
    model.addIceServer();
    model.addIceServer();
    model.setIceServer(1, 'urls', 'stun.example.com');
    await model.saveAccount();
    expect(model.errors.value).toEqual({
      'ws-url': CAUSES['bad-url'].message,
      'sip-uri': CAUSES['bad-uri'].message,
      'home-country': expect.stringContaining('two-letter'),
      'outbound-prefix': expect.stringContaining('digits'),
      // Row 0 is blank and dropped; the error still names row 1.
      'ice-1-urls': expect.stringContaining('stun:'),
    });
    expect(model.save.value.kind).toBe('invalid');
    expect(fake.sent).toEqual([]);
    // Nothing typed is lost.
    expect(model.form.value).toMatchObject({ wsUrl: 'https://pbx.example.com', sipUri: '1001@pbx', homeCountry: 'Germany' });
  });

  it('clears a field’s error when that field is edited, and only that one', async () => {
    const model = createAccountModel(fakeRuntime().runtime);
    await model.saveAccount();
    expect(Object.keys(model.errors.value).sort()).toEqual(['sip-uri', 'ws-url']);
    model.setText('wsUrl', 'wss://x');
    expect(Object.keys(model.errors.value)).toEqual(['sip-uri']);
  });

  it('builds the AccountInput: trims, drops blank ICE rows, omits optional ICE fields', () => {
    const result = validateForm({
      wsUrl: ' wss://pbx.example.com/ws ',
      sipUri: 'sip:1001@pbx.example.com',
      authUser: '',
      password: '',
      displayName: ' Ada ',
      iceServers: [
        { urls: '', username: '', credential: '' },
        { urls: 'turn:turn.example.com', username: 'u', credential: 'c' },
        { urls: 'stun:stun.example.com', username: ' ', credential: '' },
      ],
      autoSignIn: false,
      outboundPrefix: '',
      homeCountry: 'de',
      internationalPrefix: '011',
      dtmfTransport: 'info',
      callWaiting: false,
      waitingDeclineCode: '603',
      autoAnswerSeconds: ' 5 ',
      autoAnswerByHeader: true,
      displayNumber: ' +4930123 ',
      displayNumberHeader: 'X-Caller-Display',
      agentReasons: ' Break , Coaching,, ',
      afterCall: 'manual',
      afterCallSeconds: '30',
      whenUnavailable: 'reject',
      unavailableCode: '480',
      historyLimit: ' 250 ',
      historyMaskNumbers: true,
      blockedPrefixes: ' +1 900 ,, +44 9;0900',
      blockInternational: true,
      allowedNumbers: '+49 *\n1XXX',
      dialMaxLength: ' 15 ',
    });
    expect(result).toEqual({
      ok: true,
      input: {
        wsUrl: 'wss://pbx.example.com/ws',
        sipUri: 'sip:1001@pbx.example.com',
        authUser: '',
        displayName: 'Ada',
        iceServers: [{ urls: 'turn:turn.example.com', username: 'u', credential: 'c' }, { urls: 'stun:stun.example.com' }],
        autoSignIn: false,
        dialPlan: { outboundPrefix: '', homeCountry: 'DE', internationalPrefix: '011' },
        dtmfTransport: 'info',
        callWaiting: false,
        waitingDeclineCode: 603,
        autoAnswerSeconds: 5,
        autoAnswerByHeader: true,
        displayNumber: '+4930123',
        displayNumberHeader: 'X-Caller-Display',
        agentDesk: { reasons: ['Break', 'Coaching'], afterCall: 'manual', afterCallSeconds: 30, whenUnavailable: 'reject', unavailableCode: 480 },
        historyLimit: 250,
        historyMaskNumbers: true,
        dialPolicy: { blockedPrefixes: ['+1 900', '+44 9', '0900'], blockInternational: true, allowedNumbers: ['+49 *', '1XXX'], maxLength: 15 },
      },
    });
  });

  it('says which dial policy entry is wrong and how to write it; blocking international needs a home country', () => {
    const form = { ...formFromView(VIEW), blockedPrefixes: '+1900, premium', allowedNumbers: '+49 30 *, 12*3', dialMaxLength: 'ten' };
    expect(validateForm(form)).toEqual({
      ok: false,
      errors: {
        'blocked-prefixes': expect.stringMatching(/^“premium” is not a prefix: a prefix is digits with an optional \+ at the start/),
        'allowed-numbers': expect.stringMatching(/^“12\*3” is not a pattern: .*X for any one digit and \* at the end/),
        'dial-max-length': 'Use a whole number from 0 (no limit) to 64.',
      },
    });
    const noCountry = validateForm({ ...formFromView(VIEW), homeCountry: '', blockInternational: true });
    expect(noCountry).toEqual({ ok: false, errors: { 'block-international': expect.stringContaining('Set the home country') } });
    expect(formFromView(VIEW)).toMatchObject({ blockedPrefixes: '', blockInternational: false, allowedNumbers: '', dialMaxLength: '0' });
  });

  it('says in words what is wrong with the agent desk fields', () => {
    const model = createAccountModel(fakeRuntime().runtime);
    model.setText('wsUrl', 'wss://pbx.example.com/ws');
    model.setText('sipUri', 'sip:1001@pbx.example.com');
    model.setText('agentReasons', 'Break, break');
    model.setText('afterCallSeconds', 'soon');
    const result = validateForm(model.form.value);
    expect(result).toEqual({
      ok: false,
      errors: { 'agent-reasons': 'Each reason only once.', 'after-call-seconds': 'Use whole seconds from 1 to 3600.' },
    });
    model.setText('agentReasons', ' , ');
    model.setText('afterCallSeconds', '20');
    expect(validateForm(model.form.value)).toEqual({ ok: false, errors: { 'agent-reasons': 'Keep at least one reason.' } });
  });
});

describe('account model: load and save', () => {
  it('loads the stored account into the form with an empty password field', async () => {
    const model = createAccountModel(fakeRuntime({ 'background.getAccount': () => VIEW }).runtime);
    await model.load();
    expect(model.hasPassword.value).toBe(true);
    expect(model.form.value).toMatchObject({
      wsUrl: VIEW.wsUrl,
      password: '',
      outboundPrefix: '9',
      homeCountry: 'DE',
      internationalPrefix: '00',
      iceServers: [{ urls: 'stun:stun.example.com:3478', username: '', credential: '' }],
    });
  });

  it('an empty password keeps the stored one: the request carries no password', async () => {
    const fake = fakeRuntime({ 'background.getAccount': () => VIEW, 'background.saveAccount': () => null });
    const model = createAccountModel(fake.runtime);
    await model.load();
    await model.saveAccount();
    const saved = fake.sent.find((m) => m.type === 'background.saveAccount');
    expect(saved?.payload).not.toHaveProperty('password');
    expect(model.save.value.kind).toBe('saved');
  });

  it('saves call waiting off and 603 for a declined waiting call; an account saved before has the defaults', async () => {
    const fake = fakeRuntime({ 'background.getAccount': () => VIEW, 'background.saveAccount': () => null });
    const model = createAccountModel(fake.runtime);
    await model.load();
    expect(model.form.value).toMatchObject({ callWaiting: true, waitingDeclineCode: '486' });
    model.setCallWaiting(false);
    model.setWaitingDeclineCode('603');
    await model.saveAccount();
    expect(fake.sent.find((m) => m.type === 'background.saveAccount')?.payload).toMatchObject({ callWaiting: false, waitingDeclineCode: 603 });
    const { callWaiting, waitingDeclineCode, ...older } = VIEW;
    expect(v.parse(AccountViewSchema, older)).toMatchObject({ callWaiting: true, waitingDeclineCode: 486 });
  });

  it('saves auto-answer and the display number; bad values are refused by field; an account saved before reads the defaults', async () => {
    const fake = fakeRuntime({ 'background.getAccount': () => VIEW, 'background.saveAccount': () => null });
    const model = createAccountModel(fake.runtime);
    await model.load();
    expect(model.form.value).toMatchObject({ autoAnswerSeconds: '0', autoAnswerByHeader: false, displayNumber: '', displayNumberHeader: 'X-Display-Number' });
    model.setText('autoAnswerSeconds', '61');
    model.setText('displayNumber', '12\r\nX-Evil: 1');
    model.setText('displayNumberHeader', '__proto__');
    await model.saveAccount();
    expect(model.errors.value).toMatchObject({
      'auto-answer-seconds': 'Use whole seconds from 0 (off) to 60.',
      'display-number': expect.stringContaining('digits'),
      'display-number-header': expect.stringContaining('X-'),
    });
    expect(fake.sent.some((m) => m.type === 'background.saveAccount')).toBe(false);
    model.setText('autoAnswerSeconds', '3');
    model.setAutoAnswerByHeader(true);
    model.setText('displayNumber', '+4930123');
    model.setText('displayNumberHeader', 'X-Origin-Display');
    await model.saveAccount();
    expect(fake.sent.find((m) => m.type === 'background.saveAccount')?.payload).toMatchObject({
      autoAnswerSeconds: 3,
      autoAnswerByHeader: true,
      displayNumber: '+4930123',
      displayNumberHeader: 'X-Origin-Display',
    });
    const { autoAnswerSeconds, autoAnswerByHeader, displayNumber, displayNumberHeader, ...older } = VIEW;
    expect(v.parse(AccountViewSchema, older)).toMatchObject({
      autoAnswerSeconds: 0,
      autoAnswerByHeader: false,
      displayNumber: '',
      displayNumberHeader: 'X-Display-Number',
    });
  });

  it('a typed password is sent, then the field empties and shows "stored"', async () => {
    const fake = fakeRuntime({ 'background.getAccount': () => null, 'background.saveAccount': () => null });
    const model = createAccountModel(fake.runtime);
    await model.load();
    expect(model.hasPassword.value).toBe(false);
    fill(model);
    await model.saveAccount();
    expect(fake.sent.find((m) => m.type === 'background.saveAccount')?.payload).toMatchObject({ password: 'agent-secret' });
    expect(model.form.value.password).toBe('');
    expect(model.hasPassword.value).toBe(true);
  });

  it('a refused save shows the error and keeps every typed value, password included', async () => {
    const fake = fakeRuntime({
      'background.saveAccount': () => {
        throw dialbarError('engine-unavailable');
      },
    });
    const model = createAccountModel(fake.runtime);
    fill(model);
    await model.saveAccount();
    expect(model.save.value).toEqual({ kind: 'error', message: CAUSES['engine-unavailable'].message });
    expect(model.form.value).toMatchObject({ wsUrl: 'ws://127.0.0.1:5066', password: 'agent-secret' });
  });

  it('a load that fails says so and leaves the form alone', async () => {
    const model = createAccountModel(fakeRuntime({}).runtime);
    model.setText('wsUrl', 'wss://typed');
    await model.load();
    expect(model.loadError.value).toContain(CAUSES['engine-unavailable'].message);
    expect(model.form.value.wsUrl).toBe('wss://typed');
  });

  it('a late load does not overwrite what was typed meanwhile', async () => {
    const gate = deferred<AccountView>();
    const model = createAccountModel(fakeRuntime({ 'background.getAccount': () => gate.promise }).runtime);
    const loading = model.load();
    expect(model.loading.value).toBe(true);
    model.setText('sipUri', 'sip:typed@example.com');
    gate.resolve(VIEW);
    await loading;
    expect(model.form.value.sipUri).toBe('sip:typed@example.com');
    expect(model.hasPassword.value).toBe(true);
  });
});

describe('account model: test connection', () => {
  it('shows Testing… while waiting, then "Connected and registered as …"', async () => {
    const gate = deferred<unknown>();
    const fake = fakeRuntime({ 'background.testConnection': () => gate.promise });
    const model = createAccountModel(fake.runtime);
    fill(model);
    const running = model.testConnection();
    await flush();
    expect(model.test.value.kind).toBe('testing');
    expect(fake.sent.at(-1)).toMatchObject({ type: 'background.testConnection', payload: { sipUri: 'sip:agent@127.0.0.1' } });
    gate.resolve({ ok: true, state: 'registered', error: null });
    await running;
    expect(model.test.value).toEqual({ kind: 'ok', message: 'Connected and registered as sip:agent@127.0.0.1.' });
  });

  it('shows the registration error in words when the server refuses', async () => {
    const model = createAccountModel(
      fakeRuntime({
        'background.testConnection': () => ({
          ok: false,
          state: 'failed',
          error: { code: 'credentials', message: CAUSES.credentials.message, sipStatus: 403 },
        }),
      }).runtime,
    );
    fill(model);
    await model.testConnection();
    expect(model.test.value).toEqual({ kind: 'error', message: CAUSES.credentials.message });
  });

  it('says how far sign-in got when the outcome has no error', async () => {
    const model = createAccountModel(
      fakeRuntime({ 'background.testConnection': () => ({ ok: false, state: 'connecting', error: null }) }).runtime,
    );
    fill(model);
    await model.testConnection();
    expect(model.test.value).toMatchObject({ kind: 'error', message: expect.stringContaining('Connecting…') });
  });

  it('shows a failed request in words and keeps the form', async () => {
    const model = createAccountModel(fakeRuntime({}).runtime);
    fill(model);
    await model.testConnection();
    expect(model.test.value).toEqual({ kind: 'error', message: CAUSES['engine-unavailable'].message });
    expect(model.form.value.password).toBe('agent-secret');
  });

  it('does not test an invalid form', async () => {
    const fake = fakeRuntime({ 'background.testConnection': () => ({ ok: true, state: 'registered', error: null }) });
    const model = createAccountModel(fake.runtime);
    await model.testConnection();
    expect(model.test.value.kind).toBe('invalid');
    expect(fake.sent).toEqual([]);
  });
});
