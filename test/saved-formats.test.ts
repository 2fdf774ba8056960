// Saved formats other than the scenario (report, snapshot, drill): published
// schemas, the migration machinery, engine-version refusals, and the exact
// message for each kind of tampering.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDrillFile, chainProblems, checkSaved, drillProblemsForWorld, ENGINE_VERSION, migrateSaved, publishedFormatSchemas, readReport, readSnapshotFile, replayEngineProblem, replayProblems, SAVED_FORMATS, snapshotProblemsForWorld, type ReadResult, type SavedFormat } from '../src/engine/formats/index.ts';
import { EVENT_DATA, stateSchemaFor } from '../src/engine/formats/snapshot-state.ts';
import { REPORT_FORMAT, runScenario, type Report, type SnapshotFile } from '../src/engine/run.ts';
import { EVENT_KINDS, SNAPSHOT_FORMAT } from '../src/engine/sim.ts';
import { encodeSnapshotFile } from '../src/engine/snapshot-file.ts';
import { formatProblem } from '../src/scenario/problems.ts';
import { createSessionHost, DRILL_FORMAT } from '../workers/session-host.ts';
import { JISHISHAN, loadWorld, ROOT, scenarioTexts, TINY } from './helpers.ts';

const tiny = () => loadWorld(TINY);
const jishishan = () => loadWorld(JISHISHAN);

function tinyRun(snapshotAtSec = 2 * 3600) {
  return runScenario(tiny(), { seed: 7, untilSec: 6 * 3600, snapshotAtSec });
}

const messages = (problems: { file: string; pointer: string; message: string }[]) => problems.map(formatProblem);
const problemsOf = (read: ReadResult<unknown>) => (read.ok ? [] : messages(read.problems));

/** A snapshot file whose encoded state was changed by `edit`. */
function tampered(file: SnapshotFile, edit: (state: Record<string, any>) => void): SnapshotFile { // eslint-disable-line @typescript-eslint/no-explicit-any
  const copy = structuredClone(file);
  const state = JSON.parse(copy.snapshot.state);
  edit(state);
  copy.snapshot.state = JSON.stringify(state);
  return copy;
}

describe('published schemas of the saved formats', () => {
  it('match the schemas the readers use (run tools/write-schemas.ts after a change)', () => {
    for (const [name, schema] of Object.entries(publishedFormatSchemas())) {
      expect(JSON.parse(readFileSync(join(ROOT, 'scenarios', 'schema', name), 'utf8')), name).toEqual(schema);
    }
  });

  it('each format reads the version the engine writes, with a whole migration chain', () => {
    expect(SAVED_FORMATS.map((f) => `drilltwin/${f.kind}@${f.current}`)).toEqual([REPORT_FORMAT, SNAPSHOT_FORMAT, DRILL_FORMAT]);
    for (const format of SAVED_FORMATS) expect(chainProblems(format), format.kind).toEqual([]);
  });
});

describe('migration machinery', () => {
  // A test-only format at @3: @1 had `when` in hours, @2 renamed it `tHours`, @3 stores seconds.
  type Doc3 = { format: string; tSec: number };
  const example: SavedFormat<Doc3> = {
    kind: 'example',
    what: 'example file',
    current: 3,
    formatAt: ['format'],
    maxBytes: 1024,
    schema: { type: 'object', required: ['format', 'tSec'], additionalProperties: false, properties: { format: { const: 'drilltwin/example@3' }, tSec: { type: 'integer', minimum: 0 } } },
    steps: [
      {
        from: 1,
        up: ({ when, ...rest }) => (typeof when === 'number' ? { ok: true, doc: { ...rest, format: 'drilltwin/example@2', tHours: when } } : { ok: false, pointer: '/when', message: `${JSON.stringify(when)} is not a number of hours` }),
      },
      { from: 2, up: ({ tHours, ...rest }) => ({ ok: true, doc: { ...rest, format: 'drilltwin/example@3', tSec: Math.round((tHours as number) * 3600) } }) },
    ],
  };

  it('runs every step from the file version to the current one, without touching the input', () => {
    const v1 = { format: 'drilltwin/example@1', when: 1.5 };
    expect(checkSaved(example, v1, 'x.json')).toEqual({ ok: true, doc: { format: 'drilltwin/example@3', tSec: 5400 }, fromVersion: 1 });
    expect(v1).toEqual({ format: 'drilltwin/example@1', when: 1.5 });
    expect(checkSaved(example, { format: 'drilltwin/example@2', tHours: 2 }, 'x.json')).toMatchObject({ ok: true, doc: { tSec: 7200 }, fromVersion: 2 });
    expect(checkSaved(example, { format: 'drilltwin/example@3', tSec: 1 }, 'x.json')).toMatchObject({ ok: true, fromVersion: 3 });
  });

  it('turns a refusing step into a located problem, and a throwing one into a problem too', () => {
    expect(checkSaved(example, { format: 'drilltwin/example@1', when: 'noon' }, 'x.json')).toEqual({
      ok: false,
      problems: [{ file: 'x.json', pointer: '/when', message: '"noon" is not a number of hours (while migrating drilltwin/example@1 to @2)' }],
    });
    const throwing: SavedFormat<Doc3> = { ...example, steps: [example.steps[0], { from: 2, up: () => { throw new Error('bug'); } }] };
    expect(problemsOf(checkSaved(throwing, { format: 'drilltwin/example@2', tHours: 1 }, 'x.json'))).toEqual([
      'x.json: could not be migrated (bug) (while migrating drilltwin/example@2 to @3)',
    ]);
  });

  it('refuses a future version, version 0, another kind and a broken chain with one clear message', () => {
    const problem = (doc: Record<string, unknown>, format: SavedFormat<unknown> = example as SavedFormat<unknown>) => {
      const r = migrateSaved(format, doc, 'x.json');
      return r.ok ? null : messages(r.problems);
    };
    expect(problem({ format: 'drilltwin/example@9' })).toEqual(['x.json#/format: "drilltwin/example@9" was written by a newer drilltwin; this one reads example files up to "drilltwin/example@3", so update drilltwin to open it']);
    expect(problem({ format: 'drilltwin/example@0' })).toEqual(['x.json#/format: "drilltwin/example@0" is not a version of the example file format, expected "drilltwin/example@3"']);
    expect(problem({ format: 'drilltwin/report@1' })).toEqual(['x.json#/format: "drilltwin/report@1" is not a drilltwin example file format, expected "drilltwin/example@1" to "drilltwin/example@3"']);
    expect(problem({})).toEqual(['x.json#/format: nothing is not a drilltwin example file format, expected "drilltwin/example@1" to "drilltwin/example@3"']);
    const gap = { ...example, steps: [example.steps[1]] } as SavedFormat<unknown>;
    expect(chainProblems(gap)).toEqual(['example: 1 migration steps for 2 version changes', 'example: step 0 migrates from @2, expected @1']);
    expect(problem({ format: 'drilltwin/example@1', when: 1 }, gap)).toEqual(['x.json#/format: no migration from drilltwin/example@1 to @2']);
  });

  it('refuses a future version of each real format', () => {
    const { report, snapshotFile } = tinyRun();
    const future = (doc: unknown) => JSON.stringify(doc);
    expect(problemsOf(readReport(future({ ...report, format: 'drilltwin/report@9' }), 'r.json'))).toEqual([
      'r.json#/format: "drilltwin/report@9" was written by a newer drilltwin; this one reads run reports up to "drilltwin/report@1", so update drilltwin to open it',
    ]);
    const snap = { ...snapshotFile!, snapshot: { ...snapshotFile!.snapshot, format: 'drilltwin/snapshot@9' } };
    expect(problemsOf(readSnapshotFile(future(snap), 's.json'))).toEqual([
      's.json#/snapshot/format: "drilltwin/snapshot@9" was written by a newer drilltwin; this one reads snapshots up to "drilltwin/snapshot@1", so update drilltwin to open it',
    ]);
    expect(problemsOf(checkDrillFile({ format: 'drilltwin/drill@9' }))).toEqual([
      'drill#/format: "drilltwin/drill@9" was written by a newer drilltwin; this one reads drill files up to "drilltwin/drill@1", so update drilltwin to open it',
    ]);
  });
});

describe('run reports', () => {
  it('accepts a real report, and refuses tampered ones naming the field', () => {
    const { report } = tinyRun();
    const read = (edit: (r: Record<string, any>) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const copy = structuredClone(report) as unknown as Record<string, unknown>;
      edit(copy);
      const r = readReport(JSON.stringify(copy), 'r.json');
      return r.ok ? 'accepted' : messages(r.problems);
    };
    expect(read(() => {})).toBe('accepted');
    expect(read((r) => (r.stateHashes = 'x'))).toEqual(['r.json#/stateHashes: "x" has the wrong type, expected an array']);
    expect(read((r) => (r.stateHashes[1] = { tSec: 1 }))).toEqual(['r.json#/stateHashes/1/hash: missing required field "hash"']);
    expect(read((r) => (r.stateHashes[1].tSec = 0))).toEqual(["r.json#/stateHashes/1/tSec: 0 is not after the previous hash's 0, expected times in ascending order"]);
    expect(read((r) => (r.untilSec = 1e9))).toEqual(['r.json#/untilSec: 1000000000 is out of range, expected an integer from 1 to 2592000']);
    expect(read((r) => (r.untilSec = 3600))).toEqual([
      'r.json#/stateHashes/2/tSec: 7200 is after the end of the run (3600), expected a time from 0 to 3600',
      'r.json#/kpis/series/tSec/61: 3660 is after the end of the run (3600), expected a time from 0 to 3600',
    ]);
    expect(read((r) => (r.seed = -1))).toEqual(['r.json#/seed: -1 is out of range, expected an integer from 0 to 4294967295']);
    expect(read((r) => (r.kpis.series.sitesOnAir = r.kpis.series.sitesOnAir.slice(1)))).toEqual(['r.json#/kpis/series/sitesOnAir: has 360 samples, expected 361 (one per entry of tSec)']);
    expect(read((r) => (r.kpis = null))).toEqual(['r.json#/kpis: null has the wrong type, expected an object']);
    expect(read((r) => delete r.scenario)).toEqual(['r.json#/scenario: missing required field "scenario"']);
    expect(read((r) => (r.finalStateHash = 'zz'))).toEqual(['r.json#/finalStateHash: "zz" is not in the expected form: a state hash: 16 to 64 lower-case hex digits']);
    expect(read((r) => (r.warnings[0].severity = '<x>'))).toEqual(['r.json#/warnings/0/severity: "<x>" is not an allowed value, expected one of: Extreme, Severe, Moderate, Minor']);
    expect(read((r) => (r.commands[0].args = { siteId: 5 }))).toEqual([expect.stringMatching(/^r\.json#\/commands\/0\/args(\/[A-Za-z]+)?: /)]);
    expect(read((r) => (r.commands[0].result = { ok: true, rejected: 'x' }))).toEqual(['r.json#/commands/0/result: has 2 fields, expected at most 1 ({"ok": true} or {"rejected": reason})']);
    expect(read((r) => (r.extra = 1))).toEqual([expect.stringContaining('r.json#/extra: unknown field "extra", expected one of: format, engineVersion,')]);
    expect(problemsOf(readReport('{"format": "drilltwin/report@1",', 'r.json'))[0]).toMatch(/^r\.json: not valid JSON/);
    expect(problemsOf(readReport('[1]', 'r.json'))).toEqual(['r.json: the document is an array, expected a JSON object (a drilltwin run report)']);
    expect(problemsOf(readReport('{"format": 1e999}', 'r.json'))).toEqual(['r.json#/format: Infinity is not a finite number, expected a finite number']);
  });

  it('a replay by another engine version is refused naming both versions; a run longer than the scenario is refused', () => {
    const { report } = tinyRun();
    const other = { ...report, engineVersion: '0.0.9' } as Report;
    expect(replayEngineProblem(report, 'r.json')).toBeNull();
    expect(formatProblem(replayEngineProblem(other, 'r.json')!)).toBe(
      `r.json#/engineVersion: the report was made by drilltwin engine "0.0.9" and this is engine "${ENGINE_VERSION}"; the hashes of two engine versions need not match, so the replay is refused (replay it with drilltwin engine "0.0.9")`,
    );
    expect(replayProblems(report, tiny(), 'r.json')).toEqual([]);
    const { stateHashes: _h, ...noHashes } = report;
    expect(messages(replayProblems({ ...noHashes, untilSec: 13 * 3600 } as Report, tiny(), 'r.json'))).toEqual([
      'r.json#/stateHashes: missing, a replay compares the hourly state hashes; expected the report as `drilltwin run --out` wrote it',
      'r.json#/untilSec: 46800 is beyond the end of the scenario tiny (43200 s), expected 1 to 43200',
    ]);
  });
});

describe('snapshots', () => {
  it('accepts real snapshots of each shipped scenario at several times: teams on the road, airlifted, flooded', () => {
    for (const [path, seed, times] of [
      [TINY, 7, [60, 2 * 3600, 11 * 3600]],
      [JISHISHAN, 7, [6 * 3600, 71 * 3600]],
      [JISHISHAN, 99, [1800]], // a team in the air ('helicopter' trip)
      [join(ROOT, 'scenarios', 'mountain-flood', 'scenario.json'), 7, [3 * 3600, 34_431]],
    ] as [string, number, number[]][]) {
      const world = loadWorld(path);
      expect(stateSchemaFor(world).uncovered, path).toEqual([]);
      for (const t of times) {
        const { snapshotFile } = runScenario(world, { seed, untilSec: t + 60, snapshotAtSec: t });
        const read = readSnapshotFile(encodeSnapshotFile(snapshotFile!), 's.json');
        expect(read.ok ? snapshotProblemsForWorld(read.doc, world, 's.json', t + 60) : read.problems, `${path} seed ${seed} at ${t}`).toEqual([]);
      }
    }
  }, 60_000);

  it('knows the data of every event kind the engine handles', () => {
    expect(Object.keys(EVENT_DATA).sort()).toEqual([...EVENT_KINDS].sort());
  });

  it('refuses each tampered field with a message naming it', () => {
    const world = jishishan();
    const { snapshotFile } = runScenario(world, { seed: 7, untilSec: 6 * 3600 + 60, snapshotAtSec: 6 * 3600 });
    const file = snapshotFile!;
    const check = (edit: (s: Record<string, any>) => void) => messages(snapshotProblemsForWorld(tampered(file, edit), world, 's.json')); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(check(() => {})).toEqual([]);
    expect(check((s) => s.sites.batteryKwh.values.pop())).toEqual(['s.json#/snapshot/state/sites/batteryKwh/values: has 259 values, expected 260 (one per site)']);
    expect(check((s) => s.teams.xM.values.push(0))).toEqual(['s.json#/snapshot/state/teams/xM/values: has 119 values, expected 118 (one per team)']);
    expect(check((s) => (s.sites.damageState.$typed = 'Float64Array'))).toEqual(['s.json#/snapshot/state/sites/damageState/$typed: "Float64Array" is not allowed, expected "Uint8Array"']);
    expect(check((s) => (s.sites.damageState.values = 1e9))).toEqual(['s.json#/snapshot/state/sites/damageState/values: 1000000000 has the wrong type, expected an array']);
    expect(check((s) => (s.sites.outCause.values[3] = 7))).toEqual(['s.json#/snapshot/state/sites/outCause/values/3: 7 is out of range, expected an integer from 0 to 3']);
    expect(check((s) => (s.clockSec = '21600'))).toEqual(['s.json#/snapshot/state/clockSec: "21600" has the wrong type, expected an integer']);
    expect(check((s) => (s.clockSec = 21599))).toEqual(['s.json#/snapshot/state/clockSec: 21599 differs from processedThroughSec (21600), expected 21600: a snapshot is taken between seconds']);
    expect(check((s) => (s.processedThroughSec = 1e300))).toEqual(['s.json#/snapshot/state/processedThroughSec: 1e+300 is out of range, expected an integer from -1 to 259200']);
    expect(check((s) => (s.processedThroughSec = 21600.5))).toEqual(['s.json#/snapshot/state/processedThroughSec: 21600.5 has the wrong type, expected an integer']);
    expect(check((s) => (s.rng.damage = 'garbage'))).toEqual(['s.json#/snapshot/state/rng/damage: "garbage" has the wrong type, expected an object']);
    expect(check((s) => (s.rng.damage.c = -1))).toEqual(['s.json#/snapshot/state/rng/damage/c: -1 is out of range, expected an integer from 0 to 2091639']);
    expect(check((s) => (s.rng.damage.s1 = 0.1))).toEqual(['s.json#/snapshot/state/rng/damage/s1: 0.1 is not a state of the Alea generator, expected a multiple of 2⁻³² in [0, 1)']);
    expect(check((s) => (s.rng.weather = s.rng.damage))).toEqual(['s.json#/snapshot/state/rng/weather: unknown field "weather", expected one of: hazard, damage, power, comms, response, doctrine, roads, flood']);
    expect(check((s) => (s.queue.heap[1].kind = 'meteor'))).toEqual([
      expect.stringMatching(/^s\.json#\/snapshot\/state\/queue\/heap\/1\/kind: "meteor" is not an allowed value, expected one of: .*doctrineTick/),
    ]);
    expect(check((s) => (s.queue.heap[0].tSec = 100))).toEqual(['s.json#/snapshot/state/queue/heap/0/tSec: 100 is not after processedThroughSec (21600), expected an event still to come']);
    expect(check((s) => (s.queue.heap[0].tSec = 1e300))).toEqual(['s.json#/snapshot/state/queue/heap/0/tSec: 1e+300 is out of range, expected an integer from 0 to 2147483647']);
    expect(check((s) => (s.queue.heap[2].seq = s.queue.nextSeq))).toEqual([`s.json#/snapshot/state/queue/heap/2/seq: ${file.snapshot.state.match(/"nextSeq":(\d+)/)![1]} is not below nextSeq (${file.snapshot.state.match(/"nextSeq":(\d+)/)![1]}), expected a number already given out`]);
    expect(check((s) => ([s.queue.heap[0], s.queue.heap[1]] = [s.queue.heap[1], s.queue.heap[0]]))[0]).toMatch(/^s\.json#\/snapshot\/state\/queue\/heap\/\d+: comes before its parent .* expected a binary heap$/);
    const site = (s: Record<string, any>) => s.queue.heap.findIndex((e: { kind: string }) => e.kind === 'sitePowerCheck'); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(check((s) => (s.queue.heap[site(s)].data = { site: 260 }))).toEqual([
      expect.stringMatching(/heap\/\d+\/data\/epoch: missing required field "epoch"$/),
      expect.stringMatching(/heap\/\d+\/data\/site: 260 is out of range, expected an integer from 0 to 259$/),
    ]);
    expect(check((s) => (s.roads.clearDueSec.values[0] = -5))).toEqual(['s.json#/snapshot/state/roads/clearDueSec/values/0: -5 is out of range, expected a number from -1 to 2147483647']);
    expect(check((s) => (s.teams.task.values[0] = 5000))).toEqual([expect.stringMatching(/^s\.json#\/snapshot\/state\/teams\/task\/values\/0: 5000 is not a task \(there are \d+\), expected -1 or 0 to \d+$/)]);
    expect(check((s) => (s.journeys = s.journeys.slice(1)))).toEqual(['s.json#/snapshot/state/journeys: has 117 values, expected 118 (one per team)']);
    expect(check((s) => delete s.roads)).toEqual(['s.json#/snapshot/state/roads: missing required field "roads"']);
    expect(check((s) => (s.commandLog[0].seat = 'nobody'))).toEqual([expect.stringMatching(/^s\.json#\/snapshot\/state\/commandLog\/0\/seat: "nobody" is not a seat/)]);
    expect(messages(snapshotProblemsForWorld({ ...file, snapshot: { ...file.snapshot, state: '{"clockSec": 1' } }, world, 's.json'))[0]).toMatch(/^s\.json#\/snapshot\/state: not valid JSON/);
  });

  it('refuses another engine version, another scenario, and a run that ends before the snapshot', () => {
    const world = tiny();
    const file = tinyRun().snapshotFile!;
    const other = { ...file, snapshot: { ...file.snapshot, engineVersion: '0.0.9' } };
    expect(messages(snapshotProblemsForWorld(other, world, 's.json'))).toEqual([
      `s.json#/snapshot/engineVersion: the snapshot was taken by drilltwin engine "0.0.9" and this is engine "${ENGINE_VERSION}"; a snapshot holds one engine's internal state and restores only in that engine version (resume it with drilltwin engine "0.0.9", or re-run from T0 with the command log)`,
    ]);
    // The driver's resume is the gate of every host, not only the CLI's.
    expect(() => runScenario(world, { seed: 7, untilSec: 6 * 3600, from: other })).toThrow(`#/snapshot/engineVersion: the snapshot was taken by drilltwin engine "0.0.9" and this is engine "${ENGINE_VERSION}"`);
    expect(() => runScenario(world, { seed: 7, untilSec: 6 * 3600, from: tampered(file, (s) => (s.clockSec = 'noon')) })).toThrow('#/snapshot/state/clockSec: "noon" has the wrong type, expected an integer');
    expect(messages(snapshotProblemsForWorld(file, jishishan(), 's.json'))).toEqual([expect.stringMatching(/^s\.json#\/snapshot\/scenarioSha256: the snapshot was taken from a different scenario or version of it/)]);
    expect(messages(snapshotProblemsForWorld(file, world, 's.json', 3600))).toEqual([
      's.json#/snapshot/state/processedThroughSec: the snapshot was taken at 7200 s, which is not before the end of the run (3600 s); expected a run that goes on after the snapshot',
    ]);
    const read = (doc: unknown) => {
      const r = readSnapshotFile(JSON.stringify(doc), 's.json');
      return r.ok ? 'accepted' : messages(r.problems);
    };
    expect(read(file)).toBe('accepted');
    expect(read({ ...file, observations: { ...file.observations, stateHashes: 'x' } })).toEqual(['s.json#/observations/stateHashes: "x" has the wrong type, expected an array']);
    expect(read({ ...file, snapshot: { ...file.snapshot, seed: 'seven' } })).toEqual(['s.json#/snapshot/seed: "seven" has the wrong type, expected an integer']);
    expect(read({ ...file, snapshot: { ...file.snapshot, format: 'drilltwin/report@1' } })).toEqual(['s.json#/snapshot/format: "drilltwin/report@1" is not a drilltwin snapshot format, expected "drilltwin/snapshot@1"']);
  });
});

describe('drill files', () => {
  function savedDrill() {
    const host = createSessionHost();
    const answer = host.load('tiny', scenarioTexts(TINY));
    if (!answer.ok) throw new Error(answer.problems.join('\n'));
    host.start(7, 'director');
    host.advance(3600);
    return { host, log: JSON.parse(JSON.stringify(host.getLog())) };
  }

  it('accepts a saved drill and refuses malformed ones naming the field', () => {
    const { log } = savedDrill();
    const check = (doc: unknown) => {
      const r = checkDrillFile(doc);
      return r.ok ? messages(drillProblemsForWorld(r.doc, tiny())) : messages(r.problems);
    };
    expect(check(log)).toEqual([]);
    expect(check({ ...log, stateHashes: 'x' })).toEqual(['drill#/stateHashes: "x" has the wrong type, expected an array']);
    expect(check({ ...log, seed: 2 ** 32 })).toEqual(['drill#/seed: 4294967296 is out of range, expected an integer from 0 to 4294967295']);
    expect(check({ ...log, doctrineSeats: ['director'] })).toEqual([expect.stringMatching(/^drill#\/doctrineSeats\/0: "director" is not an allowed value, expected one of: /)]);
    expect(check({ ...log, commands: [{ tSec: 10, seat: 'cmcc', type: 'fly', args: {} }] })).toEqual([expect.stringMatching(/^drill#\/commands\/0\/type: "fly" is not a command/)]);
    expect(check({ ...log, commands: [{ tSec: 50_000, seat: 'director', type: 'setEmergencyRoaming', args: { enabled: true } }] })).toEqual([
      'drill#/commands/0/tSec: 50000 is after the end of the scenario (43200 s), expected 0 to 43200',
    ]);
    expect(check({ ...log, reachedSec: 1e9 })).toEqual(['drill#/reachedSec: 1000000000 is out of range, expected an integer from 0 to 2592000']);
    expect(check(null)).toEqual(['drill: the document is null, expected a JSON object (a drilltwin drill file)']);
  });

  it('a drill from another engine version is refused with both versions named, and the running drill is kept', () => {
    const { host, log } = savedDrill();
    const before = host.info();
    const answer = host.loadDrill({ ...log, engineVersion: '0.0.9' });
    expect(answer).toEqual({
      ok: false,
      problems: [`drill#/engineVersion: the drill was recorded by drilltwin engine "0.0.9" and this is engine "${ENGINE_VERSION}"; a drill replays exactly only in the engine version that recorded it, so it is refused (open it with drilltwin engine "0.0.9")`],
    });
    expect(host.info()).toEqual(before);
  });
});
