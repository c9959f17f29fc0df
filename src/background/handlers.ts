import { contentView, idleSnapshot, type Snapshot } from '../contract/snapshot';
import { dialbarError, type UserError, toUserError } from '../errors';
import type { Handlers } from '../messaging/server';
import type { PreviewSpan } from '../contract/protocol';
import type { FrameTarget } from '../platform';
import { mergeAccountInput, toAccountView } from '../settings/account';
import type { AccountStore } from '../settings/account-store';
import type { KeyValueArea } from '../settings/instance-id';
import { checkCallData } from '../settings/call-data';
import { type ManagedPolicy, managedView, NO_MANAGED_POLICY } from '../settings/managed-policy';
import type { ContentPush } from './content-push';
import type { DialRateLimit } from './dial-rate-limit';
import { checkPageDial } from './page-dial-check';
import type { EngineRecordStore } from './engine-record';
import { createPageHandlers, type PageApiDeps, senderOrigin } from './page-commands';
import { type EngineLink, REGISTRATION_WAIT_MS } from './engine-link';
import { createWorkbenchKeyHandler } from './workbench-key-handler';

export interface BackgroundDeps {
  link: EngineLink;
  accounts: AccountStore;
  push: ContentPush;
  /** Whether an engine document exists now, without creating one. */
  hasEngine(): Promise<boolean>;
  /** Injects the full page script into that one document (inject-existing-tabs.ts), unless registered for its origin. */
  loadPageScript(target: FrameTarget, origin: string | null): Promise<void>;
  /** Where the engine's record for recovery is kept. */
  records: EngineRecordStore;
  /** The per-origin limit on dials from web pages (storage.session). */
  rateLimit: DialRateLimit;
  /** The administrator's policy (storage.managed), read at each use; `accounts` already lays it over the local account. */
  readManaged?(): Promise<ManagedPolicy>;
  /** The local account without the managed values: the options page's base. */
  localAccounts?: AccountStore;
  /** The page API's settings and consent prompt; absent: every page command is refused. */
  page?: PageApiDeps;
  /** storage.session for the workbench key shim's claims; absent: its reports are refused. */
  session?: KeyValueArea;
  /** A small frame's numbers for its bootstrap (detect-preview.ts); absent: refused, and the bootstrap loads the page script. */
  detectPreview?(lines: readonly string[], frameUrl: string | undefined): Promise<PreviewSpan[]>;
}

function urlOrigin(url: string | undefined): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

/** The service worker's side of the contract: it routes, it does not remember. */
export function createBackgroundHandlers(deps: BackgroundDeps): Handlers<'background'> {
  const { link, accounts, push, hasEngine, records, rateLimit, page, session, loadPageScript, detectPreview } = deps;
  const applyAccount = async (input: Parameters<Handlers<'background'>['background.saveAccount']>[0]) => {
    const account = mergeAccountInput(input, await accounts.load());
    await accounts.save(account);
    await link.ensureDocument();
    return link.configureWith(account, true);
  };

  /** The engine's snapshot if it runs; a page's question alone never starts the engine. */
  const currentSnapshot = async (): Promise<Snapshot> => {
    if (await hasEngine()) {
      try {
        return await link.send('offscreen.getSnapshot', null);
      } catch {
        // The document is starting or closing: answer as if it were not there yet.
      }
    }
    return idleSnapshot('none', (await accounts.load()) !== null);
  };

  const pageHandlers = createPageHandlers({
    link,
    push,
    loadAccount: () => accounts.load(),
    currentSnapshot,
    checkDial: (origin, number) => checkPageDial({ origin, number }, { rateLimit, accounts }),
    ...(page ? { page } : {}),
  });

  const keyShim = createWorkbenchKeyHandler({
    pageCommand: pageHandlers['background.pageCommand'],
    ...(session ? { session } : {}),
    ...(page ? { access: page.access } : {}),
  });

  return {
    ...pageHandlers,
    ...keyShim,
    'background.dial': async ({ number, shown, source, callData }, { role, sender }) => {
      // Only what the browser attests about the sender is recorded, never what the payload claims.
      const fromPage = role === 'content';
      // A web page's process attaches no headers to the agent's calls (a page API will say which origins may).
      if (fromPage && callData !== undefined) throw dialbarError('forbidden-sender');
      const checked = callData === undefined ? {} : checkCallData(callData);
      const origin = {
        source,
        url: fromPage ? (sender.origin ?? urlOrigin(sender.url)) : null,
        tabId: fromPage ? (sender.tab?.id ?? null) : null,
        frameId: fromPage ? (sender.frameId ?? null) : null,
      };
      if (fromPage) await checkPageDial({ origin: origin.url, number }, { rateLimit, accounts });
      return link.withEngine(() => link.send('offscreen.dial', { target: number, shown, origin, callData: checked }), 'always');
    },
    'background.callControl': async (control) => {
      await link.withEngine(() => link.send('offscreen.callControl', control), 'auto');
      return null;
    },
    'background.callStats': (payload) => link.withEngine(() => link.send('offscreen.callStats', payload), 'auto'),
    'background.getSnapshot': async () => (await link.ensureEngine('auto')) ?? idleSnapshot(),
    'background.subscribe': async (_, { sender }) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw dialbarError('forbidden-sender');
      await push.subscribe({ tabId, frameId: sender.frameId ?? 0, documentId: sender.documentId ?? null, origin: senderOrigin(sender) });
      return contentView(await currentSnapshot(), tabId);
    },
    'background.loadScanner': async (_, { sender }) => {
      // The frame is the one the browser names as sender: a page cannot choose another.
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw dialbarError('forbidden-sender');
      await loadPageScript({ tabId, frameId: sender.frameId ?? 0, documentId: sender.documentId ?? null }, sender.origin ?? urlOrigin(sender.url));
      return null;
    },
    'background.detectPreview': async ({ lines }, { sender }) => {
      if (sender.tab?.id === undefined || !detectPreview) throw dialbarError('forbidden-sender');
      return { spans: await detectPreview(lines, sender.url) };
    },
    'background.setAgentState': async (request) => {
      await link.withEngine(() => link.send('offscreen.setAgentState', request), 'auto');
      return null;
    },
    // History lives in the offscreen document (where calls end); reading it starts the engine like a snapshot does.
    'background.history': (query) => link.withEngine(() => link.send('offscreen.history', query), 'auto'),
    'background.clearHistory': async () => {
      await link.withEngine(() => link.send('offscreen.clearHistory', null), 'auto');
      return null;
    },
    'background.signIn': async () => {
      await link.withEngine(() => link.send('offscreen.signIn', null), 'auto');
      return null;
    },
    'background.signOut': async () => {
      if (await hasEngine()) await link.send('offscreen.signOut', null);
      return null;
    },
    'background.getAccount': async () => {
      const account = await accounts.load();
      return account ? toAccountView(account) : null;
    },
    'background.getManaged': async () => managedView(await (deps.localAccounts ?? accounts).load(), deps.readManaged ? await deps.readManaged() : NO_MANAGED_POLICY),
    'background.saveAccount': async (input) => {
      await applyAccount(input);
      return null;
    },
    'background.keepEngineRecord': async (record) => {
      await records.keep(record);
      return null;
    },
    'background.testConnection': async (input) => {
      try {
        await applyAccount(input);
        return await link.send('offscreen.awaitRegistration', { timeoutMs: REGISTRATION_WAIT_MS });
      } catch (error) {
        const reason: UserError = toUserError(error);
        return { ok: false, state: 'failed', error: reason };
      }
    },
  };
}
