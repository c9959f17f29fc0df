import type { MixerGraph, MixerNode } from '../../src/engine/conference/mixer';
import { fakeStream } from './fake-sip-stack';

/** A node of the fake graph: it records what it is connected to. */
export class FakeNode implements MixerNode {
  readonly outputs = new Set<FakeNode>();
  constructor(readonly label: string) {}
  connect(destination: MixerNode): MixerNode {
    this.outputs.add(destination as FakeNode);
    return destination;
  }
  disconnect(destination?: MixerNode): void {
    if (destination === undefined) this.outputs.clear();
    else this.outputs.delete(destination as FakeNode);
  }
}

/**
 * A fake AudioContext for the mixer: sources are labelled by the stream's track label, each
 * MediaStreamAudioDestinationNode by the track it makes, so tests ask "does the agent's
 * microphone reach the track sent to A?" without audio.
 */
export class FakeAudioGraph implements MixerGraph {
  readonly sources: FakeNode[] = [];
  readonly trackNodes = new Map<MediaStreamTrack, FakeNode>();
  readonly destination = new FakeNode('speakers');
  closed = false;
  resumed = 0;
  createMediaStreamSource(stream: MediaStream): MixerNode {
    const node = new FakeNode(stream.getAudioTracks()[0]?.label ?? '?');
    this.sources.push(node);
    return node;
  }
  createMediaStreamDestination(): MixerNode & { stream: MediaStream } {
    const stream = fakeStream(`mix-${this.trackNodes.size + 1}`);
    const node = Object.assign(new FakeNode(`out-${this.trackNodes.size + 1}`), { stream });
    const [track] = stream.getAudioTracks();
    if (track) this.trackNodes.set(track, node);
    return node;
  }
  async resume(): Promise<void> {
    this.resumed += 1;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  /** The labels of the live sources (the newest node per label) connected to `node`. */
  heardBy(node: FakeNode | undefined): string[] {
    if (!node) return [];
    const newest = new Map(this.sources.map((s) => [s.label, s]));
    return [...newest.values()].filter((s) => s.outputs.has(node)).map((s) => s.label).sort();
  }
  /** What the call sending `track` carries to its far end. */
  heardThrough(track: MediaStreamTrack | null): string[] {
    return track ? this.heardBy(this.trackNodes.get(track)) : [];
  }
}
