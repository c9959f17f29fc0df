import type { SoftphoneEngine } from '../engine/engine';
import type { Handlers } from '../messaging/server';
import type { AudioSettings } from './audio-settings';
import type { SnapshotComposer } from './snapshot-composer';

/** The offscreen document's side of the contract: a thin mapping onto the engine and the snapshot. */
export function createOffscreenHandlers(engine: SoftphoneEngine, composer: SnapshotComposer, audio?: AudioSettings): Handlers<'offscreen'> {
  return {
    'offscreen.ping': () => ({ engineId: composer.id, configured: engine.configured }),
    'offscreen.configure': ({ account, signIn, instanceId }) => {
      engine.configure(account, signIn, instanceId);
      return composer.snapshot();
    },
    'offscreen.dial': async ({ target, shown, origin, callData }) => {
      const call = await engine.dial(target, shown, origin, callData);
      return { callId: call.id, call };
    },
    'offscreen.callControl': async (control) => {
      await engine.command(control.callId, control.command, control.command === 'DTMF' ? control.digits : undefined);
      return null;
    },
    'offscreen.getSnapshot': () => composer.snapshot(),
    'offscreen.callStats': ({ callId }) => engine.callStats(callId),
    'offscreen.signIn': () => {
      engine.signIn();
      return null;
    },
    'offscreen.signOut': () => {
      engine.signOut();
      return null;
    },
    'offscreen.setAudio': (prefs) => {
      audio?.set(prefs);
      return null;
    },
    'offscreen.awaitRegistration': ({ timeoutMs }) => engine.awaitRegistration(timeoutMs),
  };
}
