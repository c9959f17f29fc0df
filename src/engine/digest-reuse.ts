/**
 * Pre-emptive digest authentication for outgoing INVITEs (RFC 3261 §22.3 lets a client reuse
 * credentials for a realm on later requests). Without it every call pays one extra round trip:
 * INVITE, 407, ACK, INVITE again. With it, the INVITE carries a Proxy-Authorization computed from
 * the proxy's last challenge, with a fresh cnonce and a growing nonce count.
 *
 * Safe by construction: a server that finds the nonce stale answers 407 again and the SIP stack
 * authenticates as it always does; a server that refuses a reused digest without calling it
 * stale turns reuse off for the rest of the session, so it is never asked twice.
 */

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque: string | null;
  algorithm: string;
  /** The qop options offered, lower case; empty when the challenge names none. */
  qop: string[];
  stale: boolean;
}

export interface DigestReuseDeps {
  username: string;
  password: string;
  md5(text: string): string;
  randomToken(): string;
  now(): number;
}

/** Call-IDs remembered to tell a refusal of our digest from an ordinary challenge. */
const REMEMBERED_CALLS = 32;

/** A challenge older than this is not reused (most servers' nonces live 30 s to 5 minutes). */
export const REUSE_MAX_AGE_MS = 240_000;

/** Parses a `Digest k=v, k="v"` challenge; null when it is not a usable MD5 digest challenge. */
export function parseChallenge(header: string): DigestChallenge | null {
  const match = /^\s*Digest\s+/i.exec(header);
  if (!match) return null;
  const params = new Map<string, string>();
  const param = /([A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  const rest = header.slice(match[0].length);
  for (let m = param.exec(rest); m; m = param.exec(rest)) {
    params.set((m[1] as string).toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? ''));
  }
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  const algorithm = params.get('algorithm') ?? 'MD5';
  if (realm === undefined || !nonce || algorithm.toUpperCase() !== 'MD5') return null;
  const qop = (params.get('qop') ?? '')
    .split(',')
    .map((q) => q.trim().toLowerCase())
    .filter(Boolean);
  return { realm, nonce, opaque: params.get('opaque') ?? null, algorithm, qop, stale: params.get('stale')?.toLowerCase() === 'true' };
}

/**
 * The Call-ID and challenge of a raw `407` answering an INVITE; null for any other message.
 * Reads only the header block, and only when the status line says 407.
 */
export function inviteChallengeOf(raw: string): { callId: string; challenge: DigestChallenge } | null {
  if (!raw.startsWith('SIP/2.0 407')) return null;
  const end = raw.indexOf('\r\n\r\n');
  const lines = (end < 0 ? raw : raw.slice(0, end)).split('\r\n');
  let callId: string | null = null;
  let isInvite = false;
  let challenge: DigestChallenge | null = null;
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'call-id' || name === 'i') callId = value;
    else if (name === 'cseq') isInvite = /^\d+\s+INVITE$/i.test(value);
    else if (name === 'proxy-authenticate') challenge ??= parseChallenge(value);
  }
  return callId && isInvite && challenge ? { callId, challenge } : null;
}

export class DigestReuse {
  #challenge: DigestChallenge | null = null;
  #challengedAt = 0;
  #nonceCount = 0;
  /** Call-IDs of INVITEs that went out with a reused digest. */
  readonly #preAuthorized = new Set<string>();
  #refused = false;

  constructor(private readonly deps: DigestReuseDeps) {}

  /** False once the server has refused a reused digest: every INVITE then waits for its challenge. */
  get enabled(): boolean {
    return !this.#refused;
  }

  /** Takes note of the proxy's challenge to an INVITE. */
  noteChallenge(callId: string, challenge: DigestChallenge): void {
    if (this.#preAuthorized.delete(callId) && !challenge.stale) {
      this.#refused = true;
      this.#challenge = null;
      return;
    }
    if (this.#challenge?.nonce !== challenge.nonce) this.#nonceCount = 0;
    this.#challenge = challenge;
    this.#challengedAt = this.deps.now();
  }

  /** The connection to the proxy changed: its challenges no longer apply. */
  reset(): void {
    this.#challenge = null;
    this.#preAuthorized.clear();
  }

  /** A Proxy-Authorization value for a new INVITE, or null to send it without one. */
  authorize(request: { method: string; ruri: string; callId: string }): string | null {
    const c = this.#challenge;
    if (!c || this.#refused || request.method !== 'INVITE') return null;
    if (this.deps.now() - this.#challengedAt > REUSE_MAX_AGE_MS) return null;
    const qop = c.qop.length === 0 ? null : c.qop.includes('auth') ? 'auth' : undefined;
    if (qop === undefined) return null; // only auth-int offered: it needs the body, not worth it
    const { md5, username, password } = this.deps;
    const ha1 = md5(`${username}:${c.realm}:${password}`);
    const ha2 = md5(`INVITE:${request.ruri}`);
    const parts = [`algorithm=MD5`, `username=${quote(username)}`, `realm=${quote(c.realm)}`, `nonce=${quote(c.nonce)}`, `uri=${quote(request.ruri)}`];
    let response: string;
    if (qop) {
      this.#nonceCount += 1;
      const nc = this.#nonceCount.toString(16).padStart(8, '0');
      const cnonce = this.deps.randomToken();
      response = md5(`${ha1}:${c.nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
      parts.push(`response="${response}"`);
      if (c.opaque !== null) parts.push(`opaque=${quote(c.opaque)}`);
      parts.push(`qop=${qop}`, `cnonce="${cnonce}"`, `nc=${nc}`);
    } else {
      response = md5(`${ha1}:${c.nonce}:${ha2}`);
      parts.push(`response="${response}"`);
      if (c.opaque !== null) parts.push(`opaque=${quote(c.opaque)}`);
    }
    this.#preAuthorized.add(request.callId);
    if (this.#preAuthorized.size > REMEMBERED_CALLS) {
      const oldest = this.#preAuthorized.values().next().value;
      if (oldest !== undefined) this.#preAuthorized.delete(oldest);
    }
    return `Digest ${parts.join(', ')}`;
  }
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}
