/**
 * `npm run demo`: starts the lab (Kamailio, a customer softphone that answers, a sample CRM
 * page) and Chromium with the built Dialbar signed in to the lab account. With a display it
 * stays open until Ctrl+C; headless (no DISPLAY) it walks through an agent's call (Ready, an
 * inbound call ringing, in the call, after-call work), saves screenshots to test/.artifacts/demo/
 * and exits.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import path from 'node:path';
import { labAccount, liveCall, openExtensionPage, waitForSnapshot } from '../e2e/support/dialbar';
import { type CustomerPage, startLab } from './lab';

const OUT = path.resolve('test/.artifacts/demo');
const headless = !process.env.DISPLAY || process.env.DIALBAR_DEMO_HEADLESS === '1';

async function main() {
  mkdirSync(OUT, { recursive: true });
  const step = (what: string) => console.log(`[demo] ${what}`);
  step(`starting the lab (${headless ? 'headless' : 'with a window'})…`);
  const lab = await startLab({ extensionPath: '.output/chrome-mv3', headless, customerAutoAnswer: true });
  const stop = async () => {
    step('stopping the lab…');
    await lab.stop();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  try {
    const { context } = lab.browser;
    context.setDefaultTimeout(15_000);
    const account = labAccount(lab.kamailio.wsUrl, { displayName: 'Demo Agent' });

    step('signing Dialbar in through its options page…');
    const options = await openExtensionPage(context, 'options.html');
    await options.setViewportSize({ width: 900, height: 1100 });
    await options.getByTestId('ws-url').fill(account.wsUrl);
    await options.getByTestId('sip-uri').fill(account.sipUri);
    await options.getByTestId('password').fill(account.password);
    await options.getByTestId('display-name').fill(account.displayName);
    await options.getByTestId('test-button').click();
    await options.getByTestId('test-result').filter({ hasText: /registered/i }).waitFor();
    await options.screenshot({ path: path.join(OUT, 'options.png'), fullPage: true });

    const popup = await openExtensionPage(context, 'popup.html');
    await popup.setViewportSize({ width: 360, height: 300 });
    await waitForSnapshot(popup, (s) => s.registration.state === 'registered');
    await popup.screenshot({ path: path.join(OUT, 'popup-registered.png') });

    // The sample CRM uses the page API: the lab's origin is allowed, as a person would in the options.
    await options.evaluate((pattern) => chrome.storage.local.set({ pageAccess: { origins: [{ pattern, consent: true }] } }), lab.http.url);
    step('opening the sample CRM page…');
    const crm = await context.newPage();
    await crm.setViewportSize({ width: 1100, height: 520 });
    await crm.goto(lab.http.pageUrl('/demo-crm.html'));
    await crm.waitForFunction(() => (CSS.highlights.get('dialbar-phone')?.size ?? 0) > 0, undefined, { timeout: 10_000 }).catch(() => {
      step('no numbers highlighted on the CRM page (is number detection built?)');
    });
    const first = crm.getByText('+1 (415) 555-0132');
    await first.hover();
    await crm.waitForTimeout(400);
    await crm.screenshot({ path: path.join(OUT, 'crm-page.png') });

    step('the agent desk: Ready, an inbound call ringing, in the call, after-call work…');
    await agentDeskScreens(popup, lab.customer as CustomerPage, '');

    step(`screenshots saved in ${path.relative(process.cwd(), OUT)}/`);

    if (headless) return;
    step('Dialbar is signed in to the lab; the customer answers every call. Ctrl+C to stop.');
    await (lab.customer as CustomerPage).setAutoAnswer(true);
    await new Promise(() => {});
  } finally {
    if (headless) await stop();
  }
}

/**
 * The popup through an agent's call, one screenshot per state: `popup-ready`, `popup-ringing`,
 * `popup-in-call` and `popup-after-call`, each name followed by `suffix`. A run in another
 * browser language (a lab launched with `browser: { args: ['--lang=zh-CN'] }`) calls it again
 * with its own suffix, e.g. '-zh-CN'. Leaves the agent Ready with no call.
 */
async function agentDeskScreens(popup: Page, customer: CustomerPage, suffix: string): Promise<void> {
  const shot = (name: string) => popup.screenshot({ path: path.join(OUT, `${name}${suffix}.png`) });
  await popup.setViewportSize({ width: 360, height: 440 });
  await popup.bringToFront();
  await popup.getByTestId('agent-ready-button').click();
  await waitForSnapshot(popup, (s) => s.agent.state === 'ready');
  await popup.waitForTimeout(1_200); // the time in state shows a second or so
  await shot('popup-ready');

  customer.call('agent');
  await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'incoming');
  await popup.getByTestId('answer-button').waitFor();
  await popup.waitForTimeout(600);
  await shot('popup-ringing');

  await popup.getByTestId('answer-button').click();
  await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
  await popup.waitForTimeout(2_200);
  await shot('popup-in-call');

  await popup.getByTestId('hangup-button').click();
  await waitForSnapshot(popup, (s) => !liveCall(s) && (s.agent.state === 'afterCall' || s.agent.state === 'afterCallNotReady'));
  await popup.waitForTimeout(1_200);
  await shot('popup-after-call');
  await popup.getByTestId('agent-end-wrap-up-button').click();
  await waitForSnapshot(popup, (s) => s.agent.state === 'ready');
}

main().catch((error) => {
  console.error('[demo] failed:', error);
  process.exit(1);
});
