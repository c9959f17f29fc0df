import type { ContentSnapshot } from '../../contract/snapshot';
import type { PageState } from '../../page-api/client/types';
import { onBroadcast } from '../../messaging/broadcast';
import { request } from '../../messaging/client';
import type { RuntimePort } from '../../messaging/runtime-port';
import { isNewer } from '../../messaging/snapshot-stream';
import type { ContentStorage } from '../../platform';
import { PAGE_ACCESS_KEY, type PageAccess, parsePageAccess, ruleForOrigin } from '../../settings/page-access';
import type { Logger } from '../types';
import { startWorkbenchKeyShim } from './workbench-key-shim';

export interface WorkbenchKeyFeatureDeps {
  runtime: RuntimePort;
  storage: ContentStorage;
  win: Window;
  /** This frame's real origin (`location.origin`). */
  origin: string;
  activated(): boolean;
  log: Logger;
}

/**
 * Runs the workbench localStorage-key shim (workbench-key-shim.ts) in this frame while its
 * origin's rule in the page access list has the seed shims flag and the person has not refused
 * it; follows the list live. The state for `workbenchSdkStatus` is the page API's view of this
 * origin: connecting subscribes the frame to it (and asks the person's consent the first time).
 */
export async function startWorkbenchKeys(deps: WorkbenchKeyFeatureDeps, signal: AbortSignal): Promise<void> {
  const { origin, win } = deps;
  if (origin === 'null' || !/^https?:/.test(origin)) return;
  let access: PageAccess = parsePageAccess((await deps.storage.local.get(PAGE_ACCESS_KEY))[PAGE_ACCESS_KEY]);
  if (signal.aborted) return;
  let running: AbortController | null = null;
  const wanted = () => {
    const rule = ruleForOrigin(access, origin);
    return rule?.shims === true && rule.consent !== false;
  };

  const start = () => {
    let storage: Storage;
    try {
      storage = win.localStorage;
    } catch (error) {
      // A sandboxed frame without storage: nothing to shim.
      deps.log('workbench keys storage', error);
      return;
    }
    const controller = new AbortController();
    running = controller;
    const shim = startWorkbenchKeyShim(
      {
        storage,
        target: win,
        activation: deps.activated,
        report: (report) => request(deps.runtime, 'background.workbenchKey', report),
        timers: {
          setInterval: (run, ms) => win.setInterval(run, ms),
          clearInterval: (id) => win.clearInterval(id as number),
          setTimeout: (run, ms) => win.setTimeout(run, ms),
        },
        log: deps.log,
      },
      controller.signal,
    );
    let latest: ContentSnapshot | null = null;
    const status = (state: PageState) => {
      if (!controller.signal.aborted) shim.status(state);
    };
    const stopFeed = onBroadcast(deps.runtime, 'background.contentSnapshot', (view) => {
      if (!view.page || !isNewer(latest, view)) return;
      latest = view;
      status(view.page);
    });
    controller.signal.addEventListener('abort', stopFeed);
    request(deps.runtime, 'background.pageConnect', null)
      .then(status)
      // Not allowed yet (consent asked): the access list's change starts us again.
      .catch((error: unknown) => deps.log('workbench keys connect', error));
  };
  const stop = () => {
    running?.abort();
    running = null;
  };
  const sync = () => {
    if (!wanted()) stop();
    else if (!running) start();
  };

  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(PAGE_ACCESS_KEY in changes)) return;
    access = parsePageAccess(changes[PAGE_ACCESS_KEY]?.newValue);
    // Start afresh (consent just given connects again, so the status key is fed).
    stop();
    sync();
  };
  deps.storage.onChanged.addListener(onStorage);
  signal.addEventListener('abort', () => {
    deps.storage.onChanged.removeListener(onStorage);
    stop();
  });
  sync();
}
