// drilltwin optimise end to end on Jishishan with a tiny budget (two
// candidate sites, one kit) and 4 seeds. The honest cross-check: the first
// choice's marginal gain must be exactly the paired difference a plain
// `drilltwin sweep` of the same variant against the base reports on the same
// seeds. Then a second start finds every run in runs.jsonl and runs none.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { captureOut, JISHISHAN } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'drilltwin-optimise-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const budgetPath = join(dir, 'budget.json');
writeFileSync(
  budgetPath,
  JSON.stringify({
    format: 'drilltwin/budget@1',
    objective: 'serviceLoss',
    seeds: '1..4',
    hardenSites: { count: 1, candidates: ['s-mh-225', 's-mh-216'], batteryKwh: 150, generatorFuelHours: 72 },
    prepositionKits: { count: 1, townships: ['t-shiyuan'], satPhones: 2, beidou: 2 },
  }),
);

describe('drilltwin optimise', () => {
  it('reports a first choice whose marginal gain is the sweep\'s paired difference, and resumes from runs.jsonl', async () => {
    const outDir = join(dir, 'opt');
    const first = captureOut();
    expect(await main(['optimise', JISHISHAN, '--budget', budgetPath, '--workers', '2', '--out', outDir, '--quiet'], first.io), first.out.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(outDir, 'optimise.json'), 'utf8'));
    expect(report.format).toBe('drilltwin/optimise@1');
    expect(report.seeds).toEqual([1, 2, 3, 4]);
    expect(report.objective).toEqual({ name: 'serviceLoss', metric: 'resilienceLoss72h', unit: '%·h', higherIsBetter: false });
    expect(report.options).toEqual(['harden:s-mh-225', 'harden:s-mh-216', 'kit:t-shiyuan']);
    // Step 1 evaluates all three options; what is left for step 2 depends on the kind chosen.
    const [one] = report.steps;
    expect(one.evaluated.map((e: { option: string }) => e.option)).toEqual(report.options);
    expect(report.steps.length).toBeGreaterThanOrEqual(1);
    const best = Math.max(...one.evaluated.map((e: { gain: number }) => e.gain));
    expect(one.evaluated.find((e: { option: string }) => e.option === one.chosen.id).gain).toBe(best);
    expect(one.marginal.n).toBe(4);

    // The same variant, swept against the base on the same seeds.
    const variantsPath = join(dir, 'variants.json');
    writeFileSync(variantsPath, JSON.stringify({ format: 'drilltwin/variants@1', variants: [{ ...one.variant, name: 'chosen' }] }));
    const sweepDir = join(dir, 'sweep');
    const sweep = captureOut();
    expect(await main(['sweep', JISHISHAN, '--variants', variantsPath, '--seeds', '1..4', '--workers', '2', '--out', sweepDir, '--quiet'], sweep.io), sweep.out.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(sweepDir, 'summary.json'), 'utf8'));
    const swept = summary.variants.find((v: { name: string }) => v.name === 'chosen').metrics.find((m: { id: string }) => m.id === 'resilienceLoss72h');
    expect(one.marginal).toEqual(swept.vsBase);
    const baseLoss = summary.variants.find((v: { name: string }) => v.name === 'base').metrics.find((m: { id: string }) => m.id === 'resilienceLoss72h');
    expect(report.base.mean).toBe(baseLoss.mean);

    // Every run the search asked for is in runs.jsonl: started again, it runs nothing and reports the same.
    const runs = readFileSync(join(outDir, 'runs.jsonl'), 'utf8').trim().split('\n');
    expect(runs.length).toBe(report.runs.ran);
    expect(report.runs.asked).toBe(report.runs.ran);
    const again = captureOut();
    expect(await main(['optimise', JISHISHAN, '--budget', budgetPath, '--out', outDir, '--json'], again.io), again.out.stderr).toBe(0);
    const second = JSON.parse(again.out.stdout);
    expect(second.runs).toEqual({ asked: report.runs.asked, ran: 0, fromCache: report.runs.asked });
    expect(second.steps).toEqual(report.steps);
    expect(second.stop).toEqual(report.stop);

    const csv = readFileSync(join(outDir, 'optimise.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('step,option,chosen,n,objective,objective_mean,diff_vs_previous,diff_lo,diff_hi,win_share,gain,resolved');
    expect(csv.length - 1).toBe(report.steps.reduce((n: number, s: { evaluated: unknown[] }) => n + s.evaluated.length, 0) + (report.rejected?.length ?? 0));
    const html = readFileSync(join(outDir, 'report.html'), 'utf8');
    expect(html).toContain('预置优化 Pre-positioning optimiser — jishishan-2023');
    expect(html).toContain(`${one.chosen.id}`);
    expect(html).not.toMatch(/<script|<link|src="/); // offline: no scripts, no outside files
  }, 150_000);

  it('refuses a budget naming what the scenario lacks, with exit code 2 and the pointer', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'drilltwin/budget@1', objective: 'serviceLoss', hardenSites: { count: 1, candidates: ['s-jss-043', 's-nope'] } }));
    const c = captureOut();
    expect(await main(['optimise', JISHISHAN, '--budget', bad, '--seeds', '1..2', '--out', join(dir, 'bad')], c.io)).toBe(2);
    expect(c.out.stderr).toContain('bad.json#/hardenSites/candidates/1: "s-nope" is not a site of the scenario');
    const objective = join(dir, 'objective.json');
    writeFileSync(objective, JSON.stringify({ format: 'drilltwin/budget@1', objective: 'nope', prepositionKits: { count: 1, townships: 'all', beidou: 1 } }));
    const d = captureOut();
    expect(await main(['optimise', JISHISHAN, '--budget', objective, '--seeds', '1..2', '--out', join(dir, 'bad')], d.io)).toBe(2);
    expect(d.out.stderr).toContain('objective.json#/objective: "nope" is not a metric of the sweep summary, expected one of serviceLoss, pass, score,');
    const unseeded = join(dir, 'unseeded.json');
    writeFileSync(unseeded, JSON.stringify({ format: 'drilltwin/budget@1', objective: 'serviceLoss', prepositionKits: { count: 1, townships: 'all', beidou: 1 } }));
    const e = captureOut();
    expect(await main(['optimise', JISHISHAN, '--budget', unseeded, '--out', join(dir, 'bad')], e.io)).toBe(2);
    expect(e.out.stderr).toContain('drilltwin optimise: --seeds is required when the budget file gives no seeds, e.g. --seeds 1..40');
  });
});
