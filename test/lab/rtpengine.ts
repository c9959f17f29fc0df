import { type ChildProcess, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freeUdpPort, waitUntil } from './ports.ts';
import { own, reapOrphanDirs, recordOwner, terminate } from './proc.ts';

export interface RtpEngineOptions {
  /** Print rtpengine's log to the test's stderr as it arrives. */
  echo?: boolean;
}

/**
 * Debian's rtpengine (package rtpengine-daemon) as a userspace media relay on 127.0.0.1: no
 * kernel module (`--table=-1`), no config file, no syslog, foreground, stopped by pid. Kamailio's
 * rtpengine module drives it over the NG protocol on `ngPort`.
 */
export class RtpEngine {
  readonly dir: string;
  ngPort = 0;
  private child: ChildProcess | undefined;
  private logStream: WriteStream | undefined;
  private lines: string[] = [];
  private partial = '';

  constructor(readonly options: RtpEngineOptions = {}) {
    reapOrphanDirs('dialbar-rtpengine-');
    this.dir = mkdtempSync(path.join(tmpdir(), 'dialbar-rtpengine-'));
    recordOwner(this.dir, undefined);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get logFile(): string {
    return path.join(this.dir, 'rtpengine.log');
  }

  /** Every log line so far (rtpengine logs calls, ICE, DTLS and DTMF events here). */
  log(): string[] {
    return [...this.lines];
  }

  tail(count = 40): string {
    return this.lines.slice(-count).join('\n');
  }

  private onOutput(chunk: Buffer): void {
    this.logStream?.write(chunk);
    const lines = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      this.lines.push(line);
      if (this.lines.length > 5000) this.lines.shift();
      if (this.options.echo) process.stderr.write(`[rtpengine] ${line}\n`);
    }
  }

  async start(): Promise<void> {
    if (this.running) throw new Error('rtpengine already running');
    this.ngPort = await freeUdpPort();
    // A random block of media ports, so runs on the host's loopback (no namespace) rarely meet.
    const portMin = 20_000 + Math.floor(Math.random() * 400) * 100;
    this.logStream ??= createWriteStream(this.logFile, { flags: 'a' }).on('error', () => {});
    const args = [
      '--config-file=none',
      '--table=-1',
      '--foreground',
      '--log-stderr',
      '--log-level=6',
      '--interface=127.0.0.1',
      `--listen-ng=127.0.0.1:${this.ngPort}`,
      `--port-min=${portMin}`,
      `--port-max=${portMin + 99}`,
      `--pidfile=${path.join(this.dir, 'rtpengine.pid')}`,
      '--num-threads=2',
      '--delete-delay=0',
    ];
    const child = spawn('rtpengine', args, { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child = child;
    if (child.pid !== undefined) own(child.pid);
    recordOwner(this.dir, child.pid);
    child.stdout?.on('data', (chunk: Buffer) => this.onOutput(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.onOutput(chunk));
    const died = new Promise<never>((_, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => reject(new Error(`rtpengine exited during start (${code ?? signal})`)));
    });
    died.catch(() => {});
    try {
      await Promise.race([died, waitUntil(`rtpengine NG ping on 127.0.0.1:${this.ngPort}`, () => this.ping(), 10_000, 20)]);
    } catch (error) {
      await this.stop();
      throw new Error(`rtpengine failed to start: ${(error as Error).message}\n${this.tail(20)}`);
    }
  }

  /** NG `ping` (bencode over UDP): true when rtpengine answers `pong`. */
  ping(timeoutMs = 150): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = dgram.createSocket('udp4');
      const cookie = `lab${process.pid}`;
      const done = (ok: boolean) => {
        clearTimeout(timer);
        socket.close();
        resolve(ok);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      socket.on('message', (message) => done(message.toString('latin1') === `${cookie} d6:result4:ponge`));
      socket.on('error', () => done(false));
      socket.send(`${cookie} d7:command4:pinge`, this.ngPort, '127.0.0.1');
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    await terminate(child, 3000);
    this.child = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    const stream = this.logStream;
    this.logStream = undefined;
    if (stream) await new Promise<void>((resolve) => stream.end(() => resolve()));
    if (!process.env.DIALBAR_LAB_KEEP) rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function startRtpEngine(options: RtpEngineOptions = {}): Promise<RtpEngine> {
  const engine = new RtpEngine(options);
  try {
    await engine.start();
  } catch (error) {
    await engine.dispose();
    throw error;
  }
  return engine;
}
