import { describe, expect, it, vi } from 'vitest';
import {
  CALL_SELECTION_COMMAND,
  CALL_SELECTION_MENU_ID,
  countryFromPrefs,
  registerSelectionCalling,
  selectionToDial,
} from '../../../src/background/selection-calling';
import { injectIntoOpenTabs, pageScriptFiles, registerInjectExistingTabs, scriptableUrl } from '../../../src/background/inject-existing-tabs';
import type { Detect } from '../../../src/content/types';
import { findPhoneNumbers } from '../../../src/detect';

const standIn: Detect = (text) => {
  const m = /\+\d[\d ]{7,}\d/.exec(text);
  return m ? [{ start: m.index, end: m.index + m[0].length, number: `+${m[0].replace(/\D/g, '')}` }] : [];
};

describe('selectionToDial', () => {
  it('uses the detector on the selection', () => {
    expect(selectionToDial('Call me on +44 20 7946 0958 today', standIn, 'US')).toEqual({
      number: '+442079460958',
      shown: '+44 20 7946 0958',
    });
    expect(selectionToDial('(415) 555-0132', findPhoneNumbers, 'US')?.number).toBe('+14155550132');
  });

  it('falls back to the digits of a plausible dial string', () => {
    expect(selectionToDial(' 4711 ', standIn, 'US')).toEqual({ number: '4711', shown: '4711' });
    expect(selectionToDial('*72#', standIn, 'US')?.number).toBe('*72#');
  });

  it('refuses text that is no dial string', () => {
    expect(selectionToDial('Order 100234567 from Bob', standIn, 'US')).toBeNull();
    expect(selectionToDial('12', standIn, 'US')).toBeNull();
    expect(selectionToDial('   ', standIn, 'US')).toBeNull();
  });
});

function fakeApis(selection: string) {
  const menuListeners: Array<(info: { menuItemId: string; selectionText?: string }, tab?: { id?: number }) => void> = [];
  const commandListeners: Array<(command: string, tab?: { id?: number }) => void> = [];
  const create = vi.fn();
  const dial = vi.fn(async () => {});
  const problems: string[] = [];
  registerSelectionCalling({
    contextMenus: { create, onClicked: { addListener: (l) => menuListeners.push(l) } },
    commands: { onCommand: { addListener: (l) => commandListeners.push(l) } },
    scripting: { executeScript: vi.fn(async () => [{ result: '' }, { result: selection }]) },
    tabs: { query: vi.fn(async () => [{ id: 7 }]) },
    detect: findPhoneNumbers,
    defaultCountry: async () => 'US',
    dial,
    onProblem: (m) => problems.push(m),
  });
  return { create, dial, problems, menuListeners, commandListeners };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('registerSelectionCalling', () => {
  it('creates the "Call “%s”" menu item and dials the clicked selection', async () => {
    const apis = fakeApis('');
    expect(apis.create).toHaveBeenCalledWith(
      { id: CALL_SELECTION_MENU_ID, title: 'Call “%s”', contexts: ['selection'] },
      expect.any(Function),
    );
    apis.menuListeners[0]?.({ menuItemId: CALL_SELECTION_MENU_ID, selectionText: '+1 415-555-0132' }, { id: 7 });
    await settle();
    expect(apis.dial).toHaveBeenCalledWith('+14155550132', '+1 415-555-0132', 'context-menu');
    apis.menuListeners[0]?.({ menuItemId: 'someone-else', selectionText: '+1 415-555-0132' });
    await settle();
    expect(apis.dial).toHaveBeenCalledTimes(1);
  });

  it('dials the selection read from the frames on the keyboard command', async () => {
    const apis = fakeApis('Mobile: +49 151 23456789');
    apis.commandListeners[0]?.(CALL_SELECTION_COMMAND, { id: 7 });
    await settle();
    expect(apis.dial).toHaveBeenCalledWith('+4915123456789', '+49 151 23456789', 'command');
  });

  it('says so when the selection is not a number', async () => {
    const apis = fakeApis('hello world');
    apis.commandListeners[0]?.(CALL_SELECTION_COMMAND, undefined);
    await settle();
    expect(apis.dial).not.toHaveBeenCalled();
    expect(apis.problems).toEqual(['The selected text is not a phone number.']);
  });

  it('reads the default country from prefs, else the language', async () => {
    const store = (value: unknown) => ({ get: async () => ({ prefs: value }) });
    expect(await countryFromPrefs(store({ defaultCountry: 'gb' }), 'en-US')).toBe('GB');
    expect(await countryFromPrefs(store(undefined), 'ja-JP')).toBe('JP');
  });
});

describe('inject into tabs open at install', () => {
  const manifest = { content_scripts: [{ js: ['page.js'], css: ['page.css'] }] };

  it('injects CSS and script into scriptable tabs, all frames, and ignores refusals', async () => {
    const insertCSS = vi.fn(async () => {});
    const executeScript = vi.fn(async ({ target }: { target: { tabId: number } }) => {
      if (target.tabId === 3) throw new Error('Cannot access contents of the page');
    });
    const listeners: Array<(d: { reason: string }) => void> = [];
    const deps = {
      runtime: { onInstalled: { addListener: (l: (d: { reason: string }) => void) => listeners.push(l) }, getManifest: () => manifest },
      tabs: {
        query: async () => [
          { id: 1, url: 'https://crm.example.com/' },
          { id: 2, url: 'chrome://settings' },
          { id: 3, url: 'https://blocked.example.com/' },
          { id: 4, url: 'https://chromewebstore.google.com/detail/x' },
          { id: 5, url: 'https://sleeping.example.com/', discarded: true },
        ],
      },
      scripting: { executeScript, insertCSS },
    };
    expect(await injectIntoOpenTabs(deps)).toEqual({ injected: 1, failed: 1 });
    expect(insertCSS).toHaveBeenCalledWith({ target: { tabId: 1, allFrames: true }, files: ['page.css'] });
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 1, allFrames: true }, files: ['page.js'] });

    registerInjectExistingTabs(deps);
    listeners[0]?.({ reason: 'chrome_update' });
    await settle();
    expect(executeScript).toHaveBeenCalledTimes(2);
    listeners[0]?.({ reason: 'update' });
    await settle();
    expect(executeScript).toHaveBeenCalledTimes(4);
  });

  it('knows which URLs can be scripted and which files to inject', () => {
    expect(scriptableUrl('http://localhost:3000/')).toBe(true);
    expect(scriptableUrl('file:///tmp/a.html')).toBe(true);
    expect(scriptableUrl('about:blank')).toBe(false);
    expect(scriptableUrl(undefined)).toBe(false);
    // No content script in the manifest (cannot happen in a build): the page bootstrap, which brings no style.
    expect(pageScriptFiles({})).toEqual({ js: ['boot.js'], css: [] });
  });
});
