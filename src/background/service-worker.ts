import { onBroadcast } from '../messaging/broadcast';
import { serve } from '../messaging/server';
import type { FrameTarget, OffscreenPlatform, ServiceWorkerApi } from '../platform';
import type { AccountStore } from '../settings/account-store';
import { AUDIO_PREFS_KEY, parseAudioPrefs } from '../settings/audio-prefs';
import { createInstanceId } from '../settings/instance-id';
import { PREFS_KEY, parsePrefs } from '../settings/prefs';
import { createManagedAccountStore } from '../settings/managed-account-store';
import { managedAllowedOrigins, parseManagedPolicy } from '../settings/managed-policy';
import { PAGE_ACCESS_KEY, parsePageAccess, ruleForOrigin, withManagedOrigins } from '../settings/page-access';
import { registerCallShortcuts } from './call-shortcuts';
import { createScreenPop } from './screen-pop';
import { badgeFor, commandOfNotificationButton, syncAlerts } from './call-alerts';
import { createContentPush } from './content-push';
import { createDialRateLimit } from './dial-rate-limit';
import { createEngineLink, type EngineLink } from './engine-link';
import { detectPreview } from './detect-preview';
import { createEngineRecordStore } from './engine-record';
import { watchEngine } from './engine-watch';
import { createBackgroundHandlers } from './handlers';
import { injectPageScript, registerInjectExistingTabs } from './inject-existing-tabs';
import { followPageAccess, registeredFor } from './page-script-registration';
import { lostCallsMessage } from './lost-call-words';
import { countryFromPrefs, registerSelectionCalling, type SelectionCallingDeps, type SelectionSource } from './selection-calling';
import { createUpdateGate, type UpdateGate } from './update-gate';
import { followWorkerLanguage, problemWords, tw } from './worker-words';

export interface ServiceWorkerDeps {
  api: ServiceWorkerApi;
  offscreen: OffscreenPlatform;
  accounts: AccountStore;
  detect: SelectionCallingDeps['detect'];
  /** The browser language, read at each dial: the default country of selected numbers without +. */
  language(): string;
  newId(): string;
  sleep(ms: number): Promise<void>;
}

/**
 * The service worker: routes messages to the engine, keeps badge and notifications in line with
 * it, dials selected text and runs the keyboard commands for the current call. Every listener is
 * added before this returns, with no await in between, so a worker that an event woke hears it.
 */
export function startServiceWorker(deps: ServiceWorkerDeps): { link: EngineLink; updates: UpdateGate } {
  const { api, offscreen } = deps;
  const readManaged = async () => parseManagedPolicy(await api.managed.get());
  // Everything in the worker sees the administrator's values over the local account, and cannot save over them.
  const accounts = createManagedAccountStore(deps.accounts, readManaged);
  const { runtime, alerts } = api;
  const instanceId = createInstanceId(api.local, deps.newId);
  const records = createEngineRecordStore(api.session);
  void followWorkerLanguage({ local: api.local, localChanges: api.localChanges, language: deps.language });
  const problem = (message: string) => void alerts.showProblem(message, tw('worker.problemTitle')).catch(() => {});
  const audioPrefs = async () => parseAudioPrefs((await api.local.get(AUDIO_PREFS_KEY))[AUDIO_PREFS_KEY]);
  const link = createEngineLink({
    runtime,
    platform: offscreen,
    accounts,
    instanceId,
    audioPrefs,
    sleep: deps.sleep,
    records,
    onLostCalls: (calls) => problem(lostCallsMessage(calls)),
  });
  // An administrator's allowed origins (storage.managed) replace the person's list.
  const pageAccess = async () =>
    withManagedOrigins(parsePageAccess((await api.local.get(PAGE_ACCESS_KEY))[PAGE_ACCESS_KEY]), await managedAllowedOrigins(readManaged));
  const push = createContentPush({
    ...api.push,
    // Only origins the person allowed and consented to get the page view.
    pageOrigins: async (origins) => {
      const access = await pageAccess();
      return new Set(origins.filter((origin) => ruleForOrigin(access, origin)?.consent === true));
    },
  });
  const page = {
    access: pageAccess,
    askConsent: async (origin: string, pattern: string) => {
      await api.openPrompt?.(`/consent.html?${new URLSearchParams({ origin, pattern })}`);
    },
  };
  const scripts = api.pageScripts;
  const registration = scripts ? followPageAccess({ ...scripts, access: pageAccess, log: (where, error) => console.warn(`[dialbar] ${where}`, error) }) : null;
  if (registration) {
    const { sync } = registration;
    api.localChanges?.addListener((changes) => {
      if (PAGE_ACCESS_KEY in changes) sync();
    });
    api.managedChanges?.addListener(sync);
  }
  // A frame of an origin the registration covers gets the page script from it (at its document_idle).
  const loadPageScript = async (target: FrameTarget, origin: string | null) => {
    if (registration && origin && registeredFor(await registration.matches(), origin)) return;
    await injectPageScript(api.injection, target);
  };
  serve(runtime, 'background', createBackgroundHandlers({
    link,
    accounts,
    push,
    records,
    page,
    session: api.session,
    hasEngine: () => offscreen.hasDocument(),
    loadPageScript,
    rateLimit: createDialRateLimit({ session: api.session, now: () => Date.now() }),
    readManaged,
    localAccounts: deps.accounts,
    detectPreview: (lines, frameUrl) =>
      detectPreview(lines, frameUrl, {
        detect: deps.detect,
        prefs: async () => parsePrefs((await api.local.get(PREFS_KEY))[PREFS_KEY]),
        language: deps.language,
      }),
  }));
  const updates = createUpdateGate({
    updates: api.updates,
    session: api.session,
    snapshot: async () => ((await offscreen.hasDocument()) ? link.send('offscreen.getSnapshot', null).catch(() => null) : null),
    setWaiting: (waiting) => link.send('offscreen.setUpdateWaiting', { waiting }).catch(() => null),
  });
  watchEngine({
    api: api.watch,
    runtime,
    records,
    ensureEngine: () => link.ensureEngine('auto'),
    recovered: () => void updates.check().catch(() => {}),
    sleep: deps.sleep,
  });

  const screenPop = api.screenPop ? createScreenPop({ local: api.local, ...api.screenPop }) : null;
  onBroadcast(runtime, 'offscreen.snapshot', (snapshot) => {
    void screenPop?.relay(snapshot);
    syncAlerts(snapshot, alerts).catch(() => {
      // Badge and notifications are conveniences; a failure must not disturb the call.
    });
    updates.check(snapshot).catch(() => {});
    push.relay(snapshot).catch(() => {
      // Frames that cannot be reached are dropped by relay itself; a storage failure waits for the next snapshot.
    });
  });
  // The call timer: only the badge follows ticks (notifications and pages follow snapshots).
  onBroadcast(runtime, 'offscreen.tick', (snapshot) => {
    alerts.setBadge(badgeFor(snapshot)).catch(() => {});
  });
  api.push.onTabRemoved.addListener((tabId) => {
    push.forgetTab(tabId).catch(() => {});
  });
  // A new device choice reaches a running engine at once; a new engine gets it with its account.
  api.localChanges?.addListener((changes) => {
    const change = changes[AUDIO_PREFS_KEY];
    if (!change) return;
    void (async () => {
      if (await offscreen.hasDocument()) await link.send('offscreen.setAudio', parseAudioPrefs(change.newValue));
    })().catch(() => {});
  });
  api.notifications.onButtonClicked.addListener((id, button) => {
    const control = commandOfNotificationButton(id, button);
    if (!control) return;
    // A refused Answer (the caller gave up meanwhile) is told in a notification, not swallowed.
    link.withEngine(() => link.send('offscreen.callControl', control), 'auto').catch((error: unknown) => problem(problemWords(error)));
    alerts.clear(id).catch(() => {});
  });

  const dial = (number: string, shown: string, source: SelectionSource) =>
    link.withEngine(
      () => link.send('offscreen.dial', { target: number, shown, origin: { source, url: null, tabId: null, frameId: null } }),
      'always',
    );
  registerSelectionCalling({
    ...api.selection,
    detect: deps.detect,
    defaultCountry: () => countryFromPrefs(api.local, deps.language()),
    dial: (number, shown, source) => dial(number, shown, source).catch((error: unknown) => problem(problemWords(error))),
    onProblem: problem,
  });
  registerInjectExistingTabs(api.injection);
  registerCallShortcuts({
    commands: api.commands,
    // A shortcut never starts the engine: with no document there is no call to act on.
    // A document that does not answer (closing, or not started yet) holds no call either.
    snapshot: async () => ((await offscreen.hasDocument()) ? link.send('offscreen.getSnapshot', null).catch(() => null) : null),
    control: (control) => link.send('offscreen.callControl', control),
    onProblem: problem,
  });

  // A browser start brings the phone back when the account says to sign in automatically.
  const start = () => {
    link.ensureEngine('auto').catch(() => {});
  };
  api.lifecycle.onStartup.addListener(start);
  api.lifecycle.onInstalled.addListener(start);
  return { link, updates };
}
