import type { CallSnapshot, Snapshot } from '../contract/snapshot';
import type { CallControl } from '../contract/protocol';
import { dialbarError } from '../errors';
import type { CallState } from '../machines/call-machine';
import { problemWords } from './worker-words';

/**
 * Keyboard commands for the current call (chrome.commands, assignable at
 * chrome://extensions/shortcuts). The names are the manifest's command names.
 */
export const CALL_SHORTCUTS = ['hold-resume', 'mute-unmute', 'hang-up'] as const;
export type CallShortcut = (typeof CALL_SHORTCUTS)[number];

export function isCallShortcut(command: string): command is CallShortcut {
  return (CALL_SHORTCUTS as readonly string[]).includes(command);
}

/**
 * Which call a shortcut acts on when there are two: the one in front of the agent. First the
 * call being talked on (or on its way to talking), then one being set up (a hang up cancels
 * it), then a held call, last a ringing incoming call (a hang up declines it). A call that
 * is ending is picked only when nothing else is live, so its refusal is told.
 */
const FRONT_FIRST: readonly CallState[] = ['talking', 'resuming', 'holding', 'answering', 'ringing', 'dialing', 'held', 'incoming', 'ending'];

export function frontCall(calls: readonly CallSnapshot[]): CallSnapshot | null {
  const live = calls.filter((c) => c.state !== 'ended');
  for (const state of FRONT_FIRST) {
    const call = live.find((c) => c.state === state);
    if (call) return call;
  }
  return null;
}

/**
 * What a shortcut asks of the front call. Hold and mute toggle by the call's own state; hang up
 * of a call still ringing in is a Decline. The call's machine in the engine decides; a command it
 * refuses comes back as an InvalidStateError whose sentence is shown.
 */
export function shortcutControl(shortcut: CallShortcut, calls: readonly CallSnapshot[]): CallControl | null {
  const call = frontCall(calls);
  if (!call) return null;
  switch (shortcut) {
    case 'hold-resume':
      return { callId: call.id, command: call.state === 'held' ? 'RESUME' : 'HOLD' };
    case 'mute-unmute':
      return { callId: call.id, command: call.regions.mute === 'muted' ? 'UNMUTE' : 'MUTE' };
    case 'hang-up':
      return { callId: call.id, command: call.state === 'incoming' ? 'DECLINE' : 'HANGUP' };
  }
}

export interface CallShortcutDeps {
  commands: { onCommand: { addListener(listener: (command: string) => void): void } };
  /** The engine's snapshot, or null when no engine runs (then there is no call). Never starts one. */
  snapshot(): Promise<Snapshot | null>;
  control(control: CallControl): Promise<unknown>;
  /** Tells the person a refusal (a notification). */
  onProblem(message: string): void;
}

/** Runs one shortcut against the engine's current snapshot; the worker remembers nothing. */
export async function runCallShortcut(shortcut: CallShortcut, deps: Omit<CallShortcutDeps, 'commands'>): Promise<void> {
  try {
    const control = shortcutControl(shortcut, (await deps.snapshot())?.calls ?? []);
    if (!control) throw dialbarError('no-call');
    await deps.control(control);
  } catch (error) {
    deps.onProblem(problemWords(error));
  }
}

/** Call once from the service worker's main(), before it returns. */
export function registerCallShortcuts(deps: CallShortcutDeps): void {
  deps.commands.onCommand.addListener((command) => {
    if (isCallShortcut(command)) void runCallShortcut(command, deps);
  });
}
