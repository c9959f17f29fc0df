import type { KeptCall } from '../contract/protocol';
import { tw } from './worker-words';

/** Who a lost call was with, for people: the display name, else the number, else the address. */
export function lostCallParty(call: KeptCall['call']): string {
  return call.remote.displayName.trim() || call.remote.number || call.shown || call.remote.uri;
}

/** The notification after a lost engine was replaced: which calls were lost. */
export function lostCallsMessage(calls: readonly KeptCall[]): string {
  const who = calls.map((c) => lostCallParty(c.call)).join(tw('worker.and'));
  return tw('worker.lostCalls', { who });
}
