// Runs the browser end-to-end tests when Chromium is installed. On a machine
// without it they are skipped with a message saying so — except in CI, which
// sets DRILLTWIN_REQUIRE_BROWSER=1 and must not skip them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.env.DRILLTWIN_REQUIRE_BROWSER === '1') {
    console.error(`browser tests: ${chromium} not found, and DRILLTWIN_REQUIRE_BROWSER=1 requires them`);
    process.exit(1);
  }
  console.log(`browser tests SKIPPED: ${chromium} not found (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  process.exit(0);
}
const result = spawnSync('npx', ['vitest', 'run', '--config', 'test/e2e/vitest.config.ts'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
