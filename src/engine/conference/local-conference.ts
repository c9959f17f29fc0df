import type { SipCall } from '../sip-stack';
import { AudioMixer, type MixerGraph } from './mixer';
import { AGENT, conferenceRoutes } from './routes';

/** One remote party of the conference: its call, and the voice the far end sends us. */
export interface ConferenceParty {
  id: string;
  sip: SipCall;
  /** The party's remote stream; null until it arrives (then `setVoice`). */
  voice: MediaStream | null;
  /** The call's own microphone, put back on its sender when the conference ends. */
  mic: MediaStream | null;
}

/**
 * A three-way call mixed in the offscreen document: each party's outgoing track becomes a mix
 * of the agent and the other party, and the agent hears both through the speakers. The agent's
 * mute is a different routing table, never a disabled sender track (that would silence the
 * other party too). The call book starts one when two calls are in conference and ends it when
 * one leaves.
 */
export class LocalConference {
  readonly #mixer: AudioMixer;
  readonly #parties: ConferenceParty[];
  /** The microphone the agent speaks into the mix (one call's: every call opened the same device). */
  #agentMic: MediaStream | null;
  #muted: boolean;

  constructor(graph: MixerGraph, parties: ConferenceParty[], muted: boolean) {
    this.#mixer = new AudioMixer(graph);
    this.#parties = parties;
    this.#muted = muted;
    this.#agentMic = parties.find((p) => p.mic?.getAudioTracks().some((t) => t.readyState === 'live'))?.mic ?? null;
    if (this.#agentMic) this.#mixer.setSource(AGENT, this.#agentMic);
    this.#mixer.toSpeakers(AGENT);
    for (const party of parties) if (party.voice) this.#mixer.setSource(party.id, party.voice);
    this.#route();
  }

  /**
   * Puts each party's mix on its call. The JsSIP-level mute is lifted first: the agent's mute
   * lives in the routing table while mixed. Once no sender carries the microphone track, JsSIP
   * (which disables sender tracks for hold and mute) no longer touches it, so it is enabled here.
   */
  async start(): Promise<void> {
    await Promise.all(
      this.#parties.map((party) => {
        party.sip.setMuted(false);
        return party.sip.replaceOutgoingTrack(this.#mixer.toTrack(party.id));
      }),
    );
    for (const track of this.#agentMic?.getAudioTracks() ?? []) track.enabled = true;
  }

  /** The routing table now (for tests and diagnostics). */
  routes() {
    return this.#mixer.routes();
  }

  get muted(): boolean {
    return this.#muted;
  }

  setMuted(muted: boolean): void {
    this.#muted = muted;
    this.#route();
  }

  /** A party's remote stream arrived or was replaced. */
  setVoice(id: string, stream: MediaStream): void {
    const party = this.#parties.find((p) => p.id === id);
    if (!party) return;
    party.voice = stream;
    this.#mixer.setSource(id, stream);
  }

  /**
   * A party's microphone was replaced (the device went away mid-call): it goes back on that
   * call's sender when the mix ends, and when it was the agent's voice in the mix (or that voice
   * is gone), the mix speaks the new one. Enabled: while mixed, mute is the routing table's.
   */
  setMic(id: string, stream: MediaStream): void {
    const party = this.#parties.find((p) => p.id === id);
    if (!party) return;
    const old = party.mic;
    party.mic = stream;
    const agentGone = !this.#agentMic?.getAudioTracks().some((t) => t.readyState === 'live');
    if (this.#agentMic !== old && !agentGone) return;
    this.#agentMic = stream;
    for (const track of stream.getAudioTracks()) track.enabled = true;
    this.#mixer.setSource(AGENT, stream);
  }

  /**
   * Ends the mix. Each party still on the line (`stay`) gets its own microphone track back and
   * the JsSIP-level mute its call's region says.
   */
  async end(stay: ReadonlyArray<{ id: string; muted: boolean }>): Promise<void> {
    this.#mixer.close();
    await Promise.all(
      stay.map(async ({ id, muted }) => {
        const party = this.#parties.find((p) => p.id === id);
        const track = party?.mic?.getAudioTracks()[0];
        if (!party || !track) return;
        await party.sip.replaceOutgoingTrack(track);
        party.sip.setMuted(muted);
      }),
    );
  }

  #route(): void {
    this.#mixer.route(conferenceRoutes(this.#parties.map((p) => p.id), { muted: this.#muted }));
  }
}
