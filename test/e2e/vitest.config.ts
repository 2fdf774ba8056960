// End-to-end tests: the built app in headless Chromium (Debian's
// /usr/bin/chromium, or CHROMIUM_PATH). Run with
//   npx vitest run --config test/e2e/vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 180_000,
    // expect.poll waits for a condition (never a fixed sleep); a replay to T+72 h or a
    // worker start can take several seconds on a loaded machine, so the default 1 s is too short.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
