/**
 * Enterprise deployment end to end: Chromium reads a real machine policy for Dialbar
 * (3rdparty.extensions.<id>, as an administrator deploys it in /etc/chromium/policies/managed),
 * given to this Chromium alone through a private mount namespace (test/lab/managed-policy.ts),
 * so no file of the host is touched. The extension gets it through storage.managed, the options
 * page shows the values locked, the service worker refuses a crafted edit of them, and the
 * managed dial policy refuses a dial. Its allowed origins show as
 * a locked list.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Lab, startLab } from '../lab/lab';
import { chromiumWithManagedPolicy, type PolicyChromium } from '../lab/managed-policy';
import { EXTENSION_ID, labAccount, openExtensionPage, screenshotIfFailed, send, US_DIAL_PLAN } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
const MANAGED = {
  sipServer: 'wss://pbx.corp.example:8089/ws',
  realm: 'corp.example',
  iceServers: [{ urls: 'turn:turn.corp.example:3478', username: 'agent', credential: 'turn-secret' }],
  allowedOrigins: ['https://*.example-crm.com'],
  dialPolicy: { blockedPrefixes: ['+1 900', '+44 9'], blockInternational: false },
  lockedSettings: { callWaiting: false, dialPlan: US_DIAL_PLAN },
};

let lab: Lab;
let policy: PolicyChromium;
let options: Page;

beforeAll(async () => {
  policy = chromiumWithManagedPolicy({ '3rdparty': { extensions: { [EXTENSION_ID]: MANAGED } } });
  lab = await startLab({ extensionPath: EXTENSION, customer: false, browser: { executablePath: policy.executablePath } });
  lab.browser.context.setDefaultTimeout(10_000);
});

afterEach(async (ctx) => {
  if (options) await screenshotIfFailed(ctx, options, 'managed-policy');
});

afterAll(async () => {
  await lab?.stop();
  policy?.dispose();
});

describe('a managed Chrome policy', () => {
  it('reaches the extension through storage.managed', async () => {
    // Right after launch the worker's target can be attached before its extension bindings exist
    // (`chrome` undefined): ask again until the worker answers.
    await expect
      .poll(() => lab.browser.swEvaluate(() => (typeof chrome === 'undefined' ? null : chrome.storage.managed.get(null))), { timeout: 15_000 })
      .toEqual(MANAGED);
  });

  it('shows the managed values in the options page, locked, before any account is saved', async () => {
    options = await openExtensionPage(lab.browser.context, 'options.html');
    const wsUrl = options.getByTestId('ws-url');
    await expect.poll(() => wsUrl.inputValue()).toBe(MANAGED.sipServer);
    expect(await wsUrl.isDisabled()).toBe(true);
    expect(await options.getByTestId('ws-url-locked').textContent()).toBe('Set by your administrator; it cannot be changed here.');
    expect(await options.getByTestId('call-waiting').isChecked()).toBe(false);
    expect(await options.getByTestId('call-waiting').isDisabled()).toBe(true);
    expect(await options.getByTestId('blocked-prefixes').inputValue()).toBe('+1 900, +44 9');
    expect(await options.getByTestId('blocked-prefixes').isDisabled()).toBe(true);
    expect(await options.getByTestId('dial-policy-locked').isVisible()).toBe(true);
    expect(await options.getByTestId('home-country').inputValue()).toBe('US');
    expect(await options.getByTestId('home-country').isDisabled()).toBe(true);
    expect(await options.getByTestId('ice-0-urls').inputValue()).toBe('turn:turn.corp.example:3478');
    expect(await options.getByTestId('ice-0-urls').isDisabled()).toBe(true);
    expect(await options.locator('#sip-uri-hint').textContent()).toBe('Your administrator set the domain: the address must end in @corp.example.');
    // What the administrator left alone stays the person's.
    expect(await options.getByTestId('display-name').isDisabled()).toBe(false);
    expect(await options.getByTestId('auto-answer-seconds').isDisabled()).toBe(false);
  });

  it('lists the administrator’s allowed origins, locked: no adding or removing, in words', async () => {
    const rules = options.getByTestId('page-access-rule');
    await expect.poll(() => rules.evaluateAll((items) => items.map((li) => li.getAttribute('data-pattern')))).toEqual(MANAGED.allowedOrigins);
    expect(await options.getByTestId('page-access-managed').textContent()).toContain('administrator set this list');
    expect(await options.getByTestId('page-access-locked').textContent()).toBe('Set by your administrator; it cannot be changed here.');
    expect(await options.getByTestId('page-access-pattern').isDisabled()).toBe(true);
    expect(await options.getByTestId('page-access-add').isDisabled()).toBe(true);
    for (const remove of await options.getByTestId('page-access-remove').all()) expect(await remove.isDisabled()).toBe(true);
  });

  it('refuses a crafted save that changes a locked setting; the form saves the rest, the managed values apply', async () => {
    const crafted = labAccount('wss://attacker.example/ws', { sipUri: 'sip:agent@corp.example', callWaiting: false });
    expect(await send(options, 'background.saveAccount', crafted)).toMatchObject({
      ok: false,
      error: { code: 'setting-locked', message: expect.stringContaining('Locked: SIP WebSocket URL, STUN/TURN servers, dial policy, dial plan.') },
    });
    expect(await send(options, 'background.getAccount', null)).toMatchObject({ ok: true, value: null });

    await options.getByTestId('sip-uri').fill('sip:agent@corp.example');
    await options.getByTestId('password').fill('agent-secret');
    await options.getByTestId('display-name').fill('Front desk');
    await options.getByTestId('save-button').click();
    await expect.poll(() => options.getByTestId('save-result').getAttribute('data-state'), { timeout: 20_000 }).toBe('saved');
    expect(await send(options, 'background.getAccount', null)).toMatchObject({
      ok: true,
      value: { wsUrl: MANAGED.sipServer, sipUri: 'sip:agent@corp.example', displayName: 'Front desk', callWaiting: false, dialPolicy: { blockedPrefixes: ['+1 900', '+44 9'] } },
    });
  });

  it('its dial policy refuses a blocked number from the popup, naming the rule', async () => {
    const popup = await openExtensionPage(lab.browser.context, 'popup.html');
    await popup.getByTestId('dial-input').fill('+44 909 879 0000');
    await popup.getByTestId('dial-button').click();
    await expect.poll(() => popup.getByTestId('call-error').textContent(), { timeout: 30_000 }).toMatch(/blocked prefix.*Blocked: numbers starting with \+44 9\./);
    await popup.close();
  });
});
