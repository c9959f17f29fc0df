import type { SoftphoneEngine } from '../engine/engine';
import type { Handlers } from '../messaging/server';
import type { AudioSettings } from './audio-settings';
import type { CallHistory } from './call-history';
import type { SnapshotComposer } from './snapshot-composer';

/** The offscreen document's side of the contract: a thin mapping onto the engine and the snapshot. */
export function createOffscreenHandlers(
  engine: SoftphoneEngine,
  composer: SnapshotComposer,
  history: CallHistory,
  audio?: AudioSettings,
): Handlers<'offscreen'> {
  return {
    'offscreen.ping': () => ({ engineId: composer.id, configured: engine.configured }),
    'offscreen.configure': async ({ account, signIn, instanceId }) => {
      // The agent's state of the previous document comes back before the new sign-in moves it.
      await engine.agentRestored;
      engine.configure(account, signIn, instanceId);
      return composer.snapshot();
    },
    'offscreen.dial': async ({ target, shown, origin, callData }) => {
      const call = await engine.dial(target, shown, origin, callData);
      return { callId: call.id, call };
    },
    'offscreen.callControl': async (control) => {
      const data = control.command === 'DTMF' ? control.digits : 'target' in control ? control.target : undefined;
      await engine.command(control.callId, control.command, data);
      return null;
    },
    'offscreen.getSnapshot': () => composer.snapshot(),
    'offscreen.callStats': ({ callId }) => engine.callStats(callId),
    'offscreen.setAgentState': (request) => {
      engine.setAgentState(request.command, request.command === 'NOT_READY' ? request.reason : undefined);
      return null;
    },
    'offscreen.history': (query) => history.page(query, engine.historySettings.maskNumbers),
    'offscreen.clearHistory': async () => {
      await history.clear();
      return null;
    },
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
    'offscreen.recoverCalls': ({ calls }) => {
      engine.recoverCalls(calls);
      return null;
    },
    'offscreen.setUpdateWaiting': ({ waiting }) => {
      composer.setUpdateWaiting(waiting);
      return null;
    },
  };
}
