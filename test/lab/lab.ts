import type { Page } from 'playwright-core';
import { type LabBrowser, type LaunchOptions, launchBrowser } from './browser.ts';
import type { CustomerApi, CustomerEvent, CustomerState, CustomerStats } from './customer/api.ts';
import { bundleCustomer } from './customer/build.ts';
import { type HttpServerOptions, type LabHttpServer, startHttpServer } from './http-server.ts';
import { Kamailio, type KamailioOptions, LAB_USERS, SIP_DOMAIN } from './kamailio.ts';
import { Baresip } from './baresip.ts';
import { waitUntil } from './ports.ts';
import { RtpEngine } from './rtpengine.ts';

export interface LabOptions {
  /** Default true. DIALBAR_LAB_HEADFUL=1 forces a visible browser. */
  headless?: boolean;
  /** Unpacked extension (e.g. .output/chrome-mv3); omit for a lab without extension. */
  extensionPath?: string;
  kamailio?: KamailioOptions;
  http?: HttpServerOptions;
  browser?: Omit<LaunchOptions, 'extensionPath' | 'headless'>;
  /** Open and register one customer page (user 'customer'). Default true. */
  customer?: boolean;
  /** Customer auto-answers incoming calls. Default false. */
  customerAutoAnswer?: boolean;
  /**
   * Start rtpengine and a registered baresip (user 'baresip', plain RTP, auto-answer) that reads
   * RFC 4733 telephone-events; calls to 'baresip' go through rtpengine. Default false: no
   * rtpengine, no baresip, and Kamailio without its rtpengine module.
   */
  rtpCallee?: boolean | { echo?: boolean; toneHz?: number };
}

export interface CustomerPageOptions {
  autoAnswer?: boolean;
  /** Registration expiry the page asks for (s). Default 600. */
  expires?: number;
  /** Wait for registration. Default true. */
  waitRegistered?: boolean;
  /** JsSIP debug logging in the page console. */
  debug?: boolean;
}

/** Typed wrapper over a customer softphone page (window.customer). */
export class CustomerPage {
  constructor(
    readonly page: Page,
    readonly user: string,
  ) {}

  private run<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    // Playwright's PageFunction type does not accept a generic function; the runtime contract is the same.
    type Evaluate = (f: unknown, a: unknown) => Promise<R>;
    return (this.page.evaluate as unknown as Evaluate).call(this.page, fn, arg);
  }

  /** Resolves when registered; rejects with the cause when registration failed. */
  ready(): Promise<true> {
    return this.page.evaluate(() => window.customer.ready);
  }
  setAutoAnswer(on: boolean, delayMs = 0): Promise<void> {
    return this.run((a) => window.customer.setAutoAnswer(a.on, a.delayMs), { on, delayMs });
  }
  answer(): Promise<void> {
    return this.run(() => window.customer.answer());
  }
  reject(code = 486): Promise<void> {
    return this.run((c) => window.customer.reject(c), code);
  }
  hangup(): Promise<void> {
    return this.run(() => window.customer.hangup());
  }
  /** `extraHeaders`: lines such as 'X-Ticket: 7' or 'Call-Info: <sip:x>;answer-after=0' for the INVITE. */
  call(target: string, extraHeaders: string[] = []): Promise<void> {
    return this.run((a) => window.customer.call(a.target, a.extraHeaders), { target, extraHeaders });
  }
  inviteHeaders(): Promise<Array<{ name: string; value: string }>> {
    return this.run(() => window.customer.inviteHeaders());
  }
  setAcceptRefer(on: boolean): Promise<void> {
    return this.run((a) => window.customer.setAcceptRefer(a), on);
  }
  setReferSilent(on: boolean): Promise<void> {
    return this.run((a) => window.customer.setReferSilent(a), on);
  }
  setKeepReplaced(on: boolean): Promise<void> {
    return this.run((a) => window.customer.setKeepReplaced(a), on);
  }
  refer(target: string): Promise<void> {
    return this.run((t) => window.customer.refer(t), target);
  }
  sendDtmf(tones: string, transport: 'INFO' | 'RFC2833' = 'INFO'): Promise<void> {
    return this.run((a) => window.customer.sendDtmf(a.tones, a.transport), { tones, transport });
  }
  hold(on: boolean): Promise<void> {
    return this.run((h) => window.customer.hold(h), on);
  }
  mute(on: boolean): Promise<void> {
    return this.run((m) => window.customer.mute(m), on);
  }
  state(): Promise<CustomerState> {
    return this.run(() => window.customer.state());
  }
  events(): Promise<CustomerEvent[]> {
    return this.run(() => window.customer.events());
  }
  clearEvents(): Promise<void> {
    return this.run(() => window.customer.clearEvents());
  }
  dtmfReceived(): Promise<string> {
    return this.run(() => window.customer.dtmfReceived());
  }
  stats(): Promise<CustomerStats> {
    return this.run(() => window.customer.stats());
  }
  audioLevel(windowMs = 1500): Promise<number> {
    return this.run((w) => window.customer.audioLevel(w), windowMs);
  }
  register(): Promise<void> {
    return this.run(() => window.customer.register());
  }
  unregister(): Promise<void> {
    return this.run(() => window.customer.unregister());
  }
  stopUa(): Promise<void> {
    return this.run(() => window.customer.stop());
  }
  /** Waits until state().status is `status` (default timeout 10 s). */
  async waitForStatus(status: CustomerState['status'], timeoutMs = 10_000): Promise<CustomerState> {
    return waitUntil(
      `${this.user} status ${status}`,
      async () => {
        const state = await this.state();
        return state.status === status ? state : undefined;
      },
      timeoutMs,
      25,
    );
  }
  /** Waits for the first event of `type` (optionally after time `since`). */
  async waitForEvent(type: string, timeoutMs = 10_000, since = 0): Promise<CustomerEvent> {
    return waitUntil(
      `${this.user} event ${type}`,
      async () => (await this.events()).find((e) => e.type === type && e.at >= since),
      timeoutMs,
      25,
    );
  }
  close(): Promise<void> {
    return this.page.close();
  }
}

export interface LabAccount {
  user: string;
  password: string;
  domain: string;
  /** sip:user@127.0.0.1 */
  uri: string;
  /** ws://127.0.0.1:<port> */
  wsUrl: string;
}

export interface Lab {
  kamailio: Kamailio;
  http: LabHttpServer;
  browser: LabBrowser;
  /** The registered 'customer' page (undefined when options.customer === false). */
  customer: CustomerPage | undefined;
  /** The plain-RTP phone 'baresip' and its media relay, with options.rtpCallee only. */
  baresip: Baresip | undefined;
  rtpengine: RtpEngine | undefined;
  /** Opens (and by default waits for the registration of) a softphone page for `user`. */
  openCustomer(user?: string, options?: CustomerPageOptions): Promise<CustomerPage>;
  /** URL of the customer page for `user`. */
  customerUrl(user?: string, options?: CustomerPageOptions): string;
  /** SIP account settings for `user` (default 'agent'), e.g. to configure Dialbar. */
  account(user?: string): LabAccount;
  /** Milliseconds each part took to start. */
  timings: Record<string, number>;
  stop(): Promise<void>;
}

/**
 * Starts Kamailio, the HTTP server, Chromium (with the extension, if given) and one registered
 * customer page. stop() tears everything down (by pid) and is safe after partial failures.
 */
export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const mark = (name: string, since: number) => {
    timings[name] = Math.round(performance.now() - since);
  };
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async () => {
    const errors: unknown[] = [];
    while (cleanups.length > 0) {
      const cleanup = cleanups.pop()!;
      try {
        await cleanup();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) console.warn('lab stop: errors during teardown', errors);
  };
  try {
    // Kamailio, HTTP server (+ customer bundle) and Chromium start in parallel. With rtpCallee,
    // rtpengine starts before Kamailio (whose module pings it) and baresip after (it registers).
    const callee = options.rtpCallee === true ? {} : options.rtpCallee || undefined;
    const rtpengine = callee ? new RtpEngine({ echo: callee.echo }) : undefined;
    if (rtpengine) cleanups.push(() => rtpengine.dispose());
    let baresip: Baresip | undefined;
    const startKamailio = (async () => {
      const t = performance.now();
      if (rtpengine) {
        await rtpengine.start();
        mark('rtpengine', t);
      }
      const k = new Kamailio({ ...options.kamailio, ...(rtpengine ? { rtpengineNgPort: rtpengine.ngPort } : {}) });
      cleanups.push(() => k.dispose());
      await k.start();
      mark('kamailio', t);
      if (callee) {
        const tb = performance.now();
        const password = (options.kamailio?.users ?? LAB_USERS).baresip;
        if (password === undefined) throw new Error('rtpCallee needs a lab user "baresip"');
        const b = new Baresip({ user: 'baresip', password, registrar: `${SIP_DOMAIN}:${k.udpPort}`, ...callee });
        baresip = b;
        cleanups.push(() => b.dispose());
        await b.start();
        mark('baresip', tb);
      }
      return k;
    })();
    const startHttp = (async () => {
      const t = performance.now();
      const [server] = await Promise.all([startHttpServer(options.http), bundleCustomer()]);
      cleanups.push(() => server.stop());
      mark('http+bundle', t);
      return server;
    })();
    const startChromium = (async () => {
      const t = performance.now();
      const headless = process.env.DIALBAR_LAB_HEADFUL === '1' ? false : (options.headless ?? true);
      const b = await launchBrowser({ ...options.browser, headless, extensionPath: options.extensionPath });
      cleanups.push(() => b.close());
      mark('chromium', t);
      return b;
    })();
    const results = await Promise.allSettled([startKamailio, startHttp, startChromium]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const http = await startHttp;
    const browser = await startChromium;
    const kamailio = await startKamailio;

    const customerUrl = (user = 'customer', pageOptions: CustomerPageOptions = {}) => {
      const query = new URLSearchParams({ ws: kamailio.wsUrl, user, domain: SIP_DOMAIN });
      const password = (options.kamailio?.users ?? LAB_USERS)[user];
      if (password !== undefined) query.set('password', password);
      if (pageOptions.autoAnswer) query.set('autoAnswer', '1');
      if (pageOptions.expires !== undefined) query.set('expires', String(pageOptions.expires));
      if (pageOptions.debug) query.set('debug', '1');
      return `${http.url}/customer.html?${query}`;
    };
    const openCustomer = async (user = 'customer', pageOptions: CustomerPageOptions = {}) => {
      const page = await browser.context.newPage();
      page.on('pageerror', (error) => console.warn(`[${user} page] ${error.message}`));
      await page.goto(customerUrl(user, pageOptions));
      await page.waitForFunction(() => (window as { customer?: CustomerApi }).customer !== undefined);
      const customer = new CustomerPage(page, user);
      if (pageOptions.waitRegistered ?? true) await customer.ready();
      return customer;
    };

    let customer: CustomerPage | undefined;
    if (options.customer ?? true) {
      const t = performance.now();
      customer = await openCustomer('customer', { autoAnswer: options.customerAutoAnswer ?? false });
      mark('customer', t);
    }
    mark('total', t0);
    const account = (user = 'agent'): LabAccount => {
      const password = (options.kamailio?.users ?? LAB_USERS)[user];
      if (password === undefined) throw new Error(`no lab account ${user}`);
      return { user, password, domain: SIP_DOMAIN, uri: `sip:${user}@${SIP_DOMAIN}`, wsUrl: kamailio.wsUrl };
    };
    return { kamailio, http, browser, customer, baresip, rtpengine, openCustomer, customerUrl, account, timings, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
