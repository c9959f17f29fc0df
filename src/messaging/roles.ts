import type { Role } from '../contract/protocol';
import type { MessageSender, RuntimePort } from './runtime-port';

const PAGE_ROLES: Record<string, Role> = {
  'popup.html': 'popup',
  'options.html': 'options',
  'offscreen.html': 'offscreen',
  'background.js': 'background',
};

/**
 * Which of our contexts sent a message, judged only from what the browser attests (`sender`),
 * never from the payload. Null for anything that is not ours.
 */
export function roleOf(sender: MessageSender, runtime: Pick<RuntimePort, 'id' | 'getURL'>): Role | null {
  if (sender.id !== runtime.id) return null;
  const base = runtime.getURL('/');
  const url = sender.url ?? '';
  if (url.startsWith(base)) {
    const path = url.slice(base.length).split(/[?#]/)[0] ?? '';
    return PAGE_ROLES[path] ?? null;
  }
  // Content scripts run in web pages: the browser names the tab they live in.
  if (sender.tab !== undefined) return 'content';
  return null;
}
