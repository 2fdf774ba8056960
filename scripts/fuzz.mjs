// `npm run fuzz [-- RUNS [SEED]]`: issue 15's fuzz at full size (10,000
// generated inputs by default, across every input format: test/fuzz-all.test.ts)
// in a child process with a deadline, so a hang shows as a failure instead of
// a run that never ends. Prints the measured table: inputs, refusals and the
// slowest single load per format.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = process.argv[2] ?? '10000';
const seed = process.argv[3] ?? '15';
const deadlineMin = Number(process.env.FUZZ_DEADLINE_MIN ?? 60);
const dir = mkdtempSync(join(tmpdir(), 'drilltwin-fuzz-'));
const report = join(dir, 'report.txt');
const started = Date.now();
const child = spawn(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/fuzz-all.test.ts'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed, FUZZ_REPORT: report },
});
const timer = setTimeout(() => {
  console.error(`fuzz: no end after ${deadlineMin} min: stopped (a hang)`);
  child.kill('SIGKILL');
}, deadlineMin * 60_000);
child.on('exit', (code, signal) => {
  clearTimeout(timer);
  const wallSec = ((Date.now() - started) / 1000).toFixed(0);
  let table = '';
  try {
    table = readFileSync(report, 'utf8');
  } catch {
    /* no report: the run failed before its end */
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`\n${table}fuzz: ${code === 0 ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`} in ${wallSec} s`);
  process.exit(code === 0 ? 0 : 1);
});
