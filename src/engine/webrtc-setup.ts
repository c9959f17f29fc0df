import type { IceServer } from '../settings/account';

/** Peer-connection details of call set-up that need no JsSIP (jssip-stack.ts uses them). */

export function toRtcIceServers(servers: readonly IceServer[]): RTCIceServer[] {
  return servers.map((s) => ({ urls: s.urls, ...(s.username ? { username: s.username } : {}), ...(s.credential ? { credential: s.credential } : {}) }));
}

/** With STUN/TURN configured, an offer waits for a server-reflexive or relay candidate. */
export function usableCandidate(type: RTCIceCandidateType | null, haveIceServers: boolean): boolean {
  return !haveIceServers || type === 'srflx' || type === 'relay';
}

/**
 * A warm connection has its usable candidates already, but may still be gathering (a TCP
 * candidate): JsSIP would wait for the next candidate event. Its own flag for "gathering is
 * finished enough" (set when an 'icecandidate' handler calls ready()) tells it not to. Should a
 * JsSIP version lack the flag, it simply waits as it would for a new connection.
 */
export function iceAlreadyReady(session: object): void {
  const flags = session as unknown as { _iceReady?: unknown };
  if (typeof flags._iceReady === 'boolean') flags._iceReady = true;
}

/**
 * Runs `call` with `pc` standing in for the next `new RTCPeerConnection()`: JsSIP builds its
 * connection synchronously inside UA.call() and offers no other way to hand it one.
 */
export function withPeerConnection<T>(pc: RTCPeerConnection | undefined, call: () => T): T {
  if (!pc) return call();
  const scope = globalThis as { RTCPeerConnection: typeof RTCPeerConnection };
  const original = scope.RTCPeerConnection;
  scope.RTCPeerConnection = function WarmPeerConnection() {
    return pc;
  } as unknown as typeof RTCPeerConnection;
  try {
    return call();
  } catch (error) {
    pc.close(); // no call was made on it
    throw error;
  } finally {
    scope.RTCPeerConnection = original;
  }
}

