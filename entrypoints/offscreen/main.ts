import { browser } from 'wxt/browser';
import { createAudioSink, createMicrophone } from '../../src/engine/browser-media';
import { speakerMixerGraph } from '../../src/engine/conference/speaker-graph';
import { jssipStack } from '../../src/engine/jssip-stack';
import { SoftRing, webAudioTone } from '../../src/engine/waiting-tone';
import { broadcast } from '../../src/messaging/broadcast';
import { request } from '../../src/messaging/client';
import { serve } from '../../src/messaging/server';
import { createIndexedDbHistoryBackend } from '../../src/offscreen/history-idb';
import { AudioSettings, documentRingtone } from '../../src/offscreen/audio-settings';
import { createOffscreenCore } from '../../src/offscreen/offscreen-core';
import { holdWatchPort } from '../../src/offscreen/watch-port';
import { runtimePort } from '../../src/platform';
import { createIndexedDbAgentStore } from '../../src/settings/agent-store';

// The one softphone of the browser profile: created once per offscreen document.
function main(): void {
  const runtime = runtimePort(browser.runtime);
  const setTimer = (callback: () => void, ms: number) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  };
  const audioSettings = new AudioSettings();
  const { engine, handlers } = createOffscreenCore({
    stack: jssipStack,
    microphone: createMicrophone(navigator.mediaDevices, navigator.permissions, audioSettings.choice('microphone')),
    audio: createAudioSink(document, audioSettings.choice('speaker'), navigator.mediaDevices),
    audioSettings,
    ringtone: documentRingtone(audioSettings, document, () => new AudioContext(), navigator.mediaDevices),
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    setTimer,
    agentStore: createIndexedDbAgentStore(indexedDB),
    waitingTone: new SoftRing({ output: webAudioTone(() => new AudioContext()), setTimer }),
    mixerGraph: () => speakerMixerGraph(audioSettings.choice('speaker'), () => new AudioContext()),
    defer: (callback) => void setTimeout(callback, 0),
    publish: (snapshot) => void broadcast(runtime, 'offscreen.snapshot', snapshot),
    // The offscreen document cannot reach storage: the worker keeps the record in storage.session.
    keep: (record) => void request(runtime, 'background.keepEngineRecord', record).catch(() => {}),
    history: createIndexedDbHistoryBackend(indexedDB),
    tick: (snapshot) => void broadcast(runtime, 'offscreen.tick', snapshot),
  });
  serve(runtime, 'offscreen', handlers);
  holdWatchPort((name) => browser.runtime.connect({ name }), setTimer);
  // Back online: reconnect and register now, not when the reconnection backoff runs out.
  addEventListener('online', () => engine.networkOnline());
}

main();
