import type { Snapshot } from '../contract/snapshot';
import { callTimerText, timedCall } from '../engine/call-timer';
import type { AlertsPlatform } from '../platform';
import { problemWords, tw } from './worker-words';

/**
 * What the toolbar badge shows for a snapshot at `now` (epoch ms): derived every time, never
 * remembered. A connected call shows its running time, from the snapshot's answer time.
 */
export function badgeFor(snapshot: Snapshot, now: number = Date.now()): { text: string; color: string; title: string } {
  // With two calls (one waiting or held), the ringing one speaks first, then the one not on hold.
  const calls = snapshot.calls.filter((c) => c.state !== 'ended');
  const live = calls.find((c) => c.state === 'incoming') ?? calls.find((c) => c.state !== 'held' && c.state !== 'holding') ?? calls[0];
  if (live?.state === 'incoming') return { text: 'RING', color: '#d97706', title: tw('worker.badge.incoming', { name: nameOf(live) }) };
  if (live?.state === 'held' || live?.state === 'holding')
    return { text: 'HOLD', color: '#d97706', title: tw('worker.badge.held', { name: nameOf(live) }) };
  const timed = timedCall(calls);
  if (timed?.answeredAt != null)
    return { text: callTimerText(now - timed.answeredAt), color: '#15803d', title: tw('worker.badge.inCall', { name: nameOf(timed) }) };
  if (live) return { text: 'CALL', color: '#15803d', title: tw('worker.badge.inCall', { name: nameOf(live) }) };
  const reg = snapshot.registration;
  if (reg.state === 'failed') return { text: '!', color: '#b91c1c', title: tw('worker.badge.problem', { problem: reg.error ? problemWords(reg.error) : tw('worker.badge.notSignedIn') }) };
  if (reg.state === 'reconnecting' || reg.state === 'waitingToRetry')
    return { text: '…', color: '#d97706', title: tw('worker.badge.problem', { problem: reg.error ? problemWords(reg.error) : tw('worker.badge.reconnecting') }) };
  if (reg.state === 'registered') return { text: '', color: '#15803d', title: tw('worker.badge.ready') };
  return { text: '', color: '#6b7280', title: tw('worker.badge.signedOut') };
}

function nameOf(call: Snapshot['calls'][number]): string {
  return call.remote.displayName || call.remote.number || call.remote.uri;
}

const PREFIX = 'incoming:';

/**
 * Brings badge and incoming-call notifications in line with a snapshot. Which notifications
 * exist is asked of the browser, so a restarted service worker neither repeats nor forgets one.
 */
export async function syncAlerts(snapshot: Snapshot, platform: AlertsPlatform, now: number = Date.now()): Promise<void> {
  await platform.setBadge(badgeFor(snapshot, now));
  const ringing = new Map(snapshot.calls.filter((c) => c.state === 'incoming').map((c) => [PREFIX + c.id, c]));
  const shown = (await platform.shownNotifications()).filter((id) => id.startsWith(PREFIX));
  for (const id of shown) if (!ringing.has(id)) await platform.clear(id);
  for (const [id, call] of ringing) if (!shown.includes(id)) await platform.showIncoming(id, nameOf(call), { title: tw('worker.incomingTitle'), answer: tw('worker.answer'), decline: tw('worker.decline') });
}

/** The call id behind a notification id, if it is one of ours. */
export function callIdOfNotification(id: string): string | null {
  return id.startsWith(PREFIX) ? id.slice(PREFIX.length) : null;
}

/** What a click on an incoming-call notification's button asks: Answer (first) or Decline. */
export function commandOfNotificationButton(id: string, button: number): { callId: string; command: 'ANSWER' | 'DECLINE' } | null {
  const callId = callIdOfNotification(id);
  if (callId === null || (button !== 0 && button !== 1)) return null;
  return { callId, command: button === 0 ? 'ANSWER' : 'DECLINE' };
}
