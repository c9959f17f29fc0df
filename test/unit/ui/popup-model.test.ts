import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CAUSES, dialbarError, InvalidStateError } from '../../../src/errors';
import { REGISTRATION_STATES } from '../../../src/machines/registration-machine';
import { createPopupModel, type PopupModel } from '../../../src/ui/popup-model';
import { callStateWords, formatDuration, registrationWords, retryWords } from '../../../src/ui/words';
import { call, fakeRuntime, flush, manualClock, snapshot } from './helpers';

let model: PopupModel | null = null;

function setup(first = snapshot(), handlers: Parameters<typeof fakeRuntime>[0] = {}) {
  const fake = fakeRuntime({ 'background.getSnapshot': () => first, ...handlers });
  const time = manualClock();
  const openOptionsPage = vi.fn(async () => {});
  model = createPopupModel({ runtime: fake.runtime, clock: time.clock, openOptionsPage });
  return { ...fake, time, openOptionsPage, model };
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => model?.dispose());

describe('popup model: registration', () => {
  it('is not loaded and offers nothing before the first snapshot', () => {
    const { model } = setup();
    expect(model.loaded.value).toBe(false);
    expect(model.registration.value.state).toBe('unknown');
    expect(model.registration.value.canSignIn).toBe(false);
    expect(model.registration.value.canSignOut).toBe(false);
  });

  it('enables Sign in / Sign out exactly from registration.allowed', async () => {
    const { model, broadcast } = setup(snapshot({ registration: { state: 'registered', allowed: ['SIGN_OUT'] } }));
    await flush();
    expect(model.registration.value).toMatchObject({ state: 'registered', canSignIn: false, canSignOut: true, tone: 'ok' });
    await broadcast(snapshot({ registration: { state: 'failed', allowed: ['SIGN_IN', 'SIGN_OUT'] } }));
    expect(model.registration.value).toMatchObject({ state: 'failed', canSignIn: true, canSignOut: true, tone: 'bad' });
    await broadcast(snapshot({ registration: { state: 'connecting', allowed: [] } }));
    expect(model.registration.value).toMatchObject({ canSignIn: false, canSignOut: false, tone: 'busy' });
  });

  it('does not send a command the machine does not allow', async () => {
    const { model, sent } = setup(snapshot({ registration: { state: 'registered', allowed: ['SIGN_OUT'] } }), {
      'background.signIn': () => null,
      'background.signOut': () => null,
    });
    await flush();
    await model.signIn();
    expect(sent.map((m) => m.type)).not.toContain('background.signIn');
    await model.signOut();
    expect(sent.map((m) => m.type)).toContain('background.signOut');
  });

  it('names states in words; only "registered" says registered', () => {
    for (const state of REGISTRATION_STATES) {
      expect(/registered/i.test(registrationWords(state))).toBe(state === 'registered');
    }
  });

  it('shows the engine error and a retry countdown that ticks', async () => {
    const { model, time, broadcast } = setup();
    await flush();
    const error = { code: 'server-unreachable' as const, message: CAUSES['server-unreachable'].message };
    await broadcast(
      snapshot({ registration: { state: 'reconnecting', error, nextRetryAt: time.now() + 4_500, allowed: ['SIGN_OUT'] } }),
    );
    expect(model.registrationError.value).toBe(CAUSES['server-unreachable'].message);
    expect(model.registration.value.retry).toBe('retrying in 5s');
    time.advance(1_000);
    expect(model.registration.value.retry).toBe('retrying in 4s');
  });

  it('surfaces a failed sign-in in words and clears it when the state moves on', async () => {
    const { model, broadcast } = setup(snapshot({ registration: { state: 'signedOut', allowed: ['SIGN_IN'] } }), {
      'background.signIn': () => {
        throw dialbarError('not-configured');
      },
    });
    await flush();
    await model.signIn();
    expect(model.registrationError.value).toBe(CAUSES['not-configured'].message);
    expect(model.pending.value).toBeNull();
    await broadcast(snapshot({ registration: { state: 'connecting', allowed: ['SIGN_OUT'] } }));
    expect(model.registrationError.value).toBeNull();
  });

  it('says the engine is unavailable when no snapshot can be had, and retries until one comes', async () => {
    const fake = fakeRuntime({});
    const time = manualClock();
    model = createPopupModel({ runtime: fake.runtime, clock: time.clock, openOptionsPage: async () => {} });
    await flush();
    expect(model.loaded.value).toBe(true);
    expect(model.registrationError.value).toBe(CAUSES['engine-unavailable'].message);
    time.advance(2_000);
    await flush();
    expect(fake.sent.filter((m) => m.type === 'background.getSnapshot')).toHaveLength(2);
    expect(model.registration.value.state).toBe('unknown');

    fake.handlers['background.getSnapshot'] = () => snapshot({ registration: { state: 'registered' } });
    time.advance(2_000);
    await flush();
    expect(model.registration.value.state).toBe('registered');
    expect(model.registrationError.value).toBeNull();
    time.advance(10_000);
    await flush();
    expect(fake.sent.filter((m) => m.type === 'background.getSnapshot')).toHaveLength(3);
  });
});

describe('popup model: no account', () => {
  it('asks for setup and opens the options page', async () => {
    const { model, openOptionsPage } = setup(snapshot({ account: null, registration: { state: 'signedOut', allowed: ['SIGN_IN'] } }));
    expect(model.needsSetup.value).toBe(false); // unknown until the snapshot says so
    await flush();
    expect(model.needsSetup.value).toBe(true);
    expect(model.optionsUrl).toBe('chrome-extension://test-extension-id/options.html');
    await model.openOptions();
    expect(openOptionsPage).toHaveBeenCalledOnce();
  });

  it('does not ask for setup when an account exists', async () => {
    const { model } = setup();
    await flush();
    expect(model.needsSetup.value).toBe(false);
  });
});

describe('popup model: dialling and call control', () => {
  it('dials the trimmed number from the popup and keeps Call disabled while empty', async () => {
    const { model, sent } = setup(snapshot(), {
      'background.dial': () => ({ callId: 'call-1', call: call({ state: 'dialing', allowed: ['HANGUP'] }) }),
    });
    await flush();
    expect(model.canDial.value).toBe(false);
    model.setNumber('  +1 555 0100 ');
    expect(model.canDial.value).toBe(true);
    await model.dial();
    expect(sent).toContainEqual({ type: 'background.dial', payload: { number: '+1 555 0100', source: 'popup' } });
    expect(model.callError.value).toBeNull();
  });

  it('disables Call while the snapshot says the line takes no new call', async () => {
    const busy = { allowed: false, refusal: { code: 'call-in-progress' as const, message: CAUSES['call-in-progress'].message } };
    const { model, broadcast } = setup(snapshot({ calls: [call({ state: 'talking' })], dial: busy }));
    await flush();
    model.setNumber('1002');
    expect(model.canDial.value).toBe(false);
    await broadcast(snapshot({ calls: [call({ state: 'ended', allowed: [] })] }));
    expect(model.canDial.value).toBe(true);
  });

  it('shows a refused dial in words, keeps the typed number, and re-enables Call', async () => {
    const { model } = setup(snapshot(), {
      'background.dial': () => {
        throw dialbarError('not-registered');
      },
    });
    await flush();
    model.setNumber('1002');
    const pending = model.dial();
    expect(model.pending.value).toBe('dial');
    expect(model.canDial.value).toBe(false);
    await pending;
    expect(model.callError.value).toBe(CAUSES['not-registered'].message);
    expect(model.number.value).toBe('1002');
    expect(model.canDial.value).toBe(true);
  });

  it('clears the number (Escape)', () => {
    const { model } = setup();
    model.setNumber('123');
    model.clearNumber();
    expect(model.number.value).toBe('');
  });

  it('enables Answer / Decline / Hang up only from the call’s allowed commands', async () => {
    const incoming = call({ id: 'in-1', direction: 'incoming', state: 'incoming', allowed: ['ANSWER', 'DECLINE'] });
    const { model, broadcast } = setup(snapshot({ calls: [incoming] }));
    await flush();
    expect(model.call.value).toMatchObject({
      state: 'incoming',
      stateWords: 'Incoming call',
      offersAnswer: true,
      canAnswer: true,
      canDecline: true,
      canHangup: false,
    });
    await broadcast(snapshot({ calls: [{ ...incoming, state: 'answering', allowed: ['HANGUP'] }] }));
    expect(model.call.value).toMatchObject({ stateWords: 'Connecting…', offersAnswer: false, canAnswer: false, canHangup: true });
    await broadcast(snapshot({ calls: [{ ...incoming, state: 'ending', allowed: [] }] }));
    expect(model.call.value).toMatchObject({ stateWords: 'Ending…', canHangup: false, canAnswer: false, canDecline: false });
  });

  it('sends HANGUP / ANSWER for the current call id', async () => {
    const { model, sent, broadcast } = setup(snapshot({ calls: [call({ id: 'c-9', state: 'talking', allowed: ['HANGUP'] })] }), {
      'background.callControl': () => null,
    });
    await flush();
    await model.answer(); // not allowed: nothing sent
    await model.hangup();
    expect(sent.filter((m) => m.type === 'background.callControl')).toEqual([
      { type: 'background.callControl', payload: { callId: 'c-9', command: 'HANGUP' } },
    ]);
    await broadcast(snapshot({ calls: [call({ id: 'c-10', state: 'incoming', allowed: ['ANSWER', 'DECLINE'] })] }));
    await model.answer();
    expect(sent.at(-1)).toEqual({ type: 'background.callControl', payload: { callId: 'c-10', command: 'ANSWER' } });
  });

  it('with a call live and another ringing, shows the ringing one first and aims each command at the call allowing it', async () => {
    const live = call({ id: 'live', state: 'talking', allowed: ['HANGUP'], answeredAt: 0 });
    const ringing = call({
      id: 'ring',
      direction: 'incoming',
      state: 'incoming',
      remote: { uri: 'sip:floor@127.0.0.1', displayName: '', number: 'floor' },
      allowed: ['ANSWER', 'DECLINE'],
    });
    const { model, sent } = setup(snapshot({ calls: [live, ringing] }), { 'background.callControl': () => null });
    await flush();
    expect(model.call.value).toMatchObject({ id: 'ring', canAnswer: true, canHangup: false });
    expect(model.canHangup.value).toBe(true);
    expect(model.calls.value.map((c) => [c.id, c.stateWords, c.remoteName])).toEqual([
      ['ring', 'Incoming call', 'floor'],
      ['live', 'In call', 'Customer'],
    ]);
    await model.hangup();
    await model.decline();
    expect(sent.filter((m) => m.type === 'background.callControl').map((m) => m.payload)).toEqual([
      { callId: 'live', command: 'HANGUP' },
      { callId: 'ring', command: 'DECLINE' },
    ]);
  });

  it('enables Hold / Resume, Mute / Unmute and the keypad exactly from allowed, with the regions in words', async () => {
    const talking = call({ id: 'c1', state: 'talking', allowed: ['HANGUP', 'HOLD', 'MUTE', 'DTMF'] });
    const { model, sent, broadcast } = setup(snapshot({ calls: [talking] }), { 'background.callControl': () => null });
    await flush();
    expect(model.call.value).toMatchObject({
      offersCallControls: true,
      onHold: false,
      muted: false,
      canHold: true,
      canResume: false,
      canMute: true,
      canUnmute: false,
      canSendDigits: true,
      regionWords: [],
    });
    await model.resume(); // not allowed: nothing sent
    await model.unmute();
    await model.hold();
    await model.mute();
    await model.sendDigits('1');
    await model.sendDigits('#');
    expect(sent.filter((m) => m.type === 'background.callControl').map((m) => m.payload)).toEqual([
      { callId: 'c1', command: 'HOLD' },
      { callId: 'c1', command: 'MUTE' },
      { callId: 'c1', command: 'DTMF', digits: '1' },
      { callId: 'c1', command: 'DTMF', digits: '#' },
    ]);
    await broadcast(
      snapshot({
        calls: [
          call({
            id: 'c1',
            state: 'held',
            regions: { remoteHold: 'heldByRemote', mute: 'muted' },
            dtmf: { sent: '1#', pending: '' },
            allowed: ['HANGUP', 'RESUME', 'UNMUTE'],
          }),
        ],
      }),
    );
    expect(model.call.value).toMatchObject({
      stateWords: 'On hold',
      onHold: true,
      muted: true,
      canHold: false,
      canResume: true,
      canMute: false,
      canUnmute: true,
      canSendDigits: false,
      regionWords: ['Held by the other side', 'Muted'],
      digitsSent: '1#',
    });
    await model.sendDigits('2'); // not allowed while held
    expect(sent.filter((m) => m.type === 'background.callControl')).toHaveLength(4);
    await broadcast(snapshot({ calls: [call({ state: 'ringing', allowed: ['HANGUP'] })] }));
    expect(model.call.value).toMatchObject({ offersCallControls: false, canHold: false, canMute: false, canSendDigits: false });
  });

  it('shows a refused call command in words', async () => {
    const refusal = new InvalidStateError('call', 'holding', 'DTMF');
    const { model } = setup(snapshot({ calls: [call({ allowed: ['HANGUP', 'DTMF'] })] }), {
      'background.callControl': () => {
        throw refusal;
      },
    });
    await flush();
    await model.sendDigits('5');
    expect(model.callError.value).toBe('“DTMF” is not possible while call is holding.');
  });

  it('shows a failed hang-up in words', async () => {
    const { model } = setup(snapshot({ calls: [call({ allowed: ['HANGUP'] })] }), {
      'background.callControl': () => {
        throw dialbarError('invalid-state');
      },
    });
    await flush();
    await model.hangup();
    expect(model.callError.value).toBe(CAUSES['invalid-state'].message);
  });

  it('shows display name and number of the remote party', async () => {
    const { model } = setup(snapshot({ calls: [call({ remote: { uri: 'sip:1002@pbx', displayName: 'Ada', number: '1002' } })] }));
    await flush();
    expect(model.call.value).toMatchObject({ remoteName: 'Ada', remoteNumber: '1002' });
  });

  it('falls back to the number when there is no display name', async () => {
    const { model } = setup(snapshot({ calls: [call({ remote: { uri: 'sip:1002@pbx', displayName: '', number: '1002' } })] }));
    await flush();
    expect(model.call.value).toMatchObject({ remoteName: '1002', remoteNumber: '' });
  });

  it('counts the duration from answeredAt each second and freezes it when the call ends', async () => {
    const time = manualClock();
    const answeredAt = time.now() - 65_000;
    const fake = fakeRuntime({ 'background.getSnapshot': () => snapshot({ calls: [call({ answeredAt })] }) });
    model = createPopupModel({ runtime: fake.runtime, clock: time.clock, openOptionsPage: async () => {} });
    await flush();
    expect(model.call.value?.duration).toBe('01:05');
    time.advance(1_000);
    expect(model.call.value?.duration).toBe('01:06');
    await fake.broadcast(
      snapshot({ calls: [call({ state: 'ended', answeredAt, endedAt: answeredAt + 90_000, end: { by: 'remote', error: null }, allowed: [] })] }),
    );
    time.advance(5_000);
    expect(model.call.value).toMatchObject({ duration: '01:30', stateWords: 'Ended: the other side hung up.' });
  });

  it('has no duration before the call is answered', async () => {
    const { model } = setup(snapshot({ calls: [call({ state: 'ringing', answeredAt: null })] }));
    await flush();
    expect(model.call.value).toMatchObject({ duration: null, stateWords: 'Ringing…' });
  });

  it('stops ticking and retrying when disposed', async () => {
    const time = manualClock();
    const m = createPopupModel({ runtime: fakeRuntime().runtime, clock: time.clock, openOptionsPage: async () => {} });
    expect(time.ticking).toBe(1); // the 1 s clock
    await flush();
    expect(time.ticking).toBe(2); // plus the snapshot retry
    m.dispose();
    expect(time.ticking).toBe(0);
  });
});

describe('words', () => {
  it('formats durations as mm:ss, h:mm:ss past an hour, never negative', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(59_999)).toBe('00:59');
    expect(formatDuration(61_000)).toBe('01:01');
    expect(formatDuration(3_599_000)).toBe('59:59');
    expect(formatDuration(3_600_000)).toBe('1:00:00');
    expect(formatDuration(-5_000)).toBe('00:00');
  });

  it('says why a call ended', () => {
    const busy = { code: 'busy' as const, message: CAUSES.busy.message };
    const out = { direction: 'outgoing' as const, answeredAt: null };
    const inc = { direction: 'incoming' as const, answeredAt: null };
    expect(callStateWords({ ...out, state: 'ended', end: { by: 'remote', error: busy } })).toBe('Ended: The line is busy.');
    expect(callStateWords({ ...out, answeredAt: 5, state: 'ended', end: { by: 'local', error: null } })).toBe('Ended: you hung up.');
    expect(callStateWords({ ...out, state: 'ended', end: { by: 'local', error: null } })).toBe('Ended: you cancelled the call.');
    expect(callStateWords({ ...inc, state: 'ended', end: { by: 'local', error: null } })).toBe('Ended: you declined the call.');
    expect(callStateWords({ ...inc, state: 'ended', end: { by: 'remote', error: null } })).toBe('Ended: the caller hung up.');
    expect(callStateWords({ ...out, state: 'dialing', end: null })).toBe('Calling…');
  });

  it('rounds the retry countdown up and hides it without a retry', () => {
    expect(retryWords(null, 0)).toBeNull();
    expect(retryWords(10_001, 0)).toBe('retrying in 11s');
    expect(retryWords(0, 500)).toBe('retrying in 1s');
  });
});
