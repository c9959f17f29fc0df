import type { PhoneMatch } from './pieces';

/**
 * A detector's matches as read one by one, in order: the matches themselves (`ArrayMatches`), or
 * a worker's answer kept as it came (`PackedMatches`), whose numbers become strings only when
 * one is asked for.
 */
export interface MatchList {
  readonly length: number;
  start(i: number): number;
  end(i: number): number;
  /** The number in E.164 (maybe `;ext=`). */
  number(i: number): string;
}

export class ArrayMatches implements MatchList {
  constructor(private readonly found: readonly PhoneMatch[]) {}

  get length(): number {
    return this.found.length;
  }

  start(i: number): number {
    return (this.found[i] as PhoneMatch).start;
  }

  end(i: number): number {
    return (this.found[i] as PhoneMatch).end;
  }

  number(i: number): string {
    return (this.found[i] as PhoneMatch).number;
  }
}

/**
 * Matches as [start, end, end of its number in `numbers`] triples and the numbers joined. A big
 * page's batch has hundreds of matches, most of them in cells the page keeps only as spans: a
 * string and an object per match, alive until the answer was recorded, were promoted to V8's old
 * generation, whose growth sets off a major collection of a big page (README, page scan).
 */
export class PackedMatches implements MatchList {
  constructor(
    private readonly triples: Int32Array,
    private readonly numbers: string,
  ) {}

  get length(): number {
    return this.triples.length / 3;
  }

  start(i: number): number {
    return this.triples[i * 3] as number;
  }

  end(i: number): number {
    return this.triples[i * 3 + 1] as number;
  }

  number(i: number): string {
    return this.numbers.slice(i === 0 ? 0 : (this.triples[i * 3 - 1] as number), this.triples[i * 3 + 2] as number);
  }

  /** The triples and numbers of `found`. */
  static pack(found: readonly PhoneMatch[]): { triples: Int32Array; numbers: string } {
    const triples = new Int32Array(found.length * 3);
    let numbers = '';
    found.forEach((m, i) => {
      numbers += m.number;
      triples[i * 3] = m.start;
      triples[i * 3 + 1] = m.end;
      triples[i * 3 + 2] = numbers.length;
    });
    return { triples, numbers };
  }

  /** True if `triples` and `numbers` are well formed: spans not empty, each number not empty and in order. */
  static valid(triples: Int32Array, numbers: string): boolean {
    if (triples.length % 3 !== 0) return false;
    let at = 0;
    for (let i = 0; i < triples.length; i += 3) {
      const start = triples[i] as number;
      const end = triples[i + 1] as number;
      const numberEnd = triples[i + 2] as number;
      if (start < 0 || end <= start || numberEnd <= at) return false;
      at = numberEnd;
    }
    return at === numbers.length;
  }
}
