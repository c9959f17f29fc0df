import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CAUSES, dialbarError } from '../../../src/errors';
import { PopupApp } from '../../../src/ui/components/popup-app';
import { createPopupModel, type PopupModel } from '../../../src/ui/popup-model';
import { mount, settle } from './dom';
import { call, fakeRuntime, manualClock, snapshot } from './helpers';

let model: PopupModel | null = null;
let view: ReturnType<typeof mount> | null = null;

function show(first = snapshot(), handlers: Parameters<typeof fakeRuntime>[0] = {}) {
  const fake = fakeRuntime({ 'background.getSnapshot': () => first, ...handlers });
  const time = manualClock();
  model = createPopupModel({ runtime: fake.runtime, clock: time.clock, openOptionsPage: async () => {} });
  view = mount(<PopupApp model={model} />);
  return { ...fake, time, view };
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  view?.unmount();
  model?.dispose();
});

describe('popup view', () => {
  it('shows registration in words with data-state, and Sign in/out from allowed', async () => {
    const { view, broadcast } = show(snapshot({ registration: { state: 'registered', allowed: ['SIGN_OUT'] } }));
    await settle();
    const state = view.get('registration-state');
    expect(state.textContent).toContain('Registered');
    expect(state.getAttribute('data-state')).toBe('registered');
    expect(state.className).toContain('tone-ok');
    expect(view.isDisabled('signin-button')).toBe(true);
    expect(view.isDisabled('signout-button')).toBe(false);
    expect(view.byTestId('registration-error')).toBeNull();

    await broadcast(
      snapshot({
        registration: { state: 'failed', error: { code: 'credentials', message: CAUSES.credentials.message }, allowed: ['SIGN_IN'] },
      }),
    );
    await settle();
    expect(view.get('registration-state').getAttribute('data-state')).toBe('failed');
    expect(view.get('registration-state').textContent).not.toMatch(/registered/i);
    expect(view.get('registration-error').textContent).toBe(CAUSES.credentials.message);
    expect(view.isDisabled('signin-button')).toBe(false);
    expect(view.isDisabled('signout-button')).toBe(true);
  });

  it('offers the setup link instead of the dial field when there is no account', async () => {
    const { view } = show(snapshot({ account: null, registration: { state: 'signedOut', allowed: ['SIGN_IN'] } }));
    await settle();
    expect(view.get('setup-link').textContent).toBe('Set up your phone account');
    expect(view.get('setup-link').getAttribute('href')).toBe('chrome-extension://test-extension-id/options.html');
    expect(view.byTestId('dial-input')).toBeNull();
  });

  it('dials on submit (Enter), clears on Escape, and shows a refusal in words', async () => {
    const { view, sent } = show(snapshot(), {
      'background.dial': () => {
        throw dialbarError('not-registered');
      },
    });
    await settle();
    expect(view.isDisabled('dial-button')).toBe(true);
    view.type('dial-input', '1002');
    await settle();
    expect(view.isDisabled('dial-button')).toBe(false);
    view.submit(view.get('dial-input').closest('form')!);
    await settle();
    expect(sent.at(-1)).toEqual({ type: 'background.dial', payload: { number: '1002', source: 'popup' } });
    expect(view.get('call-error').textContent).toBe(CAUSES['not-registered'].message);
    view.key('dial-input', 'Escape');
    await settle();
    expect((view.get('dial-input') as HTMLInputElement).value).toBe('');
  });

  it('shows the call with state, remote and ticking duration; Hang up follows allowed', async () => {
    const time = manualClock();
    const fake = fakeRuntime({
      'background.getSnapshot': () =>
        snapshot({ calls: [call({ id: 'c1', state: 'talking', answeredAt: time.now() - 9_000, allowed: ['HANGUP'] })] }),
      'background.callControl': () => null,
    });
    model = createPopupModel({ runtime: fake.runtime, clock: time.clock, openOptionsPage: async () => {} });
    view = mount(<PopupApp model={model} />);
    await settle();
    expect(view.get('call-state').getAttribute('data-state')).toBe('talking');
    expect(view.get('call-state').textContent).toBe('In call');
    expect(view.get('call-remote').textContent).toContain('Customer');
    expect(view.get('call-duration').textContent).toBe('00:09');
    time.advance(1_000);
    await settle();
    expect(view.get('call-duration').textContent).toBe('00:10');
    expect(view.byTestId('answer-button')).toBeNull();
    expect(view.isDisabled('hangup-button')).toBe(false);
    view.click('hangup-button');
    await settle();
    expect(fake.sent.at(-1)).toEqual({ type: 'background.callControl', payload: { callId: 'c1', command: 'HANGUP' } });
  });

  it('offers Answer and Decline for an incoming call, with Hang up disabled', async () => {
    const { view } = show(
      snapshot({ calls: [call({ direction: 'incoming', state: 'incoming', allowed: ['ANSWER', 'DECLINE'] })] }),
    );
    await settle();
    expect(view.get('call-state').textContent).toBe('Incoming call');
    expect(view.isDisabled('answer-button')).toBe(false);
    expect(view.isDisabled('decline-button')).toBe(false);
    expect(view.isDisabled('hangup-button')).toBe(true);
  });

  it('has Hold, Mute and a keypad on a connected call, by allowed; digit keys on the focused card send DTMF', async () => {
    const { view, sent } = show(snapshot({ calls: [call({ id: 'c1', state: 'talking', allowed: ['HANGUP', 'HOLD', 'MUTE', 'DTMF'] })] }), {
      'background.callControl': () => null,
    });
    await settle();
    expect(view.isDisabled('hold-button')).toBe(false);
    expect(view.isDisabled('mute-button')).toBe(false);
    expect(view.byTestId('keypad')).toBeNull();
    view.click('keypad-button');
    await settle();
    expect(view.get('keypad-button').getAttribute('aria-expanded')).toBe('true');
    view.click('key-7');
    view.key('call-card', '#');
    view.key('call-card', 'x'); // not a digit: nothing
    view.click('hold-button');
    await settle();
    expect(sent.filter((m) => m.type === 'background.callControl').map((m) => m.payload)).toEqual([
      { callId: 'c1', command: 'DTMF', digits: '7' },
      { callId: 'c1', command: 'DTMF', digits: '#' },
      { callId: 'c1', command: 'HOLD' },
    ]);
  });

  it('says "On hold", "Held by the other side" and "Muted", with Resume and Unmute enabled from allowed', async () => {
    const held = call({
      state: 'held',
      regions: { remoteHold: 'heldByRemote', mute: 'muted' },
      dtmf: { sent: '204', pending: '' },
      allowed: ['HANGUP', 'RESUME', 'UNMUTE'],
    });
    const { view } = show(snapshot({ calls: [held] }));
    await settle();
    expect(view.get('call-state').textContent).toBe('On hold');
    expect(view.get('call-regions').textContent).toBe('Held by the other side · Muted');
    expect(view.byTestId('hold-button')).toBeNull();
    expect(view.isDisabled('resume-button')).toBe(false);
    expect(view.isDisabled('unmute-button')).toBe(false);
    expect(view.isDisabled('keypad-button')).toBe(true);
    expect(view.get('digits-sent').textContent).toBe('204');
  });

  it('renders a card per call; each card’s buttons follow its own allowed and act on its own call', async () => {
    const waiting = call({
      id: 'b',
      direction: 'incoming',
      state: 'incoming',
      remote: { uri: 'sip:2002@lab', displayName: '', number: '2002' },
      allowed: ['ANSWER', 'DECLINE'],
    });
    const talking = call({ id: 'a', state: 'talking', answeredAt: 0, allowed: ['HANGUP', 'HOLD', 'MUTE', 'DTMF'] });
    const { view, sent } = show(snapshot({ calls: [talking, waiting] }), { 'background.callControl': () => null });
    await settle();
    const cards = view.root.querySelectorAll<HTMLElement>('[data-testid="call-card"]');
    expect([...cards].map((c) => [c.getAttribute('data-call-id'), c.getAttribute('data-state')])).toEqual([
      ['b', 'incoming'],
      ['a', 'talking'],
    ]);
    const [ringing, live] = [...cards];
    expect(ringing?.querySelector('[data-testid="hold-button"]')).toBeNull();
    expect(live?.querySelector('[data-testid="answer-button"]')).toBeNull();
    expect(live?.querySelector('[data-testid="swap-button"]')?.hasAttribute('disabled')).toBe(true);
    expect(live?.querySelector('[data-testid="hold-button"]')?.hasAttribute('disabled')).toBe(false);
    ringing?.querySelector('[data-testid="answer-button"]')?.dispatchEvent(new window.Event('click', { bubbles: true }));
    await settle();
    expect(sent.at(-1)).toEqual({ type: 'background.callControl', payload: { callId: 'b', command: 'ANSWER' } });
  });

  it('shows a conference as one view: each party with its own Hang up, the agent’s Mute, and Hang up all', async () => {
    const party = (id: string, number: string) =>
      call({ id, state: 'conference', answeredAt: 0, remote: { uri: `sip:${number}@lab`, displayName: '', number }, allowed: ['HANGUP', 'MUTE', 'DTMF'] });
    const { view, sent } = show(snapshot({ calls: [party('b', '2002'), party('a', '2001')] }), { 'background.callControl': () => null });
    await settle();
    expect(view.byTestId('call-card')).toBeNull();
    const rows = [...view.root.querySelectorAll<HTMLElement>('[data-testid="conference-party"]')];
    expect(rows.map((r) => [r.getAttribute('data-remote'), r.querySelector('[data-testid="party-state"]')?.textContent])).toEqual([
      ['2002', 'In conference'],
      ['2001', 'In conference'],
    ]);
    expect(rows[1]?.querySelector('[data-testid="party-hangup-button"]')?.getAttribute('aria-label')).toBe('Hang up 2001');
    expect(view.isDisabled('conference-mute-button')).toBe(false);
    view.click('conference-mute-button');
    await settle();
    expect(sent.at(-1)).toEqual({ type: 'background.callControl', payload: { callId: 'b', command: 'MUTE' } });
    rows[1]?.querySelector('[data-testid="party-hangup-button"]')?.dispatchEvent(new window.Event('click', { bubbles: true }));
    await settle();
    expect(sent.at(-1)).toEqual({ type: 'background.callControl', payload: { callId: 'a', command: 'HANGUP' } });
  });
});
