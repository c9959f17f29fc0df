/**
 * A Map from elements to numbers split into tables of at most TABLE_ENTRIES entries, newest
 * last. One V8 Map of a big table's 50,000 rows doubles its hash table as it grows, and past
 * about 10,000 entries each new table is a large object, made straight in the old generation
 * (copies at 16k, 32k and 64k capacity: about 1.6 MB for 50,000 rows, by V8's table layout).
 * That growth counts toward the limit at which V8 starts a major collection, and marking a big
 * page's DOM costs seconds. Tables of 8,192 entries stay regular objects. Look-ups try the newest table first: a scan's
 * look-ups are mostly of the row it just read. Measured on the 50,000-row page: busy time about
 * halved, and less made in old space directly, though V8's trace showed no less growth overall.
 */
export class BoundedMap<K extends object> {
  private readonly tables: Map<K, number>[] = [new Map()];
  private entries = 0;

  constructor(private readonly tableEntries = TABLE_ENTRIES) {}

  get size(): number {
    return this.entries;
  }

  /** How many tables hold the entries (for tests). */
  get tableCount(): number {
    return this.tables.length;
  }

  get(key: K): number | undefined {
    const tables = this.tables;
    for (let i = tables.length - 1; i >= 0; i--) {
      const value = (tables[i] as Map<K, number>).get(key);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /** Adds a key known to be absent (get returned undefined): no look-up. */
  add(key: K, value: number): void {
    let last = this.tables[this.tables.length - 1] as Map<K, number>;
    if (last.size >= this.tableEntries) {
      last = new Map();
      this.tables.push(last);
    }
    last.set(key, value);
    this.entries++;
  }

  /** Sets a key's value where it is, or adds it to the newest table (a new one when that is full). */
  set(key: K, value: number): void {
    const tables = this.tables;
    for (let i = tables.length - 1; i >= 0; i--) {
      const table = tables[i] as Map<K, number>;
      if (table.has(key)) {
        table.set(key, value);
        return;
      }
    }
    this.add(key, value);
  }

  delete(key: K): boolean {
    const tables = this.tables;
    for (let i = tables.length - 1; i >= 0; i--) {
      const table = tables[i] as Map<K, number>;
      if (!table.delete(key)) continue;
      this.entries--;
      // An emptied table other than the newest goes (a big list's rows removed in order).
      if (table.size === 0 && i < tables.length - 1) tables.splice(i, 1);
      return true;
    }
    return false;
  }

  *keys(): IterableIterator<K> {
    for (const table of this.tables) yield* table.keys();
  }

  clear(): void {
    this.tables.length = 0;
    this.tables.push(new Map());
    this.entries = 0;
  }
}

/** Entries per table: a V8 Map of 8,192 entries takes about 115 KB, under its large-object size (128 KB). */
const TABLE_ENTRIES = 8192;
