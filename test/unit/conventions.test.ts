/**
 * Architecture conventions (issue point 7), checked on the real source tree. The checker lives in
 * ./conventions/import-graph.ts as a pure function of path → source; the self-tests below feed it
 * small synthetic trees, so each rule is shown to fire (and to stay quiet on clean code) and a
 * green run on the real tree means something.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkConventions,
  formatViolation,
  longFiles,
  RULES,
  readTree,
  type SourceTree,
} from './conventions/import-graph';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('conventions of the source tree', () => {
  const tree = readTree(ROOT, ['src', 'entrypoints', 'test']);

  it('reads the tree', () => {
    // Guards against a wrong root making every rule pass on an empty tree.
    expect(Object.keys(tree).some((path) => path.startsWith('src/engine/'))).toBe(true);
    expect(Object.keys(tree).some((path) => path.startsWith('entrypoints/'))).toBe(true);
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
    const violations = checkConventions(tree, [rule]).map(formatViolation);
    expect(violations, `${rule.id}: ${rule.description}`).toEqual([]);
  });

  it('notes files over 300 lines (the limit is 400)', () => {
    // Not a failure: a heads-up that a file is getting long before the rule stops it.
    for (const { file, lines } of longFiles(tree, ['src', 'entrypoints'], 300)) {
      console.warn(`[conventions] ${file}: ${lines} lines (over 300; the limit is 400)`);
    }
  });
});

interface SelfTest {
  rule: string;
  /** A tree that breaks the rule, and the files the rule must name. */
  broken: SourceTree;
  names: string[];
  /** A tree close to the broken one that keeps the rule. */
  clean: SourceTree;
}

const LONG = `${Array.from({ length: 401 }, (_, i) => `export const v${i} = ${i};`).join('\n')}\n`;
const ENTRY_41_LINES = `function main() {\n${Array.from({ length: 40 }, (_, i) => `  console.log(${i});`).join('\n')}\n}\n`;

const SELF_TESTS: SelfTest[] = [
  {
    rule: '1a-jssip-in-one-file',
    broken: { 'src/ui/x.ts': "import { UA } from 'jssip';", 'entrypoints/offscreen/main.ts': "import type { RTCSession } from 'jssip/lib/RTCSession';" },
    names: ['src/ui/x.ts', 'entrypoints/offscreen/main.ts'],
    clean: { 'src/engine/jssip-stack.ts': "import { UA } from 'jssip';", 'test/lab/customer.ts': "import * as JsSIP from 'jssip';" },
  },
  {
    rule: '1b-socket-io-in-one-file',
    broken: { 'src/background/cti.ts': "import { io } from 'socket.io-client';" },
    names: ['src/background/cti.ts'],
    clean: { 'src/cti/socket-io-link.ts': "import { io } from 'socket.io-client';" },
  },
  {
    rule: '2-detect-is-pure',
    broken: {
      'src/detect/a.ts': "import { x } from '../engine/engine';\nexport const a = x;",
      'src/detect/b.ts': "import { readFileSync } from 'node:fs';\nexport const b = readFileSync;",
      'src/detect/c.ts': '// document in a comment is fine\nexport const c = () => navigator.language;',
      'src/detect/d.ts': 'export const d = () => globalThis.chrome;',
    },
    names: ['src/detect/a.ts', 'src/detect/b.ts', 'src/detect/c.ts', 'src/detect/d.ts'],
    clean: {
      'src/detect/a.ts': [
        "import { parsePhoneNumberFromString } from 'libphonenumber-js/core';",
        "import { b } from './b';",
        '/* window, document, navigator.language */',
        "const words = 'document window chrome.runtime';",
        'export const o = { document: b, window: words }.document;',
        'export const p = (x: { navigator: string }) => x.navigator + parsePhoneNumberFromString;',
      ].join('\n'),
      'src/detect/b.ts': 'export const b = 1;',
    },
  },
  {
    rule: '3-views-not-into-engine',
    broken: {
      'src/ui/x.ts': "import type { EngineSnapshot } from '../engine/snapshot';",
      'src/content/y.ts': "export { SoftphoneEngine } from '../engine/engine';",
      'src/content/z.ts': "export const load = () => import('../engine');",
    },
    names: ['src/ui/x.ts', 'src/content/y.ts', 'src/content/z.ts'],
    clean: { 'src/ui/x.ts': "import { call } from '../messaging/client';\nimport { engine } from './engine';" },
  },
  {
    rule: '4-extension-api-at-the-edge',
    broken: {
      'src/content/x.ts': 'export const id = () => chrome.runtime.id;',
      'src/ui/y.ts': "import { browser } from 'wxt/browser';",
      'src/background/z.ts': "import browser from 'webextension-polyfill';",
      'src/messaging/t.ts': 'export type Port = chrome.runtime.Port;',
    },
    names: ['src/content/x.ts', 'src/ui/y.ts', 'src/background/z.ts', 'src/messaging/t.ts'],
    clean: {
      'src/platform/p.ts': "import { browser } from 'wxt/browser';\nexport const f = (api: typeof chrome) => api.runtime.id ?? browser;",
      'src/ui/z.ts': "// chrome.runtime is reached through a port\nconst name = 'browser';\nexport const o = { browser: name, chrome: 1 }.chrome;",
      'entrypoints/background/index.ts': 'chrome.runtime.id;',
      'test/unit/a.test.ts': 'chrome.runtime.id;',
    },
  },
  {
    rule: '5-entry-files-only-wire',
    broken: {
      'entrypoints/popup/main.tsx': 'function helper() {\n  return 1;\n}\nfunction main() {\n  helper();\n}\nmain();',
      'entrypoints/options/main.tsx': 'const format = (n: number) => n.toFixed(2);\nfunction main() {\n  format(1);\n}\nmain();',
      'entrypoints/background/index.ts':
        'export default defineBackground({ main() { class Queue {} function later() {} return [Queue, later]; } });',
      'entrypoints/offscreen/main.ts': ENTRY_41_LINES,
    },
    names: ['entrypoints/popup/main.tsx', 'entrypoints/options/main.tsx', 'entrypoints/background/index.ts', 'entrypoints/offscreen/main.ts'],
    clean: {
      'entrypoints/background/index.ts': [
        "import { defineBackground } from 'wxt/utils/define-background';",
        "import { serve } from '../../src/messaging/server';",
        '// Listeners are registered synchronously so a woken worker hears the event.',
        'export default defineBackground({',
        "  type: 'module',",
        '  main() {',
        '    const start = () => serve(() => {});',
        '    browser.runtime.onStartup.addListener(start);',
        '  },',
        '});',
      ].join('\n'),
      'entrypoints/page.content/index.ts': 'export default defineContentScript({ main: (ctx) => ctx.onInvalidated(() => {}) });',
      'entrypoints/offscreen/main.ts': `${'\n'.repeat(50)}function main() {\n  // only a comment\n}\nmain();`,
    },
  },
  {
    rule: '6-no-import-cycles',
    broken: {
      'src/a/a.ts': "import { b } from './b';\nexport const a = b;",
      'src/a/b.ts': "import type { A } from './a';\nexport const b = 1;",
      // Through the @/ alias, an index file and a .tsx file.
      'src/x/index.ts': "import '@/src/y';",
      'src/y.tsx': "export * from './x';",
      'entrypoints/self/main.ts': "import './main';",
    },
    names: ['src/a/a.ts', 'src/x/index.ts', 'entrypoints/self/main.ts'],
    clean: {
      'src/a/a.ts': "import { b } from './b';",
      'src/a/b.ts': "import { c } from '../c';",
      'src/c.ts': "import { z } from 'zod';\nimport { t } from '../test/t';",
      'test/t.ts': "import { a } from '../src/a/a';",
    },
  },
  {
    rule: '7-relative-imports-only',
    broken: {
      'test/unit/a.test.ts': "import { x } from '@/src/x';",
      'entrypoints/background/index.ts': "import { y } from '~/src/y';",
      'src/z.ts': "const m = await import('@/src/m');",
    },
    names: ['test/unit/a.test.ts', 'entrypoints/background/index.ts', 'src/z.ts'],
    clean: { 'src/z.ts': "import { signal } from '@preact/signals';\nimport { x } from './x';\n// import '@/src/m'" },
  },
  {
    rule: '8a-background-not-into-platform-or-content',
    broken: {
      'src/background/a.ts': "import { p } from '../platform/chrome-offscreen';",
      'src/background/b.ts': "import type { Feature } from '../content/types';",
    },
    names: ['src/background/a.ts', 'src/background/b.ts'],
    clean: {
      'src/background/a.ts': "import { serve } from '../messaging/server';\nimport type { OffscreenPlatform } from '../platform';\nimport { x } from './x';",
      'src/platform/index.ts': "export type { OffscreenPlatform } from './ports';",
    },
  },
  {
    rule: '8b-platform-not-into-background',
    broken: { 'src/platform/browser-alerts.ts': "import type { AlertsPlatform } from '../background/call-alerts';" },
    names: ['src/platform/browser-alerts.ts'],
    clean: { 'src/platform/browser-alerts.ts': "import type { AlertsPlatform } from '../messaging/alerts';" },
  },
  {
    rule: '9-kebab-case-and-short',
    broken: {
      'src/ui/CallPanel.tsx': '',
      'src/Detect/scan.ts': '',
      'src/ui/snake_case.ts': '',
      'src/detect/long.ts': LONG,
    },
    names: ['src/ui/CallPanel.tsx', 'src/Detect', 'src/ui/snake_case.ts', 'src/detect/long.ts'],
    clean: {
      'entrypoints/page.content/index.ts': '',
      'src/ui/theme.css': '',
      'src/ui/components/call-panel.tsx': '',
      'src/detect/fine.ts': LONG.split('\n').slice(0, 400).join('\n'),
      'test/unit/Big_File.test.ts': LONG,
    },
  },
];

describe('each convention rule can fail', () => {
  it('every rule has a self-test', () => {
    expect(SELF_TESTS.map((test) => test.rule).sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  it.each(SELF_TESTS.map((test) => [test.rule, test] as const))('%s fires on a broken tree and not on a clean one', (id, test) => {
    const rule = RULES.find((candidate) => candidate.id === id);
    expect(rule, `no rule ${id}`).toBeDefined();
    if (!rule) return;
    const fired = checkConventions(test.broken, [rule]);
    expect(fired.every((violation) => violation.rule === id)).toBe(true);
    expect([...new Set(fired.map((violation) => violation.file))].sort()).toEqual([...test.names].sort());
    expect(checkConventions(test.clean, [rule]).map(formatViolation)).toEqual([]);
  });
});
