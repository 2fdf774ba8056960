import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblems, loadScenario, LIMITS } from './load.ts';
import { memoryScenarioFiles } from './memory-files.ts';
import { elevationSampler } from './elevation.ts';
import { makeProjection } from '../core/geo.ts';

const TINY = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'tiny');
const LAYERS = ['townships', 'sites', 'substations', 'feeders', 'roads'];

function tinyTexts(): Record<string, string> {
  const texts: Record<string, string> = { 'scenario.json': readFileSync(join(TINY, 'scenario.json'), 'utf8') };
  for (const l of LAYERS) texts[`layers/${l}.geojson`] = readFileSync(join(TINY, 'layers', `${l}.geojson`), 'utf8');
  return texts;
}

/** Loads the tiny scenario after `mutate` edits one of its parsed files. */
function loadMutated(file: string, mutate: (doc: any) => void): string {
  const texts = tinyTexts();
  const doc = JSON.parse(texts[file]);
  mutate(doc);
  texts[file] = JSON.stringify(doc);
  return messages(texts);
}

function messages(texts: Record<string, string>): string {
  const result = loadScenario(memoryScenarioFiles('tiny', texts));
  return result.ok ? 'ok' : formatProblems(result.problems);
}

describe('loading a valid scenario', () => {
  it('accepts the tiny fixture and normalises it in id order', () => {
    const result = loadScenario(memoryScenarioFiles('tiny', tinyTexts()));
    if (!result.ok) throw new Error(formatProblems(result.problems));
    const w = result.world;
    expect(w.scenarioId).toBe('tiny');
    expect(w.sites.ids).toEqual(['s-1', 's-2', 's-3']);
    expect(w.townships.population[2]).toBe(250);
    expect(w.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Projection origin: the centre of the townships' bounding box (35.225°N);
    // 0.1° of longitude there is R·cos(lat)·0.1·π/180 metres east.
    expect(w.origin.lat).toBeCloseTo(35.225, 12);
    const expected = 6_378_137 * Math.cos((35.225 * Math.PI) / 180) * ((0.1 * Math.PI) / 180);
    expect(w.sites.xM[1] - w.sites.xM[0]).toBeCloseTo(expected, 6);
  });
});

describe('refusing bad input with exact messages', () => {
  it('not JSON', () => {
    const texts = tinyTexts();
    texts['scenario.json'] = '{"format": ';
    expect(messages(texts)).toMatch(/^scenario\.json: not valid JSON \(.+\)$/);
  });

  it('an unknown format version names the supported ones', () => {
    expect(loadMutated('scenario.json', (d) => (d.format = 'drilltwin/scenario@9'))).toBe(
      'scenario.json#/format: unsupported format "drilltwin/scenario@9", this drilltwin reads: drilltwin/scenario@1',
    );
    expect(loadMutated('scenario.json', (d) => (d.format = 'something-else'))).toBe(
      'scenario.json#/format: "something-else" is not a drilltwin scenario format, expected one of: drilltwin/scenario@1',
    );
  });

  it('a magnitude of 15', () => {
    expect(loadMutated('scenario.json', (d) => (d.hazards[0].magnitude = 15))).toBe(
      'scenario.json#/hazards/0/magnitude: 15 is out of range, expected a number from 3 to 9.5',
    );
  });

  it('a latitude of 95 in a layer and in the epicentre', () => {
    expect(loadMutated('layers/sites.geojson', (d) => (d.features[1].geometry.coordinates = [103.1, 95]))).toBe(
      'layers/sites.geojson#/features/1/geometry/coordinates/1: latitude 95 is out of range, expected -90 to 90',
    );
    expect(loadMutated('scenario.json', (d) => (d.hazards[0].epicenter = [103, 95]))).toBe(
      'scenario.json#/hazards/0/epicenter/1: 95 is out of range, expected a number from -90 to 90',
    );
  });

  it('a negative population', () => {
    expect(loadMutated('layers/townships.geojson', (d) => (d.features[0].properties.population = -5))).toBe(
      'layers/townships.geojson#/features/0/properties/population: -5 is out of range, expected an integer from 0 to 100000000',
    );
  });

  it('wrong types', () => {
    expect(loadMutated('scenario.json', (d) => (d.seed = 'seven'))).toBe('scenario.json#/seed: "seven" has the wrong type, expected an integer');
    expect(loadMutated('layers/sites.geojson', (d) => (d.features[0].properties.loadKw = '1.3'))).toBe(
      'layers/sites.geojson#/features/0/properties/loadKw: "1.3" has the wrong type, expected a number',
    );
  });

  it('NaN and Infinity', () => {
    const texts = tinyTexts();
    texts['scenario.json'] = texts['scenario.json'].replace('"durationHours": 12', '"durationHours": 1e999');
    expect(messages(texts)).toBe('scenario.json#/durationHours: Infinity is not a finite number, expected a finite number');
    const nan = tinyTexts();
    nan['scenario.json'] = nan['scenario.json'].replace('"durationHours": 12', '"durationHours": NaN');
    expect(messages(nan)).toMatch(/^scenario\.json: not valid JSON/);
  });

  it('duplicate ids', () => {
    expect(loadMutated('layers/sites.geojson', (d) => (d.features[2].properties.id = 's-1'))).toBe(
      'layers/sites.geojson#/features/2/properties/id: duplicate id "s-1" (first at #/features/0/properties/id), expected ids unique within the layer',
    );
  });

  it('one id for two things (a generator pool named like a site, a road like a township): the reports would show one name for both', () => {
    expect(loadMutated('scenario.json', (d) => (d.resources.generatorPools[0].id = 's-2'))).toBe(
      'scenario.json#/resources/generatorPools/0/id: "s-2" is also the id of a site (layers/sites.geojson#/features/1/properties/id), expected an id of its own: reports and the console name each thing by its id',
    );
    expect(loadMutated('layers/roads.geojson', (d) => (d.features[1].properties.id = 't-c'))).toBe(
      'layers/roads.geojson#/features/1/properties/id: "t-c" is also the id of a township (layers/townships.geojson#/features/2/properties/id), expected an id of its own: reports and the console name each thing by its id',
    );
    expect(loadMutated('scenario.json', (d) => (d.hazards[0].id = 'r-1'))).toMatch(/^scenario\.json#\/hazards\/0\/id: "r-1" is also the id of a road segment \(layers\/roads\.geojson#\/features\/0\/properties\/id\)/);
  });

  it('a dangling reference: a site fed by a feeder that does not exist, a feeder on a missing substation', () => {
    expect(loadMutated('layers/sites.geojson', (d) => (d.features[1].properties.feeder = 'f-99'))).toBe(
      'layers/sites.geojson#/features/1/properties/feeder: "f-99" does not exist in layers/feeders.geojson, expected the id of a feeder',
    );
    expect(loadMutated('layers/feeders.geojson', (d) => (d.features[0].properties.substation = 'ss-9'))).toBe(
      'layers/feeders.geojson#/features/0/properties/substation: "ss-9" does not exist in layers/substations.geojson, expected the id of a substation',
    );
  });

  it('invalid geometry: an unclosed ring and an empty line', () => {
    expect(loadMutated('layers/townships.geojson', (d) => d.features[2].geometry.coordinates[0].pop())).toBe(
      'layers/townships.geojson#/features/2/geometry/coordinates/0: ring is not closed (first position differs from last), expected a closed linear ring',
    );
    expect(loadMutated('layers/roads.geojson', (d) => (d.features[0].geometry.coordinates = []))).toBe(
      'layers/roads.geojson#/features/0/geometry/coordinates: a LineString needs at least 2 positions, found 0',
    );
  });

  it('a file over the size limit is refused before parsing', () => {
    const texts = tinyTexts();
    texts['scenario.json'] = ' '.repeat(LIMITS.scenarioBytes + 1);
    expect(messages(texts)).toBe('scenario.json: file is 1.0 MB, over the 1.0 MB limit for this kind of file; refused before parsing');
  });

  it('absurd nesting', () => {
    const texts = tinyTexts();
    texts['scenario.json'] = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(messages(texts)).toMatch(/^scenario\.json: nesting deeper than 64 levels at #\/0\/0\/0/);
  });

  it('a missing layer file names where it was referenced', () => {
    const texts = tinyTexts();
    delete texts['layers/roads.geojson'];
    expect(messages(texts)).toBe('layers/roads.geojson: file not found (referenced from scenario.json#/layers/roads)');
  });

  it('unknown fields and missing required fields', () => {
    expect(loadMutated('scenario.json', (d) => (d.hazards[0].magnitud = 6))).toBe(
      'scenario.json#/hazards/0/magnitud: unknown field "magnitud", expected one of: id, type, tSec, epicenter, magnitude, magnitudeType, depthKm, strikeDeg, zone, siteAmplification, isoseismals, groundFailure, aftershocks',
    );
    expect(loadMutated('scenario.json', (d) => delete d.seed)).toBe('scenario.json#/seed: missing required field "seed"');
  });

  it('lists every problem, not just the first', () => {
    const out = loadMutated('scenario.json', (d) => {
      d.hazards[0].magnitude = 15;
      d.durationHours = -1;
    });
    expect(out.split('\n')).toHaveLength(2);
  });

  it('lists the problems of every file in one run: the document, a layer and a reference between two others', () => {
    const texts = tinyTexts();
    const edit = (file: string, mutate: (doc: any) => void) => {
      const doc = JSON.parse(texts[file]);
      mutate(doc);
      texts[file] = JSON.stringify(doc);
    };
    edit('scenario.json', (d) => (d.hazards[0].magnitude = 15));
    edit('layers/sites.geojson', (d) => (d.features[0].properties.batteryKwh = -5));
    edit('layers/feeders.geojson', (d) => (d.features[0].properties.substation = 'ss-9'));
    const lines = messages(texts).split('\n');
    expect(lines[0]).toMatch(/^scenario\.json#\/hazards\/0\/magnitude: 15 is out of range, expected a number from \d+ to 9\.5$/);
    expect(lines.slice(1)).toEqual([
      'layers/sites.geojson#/features/0/properties/batteryKwh: -5 is out of range, expected a number from 0 to 10000',
      'layers/feeders.geojson#/features/0/properties/substation: "ss-9" does not exist in layers/substations.geojson, expected the id of a substation',
    ]);
    // With a valid document too, and no second report of references into the layer that failed.
    edit('scenario.json', (d) => (d.hazards[0].magnitude = 6));
    edit('layers/sites.geojson', (d) => (d.features[1].properties.feeder = 'f-99'));
    edit('layers/feeders.geojson', (d) => (d.features[1].voltageKv = 'high'));
    const out = messages(texts);
    expect(out).toContain('layers/sites.geojson#/features/0/properties/batteryKwh');
    expect(out).toContain('layers/feeders.geojson#/features/0/properties/substation: "ss-9" does not exist');
    expect(out).not.toContain('f-99');
  });
});

describe('the map layers: rivers and an elevation grid', () => {
  /** The tiny fixture with a river, a lake and a 2 × 3 elevation grid. */
  function withLand(edit: (texts: Record<string, string>) => void = () => {}): Record<string, string> {
    const texts = tinyTexts();
    const doc = JSON.parse(texts['scenario.json']);
    doc.layers.rivers = 'layers/rivers.geojson';
    doc.layers.elevation = 'layers/elevation.json';
    texts['scenario.json'] = JSON.stringify(doc);
    texts['layers/rivers.geojson'] = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'MultiLineString', coordinates: [[[103.0, 35.1], [103.1, 35.12]], [[103.1, 35.12], [103.2, 35.1]]] }, properties: { id: 'rv-a', nameZh: '甲河', nameEn: 'River A', kind: 'river' } },
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[103.3, 35.3], [103.32, 35.3], [103.32, 35.32], [103.3, 35.3]]] }, properties: { id: 'lk-b', nameZh: '乙湖', kind: 'lake' } },
      ],
    });
    texts['layers/elevation.json'] = JSON.stringify({ format: 'drilltwin/elevation-grid@1', originLon: 103, originLat: 35.5, cellDeg: 0.25, rows: 2, cols: 3, elevationM: [1, 2, 3, 4, 5, 6], source: 'test' });
    edit(texts);
    return texts;
  }

  it('loads rivers as lines and water bodies as rings, and names the grid the map shades relief from', () => {
    const result = loadScenario(memoryScenarioFiles('tiny', withLand()));
    if (!result.ok) throw new Error(formatProblems(result.problems));
    const r = result.world.rivers;
    expect(r.ids).toEqual(['lk-b', 'rv-a']);
    expect(r.nameEn).toEqual(['', 'River A']);
    expect(r.kind).toEqual(['lake', 'river']);
    expect(r.linesM.map((l) => l.length / 2)).toEqual([2, 2]);
    expect(Array.from(r.lineFeature)).toEqual([1, 1]);
    expect(r.ringsM).toHaveLength(1);
    expect(Array.from(r.ringFeature)).toEqual([0]);
    expect(result.world.reliefGridPath).toBe('layers/elevation.json');
    // The new files are part of the scenario's fingerprint.
    const plain = loadScenario(memoryScenarioFiles('tiny', tinyTexts()));
    expect(plain.ok && plain.world.sha256).not.toBe(result.world.sha256);
    expect(plain.ok && plain.world.reliefGridPath).toBe(null);
  });

  it('reads the ground where work happens from an asset\'s own elevation, else the grid, else nothing (WORK_AT_ALTITUDE)', () => {
    const result = loadScenario(
      memoryScenarioFiles(
        'tiny',
        withLand((t) => {
          const sites = JSON.parse(t['layers/sites.geojson']);
          sites.features.find((f: { properties: { id: string } }) => f.properties.id === 's-2').properties.elevationM = 3000;
          t['layers/sites.geojson'] = JSON.stringify(sites);
        }),
      ),
    );
    if (!result.ok) throw new Error(formatProblems(result.problems));
    const w = result.world;
    // ss-2 at (103.5, 35.4) lies on the grid's east column, 0.4 of the way from its 3 m row to its 6 m row.
    expect(w.substations.groundM[w.substations.ids.indexOf('ss-2')]).toBeCloseTo(4.2, 1);
    expect(w.sites.groundM[w.sites.ids.indexOf('s-2')]).toBe(3000);
    // s-1 (35.0° N) lies south of the grid and says nothing itself.
    expect(w.sites.groundM[w.sites.ids.indexOf('s-1')]).toBeNaN();
    // A road segment is read at its middle vertex, a township at its seat, on a grid that covers them all.
    const wide = { format: 'drilltwin/elevation-grid@1' as const, originLon: 102.9, originLat: 35.6, cellDeg: 0.25, rows: 4, cols: 4, elevationM: Array.from({ length: 16 }, (_, i) => 1000 + 100 * i), source: 'test' };
    const covered = loadScenario(memoryScenarioFiles('tiny', withLand((t) => (t['layers/elevation.json'] = JSON.stringify(wide)))));
    if (!covered.ok) throw new Error(formatProblems(covered.problems));
    const c = covered.world;
    const wideRelief = elevationSampler(wide, makeProjection(c.origin.lon, c.origin.lat));
    for (let r = 0; r < c.roads.ids.length; r++) expect(c.roads.groundM[r]).toBeCloseTo(wideRelief(c.roads.midXM[r], c.roads.midYM[r]), 9);
    for (let t = 0; t < c.townships.ids.length; t++) expect(c.townships.groundM[t]).toBeCloseTo(wideRelief(c.townships.xM[t], c.townships.yM[t]), 9);
    expect([...c.roads.groundM, ...c.townships.groundM].every((m) => m >= 1000 && m <= 2500)).toBe(true);
  });

  it('refuses a river without a kind, a point in the rivers layer and a grid of the wrong size, naming each', () => {
    const texts = withLand((t) => {
      const rivers = JSON.parse(t['layers/rivers.geojson']);
      delete rivers.features[0].properties.kind;
      rivers.features[1].geometry = { type: 'Point', coordinates: [103.3, 35.3] };
      t['layers/rivers.geojson'] = JSON.stringify(rivers);
      const grid = JSON.parse(t['layers/elevation.json']);
      grid.elevationM.pop();
      t['layers/elevation.json'] = JSON.stringify(grid);
    });
    const text = messages(texts);
    expect(text).toContain('layers/rivers.geojson#/features/0/properties');
    expect(text).toContain('kind');
    expect(text).toContain('layers/rivers.geojson#/features/1/geometry/type');
    expect(text).toContain('layers/elevation.json#/elevationM: has 5 values, expected rows × cols = 6');
  });
});
