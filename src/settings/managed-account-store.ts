import { CAUSES, DialbarError } from '../errors';
import type { Account } from './account';
import type { AccountStore } from './account-store';
import { type LockedSetting, lockedChanges, type ManagedPolicy, overlayAccount } from './managed-policy';

/** The locked settings in the words of the options page. */
export const LOCKED_SETTING_WORDS: Record<LockedSetting, string> = {
  wsUrl: 'SIP WebSocket URL',
  realm: 'SIP domain',
  iceServers: 'STUN/TURN servers',
  dialPolicy: 'dial policy',
  dialPlan: 'dial plan',
  dtmfTransport: 'DTMF',
  callWaiting: 'call waiting',
  waitingDeclineCode: 'what a declined waiting caller hears',
  autoAnswerSeconds: 'auto-answer',
  autoAnswerByHeader: 'auto-answer when the call asks for it',
  displayNumber: 'display number',
  displayNumberHeader: 'display number header',
  autoSignIn: 'sign in automatically',
  agentDesk: 'agent desk',
  historyLimit: 'calls to keep',
  historyMaskNumbers: 'masked numbers in the history',
};

/**
 * The account store as everything else sees it: the administrator's managed values over the
 * local account on every load (so the engine, the service worker's checks and the options page
 * all get them), and a save that would change a locked setting refused with `setting-locked`,
 * whatever sent it: greying out a field in the options page alone would not stop a crafted request.
 */
export function createManagedAccountStore(local: AccountStore, readManaged: () => Promise<ManagedPolicy>): AccountStore {
  return {
    async load() {
      const account = await local.load();
      return account ? overlayAccount(account, await readManaged()) : null;
    },
    async save(account: Account) {
      const changed = lockedChanges(account, await readManaged());
      if (changed.length > 0) {
        const names = changed.map((name) => LOCKED_SETTING_WORDS[name]).join(', ');
        throw new DialbarError('setting-locked', `${CAUSES['setting-locked'].message} Locked: ${names}. Nothing was saved.`);
      }
      await local.save(account);
    },
  };
}
