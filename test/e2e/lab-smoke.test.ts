/**
 * Smoke test of the real test lab itself (no Dialbar build needed): Kamailio over WebSocket,
 * two JsSIP softphone pages in Chromium, real RTP on loopback, and the launcher's extension
 * helpers against a throwaway MV3 extension that carries Dialbar's manifest key.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALBAR_EXTENSION_ID } from '../lab/browser.ts';
import { writeThrowawayExtension } from '../lab/fixtures/throwaway-extension.ts';
import { type CustomerPage, type Lab, startLab } from '../lab/lab.ts';
import { waitUntil } from '../lab/ports.ts';

let lab: Lab;
let customer: CustomerPage;
let extensionDir: string;

beforeAll(async () => {
  extensionDir = writeThrowawayExtension();
  lab = await startLab({ extensionPath: extensionDir });
  customer = lab.customer!;
  console.log(`lab started: ${JSON.stringify(lab.timings)} ms; ws ${lab.kamailio.wsUrl}; http ${lab.http.url}`);
});

afterAll(async () => {
  const t = performance.now();
  await lab?.stop();
  console.log(`lab stopped in ${(performance.now() - t).toFixed(0)} ms`);
  if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
});

describe('lab smoke', () => {
  it('Kamailio challenges the customer REGISTER with 401, then accepts it with 200', async () => {
    const log = lab.kamailio.registerLog('customer');
    const replies = log.filter((e) => e.type === 'reply').map((e) => e.code);
    expect(replies.slice(0, 2)).toEqual([401, 200]);
    expect(log.filter((e) => e.type === 'request').length).toBeGreaterThanOrEqual(2);
    expect(lab.kamailio.successfulRegisters('customer')).toHaveLength(1);
    expect(lab.kamailio.registrations('customer')).toHaveLength(1);
    // Both REGISTERs belong to one registration dialog (same Call-ID, CSeq increments).
    const [first, second] = log.filter((e) => e.type === 'request');
    expect(second!.callId).toBe(first!.callId);
    expect(second!.cseq).toBe(first!.cseq + 1);
    const contacts = await lab.kamailio.contacts('customer');
    expect(contacts).toHaveLength(1);
    expect(contacts[0]!.received ?? '').toMatch(/^sip:127\.0\.0\.1:\d+;transport=ws/);
    const stats = await lab.kamailio.stats();
    expect(stats['registrar:accepted_regs']).toBeGreaterThanOrEqual(1);
  });

  it('floor calls customer, audio flows both ways, hangup ends both sides', async () => {
    const floor = await lab.openCustomer('floor');
    try {
      const t0 = Date.now();
      await floor.call('customer');
      const invite = await customer.waitForEvent('invite', 10_000);
      await customer.waitForStatus('ringing');
      const outgoing = (await floor.events()).find((e) => e.type === 'outgoing')!;
      const kamInvite = lab.kamailio.invites().find((i) => i.from === 'floor' && i.to === 'customer');
      expect(kamInvite, 'Kamailio logged the authenticated INVITE').toBeDefined();
      expect(kamInvite!.challengedAt, 'the first INVITE was challenged with 407').toBeLessThanOrEqual(kamInvite!.at);

      const answeredAt = Date.now();
      await customer.answer();
      await floor.waitForStatus('active');
      await customer.waitForStatus('active');
      const accepted = await floor.waitForEvent('accepted');

      // RTP both ways.
      const customerStats = await waitUntil(
        'customer RTP in',
        async () => {
          const s = await customer.stats();
          return s.packetsReceived >= 25 && s.bytesSent > 0 ? s : undefined;
        },
        8000,
      );
      const floorStats = await waitUntil(
        'floor RTP in',
        async () => {
          const s = await floor.stats();
          return s.packetsReceived >= 25 && s.bytesSent > 0 ? s : undefined;
        },
        8000,
      );
      expect(customerStats.bytesReceived).toBeGreaterThan(0);
      expect(floorStats.bytesReceived).toBeGreaterThan(0);
      expect(customerStats.remoteAddress ?? '').toMatch(/^127\.0\.0\.1:/);

      // The fake microphone beeps: the customer hears non-silent audio.
      const level = await waitUntil(
        'audible audio at the customer',
        async () => {
          const l = await customer.audioLevel(2000);
          return l > 0.01 ? l : undefined;
        },
        8000,
        100,
      );
      expect(level).toBeGreaterThan(0.01);

      // The level check discriminates: with floor's microphone muted the customer hears silence.
      await floor.mute(true);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const mutedLevel = await customer.audioLevel(1000);
      expect(mutedLevel).toBeLessThan(0.005);
      await floor.mute(false);

      await floor.hangup();
      const floorEnd = await floor.waitForStatus('ended');
      const customerEnd = await customer.waitForStatus('ended');
      expect(floorEnd.lastEndedBy).toBe('local');
      expect(customerEnd.lastEndedBy).toBe('remote');
      const hangup = (await customer.events()).find((e) => e.type === 'hangup');
      expect(hangup?.by).toBe('remote');

      expect(await lab.kamailio.contacts('customer')).toHaveLength(1);
      console.log(
        `call: INVITE floor->customer page ${(invite.at - outgoing.at).toFixed(1)} ms ` +
          `(Kamailio: first INVITE ${(kamInvite!.challengedAt! - outgoing.at).toFixed(1)} ms, authenticated ${(kamInvite!.at - outgoing.at).toFixed(1)} ms after call()); ` +
          `answer->accepted ${(accepted.at - answeredAt).toFixed(1)} ms; ` +
          `customer in ${customerStats.bytesReceived} B/${customerStats.packetsReceived} pkts, ` +
          `floor in ${floorStats.bytesReceived} B, customer level ${level.toFixed(3)} (muted ${mutedLevel.toFixed(4)}), codec ${customerStats.codec}; ` +
          `whole call test ${Date.now() - t0} ms`,
      );
    } finally {
      await floor.close();
    }
  });

  it('a call to an unregistered user fails with 404 (negative control)', async () => {
    const floor = await lab.openCustomer('floor');
    try {
      await floor.call('agent');
      const failed = await floor.waitForEvent('failed');
      expect(failed.code).toBe(404);
      expect(lab.kamailio.events('NOT-FOUND').some((e) => e.fields.to === 'agent')).toBe(true);
    } finally {
      await floor.close();
    }
  });

  it('a wrong password gets 401 twice and no binding', async () => {
    const page = await lab.browser.context.newPage();
    try {
      const url = lab.customerUrl('agent').replace('password=agent-secret', 'password=wrong');
      await page.goto(url);
      const failed = await page.evaluate(() => window.customer.ready.then(() => 'registered', (e: Error) => e.message));
      expect(failed).toMatch(/registration failed/);
      expect(await lab.kamailio.contacts('agent')).toHaveLength(0);
      expect(lab.kamailio.successfulRegisters('agent')).toHaveLength(0);
      expect(lab.kamailio.registerLog('agent').filter((e) => e.type === 'reply').every((e) => e.code === 401)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('customer page: reject with 486, caller CANCEL, DTMF over INFO', async () => {
    const floor = await lab.openCustomer('floor');
    try {
      await floor.call('customer');
      await customer.waitForStatus('ringing');
      await customer.reject(486);
      const failed = await floor.waitForEvent('failed');
      expect(failed.code).toBe(486);
      expect(failed.by).toBe('remote');

      // Caller gives up while it rings: CANCEL reaches the customer.
      let since = Date.now();
      await floor.call('customer');
      await customer.waitForEvent('invite', 10_000, since);
      await customer.waitForStatus('ringing');
      await floor.hangup();
      const canceled = await customer.waitForEvent('failed', 10_000, since);
      expect(canceled.by).toBe('remote');
      expect(canceled.cause).toBe('Canceled');

      since = Date.now();
      await customer.setAutoAnswer(true);
      await floor.call('customer');
      await floor.waitForEvent('confirmed', 10_000, since);
      await customer.waitForStatus('active');
      await floor.sendDtmf('12#');
      await waitUntil('DTMF at customer', async () => ((await customer.dtmfReceived()) === '12#' ? true : undefined), 5000);
      await customer.hangup();
      expect((await floor.waitForStatus('ended')).lastEndedBy).toBe('remote');
    } finally {
      await customer.setAutoAnswer(false);
      await floor.close();
    }
  });

  it('Kamailio restart: bindings are lost, the customer page re-registers on the same port', async () => {
    const wsUrl = lab.kamailio.wsUrl;
    const before = lab.kamailio.successfulRegisters('customer').length;
    const t = performance.now();
    await lab.kamailio.restart();
    expect(lab.kamailio.wsUrl).toBe(wsUrl);
    const restartMs = performance.now() - t;
    await waitUntil('customer binding after restart', async () => (await lab.kamailio.contacts('customer')).length === 1, 15_000, 100);
    expect(lab.kamailio.successfulRegisters('customer').length).toBe(before + 1);
    console.log(`kamailio restart ${restartMs.toFixed(0)} ms, customer re-registered after ${(performance.now() - t).toFixed(0)} ms`);
  });

  it('launcher: service worker, offscreen document, stopping and waking the worker', async () => {
    const b = lab.browser;
    const sw = await b.serviceWorker();
    expect(sw.url()).toBe(`chrome-extension://${DIALBAR_EXTENSION_ID}/background.js`);
    expect(await b.swEvaluate(() => chrome.runtime.id)).toBe(DIALBAR_EXTENSION_ID);

    expect(await b.hasOffscreen()).toBe(false);
    await b.swEvaluate(() => (globalThis as unknown as { lab: { openOffscreen(): Promise<string> } }).lab.openOffscreen());
    const offscreen = await b.offscreenTarget();
    expect(await offscreen.evaluate(() => (globalThis as unknown as { labOffscreen: { ping(): string } }).labOffscreen.ping())).toBe(
      'offscreen-pong',
    );
    expect(await b.closeOffscreen()).toBe(true);
    expect(await b.hasOffscreen()).toBe(false);

    expect(await b.serviceWorkerStatus()).toBe('running');
    const t = performance.now();
    await b.stopServiceWorker();
    const stopMs = performance.now() - t;
    expect(await b.serviceWorkerStatus()).toBe('stopped');
    // A message from an extension page wakes it again (a fresh global scope: new startedAt).
    const popup = await b.openExtensionPage('popup.html');
    const pong = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'ping' }));
    expect(pong).toMatchObject({ pong: true });
    await b.waitServiceWorkerRunning();
    const startedAt = await b.swEvaluate(() => (globalThis as unknown as { lab: { startedAt: number } }).lab.startedAt);
    expect(startedAt).toBe((pong as { startedAt: number }).startedAt);
    await popup.close();
    console.log(`service worker stop took ${stopMs.toFixed(0)} ms`);
  });
});
