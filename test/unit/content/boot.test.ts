import { parseHTML } from 'linkedom';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { protocol } from '../../../src/contract/protocol';
import { BOOT_STATE_KEY, startBoot } from '../../../src/content/boot/boot';
import { FIRST_LOOK_MS } from '../../../src/content/boot/early-looks';
import {
  CANDIDATE_DIGITS,
  documentHasCandidate,
  isCallLink,
  mutationsHaveCandidate,
  textHasCandidate,
  textHasCandidateRun,
  watchForCandidates,
} from '../../../src/content/boot/candidates';
import { CALL_SCHEMES } from '../../../src/content/dial/link-target';
import { MIN_LABELLED_DIGITS } from '../../../src/detect/pieces';
import { RequestEnvelopeSchema } from '../../../src/messaging/envelope';
import { claimWorld, connectHeard } from '../../../src/content/world-flag';

function page(body: string, head = '') {
  const { document, MutationObserver } = parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`) as unknown as {
    document: Document;
    MutationObserver: typeof globalThis.MutationObserver;
  };
  // The frame's window, where a page API client posts (an EventTarget is all the bootstrap uses).
  const win = new EventTarget() as unknown as Window;
  return { doc: document, MutationObserver, win };
}

/** A window message as the browser delivers it: `source` is the posting window. */
function post(win: Window, data: unknown, source: unknown = win): void {
  win.dispatchEvent(Object.assign(new Event('message'), { data, source }));
}

const found = (body: string) => documentHasCandidate(page(body).doc, () => {});
/** Lets linkedom deliver its mutation records. */
const delivered = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('the bootstrap candidate check', () => {
  it('is never stricter than the detector: it needs no more digits than a labelled number has', () => {
    expect(CANDIDATE_DIGITS).toBeLessThanOrEqual(MIN_LABELLED_DIGITS);
  });

  it.each([
    ['+1 415 555 0132', true],
    ['Tel.No.011-2345', true],
    ['0 8 0 0   1 2 3', true],
    ['هاتف: +٩٦٦ ١١ ٤٦٥', true], // Arabic-Indic digits
    ['ＴＥＬ ０３１２３４', true], // fullwidth digits
    ['Copyright 2024', true],
    ['Welcome to our shop, we are glad to see you.', false],
    ['Room 12, floor 3', false],
    ['1 item in 2 boxes and 3 bags', false],
    ['', false],
  ])('%s → %s', (text, expected) => {
    expect(textHasCandidate(text)).toBe(expected);
  });

  it('reads a number split over inline elements', () => {
    expect(found('<p>Call <b>41</b><i>5 5</i>55 0132</p>')).toBe(true);
    expect(found('<p><span>4</span><span>1</span><span>5</span><span>5</span></p>')).toBe(true);
  });

  it('skips scripts, styles, templates and text areas, like the scanner', () => {
    expect(found('<script>var id = 12345678;</script><style>.a{width:1234px}</style><p>Hello there</p>')).toBe(false);
    expect(found('<template><p>555 0132</p></template><textarea>555 0132</textarea><p>Hi</p>')).toBe(false);
  });

  it('counts a call link with no digits around it as a candidate, for every scheme the tel-link feature dials', () => {
    expect(found('<p>Write to us.</p>')).toBe(false);
    expect(found('<a href="tel:+14155550132">Call us</a>')).toBe(true);
    const { doc } = page('');
    for (const scheme of CALL_SCHEMES) {
      const link = doc.createElement('a');
      link.setAttribute('href', `${scheme.toUpperCase()}x`);
      expect(isCallLink(link), scheme).toBe(true);
    }
    const mail = doc.createElement('a');
    mail.setAttribute('href', 'mailto:x@example.com');
    expect(isCallLink(mail)).toBe(false);
  });

  it('reads open shadow roots where the document has an element that is not plain HTML, and reports them for watching', () => {
    const { doc } = page('<p>Welcome</p><x-hotline id="host"></x-hotline>');
    const root = (doc.getElementById('host') as Element).attachShadow({ mode: 'open' });
    root.innerHTML = '<p>Hotline 555 0132</p>';
    const seen: ShadowRoot[] = [];
    expect(documentHasCandidate(doc, (r) => seen.push(r))).toBe(true);
    expect(seen).toEqual([root]);
    // Shadow roots are left to the whole read once the page is parsed (the looks while it is parsed read text only).
    expect(textHasCandidateRun(doc)).toBe(false);
  });

  it('reads the text with a text-only tree walker; a plain div’s shadow root is not read then (the documented limit)', () => {
    const { doc } = page('<div><p>Welcome to <b>our</b> shop.</p><p>Room 12, floor 3</p></div>', '<title>Shop</title><style>p{margin:0}</style>');
    const touched = vi.spyOn(doc, 'createTreeWalker');
    expect(documentHasCandidate(doc, () => {})).toBe(false);
    expect(touched).toHaveBeenCalledWith(doc, 4);
    // A plain div with a shadow root is not read then (no custom element): the documented limit.
    const host = doc.querySelector('div') as Element;
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>555 0132</p>';
    expect(documentHasCandidate(doc, () => {})).toBe(false);
  });

  it('finds a call link by its href anywhere in it, leading spaces and any case included', () => {
    for (const scheme of CALL_SCHEMES) {
      expect(found(`<p>Reach us: <a href=" ${scheme.toUpperCase()}x">now</a></p>`), scheme).toBe(true);
      expect(found(`<map><area href="${scheme}x"></map>`), scheme).toBe(true);
    }
    expect(found('<a href="https://example.com/?next=tel:">Help</a>')).toBe(false);
  });

  it('drops a run that ends in a script, a style or a title; digits one leaves unfinished may join the text after (looser, never stricter)', () => {
    expect(found('<script>var id = 12345678;</script><p>Call 555</p>')).toBe(false);
    expect(found('<script>var x = 12</script><p>ext 34</p>')).toBe(true);
    expect(found('<head><title>Order 98765</title></head><p>Hi</p>')).toBe(false);
    expect(found('<style>.a{width:1234px}</style><p>Opening at 9</p>')).toBe(false);
  });
});

describe('the bootstrap candidate check, reading the markup of a document with no number in its text', () => {
  // linkedom's document serializes as the browser's XMLSerializer does for these (tags and attributes as written).
  const serialize = (doc: Document) => String(doc);
  const read = (body: string, calls?: string[]) =>
    documentHasCandidate(page(body).doc, () => {}, (doc) => {
      calls?.push('serialize');
      return serialize(doc);
    });

  it('answers as the selectors do, for links of every scheme, hosts and plain pages', () => {
    for (const scheme of CALL_SCHEMES) {
      expect(read(`<p>Reach us: <a href=" ${scheme.toUpperCase()}x">now</a></p>`), scheme).toBe(true);
      expect(read(`<map><area href="${scheme}x"></map>`), scheme).toBe(true);
    }
    // Loose in the markup, refused by the link check.
    expect(read('<a href="https://example.com/?next=tel:">Help</a>')).toBe(false);
    expect(read('<p>Welcome to <b>our</b> shop.</p>')).toBe(false);
    const { doc } = page('<p>Welcome</p><x-hotline id="host"></x-hotline>');
    const root = (doc.getElementById('host') as Element).attachShadow({ mode: 'open' });
    root.innerHTML = '<p>Hotline 555 0132</p>';
    const seen: ShadowRoot[] = [];
    expect(documentHasCandidate(doc, (r) => seen.push(r), serialize)).toBe(true);
    expect(seen).toEqual([root]);
  });

  it('asks no selector of a page with neither a link nor a custom tag in its markup, and is read only after its text', () => {
    const { doc } = page('<div><p>Welcome</p><img alt="x-ray" src="a-b.png" data-x-y="1"></div>');
    const spy = vi.spyOn(doc, 'querySelector');
    const calls: string[] = [];
    const counted = (d: Document) => {
      calls.push('serialize');
      return serialize(d);
    };
    expect(documentHasCandidate(doc, () => {}, counted)).toBe(false);
    expect(spy).not.toHaveBeenCalled();
    expect(calls).toEqual(['serialize']);
    // A number in the text: the markup is never read.
    const none: string[] = [];
    expect(read('<p>Call 030 1234567</p>', none)).toBe(true);
    expect(none).toEqual([]);
  });

  it('asks the selectors when the serializer fails', () => {
    const { doc } = page('<p><a href="tel:5550132">Call us</a></p>');
    const throwing = () => {
      throw new Error('not serializable');
    };
    expect(documentHasCandidate(doc, () => {}, throwing)).toBe(true);
    expect(documentHasCandidate(page('<p>Welcome</p>').doc, () => {}, throwing)).toBe(false);
  });
});

describe('watching a document for candidates', () => {
  it('fires at once for a page with a number, once', () => {
    const onFound = vi.fn();
    watchForCandidates(page('<p>Call 030 1234567</p>'), onFound);
    expect(onFound).toHaveBeenCalledTimes(1);
  });

  it('fires when text with a number is added later, and only once', async () => {
    const p = page('<p>Loading…</p>');
    const onFound = vi.fn();
    watchForCandidates(p, onFound);
    expect(onFound).not.toHaveBeenCalled();
    const div = p.doc.createElement('div');
    div.textContent = 'Nothing to call here';
    p.doc.body.appendChild(div);
    await delivered();
    expect(onFound).not.toHaveBeenCalled();
    const row = p.doc.createElement('div');
    row.innerHTML = '<span>Support: +49 30 1234567</span>';
    p.doc.body.appendChild(row);
    await delivered();
    expect(onFound).toHaveBeenCalledTimes(1);
    p.doc.body.appendChild(row.cloneNode(true));
    await delivered();
    expect(onFound).toHaveBeenCalledTimes(1);
  });

  it('fires when a link becomes a call link', async () => {
    const q = page('<a id="l" href="/contact">Contact</a>');
    const onLink = vi.fn();
    watchForCandidates(q, onLink);
    q.doc.getElementById('l')?.setAttribute('href', 'tel:+14155550132');
    await delivered();
    expect(onLink).toHaveBeenCalledTimes(1);
  });

  it('sees existing text changed into a number (a characterData record; linkedom sends none, so it is built here)', () => {
    const { doc } = page('<p id="t">Call us <b>at</b> 030</p>');
    const text = doc.getElementById('t')?.firstChild as Text;
    const record = (target: Node) => ({ type: 'characterData', addedNodes: [], target }) as unknown as MutationRecord;
    expect(mutationsHaveCandidate([record(text)], () => {})).toBe(false);
    text.data = 'Call us 555 0132 ';
    expect(mutationsHaveCandidate([record(text)], () => {})).toBe(true);
    // The changed text completes a number with the text after it: "Call 55" + <b>50</b>.
    text.data = 'Call 5';
    expect(mutationsHaveCandidate([record(text)], () => {})).toBe(false);
    text.data = 'Call 55';
    expect(mutationsHaveCandidate([record(text)], () => {})).toBe(false);
    const b = doc.getElementById('t')?.querySelector('b') as Element;
    b.textContent = '50';
    expect(mutationsHaveCandidate([record(text)], () => {})).toBe(true);
  });

  it('reads an added piece with the text beside it (a number completed by a later node)', () => {
    const { doc } = page('<p id="p">Call +1 41</p>');
    const p = doc.getElementById('p') as Element;
    const more = doc.createTextNode('5');
    p.appendChild(more);
    const record = { type: 'childList', addedNodes: [more], target: p } as unknown as MutationRecord;
    expect(mutationsHaveCandidate([record], () => {})).toBe(true);
  });

  it('stops when told', async () => {
    const p = page('<p>Loading…</p>');
    const onFound = vi.fn();
    const stop = watchForCandidates(p, onFound);
    stop();
    const row = p.doc.createElement('p');
    row.textContent = 'Call 555 0132';
    p.doc.body.appendChild(row);
    await delivered();
    expect(onFound).not.toHaveBeenCalled();
  });
});

describe('the page bootstrap', () => {
  const runtime = () => ({ sendMessage: vi.fn(async (_message: unknown) => ({ ok: true, value: null })) });

  it('asks the worker for the page script with a request the contract accepts, once', async () => {
    const rt = runtime();
    const global = {};
    const boot = startBoot({ ...page('<p>Call 030 1234567</p>'), runtime: rt, log: vi.fn(), global });
    expect(boot.state).toBe('asked');
    expect((global as Record<symbol, unknown>)[BOOT_STATE_KEY]).toBe('asked');
    expect(rt.sendMessage).toHaveBeenCalledTimes(1);
    const envelope = v.parse(RequestEnvelopeSchema, rt.sendMessage.mock.calls[0]?.[0]);
    expect(envelope.type).toBe('background.loadScanner');
    expect(v.safeParse(protocol['background.loadScanner'].input, envelope.payload).success).toBe(true);
    expect(protocol['background.loadScanner'].from).toEqual(['content']);
  });

  it('asks nothing on a page with nothing to call, until a number comes', async () => {
    const rt = runtime();
    const p = page('<p>Welcome</p>');
    const boot = startBoot({ ...p, runtime: rt, log: vi.fn(), global: {} });
    expect(boot.state).toBe('watching');
    expect(rt.sendMessage).not.toHaveBeenCalled();
    p.doc.body.insertAdjacentHTML('beforeend', '<p>Call 555 0132</p>');
    await delivered();
    expect(rt.sendMessage).toHaveBeenCalledTimes(1);
  });

  it('asks a page whose text holds no candidate one selector for links and hosts, and the opt-out mark only once something is found', () => {
    const queries = (body: string, head = '', serialize?: (doc: Document) => string) => {
      const p = page(body, head);
      const spy = vi.spyOn(p.doc, 'querySelector');
      const boot = startBoot({ ...p, runtime: runtime(), log: vi.fn(), global: {}, ...(serialize ? { serialize } : {}) });
      return { state: boot.state, selectors: spy.mock.calls.map((c) => c[0]) };
    };
    // Nothing to call: links and hosts together, and no opt-out mark (nothing would be scanned anyway).
    const none = queries('<p>Welcome</p>', '<meta name="dialbar" content="off">');
    expect(none.state).toBe('watching');
    expect(none.selectors).toHaveLength(1);
    expect(none.selectors[0]).toMatch(/^a\[href\*="tel:" i\].*:not\(/);
    // With the markup given, no selector at all.
    expect(queries('<p>Welcome</p>', '', (d) => String(d))).toEqual({ state: 'watching', selectors: [] });
    // A number in the text: the opt-out mark, and no link or host is looked for (on a big table they cost a match per element).
    expect(queries('<p>Call 030 1234567</p><p><a href="tel:5550132">x</a></p>')).toEqual({ state: 'asked', selectors: ['meta[name="dialbar" i]'] });
    // With a link, a host or the mark, each is looked at as before.
    expect(queries('<p>Call 030 1234567</p>', '<meta name="dialbar" content="off">').state).toBe('off');
    expect(queries('<p><a href="tel:5550132">Call us</a></p>').state).toBe('asked');
    expect(queries('<p><a href="tel:5550132">Call us</a></p>', '<meta name="dialbar" content="off">').state).toBe('off');
    const host = queries('<p>Welcome</p><x-card></x-card>');
    expect(host.state).toBe('watching');
    expect(host.selectors.length).toBeGreaterThan(2);
  });

  it('does not scan a page that opted out, whatever it holds or gains', async () => {
    const rt = runtime();
    const p = page('<p>Call 030 1234567</p>', '<meta name="Dialbar" content=" OFF ">');
    const global = {};
    const boot = startBoot({ ...p, runtime: rt, log: vi.fn(), global });
    expect(boot.state).toBe('off');
    p.doc.body.insertAdjacentHTML('beforeend', '<p>Call 555 0132</p><a href="tel:5550132">x</a>');
    await delivered();
    expect((global as Record<symbol, unknown>)[BOOT_STATE_KEY]).toBe('off');
    expect(rt.sendMessage).not.toHaveBeenCalled();
  });

  it('honours an opt-out mark added after the page was read, at the next number', async () => {
    const rt = runtime();
    const p = page('<p>Welcome</p>');
    const global = {};
    startBoot({ ...p, runtime: rt, log: vi.fn(), global });
    p.doc.head.insertAdjacentHTML('beforeend', '<meta name="dialbar" content="off">');
    p.doc.body.insertAdjacentHTML('beforeend', '<p>Call 555 0132</p>');
    await delivered();
    expect((global as Record<symbol, unknown>)[BOOT_STATE_KEY]).toBe('off');
    expect(rt.sendMessage).not.toHaveBeenCalled();
  });

  it("asks for the page script when a page API client says connect, even with nothing to call or opted out", () => {
    for (const head of ['', '<meta name="dialbar" content="off">']) {
      const rt = runtime();
      const p = page('<p>Welcome</p>', head);
      const global = {};
      startBoot({ ...p, runtime: rt, log: vi.fn(), global });
      // Not the client's connect: another namespace, another kind, or posted by another window.
      post(p.win, { ns: 'other', kind: 'connect' });
      post(p.win, { ns: 'dialbar-page-api', kind: 'command' });
      post(p.win, { ns: 'dialbar-page-api', kind: 'connect' }, {});
      post(p.win, 'connect');
      expect(rt.sendMessage).not.toHaveBeenCalled();
      post(p.win, { ns: 'dialbar-page-api', v: 1, kind: 'connect' });
      post(p.win, { ns: 'dialbar-page-api', v: 1, kind: 'connect' });
      expect(rt.sendMessage).toHaveBeenCalledTimes(1);
      expect(v.parse(RequestEnvelopeSchema, rt.sendMessage.mock.calls[0]?.[0]).type).toBe('background.loadScanner');
      expect((global as Record<symbol, unknown>)[BOOT_STATE_KEY]).toBe('asked');
      // The page script's bridge will say `ready`, so this client connects again.
      expect(connectHeard(global)).toBe(true);
    }
  });

  it('notes a connect heard after it asked for numbers, before the bridge listens', () => {
    const rt = runtime();
    const global = {};
    const p = page('<p>Call 030 1234567</p>');
    startBoot({ ...p, runtime: rt, log: vi.fn(), global });
    expect(connectHeard(global)).toBe(false);
    post(p.win, { ns: 'dialbar-page-api', v: 1, kind: 'connect' });
    expect(connectHeard(global)).toBe(true);
    expect(rt.sendMessage).toHaveBeenCalledTimes(1);
  });

  it('asks nothing where the page script already runs in this world (registered on the page API origins)', () => {
    const rt = runtime();
    const global = {};
    expect(claimWorld(() => true, global)).not.toBeNull();
    const p = page('<p>Call 030 1234567</p>');
    startBoot({ ...p, runtime: rt, log: vi.fn(), global });
    post(p.win, { ns: 'dialbar-page-api', v: 1, kind: 'connect' });
    expect(rt.sendMessage).not.toHaveBeenCalled();
  });

  it('survives a runtime that throws (a copy orphaned by an update)', () => {
    const log = vi.fn();
    const boot = startBoot({
      ...page('<p>Call 030 1234567</p>'),
      runtime: {
        sendMessage: () => {
          throw new Error('Extension context invalidated.');
        },
      },
      log,
      global: {},
    });
    expect(boot.state).toBe('asked');
    expect(log).toHaveBeenCalledWith('boot', expect.any(Error));
  });
});

describe('the page bootstrap while the page is parsed', () => {
  const runtime = () => ({ sendMessage: vi.fn(async (_message: unknown) => ({ ok: true, value: null })) });
  /** A page still being parsed: `add` is the parser adding markup at a time on the test's clock; `parsed` its end. */
  function parsing(body: string, head = '') {
    const p = page(body, head);
    // linkedom's own Event: its documents cannot dispatch Node's.
    const { Event: DomEvent } = parseHTML('<html></html>') as unknown as { Event: typeof Event };
    let readyState: DocumentReadyState = 'loading';
    Object.defineProperty(p.doc, 'readyState', { configurable: true, get: () => readyState });
    const clock = { ms: 0 };
    const add = async (at: number, html: string) => {
      clock.ms = at;
      p.doc.body.insertAdjacentHTML('beforeend', html);
      await delivered();
    };
    const parsed = async () => {
      readyState = 'interactive';
      p.doc.dispatchEvent(new DomEvent('readystatechange'));
      await delivered();
    };
    return { ...p, now: () => clock.ms, add, parsed };
  }

  it('reads a page parsed quickly once, when its parser is done, not while it is parsed', async () => {
    const rt = runtime();
    const p = parsing('<p>Call 030 1234567</p>');
    const boot = startBoot({ ...p, runtime: rt, log: vi.fn(), global: {} });
    expect(boot.state).toBe('watching');
    await p.add(FIRST_LOOK_MS - 1, '<p>More: +49 30 1234567</p>');
    expect(rt.sendMessage).not.toHaveBeenCalled();
    await p.parsed();
    expect(rt.sendMessage).toHaveBeenCalledTimes(1);
  });

  it('asks while a long page is still parsed, at the first look after a number came', async () => {
    const rt = runtime();
    const p = parsing('<p>Loading</p>');
    startBoot({ ...p, runtime: rt, log: vi.fn(), global: {} });
    await p.add(FIRST_LOOK_MS, '<p>Nothing yet</p>');
    expect(rt.sendMessage).not.toHaveBeenCalled();
    // A number comes, but the next look is due only twice as late.
    await p.add(FIRST_LOOK_MS * 2, '<p>+49 30 1234567</p>');
    expect(rt.sendMessage).not.toHaveBeenCalled();
    await p.add(FIRST_LOOK_MS * 3, '<p>and more</p>');
    expect(rt.sendMessage).toHaveBeenCalledTimes(1);
    await p.parsed();
    expect(rt.sendMessage).toHaveBeenCalledTimes(1);
  });

  it('reads the opt-out mark at the first number while parsed, and then neither looks nor watches', async () => {
    const rt = runtime();
    const p = parsing('<p>Call 030 1234567</p>', '<meta name="dialbar" content="off">');
    const global = {};
    startBoot({ ...p, runtime: rt, log: vi.fn(), global });
    await p.add(FIRST_LOOK_MS * 10, '<p>+49 30 1234567</p>');
    await p.parsed();
    await p.add(FIRST_LOOK_MS * 100, '<p>+49 30 7654321</p>');
    expect((global as Record<symbol, unknown>)[BOOT_STATE_KEY]).toBe('off');
    expect(rt.sendMessage).not.toHaveBeenCalled();
  });

  it('watches for later numbers once parsed, and stops all of it when told', async () => {
    const rt = runtime();
    const p = parsing('<p>Welcome</p>');
    const boot = startBoot({ ...p, runtime: rt, log: vi.fn(), global: {} });
    await p.parsed();
    await p.add(FIRST_LOOK_MS * 10, '<p>Call 555 0132</p>');
    expect(rt.sendMessage).toHaveBeenCalledTimes(1);
    boot.stop();
    const q = parsing('<p>Welcome</p>');
    const rq = runtime();
    startBoot({ ...q, runtime: rq, log: vi.fn(), global: {} }).stop();
    await q.add(FIRST_LOOK_MS * 10, '<p>Call 555 0132</p>');
    await q.parsed();
    await q.add(FIRST_LOOK_MS * 20, '<p>Call 555 0133</p>');
    expect(rq.sendMessage).not.toHaveBeenCalled();
  });
});
