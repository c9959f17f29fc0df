/**
 * A fake `DialbarClient` for the seed SDK facades' unit tests: it records every command, lets a
 * test refuse one with Dialbar's code and sentence, and pushes states as the real client would
 * (the state first, then the catch-all `state` event). Builders make states and calls.
 */
import type {
  DialbarClient,
  DialOptions,
  PageAgent,
  PageCall,
  PageEventMap,
  PageEventType,
  PageState,
} from '../../src/page-api/client/types';

export function pageAgent(overrides: Partial<PageAgent> = {}): PageAgent {
  return {
    state: 'ready',
    reason: null,
    since: 1_000,
    busy: false,
    wrapUpEndsAt: null,
    allowed: ['NOT_READY'],
    reasons: ['Break', 'Lunch', 'Meeting', 'Training'],
    ...overrides,
  };
}

export function pageCall(overrides: Partial<PageCall> = {}): PageCall {
  return {
    id: 'call-1',
    direction: 'incoming',
    state: 'incoming',
    muted: false,
    heldByRemote: false,
    number: '+14155550100',
    displayName: '',
    callData: {},
    createdAt: 2_000,
    answeredAt: null,
    endedAt: null,
    end: null,
    allowed: [],
    ...overrides,
  };
}

export function pageState(overrides: Partial<Omit<PageState, 'agent'>> & { agent?: Partial<PageAgent> } = {}): PageState {
  const { agent, ...rest } = overrides;
  return {
    version: 1,
    registration: { state: 'registered', error: null },
    calls: [],
    dial: { allowed: true, refusal: null },
    ...rest,
    agent: pageAgent(agent),
  };
}

export type RecordedCommand = { name: string; args: unknown[] };

export class FakeDialbarClient implements DialbarClient {
  state: PageState | null = null;
  readonly commands: RecordedCommand[] = [];
  private readonly listeners = new Map<PageEventType, Set<(event: never) => void>>();
  private readonly refusals = new Map<string, { code: string; message: string }>();
  private nextCallId = 1;

  /** The next `name` command rejects as Dialbar would: an error with `code` and the sentence. */
  refuse(name: string, code: string, message: string): void {
    this.refusals.set(name, { code, message });
  }

  /** Sets the state and emits `state` (and any specific event given). */
  push(state: PageState, specific?: { [K in PageEventType]?: Omit<PageEventMap[K], 'state'> }): void {
    this.state = state;
    for (const [type, event] of Object.entries(specific ?? {})) this.emit(type as PageEventType, { ...event, state } as never);
    this.emit('state', { state });
  }

  emit<K extends PageEventType>(type: K, event: PageEventMap[K]): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) (listener as (event: PageEventMap[K]) => void)(event);
  }

  listenerCount(): number {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }

  private async run<T>(name: string, args: unknown[], result: T): Promise<T> {
    this.commands.push({ name, args });
    const refusal = this.refusals.get(name);
    if (refusal) {
      this.refusals.delete(name);
      throw Object.assign(new Error(refusal.message), { code: refusal.code });
    }
    return result;
  }

  dial(number: string, options?: DialOptions) {
    return this.run('dial', [number, options], { callId: `out-${this.nextCallId++}` });
  }
  hangup(callId?: string) {
    return this.run('hangup', [callId], undefined);
  }
  answer(callId?: string) {
    return this.run('answer', [callId], undefined);
  }
  hold(callId?: string) {
    return this.run('hold', [callId], undefined);
  }
  resume(callId?: string) {
    return this.run('resume', [callId], undefined);
  }
  sendDtmf(digits: string, callId?: string) {
    return this.run('sendDtmf', [digits, callId], undefined);
  }
  transfer(target: string, callId?: string) {
    return this.run('transfer', [target, callId], undefined);
  }
  setAgentState(state: 'ready' | 'notReady' | 'endWrapUp', reason?: string) {
    return this.run('setAgentState', [state, reason], undefined);
  }
  async getState(): Promise<PageState> {
    if (!this.state) throw new Error('no state yet');
    return this.state;
  }
  on<K extends PageEventType>(type: K, listener: (event: PageEventMap[K]) => void): () => void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener as (event: never) => void);
    this.listeners.set(type, set);
    return () => set.delete(listener as (event: never) => void);
  }
  close(): void {
    this.listeners.clear();
  }
}
