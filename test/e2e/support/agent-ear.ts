/**
 * What the agent hears: the audio the offscreen document plays out, measured inside it through
 * CDP (headless Chromium's speakers are a null sink, so nothing outside the document can listen).
 * Two ways audio leaves that document, both tapped by this probe without changing the extension:
 * - Web Audio (the conference mix): every connection to an `AudioDestinationNode` is also made to
 *   an analyser of the same context (`AudioNode.prototype.connect`/`disconnect` are wrapped, so
 *   the probe must be installed before the mix starts);
 * - `<audio>` elements (an ordinary call): each element's stream is analysed, and counts only
 *   while the element really plays it (not muted, not paused, volume above 0).
 * Levels are RMS of 2048 samples, taken every 50 ms; `level(ms)` is the largest of a window.
 */
import type { CdpTarget } from '../../lab/browser';

export interface EarLevels {
  /** What reaches the speakers through Web Audio (the conference mix, a ring tone). */
  mix: number;
  /** What audible `<audio>` elements play (ordinary calls). */
  elements: number;
}

/** Runs inside the offscreen document: sends no message, changes no extension state. */
function installProbe(): boolean {
  type Probe = { level(windowMs: number): { mix: number; elements: number } };
  const g = globalThis as unknown as { __dialbarEar?: Probe };
  if (g.__dialbarEar) return false;
  const connect = AudioNode.prototype.connect as (this: AudioNode, ...args: unknown[]) => unknown;
  const disconnect = AudioNode.prototype.disconnect as (this: AudioNode, ...args: unknown[]) => unknown;
  const mixTaps = new Map<BaseAudioContext, AnalyserNode>();
  const tapOf = (context: BaseAudioContext): AnalyserNode => {
    let tap = mixTaps.get(context);
    if (!tap) {
      tap = context.createAnalyser();
      tap.fftSize = 2048;
      // A node whose inputs all left stops being processed and keeps its last samples: a silent
      // source keeps the tap reading the present.
      const keepAlive = context.createConstantSource();
      keepAlive.offset.value = 0;
      connect.call(keepAlive, tap);
      keepAlive.start();
      mixTaps.set(context, tap);
    }
    return tap;
  };
  AudioNode.prototype.connect = function (this: AudioNode, ...args: unknown[]) {
    const result = connect.apply(this, args);
    const [to] = args;
    if (to instanceof AudioDestinationNode) connect.call(this, tapOf(to.context));
    return result;
  } as typeof AudioNode.prototype.connect;
  AudioNode.prototype.disconnect = function (this: AudioNode, ...args: unknown[]) {
    const result = disconnect.apply(this, args);
    const [from] = args;
    if (from instanceof AudioDestinationNode) {
      try {
        disconnect.call(this, tapOf(from.context));
      } catch {
        // was not connected to the tap
      }
    }
    return result;
  } as typeof AudioNode.prototype.disconnect;

  // The elements' streams are analysed in a context of the probe's own, never connected to a speaker.
  const own = new AudioContext();
  void own.resume();
  const elementTaps = new Map<HTMLMediaElement, { stream: MediaStream; tap: AnalyserNode; source: AudioNode }>();
  const samples = new Float32Array(2048);
  const rms = (tap: AnalyserNode): number => {
    tap.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    return Math.sqrt(sum / samples.length);
  };
  let history: Array<{ at: number; mix: number; elements: number }> = [];
  setInterval(() => {
    let mix = 0;
    for (const [context, tap] of mixTaps) if (context.state === 'running') mix = Math.max(mix, rms(tap));
    let elements = 0;
    for (const element of document.querySelectorAll('audio')) {
      const stream = element.srcObject instanceof MediaStream ? element.srcObject : null;
      const known = elementTaps.get(element);
      if (known && known.stream !== stream) {
        disconnect.call(known.source);
        elementTaps.delete(element);
      }
      if (!stream || stream.getAudioTracks().length === 0) continue;
      let entry = elementTaps.get(element);
      if (!entry) {
        const source = own.createMediaStreamSource(stream);
        const tap = own.createAnalyser();
        tap.fftSize = 2048;
        connect.call(source, tap);
        entry = { stream, tap, source };
        elementTaps.set(element, entry);
      }
      const plays = !element.muted && !element.paused && element.volume > 0;
      if (plays) elements = Math.max(elements, rms(entry.tap) * element.volume);
    }
    const at = performance.now();
    history.push({ at, mix, elements });
    history = history.filter((h) => h.at > at - 10_000);
  }, 50);
  g.__dialbarEar = {
    level(windowMs) {
      const since = performance.now() - windowMs;
      const out = { mix: 0, elements: 0 };
      for (const h of history) {
        if (h.at < since) continue;
        out.mix = Math.max(out.mix, h.mix);
        out.elements = Math.max(out.elements, h.elements);
      }
      return out;
    },
  };
  return true;
}

export interface AgentEar {
  /** The largest levels played out over the last `windowMs`. */
  level(windowMs?: number): Promise<EarLevels>;
  detach(): Promise<void>;
}

/** Installs the probe in the offscreen document (before a conference starts) and returns its reader. */
export async function agentEar(offscreen: CdpTarget): Promise<AgentEar> {
  await offscreen.evaluate(installProbe);
  return {
    level: (windowMs = 1_500) =>
      offscreen.evaluate((ms: number) => (globalThis as unknown as { __dialbarEar: { level(ms: number): EarLevels } }).__dialbarEar.level(ms), windowMs),
    detach: () => offscreen.detach(),
  };
}
