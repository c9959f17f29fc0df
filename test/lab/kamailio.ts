import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, type WriteStream, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeTcpPort, freeUdpPort, sleep, waitUntil } from './ports.ts';
import { isAlive, own, terminate } from './proc.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TEMPLATE = path.join(HERE, 'kamailio', 'kamailio.cfg.tpl');
export const KAMAILIO_MODULE_DIRS = [
  '/usr/lib/x86_64-linux-gnu/kamailio/modules',
  '/usr/lib/aarch64-linux-gnu/kamailio/modules',
  '/usr/lib/kamailio/modules',
  '/usr/local/lib64/kamailio/modules',
  '/usr/local/lib/kamailio/modules',
];

/** The SIP domain of every lab account. */
export const SIP_DOMAIN = '127.0.0.1';

/**
 * Lab accounts: Dialbar's agent, the customer softphone page, a baseline caller, and the baresip
 * phone (plain RTP behind rtpengine, only started when a test asks for it).
 */
export const LAB_USERS: Readonly<Record<string, string>> = {
  agent: 'agent-secret',
  customer: 'customer-secret',
  floor: 'floor-secret',
  baresip: 'baresip-secret',
};

export interface KamailioOptions {
  /** Accounts (user -> password). Defaults to LAB_USERS. */
  users?: Record<string, string>;
  /**
   * usrloc handle_lost_tcp + close_expired_tcp: drop a WebSocket binding as soon as its
   * connection closes. Off by default, so a UA that vanishes without un-REGISTER leaves a
   * stale binding, as with many real registrars.
   */
  handleLostTcp?: boolean;
  /** registrar min_expires (seconds); default 10 so tests may register with short expiries. */
  minExpires?: number;
  /** Fixed ports; default: free ports picked at start. */
  wsPort?: number;
  udpPort?: number;
  /** Print Kamailio's stderr to the test's stderr as it arrives. */
  echo?: boolean;
  /**
   * rtpengine's NG control port (test/lab/rtpengine.ts). When set, calls to `rtpengineUser` are
   * anchored by that rtpengine (WebRTC toward the browser, plain RTP toward the phone); without
   * it the rtpengine module is not even loaded.
   */
  rtpengineNgPort?: number;
  /** The user whose calls go through rtpengine. Default 'baresip'. */
  rtpengineUser?: string;
}

/** One `LAB|KIND|k=v|...` line Kamailio logged. `at` is Kamailio's clock (epoch ms, µs precision). */
export interface LabLogEvent {
  kind: string;
  at: number;
  /** When the controller read the line (Date.now()). */
  seenAt: number;
  fields: Record<string, string>;
}

export interface RegisterEvent {
  /** 'request': a REGISTER arrived; 'reply': Kamailio answered it with `code`. */
  type: 'request' | 'reply';
  at: number;
  user: string;
  callId: string;
  cseq: number;
  code?: number;
  /** Expiry the UA asked for (Expires header or the Contact's ;expires=), if any; 0 = un-REGISTER. */
  expires?: number;
  contact?: string;
  source?: string;
}

export interface InviteEvent {
  /** When the authenticated INVITE arrived (Kamailio clock, epoch ms). */
  at: number;
  /** When the first INVITE of this Call-ID arrived and was challenged with 407, if it was. */
  challengedAt?: number;
  from: string;
  to: string;
  callId: string;
  source: string;
}

export interface Contact {
  aor: string;
  address: string;
  expires: number;
  received?: string;
  socket?: string;
  userAgent?: string;
  callId?: string;
  cseq?: number;
  instance?: string;
  regId?: number;
  lastModified?: number;
  raw: Record<string, unknown>;
}

function findModuleDir(): string {
  for (const dir of KAMAILIO_MODULE_DIRS) {
    if (existsSync(path.join(dir, 'websocket.so'))) return dir;
  }
  throw new Error(
    `Kamailio websocket module not found in ${KAMAILIO_MODULE_DIRS.join(', ')}; ` +
      'install it: apt-get install -y kamailio kamailio-websocket-modules kamailio-extra-modules',
  );
}

/**
 * Kills Kamailio processes left by earlier lab runs whose node process died without stopping
 * them (e.g. a test worker killed by a timeout). Only processes whose command line names a
 * config inside a dialbar-kamailio-* dir with a dead owner are touched.
 */
function reapOrphans(): void {
  let entries: string[];
  try {
    entries = readdirSync(tmpdir()).filter((name) => name.startsWith('dialbar-kamailio-'));
  } catch {
    return;
  }
  for (const name of entries) {
    const dir = path.join(tmpdir(), name);
    try {
      const owner = Number(readFileSync(path.join(dir, 'owner.pid'), 'utf8'));
      if (owner && isAlive(owner)) continue;
      const pidFile = path.join(dir, 'run', 'kamailio.pid');
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0;
      if (!pid || !isAlive(pid)) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes(path.join(dir, 'kamailio.cfg'))) continue;
      process.kill(pid, 'SIGTERM');
    } catch {
      // not ours, or gone
    }
  }
}

function parseLabLine(line: string): LabLogEvent | undefined {
  const index = line.indexOf('LAB|');
  if (index < 0) return undefined;
  const body = line.slice(index + 4);
  const bar = body.indexOf('|');
  const kind = bar < 0 ? body : body.slice(0, bar);
  const fields: Record<string, string> = {};
  let rest = bar < 0 ? '' : body.slice(bar + 1);
  while (rest.length > 0) {
    const eq = rest.indexOf('=');
    if (eq < 0) break;
    const key = rest.slice(0, eq);
    if (key === 'contact') {
      // Always last: the Contact may itself contain '|' or '='.
      fields[key] = rest.slice(eq + 1);
      break;
    }
    const next = rest.indexOf('|', eq);
    fields[key] = next < 0 ? rest.slice(eq + 1) : rest.slice(eq + 1, next);
    rest = next < 0 ? '' : rest.slice(next + 1);
  }
  const t = Number.parseFloat(fields.t ?? '');
  return { kind, at: Number.isFinite(t) ? t * 1000 : Date.now(), seenAt: Date.now(), fields };
}

function expiresOf(fields: Record<string, string>): number | undefined {
  const header = fields.expires;
  if (header !== undefined && /^\d+$/.test(header)) return Number(header);
  const match = /;\s*expires=(\d+)/i.exec(fields.contact ?? '');
  if (match?.[1] !== undefined) return Number(match[1]);
  if (fields.contact?.trim() === '*') return 0;
  return undefined;
}

export class Kamailio {
  readonly dir: string;
  readonly options: KamailioOptions;
  wsPort = 0;
  udpPort = 0;
  private child: ChildProcess | undefined;
  private logStream: WriteStream | undefined;
  private log: LabLogEvent[] = [];
  private stderrTail: string[] = [];
  private partial = '';

  constructor(options: KamailioOptions = {}) {
    this.options = options;
    reapOrphans();
    this.dir = mkdtempSync(path.join(tmpdir(), 'dialbar-kamailio-'));
    writeFileSync(path.join(this.dir, 'owner.pid'), String(process.pid));
  }

  /** ws://127.0.0.1:<port> — SIP over WebSocket. */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.wsPort}`;
  }

  /** JSON-RPC endpoint (jsonrpcs over xhttp, same port as WebSocket). */
  get rpcUrl(): string {
    return `http://127.0.0.1:${this.wsPort}/RPC`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Path of the full Kamailio stderr log of this controller (all runs, appended). */
  get logFile(): string {
    return path.join(this.dir, 'kamailio.log');
  }

  private get rtpengineUser(): string {
    const user = this.options.rtpengineUser ?? 'baresip';
    if (!/^[A-Za-z0-9_.-]+$/.test(user)) throw new Error(`unsupported rtpengine user: ${user}`);
    return user;
  }

  private writeConfig(): string {
    const users = this.options.users ?? LAB_USERS;
    const userLines = Object.entries(users)
      .map(([user, password]) => {
        if (!/^[A-Za-z0-9_.-]+$/.test(user) || /["\\$\n]/.test(password)) {
          throw new Error(`unsupported lab user/password: ${user}`);
        }
        return `\t$sht(users=>${user}) = "${password}";`;
      })
      .join('\n');
    const lost = this.options.handleLostTcp ? '1' : '0';
    const cfg = readFileSync(TEMPLATE, 'utf8')
      .replaceAll('@@WS_PORT@@', String(this.wsPort))
      .replaceAll('@@UDP_PORT@@', String(this.udpPort))
      .replaceAll('@@MODPATH@@', findModuleDir())
      .replaceAll('@@HANDLE_LOST_TCP@@', lost)
      .replaceAll('@@MIN_EXPIRES@@', String(this.options.minExpires ?? 10))
      .replaceAll('@@RTPENGINE_NG_PORT@@', String(this.options.rtpengineNgPort ?? 0))
      .replaceAll('@@RTPENGINE_USER@@', this.rtpengineUser)
      .replaceAll('@@USERS@@', userLines);
    const leftover = /@@[A-Z_]+@@/.exec(cfg);
    if (leftover) throw new Error(`kamailio template placeholder not substituted: ${leftover[0]}`);
    const file = path.join(this.dir, 'kamailio.cfg');
    writeFileSync(file, cfg);
    return file;
  }

  private onStderr(chunk: Buffer): void {
    const text = this.partial + chunk.toString('utf8');
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      this.stderrTail.push(line);
      if (this.stderrTail.length > 200) this.stderrTail.shift();
      const event = parseLabLine(line);
      if (event) this.log.push(event);
      if (this.options.echo) process.stderr.write(`[kamailio] ${line}\n`);
    }
  }

  /** Starts Kamailio (foreground, own process group) and waits until JSON-RPC answers. */
  async start(): Promise<void> {
    if (this.running) throw new Error('kamailio already running');
    if (this.wsPort === 0) this.wsPort = this.options.wsPort ?? (await freeTcpPort());
    if (this.udpPort === 0) this.udpPort = this.options.udpPort ?? (await freeUdpPort());
    const cfg = this.writeConfig();
    const runDir = path.join(this.dir, 'run');
    rmSync(runDir, { recursive: true, force: true });
    mkdirSync(runDir, { recursive: true });
    if (!this.logStream) {
      this.logStream = createWriteStream(this.logFile, { flags: 'a' });
      this.logStream.on('error', () => {}); // the log file is a debugging aid only
    }
    const pidFile = path.join(runDir, 'kamailio.pid');
    const args = ['-DD', '-E', '-f', cfg, '-P', pidFile, '-Y', runDir, '-L', findModuleDir(), '-m', '64', '-M', '8'];
    if (this.options.rtpengineNgPort !== undefined) args.push('-A', 'WITH_RTPENGINE');
    const child = spawn('kamailio', args, { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child = child;
    if (child.pid !== undefined) own(child.pid);
    child.stderr?.on('data', (chunk: Buffer) => {
      this.logStream?.write(chunk);
      this.onStderr(chunk);
    });
    child.stdout?.on('data', (chunk: Buffer) => this.logStream?.write(chunk));
    const spawnError = new Promise<never>((_, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => reject(new Error(`kamailio exited during start (${code ?? signal})`)));
    });
    spawnError.catch(() => {});
    try {
      await Promise.race([
        spawnError,
        waitUntil(
          `kamailio JSON-RPC on ${this.rpcUrl}`,
          async () => {
            if (!this.running) throw new Error(`kamailio exited (${child.exitCode ?? child.signalCode})`);
            await this.rpc('core.version');
            return true;
          },
          10_000,
          50,
        ),
      ]);
    } catch (error) {
      await this.stop();
      throw new Error(`kamailio failed to start: ${(error as Error).message}\n${this.stderrTail.slice(-30).join('\n')}`);
    }
  }

  /** SIGTERM, wait up to 5 s, SIGKILL the process group. Safe to call twice. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    await terminate(child, 5000);
    this.child = undefined;
  }

  /** Stop and start again on the same ports. Bindings (in memory) are lost, the log is kept. */
  async restart(): Promise<void> {
    await this.stop();
    // The WebSocket port may linger briefly; retry the start a few times.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.start();
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await sleep(500);
      }
    }
  }

  /** Removes the temporary directory (after stop). */
  async dispose(): Promise<void> {
    await this.stop();
    const stream = this.logStream;
    this.logStream = undefined;
    if (stream) await new Promise<void>((resolve) => stream.end(() => resolve()));
    if (!process.env.DIALBAR_LAB_KEEP) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Calls a Kamailio RPC command via JSON-RPC over HTTP. */
  async rpc<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    const response = await fetch(this.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 }),
      signal: AbortSignal.timeout(3000),
    });
    const body = (await response.json()) as { result?: T; error?: { code: number; message: string } };
    if (body.error) throw new Error(`rpc ${method}: ${body.error.code} ${body.error.message}`);
    return body.result as T;
  }

  /** Current bindings of `user` (usrloc, from ul.dump). */
  async contacts(user: string): Promise<Contact[]> {
    interface Dump {
      Domains: Array<{ Domain: { Domain: string; AoRs: Array<{ Info: { AoR: string; Contacts: Array<{ Contact: Record<string, unknown> }> } }> } }>;
    }
    const dump = await this.rpc<Dump>('ul.dump');
    const out: Contact[] = [];
    for (const { Domain } of dump.Domains ?? []) {
      if (Domain.Domain !== 'location') continue;
      for (const { Info } of Domain.AoRs ?? []) {
        const aor = Info.AoR;
        if (aor !== user && aor !== `${user}@${SIP_DOMAIN}`) continue;
        for (const { Contact: c } of Info.Contacts ?? []) {
          const str = (key: string) => (typeof c[key] === 'string' && c[key] !== '[not set]' ? (c[key] as string) : undefined);
          const num = (key: string) => (typeof c[key] === 'number' ? (c[key] as number) : undefined);
          out.push({
            aor,
            address: str('Address') ?? '',
            expires: num('Expires') ?? -1,
            received: str('Received'),
            socket: str('Socket'),
            userAgent: str('User-Agent'),
            callId: str('Call-ID'),
            cseq: num('CSeq'),
            instance: str('Instance'),
            regId: num('Reg-Id'),
            lastModified: num('Last-Modified'),
            raw: c,
          });
        }
      }
    }
    return out;
  }

  /** Kamailio statistics as numbers, e.g. `registrar:accepted_regs`, `usrloc:location_contacts`. */
  async stats(groups: string[] = ['registrar:', 'usrloc:', 'tm:', 'sl:', 'websocket:']): Promise<Record<string, number>> {
    const lines = await this.rpc<string[]>('stats.get_statistics', groups);
    const out: Record<string, number> = {};
    for (const line of lines) {
      const match = /^(\S+)\s*=\s*(-?\d+)/.exec(line);
      if (match?.[1] !== undefined && match[2] !== undefined) out[match[1]] = Number(match[2]);
    }
    return out;
  }

  /** Every LAB| event since the controller was created (or since clearLog). */
  events(kind?: string): LabLogEvent[] {
    return kind === undefined ? [...this.log] : this.log.filter((e) => e.kind === kind);
  }

  /** REGISTER requests and Kamailio's final replies (401/403/200/500), in arrival order. */
  registerLog(user?: string): RegisterEvent[] {
    const out: RegisterEvent[] = [];
    for (const e of this.log) {
      if (e.kind !== 'REGISTER' && e.kind !== 'REGISTER-REPLY') continue;
      const f = e.fields;
      if (user !== undefined && f.user !== user) continue;
      const event: RegisterEvent = {
        type: e.kind === 'REGISTER' ? 'request' : 'reply',
        at: e.at,
        user: f.user ?? '',
        callId: f.callid ?? '',
        cseq: Number(f.cseq ?? 0),
      };
      if (f.code !== undefined) event.code = Number(f.code);
      const expires = expiresOf(f);
      if (expires !== undefined) event.expires = expires;
      if (f.contact !== undefined) event.contact = f.contact;
      if (f.src !== undefined) event.source = f.src;
      out.push(event);
    }
    return out;
  }

  /** 200 replies to REGISTERs of `user` that added/refreshed a binding (expires != 0). */
  successfulRegisters(user: string): RegisterEvent[] {
    return this.registerLog(user).filter((e) => e.type === 'reply' && e.code === 200 && e.expires !== 0);
  }

  /**
   * Successful registrations of `user` grouped by REGISTER Call-ID: one entry per registering UA
   * instance (a JsSIP UA keeps its Call-ID for refreshes), with how many 200s it got.
   * "Exactly one registration, plus refreshes" is `registrations(user).length === 1`.
   */
  registrations(user: string): Array<{ callId: string; first: RegisterEvent; accepted: number; unregistered: boolean }> {
    const byCallId = new Map<string, { callId: string; first: RegisterEvent; accepted: number; unregistered: boolean }>();
    for (const e of this.registerLog(user)) {
      if (e.type !== 'reply' || e.code !== 200) continue;
      let entry = byCallId.get(e.callId);
      if (!entry) {
        if (e.expires === 0) continue;
        entry = { callId: e.callId, first: e, accepted: 0, unregistered: false };
        byCallId.set(e.callId, entry);
      }
      if (e.expires === 0) entry.unregistered = true;
      else {
        entry.accepted++;
        entry.unregistered = false;
      }
    }
    return [...byCallId.values()];
  }

  /** INVITEs (after authentication) in arrival order, with Kamailio receive timestamps. */
  invites(): InviteEvent[] {
    const challenged = new Map<string, number>();
    for (const e of this.log) {
      if (e.kind === 'AUTH-CHALLENGE' && e.fields.method === 'INVITE' && e.fields.callid !== undefined) {
        if (!challenged.has(e.fields.callid)) challenged.set(e.fields.callid, e.at);
      }
    }
    return this.log
      .filter((e) => e.kind === 'INVITE')
      .map((e) => {
        const invite: InviteEvent = {
          at: e.at,
          from: e.fields.from ?? '',
          to: e.fields.to ?? '',
          callId: e.fields.callid ?? '',
          source: e.fields.src ?? '',
        };
        const first = challenged.get(invite.callId);
        if (first !== undefined) invite.challengedAt = first;
        return invite;
      });
  }

  /** Makes every REGISTER fail with `code` (e.g. 503), or with null registers normally again. */
  async setRegisterFault(code: number | null): Promise<void> {
    // Deleting a key that is not there answers 404: no fault is what we wanted.
    if (code === null) await this.rpc('htable.delete', ['faults', 'register']).catch(() => {});
    else await this.rpc('htable.sets', ['faults', 'register', String(code)]);
  }

  /** Forget logged events (e.g. between tests sharing one lab). */
  clearLog(): void {
    this.log = [];
  }

  /** Last lines of Kamailio's stderr, for failure messages. */
  tail(lines = 40): string {
    return this.stderrTail.slice(-lines).join('\n');
  }

  /** Waits until an event satisfying `predicate` is logged. */
  async waitForEvent(predicate: (e: LabLogEvent) => boolean, timeoutMs = 10_000): Promise<LabLogEvent> {
    return waitUntil('kamailio log event', () => this.log.find(predicate), timeoutMs, 25);
  }
}

export async function startKamailio(options: KamailioOptions = {}): Promise<Kamailio> {
  const kamailio = new Kamailio(options);
  try {
    await kamailio.start();
  } catch (error) {
    await kamailio.dispose();
    throw error;
  }
  return kamailio;
}
