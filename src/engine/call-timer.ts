import type { CallSnapshot } from '../contract/snapshot';

/**
 * The running call timer of the toolbar badge (4 characters at most): "0:42" and "9:59" under ten
 * minutes, "12m" under 100 minutes, then "2h". Derived from the snapshot's answer time and a clock,
 * so a restarted service worker shows the same time.
 */
export function callTimerText(elapsedMs: number): string {
  const seconds = Math.max(0, Math.floor(elapsedMs / 1000));
  if (seconds < 600) return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  if (seconds < 6000) return `${Math.floor(seconds / 60)}m`;
  return `${Math.min(999, Math.floor(seconds / 3600))}h`;
}

/** The connected call whose time the badge shows: none while a call rings (the badge says RING then). */
export function timedCall(calls: readonly CallSnapshot[]): CallSnapshot | null {
  const live = calls.filter((c) => c.state !== 'ended');
  if (live.some((c) => c.state === 'incoming')) return null;
  return live.find((c) => c.state === 'talking' && c.answeredAt !== null) ?? null;
}
