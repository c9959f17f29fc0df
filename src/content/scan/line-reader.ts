import { enoughDigits, Run } from './block-text';
import { isBlank } from './dom-rules';
import type { RunBatch } from './run-batch';
import type { Unit } from '../types';

/** Short runs are detected together in a batch; longer ones on their own, in windows. */
const BATCH_CHARS = 1024;

/** A line too long for a batch, detected on its own in windows. */
export interface LongRun {
  run: Run;
  unit: Unit;
}

/**
 * Collects the line being read (consecutive text nodes of one unit, across inline elements) and
 * hands finished lines with enough digits to the batch. Nothing is allocated for a line of one
 * text node or a line without digits.
 */
export class LineReader {
  /** The unit of the line being read. */
  unit: Unit | null = null;
  private text = '';
  private readonly nodes: Text[] = [];
  private readonly data: string[] = [];

  constructor(private readonly batch: RunBatch) {}

  /** True while a line is being read. */
  get open(): boolean {
    return this.nodes.length > 0;
  }

  /** Batches the text of a block without element children; returns it if long. */
  readLeaf(el: Element): LongRun | null {
    const text = el.textContent ?? '';
    if (!enoughDigits(text)) return null;
    if (text.length < BATCH_CHARS) {
      this.batch.add(el, text, el);
      return null;
    }
    const run = new Run();
    for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) run.add(n as Text);
    return { run, unit: el };
  }

  add(node: Text, data: string, unit: Unit): void {
    if (this.nodes.length === 0) {
      // Blank text between blocks (the newlines between rows) starts no line.
      if (isBlank(data)) return;
      this.unit = unit;
      this.text = data;
    } else this.text += data;
    this.nodes.push(node);
    this.data.push(data);
  }

  /** Ends the line being read: batches it, or returns it when it is long (detected now, in windows). */
  end(): LongRun | null {
    const nodes = this.nodes;
    if (nodes.length === 0) return null;
    const text = this.text;
    const unit = this.unit as Unit;
    let run: Run | Text | null = null;
    if (enoughDigits(text)) {
      if (nodes.length === 1 && text.length < BATCH_CHARS) run = nodes[0] as Text;
      else {
        const r = new Run();
        for (let i = 0; i < nodes.length; i++) r.add(nodes[i] as Text, this.data[i]);
        run = r;
      }
    }
    nodes.length = 0;
    this.data.length = 0;
    this.text = '';
    this.unit = null;
    if (run === null) return null;
    if (text.length < BATCH_CHARS) {
      this.batch.add(run, text, unit);
      return null;
    }
    return { run: run as Run, unit };
  }

  /** Forgets the line being read. */
  drop(): void {
    this.nodes.length = 0;
    this.data.length = 0;
    this.text = '';
    this.unit = null;
  }
}
