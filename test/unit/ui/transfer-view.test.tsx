import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../../src/contract/snapshot';
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
  model = createPopupModel({ runtime: fake.runtime, clock: manualClock().clock, openOptionsPage: async () => {} });
  view = mount(<PopupApp model={model} />);
  return { ...fake, view };
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  view?.unmount();
  model?.dispose();
});

const talking = (allowed: CallSnapshot['allowed']) => call({ id: 'a', state: 'talking', answeredAt: 0, allowed });

describe('popup: transfer dialog', () => {
  it('Transfer opens the dialog; Enter sends a blind transfer with the typed target and closes it', async () => {
    const { view, sent } = show(snapshot({ calls: [talking(['HANGUP', 'HOLD', 'TRANSFER', 'CONSULT'])] }), { 'background.callControl': () => null });
    await settle();
    expect(view.byTestId('transfer-dialog')).toBeNull();
    view.click('transfer-button');
    await settle();
    expect(view.get('transfer-button').getAttribute('aria-expanded')).toBe('true');
    expect(view.isDisabled('blind-transfer-button')).toBe(true); // nothing typed yet
    view.type('transfer-target', ' +1 (415) 555-0199 ');
    await settle();
    expect(view.isDisabled('blind-transfer-button')).toBe(false);
    expect(view.isDisabled('consult-button')).toBe(false);
    view.submit(view.get('transfer-target').closest('form')!);
    await settle();
    expect(sent.at(-1)).toEqual({ type: 'background.callControl', payload: { callId: 'a', command: 'TRANSFER', target: '+1 (415) 555-0199' } });
    expect(view.byTestId('transfer-dialog')).toBeNull();
  });

  it('buttons follow allowed; Escape closes; a refusal stays open and is shown in words', async () => {
    const { view, sent } = show(snapshot({ calls: [talking(['HANGUP', 'TRANSFER'])] }), {
      'background.callControl': () => {
        throw dialbarError('invalid-number');
      },
    });
    await settle();
    view.click('transfer-button');
    await settle();
    view.type('transfer-target', 'x?');
    await settle();
    expect(view.isDisabled('consult-button')).toBe(true); // CONSULT is not in allowed
    view.submit(view.get('transfer-target').closest('form')!);
    await settle();
    expect(sent.at(-1)).toMatchObject({ payload: { command: 'TRANSFER', target: 'x?' } });
    expect(view.get('call-error').textContent).toBe(CAUSES['invalid-number'].message);
    expect(view.byTestId('transfer-dialog')).not.toBeNull();
    // On the form, which holds the handler (linkedom calls bubbling listeners with the target as `this`).
    const escapeKey = Object.assign(new window.Event('keydown', { bubbles: true, cancelable: true }), { key: 'Escape' });
    view.get('transfer-target').closest('form')!.dispatchEvent(escapeKey);
    await settle();
    expect(view.byTestId('transfer-dialog')).toBeNull();
  });

  it('a call that allows neither offers a disabled Transfer; a ringing call none at all', async () => {
    const { view, broadcast } = show(snapshot({ calls: [talking(['HANGUP', 'HOLD'])] }));
    await settle();
    expect(view.isDisabled('transfer-button')).toBe(true);
    await broadcast(snapshot({ calls: [call({ id: 'a', state: 'ringing', allowed: ['HANGUP'] })] }));
    await settle();
    expect(view.byTestId('transfer-button')).toBeNull();
  });

  it('shows the NOTIFY progress, then a failure in words', async () => {
    const pending = { kind: 'blind' as const, target: '2002', status: 180, reason: 'Ringing', outcome: 'pending' as const, error: null };
    const { view, broadcast } = show(snapshot({ calls: [call({ id: 'a', state: 'transferring', answeredAt: 0, transfer: pending, allowed: ['HANGUP', 'MUTE'] })] }));
    await settle();
    expect(view.get('call-state').textContent).toBe('Transferring…');
    expect(view.get('call-transfer').textContent).toBe('Transferring to 2002… 180 Ringing');
    const error = { code: 'transfer-failed' as const, message: CAUSES['transfer-failed'].message, sipStatus: 486 };
    await broadcast(snapshot({ calls: [call({ id: 'a', state: 'talking', answeredAt: 0, transfer: { ...pending, status: 486, reason: 'Busy Here', outcome: 'failed', error }, allowed: ['HANGUP', 'TRANSFER'] })] }));
    await settle();
    expect(view.get('call-transfer').textContent).toBe(`Transfer to 2002 failed: ${CAUSES['transfer-failed'].message}`);
  });
});

describe('popup: consult pair', () => {
  it('both cards name the pair and offer Transfer / Cancel consult / Swap by allowed, for their own call', async () => {
    const original = call({ id: 'a', state: 'held', answeredAt: 0, consult: { role: 'original', with: 'b' }, allowed: ['HANGUP', 'RESUME', 'SWAP', 'COMPLETE_TRANSFER', 'CANCEL_CONSULT'] });
    const consult = call({
      id: 'b',
      state: 'ringing',
      remote: { uri: 'sip:2002@lab', displayName: '', number: '2002' },
      consult: { role: 'consult', with: 'a' },
      allowed: ['HANGUP', 'CANCEL_CONSULT'],
    });
    const { view, sent } = show(snapshot({ calls: [consult, original] }), { 'background.callControl': () => null });
    await settle();
    const cards = [...view.root.querySelectorAll<HTMLElement>('[data-testid="call-card"]')];
    const byId = (id: string) => cards.find((c) => c.getAttribute('data-call-id') === id)!;
    const button = (id: string, testId: string) => byId(id).querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    expect(byId('b').querySelector('[data-testid="call-consult"]')?.textContent).toBe('Consult call about Customer');
    expect(byId('a').querySelector('[data-testid="call-consult"]')?.textContent).toBe('Waiting while you consult 2002');
    expect(button('a', 'transfer-button')).toBeNull(); // no blind transfer inside a pair
    expect(button('b', 'complete-transfer-button')?.hasAttribute('disabled')).toBe(true); // B has not answered
    expect(button('a', 'complete-transfer-button')?.hasAttribute('disabled')).toBe(false);
    expect(button('a', 'swap-button')?.hasAttribute('disabled')).toBe(false);
    button('a', 'complete-transfer-button')?.dispatchEvent(new window.Event('click', { bubbles: true }));
    await settle();
    expect(sent.at(-1)).toEqual({ type: 'background.callControl', payload: { callId: 'a', command: 'COMPLETE_TRANSFER' } });
    button('b', 'cancel-consult-button')?.dispatchEvent(new window.Event('click', { bubbles: true }));
    await settle();
    expect(sent.at(-1)).toEqual({ type: 'background.callControl', payload: { callId: 'b', command: 'CANCEL_CONSULT' } });
  });
});
