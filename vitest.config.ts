import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
          // The conventions test parses the whole tree; on a loaded 2-core machine that took more
          // than vitest's default 5 s. A limit, not a speed check: speed lives in the benchmarks.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // One lab (Kamailio + Chromium) is shared by a file's tests; files run one at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // The UI follows the engine within milliseconds, but CI machines can be loaded: poll
          // for up to 10 s before calling a state wrong (vitest's default is 1 s).
          expect: { poll: { timeout: 10_000, interval: 50 } },
        },
      },
    ],
  },
});
