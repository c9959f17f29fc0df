/**
 * A user who never allowed the microphone: the offscreen document cannot prompt, so a dial
 * must fail with the plain-words reason and never ring anybody. Allowing it then makes calls work.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { labAccount, liveCall, openExtensionPage, send, waitForSnapshot } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
let lab: Lab;
let customer: CustomerPage;
let popup: Page;

beforeAll(async () => {
  lab = await startLab({ extensionPath: EXTENSION, browser: { microphone: 'not-granted' } });
  lab.browser.context.setDefaultTimeout(10_000);
  customer = lab.customer as CustomerPage;
  const options = await openExtensionPage(lab.browser.context, 'options.html');
  const reply = await send(options, 'background.testConnection', labAccount(lab.kamailio.wsUrl));
  expect(reply).toMatchObject({ ok: true, value: { ok: true } });
  await options.close();
  popup = await openExtensionPage(lab.browser.context, 'popup.html');
});

afterAll(async () => {
  await lab?.stop();
});

describe('microphone permission', () => {
  it('refuses a call without the microphone, in plain words, and rings nobody', async () => {
    await customer.clearEvents();
    await popup.getByTestId('dial-input').fill('customer');
    await popup.getByTestId('dial-button').click();
    await expect.poll(() => popup.getByTestId('call-error').textContent(), { timeout: 10_000 }).toMatch(/may not use the microphone/);
    const after = await waitForSnapshot(popup, (s) => !liveCall(s));
    expect(after.microphoneOpen).toBe(false);
    await new Promise((r) => setTimeout(r, 500));
    expect((await customer.events()).some((e) => e.type === 'invite')).toBe(false);
    expect(lab.kamailio.invites().filter((i) => i.from === 'agent')).toHaveLength(0);
  });

  it('calls once the microphone is allowed', async () => {
    await lab.browser.context.grantPermissions(['microphone']);
    await customer.setAutoAnswer(true);
    await popup.getByTestId('dial-input').fill('customer');
    await popup.getByTestId('dial-button').click();
    const active = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
    expect(active.microphoneOpen).toBe(true);
    await customer.hangup();
    await waitForSnapshot(popup, (s) => !liveCall(s));
  });
});
