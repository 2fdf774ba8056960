// Every way into the CLI, on real files (issue 15): FIFOs, /dev/zero and
// directories given for every file option, layer paths that leave the
// scenario folder, a layer of 50,000 empty features, schema-valid but absurd
// numbers, JSON nested 100,000 deep, report series that sum past the largest
// double, and outputs that cannot be written. Each case ends promptly with a
// message naming the option or field (exit code 2), never a stack trace, a
// hang or a file's bytes. Cases that could block the process run in a child
// with a deadline, since a blocked call would stop this process's timers too.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { loadScenario, formatProblems } from '../src/scenario/load.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import { commandShapeError } from '../src/response/commands.ts';
import { captureOut, ROOT, scenarioTexts, TINY } from './helpers.ts';
import { terminalSafe } from '../cli/args.ts';

const dir = mkdtempSync(join(tmpdir(), 'drilltwin-hardening-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fifo = join(dir, 'pipe');
const folder = join(dir, 'a-folder');
const report = join(dir, 'report.json');
const scenarioDir = join(dir, 'tiny');
const scenario = join(scenarioDir, 'scenario.json');

beforeAll(async () => {
  execFileSync('mkfifo', [fifo]);
  mkdirSync(folder);
  cpSync(join(ROOT, 'test', 'fixtures', 'tiny'), scenarioDir, { recursive: true });
  expect((await cli('run', TINY, '--until', '2h', '--out', report, '--quiet')).code).toBe(0);
}, 60_000);

async function cli(...argv: string[]) {
  const { out, io } = captureOut();
  const code = await main(argv, io);
  expect(out.stderr, 'no stack trace').not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
  return { code, ...out };
}

/** A scenario copy whose scenario.json is edited; returns its path. */
function scenarioWith(name: string, edit: (doc: Record<string, any>) => void): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  const doc = JSON.parse(readFileSync(scenario, 'utf8'));
  edit(doc);
  const path = join(scenarioDir, `${name}.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

/**
 * Runs each argv through main() in one child process with a deadline; the
 * child prints code, stderr and milliseconds per case. A FIFO opened the old
 * way would block the child and trip the deadline.
 */
function cliInChild(cases: string[][], deadlineMs = 90_000): { code: number; stderr: string; ms: number }[] {
  const script = `import { main } from ${JSON.stringify(join(ROOT, 'cli', 'main.ts'))};
const cases = ${JSON.stringify(cases)};
const results = [];
for (const argv of cases) {
  let stderr = '';
  const started = Date.now();
  const code = await main(argv, { log: () => {}, err: (s) => (stderr += s + '\\n') });
  results.push({ code, stderr, ms: Date.now() - started });
}
console.log(JSON.stringify(results));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: deadlineMs });
  expect(child.signal, `the child met its deadline (stderr: ${child.stderr})`).toBeNull();
  return JSON.parse(child.stdout);
}

describe('files given to the CLI: FIFOs, devices and directories', () => {
  it('every file option refuses a FIFO at once, naming the option and the path', () => {
    writeFileSync(join(scenarioDir, 'layers', 'ok.txt'), '');
    execFileSync('mkfifo', [join(scenarioDir, 'layers', 'pipe.geojson')]);
    const layerFifo = scenarioWith('fifo-layer', (d) => (d.layers.roads = 'layers/pipe.geojson'));
    const targetsFifo = scenarioWith('fifo-targets', (d) => (d.targets = 'layers/pipe.geojson'));
    const results = cliInChild([
      ['run', TINY, '--commands', fifo],
      ['run', TINY, '--from-snapshot', fifo],
      ['validate', fifo],
      ['replay', fifo],
      ['report', fifo],
      ['report', report, '--targets', fifo],
      ['report', report, '--observations', fifo],
      ['validate', layerFifo],
      ['run', targetsFifo, '--quiet'],
    ]);
    expect(results.map((r) => [r.code, r.stderr])).toEqual([
      [2, `drilltwin run: --commands: ${fifo}: is a named pipe (FIFO), expected a regular file\n`],
      [2, `drilltwin run: --from-snapshot: ${fifo}: is a named pipe (FIFO), expected a regular file\n`],
      [2, `${fifo}: the scenario is invalid (1 problem):\npipe: is a named pipe (FIFO), expected a regular file\n`],
      [2, `drilltwin replay: ${fifo}: is a named pipe (FIFO), expected a regular file\n`],
      [2, `drilltwin report: ${fifo}: is a named pipe (FIFO), expected a regular file\n`],
      [2, `drilltwin report: --targets: ${fifo}: is a named pipe (FIFO), expected a regular file\n`],
      [2, `drilltwin report: --observations: ${fifo}: is a named pipe (FIFO), expected a regular file\n`],
      [2, `${layerFifo}: the scenario is invalid (1 problem):\nlayers/pipe.geojson: is a named pipe (FIFO), expected a regular file (referenced from fifo-layer.json#/layers/roads)\n`],
      [2, `${targetsFifo}#/targets: layers/pipe.geojson: is a named pipe (FIFO), expected a regular file\n`],
    ]);
    for (const r of results) expect(r.ms).toBeLessThan(5000);
  }, 120_000);

  it('/dev/zero and a directory are refused by name, not read without end or EISDIR', async () => {
    const started = Date.now();
    expect(await cli('run', TINY, '--commands', '/dev/zero')).toEqual({ code: 2, stdout: '', stderr: 'drilltwin run: --commands: /dev/zero: is a character device, expected a regular file\n' });
    expect(await cli('report', report, '--observations', folder)).toEqual({ code: 2, stdout: '', stderr: `drilltwin report: --observations: ${folder}: is a directory, expected a regular file\n` });
    expect(await cli('report', report, '--targets', '/dev/zero')).toEqual({ code: 2, stdout: '', stderr: 'drilltwin report: --targets: /dev/zero: is a character device, expected a regular file\n' });
    expect(await cli('replay', folder)).toEqual({ code: 2, stdout: '', stderr: `drilltwin replay: ${folder}: is a directory, expected a regular file\n` });
    expect(await cli('validate', scenarioDir)).toEqual({ code: 2, stdout: '', stderr: `${scenarioDir}: the scenario is invalid (1 problem):\ntiny: is a directory, expected a regular file\n` });
    const dirLayer = scenarioWith('dir-layer', (d) => (d.layers.roads = 'layers'));
    expect((await cli('validate', dirLayer)).stderr).toBe(`${dirLayer}: the scenario is invalid (1 problem):\nlayers: is a directory, expected a regular file (referenced from dir-layer.json#/layers/roads)\n`);
    // Six CLI processes; reading /dev/zero would never end. A hang guard, generous for a loaded machine.
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('an empty or binary file is refused with the line and column or as not UTF-8', async () => {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    const binary = join(dir, 'binary.jsonl');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]));
    expect(await cli('validate', empty)).toEqual({ code: 2, stdout: '', stderr: `${empty}: the scenario is invalid (1 problem):\nempty.jsonl: not valid JSON (line 1, column 1: unexpected end of the text, expected a value)\n` });
    expect(await cli('run', TINY, '--commands', binary)).toEqual({ code: 2, stdout: '', stderr: `drilltwin run: --commands: ${binary}: is not UTF-8 text (a binary file?), expected a JSON text file\n` });
    expect(await cli('report', empty)).toMatchObject({ code: 2 });
  });
});

describe('paths inside a scenario stay in its folder, and no message quotes a file', () => {
  beforeAll(() => {
    symlinkSync('/etc/passwd', join(scenarioDir, 'layers', 'passwd.geojson'));
  });

  it('refuses an absolute layer path, "..", and a symbolic link out of the folder', async () => {
    const absolute = scenarioWith('absolute', (d) => (d.layers.roads = '/etc/passwd'));
    const parent = scenarioWith('parent', (d) => (d.layers.roads = '../../../../../../etc/passwd'));
    const link = scenarioWith('link', (d) => (d.layers.roads = 'layers/passwd.geojson'));
    const amp = scenarioWith('amp', (d) => (d.hazards[0].siteAmplification = '../../../../../../etc/passwd'));
    const results = [await cli('validate', absolute), await cli('validate', parent), await cli('validate', link), await cli('validate', amp)];
    expect(results.map((r) => r.stderr)).toEqual([
      `${absolute}: the scenario is invalid (1 problem):\nabsolute.json#/layers/roads: "/etc/passwd" is an absolute path, expected a path relative to the scenario folder and inside it\n`,
      `${parent}: the scenario is invalid (1 problem):\nparent.json#/layers/roads: "../../../../../../etc/passwd" uses "..", expected a path relative to the scenario folder and inside it\n`,
      `${link}: the scenario is invalid (1 problem):\nlayers/passwd.geojson: is a symbolic link leading outside the scenario folder; refused (referenced from link.json#/layers/roads)\n`,
      `${amp}: the scenario is invalid (1 problem):\namp.json#/hazards/0/siteAmplification: "../../../../../../etc/passwd" uses "..", expected a path relative to the scenario folder and inside it\n`,
    ]);
    for (const r of results) {
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/root:|\/bin\/(ba)?sh/);
    }
  });

  it('a layer that is not JSON is refused by line and column, its bytes unquoted', async () => {
    writeFileSync(join(scenarioDir, 'layers', 'secret.geojson'), 'root:x:0:0:root:/root:/bin/bash\n');
    const path = scenarioWith('secret', (d) => (d.layers.roads = 'layers/secret.geojson'));
    const r = await cli('validate', path);
    expect(r.stderr).toBe(
      `${path}: the scenario is invalid (1 problem):\nlayers/secret.geojson: not valid JSON (line 1, column 1: unexpected character, expected a value (object, array, string, number, true, false or null))\n`,
    );
  });

  it('the targets path may reach the folder beside the scenario but not beyond it or through a link', async () => {
    const far = scenarioWith('far-targets', (d) => (d.targets = '../../../../../../etc/passwd'));
    const link = scenarioWith('link-targets', (d) => (d.targets = 'layers/passwd.geojson'));
    expect(await cli('run', far, '--quiet')).toEqual({
      code: 2,
      stdout: '',
      stderr: `${far}#/targets: ../../../../../../etc/passwd: leads outside the scenario folder or the folder that holds it, expected a path inside it\n`,
    });
    expect((await cli('run', link, '--quiet')).stderr).toBe(`${link}#/targets: layers/passwd.geojson: is a symbolic link leading outside the scenario folder or the folder that holds it; refused\n`);
  });
});

describe('absurd content is refused at load, naming the field', () => {
  it('a townships layer of 50,000 empty features: problems capped with a count of the rest, no stack overflow', () => {
    const texts = scenarioTexts(TINY);
    texts['layers/townships.geojson'] = JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: 50_000 }, () => ({})) });
    const started = Date.now();
    const result = loadScenario(memoryScenarioFiles('tiny', texts));
    expect(Date.now() - started).toBeLessThan(60_000); // a hang guard, not a speed target
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(101);
    expect(formatProblems(result.problems.slice(0, 1))).toBe('layers/townships.geojson#/features/0/type: missing required field "type"');
    expect(formatProblems(result.problems.slice(-1))).toBe('scenario: and 149900 more problems not listed');
  });

  it('loadKw 5e-324 (battery hours Infinity), longHaulKmh and speedKmh 5e-324 are out of range, not an engine crash', () => {
    const texts = scenarioTexts(TINY);
    const sites = JSON.parse(texts['layers/sites.geojson']);
    sites.features[0].properties.loadKw = 5e-324;
    texts['layers/sites.geojson'] = JSON.stringify(sites);
    const doc = JSON.parse(texts['scenario.json']);
    doc.resources.helicopters = [{ id: 'h1', org: 'emhq', capacity: 10, speedKmh: 5e-324 }];
    doc.resources.generatorPools[0].fuelHours = 5e-324;
    texts['scenario.json'] = JSON.stringify(doc);
    const result = loadScenario(memoryScenarioFiles('tiny', texts));
    expect(result.ok ? [] : formatProblems(result.problems).split('\n')).toEqual([
      'scenario.json#/resources/generatorPools/0/fuelHours: 5e-324 is out of range, expected a number from 0.1 to 720',
      'scenario.json#/resources/helicopters/0/speedKmh: 5e-324 is out of range, expected a number from 10 to 500',
      // The layers are checked in the same run although the document has problems.
      'layers/sites.geojson#/features/0/properties/loadKw: 5e-324 is out of range, expected a number from 0.01 to 500',
    ]);
    delete doc.resources.helicopters;
    doc.resources.generatorPools[0].fuelHours = 4;
    texts['scenario.json'] = JSON.stringify(doc);
    const layer = loadScenario(memoryScenarioFiles('tiny', texts));
    expect(layer.ok ? '' : formatProblems(layer.problems)).toBe('layers/sites.geojson#/features/0/properties/loadKw: 5e-324 is out of range, expected a number from 0.01 to 500');
  });
});

describe('absurd model parameters (--params)', () => {
  it('UAV hours of 1.7e308 (a sortie ending at time Infinity) are out of range, naming the pointer', async () => {
    const path = join(dir, 'params.json');
    writeFileSync(path, JSON.stringify({ format: 'drilltwin/params@1', uav: { UAV_PLATFORMS: { largeFixedWing: { enduranceHours: { value: 1.7e308 } } } } }));
    expect(await cli('run', TINY, '--params', path, '--quiet')).toEqual({
      code: 2,
      stdout: '',
      stderr: `${path}: the params file is invalid (1 problem):\nparams.json#/uav/UAV_PLATFORMS/largeFixedWing/enduranceHours/value: 1.7e+308 is out of range, expected a number > 0 and ≤ 8760\n`,
    });
  });
});

describe('deeply nested JSON in commands', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

  it('the shape check names the field without walking the nesting', () => {
    const value = JSON.parse(deep(100_000));
    expect(commandShapeError({ tSec: value, seat: 'emhq', type: 'setEmergencyRoaming', args: { enabled: true } })).toBe('tSec: an array of 1 item is not a time, expected a whole number of seconds ≥ 0');
    expect(commandShapeError({ tSec: 0, seat: value, type: 'setEmergencyRoaming', args: {} })).toMatch(/^seat: an array of 1 item is not a seat, expected one of: /);
    expect(commandShapeError({ tSec: 0, seat: 'emhq', type: 'setEmergencyRoaming', args: { enabled: value } })).toBe('args.enabled: an array of 1 item is not valid, expected true or false');
  });

  it('a command log with a line nested 100,000 deep is refused by line and field', async () => {
    const path = join(dir, 'deep.jsonl');
    writeFileSync(path, `{"tSec": 0, "seat": "emhq", "type": "setEmergencyRoaming", "args": {"enabled": ${deep(100_000)}}}\n{"tSec": ${deep(100_000)}\n`);
    expect(await cli('run', TINY, '--commands', path)).toEqual({
      code: 2,
      stdout: '',
      stderr: `drilltwin run: --commands: the command log is invalid (2 bad lines), nothing was run:\n${path}:1#/args/enabled: an array of 1 item is not valid, expected true or false\n${path}:2: not valid JSON (column 200010: unexpected end of the text, expected a , or })\n`,
    });
  });

  it('a million bad lines are counted, not all printed', async () => {
    const path = join(dir, 'many.jsonl');
    writeFileSync(path, '{}\n'.repeat(1000));
    const r = await cli('run', TINY, '--commands', path);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(102);
    expect(lines[0]).toBe('drilltwin run: --commands: the command log is invalid (1000 bad lines), nothing was run:');
    expect(lines[101]).toBe('and 900 more bad lines not listed');
  });
});

describe('report --html with series that sum past the largest double', () => {
  it('renders promptly (child process with a deadline)', () => {
    const script = `import { readFileSync } from 'node:fs';
import { renderAarHtml } from ${JSON.stringify(join(ROOT, 'src', 'scoring', 'aar-html.ts'))};
import { evaluateTargets } from ${JSON.stringify(join(ROOT, 'src', 'scoring', 'evaluate.ts'))};
import { loadProfile } from ${JSON.stringify(join(ROOT, 'src', 'scoring', 'profile.ts'))};
const report = JSON.parse(readFileSync(${JSON.stringify(report)}, 'utf8'));
const s = report.kpis.series;
s.sitesOutPower = s.sitesOutPower.map(() => 1.5e308);
s.sitesOutTransport = s.sitesOutTransport.map(() => 1.5e308);
const profile = loadProfile(readFileSync(${JSON.stringify(join(ROOT, 'scenarios', 'targets', '2027-emergency-comms.json'))}, 'utf8'), 'p.json');
const html = renderAarHtml(report, evaluateTargets(report, profile.profile, []), { lang: 'en' });
console.log(html.includes('</svg>') && html.trimEnd().endsWith('</html>'));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(child.signal, `no endless loop (stderr: ${child.stderr})`).toBeNull();
    expect(child.stdout.trim()).toBe('true');
  }, 40_000);
});

describe('outputs: checked before the work, written all or none', () => {
  it('run refuses an unwritable --out or --snapshot-out before loading anything', async () => {
    const nowhere = join(dir, 'no-such-folder', 'r.json');
    expect(await cli('run', join(dir, 'not-there.json'), '--out', nowhere)).toEqual({
      code: 2,
      stdout: '',
      stderr: `drilltwin run: --out: ${nowhere}: cannot be written (its folder does not exist)\n`,
    });
    expect(await cli('run', join(dir, 'not-there.json'), '--snapshot-at', '1h', '--snapshot-out', folder)).toEqual({
      code: 2,
      stdout: '',
      stderr: `drilltwin run: --snapshot-out: ${folder}: is a directory, expected a file name\n`,
    });
    expect((await cli('run', TINY, '--snapshot-out', join(dir, 's.json'))).stderr).toBe('drilltwin run: --snapshot-out needs --snapshot-at TIME\n');
  });

  it('report refuses an unwritable target before reading the report, and leaves nothing half-written', async () => {
    expect(await cli('report', join(dir, 'not-there.json'), '--html', '/proc/aar.html')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'drilltwin report: --html: /proc/aar.html: cannot be written (the folder does not accept new files)\n',
    });
    const cap = join(dir, 'cap-out');
    const blocked = join(dir, 'report.json', 'csv');
    expect(await cli('report', report, '--cap', cap, '--csv', blocked)).toEqual({
      code: 2,
      stdout: '',
      stderr: `drilltwin report: --csv: ${blocked}: cannot be created (a part of the path is a file, not a folder)\n`,
    });
    expect(existsSync(cap)).toBe(false);
    const ok = await cli('report', report, '--csv', join(dir, 'csv-out'), '--html', join(dir, 'aar.html'), '--lang', 'en');
    expect(ok.code).toBe(0);
    expect(existsSync(join(dir, 'csv-out', 'kpis.csv')) && existsSync(join(dir, 'aar.html'))).toBe(true);
  });
});

describe('dates, terminal output, CSV and CAP', () => {
  it('refuses 30 February and an offset of +99:99 at #/start; accepts 29 February of a leap year', () => {
    const messages = (start: string) => {
      const texts = scenarioTexts(TINY);
      texts['scenario.json'] = texts['scenario.json'].replace('"2024-01-01T00:00:00+08:00"', JSON.stringify(start));
      const result = loadScenario(memoryScenarioFiles('tiny', texts));
      return result.ok ? 'ok' : formatProblems(result.problems);
    };
    expect(messages('2023-02-30T00:00:00+08:00')).toBe('scenario.json#/start: "2023-02-30T00:00:00+08:00" is not a real date and time, expected e.g. "2023-12-18T23:59:30+08:00"');
    expect(messages('2023-02-29T00:00:00+08:00')).toMatch(/is not a real date and time/);
    expect(messages('2023-12-18T23:59:30+99:99')).toBe('scenario.json#/start: "2023-12-18T23:59:30+99:99" has the offset +99:99, expected one from -14:00 to +14:00');
    expect(messages('2024-02-29T12:00:00-14:00')).toBe('ok');
  });

  it('escape sequences in a scenario name reach the terminal escaped (a real process, its stdout read)', () => {
    const path = scenarioWith('escape', (d) => (d.name.zh = '\u001b[2J\u001b]0;owned\u0007名'));
    const child = spawnSync(process.execPath, [join(ROOT, 'bin', 'drilltwin.mjs'), 'validate', path], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(child.status).toBe(0);
    expect(child.stdout).toContain('tiny: \\u001b[2J\\u001b]0;owned\\u0007名');
    expect(child.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/); // eslint-disable-line no-control-regex
    expect(terminalSafe('a\tb\nc\u202ed')).toBe('a\tb\nc\\u202ed');
  }, 40_000);
});
