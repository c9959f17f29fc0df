import type { CallState } from '../machines/call-machine';
import type { Microphone, SipCall } from './sip-stack';

/** What the fallback reads and moves of a call record (the call book's records are these). */
export interface MicCall {
  id: string;
  state: CallState;
  sip: SipCall | null;
  mic: MediaStream | null;
}

export interface MicFallbackDeps {
  microphone: Microphone;
  calls(): Iterable<MicCall>;
  /**
   * The conference: when the call is a party of the mix, the mix takes the new stream as the
   * agent's voice and true comes back (the party's sender carries a mix, which stays).
   */
  conference: { replaceMic(id: string, stream: MediaStream): boolean } | null;
  changed(): void;
}

/** Any call holds a live microphone track (the browser's indicator is on). */
export function anyMicrophoneOpen(calls: Iterable<MicCall>): boolean {
  for (const c of calls) if (c.mic?.getAudioTracks().some((t) => t.readyState === 'live')) return true;
  return false;
}

/**
 * A microphone unplugged mid-call: the call goes on with the system default microphone. The
 * default is opened, its track takes the lost one's `enabled` (JsSIP keeps mute and hold there,
 * so both stay as they were), and it replaces the lost track on the call's sender
 * (RTCRtpSender.replaceTrack, no renegotiation), or in the conference mix for a party of it.
 * The microphone reports the fallback (the snapshot's audio notice). Returns the listener for
 * `Microphone.onLost`.
 */
export function micFallback(deps: MicFallbackDeps): (lost: MediaStream) => Promise<void> {
  const replacing = new Set<MediaStream>();
  return async (lost) => {
    const openDefault = deps.microphone.openDefault?.bind(deps.microphone);
    const owner = () => [...deps.calls()].find((c) => c.mic === lost && c.state !== 'ended' && c.sip !== null);
    if (!openDefault || !owner() || replacing.has(lost)) return;
    replacing.add(lost);
    try {
      const fresh = await openDefault();
      const call = owner(); // the call may have ended while the default opened
      const track = fresh.getAudioTracks()[0];
      if (!call?.sip || !track) return deps.microphone.close(fresh);
      track.enabled = lost.getAudioTracks()[0]?.enabled ?? true;
      call.mic = fresh;
      deps.microphone.close(lost);
      if (!deps.conference?.replaceMic(call.id, fresh)) await call.sip.replaceOutgoingTrack(track);
    } catch {
      // No microphone at all, or the call ended meanwhile: it goes on without one (silent to the far end).
    } finally {
      replacing.delete(lost);
      deps.changed();
    }
  };
}
