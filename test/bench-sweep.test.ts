// drilltwin bench --sweep reports what the issue asks for, in JSON: runs,
// wall time, runs per second, the 1-to-2-worker speed-up and peak memory
// (a tiny sweep here; the README gives the 1,000-run figures).
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { captureOut } from './helpers.ts';

describe('drilltwin bench --sweep', () => {
  it('prints the sweep figures as JSON', async () => {
    const c = captureOut();
    expect(await main(['bench', '--sweep', '--json', '--runs', '1', '--sweep-runs', '4', '--scaling-runs', '2'], c.io)).toBe(0);
    const result = JSON.parse(c.out.stdout);
    expect(result.sweep).toMatchObject({ scenario: 'jishishan-2023', simulatedHours: 72, workers: 2, runs: 4, scalingRuns: 2 });
    for (const k of ['wallSec', 'runsPerSec', 'speedup1to2', 'peakRssMb', 'cpuSecPerRun']) expect(result.sweep[k], k).toBeGreaterThan(0);
    expect(result.sweep.runsPerSec).toBeCloseTo(4 / result.sweep.wallSec, 0);
    expect(result.target).toEqual({ runs: 1000, wallSecAtMost: 60, speedup1to2AtLeast: 1.8 });
  }, 300_000);
});
