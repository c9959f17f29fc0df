import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PhoneFeed } from '../../../src/content/phone-feed';
import type { ContentSnapshot } from '../../../src/contract/snapshot';
import { broadcastMessage } from '../../../src/messaging/broadcast';
import { serve } from '../../../src/messaging/server';
import { FakeBus } from '../../fakes/fake-runtime';
import { backgroundHandlers } from '../../fakes/background-handlers';

const BUSY = { code: 'call-in-progress' as const, message: 'Finish the current call before starting another.' };

function view(seq: number, refused: boolean, engineId = 'e1'): ContentSnapshot {
  return {
    engineId,
    seq,
    registration: { state: 'registered' },
    dial: refused ? { allowed: false, refusal: BUSY } : { allowed: true, refusal: null },
    calls: [],
  };
}

describe('phone feed (content script)', () => {
  let bus: FakeBus;
  beforeEach(() => {
    fakeBrowser.reset();
    bus = new FakeBus();
  });

  it('subscribes once on first use, then follows pushes newest first', async () => {
    const background = bus.page('background.js');
    const subscribe = vi.fn(() => view(1, false));
    serve(background, 'background', backgroundHandlers({ 'background.subscribe': subscribe }));
    const feed = new PhoneFeed(bus.contentScript(), () => {});
    const changes = vi.fn();
    feed.onChange(changes, new AbortController().signal);
    expect(feed.latest()).toBeNull();
    feed.follow();
    feed.follow();
    await vi.waitFor(() => expect(feed.latest()?.seq).toBe(1));
    expect(subscribe).toHaveBeenCalledOnce();
    expect(feed.dialRefusal()).toBeNull();

    await bus.toFrame(background, 7, 0, broadcastMessage('background.contentSnapshot', view(3, true)));
    expect(feed.dialRefusal()).toBe(BUSY.message);
    expect(feed.busyHint()).toBe(BUSY.message);
    // An older push that arrives late changes nothing; a new engine restarts the order.
    await bus.toFrame(background, 7, 0, broadcastMessage('background.contentSnapshot', view(2, false)));
    expect(feed.dialRefusal()).toBe(BUSY.message);
    await bus.toFrame(background, 7, 0, broadcastMessage('background.contentSnapshot', view(1, false, 'e2')));
    expect(feed.dialRefusal()).toBeNull();
    expect(changes).toHaveBeenCalledTimes(3);
    // No account: the refusal is known, but the card does not repeat it on every hover.
    const none = { code: 'not-configured' as const, message: 'Dialbar has no phone account yet. Open the options to set one up.' };
    await bus.toFrame(background, 7, 0, broadcastMessage('background.contentSnapshot', { ...view(2, false, 'e2'), dial: { allowed: false, refusal: none } }));
    expect(feed.dialRefusal()).toBe(none.message);
    expect(feed.busyHint()).toBeNull();
  });

  it('ignores pushes that do not come from the service worker or do not fit the schema', async () => {
    const background = bus.page('background.js');
    serve(background, 'background', backgroundHandlers({ 'background.subscribe': () => view(1, false) }));
    const feed = new PhoneFeed(bus.contentScript(), () => {});
    feed.follow();
    await vi.waitFor(() => expect(feed.latest()?.seq).toBe(1));
    const popup = bus.page('popup.html');
    await bus.toFrame(popup, 7, 0, broadcastMessage('background.contentSnapshot', view(5, true)));
    await bus.toFrame(background, 7, 0, { dialbar: 1, broadcast: 'background.contentSnapshot', payload: { ...view(6, true), dial: 'no' } });
    expect(feed.latest()?.seq).toBe(1);
  });

  it('stops hearing pushes once stopped, and a failed subscribe is logged, not thrown', async () => {
    const log = vi.fn();
    const background = bus.page('background.js');
    const feed = new PhoneFeed(bus.contentScript(), log);
    feed.follow();
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith('phone feed', expect.objectContaining({ code: 'engine-unavailable' })));
    feed.stop();
    serve(background, 'background', backgroundHandlers());
    await expect(bus.toFrame(background, 7, 0, broadcastMessage('background.contentSnapshot', view(9, true)))).rejects.toThrow();
    expect(feed.latest()).toBeNull();
  });
});
