import type { AccountStore } from '../settings/account-store';
import { assertDialPolicy } from '../settings/dial-policy-check';
import type { DialRateLimit } from './dial-rate-limit';

/**
 * What the service worker checks of a dial a content script sent, before the engine sees it: a
 * compromised renderer can forge anything a content script sends, so the page's rate limit and
 * the dial policy are applied here too, where a page cannot reach (the engine checks the policy
 * again for every dial). The rate limit counts first: a page probing blocked numbers uses it up.
 */
export async function checkPageDial(
  { origin, number }: { origin: string | null; number: string },
  deps: { rateLimit: DialRateLimit; accounts: AccountStore },
): Promise<void> {
  // A frame without an origin the browser could name (about:blank, a sandbox) shares one bucket.
  await deps.rateLimit.take(origin ?? 'null');
  const account = await deps.accounts.load();
  if (account) assertDialPolicy(number, account.dialPolicy, account.dialPlan);
}
