// Property test: mutated run reports, snapshots and drill files thrown at the
// readers. None may throw, hang or half-accept: each is accepted whole or
// refused with located, readable problems. What is accepted must then work:
// a report renders (AAR, CSV, CAP), a snapshot resumes, a drill replays.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDrillFile, drillProblemsForWorld, readReport, readSnapshotFile, snapshotProblemsForWorld, type Problem } from '../src/engine/formats/index.ts';
import { DrillDriver } from '../src/engine/driver.ts';
import { runScenario } from '../src/engine/run.ts';
import { buildWorldIndex } from '../src/engine/sim.ts';
import { renderAarHtml } from '../src/scoring/aar-html.ts';
import { warningToCap } from '../src/scoring/cap.ts';
import { seriesToCsv } from '../src/scoring/csv.ts';
import { evaluateTargets } from '../src/scoring/evaluate.ts';
import { loadProfile } from '../src/scoring/profile.ts';
import { formatProblem } from '../src/scenario/problems.ts';
import { createSessionHost } from '../workers/session-host.ts';
import { loadWorld, ROOT, scenarioTexts, TINY } from './helpers.ts';
import { jsonPaths, mutateAt, type JsonPath } from './json-mutation.ts';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const world = loadWorld(TINY);
const index = buildWorldIndex(world);
const UNTIL = 2 * 3600;
const site = world.sites.ids[0];
const run = runScenario(world, {
  seed: 7,
  untilSec: UNTIL,
  snapshotAtSec: 3600,
  index,
  commands: [
    { tSec: 300, seat: 'director', type: 'setEmergencyRoaming', args: { enabled: true } },
    { tSec: 900, seat: 'cmcc', type: 'hookGenerator', args: { siteId: site, poolId: 'gp-cmcc' } },
  ],
});
const reportDoc = JSON.parse(JSON.stringify(run.report));
const snapshotDoc = JSON.parse(JSON.stringify(run.snapshotFile));
const stateDoc = JSON.parse(snapshotDoc.snapshot.state);
const profile = (() => {
  const loaded = loadProfile(readFileSync(join(ROOT, 'scenarios', 'targets', '2027-emergency-comms.json'), 'utf8'), 'profile.json');
  if (!loaded.ok) throw new Error('profile');
  return loaded.profile;
})();
const drillDoc = (() => {
  const host = createSessionHost();
  const loaded = host.load('tiny', scenarioTexts(TINY));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  host.start(7, 'director');
  host.advance(600);
  if (!host.submit({ type: 'setEmergencyRoaming', args: { enabled: true } }).ok) throw new Error('submit');
  host.advance(2 * 3600);
  return JSON.parse(JSON.stringify(host.getLog()));
})();
const replayHost = createSessionHost();
replayHost.load('tiny', scenarioTexts(TINY));

const reportPaths = jsonPaths(reportDoc).filter((p) => p.length > 0);
const snapshotPaths = jsonPaths({ ...snapshotDoc, snapshot: { ...snapshotDoc.snapshot, state: '' } }).filter((p) => p.length > 0);
const statePaths = jsonPaths(stateDoc).filter((p) => p.length > 0);
const drillPaths = jsonPaths(drillDoc).filter((p) => p.length > 0);

function mutate(doc: Json, all: JsonPath[], pathSeed: number, value: Json, remove: boolean): Json {
  return mutateAt(doc, all[pathSeed % all.length], value, remove);
}

const junk = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(-1, 0, 1, 2, 3, 255, 3600, 1e9, -1e9, 0.5, 1e300, 2 ** 31, '', 'x', '<b>', null, [], {}, [0], { tSec: 0, hash: 'x' }, 'drilltwin/report@2', '0.0.9'),
  fc.integer({ min: -5, max: 300 }),
  fc.double({ noNaN: true }),
);

/** Each refusal is located and readable; never a JS error's words. */
function expectReadable(problems: Problem[]): void {
  expect(problems.length).toBeGreaterThan(0);
  expect(problems.length).toBeLessThanOrEqual(101);
  for (const p of problems) {
    expect(p.pointer === '' || p.pointer.startsWith('/')).toBe(true);
    expect(p.message.length).toBeGreaterThan(5);
    expect(formatProblem(p)).not.toMatch(/\bat \w+ \(|TypeError|RangeError|undefined is not|Cannot read|\[object Object\]/);
  }
}

// A guard against hangs and runaway work (an input that loops or grows without
// bound takes minutes or forever), not a speed target: a loaded CI machine may be
// ten times slower than a quiet one, so the bound is generous.
function timed<T>(fn: () => T, limitMs = 10_000): T {
  const started = process.hrtime.bigint();
  const result = fn();
  expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(limitMs);
  return result;
}

function checkReportText(text: string): void {
  const read = timed(() => readReport(text, 'r.json'));
  if (!read.ok) return expectReadable(read.problems);
  // Accepted: every reader of a report works on it.
  const report = read.doc;
  const evaluation = evaluateTargets(report, profile);
  expect(renderAarHtml(report, evaluation, { lang: 'en' })).toContain('</html>');
  expect(Object.keys(seriesToCsv(report, evaluation))).toHaveLength(3);
  for (const w of report.warnings ?? []) expect(warningToCap(w, { scenarioId: report.scenario.id, seed: report.seed, start: report.start })).toContain('<alert');
}

function checkSnapshotText(text: string): void {
  const read = timed(() => readSnapshotFile(text, 's.json'));
  if (!read.ok) return expectReadable(read.problems);
  const problems = timed(() => snapshotProblemsForWorld(read.doc, world, 's.json', UNTIL));
  if (problems.length) return expectReadable(problems);
  // Accepted: it resumes and runs to the end.
  const driver = DrillDriver.resume(world, read.doc.snapshot, read.doc.observations, index);
  timed(() => driver.advanceTo(UNTIL), 5000);
  expect(driver.hash()).toMatch(/^[0-9a-f]{16}$/);
}

function checkDrill(doc: Json): void {
  const read = timed(() => checkDrillFile(doc));
  if (!read.ok) return expectReadable(read.problems);
  const problems = drillProblemsForWorld(read.doc, world);
  if (problems.length) return expectReadable(problems);
  const loaded = timed(() => replayHost.loadDrill(doc), 5000);
  if (!loaded.ok) throw new Error(`checked drill refused by the host: ${loaded.problems.join('; ')}`);
  timed(() => replayHost.seek(world.durationSec), 5000);
}

describe('saved formats under mutation', () => {
  it('the unmutated files are accepted', () => {
    checkReportText(JSON.stringify(reportDoc));
    checkSnapshotText(JSON.stringify(snapshotDoc));
    checkDrill(drillDoc);
    expect(readReport(JSON.stringify(reportDoc), 'r.json').ok).toBe(true);
  });

  it('run reports: values replaced or removed anywhere', () => {
    fc.assert(
      fc.property(fc.nat(), junk, fc.boolean(), fc.nat({ max: 2 }), (pathSeed, value, remove, extra) => {
        let doc = reportDoc;
        for (let m = 0; m <= extra; m++) doc = mutate(doc, reportPaths, pathSeed * (m + 1) + m, value, remove);
        checkReportText(JSON.stringify(doc));
      }),
      { numRuns: 1500, seed: 2027 },
    );
  }, 120_000);

  it('snapshots: values replaced or removed in the file and inside the encoded state', () => {
    fc.assert(
      fc.property(fc.nat(), junk, fc.boolean(), fc.boolean(), (pathSeed, value, remove, inState) => {
        let doc: Json;
        if (inState) {
          doc = structuredClone(snapshotDoc);
          doc.snapshot.state = JSON.stringify(mutate(stateDoc, statePaths, pathSeed, value, remove));
        } else doc = mutate(snapshotDoc, snapshotPaths, pathSeed, value, remove);
        checkSnapshotText(JSON.stringify(doc));
      }),
      { numRuns: 2000, seed: 2028 },
    );
  }, 120_000);

  it('drill files: values replaced or removed anywhere', () => {
    fc.assert(
      fc.property(fc.nat(), junk, fc.boolean(), (pathSeed, value, remove) => checkDrill(mutate(drillDoc, drillPaths, pathSeed, value, remove))),
      { numRuns: 1000, seed: 2029 },
    );
  }, 120_000);

  it('textual damage: truncation and inserted garbage in reports and snapshots', () => {
    const texts = [JSON.stringify(reportDoc), JSON.stringify(snapshotDoc)];
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.string({ maxLength: 20 }), (which, pos, garbage) => {
        const text = texts[which % 2];
        const at = pos % (text.length + 1);
        const damaged = pos % 3 === 0 ? text.slice(0, at) : text.slice(0, at) + garbage + text.slice(at + (pos % 2));
        if (which % 2 === 0) checkReportText(damaged);
        else checkSnapshotText(damaged);
      }),
      { numRuns: 1500, seed: 2030 },
    );
  }, 120_000);
});
