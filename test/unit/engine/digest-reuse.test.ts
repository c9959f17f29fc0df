import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DigestReuse, inviteChallengeOf, parseChallenge, REUSE_MAX_AGE_MS } from '../../../src/engine/digest-reuse';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

function reuse(options: { now?: () => number } = {}) {
  let token = 0;
  return new DigestReuse({
    username: 'agent',
    password: 'secret',
    md5,
    randomToken: () => `cnonce${++token}`,
    now: options.now ?? (() => 1_000),
  });
}

const CHALLENGE = 'Digest realm="127.0.0.1", nonce="abc123", qop="auth,auth-int", opaque="op\\"q", algorithm=MD5';
const INVITE = { method: 'INVITE', ruri: 'sip:customer@127.0.0.1', callId: 'call-2' };

function params(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.slice('Digest '.length).matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    out[m[1] as string] = (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
  }
  return out;
}

describe('parseChallenge', () => {
  it('reads quoted and bare parameters, the qop list and stale', () => {
    expect(parseChallenge(`${CHALLENGE}, stale=TRUE`)).toEqual({
      realm: '127.0.0.1',
      nonce: 'abc123',
      opaque: 'op"q',
      algorithm: 'MD5',
      qop: ['auth', 'auth-int'],
      stale: true,
    });
    expect(parseChallenge('Digest realm="r", nonce="n"')).toMatchObject({ qop: [], opaque: null, stale: false, algorithm: 'MD5' });
  });

  it('refuses what it cannot answer: other schemes, other algorithms, no nonce', () => {
    expect(parseChallenge('Basic realm="r"')).toBeNull();
    expect(parseChallenge('Digest realm="r", nonce="n", algorithm=SHA-256')).toBeNull();
    expect(parseChallenge('Digest realm="r"')).toBeNull();
  });
});

describe('inviteChallengeOf', () => {
  const reply = (status: string, cseq: string) =>
    `SIP/2.0 ${status}\r\nVia: SIP/2.0/WSS x;branch=z9hG4bK1\r\ni: call-1\r\nCSeq: ${cseq}\r\nProxy-Authenticate: ${CHALLENGE}\r\nContent-Length: 0\r\n\r\n`;

  it('takes the Call-ID and challenge of a 407 to an INVITE (compact Call-ID too)', () => {
    expect(inviteChallengeOf(reply('407 Proxy Authentication Required', '1 INVITE'))).toMatchObject({
      callId: 'call-1',
      challenge: { nonce: 'abc123' },
    });
  });

  it('ignores other statuses, other methods and requests', () => {
    expect(inviteChallengeOf(reply('401 Unauthorized', '1 INVITE'))).toBeNull();
    expect(inviteChallengeOf(reply('407 Proxy Authentication Required', '2 MESSAGE'))).toBeNull();
    expect(inviteChallengeOf('INVITE sip:agent@x SIP/2.0\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\r\n')).toBeNull();
  });
});

describe('DigestReuse', () => {
  it('sends nothing before the proxy has challenged an INVITE', () => {
    expect(reuse().authorize(INVITE)).toBeNull();
  });

  it('answers the last challenge with an RFC 2617 qop=auth digest and a growing nonce count', () => {
    const digests = reuse();
    digests.noteChallenge('call-1', parseChallenge(CHALLENGE)!);
    const first = params(digests.authorize(INVITE)!);
    const ha1 = md5('agent:127.0.0.1:secret');
    const ha2 = md5('INVITE:sip:customer@127.0.0.1');
    expect(first).toEqual({
      algorithm: 'MD5',
      username: 'agent',
      realm: '127.0.0.1',
      nonce: 'abc123',
      uri: 'sip:customer@127.0.0.1',
      response: md5(`${ha1}:abc123:00000001:cnonce1:auth:${ha2}`),
      opaque: 'op"q',
      qop: 'auth',
      cnonce: 'cnonce1',
      nc: '00000001',
    });
    const second = params(digests.authorize({ ...INVITE, callId: 'call-3' })!);
    expect(second.nc).toBe('00000002');
    expect(second.cnonce).toBe('cnonce2');
    expect(second.response).toBe(md5(`${ha1}:abc123:00000002:cnonce2:auth:${ha2}`));
  });

  it('uses the RFC 2069 form when the challenge offers no qop, and nothing when only auth-int is offered', () => {
    const digests = reuse();
    digests.noteChallenge('c', parseChallenge('Digest realm="r", nonce="n"')!);
    const p = params(digests.authorize(INVITE)!);
    expect(p.response).toBe(md5(`${md5('agent:r:secret')}:n:${md5('INVITE:sip:customer@127.0.0.1')}`));
    expect(p.qop).toBeUndefined();
    digests.noteChallenge('d', parseChallenge('Digest realm="r", nonce="m", qop="auth-int"')!);
    expect(digests.authorize(INVITE)).toBeNull();
  });

  it('starts the nonce count again for a new nonce', () => {
    const digests = reuse();
    digests.noteChallenge('c1', parseChallenge(CHALLENGE)!);
    digests.authorize(INVITE);
    digests.noteChallenge('c2', parseChallenge(CHALLENGE.replace('abc123', 'def456'))!);
    expect(params(digests.authorize(INVITE)!).nc).toBe('00000001');
  });

  it('only for INVITE, and not with a challenge older than the reuse limit or from a dropped connection', () => {
    let now = 0;
    const digests = reuse({ now: () => now });
    digests.noteChallenge('c', parseChallenge(CHALLENGE)!);
    expect(digests.authorize({ ...INVITE, method: 'MESSAGE' })).toBeNull();
    now = REUSE_MAX_AGE_MS + 1;
    expect(digests.authorize(INVITE)).toBeNull();
    digests.noteChallenge('c', parseChallenge(CHALLENGE)!);
    expect(digests.authorize(INVITE)).not.toBeNull();
    digests.reset();
    expect(digests.authorize(INVITE)).toBeNull();
  });

  it('keeps reusing after a stale answer, and stops for good when the server refuses a reused digest', () => {
    const digests = reuse();
    digests.noteChallenge('call-1', parseChallenge(CHALLENGE)!);
    digests.authorize({ ...INVITE, callId: 'call-2' });
    // The nonce expired: the server says so, and the new challenge is used next time.
    digests.noteChallenge('call-2', parseChallenge(`${CHALLENGE.replace('abc123', 'fresh')}, stale=true`)!);
    expect(params(digests.authorize({ ...INVITE, callId: 'call-3' })!).nonce).toBe('fresh');
    expect(digests.enabled).toBe(true);
    // A plain challenge to an INVITE we pre-authorized: this server does not take reused digests.
    digests.noteChallenge('call-3', parseChallenge(CHALLENGE)!);
    expect(digests.enabled).toBe(false);
    expect(digests.authorize({ ...INVITE, callId: 'call-4' })).toBeNull();
    digests.noteChallenge('call-4', parseChallenge(CHALLENGE)!);
    expect(digests.authorize({ ...INVITE, callId: 'call-5' })).toBeNull();
  });

  it('a challenge to an INVITE it did not pre-authorize is just a new challenge', () => {
    const digests = reuse();
    digests.noteChallenge('call-1', parseChallenge(CHALLENGE)!);
    digests.noteChallenge('call-9', parseChallenge(CHALLENGE)!);
    expect(digests.enabled).toBe(true);
    expect(digests.authorize(INVITE)).not.toBeNull();
  });
});
