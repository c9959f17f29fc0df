import { type CallState, callMachine, inConference, type MuteState, muteMachine } from '../../machines/call-machine';
import { canTransition, transition } from '../../machines/machine';
import type { AudioSink, SipCall } from '../sip-stack';
import { LocalConference } from './local-conference';
import type { MixerGraph } from './mixer';

/** What the keeper reads and moves of a call record (the call book's records are these). */
export interface ConferenceCall {
  id: string;
  state: CallState;
  regions: { mute: MuteState };
  sip: SipCall | null;
  mic: MediaStream | null;
  voice: MediaStream | null;
}

/**
 * The call book's part for the three-way call: it keeps the mix in step with the call states.
 * The mix starts when two calls are in conference (their mute regions agree first: muted if
 * either was) and ends when one leaves; a party left alone goes back to talking (LEAVE) with its
 * own microphone track and its own mute.
 */
export class ConferenceKeeper {
  #current: { mix: LocalConference; ids: string[] } | null = null;

  constructor(private readonly deps: { graph: () => MixerGraph; audio: AudioSink; changed(): void }) {}

  /** The call is a party of the running mix. */
  mixes(id: string): boolean {
    return this.#current?.ids.includes(id) ?? false;
  }

  /** The agent's mute in a conference is the mix's: every party's region follows. */
  mute(calls: readonly ConferenceCall[], command: 'MUTE' | 'UNMUTE'): void {
    const current = this.#current;
    if (!current) return;
    for (const r of calls.filter((c) => current.ids.includes(c.id))) {
      if (canTransition(muteMachine, r.regions.mute, command)) r.regions = { ...r.regions, mute: transition(muteMachine, r.regions.mute, command) };
    }
    current.mix.setMuted(command === 'MUTE');
  }

  /** The call's microphone was replaced (a device fallback): the mix speaks the new one; false when the call is not mixed. */
  replaceMic(id: string, stream: MediaStream): boolean {
    if (!this.mixes(id)) return false;
    this.#current?.mix.setMic(id, stream);
    return true;
  }

  /** A party's remote stream arrived (or was replaced): the mixer plays it, not its element. */
  voice(id: string, stream: MediaStream): void {
    if (!this.mixes(id)) return;
    this.deps.audio.setAudible(id, false);
    this.#current?.mix.setVoice(id, stream);
  }

  /** Called after every change of the calls; moves states only by the call machine's table. */
  settle(calls: readonly ConferenceCall[]): void {
    const members = calls.filter((r) => inConference(r.state));
    const mixed = members.filter((r) => r.state === 'conference');
    if (this.#current && mixed.length < 2) this.#stop(mixed);
    const [alone] = mixed;
    if (members.length === 1 && alone) this.#leave(alone);
    if (this.#current || mixed.length !== 2) return;
    const muted = mixed.some((r) => r.regions.mute === 'muted');
    for (const r of mixed) r.regions = { ...r.regions, mute: muted ? 'muted' : 'unmuted' };
    const parties = mixed.flatMap((r) => (r.sip ? [{ id: r.id, sip: r.sip, voice: r.voice, mic: r.mic }] : []));
    const current = { mix: new LocalConference(this.deps.graph(), parties, muted), ids: parties.map((p) => p.id) };
    this.#current = current;
    for (const r of mixed) this.deps.audio.setAudible(r.id, false);
    current.mix.start().catch(() => {
      // A sender refused the mix (the call ended meanwhile): the parties become ordinary calls.
      if (this.#current !== current) return;
      const stay = mixed.filter((r) => r.state === 'conference');
      this.#stop(stay);
      for (const r of stay) this.#leave(r);
      this.deps.changed();
    });
  }

  #stop(stay: readonly ConferenceCall[]): void {
    const mix = this.#current?.mix;
    this.#current = null;
    void mix?.end(stay.map((r) => ({ id: r.id, muted: r.regions.mute === 'muted' }))).catch(() => {});
    for (const r of stay) this.deps.audio.setAudible(r.id, true);
  }

  #leave(r: ConferenceCall): void {
    r.state = transition(callMachine, r.state, 'LEAVE');
  }
}
