// Property tests for issue 15 beyond the loader's own fuzz: schema-valid
// extremes run through the engine, random commands of the right shape, and
// random command lines at the CLI. None may throw, hang or print a stack
// trace; a refusal is exit code 2 with a message.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { runScenario } from '../src/engine/run.ts';
import type { ArgKind } from '../src/model/commands.ts';
import { SEATS } from '../src/model/seats.ts';
import { COMMANDS, commandShapeError } from '../src/response/commands.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import { layerSchemas, scenarioSchema } from '../src/scenario/schema.ts';
import { captureOut, scenarioTexts, TINY } from './helpers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

/** The tiny fixture with every kind of resource, weather, an inject and aftershocks: every system gets to run. */
function richDocs(): Record<string, Doc> {
  const docs: Record<string, Doc> = {};
  for (const [k, v] of Object.entries(scenarioTexts(TINY))) docs[k] = JSON.parse(v);
  const s = docs['scenario.json'];
  s.layers.bases = 'layers/bases.geojson';
  docs['layers/bases.geojson'] = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [103.0, 35.0] }, properties: { id: 'b-county' } }] };
  s.layers.landingZones = 'layers/lz.geojson';
  docs['layers/lz.geojson'] = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [103.01, 35.01] }, properties: { id: 'lz1' } }] };
  s.resources.teams = [
    { id: 'cmcc-crew', nameZh: '移动抢修队', org: 'cmcc', level: 'county', kind: 'operatorCrew', base: 'b-county', activationDelaySec: 600, crew: 4, modes: ['road', 'foot'], loadout: { generators: 2, fuelHours: 2, spares: 1, portableBaseStations: 1 }, shiftHours: 8 },
    { id: 'power', nameZh: '电力', org: 'power', level: 'county', kind: 'powerCrew', base: 'b-county', activationDelaySec: 0, activeAtStart: true, crew: 3, modes: ['road'] },
    { id: 'road', nameZh: '路', org: 'transport', level: 'county', kind: 'roadCrew', base: 'b-county', activationDelaySec: 0, crew: 3, modes: ['road'] },
    { id: 'national', nameZh: '国家队', org: 'emhq', level: 'national', kind: 'commsTeam', base: 'b-county', origin: [108.9, 34.3], longHaulKmh: 60, activationDelaySec: 3600, crew: 20, modes: ['road', 'helicopter'], loadout: { satPhones: 4, vsat: 1, tetheredUavs: 1, commsVehicles: 1 } },
    { id: 'fire', nameZh: '消防', org: 'fire', level: 'city', kind: 'fireSquad', base: 'b-county', activationDelaySec: 60, crew: 10, modes: ['foot', 'boat'] },
  ];
  s.resources.uavs = [
    { id: 'uav-medium', org: 'emhq', class: 'mediumHelicopter', airfield: [103.5, 35.0] },
    { id: 'wl', org: 'emhq', class: 'largeFixedWing', airfield: [104, 35.5] },
  ];
  s.resources.helicopters = [{ id: 'h1', org: 'emhq', capacity: 10, speedKmh: 200, windLimit: 6 }];
  s.weather = [{ fromSec: 0, toSec: 7200, windForce: 7, visibilityKm: 2 }];
  s.msel = [{ id: 'm1', tSec: 60, to: 'emhq', text: { zh: '测' }, kind: 'damageReport', data: { a: 1 } }];
  s.hazards[0].aftershocks = { durationHours: 12, minMagnitude: 3, p: 1.1, cHours: 0.05, b: 1 };
  s.hazards[0].magnitude = 7;
  s.settings.doctrineSeats = 'all';
  s.settings.powerCrews = 2;
  return docs;
}

const texts = (docs: Record<string, Doc>) => Object.fromEntries(Object.entries(docs).map(([k, v]) => [k, JSON.stringify(v)]));

/** Every numeric field the schema allows in the rich scenario (present or optional), with its schema. */
function numericLeaves(docs: Record<string, Doc>): { file: string; path: (string | number)[]; schema: Doc }[] {
  const leaves: { file: string; path: (string | number)[]; schema: Doc }[] = [];
  const walk = (file: string, doc: Doc, schema: Doc, path: (string | number)[]): void => {
    if (!schema || typeof schema !== 'object' || doc === undefined) return;
    if (schema.if) return walk(file, doc, doc?.type === 'flood' ? schema.then : schema.else, path);
    if (schema.type === 'number' || schema.type === 'integer') return void leaves.push({ file, path, schema });
    if (Array.isArray(doc)) return doc.forEach((d, i) => walk(file, d, Array.isArray(schema.items) ? schema.items[i] : schema.items, [...path, i]));
    if (doc && typeof doc === 'object') {
      for (const [k, sub] of Object.entries<Doc>(schema.properties ?? {})) {
        if (k in doc) walk(file, doc[k], sub, [...path, k]);
        else if (sub.type === 'number' || sub.type === 'integer') leaves.push({ file, path: [...path, k], schema: sub });
      }
    }
  };
  const s = docs['scenario.json'];
  walk('scenario.json', s, scenarioSchema, []);
  const schemaOf: Record<string, string> = { townships: 'townships', sites: 'sites', substations: 'substations', feeders: 'feeders', roads: 'roads', bases: 'points', landingZones: 'points' };
  for (const [name, path] of Object.entries<string>(s.layers)) walk(path, docs[path], layerSchemas[schemaOf[name]], []);
  return leaves;
}

/** Values at and near the ends of a field's range. */
function extremes(schema: Doc): number[] {
  const lo = schema.minimum ?? schema.exclusiveMinimum ?? -1e6;
  const hi = schema.maximum ?? schema.exclusiveMaximum ?? 1e9;
  const values = [lo, hi, lo + 1e-9, hi - 1e-9, (lo + hi) / 2, lo === 0 ? 5e-324 : lo, Math.min(hi, lo + 1)];
  return schema.type === 'integer' ? values.map(Math.round) : values;
}

describe('schema-valid extremes through the engine', () => {
  const docs = richDocs();
  const leaves = numericLeaves(docs);

  it('the rich scenario loads and runs as it is', () => {
    const loaded = loadScenario(memoryScenarioFiles('rich', texts(docs)));
    expect(loaded.ok).toBe(true);
    expect(leaves.length).toBeGreaterThan(80);
  });

  it('one to three fields at the ends of their ranges: refused with the field named, or run to the end without a throw', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }), fc.nat(), (picks, seed) => {
        const d = structuredClone(docs);
        for (const [leafPick, valuePick] of picks) {
          const leaf = leaves[leafPick % leaves.length];
          let node = d[leaf.file];
          for (const key of leaf.path.slice(0, -1)) node = node[key];
          const values = extremes(leaf.schema);
          node[leaf.path[leaf.path.length - 1]] = values[valuePick % values.length];
        }
        const loaded = loadScenario(memoryScenarioFiles('rich', texts(d)));
        if (!loaded.ok) {
          for (const p of loaded.problems) expect(p.pointer === '' || p.pointer.startsWith('/')).toBe(true);
          return;
        }
        const started = Date.now();
        runScenario(loaded.world, { seed, untilSec: loaded.world.durationSec });
        // A hang guard, not a speed target (a 12 h run takes well under a second on a quiet machine).
        expect(Date.now() - started).toBeLessThan(60_000);
      }),
      { numRuns: 60, seed: 15 },
    );
  }, 300_000);
});

describe('commands of the right shape, at random', () => {
  it('never crash a run: each is applied or refused with a reason', () => {
    const loaded = loadScenario(memoryScenarioFiles('rich', texts(richDocs())));
    if (!loaded.ok) throw new Error('rich scenario');
    const w = loaded.world;
    const ids = [...w.sites.ids, ...w.townships.ids, ...w.teams.map((t) => t.id), ...w.uavs.map((u) => u.id), ...w.roads.ids, ...w.generatorPools.map((g) => g.id), ...w.landingZones.ids, 'nope', 'x'.repeat(64)];
    const value = (kind: ArgKind): fc.Arbitrary<unknown> => {
      if (Array.isArray(kind)) return fc.constantFrom(...kind);
      switch (kind) {
        case 'id':
          return fc.constantFrom(...ids);
        case 'ids':
          return fc.array(fc.constantFrom(...ids), { minLength: 1, maxLength: 3 });
        case 'number':
          return fc.constantFrom(0, -1, 1e308, 5e-324, 3, 1.5);
        case 'boolean':
          return fc.boolean();
        case 'text':
          return fc.constantFrom('x', 'a'.repeat(500), '\u0000\u001b[2J', '=HYPERLINK("x")');
        case 'polygon':
          return fc.constantFrom([[0, 0], [0, 0], [0, 0]], [[103, 35], [103.1, 35], [103.1, 35.1]], [[180, 90], [-180, -90], [180, -90], [-180, 90]]);
        case 'position':
          return fc.constantFrom([0, 0], [103, 35], [180, 90], [-180, -90]);
      }
      return fc.constant(null);
    };
    const command = fc.constantFrom(...Object.keys(COMMANDS)).chain((type) =>
      fc.record({
        tSec: fc.integer({ min: 0, max: w.durationSec + 10 }),
        seat: fc.constantFrom(...SEATS),
        type: fc.constant(type),
        args: fc.record(Object.fromEntries(Object.entries(COMMANDS[type].args).map(([raw, kind]) => [raw.replace(/\?$/, ''), value(kind)])), {
          requiredKeys: Object.keys(COMMANDS[type].args).filter((k) => !k.endsWith('?')),
        }),
      }),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), fc.boolean(), (cmds, doctrine) => {
        const commands = cmds.filter((c) => commandShapeError(c) === null).sort((a, b) => a.tSec - b.tSec);
        const { report } = runScenario(w, { seed: 1, untilSec: w.durationSec, commands, doctrineSeats: doctrine ? undefined : [] });
        expect(report.commands.filter((c) => c.by !== 'doctrine').length).toBeLessThanOrEqual(commands.length);
      }),
      { numRuns: 40, seed: 15 },
    );
  }, 300_000);
});

describe('random command lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drilltwin-cli-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const report = join(dir, 'report.json');
  beforeAll(async () => {
    writeFileSync(join(dir, 'empty.json'), '');
    writeFileSync(join(dir, 'binary.dat'), Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x7b]));
    writeFileSync(join(dir, 'array.json'), '[]');
    writeFileSync(join(dir, 'object.json'), '{}');
    writeFileSync(join(dir, 'huge.json'), '1e999');
    writeFileSync(join(dir, 'a-file'), 'x');
    mkdirSync(join(dir, 'folder'));
    const { io } = captureOut();
    expect(await main(['run', TINY, '--until', '1h', '--out', report, '--quiet'], io)).toBe(0);
  }, 60_000);

  it('end with exit code 0, 1 or 2 and a message, never a throw or a stack trace', async () => {
    // No FIFO here: a blocked open would stop this process for good (test/hardening.test.ts gives one to every option in a child).
    const inputs = [TINY, report, '/dev/zero', '/dev/null', join(dir, 'folder'), join(dir, 'missing.json'), ...['empty.json', 'binary.dat', 'array.json', 'object.json', 'huge.json'].map((f) => join(dir, f))];
    // Only under the test's folder (or /proc, which takes no files): a folder output creates missing parents.
    const outputs = [join(dir, 'out', 'x'), join(dir, 'x.out'), join(dir, 'folder'), join(dir, 'a-file', 'x'), '/proc/drilltwin-x'];
    const words = ['', '-1', '0', '1e308', 'NaN', 'Infinity', '99999999999999999999', '1.5', 'x', '72h', '1e3h', ' ', '\u001b[31m', 'all', 'none', 'emhq,,', '181,91', '-', '--', 'zh', 'en'];
    const OPTIONS: Record<string, [string, 'in' | 'out' | 'word' | 'flag'][]> = {
      validate: [],
      run: [['--seed', 'word'], ['--until', 'word'], ['--commands', 'in'], ['--out', 'out'], ['--snapshot-at', 'word'], ['--snapshot-out', 'out'], ['--from-snapshot', 'in'], ['--doctrine', 'word'], ['--params', 'in'], ['--quiet', 'flag'], ['--bogus', 'flag']],
      replay: [['--params', 'in']],
      quake: [['--epicenter', 'word'], ['--magnitude', 'word'], ['--magnitude-type', 'word'], ['--depth', 'word'], ['--strike', 'word'], ['--zone', 'word'], ['--json', 'flag']],
      report: [['--html', 'out'], ['--csv', 'out'], ['--cap', 'out'], ['--lang', 'word'], ['--targets', 'in'], ['--observations', 'in'], ['--json', 'out']],
    };
    const pool = { in: inputs, out: outputs, word: words, flag: [] as string[] };
    const argv = fc.constantFrom(...Object.keys(OPTIONS)).chain((cmd) =>
      fc
        .tuple(
          fc.option(fc.constantFrom(...(cmd === 'quake' ? words : inputs)), { nil: undefined }),
          fc.array(
            OPTIONS[cmd].length
              ? fc.constantFrom(...OPTIONS[cmd]).chain(([name, kind]): fc.Arbitrary<string[]> => (kind === 'flag' ? fc.constant([name]) : fc.constantFrom(...pool[kind]).map((v) => [name, v])))
              : fc.constant<string[]>([]),
            { maxLength: 4 },
          ),
        )
        .map(([positional, options]) => [cmd, ...(positional === undefined ? [] : [positional]), ...options.flat()]),
    );
    const codes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        const { out, io } = captureOut();
        const code = await main(args, io);
        codes.set(code, (codes.get(code) ?? 0) + 1);
        expect([0, 1, 2]).toContain(code);
        expect(out.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?|TypeError|RangeError|\[object Object\]/);
        if (code === 2) expect(out.stderr.length).toBeGreaterThan(10);
      }),
      { numRuns: 1000, seed: 15 },
    );
    // The generator reaches real work too, not only refusals.
    expect(codes.get(0) ?? 0).toBeGreaterThan(20);
    expect(codes.get(2) ?? 0).toBeGreaterThan(500);
  }, 300_000);
});
