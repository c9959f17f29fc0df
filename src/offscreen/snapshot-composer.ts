import type { AgentSnapshot, AudioSnapshot, PhoneSnapshot, Snapshot } from '../contract/snapshot';

/** The parts a snapshot is made of, each read when a snapshot is built. A CTI part joins here. */
export interface SnapshotParts {
  phone: { read(): PhoneSnapshot };
  agent: { read(): AgentSnapshot };
  audio?: { read(): AudioSnapshot };
}

export interface ComposerDeps {
  /** Random per offscreen document: listeners restart their `seq` order when it changes. */
  id: string;
  /**
   * Runs `callback` after the current task. Publishing is an IPC broadcast: done later, it
   * does not hold up the work that caused it (a dial's offer and INVITE).
   */
  defer(callback: () => void): void;
  /** Called with the newest snapshot after one or more changes. */
  publish(snapshot: Snapshot): void;
}

/**
 * Builds the one snapshot of the offscreen document from its parts and owns its `seq`: every
 * change of any part gets a new number at once, and changes within one task are published
 * together.
 */
export class SnapshotComposer {
  #seq = 0;
  #pending = false;
  #parts: SnapshotParts | null = null;
  #updateWaiting = false;

  constructor(private readonly deps: ComposerDeps) {}

  get id(): string {
    return this.deps.id;
  }

  /** Parts are attached after construction because they are built with `changed` as their callback. */
  attach(parts: SnapshotParts): void {
    this.#parts = parts;
  }

  changed(): void {
    this.#seq += 1;
    if (this.#pending) return;
    this.#pending = true;
    this.deps.defer(() => {
      this.#pending = false;
      this.deps.publish(this.snapshot());
    });
  }

  /** Set by the service worker while an extension update waits for the calls to end. */
  setUpdateWaiting(waiting: boolean): void {
    if (waiting === this.#updateWaiting) return;
    this.#updateWaiting = waiting;
    this.changed();
  }

  snapshot(): Snapshot {
    const parts = this.#parts;
    if (!parts) throw new Error('SnapshotComposer: snapshot() before attach()');
    const audio = parts.audio?.read();
    return {
      engineId: this.deps.id,
      seq: this.#seq,
      ...parts.phone.read(),
      agent: parts.agent.read(),
      updateWaiting: this.#updateWaiting,
      ...(audio ? { audio } : {}),
    };
  }
}
