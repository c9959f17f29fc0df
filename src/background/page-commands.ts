import type { PageCommand, PageCommandResult } from '../contract/page-api';
import { pageView, visibleToOrigin } from '../contract/page-view';
import type { CallControl } from '../contract/protocol';
import type { CallSnapshot, Snapshot } from '../contract/snapshot';
import { dialbarError } from '../errors';
import type { Handlers } from '../messaging/server';
import type { MessageSender } from '../messaging/runtime-port';
import type { Account } from '../settings/account';
import { checkCallData } from '../settings/call-data';
import { type OriginRule, type PageAccess, ruleForOrigin } from '../settings/page-access';
import { frontCall } from './call-shortcuts';
import type { ContentPush } from './content-push';
import type { EngineLink } from './engine-link';
import { createRateLimiter, type RateLimiter } from './page-rate-limit';

export interface PageApiDeps {
  /** The allowed origins and their flags (storage.local), read at every command. */
  access(): Promise<PageAccess>;
  /** Asks the person, in Dialbar's own window, whether this origin may use the API. */
  askConsent(origin: string, pattern: string): Promise<void>;
  limiter?: RateLimiter;
  now?: () => number;
}

interface Deps {
  link: EngineLink;
  push: ContentPush;
  loadAccount(): Promise<Account | null>;
  /** The engine's snapshot if it runs (never starts one). */
  currentSnapshot(): Promise<Snapshot>;
  page?: PageApiDeps;
  /** The dial policy and the per-origin dial limit every content-script dial passes (page-dial-check.ts). */
  checkDial?(origin: string, number: string): Promise<void>;
}

/** The origin of the frame that sent a message, as the browser attests it; null for opaque origins. */
export function senderOrigin(sender: MessageSender): string | null {
  const claimed = sender.origin ?? (sender.url ? safeOrigin(sender.url) : null);
  return claimed && claimed !== 'null' ? claimed : null;
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Consent prompts already open (origin → when), so a page's retries do not open a window each. */
const CONSENT_PROMPT_MS = 60_000;

/** The page API's side of the service worker: who may, how often, then the engine's own commands. */
export function createPageHandlers(deps: Deps): Pick<Handlers<'background'>, 'background.pageConnect' | 'background.pageCommand'> {
  const page = deps.page;
  const now = page?.now ?? (() => Date.now());
  const limiter = page?.limiter ?? createRateLimiter(now);
  const prompted = new Map<string, number>();

  /** The origin's rule, or the refusal: not allowed, consent not given yet (then asked), consent refused. */
  async function admit(sender: MessageSender): Promise<{ origin: string; rule: OriginRule }> {
    const origin = senderOrigin(sender);
    if (!page || origin === null || sender.tab?.id === undefined) throw dialbarError('page-not-allowed');
    const rule = ruleForOrigin(await page.access(), origin);
    if (!rule) throw dialbarError('page-not-allowed');
    if (rule.consent === false) throw dialbarError('page-consent-refused');
    if (rule.consent === null) {
      const last = prompted.get(origin);
      if (last === undefined || now() - last > CONSENT_PROMPT_MS) {
        prompted.set(origin, now());
        await page.askConsent(origin, rule.pattern).catch(() => prompted.delete(origin));
      }
      throw dialbarError('page-consent-needed');
    }
    return { origin, rule };
  }

  async function dial(command: Extract<PageCommand, { name: 'dial' }>, activated: boolean, origin: string, rule: OriginRule, sender: MessageSender) {
    if (!activated && !rule.silentDial) throw dialbarError('page-activation-needed');
    if (!limiter.take(origin, 'dial')) throw dialbarError('page-rate-limited');
    await deps.checkDial?.(origin, command.number);
    const callData = command.callData === undefined ? {} : checkCallData(command.callData);
    if (command.callerId !== undefined) {
      const header = (await deps.loadAccount())?.displayNumberHeader || 'X-Display-Number';
      Object.assign(callData, checkCallData({ ...callData, [header]: command.callerId }));
    }
    const from = { source: 'page-api' as const, url: origin, tabId: sender.tab?.id ?? null, frameId: sender.frameId ?? null };
    const { callId } = await deps.link.withEngine(
      () => deps.link.send('offscreen.dial', { target: command.number, shown: command.number, origin: from, callData }),
      'always',
    );
    return { callId };
  }

  async function control(command: Exclude<PageCommand, { name: 'dial' | 'setAgentState' | 'getState' }>, origin: string) {
    const calls = (await deps.currentSnapshot()).calls.filter((c) => c.state !== 'ended' && visibleToOrigin(c, origin));
    const call = pickCall(command, calls);
    // A call the origin may not see is answered as no call at all: nothing about it leaks.
    if (!call) throw dialbarError('no-call');
    const wire: CallControl =
      command.name === 'sendDtmf'
        ? { callId: call.id, command: 'DTMF', digits: command.digits }
        : command.name === 'transfer'
          ? { callId: call.id, command: 'TRANSFER', target: command.target }
          : { callId: call.id, command: plainCommand(command.name, call) };
    await deps.link.withEngine(() => deps.link.send('offscreen.callControl', wire), 'auto');
  }

  return {
    'background.pageConnect': async (_, { sender }) => {
      const { origin } = await admit(sender);
      if (!limiter.take(origin, 'any')) throw dialbarError('page-rate-limited');
      await deps.push.subscribe({ tabId: sender.tab?.id ?? 0, frameId: sender.frameId ?? 0, documentId: sender.documentId ?? null, origin });
      return pageView(await deps.currentSnapshot(), origin);
    },
    'background.pageCommand': async ({ command, activated }, { sender }): Promise<PageCommandResult> => {
      const { origin, rule } = await admit(sender);
      if (!limiter.take(origin, 'any')) throw dialbarError('page-rate-limited');
      switch (command.name) {
        case 'dial':
          return dial(command, activated, origin, rule, sender);
        case 'getState':
          return { state: pageView(await deps.currentSnapshot(), origin) };
        case 'setAgentState': {
          // Not ready without a reason takes the first of the agent's configured reasons (the engine checks it).
          const reason = command.reason ?? (await deps.currentSnapshot()).agent.reasons[0];
          if (command.state === 'notReady' && reason === undefined) throw dialbarError('agent-reason-unknown');
          const request =
            command.state === 'notReady'
              ? { command: 'NOT_READY' as const, reason: reason ?? '' }
              : { command: command.state === 'ready' ? ('READY' as const) : ('END_WRAP_UP' as const) };
          await deps.link.withEngine(() => deps.link.send('offscreen.setAgentState', request), 'auto');
          return {};
        }
        default:
          await control(command, origin);
          return {};
      }
    },
  };
}

/** The call a command without a call id means: answer the ringing one, resume the held one, else the call in front. */
function pickCall(command: { name: string; callId?: string | undefined }, calls: CallSnapshot[]): CallSnapshot | null {
  if (command.callId !== undefined) return calls.find((c) => c.id === command.callId) ?? null;
  if (command.name === 'answer') return calls.find((c) => c.state === 'incoming') ?? null;
  if (command.name === 'resume') return calls.find((c) => c.state === 'held') ?? frontCall(calls);
  return frontCall(calls);
}

function plainCommand(name: 'hangup' | 'answer' | 'hold' | 'resume', call: CallSnapshot): 'HANGUP' | 'DECLINE' | 'ANSWER' | 'HOLD' | 'RESUME' {
  switch (name) {
    case 'answer':
      return 'ANSWER';
    case 'hold':
      return 'HOLD';
    case 'resume':
      return 'RESUME';
    case 'hangup':
      // Hanging up a call still ringing in declines it, as the popup's and the shortcut's hang up do.
      return call.state === 'incoming' ? 'DECLINE' : 'HANGUP';
  }
}
