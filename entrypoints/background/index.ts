import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { commandOfNotificationButton, syncAlerts } from '@/src/background/call-alerts';
import { createContentPush, type SubscriberArea } from '@/src/background/content-push';
import { createEngineLink } from '@/src/background/engine-link';
import { type InjectDeps, registerInjectExistingTabs } from '@/src/background/inject-existing-tabs';
import { countryFromPrefs, registerSelectionCalling, type SelectionCallingDeps } from '@/src/background/selection-calling';
import { findPhoneNumbers } from '@/src/detect';
import { toUserError } from '@/src/errors';
import { createBackgroundHandlers } from '@/src/background/handlers';
import { onBroadcast } from '@/src/messaging/broadcast';
import type { RuntimePort } from '@/src/messaging/runtime-port';
import { serve } from '@/src/messaging/server';
import { type AlertsApi, createAlertsPlatform } from '@/src/platform/browser-alerts';
import { createChromeOffscreenPlatform } from '@/src/platform/chrome-offscreen';
import { createIndexedDbAccountStore } from '@/src/settings/account-store';
import { createInstanceId, type KeyValueArea } from '@/src/settings/instance-id';

export default defineBackground({
  type: 'module',
  main() {
    // Every listener is registered synchronously here, so a worker woken by an event hears it.
    const runtime = browser.runtime as unknown as RuntimePort;
    const platform = createChromeOffscreenPlatform(chrome);
    const accounts = createIndexedDbAccountStore(indexedDB);
    const instanceId = createInstanceId(browser.storage.local as unknown as KeyValueArea, () => crypto.randomUUID());
    const link = createEngineLink({ runtime, platform, accounts, instanceId, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    const push = createContentPush({
      area: browser.storage.session as unknown as SubscriberArea,
      sendToFrame: ({ tabId, frameId, documentId }, message) =>
        browser.tabs.sendMessage(tabId, message, documentId ? { documentId } : { frameId }),
    });
    serve(runtime, 'background', createBackgroundHandlers({ link, accounts, push, hasEngine: () => platform.hasDocument() }));
    browser.tabs.onRemoved.addListener((tabId) => void push.forgetTab(tabId).catch(() => {}));

    const alerts = createAlertsPlatform(browser as unknown as AlertsApi);
    onBroadcast(runtime, 'offscreen.snapshot', (snapshot) => {
      syncAlerts(snapshot, alerts).catch(() => {
        // Badge and notifications are conveniences; a failure must not disturb the call.
      });
      push.relay(snapshot).catch(() => {
        // A frame that cannot be reached is dropped by relay itself; nothing else to do here.
      });
    });
    browser.notifications.onButtonClicked.addListener((id, button) => {
      const control = commandOfNotificationButton(id, button);
      if (!control) return;
      link.withEngine(() => link.send('offscreen.callControl', control), 'auto').catch(() => {});
      alerts.clear(id).catch(() => {});
    });

    const dial = (number: string, shown: string, source: 'context-menu' | 'command') =>
      link.withEngine(
        () => link.send('offscreen.dial', { target: number, shown, origin: { source, url: null, tabId: null, frameId: null } }),
        'always',
      );
    const problem = (message: string) => void alerts.showProblem(message).catch(() => {});
    registerSelectionCalling({
      contextMenus: browser.contextMenus as unknown as SelectionCallingDeps['contextMenus'],
      commands: browser.commands as unknown as SelectionCallingDeps['commands'],
      scripting: browser.scripting as unknown as SelectionCallingDeps['scripting'],
      tabs: browser.tabs as unknown as SelectionCallingDeps['tabs'],
      detect: findPhoneNumbers,
      defaultCountry: () => countryFromPrefs(browser.storage.local as unknown as KeyValueArea, navigator.language),
      dial: (number, shown, source) => dial(number, shown, source).catch((error: unknown) => problem(toUserError(error).message)),
      onProblem: problem,
    });
    registerInjectExistingTabs({
      runtime: browser.runtime as unknown as InjectDeps['runtime'],
      tabs: browser.tabs as unknown as InjectDeps['tabs'],
      scripting: browser.scripting as unknown as InjectDeps['scripting'],
    });

    // A browser start brings the phone back when the account says to sign in automatically.
    const start = () => {
      link.ensureEngine('auto').catch(() => {});
    };
    browser.runtime.onStartup.addListener(start);
    browser.runtime.onInstalled.addListener(start);
  },
});
