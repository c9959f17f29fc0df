import { type PageCommandResult, pageOutbound, readPageMessage } from '../../contract/page-api';
import type { ContentSnapshot } from '../../contract/snapshot';
import { DialbarError, toUserError, type UserError } from '../../errors';
import { onBroadcast } from '../../messaging/broadcast';
import { request } from '../../messaging/client';
import type { RuntimePort } from '../../messaging/runtime-port';
import { isNewer } from '../../messaging/snapshot-stream';
import type { ContentStorage } from '../../platform';
import { PAGE_ACCESS_KEY, parsePageAccess, ruleForOrigin } from '../../settings/page-access';
import type { Logger } from '../types';

export interface PageBridgeDeps {
  runtime: RuntimePort;
  storage: ContentStorage;
  /** This frame's window: the only source whose messages are read. */
  win: Window;
  /** This frame's real origin (`location.origin`). */
  origin: string;
  /** Whether the frame has transient user activation now (`navigator.userActivation.isActive`). */
  activated(): boolean;
  /**
   * Whether a client's `connect` may have gone unheard before this bridge listened (the
   * bootstrap heard one). Absent: assume so.
   */
  connectHeard?(): boolean;
  log: Logger;
}

/**
 * The page API's bridge in one frame: the page's client hands it a MessagePort with `connect`,
 * and it forwards the client's commands to the service worker and the page view back. It reads
 * only messages whose source is its own window and origin, answers only over the client's port,
 * and posts to the window only to its own origin. A frame of an origin that is not allowed gets
 * a refusal in words and nothing else.
 */
export async function startPageBridge(deps: PageBridgeDeps, signal: AbortSignal): Promise<void> {
  const { win, origin } = deps;
  if (origin === 'null' || !/^https?:/.test(origin)) return;
  const ports = new Set<MessagePort>();
  let latest: ContentSnapshot | null = null;
  let stopFeed: (() => void) | null = null;

  const announce = () => win.postMessage(pageOutbound({ kind: 'ready' }), origin);

  const follow = () => {
    if (stopFeed) return;
    stopFeed = onBroadcast(deps.runtime, 'background.contentSnapshot', (view) => {
      if (!view.page || !isNewer(latest, view)) return;
      latest = view;
      for (const port of ports) port.postMessage(pageOutbound({ kind: 'state', state: view.page }));
    });
  };

  const reply = (port: MessagePort, id: string, outcome: { ok: true; value: unknown } | { ok: false; error: UserError }) =>
    port.postMessage(pageOutbound(outcome.ok ? { kind: 'reply', id, ok: true, value: outcome.value } : { kind: 'reply', id, ok: false, error: outcome.error }));

  const onPortMessage = (port: MessagePort) => (event: MessageEvent) => {
    // Read at the moment the command arrives: a click on the page a moment ago, or nothing.
    const activated = deps.activated();
    const reading = readPageMessage(event.data);
    if (reading.status === 'foreign') return;
    if (reading.status === 'refused') {
      if (reading.id !== null) reply(port, reading.id, { ok: false, error: reading.error });
      else port.postMessage(pageOutbound({ kind: 'refused', error: reading.error }));
      return;
    }
    const message = reading.message;
    if (message.kind !== 'command') return;
    request(deps.runtime, 'background.pageCommand', { command: message.command, activated })
      .then((result: PageCommandResult) => {
        const value = message.command.name === 'dial' ? { callId: result.callId } : message.command.name === 'getState' ? { state: result.state } : null;
        reply(port, message.id, { ok: true, value });
      })
      .catch((error: unknown) => {
        if (!(error instanceof DialbarError)) deps.log('page command', error);
        reply(port, message.id, { ok: false, error: toUserError(error) });
      });
  };

  const connectPort = (port: MessagePort) => {
    // The service worker decides who may connect (the person's list, an administrator's policy,
    // consent); a page that never sends `connect` costs nothing here.
    request(deps.runtime, 'background.pageConnect', null)
      .then((state) => {
        if (signal.aborted) return;
        follow();
        port.onmessage = onPortMessage(port);
        ports.add(port);
        port.postMessage(pageOutbound({ kind: 'state', state }));
      })
      .catch((error: unknown) => {
        port.postMessage(pageOutbound({ kind: 'refused', error: toUserError(error) }));
        port.close();
      });
  };

  const onWindowMessage = (event: MessageEvent) => {
    try {
      if (event.source !== win || event.origin !== origin) return;
      const reading = readPageMessage(event.data);
      const port = event.ports[0];
      if (reading.status === 'foreign' || !port) return;
      if (reading.status === 'refused') {
        port.postMessage(pageOutbound({ kind: 'refused', error: reading.error }));
        return;
      }
      if (reading.message.kind === 'connect') connectPort(port);
    } catch (error) {
      deps.log('page bridge', error);
    }
  };

  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(PAGE_ACCESS_KEY in changes)) return;
    // A site just allowed (or given consent) connects without a reload: clients try again on "ready".
    announce();
  };

  win.addEventListener('message', onWindowMessage, { signal });
  deps.storage.onChanged.addListener(onStorage);
  signal.addEventListener('abort', () => {
    deps.storage.onChanged.removeListener(onStorage);
    stopFeed?.();
    for (const port of ports) port.close();
    ports.clear();
  });
  // Clients that said `connect` before this bridge listened try again on `ready`. Said where one
  // was heard or the origin is on the list (a CRM page connects at once), not in every frame
  // with a number: a postMessage per frame is not free. A client also tries again by itself.
  if (deps.connectHeard?.() ?? true) announce();
  else if (await listedHere(deps.storage, origin)) {
    if (!signal.aborted) announce();
  }
}

/** Whether the person's page access list has a rule for this origin (an administrator's list is not readable here). */
async function listedHere(storage: ContentStorage, origin: string): Promise<boolean> {
  return ruleForOrigin(parsePageAccess((await storage.local.get(PAGE_ACCESS_KEY))[PAGE_ACCESS_KEY]), origin) !== null;
}

