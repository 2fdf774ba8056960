// metadata.observed in the scenario format (refused with file#/pointer like
// everything else) and `drilltwin hindcast` end to end on the tiny fixture.
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { formatProblems, loadScenario } from '../src/scenario/load.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import { captureOut, JISHISHAN, scenarioTexts, TINY } from './helpers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

const OBSERVED = {
  source: 'hand-made for tests',
  points: [
    { id: 'sites-6h', quantity: 'failedSitesRestoredFrac', tHours: 6, value: 0.5, what: 'half back', source: 'test' },
    { id: 'power-6h', quantity: 'powerRestoredFrac', tHours: 6, value: 0.8, valueLo: 0.8, valueHi: 1, what: 'most back', source: 'test', uncertain: true },
    { id: 'off-air-3h', quantity: 'sitesOffAir', tHours: 3, value: 1, what: 'one site off', source: 'test' },
    { id: 'uav', quantity: 'firstUavOnStationHours', tHours: 2, value: 2, what: 'first UAV', source: 'test' },
    { id: 'both-roads', quantity: 'roadSectionOpenHours', tHours: 5, value: 5, what: 'both roads through', source: 'test', roadIds: ['r-1', 'r-2'] },
  ],
};

function tinyTexts(edit: (doc: Doc) => void): Record<string, string> {
  const texts = scenarioTexts(TINY);
  const doc = JSON.parse(texts['scenario.json']);
  edit(doc);
  return { ...texts, 'scenario.json': JSON.stringify(doc) };
}

function problemsOf(edit: (doc: Doc) => void): string {
  const result = loadScenario(memoryScenarioFiles('tiny', tinyTexts(edit)));
  return result.ok ? '' : formatProblems(result.problems);
}

describe('metadata.observed in the scenario format', () => {
  it('accepts the shared format', () => {
    expect(problemsOf((d) => (d.metadata.observed = OBSERVED))).toBe('');
  });

  it('refuses a bad point by file#/pointer', () => {
    const bad = (edit: (p: Doc[]) => void) => problemsOf((d) => {
      d.metadata.observed = structuredClone(OBSERVED);
      edit(d.metadata.observed.points);
    });
    expect(bad((p) => (p[0].quantity = 'sitesBack'))).toMatch(/scenario\.json#\/metadata\/observed\/points\/0\/quantity: .*expected one of/);
    expect(bad((p) => (p[0].value = 89))).toContain('scenario.json#/metadata/observed/points/0/value');
    expect(bad((p) => (p[2].value = 1.5))).toContain('scenario.json#/metadata/observed/points/2/value');
    expect(bad((p) => delete p[1].source)).toContain('scenario.json#/metadata/observed/points/1');
    expect(bad((p) => (p[3].value = 3))).toContain('scenario.json#/metadata/observed/points/3/value: 3 differs from tHours 2');
    expect(bad((p) => (p[1].valueLo = 0.9))).toContain('scenario.json#/metadata/observed/points/1/valueLo: 0.9 is above value 0.8');
    expect(bad((p) => (p[0].tHours = 13))).toContain('scenario.json#/metadata/observed/points/0/tHours: 13 h is after the end of the scenario');
    expect(bad((p) => (p[1].id = 'sites-6h'))).toContain('scenario.json#/metadata/observed/points/1/id: duplicate id "sites-6h"');
    expect(bad((p) => (p[0].note = 'x'))).toContain('scenario.json#/metadata/observed/points/0');
  });

  it('a road section names its segments, only there, and each must exist', () => {
    const bad = (edit: (p: Doc[]) => void) => problemsOf((d) => {
      d.metadata.observed = structuredClone(OBSERVED);
      edit(d.metadata.observed.points);
    });
    expect(bad((p) => delete p[4].roadIds)).toContain('scenario.json#/metadata/observed/points/4/roadIds: missing required field "roadIds"');
    expect(bad((p) => (p[4].roadIds = []))).toContain('scenario.json#/metadata/observed/points/4/roadIds');
    expect(bad((p) => (p[4].roadIds = ['r-1', 'r-9']))).toContain('scenario.json#/metadata/observed/points/4/roadIds/1: "r-9" does not exist in layers/roads.geojson, expected the id of a road segment');
    expect(bad((p) => (p[0].roadIds = ['r-1']))).toContain('scenario.json#/metadata/observed/points/0/roadIds: roadIds is given for failedSitesRestoredFrac, expected it only for roadSectionOpenHours');
    expect(bad((p) => Object.assign(p[2], { quantity: 'uavBaseStationsDeployed', value: 1.5 }))).toContain('scenario.json#/metadata/observed/points/2/value');
    expect(bad((p) => Object.assign(p[2], { quantity: 'uavBaseStationsDeployed', value: 2 }))).toBe('');
    expect(bad((p) => (p[4].value = 6))).toContain('scenario.json#/metadata/observed/points/4/value: 6 differs from tHours 5, expected the observed time in both for roadSectionOpenHours');
  });
});

function writeTiny(edit: (doc: Doc) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'hindcast-'));
  for (const [rel, text] of Object.entries(tinyTexts(edit))) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return join(dir, 'scenario.json');
}

describe('drilltwin hindcast', () => {
  it('runs every seed with the doctrine on and off and writes the table, the JSON and the chart', async () => {
    const path = writeTiny((d) => (d.metadata.observed = OBSERVED));
    const outDir = join(dirname(path), 'out');
    const { out, io } = captureOut();
    const code = await main(['hindcast', path, '--seeds', '1..3', '--workers', '1', '--out', outDir, '--quiet'], io);
    expect(code, out.stderr).toBe(0);
    expect(out.stdout).toContain('failed sites restored, T+6 h');
    const summary = JSON.parse(readFileSync(join(outDir, 'hindcast.json'), 'utf8'));
    expect(summary.format).toBe('drilltwin/hindcast@1');
    expect(summary.points).toHaveLength(5);
    for (const p of summary.points) expect([p.on.n, p.off.n]).toEqual([3, 3]);
    // No responder sends no UAV: never on station in every off run.
    expect(summary.points[3].off).toEqual({ n: 3, never: 3, p10: null, median: null, p90: null });
    // The road section has its own curve, a share of runs (0..1) by the hour.
    const section = summary.curves.find((c: { key: string }) => c.key === 'roadSectionOpenHours:both-roads');
    expect(section.on.median.every((v: number) => v >= 0 && v <= 1)).toBe(true);
    expect(out.stdout).toContain('road section through (both-roads), time');
    // The tiny county's quake cuts neither road, so the section is through from the start (0 h) in every run, on and
    // off; a section the recorder never reported would be "never" instead.
    expect([summary.points[4].on, summary.points[4].off]).toEqual([0, 0].map(() => ({ n: 3, never: 0, p10: 0, median: 0, p90: 0 })));
    expect(readFileSync(join(outDir, 'hindcast.md'), 'utf8')).toMatch(/^\| observed point \| observed \|/);
    // The township table: every township of the tiny county once, from the doctrine-on runs.
    expect(summary.townships.rows.map((r: { id: string }) => r.id).sort()).toEqual(['t-a', 't-b', 't-c']);
    for (const r of summary.townships.rows) expect(r.allBack.n).toBe(r.runsWithFailures);
    expect(readFileSync(join(outDir, 'hindcast.md'), 'utf8')).toContain('| township | sites | failed (median) |');
    expect(readFileSync(join(outDir, 'hindcast.svg'), 'utf8')).toMatch(/^<svg/);
  }, 120_000);

  it('--params: every run uses the overridden numbers, and the outputs say which', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindcast-params-'));
    // No feeder trips, whatever the shaking: Jishishan's power is never out, so "restored" reads 100 %.
    const paramsPath = join(dir, 'no-feeder-trips.json');
    writeFileSync(paramsPath, JSON.stringify({ format: 'drilltwin/params@1', infra: { FEEDER_TRIP: { probabilityByIntensity: [[5, 0], [6, 0], [7, 0], [8, 0], [9, 0]] } } }));
    const run = async (extra: string[], outDir: string) => {
      const { out, io } = captureOut();
      const code = await main(['hindcast', JISHISHAN, '--seeds', '1', '--until', '20h', '--workers', '1', '--out', outDir, '--quiet', ...extra], io);
      expect(code, out.stderr).toBe(0);
      return { stdout: out.stdout, summary: JSON.parse(readFileSync(join(outDir, 'hindcast.json'), 'utf8')) };
    };
    const plain = await run([], join(dir, 'plain'));
    const none = await run(['--params', paramsPath], join(dir, 'none'));
    expect(plain.summary.params).toBeUndefined();
    expect(none.summary.params.file).toBe(paramsPath);
    expect(none.summary.params.overrides.map((o: { pointer: string }) => o.pointer)).toEqual([1, 2, 3, 4].map((i) => `/infra/FEEDER_TRIP/probabilityByIntensity/${i}/1`));
    // Power at T+11 h with the doctrine on: part back with the default trips, and nothing ever out without them.
    const power11 = (s: { points: { point: { id: string }; on: { median: number } }[] }) => s.points.find((p) => p.point.id === 'power-restored-11h')!.on.median;
    expect(power11(plain.summary)).toBeLessThan(1);
    expect(power11(none.summary)).toBe(1);
    expect(none.stdout).toContain('Model parameters: 4 values overridden by');
    expect(readFileSync(join(dir, 'none', 'hindcast.md'), 'utf8')).toContain('Model parameters: 4 values overridden by');
  }, 120_000);

  it('--params with a bad file: every problem named, exit code 2, nothing written', async () => {
    const path = writeTiny((d) => (d.metadata.observed = OBSERVED));
    const paramsPath = join(dirname(path), 'bad.json');
    writeFileSync(paramsPath, JSON.stringify({ format: 'drilltwin/params@1', tasks: { WORK_AT_ALTITUDE: { labour: [[2000, 0.5], [3000, 1.3], [4000, 1.37]], baselineM: -1 } } }));
    const { out, io } = captureOut();
    expect(await main(['hindcast', path, '--seeds', '1', '--params', paramsPath, '--out', join(dirname(path), 'out')], io)).toBe(2);
    expect(out.stderr).toContain('bad.json#/tasks/WORK_AT_ALTITUDE/labour/0/1');
    expect(out.stderr).toContain('bad.json#/tasks/WORK_AT_ALTITUDE/baselineM');
    expect(existsSync(join(dirname(path), 'out', 'hindcast.json'))).toBe(false);
  });

  it('a scenario without metadata.observed: a clear message and exit code 1', async () => {
    const path = writeTiny(() => {});
    const { out, io } = captureOut();
    expect(await main(['hindcast', path, '--seeds', '1', '--out', join(dirname(path), 'out')], io)).toBe(1);
    expect(out.stderr).toContain('has no metadata.observed');
    expect(existsSync(join(dirname(path), 'out', 'hindcast.json'))).toBe(false);
  });

  it('bad options: exit code 2', async () => {
    const { io } = captureOut();
    expect(await main(['hindcast', TINY, '--seeds', '5..1'], io)).toBe(2);
  });
});
