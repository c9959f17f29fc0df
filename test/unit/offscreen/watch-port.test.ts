import { describe, expect, it } from 'vitest';
import { ENGINE_WATCH_PORT } from '../../../src/contract/protocol';
import { holdWatchPort, WATCH_REOPEN_MS } from '../../../src/offscreen/watch-port';

describe('the offscreen document’s watch port', () => {
  it('is opened at once, and opened again a moment after it closed (the worker stopped), which wakes the worker', () => {
    const opened: Array<{ name: string; drop: () => void }> = [];
    const timers: Array<{ fn: () => void; ms: number }> = [];
    holdWatchPort(
      (name) => {
        const listeners: Array<() => void> = [];
        opened.push({ name, drop: () => listeners.forEach((l) => void l()) });
        return { onDisconnect: { addListener: (l) => void listeners.push(l) } };
      },
      (fn, ms) => timers.push({ fn, ms }),
    );
    expect(opened.map((p) => p.name)).toEqual([ENGINE_WATCH_PORT]);
    opened[0]?.drop();
    expect(timers).toEqual([{ fn: expect.any(Function), ms: WATCH_REOPEN_MS }]);
    expect(opened).toHaveLength(1);
    timers[0]?.fn();
    expect(opened).toHaveLength(2);
  });

  it('gives up quietly when the extension is going away (connect throws)', () => {
    const timers: unknown[] = [];
    expect(() =>
      holdWatchPort(
        () => {
          throw new Error('Extension context invalidated.');
        },
        (fn) => timers.push(fn),
      ),
    ).not.toThrow();
    expect(timers).toEqual([]);
  });
});
