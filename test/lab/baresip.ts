import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, type WriteStream, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freeUdpPort, waitUntil } from './ports.ts';
import { own, reapOrphanDirs, recordOwner, terminate } from './proc.ts';

/**
 * Address baresip listens on. Not 127.0.0.1: Kamailio has a port-less `alias` for 127.0.0.1, so a
 * request whose R-URI is a phone on 127.0.0.1 (the ACK and BYE to baresip's Contact) would count
 * as Kamailio's own and be swallowed. 127.0.0.2 is loopback too (all of 127/8 is on lo).
 */
export const BARESIP_HOST = '127.0.0.2';

export interface BaresipOptions {
  user: string;
  password: string;
  /** Kamailio's UDP listener, host:port (the registrar and outbound proxy). */
  registrar: string;
  /** Frequency of the sine baresip sends as its microphone (Hz). Default 440. */
  toneHz?: number;
  /** Print baresip's output to the test's stderr as it arrives. */
  echo?: boolean;
}

/** One RTP telephone-event (RFC 4733) baresip decoded: `end` is its end-of-event packet. */
export interface TelephoneEvent {
  key: string;
  end: boolean;
  /** When the line was read (Date.now()). */
  seenAt: number;
}

/**
 * Debian's baresip 1.0 as a plain-RTP phone for the lab: registers as `user` over UDP, answers
 * every call at once (menu's answermode=auto) with PCMU, sends a sine as its microphone (ausine), and
 * records what it decodes to WAV files (sndfile). Its log tells the DTMF it received: RTP
 * telephone-events as `received event: 'K' (end=0|1)`, SIP INFO as `call: received DTMF: 'K'`.
 * Started and stopped by pid, with its own config directory; nothing else of the system is used.
 */
export class Baresip {
  readonly dir: string;
  sipPort = 0;
  private child: ChildProcess | undefined;
  private logStream: WriteStream | undefined;
  private lines: Array<{ text: string; seenAt: number }> = [];
  private partial = '';

  constructor(readonly options: BaresipOptions) {
    if (!/^[A-Za-z0-9_.-]+$/.test(options.user) || /[;>"\s]/.test(options.password)) {
      throw new Error(`unsupported baresip user/password: ${options.user}`);
    }
    reapOrphanDirs('dialbar-baresip-');
    this.dir = mkdtempSync(path.join(tmpdir(), 'dialbar-baresip-'));
    recordOwner(this.dir, undefined);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Where sndfile writes `dump-<time>-enc.wav` (sent) and `-dec.wav` (received). */
  get recordingsDir(): string {
    return path.join(this.dir, 'recordings');
  }

  private writeConfig(): void {
    const { user, password, registrar } = this.options;
    const config = [
      'poll_method epoll',
      `sip_listen ${BARESIP_HOST}:${this.sipPort}`,
      'call_local_timeout 120',
      'call_max_calls 4',
      // The player only has to consume what is decoded; aubridge without a matching source does.
      'audio_player aubridge,nowhere',
      'audio_alert aubridge,nowhere',
      `audio_source ausine,${this.options.toneHz ?? 440}`,
      // ausine makes stereo only; baresip resamples to the call's codec.
      'ausrc_srate 48000',
      'auplay_srate 48000',
      'ausrc_channels 2',
      'auplay_channels 2',
      'audio_level no',
      'rtcp_mux no',
      'jitter_buffer_delay 1-10',
      'rtp_stats no',
      `net_interface ${BARESIP_HOST}`,
      'module_path /usr/lib/baresip/modules',
      'module g711.so',
      'module sndfile.so',
      'module ausine.so',
      'module aubridge.so',
      'module_tmp account.so',
      'module_app menu.so',
      `snd_path ${this.recordingsDir}`,
      'menu_bell no',
      'ringback_disabled yes',
      '',
    ].join('\n');
    const account = [
      `<sip:${user}@${registrar};transport=udp>`,
      `auth_pass=${password}`,
      'answermode=auto',
      'regint=600',
      // PCMU only: with opus (48 kHz) and baresip's telephone-event/8000, Chromium sends each
      // digit as end packets only (event length counted in the wrong clock); see test/lab/README.md.
      'audio_codecs=PCMU',
      '',
    ].join(';');
    writeFileSync(path.join(this.dir, 'config'), config);
    writeFileSync(path.join(this.dir, 'accounts'), `${account}\n`);
    writeFileSync(path.join(this.dir, 'contacts'), '');
    mkdirSync(this.recordingsDir, { recursive: true });
  }

  private onOutput(chunk: Buffer): void {
    this.logStream?.write(chunk);
    const lines = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = lines.pop() ?? '';
    for (const text of lines) {
      this.lines.push({ text, seenAt: Date.now() });
      if (this.options.echo) process.stderr.write(`[baresip] ${text}\n`);
    }
  }

  /** Starts baresip and waits until its REGISTER got a 200. */
  async start(): Promise<void> {
    if (this.running) throw new Error('baresip already running');
    this.sipPort = await freeUdpPort();
    this.writeConfig();
    this.logStream ??= createWriteStream(path.join(this.dir, 'baresip.log'), { flags: 'a' }).on('error', () => {});
    const child = spawn('baresip', ['-f', this.dir], { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child = child;
    if (child.pid !== undefined) own(child.pid);
    recordOwner(this.dir, child.pid);
    child.stdout?.on('data', (chunk: Buffer) => this.onOutput(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.onOutput(chunk));
    const died = new Promise<never>((_, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => reject(new Error(`baresip exited during start (${code ?? signal})`)));
    });
    died.catch(() => {});
    try {
      await Promise.race([died, waitUntil('baresip registered', () => this.registered(), 15_000, 50)]);
    } catch (error) {
      await this.stop();
      throw new Error(`baresip failed to start: ${(error as Error).message}\n${this.tail(30)}`);
    }
  }

  /** True once a REGISTER of this account was answered 200 OK. */
  registered(): boolean {
    return this.lines.some((l) => /\b200 OK\b/.test(l.text) && l.text.includes(`${this.options.user}@`));
  }

  /** Every output line so far. */
  log(): string[] {
    return this.lines.map((l) => l.text);
  }

  tail(count = 40): string {
    return this.log().slice(-count).join('\n');
  }

  /** Forget what was logged so far (e.g. between calls). */
  clearLog(): void {
    this.lines = [];
  }

  /** When baresip logged its (latest) call as established (Date.now() of reading the line). */
  callEstablishedAt(): number | undefined {
    return this.lines.findLast((l) => /call established/i.test(l.text))?.seenAt;
  }

  /** RTP telephone-events (RFC 4733) baresip decoded, in order. */
  telephoneEvents(): TelephoneEvent[] {
    const out: TelephoneEvent[] = [];
    for (const line of this.lines) {
      const match = /received event: '(.)' \(end=(\d)\)/.exec(line.text);
      if (match?.[1] !== undefined) out.push({ key: match[1], end: match[2] === '1', seenAt: line.seenAt });
    }
    return out;
  }

  /**
   * The digits received as RTP telephone-events: one per event, counted at its start, or at its
   * end when no start was seen (baresip reports an end alone when only end packets came).
   */
  rtpDigits(): string {
    let digits = '';
    let open: string | undefined;
    for (const e of this.telephoneEvents()) {
      if (!e.end) digits += e.key;
      else if (open !== e.key) digits += e.key;
      open = e.end ? undefined : e.key;
    }
    return digits;
  }

  /** The digits received as SIP INFO (application/dtmf-relay). */
  infoDigits(): string {
    return this.lines
      .map((l) => /call: received DTMF: '(.)'/.exec(l.text)?.[1])
      .filter((key): key is string => key !== undefined)
      .join('');
  }

  /** RMS (0..1) of the last `seconds` of what baresip decoded in its latest call (sndfile's -dec.wav). */
  receivedLevel(seconds = 1.5): number {
    const files = readdirSync(this.recordingsDir)
      .filter((f) => f.endsWith('-dec.wav'))
      .sort();
    const latest = files.at(-1);
    if (latest === undefined) return 0;
    return wavRms(readFileSync(path.join(this.recordingsDir, latest)), seconds);
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

/**
 * RMS of the last `seconds` of a 16-bit PCM WAV file, 0..1. The file may still be being written
 * (its header sizes not final): the data chunk is taken to run to the end of the file.
 */
export function wavRms(wav: Buffer, seconds: number): number {
  if (wav.length < 44 || wav.toString('ascii', 0, 4) !== 'RIFF') return 0;
  let offset = 12;
  let channels = 1;
  let rate = 8000;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      channels = wav.readUInt16LE(offset + 10);
      rate = wav.readUInt32LE(offset + 12);
    } else if (id === 'data') {
      const start = offset + 8;
      const samples = Math.floor((wav.length - start) / 2);
      const count = Math.min(samples, Math.round(seconds * rate * channels));
      if (count === 0) return 0;
      let sum = 0;
      for (let i = samples - count; i < samples; i++) {
        const s = wav.readInt16LE(start + i * 2) / 32768;
        sum += s * s;
      }
      return Math.sqrt(sum / count);
    }
    offset += 8 + size + (size % 2);
  }
  return 0;
}
