import { describe, expect, it, vi } from 'vitest';
import { createBackgroundHandlers } from '../../../src/background/handlers';
import {
  FULL_PAGE_SCRIPT,
  injectPageScript,
  PAGE_SCRIPT,
  pageScriptFiles,
} from '../../../src/background/inject-existing-tabs';
import { notify } from '../../../src/messaging/notify';
import { request } from '../../../src/messaging/client';
import { serve } from '../../../src/messaging/server';
import type { FileInjection, FrameTarget } from '../../../src/platform';
import { frameOnlyDeps } from '../../fakes/background-handlers';
import { FakeBus } from '../../fakes/fake-runtime';

/** The worker's handlers with only the page script loader live. */
function worker(bus: FakeBus) {
  const loaded: Array<FrameTarget & { origin: string | null }> = [];
  const handlers = createBackgroundHandlers(
    frameOnlyDeps({
      loadPageScript: async (target, origin) => {
        loaded.push({ ...target, origin });
      },
    }),
  );
  serve(bus.page('background.js'), 'background', handlers);
  return loaded;
}

describe('background.loadScanner: the full page script for the asking frame', () => {
  it('injects into the document the browser names as sender, whatever the page sends along', async () => {
    const bus = new FakeBus();
    const loaded = worker(bus);
    const frame = bus.context({ url: 'https://ads.example/w.html', tab: { id: 9 }, frameId: 4, documentId: 'DOC-4', origin: 'https://ads.example' });
    await notify(frame, 'background.loadScanner', null);
    expect(loaded).toEqual([{ tabId: 9, frameId: 4, documentId: 'DOC-4', origin: 'https://ads.example' }]);
    // A payload naming another frame is refused by the contract before any handler runs.
    const forged = await frame.sendMessage({ dialbar: 1, type: 'background.loadScanner', payload: { tabId: 1, frameId: 0 } });
    expect(forged).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    expect(loaded).toHaveLength(1);
  });

  it('is refused to every context but a content script', async () => {
    const bus = new FakeBus();
    const loaded = worker(bus);
    await expect(request(bus.page('popup.html'), 'background.loadScanner', null)).rejects.toMatchObject({ code: 'forbidden-sender' });
    expect(await bus.stranger().sendMessage({ dialbar: 1, type: 'background.loadScanner', payload: null })).toMatchObject({ ok: false });
    expect(loaded).toEqual([]);
  });
});

describe('injectPageScript', () => {
  const scripting = () => {
    const calls: Array<[string, FileInjection]> = [];
    return {
      calls,
      api: {
        executeScript: vi.fn(async (i: FileInjection) => void calls.push(['js', i])),
        insertCSS: vi.fn(async (i: FileInjection) => void calls.push(['css', i])),
      },
    };
  };

  it('targets exactly that document with the script alone, at once (its style is in the manifest)', async () => {
    const s = scripting();
    await injectPageScript({ scripting: s.api }, { tabId: 3, frameId: 2, documentId: 'D' });
    expect(s.calls).toEqual([
      ['js', { target: { tabId: 3, documentIds: ['D'] }, files: [FULL_PAGE_SCRIPT], injectImmediately: true }],
    ]);
  });

  it('targets the frame where the browser names no document', async () => {
    const s = scripting();
    await injectPageScript({ scripting: s.api }, { tabId: 3, frameId: 2, documentId: null });
    expect(s.calls.map(([, i]) => i.target)).toEqual([{ tabId: 3, frameIds: [2] }]);
  });

  it('the bootstrap and the page style are what tabs open at install get (read from the manifest)', () => {
    expect(pageScriptFiles({ content_scripts: [{ js: [PAGE_SCRIPT], css: ['page.css'] }] })).toEqual({ js: ['boot.js'], css: ['page.css'] });
  });
});
