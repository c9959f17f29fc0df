import { ENGINE_WATCH_PORT } from '../contract/protocol';

/** A runtime port as the offscreen document holds it: only its closing matters. */
export interface HeldPort {
  onDisconnect: { addListener(listener: () => void): void };
}

/** After the worker stopped, the port is opened again this much later (which wakes the worker). */
export const WATCH_REOPEN_MS = 1_000;

/**
 * Holds a port open to the service worker, so the worker hears at once when this document goes
 * away (closed, crashed, reloaded). Chrome closes the port when the worker stops too; then it
 * is opened again, which starts the worker, so it keeps listening.
 */
export function holdWatchPort(connect: (name: string) => HeldPort, setTimer: (callback: () => void, ms: number) => unknown): void {
  const open = () => {
    try {
      connect(ENGINE_WATCH_PORT).onDisconnect.addListener(() => void setTimer(open, WATCH_REOPEN_MS));
    } catch {
      // The extension is being reloaded or updated: this document goes with it.
    }
  };
  open();
}
