import { describe, expect, it } from 'vitest';
import { AudioMixer } from '../../../src/engine/conference/mixer';
import { AGENT, conferenceRoutes, diffRoutes, type Route } from '../../../src/engine/conference/routes';
import { FakeAudioGraph } from '../../fakes/fake-audio-graph';
import { fakeStream } from '../../fakes/fake-sip-stack';

const pairs = (routes: Route[]) => routes.map((r) => `${r.from}→${r.to}`).sort();

describe('conference routing table', () => {
  it('each party hears the agent and the other party, the agent hears both, nobody hears themselves', () => {
    expect(pairs(conferenceRoutes(['A', 'B'], { muted: false }))).toEqual(['A→B', 'A→agent', 'B→A', 'B→agent', 'agent→A', 'agent→B'].sort());
  });

  it('muted: the agent reaches no party and still hears both', () => {
    expect(pairs(conferenceRoutes(['A', 'B'], { muted: true }))).toEqual(['A→B', 'A→agent', 'B→A', 'B→agent'].sort());
  });

  it('one party left: only the agent and that party (no party hears itself)', () => {
    expect(pairs(conferenceRoutes(['A'], { muted: false }))).toEqual(['A→agent', 'agent→A']);
  });

  it('a table change connects and disconnects only the difference', () => {
    const before = conferenceRoutes(['A', 'B'], { muted: false });
    const after = conferenceRoutes(['A', 'B'], { muted: true });
    expect(diffRoutes(before, after)).toEqual({ connect: [], disconnect: [{ from: AGENT, to: 'A' }, { from: AGENT, to: 'B' }] });
  });
});

describe('the mixer graph on a fake AudioContext', () => {
  function conference() {
    const graph = new FakeAudioGraph();
    const mixer = new AudioMixer(graph);
    mixer.setSource(AGENT, fakeStream('mic'));
    mixer.setSource('A', fakeStream('voice A'));
    mixer.setSource('B', fakeStream('voice B'));
    mixer.toSpeakers(AGENT);
    const toA = mixer.toTrack('A');
    const toB = mixer.toTrack('B');
    return { graph, mixer, toA, toB };
  }

  it('wires exactly the table: A gets the agent and B, B gets the agent and A, the speakers get A and B', () => {
    const { graph, mixer, toA, toB } = conference();
    mixer.route(conferenceRoutes(['A', 'B'], { muted: false }));
    expect(graph.heardThrough(toA)).toEqual(['mic', 'voice B']);
    expect(graph.heardThrough(toB)).toEqual(['mic', 'voice A']);
    expect(graph.heardBy(graph.destination)).toEqual(['voice A', 'voice B']);
    expect(graph.resumed).toBe(1);
  });

  it('mute takes the microphone out of both mixes and leaves the parties and the speakers; unmute puts it back', () => {
    const { graph, mixer, toA, toB } = conference();
    mixer.route(conferenceRoutes(['A', 'B'], { muted: false }));
    mixer.route(conferenceRoutes(['A', 'B'], { muted: true }));
    expect(graph.heardThrough(toA)).toEqual(['voice B']);
    expect(graph.heardThrough(toB)).toEqual(['voice A']);
    expect(graph.heardBy(graph.destination)).toEqual(['voice A', 'voice B']);
    mixer.route(conferenceRoutes(['A', 'B'], { muted: false }));
    expect(graph.heardThrough(toA)).toEqual(['mic', 'voice B']);
  });

  it('after B leaves (the table without B), A hears only the agent and B reaches nobody', () => {
    const { graph, mixer, toA, toB } = conference();
    mixer.route(conferenceRoutes(['A', 'B'], { muted: false }));
    mixer.route(conferenceRoutes(['A'], { muted: false }));
    expect(graph.heardThrough(toA)).toEqual(['mic']);
    expect(graph.heardThrough(toB)).toEqual([]);
    expect(graph.heardBy(graph.destination)).toEqual(['voice A']);
  });

  it('a source that arrives later (or is replaced) is wired by the table already set', () => {
    const graph = new FakeAudioGraph();
    const mixer = new AudioMixer(graph);
    mixer.toSpeakers(AGENT);
    const toA = mixer.toTrack('A');
    mixer.route(conferenceRoutes(['A', 'B'], { muted: false }));
    expect(graph.heardThrough(toA)).toEqual([]);
    mixer.setSource('B', fakeStream('voice B'));
    mixer.setSource(AGENT, fakeStream('mic'));
    expect(graph.heardThrough(toA)).toEqual(['mic', 'voice B']);
    mixer.setSource('B', fakeStream('voice B'));
    expect(graph.sources.filter((s) => s.label === 'voice B')[0]?.outputs.size).toBe(0);
    expect(graph.heardThrough(toA)).toEqual(['mic', 'voice B']);
  });

  it('close disconnects every source and closes the context', () => {
    const { graph, mixer, toA } = conference();
    mixer.route(conferenceRoutes(['A', 'B'], { muted: false }));
    mixer.close();
    expect(graph.closed).toBe(true);
    expect(graph.sources.every((s) => s.outputs.size === 0)).toBe(true);
    expect(graph.heardThrough(toA)).toEqual([]);
    expect(mixer.routes()).toEqual([]);
  });
});
