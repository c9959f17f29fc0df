/**
 * The seed SDKs speak of a call's life in steps (002: onCallComing / onCallDialing,
 * onCallEstablish, onCallRelease; 001: ring_*_event, call_connected_event, call_done_event).
 * The facades derive those steps from the client's state, one state after another, rather than
 * from the order in which the client emits its separate events: a state that skipped a step (a
 * call answered before its ringing was pushed, a call gone before its end was seen) still gives
 * every step, once each and in order. Calls already ended when first seen are history, not news.
 */
import type { PageCall } from './types';

export type CallStep =
  /** First seen, inbound (002 onCallComing) or outbound (002 onCallDialing). */
  | { kind: 'coming' | 'dialing'; call: PageCall }
  | { kind: 'established'; call: PageCall }
  /** Gone: ended, or no longer listed. `answered` says whether it was ever established. */
  | { kind: 'released'; call: PageCall; answered: boolean };

const CONNECTED = new Set(['talking', 'holding', 'held', 'resuming', 'joining', 'conference', 'transferring', 'transferringHeld']);
/** Remembered ids of released calls, so a lingering ended call is not announced again. */
const RELEASED_KEPT = 100;

function established(call: PageCall): boolean {
  return call.answeredAt !== null || CONNECTED.has(call.state);
}

function over(call: PageCall): boolean {
  return call.state === 'ended' || call.endedAt !== null;
}

/** Follows the calls of successive states and says which steps each new state brings. */
export class CallSteps {
  private readonly tracked = new Map<string, { call: PageCall; established: boolean }>();
  private readonly released: string[] = [];

  update(calls: readonly PageCall[]): CallStep[] {
    const steps: CallStep[] = [];
    const listed = new Set<string>();
    for (const call of calls) {
      listed.add(call.id);
      if (this.released.includes(call.id)) continue;
      let entry = this.tracked.get(call.id);
      if (!entry) {
        if (over(call)) {
          this.remember(call.id);
          continue;
        }
        entry = { call, established: false };
        this.tracked.set(call.id, entry);
        steps.push({ kind: call.direction === 'incoming' ? 'coming' : 'dialing', call });
      }
      entry.call = call;
      if (!entry.established && established(call)) {
        entry.established = true;
        steps.push({ kind: 'established', call });
      }
      if (over(call)) steps.push(this.release(call.id, call));
    }
    for (const [id, entry] of [...this.tracked]) {
      if (!listed.has(id)) steps.push(this.release(id, entry.call));
    }
    return steps;
  }

  private release(id: string, call: PageCall): CallStep {
    const answered = this.tracked.get(id)?.established ?? false;
    this.tracked.delete(id);
    this.remember(id);
    return { kind: 'released', call, answered };
  }

  private remember(id: string): void {
    this.released.push(id);
    if (this.released.length > RELEASED_KEPT) this.released.shift();
  }
}
