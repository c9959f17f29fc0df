import { isInlineTag } from './dom-rules';
import type { Unit } from '../types';

/**
 * The elements a walk has entered, from its root down to the current node's parent, each with
 * the unit its text belongs to (the nearest non-inline ancestor). The walk moves with firstChild /
 * nextSibling and climbs with this path, so a node's parent and unit cost no DOM read (in an
 * isolated world every node a DOM call returns is a wrapper lookup, the main cost of a walk).
 */
export class UnitPath {
  private readonly nodes: Node[] = [];
  private readonly units: Unit[] = [];

  constructor(readonly root: Unit) {
    this.nodes.push(root);
    this.units.push(root);
  }

  /** The unit of the current node's text (the innermost entered element's unit). */
  get unit(): Unit {
    return this.units[this.units.length - 1] as Unit;
  }

  /** True while only the root is entered. */
  get atRoot(): boolean {
    return this.nodes.length === 1;
  }

  /** The element the walk is in (the parent of its current node). */
  get parent(): Node {
    return this.nodes[this.nodes.length - 1] as Node;
  }

  enter(el: Element, unit: Unit): void {
    this.nodes.push(el);
    this.units.push(unit);
  }

  /** Leaves the innermost element and returns it (never the root). */
  leave(): Node {
    this.units.pop();
    return this.nodes.pop() as Node;
  }

  /**
   * Rebuilds the path to `node`'s parent from the DOM (the walk starts inside the root, jumps, or
   * the page moved things between slices). False if `node` is no longer inside the root.
   */
  resync(node: Node): boolean {
    const chain: Node[] = [];
    let p = node.parentNode;
    while (p && p !== this.root) {
      chain.push(p);
      p = p.parentNode;
    }
    if (p !== this.root) return false;
    this.nodes.length = 1;
    this.units.length = 1;
    for (let i = chain.length - 1; i >= 0; i--) {
      const el = chain[i] as Element;
      this.nodes.push(el);
      this.units.push(el.nodeType === 1 && !isInlineTag(el) ? el : this.unit);
    }
    return true;
  }
}
