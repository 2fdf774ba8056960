// The what-if sweep: common random numbers hold across variants that leave
// the assets alone; variants are refused with pointers; a resumed sweep
// equals an uninterrupted one; a scenario whose seeds all end in one state
// is reported as such.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskScenarioFiles } from '../cli/files.ts';
import { main } from '../cli/main.ts';
import { Sim } from '../src/engine/sim.ts';
import { runScenario } from '../src/engine/run.ts';
import type { World } from '../src/model/world.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { checkVariantIds, summariseSweep, sweepRow, validateVariants, variantFiles, variantParams, type Variant } from '../src/sweep/index.ts';
import { captureOut, JISHISHAN, ROOT } from './helpers.ts';

const FLOOD = join(ROOT, 'scenarios', 'mountain-flood', 'scenario.json');
const dir = mkdtempSync(join(tmpdir(), 'drilltwin-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function variantWorld(v: Variant, path = JISHISHAN): World {
  const r = loadScenario(variantFiles(diskScenarioFiles(path), v), variantParams(v, 'test.json'));
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
  return r.world;
}

/** Damage states of sites and substations right after the mainshock. */
function damageAfterMainshock(world: World, seed: number) {
  const sim = Sim.create(world, seed);
  sim.advanceTo(world.earthquakes[0].tSec);
  return { sites: Array.from(sim.state.sites.damageState), substations: Array.from(sim.state.substations.damageState) };
}

describe('a sweep run', () => {
  it('skipping the hourly hashes leaves the run and its final hash as they were', () => {
    const world = variantWorld({ name: 'base' });
    const full = runScenario(world, { seed: 3, untilSec: 24 * 3600 }).report;
    const lean = runScenario(world, { seed: 3, untilSec: 24 * 3600, hourlyHashes: false }).report;
    expect(full.stateHashes.length).toBe(25); // T0 and every hour
    expect(lean.stateHashes).toEqual([{ tSec: 24 * 3600, hash: full.finalStateHash }]);
    expect(lean.finalStateHash).toBe(full.finalStateHash);
    expect(lean.kpis).toEqual(full.kpis);
  });
});

describe('common random numbers', () => {
  const base = variantWorld({ name: 'base' });
  const settings = variantWorld({
    name: 'settings-and-params',
    settings: { emergencyRoaming: true, prioritySupplyForComms: true, airspaceGreenChannel: true, doctrineSeats: 'none' },
    params: { infra: { GENERATOR_FUEL: { fuelHoursFactor: { value: 0.5 } } } },
    prepositioned: { townships: 'all', satPhones: 4, beidou: 4 },
    removeTeams: ['tm-cmcc-jss-1'],
  });

  it('for a given seed, the mainshock damages the same sites and substations in a variant that leaves the assets alone', () => {
    for (const seed of [1, 7, 42]) {
      const a = damageAfterMainshock(base, seed);
      const b = damageAfterMainshock(settings, seed);
      expect(b).toEqual(a);
      expect(a.sites.some((d) => d > 0)).toBe(true);
    }
    // ... and the seeds do draw differently.
    expect(damageAfterMainshock(base, 1)).not.toEqual(damageAfterMainshock(base, 7));
    // The variant did change the run.
    const hash = (w: World) => runScenario(w, { seed: 7, untilSec: 12 * 3600 }).report.finalStateHash;
    expect(hash(settings)).not.toBe(hash(base));
  });

  it('hardening sites keeps every other draw in place (one damage draw per site, whatever its class)', () => {
    const hardened = variantWorld({ name: 'harden', superSites: { ids: ['s-jss-043', 's-jss-063', 's-jss-077'], batteryKwh: 150, generatorFuelHours: 72 } });
    const chosen = new Set(['s-jss-043', 's-jss-063', 's-jss-077'].map((id) => hardened.sites.ids.indexOf(id)));
    const a = damageAfterMainshock(base, 7), b = damageAfterMainshock(hardened, 7);
    expect(b.substations).toEqual(a.substations);
    for (let s = 0; s < a.sites.length; s++) if (!chosen.has(s)) expect(b.sites[s]).toBe(a.sites[s]);
    for (const s of chosen) expect(b.sites[s]).toBeLessThanOrEqual(a.sites[s]);
  });
});

describe('variants files', () => {
  it('are refused with pointers: schema, unknown ids, parameters, and a scenario the variant makes invalid', () => {
    const bad = validateVariants({ format: 'drilltwin/variants@1', variants: [{ name: 'base' }, { name: 'x', settings: { roaming: true } }] }, 'v.json');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.pointer)).toEqual(expect.arrayContaining(['/variants/0/name', '/variants/1/settings/roaming']));

    const params = validateVariants({ format: 'drilltwin/variants@1', variants: [{ name: 'p', params: { infra: { GENERATOR_FUEL: { fuelHoursFactor: { value: -1 } } } } }] }, 'v.json');
    expect(params.ok).toBe(false);
    if (!params.ok) expect(params.problems[0].pointer).toBe('/variants/0/params/infra/GENERATOR_FUEL/fuelHoursFactor/value');

    const ids = validateVariants({ format: 'drilltwin/variants@1', variants: [{ name: 'a', superSites: { ids: ['s-jss-043', 's-nope'] }, removeUavs: ['uav-x'], addTeams: [{ id: 'tm-cmcc-jss-1' }] }] }, 'v.json');
    expect(ids.ok).toBe(true);
    if (ids.ok) {
      expect(checkVariantIds(ids.doc, diskScenarioFiles(JISHISHAN), 'v.json').map((p) => `${p.pointer}: ${p.message}`)).toEqual([
        '/variants/0/superSites/ids/1: "s-nope" is not a site of the scenario',
        '/variants/0/removeUavs/0: "uav-x" is not a UAV of the scenario',
        '/variants/0/addTeams/0/id: "tm-cmcc-jss-1" is already a team of the scenario, expected a new id',
      ]);
    }
    const invalid = loadScenario(variantFiles(diskScenarioFiles(JISHISHAN), { name: 'bad-team', addTeams: [{ id: 'tm-new', kind: 'wizard' }] }));
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) expect(invalid.problems.some((p) => p.file === 'scenario.json' && p.pointer.startsWith('/resources/teams/118'))).toBe(true);
  });
});

describe('a flood scenario across seeds', () => {
  it('mountain-flood: seeds end in different states, and the summary notes it only when they do not', () => {
    const world = variantWorld({ name: 'base' }, FLOOD);
    const rows = [1, 7, 42].map((seed) => sweepRow('base', runScenario(world, { seed, untilSec: world.durationSec }).report, world.sha256));
    // The flood's rise and where it gives way are drawn per seed (model/params/flood.ts).
    expect(new Set(rows.map((r) => r.finalStateHash)).size).toBe(3);
    expect(summariseSweep(world.scenarioId, [{ name: 'base' }], rows, null).notes.some((n) => n.includes('end in the same state'))).toBe(false);
    // The note itself: the same row three times over is what a flood without draws gave.
    const same = [1, 7, 42].map((seed) => ({ ...rows[0], seed }));
    expect(summariseSweep(world.scenarioId, [{ name: 'base' }], same, null).notes.some((n) => n.includes('all 3 seeds end in the same state'))).toBe(true);
  });
});

describe('drilltwin sweep', () => {
  const variants = join(dir, 'variants.json');
  writeFileSync(
    variants,
    JSON.stringify({
      format: 'drilltwin/variants@1',
      variants: [{ name: 'roaming', settings: { emergencyRoaming: true, prioritySupplyForComms: true } }],
    }),
  );
  const sweep = async (seeds: string, out: string) => {
    const c = captureOut();
    const code = await main(['sweep', JISHISHAN, '--variants', variants, '--seeds', seeds, '--until', '6h', '--workers', '2', '--out', out, '--quiet'], c.io);
    expect(code, c.out.stderr).toBe(0);
    return c.out;
  };
  const rowsOf = (out: string) =>
    readFileSync(join(out, 'runs.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => ({ ...JSON.parse(l), wallMs: 0 }))
      .sort((a, b) => a.variant.localeCompare(b.variant) || a.seed - b.seed);

  it('a stopped sweep resumes, skipping the rows it has, and ends equal to an uninterrupted one', async () => {
    const whole = join(dir, 'whole'), resumed = join(dir, 'resumed');
    await sweep('1..3', whole);
    await sweep('1..2', resumed);
    // Stopped mid-write: a cut-off last line is dropped and run again.
    appendFileSync(join(resumed, 'runs.jsonl'), '{"format":"drilltwin/sweep-row@1","variant":"roam');
    await sweep('1..3', resumed);
    expect(rowsOf(resumed)).toEqual(rowsOf(whole));
    expect(rowsOf(whole)).toHaveLength(6);
    expect(readFileSync(join(resumed, 'summary.json'), 'utf8')).toBe(readFileSync(join(whole, 'summary.json'), 'utf8'));
    expect(readFileSync(join(resumed, 'summary.csv'), 'utf8')).toBe(readFileSync(join(whole, 'summary.csv'), 'utf8'));
    const summary = JSON.parse(readFileSync(join(whole, 'summary.json'), 'utf8'));
    expect(summary.variants.map((v: { name: string; runs: number }) => [v.name, v.runs])).toEqual([['base', 3], ['roaming', 3]]);
    expect(readFileSync(join(whole, 'report.html'), 'utf8')).toContain('What-if sweep');
  }, 120_000);

  it('reads a runs.jsonl through the bounded reader: a directory in its place is refused by name, nothing is run', async () => {
    const out = join(dir, 'runs-is-a-folder');
    mkdirSync(join(out, 'runs.jsonl'), { recursive: true });
    const c = captureOut();
    expect(await main(['sweep', JISHISHAN, '--seeds', '1', '--until', '1h', '--workers', '1', '--out', out, '--quiet'], c.io)).toBe(2);
    expect(c.out.stderr).toMatch(/--out: .*runs\.jsonl: is a directory, expected a file|is a directory, expected a regular file/);
    expect(c.out.stderr).not.toMatch(/EISDIR|\n\s+at /);
  }, 60_000);

  it('refuses a runs.jsonl made from a different variant', async () => {
    const out = join(dir, 'other');
    await sweep('1', out);
    writeFileSync(variants, JSON.stringify({ format: 'drilltwin/variants@1', variants: [{ name: 'roaming', settings: { emergencyRoaming: true } }] }));
    const c = captureOut();
    expect(await main(['sweep', JISHISHAN, '--variants', variants, '--seeds', '1', '--until', '6h', '--out', out, '--quiet'], c.io)).toBe(2);
    expect(c.out.stderr).toContain('made from a different scenario, variant or --until');
  }, 60_000);
});
