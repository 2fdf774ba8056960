// The drill-server tests: real sockets, worker threads and server processes.
// They run after the unit tests (npm test), not beside them, so the load they
// put on the machine does not disturb the timing bounds of other tests.
//   npx vitest run --config test/server/vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/server/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
