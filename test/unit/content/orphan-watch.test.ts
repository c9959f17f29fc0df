import { describe, expect, it } from 'vitest';
import { watchForOrphan } from '../../../src/content/orphan-watch';

function setup(id: () => unknown) {
  const life = new AbortController();
  const target = new EventTarget();
  let invalidated: (() => void) | null = null;
  let t = 10_000;
  watchForOrphan(life, {
    runtimeId: id,
    onInvalidated: (cb) => {
      invalidated = cb;
    },
    target,
    now: () => t,
  });
  return {
    life,
    invalidate: () => invalidated?.(),
    move: (ms: number) => {
      t += ms;
      target.dispatchEvent(new Event('pointermove'));
    },
  };
}

describe('watchForOrphan', () => {
  it('keeps running while the runtime is there, whatever the host says', () => {
    const w = setup(() => 'ext-id');
    w.invalidate();
    w.move(5000);
    expect(w.life.signal.aborted).toBe(false);
  });

  it('stops when invalidated and the runtime is gone (missing or throwing)', () => {
    const gone = setup(() => undefined);
    gone.invalidate();
    expect(gone.life.signal.aborted).toBe(true);
    const throwing = setup(() => {
      throw new Error('Extension context invalidated.');
    });
    throwing.invalidate();
    expect(throwing.life.signal.aborted).toBe(true);
  });

  it('notices on a pointer move, at most every 2 s', () => {
    let id: string | undefined = 'ext-id';
    const w = setup(() => id);
    w.move(0); // checked: still there
    id = undefined;
    w.move(1999);
    expect(w.life.signal.aborted).toBe(false);
    w.move(1);
    expect(w.life.signal.aborted).toBe(true);
  });
});
