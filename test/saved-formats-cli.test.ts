// The CLI on saved files, end to end: real round trips still work, and bad
// or foreign files end with a message naming the field and exit code 1 or 2,
// never a stack trace.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { ENGINE_VERSION } from '../src/engine/formats/index.ts';
import { captureOut, JISHISHAN } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'drilltwin-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const { out, io } = captureOut();
  const code = await main(argv, io);
  expect(out.stderr, 'no stack trace').not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
  return { code, ...out };
}

const report = join(dir, 'r.json');
const snapshot = join(dir, 's.json');
const fix = (name: string, edit: (doc: Record<string, any>) => void, from = report) => { // eslint-disable-line @typescript-eslint/no-explicit-any
  const doc = JSON.parse(readFileSync(from, 'utf8'));
  edit(doc);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
};
const fixState = (name: string, edit: (state: Record<string, any>) => void) => // eslint-disable-line @typescript-eslint/no-explicit-any
  fix(name, (f) => {
    const state = JSON.parse(f.snapshot.state);
    edit(state);
    f.snapshot.state = JSON.stringify(state);
  }, snapshot);

describe('saved files through the CLI', () => {
  it('round trips: run --out, replay, report; --snapshot-at then --from-snapshot ends on the same hashes', async () => {
    const until = '8h';
    expect((await cli('run', JISHISHAN, '--seed', '7', '--until', until, '--out', report, '--snapshot-at', '3h', '--snapshot-out', snapshot, '--quiet')).code).toBe(0);
    const replay = await cli('replay', report);
    expect(replay).toMatchObject({ code: 0, stderr: '' });
    expect(replay.stdout).toMatch(/^replay identical: 9 hourly hashes and the final hash [0-9a-f]{16} match/);
    expect((await cli('report', report, '--lang', 'en', '--html', join(dir, 'aar.html'), '--csv', join(dir, 'csv'))).code).toBe(0);
    const resumed = join(dir, 'resumed.json');
    expect((await cli('run', JISHISHAN, '--until', until, '--from-snapshot', snapshot, '--out', resumed, '--quiet')).code).toBe(0);
    const [a, b] = [report, resumed].map((p) => JSON.parse(readFileSync(p, 'utf8')));
    expect(b.stateHashes).toEqual(a.stateHashes);
    expect(b.finalStateHash).toBe(a.finalStateHash);
  }, 60_000);

  it('replay refuses a report from another engine version (exit 1) instead of reporting a divergence', async () => {
    const path = fix('engine.json', (r) => (r.engineVersion = '0.0.9'));
    expect(await cli('replay', path)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${path}#/engineVersion: the report was made by drilltwin engine "0.0.9" and this is engine "${ENGINE_VERSION}"; the hashes of two engine versions need not match, so the replay is refused (replay it with drilltwin engine "0.0.9")\n`,
    });
  });

  it('replay bounds untilSec and checks stateHashes before running anything (exit 2)', async () => {
    const huge = fix('until.json', (r) => (r.untilSec = 1e9));
    expect(await cli('replay', huge)).toEqual({
      code: 2,
      stdout: '',
      stderr: `drilltwin replay: ${huge}: not a valid drilltwin run report (1 problem):\n${huge}#/untilSec: 1000000000 is out of range, expected an integer from 1 to 2592000\n`,
    });
    const long = fix('until-scenario.json', (r) => (r.untilSec = 100 * 3600));
    expect((await cli('replay', long)).stderr).toBe(
      `drilltwin replay: ${long}: cannot be replayed (1 problem):\n${long}#/untilSec: 360000 is beyond the end of the scenario jishishan-2023 (259200 s), expected 1 to 259200\n`,
    );
    const hashes = fix('hashes.json', (r) => (r.stateHashes = 'x'));
    expect(await cli('replay', hashes)).toMatchObject({ code: 2, stderr: `drilltwin replay: ${hashes}: not a valid drilltwin run report (1 problem):\n${hashes}#/stateHashes: "x" has the wrong type, expected an array\n` });
    const diverged = fix('diverged.json', (r) => (r.stateHashes[3].hash = '0123456789abcdef'));
    expect(await cli('replay', diverged)).toMatchObject({ code: 1, stderr: 'diverged at T+3 h 00 min (tSec 10800): recorded 0123456789abcdef, replayed ' + JSON.parse(readFileSync(report, 'utf8')).stateHashes[3].hash + '\n' });
  }, 30_000);

  it('report refuses malformed reports with the field named (exit 2)', async () => {
    const cases: [string, (r: Record<string, any>) => void, string][] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
      ['kpis', (r) => (r.kpis = 'none'), '#/kpis: "none" has the wrong type, expected an object'],
      ['series', (r) => (r.kpis.series.sitesOnAir = [1, 2]), '#/kpis/series/sitesOnAir: has 2 samples, expected 481 (one per entry of tSec)'],
      ['sample', (r) => (r.kpis.series.sitesOnAir[4] = 'many'), '#/kpis/series/sitesOnAir/4: "many" has the wrong type, expected a number or null'],
      ['warning', (r) => (r.warnings = [{ id: 7 }]), '#/warnings/0/sentAtSec: missing required field "sentAtSec"'],
      ['command', (r) => (r.commands[0].result = null), '#/commands/0/result: null has the wrong type, expected an object'],
      ['name', (r) => (r.scenario.name = 'x'), '#/scenario/name: "x" has the wrong type, expected an object'],
      ['hazard', (r) => (r.hazards[0].epicenter = [500, 0]), '#/hazards/0/epicenter/0: 500 is out of range, expected a number from -180 to 180'],
      ['targets', (r) => (r.targets.profile = 1), '#/targets/profile: 1 has the wrong type, expected an object'],
      ['format', (r) => (r.format = 'drilltwin/snapshot@1'), '#/format: "drilltwin/snapshot@1" is not a drilltwin run report format, expected "drilltwin/report@1"'],
      // A drill file is read as one (cli/drill-input.ts): a report's fields in it are named.
      ['drill', (r) => (r.format = 'drilltwin/drill@1'), '#/start: unknown field "start", expected one of: format, engineVersion, scenario, seed, reachedSec, commands, doctrineSeats, stateHashes, stateHash'],
    ];
    for (const [name, edit, first] of cases) {
      const path = fix(`bad-${name}.json`, edit);
      const result = await cli('report', path);
      expect(result.code, name).toBe(2);
      expect(result.stderr.split('\n')[1], name).toBe(`${path}${first}`);
    }
    mkdirSync(join(dir, 'empty'), { recursive: true });
    const empty = join(dir, 'empty', 'r.json');
    writeFileSync(empty, '');
    expect((await cli('report', empty)).stderr).toMatch(new RegExp(`^drilltwin report: ${empty}: not a valid drilltwin run report \\(1 problem\\):\\n${empty}: not valid JSON`));
  });

  it('run --from-snapshot refuses tampered snapshots and other engine versions, naming the field (exit 2)', async () => {
    const cases: [string, string, string][] = [
      [fixState('short.json', (s) => s.sites.batteryKwh.values.splice(5)), 'short.json', '#/snapshot/state/sites/batteryKwh/values: has 5 values, expected 260 (one per site)'],
      [fixState('clock.json', (s) => (s.clockSec = 'noon')), 'clock.json', '#/snapshot/state/clockSec: "noon" has the wrong type, expected an integer'],
      [fixState('through.json', (s) => (s.processedThroughSec = 1e300)), 'through.json', '#/snapshot/state/processedThroughSec: 1e+300 is out of range, expected an integer from -1 to 259200'],
      [fixState('rng.json', (s) => (s.rng.damage = [1, 2, 3])), 'rng.json', '#/snapshot/state/rng/damage: an array has the wrong type, expected an object'],
      [fix('version.json', (f) => (f.snapshot.engineVersion = '9.9.9'), snapshot), 'version.json', `#/snapshot/engineVersion: the snapshot was taken by drilltwin engine "9.9.9" and this is engine "${ENGINE_VERSION}"; a snapshot holds one engine's internal state and restores only in that engine version (resume it with drilltwin engine "9.9.9", or re-run from T0 with the command log)`],
    ];
    for (const [path, name, first] of cases) {
      const result = await cli('run', JISHISHAN, '--from-snapshot', path, '--quiet');
      expect(result.code, name).toBe(2);
      expect(result.stderr.split('\n')[1], name).toBe(`${path}${first}`);
    }
    // Problems of the file alone (before the scenario is known) come one a line after the option and path.
    const obs = fix('obs.json', (f) => (f.observations.stateHashes = 'x'), snapshot);
    expect(await cli('run', JISHISHAN, '--from-snapshot', obs, '--quiet')).toEqual({
      code: 2,
      stdout: '',
      stderr: `drilltwin run: --from-snapshot: ${obs}: #/observations/stateHashes: "x" has the wrong type, expected an array\n`,
    });
    const future = fix('future.json', (f) => (f.snapshot.format = 'drilltwin/snapshot@2'), snapshot);
    expect((await cli('run', JISHISHAN, '--from-snapshot', future, '--quiet')).stderr).toBe(
      `drilltwin run: --from-snapshot: ${future}: #/snapshot/format: "drilltwin/snapshot@2" was written by a newer drilltwin; this one reads snapshots up to "drilltwin/snapshot@1", so update drilltwin to open it\n`,
    );
    const hours = await cli('run', JISHISHAN, '--from-snapshot', snapshot, '--until', '2h', '--quiet');
    expect(hours.stderr).toBe(
      `drilltwin run: --from-snapshot: ${snapshot}: cannot be resumed (1 problem):\n${snapshot}#/snapshot/state/processedThroughSec: the snapshot was taken at 10800 s, which is not before the end of the run (7200 s); expected a run that goes on after the snapshot\n`,
    );
  }, 30_000);
});
