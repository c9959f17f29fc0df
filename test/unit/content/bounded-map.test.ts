import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../../src/content/bounded-map';

const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ i }));

describe('BoundedMap keeps its entries in tables of a bounded size', () => {
  it('adds past a full table into a new one, and finds every key in any table', () => {
    const map = new BoundedMap<{ i: number }>(4);
    const ks = keys(10);
    for (const k of ks) map.add(k, k.i * 10);
    expect(map.size).toBe(10);
    expect(map.tableCount).toBe(3);
    for (const k of ks) expect(map.get(k)).toBe(k.i * 10);
    expect(map.get({ i: 0 })).toBeUndefined();
    expect(map.has(ks[9] as { i: number })).toBe(true);
    expect([...map.keys()]).toEqual(ks);
  });

  it('sets a key in the table that holds it, not as a second entry', () => {
    const map = new BoundedMap<{ i: number }>(4);
    const ks = keys(6);
    for (const k of ks) map.set(k, 1);
    map.set(ks[1] as { i: number }, 7);
    expect(map.get(ks[1] as { i: number })).toBe(7);
    expect(map.size).toBe(6);
    expect([...map.keys()]).toHaveLength(6);
    // Zero is a value like any other (get answers undefined only for a missing key).
    map.set(ks[5] as { i: number }, 0);
    expect(map.get(ks[5] as { i: number })).toBe(0);
    expect(map.has(ks[5] as { i: number })).toBe(true);
  });

  it('deletes from any table, drops an emptied older table, and clears', () => {
    const map = new BoundedMap<{ i: number }>(2);
    const ks = keys(5);
    for (const k of ks) map.add(k, k.i);
    expect(map.tableCount).toBe(3);
    expect(map.delete(ks[0] as { i: number })).toBe(true);
    expect(map.delete(ks[0] as { i: number })).toBe(false);
    expect(map.tableCount).toBe(3);
    map.delete(ks[1] as { i: number });
    expect(map.tableCount).toBe(2);
    expect([...map.keys()]).toEqual(ks.slice(2));
    // The newest table stays even when emptied: the next key goes there.
    map.delete(ks[4] as { i: number });
    expect(map.tableCount).toBe(2);
    expect(map.size).toBe(2);
    map.clear();
    expect(map.size).toBe(0);
    expect(map.tableCount).toBe(1);
    expect([...map.keys()]).toEqual([]);
    map.add(ks[0] as { i: number }, 3);
    expect(map.get(ks[0] as { i: number })).toBe(3);
  });
});
