/**
 * The workbench localStorage-key shim end to end in fakes: several documents (tabs, frames) of one
 * origin share one fake localStorage whose writes queue `storage` events for every OTHER document
 * (never the writer's), delivered when and in the order a test says; each document runs the real
 * content half; their reports reach the real service-worker gate over a fake storage.session that
 * yields between its reads and writes, in any order the test picks.
 */
import { describe, expect, it } from 'vitest';
import { CLAIMS_KEPT, createWorkbenchKeyGate, type KeyActions, type KeyOutcome } from '../../../src/background/workbench-key-gate';
import { type KeyReport, startWorkbenchKeyShim } from '../../../src/content/shims/workbench-key-shim';
import { pageCall, pageState } from '../../fakes/fake-dialbar-client';

const ORIGIN = 'https://crm.example.com';

class FakeOrigin {
  readonly data = new Map<string, string>();
  readonly docs: FakeDoc[] = [];
  writes = 0;
  setItem(writer: FakeDoc | null, key: string, value: string): void {
    this.writes++;
    // As the spec says: a write that changes nothing fires no event.
    if (this.data.get(key) === value) return;
    this.data.set(key, value);
    for (const doc of this.docs) if (doc !== writer) doc.pendingEvents.push(key);
  }
}

type Listener = (event: { type: string; key?: string | null; isTrusted?: boolean }) => void;

class FakeDoc {
  readonly pendingEvents: string[] = [];
  readonly reports: KeyReport[] = [];
  active = false;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly intervals = new Map<number, () => void>();
  private timeouts: (() => void)[] = [];
  private nextTimer = 1;
  readonly controller = new AbortController();
  readonly shim;

  constructor(
    readonly origin: FakeOrigin,
    sw: FakeWorker,
  ) {
    origin.docs.push(this);
    this.shim = startWorkbenchKeyShim(
      {
        storage: { getItem: (key) => origin.data.get(key) ?? null, setItem: (key, value) => origin.setItem(this, key, value) },
        target: {
          addEventListener: (type: string, listener: unknown) => {
            const set = this.listeners.get(type) ?? new Set();
            set.add(listener as Listener);
            this.listeners.set(type, set);
          },
          removeEventListener: (type: string, listener: unknown) => this.listeners.get(type)?.delete(listener as Listener),
        } as Pick<EventTarget, 'addEventListener' | 'removeEventListener'>,
        activation: () => this.active,
        report: (report) => {
          this.reports.push(report);
          return sw.send(report);
        },
        timers: {
          setInterval: (run) => {
            const id = this.nextTimer++;
            this.intervals.set(id, run);
            return id;
          },
          clearInterval: (id) => this.intervals.delete(id as number),
          setTimeout: (run) => this.timeouts.push(run),
        },
        log: (where, error) => {
          throw new Error(`${where}: ${String(error)}`);
        },
      },
      this.controller.signal,
    );
  }

  /** The page's own script writes (no event here; one queued for every other document). */
  write(key: string, value: string): void {
    this.origin.setItem(this, key, value);
  }
  /** A person clicks; the page's click handler runs `handler` (and may write), then queued timeouts run. */
  click(handler: () => void = () => {}): void {
    this.active = true;
    this.fire({ type: 'click', isTrusted: true });
    handler();
    const due = this.timeouts;
    this.timeouts = [];
    for (const run of due) run();
  }
  poll(): void {
    for (const run of this.intervals.values()) run();
  }
  deliverEvents(): void {
    for (const key of this.pendingEvents.splice(0)) this.fire({ type: 'storage', key });
  }
  fire(event: { type: string; key?: string | null; isTrusted?: boolean }): void {
    for (const listener of this.listeners.get(event.type) ?? []) listener(event);
  }
  listenerCount(): number {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0) + this.intervals.size;
  }
}

/** A storage.session that yields a macrotask between every read and write, so claims interleave unless chained. */
function slowSession(store: Record<string, unknown> = {}) {
  const later = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    store,
    get: async (key: string) => {
      await later();
      return key in store ? { [key]: structuredClone(store[key]) } : {};
    },
    set: async (items: Record<string, unknown>) => {
      await later();
      Object.assign(store, structuredClone(items));
    },
  };
}

/** The service worker: reports wait in a mailbox until the test delivers them (any order, all at once). */
class FakeWorker {
  readonly dials: { number: string; callerId?: string }[] = [];
  hangups = 0;
  silent = false;
  private mailbox: { report: KeyReport; done: (outcome: KeyOutcome) => void }[] = [];
  gate;

  constructor(readonly session = slowSession()) {
    this.gate = this.startGate();
  }
  startGate() {
    return createWorkbenchKeyGate({ session: this.session });
  }
  actions(): KeyActions {
    return {
      dial: async (number, options) => {
        this.dials.push({ number, ...options });
        return { callId: `c${this.dials.length}` };
      },
      hangup: async () => {
        this.hangups++;
      },
      mayDialSilently: this.silent,
    };
  }
  /** A stopped and restarted worker: memory gone, storage.session kept. */
  restart(): void {
    this.gate = this.startGate();
  }
  send(report: KeyReport): Promise<KeyOutcome> {
    return new Promise((done) => this.mailbox.push({ report, done }));
  }
  pending(): number {
    return this.mailbox.length;
  }
  /** Hands every waiting report to the gate at once, in the order given by `order` (indexes), and waits for all. */
  async deliver(order?: (count: number) => number[]): Promise<string[]> {
    const mail = this.mailbox.splice(0);
    const indexes = order ? order(mail.length) : mail.map((_, i) => i);
    const outcomes = await Promise.all(
      indexes.map(async (i) => {
        const item = mail[i];
        if (!item) throw new Error(`no report ${i}`);
        const outcome = await this.gate.handle(ORIGIN, item.report, this.actions());
        item.done(outcome);
        return outcome.outcome;
      }),
    );
    return outcomes;
  }
}

const callValue = (callee: string, random = Math.random()) =>
  JSON.stringify({ callee, caller: '057128236231', publicKey: '', useVirNumCall: true, random });

function originWith(tabs: number) {
  const origin = new FakeOrigin();
  const sw = new FakeWorker();
  const docs = Array.from({ length: tabs }, () => new FakeDoc(origin, sw));
  return { origin, sw, docs };
}

/** Every document hears its storage events and polls once. */
function settle(docs: FakeDoc[]): void {
  for (const doc of docs) {
    doc.deliverEvents();
    doc.poll();
  }
}

const reversed = (n: number) => Array.from({ length: n }, (_, i) => n - 1 - i);
const rotated = (n: number) => Array.from({ length: n }, (_, i) => (i + 2) % n);

describe('workbench key shim: one write dials exactly once', () => {
  it('one tab: a click handler that writes workbenchSdkCall dials once, read right after the click (no storage event exists)', async () => {
    const { sw, docs } = originWith(1);
    const [tab] = docs as [FakeDoc];
    tab.click(() => tab.write('workbenchSdkCall', callValue('15588888888')));
    expect(tab.reports).toEqual([{ key: 'workbenchSdkCall', value: expect.any(String), activation: true }]);
    expect(await sw.deliver()).toEqual(['dialled']);
    tab.poll();
    tab.poll();
    expect(sw.pending()).toBe(0);
    expect(sw.dials).toEqual([{ number: '15588888888', callerId: '057128236231' }]);
  });

  it('one tab: a write from a timer or a network callback is read by the poll', async () => {
    const { sw, docs } = originWith(1);
    const [tab] = docs as [FakeDoc];
    tab.active = true;
    tab.write('workbenchSdkCall', callValue('15588888888'));
    expect(sw.pending()).toBe(0);
    tab.poll();
    expect(await sw.deliver()).toEqual(['dialled']);
    expect(sw.dials).toHaveLength(1);
  });

  const events = (docs: FakeDoc[]) => {
    for (const doc of docs) doc.deliverEvents();
  };
  const polls = (docs: FakeDoc[]) => {
    for (const doc of docs) doc.poll();
  };
  const orders: [string, (docs: FakeDoc[]) => void, ((n: number) => number[]) | undefined][] = [
    [
      'events first, then polls; reports in order',
      (docs) => {
        events(docs);
        polls(docs);
      },
      undefined,
    ],
    [
      'writer polls first, events later; reports reversed',
      (docs) => {
        docs[0]?.poll();
        events(docs);
      },
      reversed,
    ],
    [
      'other tabs read the value by their poll before their storage event arrives; reports rotated',
      (docs) => {
        polls(docs);
        events(docs);
      },
      rotated,
    ],
    [
      'events in reverse tab order, writer last; reports reversed',
      (docs) => {
        for (const doc of [...docs].reverse()) {
          doc.deliverEvents();
          doc.poll();
        }
      },
      reversed,
    ],
  ];

  it.each(orders)('five tabs, %s: every tab reports once, one dials', async (_name, run, order) => {
    const { sw, docs } = originWith(5);
    // Silent dialling on: every report reaches the claim at once, so only the claim stands between them and five dials.
    sw.silent = true;
    const writer = docs[0] as FakeDoc;
    writer.active = true;
    writer.write('workbenchSdkCall', callValue('15588888888'));
    run(docs);
    polls(docs);
    expect(docs.map((d) => d.reports.length)).toEqual([1, 1, 1, 1, 1]);
    const outcomes = await sw.deliver(order);
    expect(outcomes.filter((o) => o === 'dialled')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(4);
    expect(sw.dials).toHaveLength(1);
  });

  it('reports without activation that arrive first do not use up the write: the writer’s own report dials', async () => {
    const { sw, docs } = originWith(5);
    const writer = docs[4] as FakeDoc;
    writer.click(() => writer.write('workbenchSdkCall', callValue('15588888888')));
    for (const doc of docs) doc.deliverEvents();
    // Mailbox order: the writer's report came first; deliver it last.
    expect(await sw.deliver(rotated)).toEqual(['needs-activation', 'needs-activation', 'needs-activation', 'dialled', 'needs-activation']);
    expect(sw.dials).toHaveLength(1);
  });

  it('a write nobody clicked for dials nothing, unless the origin allows silent dialling', async () => {
    const { sw, docs } = originWith(2);
    (docs[0] as FakeDoc).write('workbenchSdkCall', callValue('1'));
    settle(docs);
    expect(await sw.deliver()).toEqual(['needs-activation', 'needs-activation']);
    sw.silent = true;
    (docs[0] as FakeDoc).write('workbenchSdkCall', callValue('2'));
    settle(docs);
    expect((await sw.deliver()).sort()).toEqual(['dialled', 'duplicate']);
    expect(sw.dials.map((d) => d.number)).toEqual(['2']);
  });

  it('a compromised tab that sends one report twenty times at once gets one dial', async () => {
    const { sw, docs } = originWith(1);
    const report: KeyReport = { key: 'workbenchSdkCall', value: callValue('15588888888'), activation: true };
    for (let i = 0; i < 20; i++) void sw.send(report);
    const outcomes = await sw.deliver(reversed);
    expect(outcomes.filter((o) => o === 'dialled')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(19);
    expect(sw.dials).toHaveLength(1);
    expect(docs).toHaveLength(1);
  });

  it('a worker stopped between two reports of one write remembers the first (storage.session)', async () => {
    const { sw, docs } = originWith(2);
    const writer = docs[0] as FakeDoc;
    writer.click(() => writer.write('workbenchSdkCall', callValue('15588888888')));
    expect(await sw.deliver()).toEqual(['dialled']);
    sw.restart();
    (docs[1] as FakeDoc).deliverEvents();
    sw.silent = true;
    expect(await sw.deliver()).toEqual(['duplicate']);
    expect(sw.dials).toHaveLength(1);
  });

  it('a value already in the key when a document starts is old news: a tab opened later does not dial it again', async () => {
    const { origin, sw, docs } = originWith(1);
    const tab = docs[0] as FakeDoc;
    tab.click(() => tab.write('workbenchSdkCall', callValue('15588888888')));
    await sw.deliver();
    const later = new FakeDoc(origin, sw);
    later.active = true;
    later.poll();
    later.click();
    expect(later.reports).toEqual([]);
    expect(sw.dials).toHaveLength(1);
  });

  it('two writes are two dials; a hang-up write hangs up once across three tabs', async () => {
    const { sw, docs } = originWith(3);
    const [a, b, c] = docs as [FakeDoc, FakeDoc, FakeDoc];
    a.click(() => a.write('workbenchSdkCall', callValue('111')));
    b.click(() => b.write('workbenchSdkCall', callValue('222')));
    settle(docs);
    await sw.deliver(reversed);
    expect(sw.dials.map((d) => d.number).sort()).toEqual(['111', '222']);
    c.write('workbenchSdkHangup', String(Math.random()));
    settle(docs);
    expect((await sw.deliver(rotated)).sort()).toEqual(['duplicate', 'duplicate', 'hung-up']);
    expect(sw.hangups).toBe(1);
  });

  it('a value Dialbar cannot dial is refused with a reason, and dials nothing', async () => {
    const { sw, docs } = originWith(1);
    const tab = docs[0] as FakeDoc;
    for (const value of ['not json', '[1]', '{"random":1}', '{"callee":"  "}', JSON.stringify({ callee: 'c2VjcmV0', publicKey: 'KEY', random: 1 })]) {
      tab.click(() => tab.write('workbenchSdkCall', value));
    }
    const outcomes = await sw.deliver();
    expect(outcomes).toEqual(['bad-value', 'bad-value', 'bad-value', 'bad-value', 'bad-value']);
    expect(sw.dials).toEqual([]);
    const outcome = await sw.gate.handle(ORIGIN, { key: 'workbenchSdkCall', value: '{"callee":"1","publicKey":"K"}', activation: true }, sw.actions());
    expect(outcome).toEqual({ outcome: 'bad-value', reason: 'Dialbar cannot dial an encrypted number: write the number itself as callee.' });
  });

  it('a stopped document reports nothing and leaves no listener or timer behind', () => {
    const { sw, docs } = originWith(1);
    const tab = docs[0] as FakeDoc;
    tab.controller.abort();
    tab.click(() => tab.write('workbenchSdkCall', callValue('1')));
    tab.poll();
    expect(sw.pending()).toBe(0);
    expect(tab.listenerCount()).toBe(0);
  });
});

describe('workbench key gate: claims', () => {
  it('keeps the newest claims of the session, bounded; an origin’s claim does not cover another origin', async () => {
    const session = { store: {} as Record<string, unknown>, get: async (key: string) => ({ [key]: session.store[key] }), set: async (items: Record<string, unknown>) => void Object.assign(session.store, items) };
    const gate = createWorkbenchKeyGate({ session });
    for (let i = 0; i <= CLAIMS_KEPT; i++) expect(await gate.claim(ORIGIN, 'workbenchSdkHangup', String(i))).toBe(true);
    expect(session.store.workbenchKeyClaims).toHaveLength(CLAIMS_KEPT);
    expect(await gate.claim(ORIGIN, 'workbenchSdkHangup', String(CLAIMS_KEPT))).toBe(false);
    expect(await gate.claim('https://other.example.com', 'workbenchSdkHangup', String(CLAIMS_KEPT))).toBe(true);
    expect(await gate.claim(ORIGIN, 'workbenchSdkCall', String(CLAIMS_KEPT))).toBe(true);
  });

  it('a storage.session that fails refuses the report instead of dialling, and later claims still work', async () => {
    const working = slowSession();
    let fail = true;
    const session = { get: (key: string) => (fail ? Promise.reject(new Error('quota')) : working.get(key)), set: working.set };
    let dials = 0;
    const gate = createWorkbenchKeyGate({ session });
    const act: KeyActions = { dial: async () => ({ callId: String(++dials) }), hangup: async () => {}, mayDialSilently: true };
    await expect(gate.handle(ORIGIN, { key: 'workbenchSdkCall', value: callValue('1'), activation: true }, act)).rejects.toThrow('quota');
    expect(dials).toBe(0);
    fail = false;
    expect(await gate.handle(ORIGIN, { key: 'workbenchSdkCall', value: callValue('2'), activation: true }, act)).toEqual({ outcome: 'dialled', callId: '1' });
  });
});

describe('workbench key shim: workbenchSdkStatus', () => {
  it('follows Dialbar’s state with 002’s codes, written once per change across tabs', () => {
    const { origin, docs } = originWith(3);
    const states = [
      pageState(),
      pageState({ calls: [pageCall({ state: 'incoming' })], agent: { busy: true } }),
      pageState({ calls: [pageCall({ state: 'talking', answeredAt: 1 })], agent: { busy: true } }),
      pageState({ agent: { state: 'afterCall' } }),
      pageState({ agent: { state: 'notReady', reason: 'Lunch' } }),
    ];
    const seen: (string | undefined)[] = [];
    for (const state of states) {
      for (const doc of docs) doc.shim.status(state);
      seen.push(origin.data.get('workbenchSdkStatus'));
    }
    expect(seen).toEqual(['3', '6', '9', '5', '4']);
    // Each change written by the first tab to see it; the other tabs found it there already.
    expect(origin.writes).toBe(states.length);
  });
});
