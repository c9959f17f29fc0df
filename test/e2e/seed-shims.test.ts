/**
 * The seed SDK shims in real Chromium against Kamailio: a CRM page that only writes the workbench
 * SDK's localStorage keys dials and hangs up through Dialbar (one tab, then two tabs of the
 * origin: the customer rings once), its workbenchSdkStatus follows the agent and the call, and the
 * 002 facade (dialbar-seed-sdks.js, `new WorkbenchSdk`) fires its hooks in order for an outbound
 * and an inbound call.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/contract/snapshot';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { BUILD, hasBuild } from './detection-support';
import { EXTENSION_ID, labAccount, openExtensionPage, send, signInFromOptions, waitForSnapshot } from './support/dialbar';

const KEYS_PAGE = `<!doctype html><html><head><title>CRM (keys only)</title></head><body>
<button id="call" onclick="localStorage.setItem('workbenchSdkCall', JSON.stringify({ callee: 'customer', caller: '', random: Math.random() }))">Call</button>
<button id="hangup" onclick="localStorage.setItem('workbenchSdkHangup', String(Math.random()))">Hang up</button>
</body></html>`;

const SDK_PAGE = `<!doctype html><html><head><title>CRM (002 SDK)</title>
<script src="chrome-extension://${EXTENSION_ID}/dialbar-seed-sdks.js"></script>
<script>
  window.hooks = [];
  const log = (line) => window.hooks.push(line);
  window.workbench = new WorkbenchSdk({
    onCallComing: (connid, caller) => log('onCallComing ' + caller),
    onCallDialing: (connid, caller, callee) => log('onCallDialing ' + callee),
    onCallEstablish: () => log('onCallEstablish'),
    onCallRelease: () => log('onCallRelease'),
    onHangUp: (type) => log('onHangUp ' + type),
    onStatusChange: (code, lastCode) => log('onStatusChange ' + code + ' ' + lastCode),
    onErrorNotify: (error) => log('onErrorNotify ' + error.errorCode),
  });
</script></head><body>
<button id="call" onclick="workbench.call('customer')">Call</button>
</body></html>`;

let lab: Lab;
let customer: CustomerPage;
let popup: Page;
const pages: Page[] = [];

const live = (s: Snapshot) => s.calls.filter((c) => c.state !== 'ended');
const status = (page: Page) => page.evaluate(() => localStorage.getItem('workbenchSdkStatus'));
const invites = () => customer.events().then((events) => events.filter((e) => e.type === 'invite').length);

async function open(path: string): Promise<Page> {
  const page = await lab.browser.context.newPage();
  pages.push(page);
  await page.goto(lab.http.pageUrl(path));
  return page;
}

async function setAgent(command: 'READY' | 'NOT_READY', reason?: string): Promise<void> {
  const reply = await send(popup, 'background.setAgentState', reason ? { command, reason } : { command });
  expect(reply).toMatchObject({ ok: true });
}

describe.skipIf(!hasBuild)('seed SDK shims', () => {
  beforeAll(async () => {
    lab = await startLab({ extensionPath: BUILD, http: { routes: { '/shim/keys.html': KEYS_PAGE, '/shim/sdk.html': SDK_PAGE } } });
    customer = lab.customer as CustomerPage;
    lab.browser.context.setDefaultTimeout(15_000);
    expect(await signInFromOptions(lab.browser.context, labAccount(lab.kamailio.wsUrl))).toMatchObject({ ok: true, value: { ok: true } });
    popup = await openExtensionPage(lab.browser.context, 'popup.html');
    const origins = [{ pattern: lab.http.url, shims: true, consent: true, silentDial: false }];
    await popup.evaluate((access) => chrome.storage.local.set({ pageAccess: access }), { origins });
    await setAgent('READY');
  });

  afterEach(async () => {
    await customer.hangup().catch(() => {});
    await waitForSnapshot(popup, (s) => live(s).length === 0).catch(() => {});
    for (const page of pages.splice(0)) await page.close().catch(() => {});
  });

  afterAll(async () => {
    await lab?.stop();
  });

  it('one tab that only writes localStorage: workbenchSdkCall rings the customer once, workbenchSdkHangup ends it; the status key follows', async () => {
    const crm = await open('/shim/keys.html');
    await expect.poll(() => status(crm), { timeout: 15_000 }).toBe('3');
    await setAgent('NOT_READY', 'Lunch');
    await expect.poll(() => status(crm)).toBe('4');
    await setAgent('READY');
    await expect.poll(() => status(crm)).toBe('3');

    await customer.clearEvents();
    await crm.click('#call');
    await customer.waitForStatus('ringing', 15_000);
    await expect.poll(() => status(crm)).toBe('8');
    await customer.answer();
    await expect.poll(() => status(crm)).toBe('10');
    await crm.click('#hangup');
    await customer.waitForEvent('hangup', 15_000);
    await waitForSnapshot(popup, (s) => live(s).length === 0);
    await expect.poll(() => status(crm)).toBe('3');
    expect(await invites()).toBe(1);
  });

  it('two tabs of the origin: one write rings the customer once; the other tab hangs up; both tabs read the same status', async () => {
    const first = await open('/shim/keys.html');
    const second = await open('/shim/keys.html');
    await expect.poll(() => status(second), { timeout: 15_000 }).toBe('3');
    await customer.clearEvents();
    const invitesBefore = lab.kamailio.invites().length;
    await first.click('#call');
    await customer.waitForStatus('ringing', 15_000);
    await customer.answer();
    await expect.poll(() => status(second)).toBe('10');
    expect(await status(first)).toBe('10');
    // Every tab has long read the write by now (each polls every 250 ms): still one INVITE.
    await second.waitForTimeout(2_000);
    expect(await invites()).toBe(1);
    expect(lab.kamailio.invites().length - invitesBefore).toBe(1);
    await second.click('#hangup');
    await customer.waitForEvent('hangup', 15_000);
    await waitForSnapshot(popup, (s) => live(s).length === 0);
  });

  it('002 facade: hooks in order for an outbound call and an inbound call', async () => {
    const crm = await open('/shim/sdk.html');
    const hooks = () => crm.evaluate(() => (window as unknown as { hooks: string[] }).hooks);
    await expect.poll(hooks, { timeout: 15_000 }).toEqual(['onStatusChange 3 -1']);

    await crm.click('#call');
    await customer.waitForStatus('ringing', 15_000);
    await customer.answer();
    await expect.poll(hooks).toContain('onStatusChange 10 8');
    await customer.hangup();
    await expect.poll(hooks).toContain('onStatusChange 3 10');
    expect((await hooks()).slice(1)).toEqual([
      'onCallDialing customer',
      'onStatusChange 8 3',
      'onCallEstablish',
      'onStatusChange 10 8',
      'onCallRelease',
      'onHangUp outbound',
      'onStatusChange 3 10',
    ]);

    await crm.evaluate(() => {
      (window as unknown as { hooks: string[] }).hooks.length = 0;
    });
    await customer.call('agent');
    await expect.poll(hooks).toContain('onStatusChange 6 3');
    await crm.evaluate(() => (window as unknown as { workbench: { answer(): Promise<void> } }).workbench.answer());
    await customer.waitForStatus('active', 15_000);
    await expect.poll(hooks).toContain('onStatusChange 9 6');
    await customer.hangup();
    await expect.poll(hooks).toContain('onStatusChange 3 9');
    const inbound = await hooks();
    expect(inbound[0]).toMatch(/^onCallComing /);
    expect(inbound.slice(1)).toEqual(['onStatusChange 6 3', 'onCallEstablish', 'onStatusChange 9 6', 'onCallRelease', 'onHangUp inbound', 'onStatusChange 3 9']);
  });
});
