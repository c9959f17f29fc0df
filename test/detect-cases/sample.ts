/**
 * Seeded randomness and a sampler for the regular expressions of libphonenumber's metadata
 * (digits, `\d`, `[…]`, `(?:…|…)`, `?`, `*`, `+`, `{n,m}`): the generator draws numbers of every
 * type from the metadata's own patterns and lets libphonenumber confirm each one.
 */

/** mulberry32: a small deterministic generator, one per generator run. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    const x = xs[this.int(xs.length)];
    if (x === undefined) throw new Error('pick from an empty list');
    return x;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

type Node =
  | { k: 'alt'; options: Node[][] }
  | { k: 'set'; chars: string }
  | { k: 'rep'; node: Node; min: number; max: number };

const DIGITS = '0123456789';

class Parser {
  i = 0;
  constructor(private readonly src: string) {}

  alternation(): Node {
    const options: Node[][] = [[]];
    while (this.i < this.src.length) {
      const c = this.src[this.i]!;
      if (c === ')') break;
      if (c === '|') {
        this.i++;
        options.push([]);
        continue;
      }
      options[options.length - 1]!.push(this.quantified(this.atom()));
    }
    return { k: 'alt', options };
  }

  private atom(): Node {
    const c = this.src[this.i++]!;
    if (c === '(') {
      if (this.src.startsWith('?:', this.i)) this.i += 2;
      const inner = this.alternation();
      if (this.src[this.i] !== ')') throw new Error(`unclosed group in ${this.src}`);
      this.i++;
      return inner;
    }
    if (c === '[') return this.charClass();
    if (c === '\\') {
      const e = this.src[this.i++]!;
      if (e === 'd') return { k: 'set', chars: DIGITS };
      return { k: 'set', chars: e };
    }
    if (c === '^' || c === '$') return { k: 'alt', options: [[]] };
    return { k: 'set', chars: c };
  }

  private charClass(): Node {
    let chars = '';
    while (this.src[this.i] !== ']') {
      let c = this.src[this.i++]!;
      if (c === '\\') {
        const e = this.src[this.i++]!;
        if (e === 'd') {
          chars += DIGITS;
          continue;
        }
        c = e;
      }
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']') {
        const to = this.src[this.i + 1]!;
        this.i += 2;
        for (let x = c.charCodeAt(0); x <= to.charCodeAt(0); x++) chars += String.fromCharCode(x);
      } else chars += c;
    }
    this.i++;
    return { k: 'set', chars };
  }

  private quantified(node: Node): Node {
    const c = this.src[this.i];
    if (c === '?') {
      this.i++;
      return { k: 'rep', node, min: 0, max: 1 };
    }
    if (c === '*' || c === '+') {
      this.i++;
      return { k: 'rep', node, min: c === '+' ? 1 : 0, max: 3 };
    }
    if (c === '{') {
      const close = this.src.indexOf('}', this.i);
      const [a, b] = this.src.slice(this.i + 1, close).split(',');
      this.i = close + 1;
      const min = Number(a);
      const max = b === undefined ? min : b === '' ? min + 3 : Number(b);
      return { k: 'rep', node, min, max };
    }
    return node;
  }
}

function emit(node: Node, rng: Rng): string {
  if (node.k === 'set') return node.chars[rng.int(node.chars.length)] ?? '';
  if (node.k === 'rep') {
    const times = node.min + rng.int(node.max - node.min + 1);
    let s = '';
    for (let t = 0; t < times; t++) s += emit(node.node, rng);
    return s;
  }
  let s = '';
  for (const n of rng.pick(node.options)) s += emit(n, rng);
  return s;
}

const parsed = new Map<string, Node>();

/** A random string the pattern matches in full (patterns of libphonenumber's metadata only). */
export function samplePattern(pattern: string, rng: Rng): string {
  let node = parsed.get(pattern);
  if (!node) {
    node = new Parser(pattern).alternation();
    parsed.set(pattern, node);
  }
  return emit(node, rng);
}
