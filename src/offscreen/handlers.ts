import type { SoftphoneEngine } from '../engine/engine';
import type { Handlers } from '../messaging/server';

/** The offscreen document's side of the contract: a thin mapping onto the engine. */
export function createOffscreenHandlers(engine: SoftphoneEngine): Handlers<'offscreen'> {
  return {
    'offscreen.ping': () => ({ engineId: engine.engineId, configured: engine.configured }),
    'offscreen.configure': ({ account, signIn, instanceId }) => engine.configure(account, signIn, instanceId),
    'offscreen.dial': async ({ target, shown, origin }) => {
      const call = await engine.dial(target, shown, origin);
      return { callId: call.id, call };
    },
    'offscreen.callControl': async ({ callId, command }) => {
      await engine.command(callId, command);
      return null;
    },
    'offscreen.getSnapshot': () => engine.snapshot(),
    'offscreen.callStats': ({ callId }) => engine.callStats(callId),
    'offscreen.signIn': () => {
      engine.signIn();
      return null;
    },
    'offscreen.signOut': () => {
      engine.signOut();
      return null;
    },
    'offscreen.awaitRegistration': ({ timeoutMs }) => engine.awaitRegistration(timeoutMs),
  };
}
