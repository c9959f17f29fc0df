import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { FIRST_LOOK_MS, lookWhileParsed, MAX_LOOK_GAP_MS } from '../../../src/content/boot/early-looks';

/** A document being parsed (its parser adds rows when told), on a clock the test moves. */
function parsing() {
  const { document, MutationObserver } = parseHTML('<!doctype html><html><head></head><body><table></table></body></html>') as unknown as {
    document: Document;
    MutationObserver: typeof globalThis.MutationObserver;
  };
  let readyState: DocumentReadyState = 'loading';
  Object.defineProperty(document, 'readyState', { configurable: true, get: () => readyState });
  const clock = { ms: 0 };
  const table = document.querySelector('table') as Element;
  /** The parser adds a row at `at` ms, and its mutation records are delivered. */
  const parse = async (at: number) => {
    clock.ms = at;
    table.insertAdjacentHTML('beforeend', '<tr><td>row</td></tr>');
    await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const done = () => {
    readyState = 'interactive';
  };
  return { deps: { doc: document, MutationObserver, now: () => clock.ms }, parse, done };
}

/** A page being parsed whose looks never find anything, with the times they came at. */
function lookingAtNothing() {
  const p = parsing();
  const at: number[] = [];
  lookWhileParsed(p.deps, () => {
    at.push(p.deps.now());
    return false;
  });
  return { p, at };
}

describe('looks while a long page is parsed', () => {
  it('never looks at a page parsed before the first look is due', async () => {
    const p = parsing();
    const look = vi.fn(() => false);
    lookWhileParsed(p.deps, look);
    for (let t = 0; t < FIRST_LOOK_MS; t += 10) await p.parse(t);
    p.done();
    await p.parse(FIRST_LOOK_MS * 10);
    expect(look).not.toHaveBeenCalled();
  });

  it('looks when the parser adds something once a look is due, at doubling gaps, and stops at the end of parsing', async () => {
    const { p, at } = lookingAtNothing();
    for (let t = 0; t <= 1200; t += 50) await p.parse(t);
    expect(at).toEqual([150, 450, 1050]);
    p.done();
    await p.parse(5000);
    expect(at).toEqual([150, 450, 1050]);
  });

  it('never waits more than the longest gap on a document that stays loading (a streamed page)', async () => {
    const { p, at } = lookingAtNothing();
    for (let t = 0; t <= 20_000; t += 100) await p.parse(t);
    const gaps = at.slice(1).map((t, i) => t - (at[i] ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(MAX_LOOK_GAP_MS + 100);
    expect(gaps.at(-1)).toBeGreaterThanOrEqual(MAX_LOOK_GAP_MS);
    expect(at.length).toBeGreaterThan(8);
  });

  it('stops once a look is done, and when told', async () => {
    const p = parsing();
    const look = vi.fn(() => true);
    lookWhileParsed(p.deps, look);
    await p.parse(FIRST_LOOK_MS);
    await p.parse(FIRST_LOOK_MS * 10);
    expect(look).toHaveBeenCalledTimes(1);
    const q = parsing();
    const other = vi.fn(() => false);
    lookWhileParsed(q.deps, other)();
    await q.parse(FIRST_LOOK_MS * 10);
    expect(other).not.toHaveBeenCalled();
  });
});
