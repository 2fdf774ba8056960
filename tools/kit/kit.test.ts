import { describe, expect, it } from 'vitest';
import type { TeamDoc } from '../../src/model/scenario-format.ts';
import {
  addLayers,
  apportion,
  backhaulDepth,
  batteryHoursQuantile,
  chainThroughVillages,
  closeRing,
  closestSite,
  countTeams,
  equipSite,
  placeTownshipSites,
  SUPER_SITE_RING,
  type PlacementRing,
  hangOffAggregation,
  poiFeatures,
  poiFeaturesOfKind,
  axesFromAreas,
  isoseismalMap,
  fibreHubs,
  sortedBatteryHours,
  addNamedTeams,
  offsetOnBearing,
  sitesPerTownship,
  sumTeams,
  townshipLayerProps,
  backhaulSummary,
  customersBySubstation,
  hardenAggregationSites,
  siteLayerProps,
  substationLayerProps,
  cutRoadLine,
  drawRoads,
  pointAtKm,
  roadSegmentProps,
  windingAlignment,
  type LL,
  aggregationRing,
  vehicleUnitNameEn,
  vehicleUnits,
  distToPolylineKm,
  drawBackhaul,
  featureCollectionText,
  footOnSegment,
  jsonText,
  KM_PLANE,
  lerpTable,
  localPlane,
  nearest,
  nearestFeeder,
  pointFeature,
  pointInPolygon,
  polylineLengthsKm,
  ringAreaSigned,
  roadGraph,
  routeFibres,
  seededRandom,
  siteEquipment,
  sortAndCheckTeams,
  teamFromRow,
  type Random,
  type TeamRow,
  type ScenarioTexts,
  type XY,
} from './index.ts';
import { addElevationLayer, elevationGrid, elevationGridText } from './terrain.ts';

/** A Random whose next() returns the given values in turn, counting the draws. */
function scripted(values: number[]): Random & { draws: number } {
  const r = seededRandom(0) as Random & { draws: number };
  r.draws = 0;
  r.next = () => values[r.draws++];
  return r;
}

describe('geometry', () => {
  const plane = localPlane([102.79, 35.7]);

  it('projects around its origin at 111.32 km per degree of latitude and 111.32·cos(lat0) of longitude', () => {
    expect(plane.kmPerDegLon).toBe(90.40113821359586);
    expect(plane.km([102.79, 35.7], [102.89, 35.7])).toBeCloseTo(9.0401138, 6);
    expect(plane.km([102.79, 35.7], [102.79, 35.8])).toBeCloseTo(11.132, 9);
    expect(plane.toKm([102.89, 35.8])).toEqual([plane.kmPerDegLon * (102.89 - 102.79), 111.32 * (35.8 - 35.7)]);
    const back = plane.fromKm(plane.toKm([102.8123, 35.6789]));
    expect(back[0]).toBeCloseTo(102.8123, 12);
    expect(back[1]).toBeCloseTo(35.6789, 12);
    // Relative to another point: the position of p seen from o.
    expect(plane.toKm([102.8, 35.7], [102.79, 35.7])[0]).toBeCloseTo(0.90401138, 7);
  });

  it('closes, rounds and orients rings counter-clockwise', () => {
    const clockwise: [number, number][] = [[0, 0], [0, 1.000004], [1, 1], [1, 0]];
    const ring = closeRing(clockwise);
    expect(ring).toEqual([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]);
    expect(ringAreaSigned(ring)).toBe(1);
    expect(ringAreaSigned([[0, 0], [0, 2], [2, 2], [2, 0], [0, 0]])).toBe(-4);
  });

  it('tests points in polygons, interpolates tables and measures along lines', () => {
    const square: XY[] = [[0, 0], [2, 0], [2, 2], [0, 2]];
    expect(pointInPolygon([1, 1], square)).toBe(true);
    expect(pointInPolygon([3, 1], square)).toBe(false);
    const table: [number, number][] = [[0, 10], [2, 20], [4, 0]];
    expect([lerpTable(table, -1), lerpTable(table, 1), lerpTable(table, 3), lerpTable(table, 9)]).toEqual([10, 15, 10, 0]);
    expect(footOnSegment(KM_PLANE, [1, 1], [0, 0], [4, 0])).toEqual({ t: 0.25, offKm: 1 });
    expect(footOnSegment(KM_PLANE, [-3, 4], [0, 0], [4, 0])).toEqual({ t: 0, offKm: 5 });
    expect(distToPolylineKm(KM_PLANE, [5, 1], [[0, 0], [4, 0], [4, 4]])).toBe(1);
    expect(polylineLengthsKm(KM_PLANE, [[0, 0], [3, 4], [3, 10]])).toEqual([0, 5, 11]);
    expect(nearest(['a', 'bb', 'cc'], (s) => 3 - s.length)).toBe('bb');
    expect(nearest([], () => 0)).toBeUndefined();
  });
});

describe('seeded randomness', () => {
  it('is mulberry32: the same stream for the same seed', () => {
    const r = seededRandom(1);
    expect([r.next(), r.next(), r.next()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    const a = seededRandom(42), b = seededRandom(42);
    expect(Array.from({ length: 5 }, () => a.uniform(3, 4))).toEqual(Array.from({ length: 5 }, () => b.uniform(3, 4)));
  });

  it('picks by weight and never a zero-weight item', () => {
    const r = seededRandom(9);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 4000; i++) counts[r.pickWeighted(['a', 'b', 'c'] as const, [3, 1, 0])]++;
    expect(counts.c).toBe(0);
    expect(counts.a / 4000).toBeCloseTo(0.75, 1);
  });

  it('apportions whole numbers that sum exactly, largest remainders first, ties to the lower index', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(100, [1, 2, 3.5])).toEqual([15, 31, 54]);
    expect(apportion(7, [0, 0])).toEqual([4, 3]);
    expect(apportion(0, [1, 2])).toEqual([0, 0]);
  });
});

describe('the site-sizing model', () => {
  it('gives a super base station every operator, 4G and 5G, 150 kWh and 72 h of fuel', () => {
    expect(siteEquipment(seededRandom(7), 'super', 'urban')).toEqual({ operators: ['cmcc', 'cucc', 'ctcc'], tech: ['4G', '5G'], loadKw: 10.6, batteryKwh: 150, generatorFuelHours: 72 });
  });

  it('sizes small cells and macro sites from the stream (golden values)', () => {
    expect(siteEquipment(seededRandom(7), 'small', 'urban')).toEqual({ operators: ['cmcc'], tech: ['4G', '5G'], loadKw: 1.2, batteryKwh: 4.1, generatorFuelHours: 0 });
    expect(siteEquipment(seededRandom(7), 'macro', 'rural')).toEqual({ operators: ['cmcc'], tech: ['4G'], loadKw: 1.3, batteryKwh: 12.6, generatorFuelHours: 0 });
  });

  it('keeps macro batteries between about 1.8 and 12.5 h and loads at 1.3 kW per 4G system plus 3.3–4.9 kW per 5G system', () => {
    const rng = seededRandom(2023);
    let with5g = 0;
    for (let i = 0; i < 3000; i++) {
      const e = siteEquipment(rng, 'macro', 'urban');
      const hours = e.batteryKwh / e.loadKw;
      expect(hours).toBeGreaterThanOrEqual(1.7);
      expect(hours).toBeLessThanOrEqual(12.6);
      const base = 1.3 * e.operators.length;
      if (e.tech.includes('5G')) {
        with5g++;
        const systems = (e.operators.includes('cmcc') ? 1 : 0) + (e.operators.includes('cucc') || e.operators.includes('ctcc') ? 1 : 0);
        expect(e.loadKw).toBeGreaterThanOrEqual(base + 3.3 * systems - 0.05);
        expect(e.loadKw).toBeLessThanOrEqual(base + 4.9 * systems + 0.05);
      } else expect(e.loadKw).toBeCloseTo(base, 9);
    }
    expect(with5g / 3000).toBeCloseTo(0.85, 1);
  });

  it('takes a scenario’s own 5G shares', () => {
    const rng = seededRandom(5);
    let with5g = 0;
    for (let i = 0; i < 2000; i++) if (siteEquipment(rng, 'small', 'urban', { small: 0, urban: 1, suburban: 1, rural: 1 }).tech.includes('5G')) with5g++;
    expect(with5g).toBe(0);
  });

  it('draws backhaul with one uniform against cumulative bounds, and not at all without a draw', () => {
    const draw = { satelliteBelow: 0.02, microwaveBelow: 0.2 };
    expect([0.01, 0.1, 0.2, 0.9].map((u) => drawBackhaul(scripted([u]), draw))).toEqual(['satellite', 'microwave', 'fibre', 'fibre']);
    const none = scripted([0]);
    expect(drawBackhaul(none, undefined)).toBe('fibre');
    expect(none.draws).toBe(0);
    expect(batteryHoursQuantile([1, 2, 3, 4.04], 0.5)).toBe(3);
    expect(batteryHoursQuantile([1, 2, 3, 4.04], 0.999)).toBe(4);
  });
});

describe('feeders and the backhaul tree', () => {
  it('chains a feeder through the nearest villages first (ties by id), at most four', () => {
    const villages = [
      { id: 'v5', at: [5, 0] as XY },
      { id: 'v2b', at: [0, 2] as XY },
      { id: 'v2a', at: [2, 0] as XY },
      { id: 'v9', at: [9, 0] as XY },
      { id: 'v7', at: [7, 0] as XY },
    ];
    // v2a and v2b tie at 2 km: v2a by id; then each step from where the line has got to; v9 is the fifth.
    expect(chainThroughVillages(KM_PLANE, [[0, 0]], villages)).toEqual([[0, 0], [2, 0], [0, 2], [5, 0], [7, 0]]);
    const feeders = [{ id: 'f1', line: [[0, 0], [0, 10]] as XY[] }, { id: 'f2', line: [[5, 0], [5, 10]] as XY[] }];
    expect(nearestFeeder(KM_PLANE, feeders, [3, 5]).id).toBe('f2');
    expect(nearestFeeder(KM_PLANE, feeders, [2.5, 5]).id).toBe('f1');
  });

  //   a(0,0) —r1— b(4,0) —r2— c(8,0)
  //                 |r3 (joins r4 at its middle vertex)
  //   d(0,4) ——r4 via (4,4)—— e(8,4)
  const roads = [
    { id: 'r1', line: [[0, 0], [4, 0]] as XY[] },
    { id: 'r2', line: [[4, 0], [8, 0]] as XY[] },
    { id: 'r3', line: [[4, 0], [4, 4]] as XY[] },
    { id: 'r4', line: [[0, 4], [4, 4], [8, 4]] as XY[] },
  ];
  const key = (p: XY) => p.join(',');

  it('routes fibre along the shortest road path, through a side road that joins mid-segment', () => {
    const graph = roadGraph(roads, KM_PLANE, key);
    // b → (4,4) by r3, then r4's left half to d, then back along r4 to the foot at x = 1: without the split at (4,4), no path.
    expect(graph.fibreRoute([0.5, 0.2], [1, 4.2])).toEqual({ roads: ['r1', 'r3', 'r4'], km: 3.5 + 4 + 4 + 1 });
    expect(graph.fibreRoute([1, 0.1], [3, -0.1])).toEqual({ roads: ['r1'], km: 2 });
    const cut = roadGraph([roads[0], { id: 'far', line: [[20, 20], [24, 20]] as XY[] }], KM_PLANE, key);
    expect(() => cut.fibreRoute([1, 0], [21, 20])).toThrow(/not connected/);
  });

  it('hangs sites off the nearest aggregation (ties by id), routes their fibre and bounds the depth', () => {
    const graph = roadGraph(roads, KM_PLANE, key);
    const aggs = [{ id: 'agg-b', at: [4, 1] as XY }, { id: 'agg-a', at: [4, -1] as XY }];
    expect(closestSite(KM_PLANE, aggs, [4, 0]).id).toBe('agg-a');
    const sites = [{ id: 's1', at: [0, 0.5] as XY }, { id: 's2', at: [8, 0.5] as XY }];
    const { roadsOf, km } = routeFibres(graph, sites, (s) => (s.id === 's1' ? [4, 1] : null));
    expect([...roadsOf.entries()]).toEqual([['s1', ['r1', 'r3']]]);
    expect(km).toEqual([5]);
    const tree = new Map([['s', 'a'], ['a', 'c'], ['c', 'core']]);
    expect(backhaulDepth(tree, 's')).toBe(3);
    expect(() => backhaulDepth(new Map([['x', 'y'], ['y', 'x']]), 'x')).toThrow(/deeper than 3/);
  });
});

describe('forces and files', () => {
  const row: TeamRow = ['tm-b', '队', 'county', 'base-1', [103, 36], true, 1800, 8, 2];

  it('builds a team from a table row, with a long haul only when it has an origin', () => {
    const team = teamFromRow(row, { org: 'power', kind: 'powerCrew', longHaulKmh: 40 }, ['road'], { generators: 2, fuelHours: 12 });
    expect(Object.keys(team)).toEqual(['id', 'nameZh', 'org', 'level', 'kind', 'base', 'origin', 'longHaulKmh', 'activationDelaySec', 'activeAtStart', 'crew', 'modes', 'loadout']);
    expect(team.origin).toEqual([103, 36]);
    expect(teamFromRow(['tm-a', '队', 'city', 'base-1', null, false, 600, 12], { org: 'fire', kind: 'fireSquad', longHaulKmh: 40 }, ['foot'], {}).longHaulKmh).toBeUndefined();
  });

  it('sorts teams by id and refuses duplicates, unknown bases and squads too big to fly', () => {
    const fire = (id: string, crew: number, base = 'base-1'): TeamDoc => teamFromRow([id, '队', 'county', base, null, true, 600, crew], { org: 'fire', kind: 'fireSquad', longHaulKmh: 40 }, ['helicopter', 'foot'], {});
    const bases = new Set(['base-1']);
    expect(sortAndCheckTeams([fire('b', 8), fire('a', 12)], bases, 12).map((t) => t.id)).toEqual(['a', 'b']);
    expect(() => sortAndCheckTeams([fire('a', 8), fire('a', 8)], bases, 12)).toThrow(/duplicate team a/);
    expect(() => sortAndCheckTeams([fire('a', 8, 'nowhere')], bases, 12)).toThrow(/unknown base nowhere/);
    expect(() => sortAndCheckTeams([fire('a', 13)], bases, 12)).toThrow(/too big/);
    expect(countTeams([fire('a', 8), fire('b', 8)], 'level', ['national', 'county'])).toEqual({ national: 0, county: 2 });
  });

  it('writes one feature per line, coordinates to 5 decimals, and each layer under layers/', () => {
    const f = pointFeature([102.123456789, 35.987654321], { id: 'p' });
    expect(f.geometry.coordinates).toEqual([102.12346, 35.98765]);
    expect(featureCollectionText([f, f])).toBe(`{"type":"FeatureCollection","features":[\n${JSON.stringify(f)},\n${JSON.stringify(f)}\n]}\n`);
    expect(featureCollectionText([])).toBe('{"type":"FeatureCollection","features":[]}\n');
    expect(jsonText({ a: [1] })).toBe('{\n "a": [\n  1\n ]\n}\n');
    const texts: ScenarioTexts = {};
    const paths = addLayers(texts, { townships: [f], population: [], sites: [], substations: [], feeders: [], roads: [], bases: [], landingZones: [], shelters: [] });
    expect(paths.townships).toBe('layers/townships.geojson');
    expect(Object.keys(texts)).toHaveLength(9);
    expect(texts['layers/townships.geojson']).toContain('"id":"p"');
  });
});

describe('vehicleUnits', () => {
  const crew: TeamDoc = {
    id: 'tm-cmcc-x-1', nameZh: '抢修1队', org: 'cmcc', level: 'county', kind: 'operatorCrew', base: 'b-x', activationDelaySec: 1200,
    activeAtStart: true, crew: 8, modes: ['road', 'foot'], loadout: { generators: 5, fuelHours: 8, spares: 2, vsat: 1 },
  };

  it('shares people and loadout over the vehicles, the first taking the remainder, and keeps fuel per generator', () => {
    const units = vehicleUnits(crew, 3);
    expect(units.map((u) => u.id)).toEqual(['tm-cmcc-x-1', 'tm-cmcc-x-1-b', 'tm-cmcc-x-1-c']);
    expect(units.map((u) => u.nameZh)).toEqual(['抢修1队', '抢修1队（二号车）', '抢修1队（三号车）']);
    expect(units.map((u) => u.crew)).toEqual([3, 3, 2]);
    expect(units.map((u) => u.loadout)).toEqual([
      { generators: 2, fuelHours: 8, spares: 1, vsat: 1 },
      { generators: 2, fuelHours: 8, spares: 1, vsat: 0 },
      { generators: 1, fuelHours: 8, spares: 0, vsat: 0 },
    ]);
    expect(units.every((u) => u.activationDelaySec === 1200 && u.base === 'b-x')).toBe(true);
  });

  it('numbers a second wave after the first, and refuses more vehicles than people or names', () => {
    expect(vehicleUnits(crew, 2, 2).map((u) => u.id)).toEqual(['tm-cmcc-x-1-c', 'tm-cmcc-x-1-d']);
    expect(vehicleUnitNameEn('Repair crew 1', 0)).toBe('Repair crew 1');
    expect(vehicleUnitNameEn('Repair crew 1', 2)).toBe('Repair crew 1, vehicle 3');
    expect(() => vehicleUnits({ ...crew, crew: 2 }, 3)).toThrow('team tm-cmcc-x-1: 2 people cannot drive 3 vehicles');
    expect(() => vehicleUnits(crew, 4, 6)).toThrow('4 vehicle units from unit 6 are more than 8');
  });
});

describe('roads', () => {
  it('finds the point a distance along a line, clamped to its ends', () => {
    const line: LL[] = [[100, 30], [100.01, 30], [100.01, 30.01]];
    const cum = [0, 1, 2];
    expect(pointAtKm(line, cum, 0.5)).toEqual([100.005, 30]);
    expect(pointAtKm(line, cum, 1.5)[1]).toBeCloseTo(30.005, 12);
    expect(pointAtKm(line, cum, -1)).toEqual([100, 30]);
    expect(pointAtKm(line, cum, 9)).toEqual([100.01, 30.01]);
  });

  it('cuts a line into equal segments and a bridge span of its own, each starting where the last ended', () => {
    const line: LL[] = [[100, 30], [100.1, 30]];
    const cum = [0, 10]; // a made-up length, so the cuts fall at round numbers
    const pieces = cutRoadLine(line, cum, { maxSegmentKm: 4, bridgesAt: [0.5], bridgeKm: 0.2 });
    expect(pieces.map((p) => p.bridge)).toEqual([false, false, true, false, false]);
    expect(pieces.map((p) => p.line[p.line.length - 1][0])).toEqual([100.03333, 100.049, 100.051, 100.06667, 100.1]);
    for (let i = 1; i < pieces.length; i++) expect(pieces[i].line[0]).toBe(pieces[i - 1].line[pieces[i - 1].line.length - 1]);
    // A regular cut that would fall on a bridge is pushed a bridge length off its centre.
    const pushed = cutRoadLine(line, cum, { maxSegmentKm: 4, bridgesAt: [0.34], bridgeKm: 0.2 });
    expect(pushed.map((p) => p.line[p.line.length - 1][0])).toEqual([100.032, 100.033, 100.035, 100.06667, 100.1]);
    expect(pushed.map((p) => p.bridge)).toEqual([false, false, true, false, false]);
    // No bridge, short line: one segment, the line itself.
    expect(cutRoadLine(line, [0, 3], { maxSegmentKm: 4, bridgeKm: 0.2 })).toEqual([{ line, bridge: false }]);
  });

  it('winds an alignment between its ends, drawing once per intermediate vertex, and leaves short links straight', () => {
    const plane = localPlane([100, 30]);
    const a: LL = [100, 30];
    const b = plane.fromKm([10, 0]);
    // uniform() scripted: the fractions 0, 1, 0.5 of its range in turn, counted.
    const drawing = (values: number[]) => {
      const r = { ...seededRandom(0), draws: 0 };
      r.uniform = (lo, hi) => lo + (hi - lo) * values[r.draws++];
      return r;
    };
    const rng = drawing([0, 1, 0.5, 0.25]);
    const pts = windingAlignment(plane, rng, a, b, 0.6, { vertexEveryKm: 2.5, maxPieces: 8 });
    expect(rng.draws).toBe(3); // 10 km / 2.5 = 4 pieces
    expect(pts[0]).toBe(a);
    expect(pts[4]).toBe(b);
    const off = pts.slice(1, 4).map((p) => plane.toKm(p)[1]);
    expect(off[0]).toBeCloseTo(-0.6 * Math.sin(Math.PI / 4), 9); // the low end of the range: to the right of an eastward road, tapered
    expect(off[1]).toBeCloseTo(0.6, 9);
    expect(off[2]).toBeCloseTo(0, 9);
    const short = drawing([]);
    expect(windingAlignment(plane, short, a, plane.fromKm([0.5, 0]), 0.6, { vertexEveryKm: 2.5, maxPieces: 8 })).toHaveLength(2);
    expect(short.draws).toBe(0);
  });

  it('draws and numbers the segments of all edges in order, and names bridge spans', () => {
    const plane = localPlane([100, 30]);
    const nodes = new Map<string, LL>([['a', [100, 30]], ['b', [100.05, 30]], ['c', [100.05, 30.05]]]);
    const edges = [
      { from: 'a', to: 'b', roadClass: 'county' as const, nameZh: '甲乙路', bridges: [0.5] },
      { from: 'b', to: 'c', roadClass: 'rural' as const, nameZh: '乙丙路' },
    ];
    const cutting = { maxSegmentKm: { expressway: 4, national: 4, provincial: 4, county: 4, rural: 4 }, bridgeKm: 0.16 };
    const segs = drawRoads(plane, seededRandom(1), nodes, edges, { vertexEveryKm: 1.5, maxPieces: 6 }, cutting);
    // a→b, 4.8 km: two regular pieces, the cut between them pushed off the bridge in the middle (4 segments); b→c, 5.6 km: 2.
    expect(segs.map((s) => `${s.id} ${s.edge.nameZh}${s.bridge ? ' bridge' : ''}`)).toEqual(['r-001 甲乙路', 'r-002 甲乙路 bridge', 'r-003 甲乙路', 'r-004 甲乙路', 'r-005 乙丙路', 'r-006 乙丙路']);
    expect(segs[0].line[0]).toBe(nodes.get('a'));
    expect(segs[5].line[segs[5].line.length - 1]).toBe(nodes.get('c'));
    expect(roadSegmentProps(segs[1], 'flat')).toEqual({ id: 'r-002', roadClass: 'county', bridge: true, bridgeClass: 'conventional', terrain: 'hilly', nameZh: '甲乙路·桥' });
    expect(roadSegmentProps(segs[0], 'flat')).toEqual({ id: 'r-001', roadClass: 'county', terrain: 'flat', nameZh: '甲乙路' });
    expect(() => drawRoads(plane, seededRandom(1), nodes, [{ ...edges[0], to: 'x' }], { vertexEveryKm: 1.5, maxPieces: 6 }, cutting)).toThrow('road edge a→x has an unknown node');
  });
});

describe('network layers', () => {
  it('shares customers out over substations by the people their feeders reach, summing exactly', () => {
    const subs = [{ id: 'ss-a' }, { id: 'ss-b' }, { id: 'ss-c' }];
    const served = [{ substation: 'ss-a', people: 100 }, { substation: 'ss-b', people: 150 }, { substation: 'ss-a', people: 50 }];
    const customers = customersBySubstation(101, subs, served);
    expect([...customers]).toEqual([['ss-a', 51], ['ss-b', 50], ['ss-c', 0]]);
    expect(substationLayerProps({ id: 'ss-a', nameZh: '甲', voltageKv: 35, hazusClass: 'low-anchored' }, customers.get('ss-a'))).toEqual({ id: 'ss-a', nameZh: '甲', voltageKv: 35, hazusClass: 'low-anchored', customers: 51 });
    expect(Object.keys(substationLayerProps({ id: 'ss-x', voltageKv: 110, hazusClass: 'medium-anchored', upstream: 'ss-y' }, undefined))).toEqual(['id', 'nameZh', 'voltageKv', 'hazusClass', 'upstream']);
  });

  it('hardens aggregation sites to 40 kWh + 10 per extra operator and 24 h (town) / 12 h of fuel, keeping larger figures', () => {
    const site = (id: string, town: boolean, ops: number, batteryKwh: number, generatorFuelHours?: number) => ({ id, township: { id: `t-${id}`, town }, props: { batteryKwh, generatorFuelHours, operators: Array(ops).fill('cmcc') } });
    expect(hardenAggregationSites([site('a', true, 3, 20), site('b', false, 1, 45, 0), site('c', false, 3, 150, 72)])).toEqual([
      { id: 'a', township: 't-a', before: { batteryKwh: 20, generatorFuelHours: 0 }, after: { batteryKwh: 60, generatorFuelHours: 24 } },
      { id: 'b', township: 't-b', before: { batteryKwh: 45, generatorFuelHours: 0 }, after: { batteryKwh: 45, generatorFuelHours: 12 } },
      { id: 'c', township: 't-c', before: { batteryKwh: 150, generatorFuelHours: 72 }, after: { batteryKwh: 150, generatorFuelHours: 72 } },
    ]);
  });

  it('summarises the backhaul tree and writes a site\'s tree and hardened power into its layer properties', () => {
    const aggregationOf = new Map([['s-2', 's-1'], ['s-3', 's-2']]);
    expect(backhaulSummary(['s-1'], ['s-2'], ['s-1', 's-2', 's-3'], aggregationOf, [3.04, 1, 7.26, 2])).toEqual({
      coreSites: ['s-1'],
      aggregationSites: ['s-2'],
      maxDepth: 2,
      fibreRoutes: 4,
      fibreRouteKm: { median: 3, max: 7.3 },
    });
    const p = { id: 's-2', operators: ['cmcc' as const], tech: ['4G' as const], siteClass: 'macro' as const, batteryKwh: 10, loadKw: 1.3, generatorFuelHours: 0, backhaul: 'fibre' as const, environment: 'rural' as const, township: 't-a' };
    const tree = { aggregationOf, fibreRoadsOf: new Map([['s-2', ['r-001']]]) };
    expect(siteLayerProps(p, 'f-1', tree, { batteryKwh: 40, generatorFuelHours: 12 })).toEqual({ ...p, feeder: 'f-1', batteryKwh: 40, generatorFuelHours: 12, aggregation: 's-1', fibreRoads: ['r-001'] });
    expect(Object.keys(siteLayerProps({ ...p, id: 's-9' }, 'f-1', tree))).toEqual(['id', 'operators', 'tech', 'siteClass', 'feeder', 'batteryKwh', 'loadKw', 'generatorFuelHours', 'backhaul', 'environment', 'township']);
  });
});

describe('townships, site counts and team tables', () => {
  it('offsets a point on a compass bearing', () => {
    const plane = localPlane([100, 30]);
    const east = plane.toKm(offsetOnBearing(plane, [100, 30], 2, 90));
    expect(east[0]).toBeCloseTo(2, 9);
    expect(east[1]).toBeCloseTo(0, 9);
    const north = plane.toKm(offsetOnBearing(plane, [100, 30], 3, 0));
    expect(north[0]).toBeCloseTo(0, 9);
    expect(north[1]).toBeCloseTo(3, 9);
  });

  it('gives every township its minimum of sites and shares the rest by population, summing to the total', () => {
    const counts = sitesPerTownship(20, [{ key: 'a', population: 3000 }, { key: 'b', population: 1000 }, { key: 'c', population: 0 }], 4);
    expect([...counts]).toEqual([['a', 10], ['b', 6], ['c', 4]]);
  });

  it('writes a township with its pre-positioned terminals and county', () => {
    const t = { id: 't-a', nameZh: '甲乡', nameEn: 'Jia', population: 1200 };
    expect(townshipLayerProps(t, { satPhones: 2, beidou: 1 }, { code: '540223', nameZh: '定日县' })).toEqual({ ...t, prepositionedSatPhones: 2, prepositionedBeidou: 1, code: '540223', county: '定日县' });
    expect(Object.keys(townshipLayerProps(t, undefined, { code: '1', nameZh: '县' }))).toEqual(['id', 'nameZh', 'nameEn', 'population', 'code', 'county']);
  });

  it('adds the teams of a bilingual table and sums over them', () => {
    const teams: TeamDoc[] = [];
    const namesEn: Record<string, string> = {};
    const rows: [string, string, string, TeamDoc['level'], string, [number, number] | null, boolean, number, number, number][] = [
      ['tm-p-1', '抢修1队', 'Repair crew 1', 'county', 'b-1', null, true, 600, 8, 1],
      ['tm-p-2', '抢修2队', 'Repair crew 2', 'city', 'b-1', [101, 31], false, 3600, 15, 3],
    ];
    addNamedTeams(teams, namesEn, rows, { org: 'power', kind: 'powerCrew', longHaulKmh: 40 }, ['road'], (row) => ({ generators: row[9], fuelHours: 12 }));
    expect(namesEn).toEqual({ 'tm-p-1': 'Repair crew 1', 'tm-p-2': 'Repair crew 2' });
    expect(teams[1]).toEqual({ id: 'tm-p-2', nameZh: '抢修2队', org: 'power', level: 'city', kind: 'powerCrew', base: 'b-1', origin: [101, 31], longHaulKmh: 40, activationDelaySec: 3600, activeAtStart: false, crew: 15, modes: ['road'], loadout: { generators: 3, fuelHours: 12 } });
    expect(teams[0].origin).toBeUndefined();
    expect(sumTeams(teams, (t) => t.crew)).toBe(23);
    expect(sumTeams(teams, (t) => t.loadout?.generators ?? 0, (t) => t.activeAtStart === true)).toBe(1);
  });
});

describe('hubs and battery endurance', () => {
  it('offers a township\'s macro and super sites on fibre as hubs, nearest the seat first', () => {
    const site = (id: string, township: string, at: XY, siteClass: string, backhaul: string) => ({ id, township, at, props: { siteClass, backhaul } });
    const sites = [
      site('s-1', 'a', [3, 0], 'macro', 'fibre'),
      site('s-2', 'a', [1, 0], 'super', 'fibre'),
      site('s-3', 'a', [0.5, 0], 'small', 'fibre'),
      site('s-4', 'a', [0.2, 0], 'macro', 'microwave'),
      site('s-5', 'b', [0.1, 0], 'macro', 'fibre'),
      site('s-0', 'a', [-3, 0], 'macro', 'fibre'),
    ];
    expect(fibreHubs(KM_PLANE, sites, 'a', [0, 0]).map((s) => s.id)).toEqual(['s-2', 's-0', 's-1']);
  });

  it('sorts the sites\' battery hours at their own load', () => {
    expect(sortedBatteryHours([{ properties: { batteryKwh: 10, loadKw: 2 } }, { properties: { batteryKwh: 3, loadKw: 1.5 } }])).toEqual([2, 5]);
  });
});

describe('elevation layer', () => {
  it('writes the grid at layers/elevation.json and returns the path', () => {
    const texts: ScenarioTexts = {};
    const g = elevationGrid([100, 30], 0.01, 2, 3, (ll) => 1000 + (ll[0] - 100) * 1e4, 'test');
    expect(addElevationLayer(texts, g)).toBe('layers/elevation.json');
    expect(texts).toEqual({ 'layers/elevation.json': elevationGridText(g) });
  });
});

describe('isoseismals', () => {
  it('sizes nested ellipses to their areas, keeps published axes, and finds the zone a point is in', () => {
    const axes = axesFromAreas([[6, 400], [7, 100 * Math.PI]], 4, { 6: { a: 30, b: 20 } });
    expect(axes[0]).toEqual({ intensity: 6, a: 30, b: 20 });
    expect(axes[1].a).toBeCloseTo(20, 12);
    expect(axes[1].b).toBeCloseTo(5, 12);
    const plane = localPlane([100, 30]);
    const iso = isoseismalMap(plane, [100, 30], 90, axes); // long axes east–west
    expect(iso.intensityAt(plane.fromKm([19, 0]), 5)).toBe(7);
    expect(iso.intensityAt(plane.fromKm([0, 6]), 5)).toBe(6);
    expect(iso.intensityAt(plane.fromKm([0, 21]), 5)).toBe(5);
    const [f6] = iso.features();
    expect(f6.properties).toEqual({ intensity: 6, semiMajorKm: 30, semiMinorKm: 20, areaKm2: Math.round(Math.PI * 600) });
    const ring = f6.geometry.coordinates[0] as [number, number][];
    expect(ring).toHaveLength(73);
    expect(ring[0]).toEqual(ring[72]);
    expect(plane.toKm(ring[0])[0]).toBeCloseTo(30, 3); // the first point at the end of the long axis
  });
});

describe('aggregation and points of interest', () => {
  it('hangs a township\'s other sites off their nearest aggregation site, leaving the core and other townships alone', () => {
    const site = (id: string, township: string, at: XY) => ({ id, township, at });
    const sites = [site('s-1', 'a', [0, 0]), site('s-2', 'a', [10, 0]), site('s-3', 'a', [2, 0]), site('s-4', 'a', [9, 0]), site('s-5', 'b', [1, 0])];
    const aggregationOf = new Map([['s-2', 's-1']]);
    hangOffAggregation(KM_PLANE, aggregationOf, sites, 'a', [sites[1], sites[2]], new Set(['s-1']));
    expect([...aggregationOf]).toEqual([['s-2', 's-1'], ['s-4', 's-2']]);
  });

  it('writes points of interest from table rows', () => {
    expect(poiFeatures([['b-1', '基地', 'fire', [100.123456, 30]]])).toEqual([{ type: 'Feature', properties: { id: 'b-1', nameZh: '基地', kind: 'fire' }, geometry: { type: 'Point', coordinates: [100.12346, 30] } }]);
    expect(poiFeaturesOfKind([['sh-1', '安置点', [100, 30]]], 'shelter')[0].properties).toEqual({ id: 'sh-1', nameZh: '安置点', kind: 'shelter' });
  });
});

describe('township site placement', () => {
  it('places the super site, small cells and centre macros at the seat, then fills in along roads and at villages', () => {
    const calls: [XY, PlacementRing][] = [];
    const place = (centre: XY, ring: PlacementRing): XY => {
      calls.push([centre, ring]);
      return [centre[0] + ring.minKm, centre[1]];
    };
    const small = { minKm: 0.1, maxKm: 1, sepKm: 0.15 };
    const centre = { minKm: 0.3, maxKm: 1.5, sepKm: 0.45 };
    const roadRing = { minKm: 0.1, maxKm: 0.5, sepKm: 1.5 };
    const village = { minKm: 0.2, maxKm: 1.5, sepKm: 1 };
    const plan = {
      seat: [0, 0] as XY,
      superSite: true,
      small: { count: 1, ring: small },
      centre: { count: 2, ring: centre },
      road: { share: 0.5, points: [[5, 5], [6, 6]] as XY[], ring: roadRing },
      villages: [{ at: [9, 9] as XY, population: 100 }],
      village,
    };
    const rng = seededRandom(7);
    const mine = placeTownshipSites(rng, 8, plan, place);
    expect(mine.map((s) => s.cls)).toEqual(['super', 'small', 'macro', 'macro', 'macro', 'macro', 'macro', 'macro']);
    expect(calls.slice(0, 4).map(([c, r]) => [c, r])).toEqual([[[0, 0], SUPER_SITE_RING], [[0, 0], small], [[0, 0], centre], [[0, 0], centre]]);
    for (const [c, r] of calls.slice(4)) expect(r === roadRing ? [[5, 5], [6, 6]] : [[9, 9]]).toContainEqual(c);
    // Never fewer than the seat's own sites; no road points: every fill-in site goes to a village.
    expect(placeTownshipSites(rng, 2, plan, place)).toHaveLength(4);
    calls.length = 0;
    placeTownshipSites(rng, 6, { ...plan, superSite: false, road: { ...plan.road, points: [] } }, place);
    expect(calls.slice(3).map(([c]) => c)).toEqual([[9, 9], [9, 9], [9, 9]]);
  });

  it('equips a placed site, macro sites drawing their backhaul by environment', () => {
    const draws = { rural: { microwaveBelow: 1 } };
    expect(equipSite(seededRandom(3), 'macro', 'rural', draws, 't-a')).toMatchObject({ id: '', siteClass: 'macro', backhaul: 'microwave', environment: 'rural', township: 't-a' });
    expect(equipSite(seededRandom(3), 'macro', 'urban', draws, 't-a').backhaul).toBe('fibre');
    expect(equipSite(seededRandom(3), 'super', 'rural', draws, 't-a')).toMatchObject({ siteClass: 'super', backhaul: 'fibre', batteryKwh: 150, generatorFuelHours: 72 });
  });
});

describe('aggregationRing', () => {
  const xy: Record<string, [number, number]> = { n: [0, 10], e: [10, 0], s: [0, -10], w: [-10, 0] };
  const at = (s: { id: string }) => xy[s.id];

  it('links the aggregation sites round the core, each to the next by bearing', () => {
    const ring = aggregationRing([{ id: 'n' }, { id: 'e' }, { id: 's' }, { id: 'w' }], at, [0, 0]);
    // Bearings from the core: s −90°, e 0°, n 90°, w 180°: the ring runs s → e → n → w → s.
    expect(Object.fromEntries(ring)).toEqual({ s: 'e', e: 'n', n: 'w', w: 's' });
  });

  it('makes no ring of fewer than three sites', () => {
    expect(aggregationRing([{ id: 'n' }, { id: 's' }], at, [0, 0]).size).toBe(0);
  });
});
