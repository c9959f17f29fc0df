import { browser } from 'wxt/browser';
import { createAudioSink, createMicrophone } from '../../src/engine/browser-media';
import { jssipStack } from '../../src/engine/jssip-stack';
import { SoftRing, webAudioTone } from '../../src/engine/waiting-tone';
import { broadcast } from '../../src/messaging/broadcast';
import { serve } from '../../src/messaging/server';
import { AudioSettings, documentRingtone } from '../../src/offscreen/audio-settings';
import { createOffscreenCore } from '../../src/offscreen/offscreen-core';
import { runtimePort } from '../../src/platform';

// The one softphone of the browser profile: created once per offscreen document.
function main(): void {
  const runtime = runtimePort(browser.runtime);
  const setTimer = (callback: () => void, ms: number) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  };
  const audioSettings = new AudioSettings();
  const { handlers } = createOffscreenCore({
    stack: jssipStack,
    microphone: createMicrophone(navigator.mediaDevices, navigator.permissions, audioSettings.choice('microphone')),
    audio: createAudioSink(document, audioSettings.choice('speaker'), navigator.mediaDevices),
    audioSettings,
    ringtone: documentRingtone(audioSettings, document, () => new AudioContext()),
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    setTimer,
    waitingTone: new SoftRing({ output: webAudioTone(() => new AudioContext()), setTimer }),
    defer: (callback) => void setTimeout(callback, 0),
    publish: (snapshot) => void broadcast(runtime, 'offscreen.snapshot', snapshot),
    tick: (snapshot) => void broadcast(runtime, 'offscreen.tick', snapshot),
  });
  serve(runtime, 'offscreen', handlers);
}

main();
