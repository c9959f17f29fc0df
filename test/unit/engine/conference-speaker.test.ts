import { describe, expect, it } from 'vitest';
import { AudioMixer } from '../../../src/engine/conference/mixer';
import { AGENT, conferenceRoutes } from '../../../src/engine/conference/routes';
import { type SpeakerContext, speakerMixerGraph } from '../../../src/engine/conference/speaker-graph';
import { FakeAudioGraph, FakeNode } from '../../fakes/fake-audio-graph';
import { fakeStream } from '../../fakes/fake-sip-stack';

/** The fake graph plus a gain node and `setSinkId`, which fails for devices not in `present`. */
class FakeSpeakerContext extends FakeAudioGraph implements SpeakerContext {
  readonly sinks: string[] = [];
  gains: Array<FakeNode & { gain: { value: number } }> = [];
  constructor(private readonly present: string[]) {
    super();
  }
  createGain() {
    const node = Object.assign(new FakeNode('volume'), { gain: { value: 1 } });
    this.gains.push(node);
    return node;
  }
  async setSinkId(id: string): Promise<void> {
    this.sinks.push(id);
    if (id !== '' && !this.present.includes(id)) throw new DOMException('no such device', 'NotFoundError');
  }
}

function setUp(deviceId: string, present: string[]) {
  const context = new FakeSpeakerContext(present);
  const reported: boolean[] = [];
  const graph = speakerMixerGraph({ deviceId: () => deviceId, volume: () => 0.4, used: (chosen) => reported.push(chosen) }, () => context);
  return { context, graph, reported };
}

const settled = () => new Promise((r) => setTimeout(r, 0));

describe('the conference heard on the chosen speaker at the call volume', () => {
  it('the agent hears both parties through a gain at the call volume, which feeds the speakers', () => {
    const { context, graph } = setUp('', []);
    const mixer = new AudioMixer(graph);
    mixer.setSource('A', fakeStream('voice A'));
    mixer.setSource('B', fakeStream('voice B'));
    mixer.toSpeakers(AGENT);
    mixer.route(conferenceRoutes(['A', 'B'], { muted: false }));
    const [volume] = context.gains;
    expect(graph.destination).toBe(volume);
    expect(volume?.gain.value).toBe(0.4);
    expect(context.heardBy(volume)).toEqual(['voice A', 'voice B']);
    expect([...(volume?.outputs ?? [])]).toEqual([context.destination]);
  });

  it('plays on the chosen speaker and says it was used', async () => {
    const { context, reported } = setUp('headset', ['headset']);
    await settled();
    expect(context.sinks).toEqual(['headset']);
    expect(reported).toEqual([true]);
  });

  it('a speaker that is gone: the default plays and the fallback is reported', async () => {
    const { context, reported } = setUp('unplugged', []);
    await settled();
    expect(context.sinks).toEqual(['unplugged', '']);
    expect(reported).toEqual([false]);
  });
});
