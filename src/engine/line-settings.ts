import {
  type Account,
  DEFAULT_AUTO_ANSWER_BY_HEADER,
  DEFAULT_AUTO_ANSWER_SECONDS,
  DEFAULT_CALL_WAITING,
  DEFAULT_HISTORY_LIMIT,
  DEFAULT_HISTORY_MASK_NUMBERS,
  DEFAULT_WAITING_DECLINE_CODE,
} from '../settings/account';
import { type AgentSettings, DEFAULT_AGENT_SETTINGS } from '../settings/agent-settings';
import type { LineSettings } from './line-policy';

/** The agent desk's settings of an account; the defaults before one is configured. */
export function agentSettingsOf(account: Account | null): AgentSettings {
  return account?.agentDesk ?? DEFAULT_AGENT_SETTINGS;
}

/** What the line policy reads from an account (saved before a setting existed: its default). */
export function lineSettingsOf(account: Account | null): LineSettings {
  const agent = agentSettingsOf(account);
  return {
    callWaiting: account?.callWaiting ?? DEFAULT_CALL_WAITING,
    waitingDeclineCode: account?.waitingDeclineCode ?? DEFAULT_WAITING_DECLINE_CODE,
    autoAnswerSeconds: account?.autoAnswerSeconds ?? DEFAULT_AUTO_ANSWER_SECONDS,
    autoAnswerByHeader: account?.autoAnswerByHeader ?? DEFAULT_AUTO_ANSWER_BY_HEADER,
    whenUnavailable: agent.whenUnavailable,
    unavailableCode: agent.unavailableCode,
  };
}

/** The account's call history settings (defaults without an account). */
export function historySettingsOf(account: Account | null): { limit: number; maskNumbers: boolean } {
  return {
    limit: account?.historyLimit ?? DEFAULT_HISTORY_LIMIT,
    maskNumbers: account?.historyMaskNumbers ?? DEFAULT_HISTORY_MASK_NUMBERS,
  };
}
