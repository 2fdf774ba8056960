// Issue 15's fuzz: generated inputs of every format a user or another base
// hands over — scenario, layers, MSEL injects, params, variants, command log,
// observations, target profile, snapshot, run report, console drill — through
// the loaders the CLI and the console use. For each input: no exception
// escapes, each load ends within its time limit, a refusal names the field
// (a JSON pointer, or file:line for a command log) and never reads like a JS
// error. Deterministic: fast-check with fixed seeds.
//
// `npm test` runs a small share (FUZZ_RUNS, default 400 inputs in all, about 15 s);
// `npm run fuzz` runs 10,000 and prints the measured table (scripts/fuzz.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../cli/args.ts';
import { commandsFromText } from '../cli/main.ts';
import { checkDrillFile, drillProblemsForWorld, readReport, readSnapshotFile, snapshotProblemsForWorld, type Problem } from '../src/engine/formats/index.ts';
import { DrillDriver } from '../src/engine/driver.ts';
import { runScenario } from '../src/engine/run.ts';
import { renderAarHtml } from '../src/scoring/aar-html.ts';
import { seriesToCsv } from '../src/scoring/csv.ts';
import { evaluateTargets } from '../src/scoring/evaluate.ts';
import { buildWorldIndex } from '../src/engine/sim.ts';
import { loadScenario, type ScenarioFiles } from '../src/scenario/load.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import { loadParams } from '../src/scenario/params.ts';
import { formatProblem } from '../src/scenario/problems.ts';
import { loadObservations, loadProfile } from '../src/scoring/profile.ts';
import { checkVariantIds, validateVariants, variantFiles, variantParams, variantsWithBase } from '../src/sweep/index.ts';
import { createSessionHost } from '../workers/session-host.ts';
import { interpretDropped } from '../web/scenarios.ts';
import { ROOT, scenarioTexts, TINY } from './helpers.ts';
import { jsonPaths, mutateAt, type JsonPath } from './json-mutation.ts';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const TOTAL = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 15);
/** Per input: generous for a loaded 2-core machine; the inputs are small, a normal one takes milliseconds. */
const LIMIT_MS = Number(process.env.FUZZ_LIMIT_MS ?? 5000);

// ---- base documents, each accepted as it is

const base = scenarioTexts(TINY);
const jishishanMsel = JSON.parse(readFileSync(join(ROOT, 'scenarios', 'jishishan-2023', 'scenario.json'), 'utf8')).msel as Json[];
/** The tiny scenario with a few injects, so MSEL entries have something to mutate. */
const mainDoc = (() => {
  const doc = JSON.parse(base['scenario.json']);
  doc.msel = jishishanMsel.filter((m) => m.tSec <= doc.durationHours * 3600).slice(0, 4);
  return doc;
})();
base['scenario.json'] = JSON.stringify(mainDoc);
const layerFiles = Object.keys(base).filter((f) => f !== 'scenario.json').sort();
const baseLoad = loadScenario(memoryScenarioFiles('tiny', base));
if (!baseLoad.ok) throw new Error(`the fuzz's base scenario is invalid: ${baseLoad.problems.map(formatProblem).join('; ')}`);
const world = baseLoad.world;
const index = buildWorldIndex(world);
const UNTIL = 2 * 3600;
const siteId = world.sites.ids[0];

const commandsDoc: Json[] = [
  { tSec: 300, seat: 'director', type: 'setEmergencyRoaming', args: { enabled: true } },
  { tSec: 900, seat: 'cmcc', type: 'hookGenerator', args: { siteId, poolId: 'gp-cmcc' } },
  { tSec: 1200, seat: 'emhq', type: 'sendWarning', args: { townships: [world.townships.ids[0]], severity: 'Severe', event: 'Flood', headline: 'Move to high ground' } },
];
const run = runScenario(world, { seed: 7, untilSec: UNTIL, snapshotAtSec: 3600, index, commands: commandsDoc });
const reportDoc = JSON.parse(JSON.stringify(run.report));
const snapshotDoc = JSON.parse(JSON.stringify(run.snapshotFile));
const stateDoc = JSON.parse(snapshotDoc.snapshot.state);
const drillDoc = (() => {
  const host = createSessionHost();
  if (!host.load('tiny', base).ok) throw new Error('host load');
  host.start(7, 'director');
  host.advance(600);
  host.submit({ type: 'setEmergencyRoaming', args: { enabled: true } });
  host.advance(3600);
  return JSON.parse(JSON.stringify(host.getLog()));
})();
const targetsText = readFileSync(join(ROOT, 'scenarios', 'targets', '2027-emergency-comms.json'), 'utf8');
const targetsDoc = JSON.parse(targetsText);
const profile = (() => {
  const loaded = loadProfile(targetsText, 't.json');
  if (!loaded.ok) throw new Error('profile');
  return loaded.profile;
})();
const observationsDoc = [
  { tSec: 600, indicatorId: JSON.parse(targetsText).indicators?.[0]?.id ?? 'x', rating: 'S', note: 'first report on time', by: 'eval-1' },
  { tSec: 1800, note: 'general note', by: 'eval-2' },
];
const paramsDoc = { format: 'drilltwin/params@1', infra: { GENERATOR_FUEL: { fuelHoursFactor: { value: 1.2 } } } };
const variantsDoc = {
  format: 'drilltwin/variants@1',
  variants: [
    { name: 'roaming', settings: { emergencyRoaming: true } },
    { name: 'harden', superSites: { ids: [siteId], batteryKwh: 100, generatorFuelHours: 24 } },
    { name: 'fuel', params: { infra: { GENERATOR_FUEL: { fuelHoursFactor: { value: 1.5 } } } } },
  ],
};

// ---- mutation machinery (values replaced or removed anywhere, or text damaged)

function mutate(doc: Json, pathSeed: number, value: Json, remove: boolean, only?: (p: JsonPath) => boolean): Json {
  const all = jsonPaths(doc).filter((p) => p.length > 0 && (!only || only(p)));
  if (all.length === 0) return structuredClone(doc);
  return mutateAt(doc, all[pathSeed % all.length], value, remove);
}

function damage(text: string, pos: number, garbage: string): string {
  const at = pos % (text.length + 1);
  return pos % 3 === 0 ? text.slice(0, at) : text.slice(0, at) + garbage + text.slice(at + (pos % 2));
}

const junk = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(-1, 0, 1, 2, 255, 3600, 1e9, -1e9, 0.5, 5e-324, 1e300, -1e308, 2 ** 31, 2 ** 53, '', 'x', '<b>', '=HYPERLINK("x")', '\u001b[31m', '../../etc/passwd', '/dev/zero', null, [], {}, [0], [[0, 0]], { tSec: 0 }),
  fc.integer({ min: -5, max: 100_000 }),
  fc.double(),
);

/** A JSON document's input: 1–3 values replaced or removed, or its text damaged; the text handed to the loader. */
function jsonInput(doc: Json, only?: (p: (string | number)[]) => boolean): fc.Arbitrary<string> {
  const text = JSON.stringify(doc);
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.nat(), junk, fc.boolean(), fc.nat({ max: 2 })).map(([seed, value, remove, extra]) => {
      let d = doc;
      for (let m = 0; m <= extra; m++) d = mutate(d, seed * (m + 1) + m, value, remove, only);
      return JSON.stringify(d) ?? 'null';
    }) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.string({ maxLength: 20 })).map(([pos, garbage]) => damage(text, pos, garbage)) },
  );
}

// ---- what every outcome must satisfy

const JS_ERROR = /\bat \w+ \(|TypeError|RangeError|ReferenceError|SyntaxError|undefined is not|Cannot read|is not a function|Maximum call stack|\[object Object\]|could not be loaded \(/;

interface Stats {
  inputs: number;
  refused: number;
  maxMs: number;
  totalMs: number;
}
const stats = new Map<string, Stats>();

function timed<T>(format: string, fn: () => T): T {
  const started = process.hrtime.bigint();
  let result: T;
  try {
    result = fn();
  } catch (err) {
    // Only a UsageError (the CLI's refusal, exit code 2) may leave a loader as an exception.
    if (!(err instanceof UsageError)) throw new Error(`${format}: an exception escaped: ${(err as Error)?.stack ?? err}`);
    throw err;
  } finally {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const s = stats.get(format) ?? { inputs: 0, refused: 0, maxMs: 0, totalMs: 0 };
    s.maxMs = Math.max(s.maxMs, ms);
    s.totalMs += ms;
    stats.set(format, s);
    expect(ms, `${format}: one input took ${ms.toFixed(0)} ms`).toBeLessThan(LIMIT_MS);
  }
  return result;
}

function count(format: string, refused: boolean): void {
  const s = stats.get(format)!;
  s.inputs++;
  if (refused) s.refused++;
}

/** A refusal: located (a pointer, or the whole document for a syntax error, with line and column), readable, capped. */
function expectLocated(problems: Problem[]): void {
  expect(problems.length).toBeGreaterThan(0);
  expect(problems.length).toBeLessThanOrEqual(102);
  for (const p of problems) {
    expect(p.pointer === '' || p.pointer.startsWith('/'), p.pointer).toBe(true);
    const line = formatProblem(p);
    expect(line).not.toMatch(JS_ERROR);
    // A problem without a pointer is about the whole file: its syntax (line and column), its kind, its size, or the count of the rest.
    if (p.pointer === '') expect(line, line).toMatch(/line \d+|column \d+|expected a JSON|expected an? (object|array)|not found|more problems|MB|format|engine|scenario|empty|UTF-8|bytes/i);
  }
}

function expectLocatedLines(lines: string[]): void {
  expect(lines.length).toBeGreaterThan(0);
  for (const l of lines) expect(l).not.toMatch(JS_ERROR);
}

// ---- one checker per format: the CLI's loader and, where the console has its own entry, the console's

const consoleHost = createSessionHost();
consoleHost.load('tiny', base);

function scenarioFiles(texts: Record<string, string>): ScenarioFiles {
  return memoryScenarioFiles('tiny', texts);
}

function checkScenarioTexts(format: string, texts: Record<string, string>): void {
  // The CLI's loader (the disk reader gives it the same texts) and the console's: dropped files interpreted, then the worker's host.
  const result = timed(format, () => loadScenario(scenarioFiles(texts)));
  count(format, !result.ok);
  if (!result.ok) expectLocated(result.problems);
  // Accepted: the world runs, within the limit (a schema-valid extreme must not hang or crash the engine).
  else timed(format, () => runScenario(result.world, { seed: 7, untilSec: Math.min(result.world.durationSec, 3600) }));
  const dropped = timed(format, () => interpretDropped(Object.entries(texts).map(([path, text]) => ({ path, text }))));
  if (dropped.kind === 'scenario') {
    const host = createSessionHost();
    const answer = timed(format, () => host.load(dropped.id, dropped.texts));
    expect(answer.ok).toBe(result.ok);
    if (!answer.ok) for (const p of answer.problems) expect(p).not.toMatch(JS_ERROR);
  }
}

const CHECKS: Record<string, { weight: number; input: fc.Arbitrary<string>; check(text: string): void }> = {
  scenario: {
    weight: 2,
    input: jsonInput(mainDoc, (p) => p[0] !== 'msel'),
    check: (text) => checkScenarioTexts('scenario', { ...base, 'scenario.json': text }),
  },
  layers: {
    weight: 2,
    input: fc.tuple(fc.nat(), fc.nat()).chain(([which]) => jsonInput(JSON.parse(base[layerFiles[which % layerFiles.length]])).map((text) => `${which % layerFiles.length}\u0000${text}`)),
    check: (tagged) => {
      const [which, text] = tagged.split('\u0000');
      checkScenarioTexts('layers', { ...base, [layerFiles[Number(which)]]: text });
    },
  },
  msel: {
    weight: 1,
    input: jsonInput(mainDoc, (p) => p[0] === 'msel'),
    check: (text) => checkScenarioTexts('msel', { ...base, 'scenario.json': text }),
  },
  params: {
    weight: 1,
    input: jsonInput(paramsDoc),
    check: (text) => {
      const r = timed('params', () => loadParams(memoryScenarioFiles('p', { 'p.json': text }, 'p.json'), 'p.json'));
      count('params', !r.ok);
      if (!r.ok) expectLocated(r.problems);
    },
  },
  variants: {
    weight: 1,
    input: jsonInput(variantsDoc),
    check: (text) => {
      // As `drilltwin sweep --variants` reads it: JSON, schema, ids against the scenario, then each variant's scenario loads.
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        count('variants', true);
        return;
      }
      const checked = timed('variants', () => validateVariants(value, 'v.json'));
      const problems = checked.ok ? timed('variants', () => checkVariantIds(checked.doc, scenarioFiles(base), 'v.json')) : checked.problems;
      count('variants', problems.length > 0);
      if (problems.length) return expectLocated(problems);
      if (!checked.ok) return;
      for (const v of variantsWithBase(checked.doc)) {
        const r = timed('variants', () => loadScenario(variantFiles(scenarioFiles(base), v), variantParams(v, 'v.json')));
        if (!r.ok) expectLocated(r.problems);
      }
    },
  },
  commands: {
    weight: 1,
    input: fc.oneof(
      jsonInput(commandsDoc).map((text) => {
        // A mutated list becomes one command a line; damaged text is kept as it is.
        let v: Json = null;
        try {
          v = JSON.parse(text);
        } catch {
          return text;
        }
        return Array.isArray(v) ? v.map((c) => JSON.stringify(c) ?? '').join('\n') : text;
      }),
      fc.tuple(fc.nat(), fc.string({ maxLength: 20 })).map(([pos, garbage]) => damage(commandsDoc.map((c) => JSON.stringify(c)).join('\n'), pos, garbage)),
    ),
    check: (text) => {
      // The CLI's reader (--commands) and the console's gate (a command typed in, at the next second).
      let refused = false;
      try {
        timed('commands', () => commandsFromText(text, 'c.jsonl'));
      } catch (err) {
        refused = true;
        const lines = (err as Error).message.split('\n').slice(1);
        expectLocatedLines(lines);
        for (const l of lines) expect(l, l).toMatch(/^c\.jsonl:\d+(#\/\S*|#): |^c\.jsonl:\d+: not valid JSON|^and \d+ more bad lines/);
      }
      count('commands', refused);
      consoleHost.start(7, 'director');
      for (const line of text.split('\n').slice(0, 5)) {
        let v: Json;
        try {
          v = JSON.parse(line);
        } catch {
          continue;
        }
        if (v === null || typeof v !== 'object' || typeof v.type !== 'string') continue;
        const answer = timed('commands', () => consoleHost.submit({ seat: typeof v.seat === 'string' ? v.seat : undefined, type: v.type, args: v.args }));
        if (!answer.ok) expect(answer.error).not.toMatch(JS_ERROR);
      }
    },
  },
  observations: {
    weight: 1,
    input: jsonInput(observationsDoc),
    check: (text) => {
      const r = timed('observations', () => loadObservations(text, 'o.json'));
      count('observations', !r.ok);
      if (!r.ok) expectLocated(r.problems);
    },
  },
  targets: {
    weight: 1,
    input: jsonInput(targetsDoc),
    check: (text) => {
      const r = timed('targets', () => loadProfile(text, 't.json'));
      count('targets', !r.ok);
      if (!r.ok) expectLocated(r.problems);
    },
  },
  snapshot: {
    weight: 2,
    input: fc.oneof(
      jsonInput({ ...snapshotDoc, snapshot: { ...snapshotDoc.snapshot, state: '' } }).map((text) => {
        try {
          const d = JSON.parse(text);
          if (d?.snapshot?.state === '') d.snapshot.state = snapshotDoc.snapshot.state;
          return JSON.stringify(d);
        } catch {
          return text;
        }
      }),
      jsonInput(stateDoc).map((state) => JSON.stringify({ ...snapshotDoc, snapshot: { ...snapshotDoc.snapshot, state } })),
    ),
    check: (text) => {
      // As `run --from-snapshot` reads it: the file alone, then field by field against the scenario.
      const read = timed('snapshot', () => readSnapshotFile(text, 's.json'));
      if (!read.ok) {
        count('snapshot', true);
        return expectLocated(read.problems);
      }
      const file = read.doc;
      const problems = timed('snapshot', () => snapshotProblemsForWorld(file, world, 's.json', UNTIL));
      count('snapshot', problems.length > 0);
      if (problems.length) return expectLocated(problems);
      // Accepted: it resumes and runs to the end.
      const driver = DrillDriver.resume(world, file.snapshot, file.observations, index);
      timed('snapshot', () => driver.advanceTo(UNTIL));
    },
  },
  report: {
    weight: 2,
    input: jsonInput(reportDoc),
    check: (text) => {
      const r = timed('report', () => readReport(text, 'r.json'));
      count('report', !r.ok);
      if (!r.ok) return expectLocated(r.problems);
      // Accepted: `drilltwin report` renders it (evaluation, after-action HTML, CSV).
      timed('report', () => {
        const evaluation = evaluateTargets(r.doc, profile);
        expect(renderAarHtml(r.doc, evaluation, { lang: 'en' })).toContain('</html>');
        seriesToCsv(r.doc, evaluation);
      });
    },
  },
  drill: {
    weight: 2,
    input: jsonInput(drillDoc),
    check: (text) => {
      // As the console opens it: the page parses the dropped file, the worker's host checks and replays it.
      const dropped = interpretDropped([{ path: 'drill.json', text }]);
      let value: Json;
      try {
        value = JSON.parse(text);
      } catch {
        count('drill', true);
        return;
      }
      const checked = timed('drill', () => checkDrillFile(value));
      const problems = checked.ok ? drillProblemsForWorld(checked.doc, world) : checked.problems;
      if (problems.length) expectLocated(problems);
      const loaded = timed('drill', () => consoleHost.loadDrill(dropped.kind === 'drill' ? dropped.drill : value));
      count('drill', !loaded.ok);
      expect(loaded.ok, loaded.ok ? '' : loaded.problems.join('\n')).toBe(problems.length === 0);
      if (!loaded.ok) for (const p of loaded.problems) expect(p).not.toMatch(JS_ERROR);
      else timed('drill', () => consoleHost.seek(Math.min(loaded.reachedSec, world.durationSec)));
    },
  },
};

const weightSum = Object.values(CHECKS).reduce((a, c) => a + c.weight, 0);
const runsOf = (weight: number) => Math.max(20, Math.round((TOTAL * weight) / weightSum));

afterAll(() => {
  const rows = [...stats.entries()].map(([format, s]) => `${format.padEnd(13)} ${String(s.inputs).padStart(6)} inputs  ${String(s.refused).padStart(6)} refused  max ${s.maxMs.toFixed(0).padStart(5)} ms  mean ${(s.totalMs / Math.max(1, s.inputs)).toFixed(1).padStart(6)} ms`);
  const total = [...stats.values()].reduce((a, s) => a + s.inputs, 0);
  const text = `fuzz (seed ${SEED}): ${total} inputs across ${stats.size} formats, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB at the end\n${rows.join('\n')}\n`;
  if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, text);
  if (process.env.FUZZ_RUNS) console.log(text);
});

describe('every input format under generated inputs (issue 15)', () => {
  it('the unmutated base of each format is accepted', () => {
    expect(readReport(JSON.stringify(reportDoc), 'r.json').ok).toBe(true);
    expect(checkDrillFile(drillDoc).ok).toBe(true);
    expect(loadProfile(targetsText, 't.json').ok).toBe(true);
    expect(loadObservations(JSON.stringify(observationsDoc), 'o.json').ok).toBe(true);
    expect(loadParams(memoryScenarioFiles('p', { 'p.json': JSON.stringify(paramsDoc) }, 'p.json'), 'p.json').ok).toBe(true);
    expect(validateVariants(variantsDoc, 'v.json').ok).toBe(true);
    expect(commandsFromText(commandsDoc.map((c) => JSON.stringify(c)).join('\n'), 'c.jsonl')).toHaveLength(3);
    expect(world.msel.length).toBeGreaterThan(0);
  });

  it.each(Object.keys(CHECKS))('%s', (format) => {
    const c = CHECKS[format];
    fc.assert(fc.property(c.input, (text) => c.check(text)), { numRuns: runsOf(c.weight), seed: SEED + Object.keys(CHECKS).indexOf(format) });
  }, 1_800_000);
});
