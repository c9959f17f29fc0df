import { diffRoutes, type Endpoint, type Route, routeKey } from './routes';

/**
 * The few Web Audio calls the mixer makes. A real `AudioContext` is one; unit tests give a fake
 * that records connections, so the routing is tested without audio.
 */
export interface MixerNode {
  connect(destination: MixerNode): unknown;
  disconnect(destination?: MixerNode): void;
}
export interface MixerGraph {
  createMediaStreamSource(stream: MediaStream): MixerNode;
  createMediaStreamDestination(): MixerNode & { readonly stream: MediaStream };
  /** The document's audio output: the agent's ear. */
  readonly destination: MixerNode;
  resume(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A local audio mixer: sources (streams) and destinations (the speakers, or a new outgoing
 * track), connected by a routing table (routes.ts). Web Audio sums what reaches one
 * destination. Changing the table connects and disconnects only what changed.
 */
export class AudioMixer {
  readonly #sources = new Map<Endpoint, MixerNode>();
  readonly #destinations = new Map<Endpoint, MixerNode>();
  #routes: Route[] = [];
  #closed = false;

  constructor(private readonly graph: MixerGraph) {
    // The offscreen document may create the context before any audio played; it must run.
    void graph.resume().catch(() => {});
  }

  /** The endpoint's voice; a new stream replaces the old one (a renegotiated remote track). */
  setSource(id: Endpoint, stream: MediaStream): void {
    this.#sources.get(id)?.disconnect();
    const node = this.graph.createMediaStreamSource(stream);
    this.#sources.set(id, node);
    for (const r of this.#routes) if (r.from === id) this.#wire(r, 'connect');
  }

  /** The endpoint hears through the document's speakers (the agent). */
  toSpeakers(id: Endpoint): void {
    this.#setDestination(id, this.graph.destination);
  }

  /** The endpoint hears a new track (a party: it replaces the microphone on that call's sender). */
  toTrack(id: Endpoint): MediaStreamTrack {
    const node = this.graph.createMediaStreamDestination();
    this.#setDestination(id, node);
    const track = node.stream.getAudioTracks()[0];
    if (!track) throw new Error('the mixer made no audio track');
    return track;
  }

  /** Replaces the routing table. */
  route(routes: readonly Route[]): void {
    const { connect, disconnect } = diffRoutes(this.#routes, routes);
    for (const r of disconnect) this.#wire(r, 'disconnect');
    this.#routes = [...new Map(routes.map((r) => [routeKey(r), r])).values()];
    for (const r of connect) this.#wire(r, 'connect');
  }

  routes(): Route[] {
    return [...this.#routes];
  }

  /** Stops every connection and the graph itself. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const node of this.#sources.values()) node.disconnect();
    this.#sources.clear();
    this.#destinations.clear();
    this.#routes = [];
    void this.graph.close().catch(() => {});
  }

  #setDestination(id: Endpoint, node: MixerNode): void {
    const old = this.#destinations.get(id);
    if (old) for (const r of this.#routes) if (r.to === id) this.#sources.get(r.from)?.disconnect(old);
    this.#destinations.set(id, node);
    for (const r of this.#routes) if (r.to === id) this.#wire(r, 'connect');
  }

  /** A route whose source or destination does not exist yet is wired when both do. */
  #wire(route: Route, how: 'connect' | 'disconnect'): void {
    const source = this.#sources.get(route.from);
    const destination = this.#destinations.get(route.to);
    if (!source || !destination || route.from === route.to) return;
    if (how === 'connect') source.connect(destination);
    else source.disconnect(destination);
  }
}
