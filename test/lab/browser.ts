import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page, type Worker } from 'playwright-core';
import { sleep, waitUntil } from './ports.ts';

/** Fixed by the manifest key in wxt.config.ts. */
export const DIALBAR_EXTENSION_ID = 'pblledkpgccemehljjoomehmljkfcbnl';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

export function findChromium(): string | undefined {
  const fromEnv = process.env.DIALBAR_CHROMIUM;
  if (fromEnv) return fromEnv;
  return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
}

export interface LaunchOptions {
  /** Unpacked extension to load (e.g. .output/chrome-mv3). Omit to launch without one. */
  extensionPath?: string;
  /** Default true (new headless; extensions and WebRTC work). */
  headless?: boolean;
  /** Default: a fresh temp dir, removed by close(). A given dir is kept. */
  userDataDir?: string;
  /** Extra Chromium switches. */
  args?: string[];
  /** Extension id to expect; default DIALBAR_EXTENSION_ID. */
  extensionId?: string;
  /**
   * 'granted' (default): the fake microphone is allowed everywhere, as after "Allow microphone".
   * 'not-granted': no permission and no auto-accepting prompt, as for a user who never allowed it.
   */
  microphone?: 'granted' | 'not-granted';
  /** Default 1280×800. */
  viewport?: { width: number; height: number };
  /** navigator.language and Accept-Language, e.g. 'en-US'; default: the machine's. */
  locale?: string;
  /** The Chromium to run (e.g. a wrapper from managed-policy.ts); default findChromium(). */
  executablePath?: string;
}

/** A CDP target (offscreen document, service worker, ...) attached through the browser session. */
export interface CdpTarget {
  targetId: string;
  type: string;
  url: string;
  /**
   * Evaluates `fn(arg)` in the target's main world and returns the (JSON-serialisable) result,
   * awaiting promises. `fn` is sent as source text: it must not close over node variables.
   */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Evaluates a source expression. */
  evaluateExpression<R = unknown>(expression: string): Promise<R>;
  /** Any CDP command on this target (e.g. `Performance.getMetrics`). */
  send<R = unknown>(method: string, params?: Record<string, unknown>): Promise<R>;
  detach(): Promise<void>;
}

export type ServiceWorkerStatus = 'stopped' | 'starting' | 'running' | 'stopping' | 'absent';

export interface LabBrowser {
  context: BrowserContext;
  browser: Browser;
  extensionId: string;
  userDataDir: string;
  executablePath: string;
  /** Chromium's browser process id (found by its unique --user-data-dir), if known. */
  pid: number | undefined;
  /**
   * Playwright's handle on the extension's service worker (waits for it). Playwright does not
   * notice a worker stopping: after stopServiceWorker() this handle hangs; use swEvaluate.
   */
  serviceWorker(timeoutMs?: number): Promise<Worker>;
  /** Evaluates in the currently running extension service worker via CDP (works after restarts). */
  swEvaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A, timeoutMs?: number): Promise<R>;
  /** Running status of the extension's service worker, as CDP reports it. */
  serviceWorkerStatus(): Promise<ServiceWorkerStatus>;
  /** Stops the extension service worker (like Chrome's idle shutdown) and waits until stopped. */
  stopServiceWorker(timeoutMs?: number): Promise<void>;
  /** Waits until the service worker runs again (something must wake it, e.g. a message). */
  waitServiceWorkerRunning(timeoutMs?: number): Promise<void>;
  /** Opens chrome-extension://<id>/<path> in a new tab (e.g. 'popup.html'). */
  openExtensionPage(pathname: string): Promise<Page>;
  /** The extension's offscreen document (waits for it), attached via CDP. */
  offscreenTarget(timeoutMs?: number): Promise<CdpTarget>;
  /** True if an offscreen document of the extension currently exists. */
  hasOffscreen(): Promise<boolean>;
  /** Closes the offscreen document (Target.closeTarget); resolves true if one was closed. */
  closeOffscreen(): Promise<boolean>;
  /** All CDP targets (type, url, targetId). */
  targets(): Promise<Array<{ targetId: string; type: string; url: string }>>;
  /** Attaches to the first target matching `predicate`. */
  attach(predicate: (t: { type: string; url: string }) => boolean, timeoutMs?: number): Promise<CdpTarget>;
  /** Closes Chromium (kills it by pid if closing hangs) and removes a temp profile. */
  close(): Promise<void>;
}

function findPidsWithArg(fragment: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(fragment)) pids.push(Number(entry));
    } catch {
      // exited
    }
  }
  return pids;
}

function browserPid(userDataDir: string): number | undefined {
  // The browser process is the one of ours without --type= (renderers, GPU, ... have one).
  for (const pid of findPidsWithArg(`--user-data-dir=${userDataDir}`)) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('--type=')) return pid;
    } catch {
      // exited
    }
  }
  return undefined;
}

/** Source text that evaluates `fn(arg)`; `__name` covers esbuild's keepNames helper. */
function callSource(fn: (arg: never) => unknown, arg: unknown): string {
  return `(() => { var __name = (f) => f; return (${fn.toString()})(${arg === undefined ? '' : JSON.stringify(arg)}); })()`;
}

/**
 * Targets are attached in non-flat mode (Target.sendMessageToTarget) so one browser-level
 * Playwright CDPSession can talk to any target, including offscreen documents that Playwright
 * itself does not model.
 */
class TargetRouter {
  private nextId = 1;
  private pending = new Map<string, Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>>();

  constructor(private readonly session: CDPSession) {
    session.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id === undefined) return;
      const waiter = this.pending.get(event.sessionId)?.get(message.id);
      if (!waiter) return;
      this.pending.get(event.sessionId)?.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    });
    session.on('Target.detachedFromTarget', (event) => {
      const waiters = this.pending.get(event.sessionId);
      this.pending.delete(event.sessionId);
      for (const waiter of waiters?.values() ?? []) waiter.reject(new Error('target detached (closed or crashed)'));
    });
  }

  async attach(info: { targetId: string; type: string; url: string }): Promise<CdpTarget> {
    const { sessionId } = await this.session.send('Target.attachToTarget', { targetId: info.targetId, flatten: false });
    this.pending.set(sessionId, new Map());
    const send = (method: string, params: Record<string, unknown>, timeoutMs = 15_000) =>
      new Promise<unknown>((resolve, reject) => {
        const waiters = this.pending.get(sessionId);
        if (!waiters) {
          reject(new Error(`target ${info.url} is detached`));
          return;
        }
        const id = this.nextId++;
        const timer = setTimeout(() => {
          waiters.delete(id);
          reject(new Error(`CDP ${method} on ${info.url} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        this.session
          .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
          .catch((error: Error) => {
            waiters.delete(id);
            clearTimeout(timer);
            reject(error);
          });
      });
    const evaluateExpression = async <R>(expression: string): Promise<R> => {
      const result = (await send('Runtime.evaluate', {
        expression,
        awaitPromise: true,
        returnByValue: true,
        userGesture: true,
      })) as { result: { value?: R }; exceptionDetails?: { text: string; exception?: { description?: string } } };
      if (result.exceptionDetails) {
        throw new Error(
          `evaluate in ${info.url}: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`,
        );
      }
      return result.result.value as R;
    };
    return {
      ...info,
      evaluateExpression,
      send: <R>(method: string, params: Record<string, unknown> = {}) => send(method, params) as Promise<R>,
      evaluate: <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) =>
        evaluateExpression<R>(callSource(fn as (arg: never) => unknown, arg)),
      detach: async () => {
        this.pending.delete(sessionId);
        await this.session.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      },
    };
  }
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<LabBrowser> {
  const executablePath = options.executablePath ?? findChromium();
  if (!executablePath) {
    throw new Error('Chromium not found (looked for /usr/bin/chromium); install it: apt-get install -y chromium');
  }
  const headless = options.headless ?? true;
  if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Error('headful Chromium needs an X display (DISPLAY unset); run headless or under xvfb-run');
  }
  const extensionId = options.extensionId ?? DIALBAR_EXTENSION_ID;
  const extensionPath = options.extensionPath ? path.resolve(options.extensionPath) : undefined;
  if (extensionPath && !existsSync(path.join(extensionPath, 'manifest.json'))) {
    throw new Error(`no manifest.json in ${extensionPath} (build the extension first: npx wxt build)`);
  }
  const ownProfile = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'dialbar-chromium-'));
  const args = [
    '--use-fake-device-for-media-stream',
    ...(options.microphone === 'not-granted' ? [] : ['--use-fake-ui-for-media-stream']),
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
    // Host candidates as plain IPs, not mDNS names nothing on loopback would resolve.
    '--disable-features=WebRtcHideLocalIpsWithMdns',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--password-store=basic',
    ...(extensionPath ? [`--load-extension=${extensionPath}`, `--disable-extensions-except=${extensionPath}`] : []),
    ...(options.args ?? []),
  ];
  const dropProfile = () => {
    if (ownProfile && !process.env.DIALBAR_LAB_KEEP) rmSync(userDataDir, { recursive: true, force: true });
  };
  let launched: BrowserContext;
  try {
    launched = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless,
      args,
      // Playwright disables extensions by default; keep them (and component extensions) enabled.
      ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
      viewport: options.viewport ?? { width: 1280, height: 800 },
      ...(options.locale ? { locale: options.locale } : {}),
      timeout: 30_000,
    });
  } catch (error) {
    dropProfile();
    throw error;
  }
  const context = launched;
  const browser = context.browser();
  if (!browser) {
    await context.close();
    dropProfile();
    throw new Error('playwright returned no Browser for the persistent context');
  }
  if (options.microphone !== 'not-granted') await context.grantPermissions(['microphone']);
  const pid = browserPid(userDataDir);
  const browserSession = await browser.newBrowserCDPSession();
  const router = new TargetRouter(browserSession);
  const extensionOrigin = `chrome-extension://${extensionId}/`;

  // ServiceWorker domain lives on page targets: keep a private control page for it.
  let controlPage: Page | undefined;
  let swSession: CDPSession | undefined;
  const swStatus = new Map<string, { status: string; scriptURL: string }>();
  async function serviceWorkerDomain(): Promise<CDPSession> {
    if (swSession && controlPage && !controlPage.isClosed()) return swSession;
    controlPage = await context.newPage();
    swSession = await context.newCDPSession(controlPage);
    swSession.on('ServiceWorker.workerVersionUpdated', (event) => {
      for (const v of event.versions) swStatus.set(v.versionId, { status: v.runningStatus, scriptURL: v.scriptURL });
    });
    await swSession.send('ServiceWorker.enable');
    await sleep(100);
    return swSession;
  }

  const targets = async () => {
    const { targetInfos } = await browserSession.send('Target.getTargets');
    return targetInfos.map((t) => ({ targetId: t.targetId, type: t.type, url: t.url }));
  };

  const attach = async (predicate: (t: { type: string; url: string }) => boolean, timeoutMs = 10_000) => {
    const info = await waitUntil('CDP target', async () => (await targets()).find(predicate), timeoutMs, 50);
    return router.attach(info);
  };

  const isOffscreen = (t: { type: string; url: string }) =>
    t.url.startsWith(extensionOrigin) && /\/offscreen[^/]*\.html/.test(t.url) && t.type !== 'page';

  const lab: LabBrowser = {
    context,
    browser,
    extensionId,
    userDataDir,
    executablePath,
    pid,

    async serviceWorker(timeoutMs = 15_000) {
      const existing = context.serviceWorkers().find((w) => w.url().startsWith(extensionOrigin));
      if (existing) return existing;
      return context.waitForEvent('serviceworker', {
        predicate: (w) => w.url().startsWith(extensionOrigin),
        timeout: timeoutMs,
      });
    },

    async swEvaluate(fn, arg, timeoutMs = 10_000) {
      const target = await attach((t) => t.type === 'service_worker' && t.url.startsWith(extensionOrigin), timeoutMs);
      try {
        return await target.evaluate(fn, arg);
      } finally {
        await target.detach();
      }
    },

    async serviceWorkerStatus() {
      await serviceWorkerDomain();
      let status: ServiceWorkerStatus = 'absent';
      for (const v of swStatus.values()) {
        if (!v.scriptURL.startsWith(extensionOrigin)) continue;
        status = v.status as ServiceWorkerStatus;
        if (status === 'running') break;
      }
      return status;
    },

    async stopServiceWorker(timeoutMs = 10_000) {
      const session = await serviceWorkerDomain();
      const ours = [...swStatus.entries()].filter(([, v]) => v.scriptURL.startsWith(extensionOrigin));
      if (ours.length === 0) throw new Error(`no service worker of ${extensionId} known to CDP`);
      for (const [versionId, v] of ours) {
        if (v.status === 'running' || v.status === 'starting') {
          await session.send('ServiceWorker.stopWorker', { versionId });
        }
      }
      await waitUntil(
        'extension service worker to stop',
        () => [...swStatus.values()].filter((v) => v.scriptURL.startsWith(extensionOrigin)).every((v) => v.status === 'stopped'),
        timeoutMs,
        25,
      );
    },

    async waitServiceWorkerRunning(timeoutMs = 10_000) {
      await serviceWorkerDomain();
      await waitUntil(
        'extension service worker to run',
        () => [...swStatus.values()].some((v) => v.scriptURL.startsWith(extensionOrigin) && v.status === 'running'),
        timeoutMs,
        25,
      );
    },

    async openExtensionPage(pathname) {
      const page = await context.newPage();
      await page.goto(`${extensionOrigin}${pathname.replace(/^\//, '')}`);
      return page;
    },

    offscreenTarget: (timeoutMs = 10_000) => attach(isOffscreen, timeoutMs),

    async hasOffscreen() {
      return (await targets()).some(isOffscreen);
    },

    async closeOffscreen() {
      const found = (await targets()).filter(isOffscreen);
      for (const t of found) await browserSession.send('Target.closeTarget', { targetId: t.targetId });
      if (found.length > 0) {
        await waitUntil('offscreen document to close', async () => !(await targets()).some(isOffscreen), 5000, 25);
      }
      return found.length > 0;
    },

    targets,
    attach,

    async close() {
      const closed = await Promise.race([
        context.close().then(
          () => true,
          () => false,
        ),
        sleep(10_000).then(() => false),
      ]);
      if (!closed) {
        // Hung or failed: kill our Chromium processes by pid (found by our unique profile dir).
        for (const p of findPidsWithArg(`--user-data-dir=${userDataDir}`)) {
          try {
            process.kill(p, 'SIGKILL');
          } catch {
            // gone
          }
        }
      }
      dropProfile();
    },
  };
  return lab;
}
