// Builds scenarios/mountain-flood/: a flash flood in a mountain valley town
// cut off by water, on SYNTHETIC geography. The setting is modelled on the
// 2023 Mentougou (Beijing) flood of Typhoon Doksuri's remnants: about 70 % of
// the district's base stations failed, five towns lost mobile service and
// repairs waited for roads and power. The valley, its townships, villages,
// sites, grid and roads are invented; only the setting (mountains west of
// Beijing, around 115.9E 39.95N) and the orders of magnitude are real.
//
//   node --import tsx tools/build-mountain-flood.ts
//
// Deterministic: the terrain is an analytic function plus hash-based value
// noise, every other random choice comes from one mulberry32 stream with a
// fixed seed, and coordinates are rounded to 5 decimals, so running the script
// twice gives byte-identical files. No Math.random.
//
// buildMountainFlood() returns the file texts; run as a script it writes them.
// tools/build-scenarios.test.ts checks they equal the committed files.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  ElevationGridDoc,
  FeederProps,
  FloodDoc,
  HelicopterDoc,
  InjectDoc,
  Operator,
  PointOfInterestProps,
  PopulationPointProps,
  RoadClass,
  RoadProps,
  ScenarioDocV1,
  SiteProps,
  SubstationClass,
  SubstationProps,
  TeamDoc,
  TownshipProps,
  UavDoc,
  WeatherDoc,
} from '../src/model/scenario-format.ts';
import {
  addLayer,
  addLayers,
  apportion,
  backhaulDepth,
  batteryHoursQuantile,
  byDistanceTo,
  chainThroughVillages,
  closeRing,
  closestSite,
  countTeams,
  customersBySubstation,
  distToPolylineKm,
  drawBackhaul,
  fireSquadLoadout,
  FIVE_G_SHARES,
  isMainModule,
  jsonText,
  KM_PLANE,
  lerpTable,
  lineFeature,
  localPlane,
  nearestFeeder,
  pointFeature,
  pointInPolygon,
  polygonFeature,
  rll,
  roadGraph,
  round1,
  round2,
  round5,
  routeFibres,
  seededRandom,
  siteEquipment,
  siteLayerProps,
  sortedBatteryHours,
  sortAndCheckTeams,
  substationLayerProps,
  nameTeamsInEnglish,
  teamFromRow,
  writeScenarioTexts,
  type Feature,
  type FiveGShares,
  type LL,
  type ScenarioTexts,
  type XY,
} from './kit/index.ts';

/** Where the built files go (the CLI); buildMountainFlood itself writes nothing. */
export const MOUNTAIN_FLOOD_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'scenarios', 'mountain-flood');

/** The file texts of scenarios/mountain-flood (keyed by path in the folder) and a summary of what was built. */
export function buildMountainFlood(): { texts: ScenarioTexts; summary: Record<string, unknown> } {
  const texts: ScenarioTexts = {};

  // ---------------------------------------------------------------- utilities

  const rng = seededRandom(20230731);
  const { next: rand, uniform, chance, pickWeighted } = rng;
  /** Integer lattice hash → [0, 1): the terrain noise, independent of the PRNG stream. */
  function hash2(i: number, j: number, salt: number): number {
    let h = Math.imul(i, 0x27d4eb2d) ^ Math.imul(j, 0x165667b1) ^ Math.imul(salt, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
  }
  /** Smooth value noise in [−1, 1] on a lattice of `cellKm`. */
  function valueNoise(x: number, y: number, cellKm: number, salt: number): number {
    const gx = x / cellKm;
    const gy = y / cellKm;
    const i = Math.floor(gx);
    const j = Math.floor(gy);
    const fx = gx - i;
    const fy = gy - j;
    const sx = fx * fx * (3 - 2 * fx);
    const sy = fy * fy * (3 - 2 * fy);
    const v00 = hash2(i, j, salt);
    const v10 = hash2(i + 1, j, salt);
    const v01 = hash2(i, j + 1, salt);
    const v11 = hash2(i + 1, j + 1, salt);
    const top = v00 + (v10 - v00) * sx;
    const bottom = v01 + (v11 - v01) * sx;
    return 2 * (top + (bottom - top) * sy) - 1;
  }

  // Local equirectangular projection around the origin; the valley is laid out in km.
  const ORIGIN: LL = [115.9, 39.95];
  const PLANE = localPlane(ORIGIN);
  const toKm = (p: LL): XY => PLANE.toKm(p);
  const fromKm = (p: XY): LL => PLANE.fromKm(p);
  const dist = KM_PLANE.km;
  /** A feature at a point of the valley plane. */
  const pointFeatureAt = <P>(p: XY, properties: P): Feature<P> => pointFeature(fromKm(p), properties);

  // ---------------------------------------------------------------- the valley (synthetic)

  // The river flows west → east. Chainage is the x coordinate (km east of the
  // origin); the centreline meanders gently north and south of y = 0.
  const X_WEST = -10.6;
  const X_EAST = 10.6;
  const centreY = (x: number): number => 0.9 * Math.sin(0.31 * x + 0.4) + 0.35 * Math.sin(0.83 * x + 2.0);

  /** Valley-floor elevation (m a.s.l.) along the river: gentle basins where the towns are, steeper reaches between. */
  const FLOOR_PROFILE: [number, number][] = [
    [-10.6, 722],
    [-8.0, 641],
    [-5.4, 566],
    [-5.0, 561], // basin B1, Shimen
    [-2.9, 558.5],
    [-1.9, 525.0], // basin B2, Xiagu (the valley town)
    [1.9, 522.8],
    [4.4, 487], // basin B3, Xiachuan
    [6.9, 484],
    [8.0, 453], // basin B4, Hekou (the valley mouth)
    [10.6, 450],
  ];
  /** Half-width of the valley floor, km. */
  const FLOOR_HALF_WIDTH: [number, number][] = [
    [-10.6, 0.18],
    [-5.6, 0.2],
    [-5.1, 0.55],
    [-3.0, 0.55],
    [-2.6, 0.25],
    [-2.2, 0.25],
    [-1.8, 0.7],
    [1.8, 0.7],
    [2.2, 0.25],
    [4.1, 0.25],
    [4.5, 0.6],
    [6.8, 0.6],
    [7.2, 0.25],
    [7.8, 0.25],
    [8.2, 0.65],
    [10.6, 0.65],
  ];
  /** Terrace widths beyond the floor edge, km: the north bank carries Xiagu's upper town. */
  const TERRACE_NORTH: [number, number][] = [
    [-10.6, 0.05],
    [-5.4, 0.05],
    [-5.0, 0.3],
    [-3.0, 0.3],
    [-2.6, 0.08],
    [-1.9, 0.08],
    [-1.6, 0.55],
    [1.6, 0.55],
    [2.0, 0.08],
    [4.3, 0.08],
    [4.6, 0.3],
    [6.8, 0.3],
    [7.2, 0.08],
    [8.1, 0.08],
    [8.4, 0.35],
    [10.6, 0.35],
  ];
  const TERRACE_SOUTH: [number, number][] = [
    [-10.6, 0.04],
    [-5.3, 0.04],
    [-5.0, 0.15],
    [-3.0, 0.15],
    [-2.6, 0.05],
    [-1.8, 0.05],
    [-1.5, 0.2],
    [1.6, 0.2],
    [2.0, 0.05],
    [8.1, 0.05],
    [8.4, 0.3],
    [10.6, 0.3],
  ];

  interface Basin {
    zoneId: string;
    nameZh: string;
    x0: number;
    x1: number;
    /** Peak water level above the zone's lowest floor, m. */
    peakAboveFloorM: number;
    /** Hours after the flood onset at which the water starts rising. */
    delayH: number;
    riseH: number;
    recessionH: number;
  }
  const BASINS: Basin[] = [
    { zoneId: 'z1-shimen', nameZh: '石门乡河谷川地（合成）', x0: -5.0, x1: -2.9, peakAboveFloorM: 2.6, delayH: 0, riseH: 7, recessionH: 28 },
    { zoneId: 'z2-xiagu', nameZh: '峡谷镇河谷川地（下街）（合成）', x0: -1.9, x1: 1.9, peakAboveFloorM: 3.6, delayH: 0.75, riseH: 7.5, recessionH: 32 },
    { zoneId: 'z3-xiachuan', nameZh: '下川乡河谷川地（合成）', x0: 4.4, x1: 6.9, peakAboveFloorM: 3.0, delayH: 1.5, riseH: 8, recessionH: 34 },
    { zoneId: 'z4-hekou', nameZh: '河口镇河谷川地（合成）', x0: 8.0, x1: 10.5, peakAboveFloorM: 2.8, delayH: 2.25, riseH: 8.5, recessionH: 36 },
  ];

  // Centreline samples every 20 m, for nearest-point queries.
  const CL_STEP = 0.02;
  const centreline: XY[] = [];
  for (let x = X_WEST - 0.6; x <= X_EAST + 0.6 + 1e-9; x += CL_STEP) centreline.push([x, centreY(x)]);
  /** Nearest centreline point: chainage x and signed distance (km, positive to the north/left bank). */
  function valleyCoords(p: XY): { chain: number; d: number } {
    // The centreline is nearly east–west, so the nearest point lies within a few km of x.
    const i0 = Math.max(0, Math.floor((p[0] - 4 - (X_WEST - 0.6)) / CL_STEP));
    const i1 = Math.min(centreline.length - 2, Math.ceil((p[0] + 4 - (X_WEST - 0.6)) / CL_STEP));
    let best = { d2: Infinity, chain: p[0], d: 0 };
    for (let i = i0; i <= i1; i++) {
      const a = centreline[i];
      const b = centreline[i + 1];
      const bx = b[0] - a[0];
      const by = b[1] - a[1];
      const len2 = bx * bx + by * by;
      const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * bx + (p[1] - a[1]) * by) / len2));
      const qx = a[0] + t * bx;
      const qy = a[1] + t * by;
      const d2 = (p[0] - qx) ** 2 + (p[1] - qy) ** 2;
      if (d2 < best.d2) {
        const cross = bx * (p[1] - a[1]) - by * (p[0] - a[0]);
        best = { d2, chain: qx, d: Math.sign(cross) * Math.sqrt(d2) };
      }
    }
    return { chain: best.chain, d: best.d };
  }
  /** Point at chainage x, `d` km to the north (left) of the river. */
  function valleyPoint(x: number, d: number): XY {
    const y = centreY(x);
    const dy = (centreY(x + 0.01) - centreY(x - 0.01)) / 0.02;
    const n = Math.hypot(1, dy);
    return [x - (dy / n) * d, y + (1 / n) * d];
  }
  const floorAt = (x: number): number => lerpTable(FLOOR_PROFILE, x);
  const floorHalfWidth = (x: number): number => lerpTable(FLOOR_HALF_WIDTH, x);

  /** The synthetic terrain, m a.s.l.: flat-ish floor, a terrace step, then steep sides up to ridges 400–650 m above the river. */
  function terrain(p: XY): number {
    const { chain, d } = valleyCoords(p);
    const floor = floorAt(chain);
    const wf = floorHalfWidth(chain);
    const ad = Math.abs(d);
    if (ad <= wf) return floor + 1.2 * (ad / wf) ** 2;
    const wt = lerpTable(d > 0 ? TERRACE_NORTH : TERRACE_SOUTH, chain);
    const beyond = ad - wf;
    if (beyond <= 0.06) return floor + 1.2 + (5.8 * beyond) / 0.06; // terrace riser
    if (beyond <= wt) return floor + 7 + (5 * (beyond - 0.06)) / Math.max(0.01, wt - 0.06); // terrace tread
    const dd = beyond - Math.max(wt, 0.06);
    const relief = 520 + 130 * valueNoise(p[0], p[1], 3.0, 7);
    const slope = 0.6; // rise per unit run at the foot: about 31°
    const rough = (90 * valueNoise(p[0], p[1], 1.1, 11) + 35 * valueNoise(p[0], p[1], 0.45, 13)) * Math.min(1, dd / 0.8);
    return floor + 12 + relief * (1 - Math.exp((-dd * slope * 1000) / relief)) + rough;
  }

  // ---------------------------------------------------------------- elevation grid

  const CELL_DEG = 0.0025;
  const GRID_COLS = 100;
  const GRID_ROWS = 76;
  const GRID_ORIGIN: LL = [round5(ORIGIN[0] - ((GRID_COLS - 1) / 2) * CELL_DEG), round5(ORIGIN[1] + ((GRID_ROWS - 1) / 2) * CELL_DEG)];
  const gridValues: number[] = [];
  for (let r = 0; r < GRID_ROWS; r++) {
    for (let c = 0; c < GRID_COLS; c++) {
      const ll: LL = [GRID_ORIGIN[0] + c * CELL_DEG, GRID_ORIGIN[1] - r * CELL_DEG];
      gridValues.push(round1(terrain(toKm(ll))));
    }
  }
  /** Bilinear between cell centres, as the engine samples it (src/scenario/elevation.ts). NaN outside. */
  function groundM(p: XY): number {
    const [lon, lat] = fromKm(p);
    const c = (lon - GRID_ORIGIN[0]) / CELL_DEG;
    const r = (GRID_ORIGIN[1] - lat) / CELL_DEG;
    if (!(c >= 0 && r >= 0 && c <= GRID_COLS - 1 && r <= GRID_ROWS - 1)) return NaN;
    const c0 = Math.min(Math.floor(c), GRID_COLS - 2);
    const r0 = Math.min(Math.floor(r), GRID_ROWS - 2);
    const fc = c - c0;
    const fr = r - r0;
    const at = (rr: number, cc: number): number => gridValues[rr * GRID_COLS + cc];
    const top = at(r0, c0) * (1 - fc) + at(r0, c0 + 1) * fc;
    const bottom = at(r0 + 1, c0) * (1 - fc) + at(r0 + 1, c0 + 1) * fc;
    return top * (1 - fr) + bottom * fr;
  }
  /** Ground at an asset as written to elevationM: the grid's own value, so the two always agree. */
  function elevationAt(p: XY): number {
    const z = groundM(p);
    if (!Number.isFinite(z)) throw new Error(`point ${fromKm(p).join(',')} is outside the elevation grid`);
    return round1(z);
  }
  const gridExtentKm = {
    west: toKm([GRID_ORIGIN[0], ORIGIN[1]])[0],
    east: toKm([GRID_ORIGIN[0] + (GRID_COLS - 1) * CELL_DEG, ORIGIN[1]])[0],
    north: toKm([ORIGIN[0], GRID_ORIGIN[1]])[1],
    south: toKm([ORIGIN[0], GRID_ORIGIN[1] - (GRID_ROWS - 1) * CELL_DEG])[1],
  };

  // ---------------------------------------------------------------- townships and people

  interface Township {
    key: string;
    id: string;
    nameZh: string;
    nameEn: string;
    /** Chainage of the seat and the township's stretch of valley. */
    x: number;
    range: [number, number];
    population: number;
    town: boolean;
    basin: boolean;
  }
  const TOWNSHIP_ROWS: [string, string, string, number, [number, number], number, boolean][] = [
    ['xiling', '西岭乡', 'Xiling', -9.0, [-10.4, -7.8], 4800, false],
    ['shangyu', '上峪乡', 'Shangyu', -6.6, [-7.8, -5.25], 6200, false],
    ['shimen', '石门乡', 'Shimen', -3.9, [-5.25, -2.3], 7400, false],
    ['xiagu', '峡谷镇', 'Xiagu', 0.2, [-2.3, 2.0], 17500, true],
    ['hewan', '河湾乡', 'Hewan', 3.2, [2.0, 4.4], 7600, false],
    ['xiachuan', '下川乡', 'Xiachuan', 5.7, [4.4, 7.5], 7100, false],
    ['hekou', '河口镇', 'Hekou', 9.0, [7.5, 10.3], 10400, true],
  ];
  const inBasin = (x: number): boolean => BASINS.some((b) => x >= b.x0 && x <= b.x1);
  const TOWNSHIPS: Township[] = TOWNSHIP_ROWS.map(([key, nameZh, nameEn, x, range, population, town]) => ({
    key,
    id: `t-${key}`,
    nameZh,
    nameEn: `${nameEn} (synthetic)`,
    x,
    range,
    population,
    town,
    basin: inBasin(x),
  }));
  const TOWN = new Map(TOWNSHIPS.map((t) => [t.key, t]));
  const town = (key: string): Township => {
    const t = TOWN.get(key);
    if (!t) throw new Error(`unknown township ${key}`);
    return t;
  };
  const TOTAL_POPULATION = TOWNSHIPS.reduce((s, t) => s + t.population, 0);
  const townshipOfChain = (x: number): Township => TOWNSHIPS.find((t) => x >= t.range[0] && x < t.range[1]) ?? (x < 0 ? TOWNSHIPS[0] : TOWNSHIPS[TOWNSHIPS.length - 1]);

  type Ground = 'floor' | 'terrace' | 'slope';
  /** Offset from the river for a settlement on the floor, the terrace or the lower slopes, on the given bank. */
  function offsetFor(x: number, ground: Ground, side: 1 | -1): number {
    const wf = floorHalfWidth(x);
    const wt = lerpTable(side > 0 ? TERRACE_NORTH : TERRACE_SOUTH, x);
    if (ground === 'floor') return side * wf * uniform(0.35, 0.75);
    if (ground === 'terrace') return side * (wf + 0.06 + Math.max(0.02, wt - 0.06) * uniform(0.3, 0.9));
    return side * (wf + Math.max(wt, 0.06) + uniform(0.15, 0.5));
  }

  interface PopPoint {
    id: string;
    township: Township;
    at: XY;
    population: number;
    ground: Ground;
    label: string;
  }
  const popPoints: PopPoint[] = [];
  const popByTown = new Map<string, PopPoint[]>();
  // Xiagu: the lower town (下街) on the floodplain, the upper town (上街) on the north terrace, villages around.
  const XIAGU_POINTS: [string, number, Ground, 1 | -1, number][] = [
    ['下街（镇中心）', 0.25, 'floor', 1, 0.27],
    ['下街东段', 1.2, 'floor', 1, 0.13],
    ['上街', -0.1, 'terrace', 1, 0.21],
    ['上街西段', -1.1, 'terrace', 1, 0.11],
    ['南岸村', 0.6, 'terrace', -1, 0.08],
    ['北沟村', -0.6, 'slope', 1, 0.07],
    ['西坡村', -1.6, 'slope', -1, 0.07],
    ['东坡村', 1.6, 'slope', 1, 0.06],
  ];
  for (const t of TOWNSHIPS) {
    const specs: { x: number; ground: Ground; side: 1 | -1; weight: number; label: string }[] = [];
    if (t.key === 'xiagu') {
      for (const [label, x, ground, side, share] of XIAGU_POINTS) specs.push({ x, ground, side, weight: share, label });
    } else {
      const n = Math.max(4, Math.min(7, Math.round(t.population / 1300)));
      specs.push({ x: t.x, ground: t.basin ? 'floor' : 'terrace', side: 1, weight: t.town ? 0.35 : 0.25, label: '乡镇驻地' });
      for (let i = 1; i < n; i++) {
        let x = t.x;
        for (let attempt = 0; attempt < 50; attempt++) {
          x = uniform(t.range[0] + 0.15, t.range[1] - 0.15);
          if (specs.every((s) => Math.abs(s.x - x) > 0.45)) break;
        }
        const ground: Ground = pickWeighted<Ground>(['floor', 'terrace', 'slope'], inBasin(x) ? [0.25, 0.45, 0.3] : [0, 0.5, 0.5]);
        specs.push({ x, ground, side: i % 2 === 0 ? 1 : -1, weight: uniform(0.5, 1.5) * (1 - (t.town ? 0.35 : 0.25)) / (n - 1), label: `${i}号村（合成）` });
      }
    }
    const parts = apportion(
      t.population,
      specs.map((s) => s.weight),
    );
    const list = specs.map((s, i) => {
      const d = t.key === 'xiagu' ? fixedOffset(s.x, s.ground, s.side) : offsetFor(s.x, s.ground, s.side);
      return { id: `p-${t.key}-${i + 1}`, township: t, at: valleyPoint(s.x, d), population: parts[i], ground: s.ground, label: s.label };
    });
    popByTown.set(t.key, list);
    popPoints.push(...list);
  }
  /** Xiagu's settlements at fixed offsets, so the lower town is certainly on the floodplain. */
  function fixedOffset(x: number, ground: Ground, side: 1 | -1): number {
    const wf = floorHalfWidth(x);
    const wt = lerpTable(side > 0 ? TERRACE_NORTH : TERRACE_SOUTH, x);
    if (ground === 'floor') return side * wf * 0.45;
    if (ground === 'terrace') return side * (wf + 0.06 + (wt - 0.06) * 0.6);
    return side * (wf + wt + 0.5);
  }
  const seatOf = (t: Township): PopPoint => (popByTown.get(t.key) as PopPoint[])[0];

  // ---------------------------------------------------------------- flood-zone outlines

  // Each zone covers one basin's valley floor plus a margin. The outlines are
  // needed before the roads: segments are cut where the valley road leaves a
  // zone, so no segment's lowest point lies in the gorge below its zone.
  const ZONE_MARGIN_KM = 0.1;
  const zoneRings: LL[][] = BASINS.map((b) => {
    const north: XY[] = [];
    const south: XY[] = [];
    for (let x = b.x0 - 0.05; x <= b.x1 + 0.05 + 1e-9; x += 0.1) {
      const w = floorHalfWidth(x) + ZONE_MARGIN_KM;
      north.push(valleyPoint(x, w));
      south.push(valleyPoint(x, -w));
    }
    return closeRing([...north, ...south.reverse()].map(fromKm));
  });
  /** The outlines as written (rounded), in km, so membership here matches the engine's. */
  const zonePolysKm: XY[][] = zoneRings.map((ring) => ring.map(toKm));
  const inAnyZone = (p: XY): boolean => zonePolysKm.some((poly) => pointInPolygon(p, poly));

  // ---------------------------------------------------------------- roads

  interface RoadSpec {
    nameZh: string;
    roadClass: RoadClass;
    /** Polyline in km; cut into segments no longer than maxKm at the listed stops. */
    line: XY[];
    maxKm: number;
    /** Indices of vertices that must be segment ends (junctions). */
    stops?: number[];
    /** [from, to] vertex index ranges that are bridges. */
    bridges?: [number, number][];
    bridgeClass?: RoadProps['bridgeClass'];
  }
  const ROAD_SPECS: RoadSpec[] = [];

  // The valley road runs 180 m from the river: on the floor in the basins, at the
  // foot of the slope in the reaches between, switching banks on four bridges.
  const MAIN_STEP = 0.05;
  const CROSSINGS: { x: number; to: 1 | -1 }[] = [
    { x: -5.6, to: 1 },
    { x: 2.6, to: -1 },
    { x: 4.15, to: 1 },
    { x: 7.5, to: -1 },
  ];
  const ROAD_OFFSET = 0.18;
  const BRIDGE_HALF = 0.1;
  function mainRoadSide(x: number): number {
    let side = -1;
    for (const c of CROSSINGS) {
      if (x >= c.x + BRIDGE_HALF) side = c.to;
      else if (x > c.x - BRIDGE_HALF) return -c.to + ((x - (c.x - BRIDGE_HALF)) / (2 * BRIDGE_HALF)) * 2 * c.to; // across the bridge
    }
    return side;
  }
  const MAIN_X0 = -10.3;
  const MAIN_X1 = 10.3;
  const mainLine: XY[] = [];
  const mainXs: number[] = [];
  for (let k = 0; ; k++) {
    const x = Math.min(MAIN_X1, MAIN_X0 + k * MAIN_STEP);
    mainXs.push(x);
    mainLine.push(valleyPoint(x, ROAD_OFFSET * mainRoadSide(x)));
    if (x >= MAIN_X1) break;
  }
  const mainIndexAt = (x: number): number => {
    let best = 0;
    mainXs.forEach((v, i) => {
      if (Math.abs(v - x) < Math.abs(mainXs[best] - x)) best = i;
    });
    return best;
  };
  // Junctions on the valley road: township seats, side roads.
  const JUNCTIONS_X: number[] = [];
  const mainBridges: [number, number][] = CROSSINGS.map((c) => [mainIndexAt(c.x - BRIDGE_HALF), mainIndexAt(c.x + BRIDGE_HALF)]);

  // Side roads, each from a junction on the valley road (or the terrace street) to its end.
  interface SideRoad {
    nameZh: string;
    roadClass: RoadClass;
    fromMainX?: number;
    from?: XY;
    via: XY[];
    maxKm: number;
    bridgeAtStart?: boolean;
    bridgeClass?: RoadProps['bridgeClass'];
  }
  const sideRoads: SideRoad[] = [];

  // Xiagu's upper-town street on the north terrace, joined to the valley road by a ramp at each end.
  const terraceOffset = (x: number): number => floorHalfWidth(x) + 0.06 + (lerpTable(TERRACE_NORTH, x) - 0.06) * 0.6;
  const terraceStreet: XY[] = [];
  for (let x = -1.3; x <= 1.31; x += 0.1) terraceStreet.push(valleyPoint(x, terraceOffset(x)));
  const terraceSpec: RoadSpec = { nameZh: '峡谷镇上街（台地街道）（合成）', roadClass: 'county', line: terraceStreet, maxKm: 2.0, stops: [13] };
  ROAD_SPECS.push(terraceSpec);
  sideRoads.push({ nameZh: '峡谷镇上街西坡道（合成）', roadClass: 'county', fromMainX: -1.6, via: [terraceStreet[0]], maxKm: 1 });
  sideRoads.push({ nameZh: '峡谷镇上街东坡道（合成）', roadClass: 'county', fromMainX: 1.6, via: [terraceStreet[terraceStreet.length - 1]], maxKm: 1 });

  // The mountain road: from the upper town up the north side to a pass and over to the next valley (map edge).
  const MOUNTAIN_START = terraceStreet[13];
  function switchbacks(from: XY, to: XY, legs: number, swingKm: number): XY[] {
    const pts: XY[] = [from];
    const dx = to[0] - from[0];
    const dy = to[1] - from[1];
    const len = Math.hypot(dx, dy);
    const nx = -dy / len;
    const ny = dx / len;
    for (let i = 1; i < legs; i++) {
      const t = i / legs;
      const s = (i % 2 === 0 ? -1 : 1) * swingKm * uniform(0.6, 1.0);
      pts.push([from[0] + t * dx + s * nx, from[1] + t * dy + s * ny]);
    }
    pts.push(to);
    return pts;
  }
  const PASS: XY = [0.9, centreY(0.9) + 4.2];
  const NORTH_EXIT: XY = [1.6, gridExtentKm.north - 0.4];
  ROAD_SPECS.push({
    nameZh: '峡谷镇—北岭盘山公路（合成）',
    roadClass: 'county',
    line: [...switchbacks(MOUNTAIN_START, PASS, 10, 0.35), ...switchbacks(PASS, NORTH_EXIT, 8, 0.3).slice(1)],
    maxKm: 3.2,
  });
  // Hekou's road south over the hills towards the plain (map edge).
  const HEKOU_SOUTH_START_X = 9.3;
  const SOUTH_EXIT: XY = [9.8, gridExtentKm.south + 0.4];
  sideRoads.push({
    nameZh: '河口镇—南山公路（合成）',
    roadClass: 'county',
    fromMainX: HEKOU_SOUTH_START_X,
    via: switchbacks(valleyPoint(HEKOU_SOUTH_START_X, -0.45), SOUTH_EXIT, 8, 0.3),
    maxKm: 3.2,
  });
  // Xiagu's bridge to the south-bank village.
  const xiaguSouth = (popByTown.get('xiagu') as PopPoint[]).find((p) => p.label === '南岸村') as PopPoint;
  sideRoads.push({ nameZh: '峡谷镇南岸桥及村道（合成）', roadClass: 'rural', fromMainX: 0.6, via: [valleyPoint(0.6, -0.05), xiaguSouth.at], maxKm: 1, bridgeAtStart: true, bridgeClass: 'conventional' });
  // Village roads: from the valley road to the two largest villages of each
  // township that lie more than 350 m from it (the rest are reached on foot).
  function nearestOnMain(p: XY): number {
    let best = 0;
    mainLine.forEach((q, i) => {
      if (dist(p, q) < dist(p, mainLine[best])) best = i;
    });
    return best;
  }
  for (const t of TOWNSHIPS) {
    // Villages on the far bank need a small bridge: at most one of those per township.
    const onFarBank = (v: PopPoint): boolean => {
      const { chain, d } = valleyCoords(v.at);
      return Math.sign(d) !== Math.sign(mainRoadSide(chain)) && Math.abs(mainRoadSide(chain)) > 0.99;
    };
    const served: PopPoint[] = [];
    for (const v of (popByTown.get(t.key) as PopPoint[])
      .filter((p) => p !== xiaguSouth && !p.label.startsWith('上街') && dist(p.at, mainLine[nearestOnMain(p.at)]) >= 0.35)
      .sort((a, b) => b.population - a.population || (a.id < b.id ? -1 : 1))) {
      if (served.length < 2 && !(onFarBank(v) && served.some(onFarBank))) served.push(v);
    }
    served.sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const v of served) {
      const i = nearestOnMain(v.at);
      const { chain, d } = valleyCoords(v.at);
      // Xiagu's villages on the north slope are reached from the upper-town street, above the flood.
      if (t.key === 'xiagu' && d > 0) {
        let j = 0;
        terraceStreet.forEach((q, k) => {
          if (dist(q, v.at) < dist(terraceStreet[j], v.at)) j = k;
        });
        terraceSpec.stops = [...new Set([...(terraceSpec.stops ?? []), j])].sort((a, b) => a - b);
        sideRoads.push({ nameZh: `${t.nameZh}通村公路（合成）`, roadClass: 'rural', from: terraceStreet[j], via: dist(terraceStreet[j], v.at) > 0.8 ? switchbacks(terraceStreet[j], v.at, 3, 0.12).slice(1) : [v.at], maxKm: 2.5 });
        continue;
      }
      // Those up the slopes get a winding track.
      const farBank = onFarBank(v);
      const start = mainLine[i];
      const mid: XY[] = farBank ? [valleyPoint(mainXs[i], -Math.sign(mainRoadSide(chain)) * 0.05)] : [];
      const wind = dist(start, v.at) > 0.8 ? switchbacks(mid.length ? mid[0] : start, v.at, 3, 0.12).slice(1) : [v.at];
      sideRoads.push({
        nameZh: `${t.nameZh}通村公路（合成）`,
        roadClass: 'rural',
        fromMainX: mainXs[i],
        via: [...mid, ...wind],
        maxKm: 2.5,
        bridgeAtStart: farBank,
        bridgeClass: farBank ? 'singleSpan' : undefined,
      });
    }
  }
  for (const s of sideRoads) if (s.fromMainX !== undefined) JUNCTIONS_X.push(s.fromMainX);
  for (const t of TOWNSHIPS) JUNCTIONS_X.push(mainXs[nearestOnMain(seatOf(t).at)]);
  // Cut the valley road where it leaves or enters a zone, at the first vertex outside.
  const zoneStops: number[] = [];
  for (let k = 1; k < mainLine.length; k++) {
    const before = inAnyZone(mainLine[k - 1]);
    const after = inAnyZone(mainLine[k]);
    if (before && !after) zoneStops.push(k);
    if (!before && after) zoneStops.push(k - 1);
  }
  const mainStops = [...new Set([...JUNCTIONS_X.map(mainIndexAt), ...zoneStops])].sort((a, b) => a - b);
  ROAD_SPECS.unshift({ nameZh: '沿河公路（合成）', roadClass: 'provincial', line: mainLine, maxKm: 2.0, stops: mainStops, bridges: mainBridges, bridgeClass: 'conventional' });
  for (const s of sideRoads) {
    const start = s.fromMainX !== undefined ? mainLine[mainIndexAt(s.fromMainX)] : (s.from as XY);
    ROAD_SPECS.push({
      nameZh: s.nameZh,
      roadClass: s.roadClass,
      line: [start, ...s.via],
      maxKm: s.maxKm,
      bridges: s.bridgeAtStart ? [[0, 1]] : undefined,
      bridgeClass: s.bridgeClass,
    });
  }

  /**
   * Lowest grid ground along a polyline, sampled every 20 m. For a segment that
   * enters a flood zone, the lowest ground inside the zone: the engine compares
   * the zone's water level with it, and ground outside the zone never floods.
   */
  function lowestGround(line: XY[]): number {
    let low = Infinity;
    let lowInZone = Infinity;
    for (let i = 1; i < line.length; i++) {
      const n = Math.max(1, Math.ceil(dist(line[i - 1], line[i]) / 0.02));
      for (let k = 0; k <= n; k++) {
        const t = k / n;
        const p: XY = [line[i - 1][0] + t * (line[i][0] - line[i - 1][0]), line[i - 1][1] + t * (line[i][1] - line[i - 1][1])];
        const z = groundM(p);
        low = Math.min(low, z);
        if (inAnyZone(p)) lowInZone = Math.min(lowInZone, z);
      }
    }
    if (!Number.isFinite(low)) throw new Error('road outside the elevation grid');
    return round1(Number.isFinite(lowInZone) ? lowInZone : low);
  }

  interface RoadSeg {
    id: string;
    line: XY[];
    props: RoadProps;
  }
  const roadSegs: RoadSeg[] = [];
  // Segment ends are shared exactly: every cut is at an existing vertex, rounded once.
  const vertexKey = (p: XY): string => rll(fromKm(p)).join(',');
  for (const spec of ROAD_SPECS) {
    const line = spec.line;
    const bridgeStarts = new Map((spec.bridges ?? []).map(([a, b]) => [a, b]));
    const mustCut = new Set<number>([...(spec.stops ?? []), ...(spec.bridges ?? []).flat()]);
    let start = 0;
    let runKm = 0;
    for (let i = 1; i < line.length; i++) {
      runKm += dist(line[i - 1], line[i]);
      const inBridge = [...bridgeStarts.entries()].some(([a, b]) => start === a && i <= b);
      const last = i === line.length - 1;
      const nextKm = last ? 0 : dist(line[i], line[i + 1]);
      const cut = last || mustCut.has(i) || (!inBridge && runKm + nextKm > spec.maxKm);
      if (!cut) continue;
      const pts = line.slice(start, i + 1);
      const bridge = bridgeStarts.get(start) === i;
      const n = roadSegs.length + 1;
      const elevation = bridge ? round1(Math.min(groundM(pts[0]), groundM(pts[pts.length - 1]))) : lowestGround(pts);
      roadSegs.push({
        id: `r-${String(n).padStart(3, '0')}`,
        line: pts,
        props: {
          id: `r-${String(n).padStart(3, '0')}`,
          roadClass: spec.roadClass,
          ...(bridge ? { bridge: true, bridgeClass: spec.bridgeClass ?? 'conventional' } : {}),
          terrain: 'mountain',
          nameZh: bridge ? `${spec.nameZh}·桥` : spec.nameZh,
          elevationM: elevation,
        },
      });
      start = i;
      runKm = 0;
    }
  }
  const roadFeatures = roadSegs.map((s) => lineFeature<RoadProps>(s.line.map((p) => rll(fromKm(p))), s.props));
  // Check: every side road starts on a vertex of another segment.
  {
    const ends = new Map<string, number>();
    for (const s of roadSegs) for (const p of [s.line[0], s.line[s.line.length - 1]]) ends.set(vertexKey(p), (ends.get(vertexKey(p)) ?? 0) + 1);
    const vertices = new Set(roadSegs.flatMap((s) => s.line.map(vertexKey)));
    for (const spec of ROAD_SPECS.slice(1)) if (!vertices.has(vertexKey(spec.line[0]))) throw new Error(`road ${spec.nameZh} does not start on the network`);
  }

  // ---------------------------------------------------------------- flood zones and hydrographs

  interface Zone {
    basin: Basin;
    polygon: XY[];
    floorMinM: number;
    baseM: number;
    peakM: number;
    curve: [number, number][];
  }
  const HOUR = 3600;
  function hydrograph(b: Basin, baseM: number, peakM: number): [number, number][] {
    const pts: [number, number][] = [[0, round2(baseM)]];
    const t0 = b.delayH * HOUR;
    const tp = t0 + b.riseH * HOUR;
    const tEnd = tp + b.recessionH * HOUR;
    if (t0 > 0) pts.push([Math.round(t0), round2(baseM)]);
    // Rising limb: smoothstep over the rise, every 30 min.
    for (let t = t0 + 1800; t < tp - 1; t += 1800) {
      const u = (t - t0) / (tp - t0);
      pts.push([Math.round(t), round2(baseM + (peakM - baseM) * u * u * (3 - 2 * u))]);
    }
    pts.push([Math.round(tp), round2(peakM)]);
    // Recession: a broad crest while the rain eases, then the fall, then a slow
    // tail back to the ordinary level; hourly for 12 h, then every 2 h.
    for (let t = tp + HOUR; t < tEnd - 1; t += t - tp < 12 * HOUR ? HOUR : 2 * HOUR) {
      const v = (t - tp) / (tEnd - tp);
      pts.push([Math.round(t), round2(baseM + (peakM - baseM) * (1 - v * v * (3 - 2 * v)))]);
    }
    pts.push([Math.round(tEnd), round2(baseM)]);
    return pts;
  }
  const zones: Zone[] = BASINS.map((b, i) => {
    let floorMin = Infinity;
    for (let x = b.x0; x <= b.x1 + 1e-9; x += 0.02) floorMin = Math.min(floorMin, groundM(valleyPoint(x, 0)));
    const floorMinM = round1(floorMin);
    const baseM = floorMinM - 1.5; // ordinary flow, in the channel below the floodplain
    const peakM = floorMinM + b.peakAboveFloorM;
    return { basin: b, polygon: zonePolysKm[i], floorMinM, baseM, peakM, curve: hydrograph(b, baseM, peakM) };
  });
  const zoneFeatures = zones.map((z, i) => polygonFeature(zoneRings[i], { zoneId: z.basin.zoneId, nameZh: z.basin.nameZh }));
  const FLOOD_ONSET_SEC = 3600;
  /** Water level in zone z at a time after the onset: the hydrograph, linear between its points. */
  const levelAt = (z: Zone, tSecAfterOnset: number): number => lerpTable(z.curve, tSecAfterOnset);
  const zoneOf = (p: XY): Zone | undefined => zones.find((z) => pointInPolygon(p, z.polygon));
  /** Hours (from T0) during which water stands more than `depthM` above ground at `groundM` in zone z. */
  function floodedWindow(z: Zone, ground: number, depthM: number): { fromH: number; toH: number; hours: number } | null {
    let first = -1;
    let last = -1;
    let n = 0;
    for (let t = 0; t <= 72 * HOUR; t += 300) {
      if (levelAt(z, t - FLOOD_ONSET_SEC) - ground > depthM && t >= FLOOD_ONSET_SEC) {
        if (first < 0) first = t;
        last = t;
        n++;
      }
    }
    return first < 0 ? null : { fromH: round1(first / HOUR), toH: round1(last / HOUR), hours: round1((n * 300) / HOUR) };
  }

  // ---------------------------------------------------------------- power grid

  interface Substation {
    id: string;
    nameZh: string;
    at: XY;
    voltageKv: number;
    hazusClass: SubstationClass;
    upstream?: string;
  }
  const SUBSTATION_ROWS: [string, string, number, number, number, SubstationClass, string | undefined][] = [
    // id, name, chainage, offset from the river (km), kV, class, upstream
    ['ss-hekou-110', '河口110千伏变电站（合成）', 9.6, 0.65 + 0.2, 110, 'medium-anchored', undefined],
    ['ss-xiagu-35', '峡谷35千伏变电站（合成，位于河谷川地）', 0.8, 0.32, 35, 'low-anchored', 'ss-hekou-110'],
    ['ss-shimen-35', '石门35千伏变电站（合成）', -4.3, 0.55 + 0.15, 35, 'low-anchored', 'ss-xiagu-35'],
    ['ss-shangyu-35', '上峪35千伏变电站（合成）', -6.8, 0.2 + 0.08, 35, 'low-unanchored', 'ss-xiagu-35'],
    ['ss-hewan-35', '河湾35千伏变电站（合成）', 3.4, -(0.25 + 0.08), 35, 'low-anchored', 'ss-hekou-110'],
    ['ss-xiachuan-35', '下川35千伏变电站（合成，位于河谷川地）', 5.9, 0.3, 35, 'low-unanchored', 'ss-hekou-110'],
  ];
  const SUBSTATIONS: Substation[] = SUBSTATION_ROWS.map(([id, nameZh, x, d, voltageKv, hazusClass, upstream]) => ({
    id,
    nameZh,
    at: valleyPoint(x, d),
    voltageKv,
    hazusClass,
    upstream,
  }));
  const SUB = new Map(SUBSTATIONS.map((s) => [s.id, s]));

  // 10 kV feeders: [id, substation, township, which way along the valley from the seat (−1 upstream, +1 downstream, 0 both)]
  const FEEDER_ROWS: [string, string, string, -1 | 0 | 1][] = [
    ['f-hk-01', 'ss-hekou-110', 'hekou', 1],
    ['f-hk-02', 'ss-hekou-110', 'hekou', -1],
    ['f-xg-01', 'ss-xiagu-35', 'xiagu', 1],
    ['f-xg-02', 'ss-xiagu-35', 'xiagu', -1],
    ['f-xg-03', 'ss-xiagu-35', 'xiagu', 0],
    ['f-sm-01', 'ss-shimen-35', 'shimen', 0],
    ['f-sm-02', 'ss-shimen-35', 'shimen', 1],
    ['f-sy-01', 'ss-shangyu-35', 'shangyu', 0],
    ['f-sy-02', 'ss-shangyu-35', 'xiling', 0],
    ['f-hw-01', 'ss-hewan-35', 'hewan', 0],
    ['f-xc-01', 'ss-xiachuan-35', 'xiachuan', 1],
    ['f-xc-02', 'ss-xiachuan-35', 'xiachuan', -1],
  ];
  interface Feeder {
    id: string;
    substation: Substation;
    line: XY[];
  }
  const feeders: Feeder[] = FEEDER_ROWS.map(([id, subId, townKey, way]) => {
    const sub = SUB.get(subId) as Substation;
    const t = town(townKey);
    const villages = popByTown.get(townKey) as PopPoint[];
    const line: XY[] = [sub.at];
    if (way === 0 || dist(sub.at, seatOf(t).at) > 1.5) line.push(seatOf(t).at);
    // Then through the villages in that direction, nearest first (f-xg-03 serves the upper town and the north side).
    const pool = villages.slice(1).filter((v) => {
      const { chain, d } = valleyCoords(v.at);
      if (id === 'f-xg-03') return d > floorHalfWidth(chain);
      return way === 0 ? true : way * (chain - t.x) > 0;
    });
    chainThroughVillages(KM_PLANE, line, pool);
    if (line.length < 3) line.push(valleyPoint(t.x + (way === 0 ? 0.8 : way * 1.2), 0.3));
    return { id, substation: sub, line };
  });
  // Customers: Beijing's mountain households are small, about 2.5 people each.
  const PEOPLE_PER_CUSTOMER = 2.5;
  const TOTAL_CUSTOMERS = Math.round(TOTAL_POPULATION / PEOPLE_PER_CUSTOMER);
  const customersOf = customersBySubstation(TOTAL_CUSTOMERS, SUBSTATIONS, popPoints.map((p) => ({ substation: nearestFeeder(KM_PLANE, feeders, p.at).substation.id, people: p.population })));
  const substationFeatures = SUBSTATIONS.map((s) => pointFeatureAt<SubstationProps>(s.at, { ...substationLayerProps(s, customersOf.get(s.id)), elevationM: elevationAt(s.at) }));
  const feederFeatures = feeders.map((f) => lineFeature<FeederProps>(f.line.map((p) => rll(fromKm(p))), { id: f.id, substation: f.substation.id, voltageKv: 10 }));

  // ---------------------------------------------------------------- cell sites

  // About 80 sites: Xiagu most, by population elsewhere; a super base station in
  // Xiagu's upper town and one at Hekou, both on high ground.
  const SITE_TOTAL = 80;
  const siteCounts = new Map<string, number>();
  {
    const min = 6;
    const extra = apportion(SITE_TOTAL - min * TOWNSHIPS.length, TOWNSHIPS.map((t) => t.population));
    TOWNSHIPS.forEach((t, i) => siteCounts.set(t.key, min + extra[i]));
  }
  // The valley's 5G shares differ from the kit's defaults (small cells 0.7, rural
  // macros 0.08): they are the figures the shipped scenario was built with, kept
  // so it regenerates byte for byte.
  const VALLEY_FIVE_G: FiveGShares = { ...FIVE_G_SHARES, small: 0.7, rural: 0.08 };
  /** Microwave backhaul (assumption): most ridge sites, 12 % of the other rural macros; suburban macros are on fibre. */
  const RIDGE_MICROWAVE = { microwaveBelow: 0.7 };
  const RURAL_MICROWAVE = { microwaveBelow: 0.12 };

  interface Site {
    id: string;
    at: XY;
    township: Township;
    siteClass: 'macro' | 'small' | 'super';
    props: Omit<SiteProps, 'id' | 'feeder'>;
  }
  const sites: Site[] = [];
  function insideGrid(p: XY): boolean {
    return p[0] > gridExtentKm.west + 0.3 && p[0] < gridExtentKm.east - 0.3 && p[1] > gridExtentKm.south + 0.3 && p[1] < gridExtentKm.north - 0.3;
  }
  function placeNear(t: Township, centre: XY, minKm: number, maxKm: number, sepKm: number, keepOffFloor: boolean): XY {
    for (let attempt = 0; attempt < 300; attempt++) {
      const r = uniform(minKm, maxKm);
      const a = uniform(0, 2 * Math.PI);
      const p: XY = [centre[0] + r * Math.cos(a), centre[1] + r * Math.sin(a)];
      if (!insideGrid(p)) continue;
      const { chain, d } = valleyCoords(p);
      if (attempt < 200 && townshipOfChain(chain) !== t) continue;
      if (Math.abs(d) < 0.08) continue; // not in the river
      if (keepOffFloor && Math.abs(d) < floorHalfWidth(chain) + 0.1) continue;
      if (sites.some((s) => dist(s.at, p) < (attempt < 200 ? sepKm : sepKm / 2))) continue;
      return p;
    }
    return centre;
  }
  for (const t of TOWNSHIPS) {
    const n = siteCounts.get(t.key) ?? 0;
    const villages = popByTown.get(t.key) as PopPoint[];
    const seat = seatOf(t);
    const mine: { at: XY; cls: 'macro' | 'small' | 'super'; env: 'suburban' | 'rural'; ridge: boolean }[] = [];
    const add = (at: XY, cls: 'macro' | 'small' | 'super', env: 'suburban' | 'rural', ridge = false): void => {
      mine.push({ at, cls, env, ridge });
      sites.push({ id: '', at, township: t, siteClass: cls, props: {} as Site['props'] }); // reserve the spot for spacing
    };
    if (t.key === 'xiagu') {
      add(valleyPoint(0.1, terraceOffset(0.1) + 0.08), 'super', 'suburban'); // on the upper-town terrace
      for (const x of [-0.2, 0.5, 1.0]) add(valleyPoint(x, floorHalfWidth(x) * 0.4 + uniform(-0.05, 0.05)), 'small', 'suburban'); // lower-town streets
      for (const x of [-0.6, 0.9]) add(valleyPoint(x, floorHalfWidth(x) * uniform(0.2, 0.6)), 'macro', 'suburban'); // lower town
      for (const x of [-0.9, 0.7]) add(valleyPoint(x, terraceOffset(x) + uniform(-0.05, 0.05)), 'macro', 'suburban'); // upper town
    } else if (t.key === 'hekou') {
      add(valleyPoint(9.2, -(floorHalfWidth(9.2) + 0.2)), 'super', 'suburban');
      add(placeNear(t, seat.at, 0.2, 0.7, 0.35, false), 'macro', 'suburban');
      add(placeNear(t, seat.at, 0.2, 0.7, 0.35, false), 'macro', 'suburban');
    } else {
      add(placeNear(t, seat.at, 0.1, 0.5, 0.3, false), 'macro', 'suburban');
      if (t.population > 7000) add(placeNear(t, seat.at, 0.3, 0.9, 0.4, true), 'macro', 'rural');
    }
    // Road coverage along the valley and village sites; a share on the ridges with microwave backhaul.
    while (mine.length < n) {
      const r = rand();
      if (r < 0.3) {
        const x = uniform(t.range[0] + 0.1, t.range[1] - 0.1);
        add(placeNear(t, mainLine[mainIndexAt(x)], 0.05, 0.3, 0.7, false), 'macro', 'rural');
      } else if (r < 0.5) {
        const x = uniform(t.range[0] + 0.1, t.range[1] - 0.1);
        const side: 1 | -1 = chance(0.5) ? 1 : -1;
        add(placeNear(t, valleyPoint(x, side * (floorHalfWidth(x) + uniform(0.5, 1.1))), 0, 0.2, 0.8, true), 'macro', 'rural', true);
      } else {
        const v = pickWeighted(villages, villages.map((p) => p.population));
        add(placeNear(t, v.at, 0.15, 0.6, 0.6, false), 'macro', 'rural');
      }
    }
    // Attributes, in placement order.
    const base = sites.length - mine.length;
    mine.forEach((s, k) => {
      const equipment = siteEquipment(rng, s.cls, s.env, VALLEY_FIVE_G);
      const backhaul = s.cls === 'macro' ? drawBackhaul(rng, s.ridge ? RIDGE_MICROWAVE : s.env === 'rural' ? RURAL_MICROWAVE : undefined) : 'fibre';
      sites[base + k].props = { ...equipment, siteClass: s.cls, backhaul, environment: s.env, township: t.id, elevationM: elevationAt(s.at) };
    });
  }
  sites.forEach((s, i) => (s.id = `s-${String(i + 1).padStart(3, '0')}`));

  // ---------------------------------------------------------------- backhaul tree

  // Synthetic transmission: the core is in the district seat, off the map to
  // the east, reached by the fibre along the valley road. Two hubs connect
  // straight to the core: the Hekou super site at the valley mouth and the
  // Xiagu super site (its fibre runs down the whole valley road, so its
  // fibreRoads are that route; the engine switches super sites to satellite).
  // Each township has one aggregation site (Xiagu two: its super site and an
  // upper-town macro) hanging off the nearer hub; every other site hangs off the
  // nearest aggregation site of its township. fibreRoads follow the road graph.
  const roads = roadGraph(roadSegs, KM_PLANE, vertexKey);
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const fibreHubs = (t: Township): Site[] =>
    sites
      .filter((s) => s.township === t && s.siteClass !== 'small' && s.props.backhaul === 'fibre')
      .sort(byDistanceTo(KM_PLANE, seatOf(t).at))
      .sort((a, b) => Number(b.siteClass === 'super') - Number(a.siteClass === 'super'));
  const HUB_XIAGU = fibreHubs(town('xiagu'))[0];
  const HUB_HEKOU = fibreHubs(town('hekou'))[0];
  if (HUB_XIAGU.siteClass !== 'super' || HUB_HEKOU.siteClass !== 'super') throw new Error('hubs must be the super sites');
  const HUBS = [HUB_XIAGU, HUB_HEKOU];
  const aggregationOf = new Map<string, string>();
  const aggregationSites: string[] = [];
  for (const t of TOWNSHIPS) {
    const hubs = fibreHubs(t);
    let aggs: Site[];
    if (t.key === 'xiagu') {
      // The super site, plus an upper-town macro for the north side.
      const upper = hubs.find((s) => s !== HUB_XIAGU && valleyCoords(s.at).d > floorHalfWidth(valleyCoords(s.at).chain));
      aggs = upper ? [HUB_XIAGU, upper] : [HUB_XIAGU];
      if (upper) aggregationOf.set(upper.id, HUB_XIAGU.id);
    } else if (t.key === 'hekou') {
      aggs = [HUB_HEKOU];
    } else {
      aggs = [hubs[0]];
      aggregationOf.set(hubs[0].id, (t.x < HUB_XIAGU.township.x + 1.5 ? HUB_XIAGU : HUB_HEKOU).id);
    }
    aggregationSites.push(...aggs.filter((s) => !HUBS.includes(s)).map((s) => s.id));
    for (const s of sites) {
      if (s.township !== t || aggs.includes(s) || HUBS.includes(s)) continue;
      aggregationOf.set(s.id, closestSite(KM_PLANE, aggs, s.at).id);
    }
  }
  const EAST_EXIT = mainLine[mainLine.length - 1];
  const { roadsOf: fibreRoadsOf, km: fibreKm } = routeFibres(
    roads,
    sites.filter((s) => s.props.backhaul === 'fibre'),
    (s) => {
      const agg = aggregationOf.get(s.id);
      return agg ? (siteById.get(agg) as Site).at : EAST_EXIT;
    },
  );
  const siteFeatures = sites.map((s) =>
    pointFeatureAt<SiteProps>(s.at, { ...siteLayerProps({ id: s.id, ...s.props }, nearestFeeder(KM_PLANE, feeders, s.at).id, { aggregationOf, fibreRoadsOf }), elevationM: s.props.elevationM }),
  );

  // ---------------------------------------------------------------- townships, population features

  // Satellite phones and BeiDou terminals kept at the township government (the
  // 2027 Opinions, 工信部联信管〔2024〕256号, 五、（十五）): assumed in two townships only, the valley
  // town and the remotest upper-valley township, so the rest still need deliveries.
  const PREPOSITIONED: Record<string, { satPhones: number; beidou: number }> = {
    xiagu: { satPhones: 2, beidou: 2 },
    xiling: { satPhones: 1, beidou: 1 },
  };
  for (const key of Object.keys(PREPOSITIONED)) town(key);
  const townshipFeatures = TOWNSHIPS.map((t) =>
    pointFeatureAt<TownshipProps>(seatOf(t).at, {
      id: t.id,
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      population: t.population,
      ...(PREPOSITIONED[t.key] ? { prepositionedSatPhones: PREPOSITIONED[t.key].satPhones, prepositionedBeidou: PREPOSITIONED[t.key].beidou } : {}),
      county: '合成山区县（虚构，仿北京西部山区）',
    }),
  );
  const populationFeatures = popPoints.map((p) =>
    pointFeatureAt<PopulationPointProps>(p.at, { id: p.id, township: p.township.id, population: p.population, elevationM: elevationAt(p.at) }),
  );

  // ---------------------------------------------------------------- points of interest

  type Poi = PointOfInterestProps & { elevationM?: number };
  const poi = (id: string, nameZh: string, kind: string, at: XY, withElevation = true): Feature<Poi> =>
    pointFeatureAt<Poi>(at, { id, nameZh, kind, ...(withElevation ? { elevationM: elevationAt(at) } : {}) });
  const hekouSeat = seatOf(town('hekou')).at;
  const DISTRICT_SEAT: XY = toKm([116.1, 39.935]); // the district's urban area, east of the map (synthetic staging)
  const baseFeatures = [
    poi('b-emhq-district', '区防汛抗旱指挥部（区城，合成）', 'emhq', DISTRICT_SEAT, false),
    poi('b-cmcc-district', '中国移动区分公司（区城，合成）', 'cmcc', [DISTRICT_SEAT[0] + 0.4, DISTRICT_SEAT[1] + 0.3], false),
    poi('b-cucc-district', '中国联通区分公司（区城，合成）', 'cucc', [DISTRICT_SEAT[0] - 0.3, DISTRICT_SEAT[1] + 0.5], false),
    poi('b-ctcc-district', '中国电信区分公司（区城，合成）', 'ctcc', [DISTRICT_SEAT[0] + 0.6, DISTRICT_SEAT[1] - 0.2], false),
    poi('b-tower-district', '中国铁塔区分公司（区城，合成）', 'tower', [DISTRICT_SEAT[0] - 0.5, DISTRICT_SEAT[1] - 0.4], false),
    poi('b-power-district', '区供电公司（区城，合成）', 'power', [DISTRICT_SEAT[0] + 0.2, DISTRICT_SEAT[1] - 0.6], false),
    poi('b-fire-district', '区消防救援支队（区城，合成）', 'fire', [DISTRICT_SEAT[0] - 0.7, DISTRICT_SEAT[1] + 0.1], false),
    poi('b-transport-district', '区公路分局（区城，合成）', 'transport', [DISTRICT_SEAT[0] + 0.8, DISTRICT_SEAT[1] + 0.4], false),
    poi('b-emhq-hekou', '河口镇前方指挥部（合成）', 'emhq', valleyPoint(9.0, -(floorHalfWidth(9.0) + 0.22))),
    poi('b-fire-hekou', '河口镇消防站（合成）', 'fire', valleyPoint(8.7, -(floorHalfWidth(8.7) + 0.2))),
    poi('b-emhq-xiagu', '峡谷镇政府（上街台地，合成）', 'emhq', valleyPoint(-0.3, terraceOffset(-0.3) + 0.05)),
    // Added with the response forces: where the three roads leave the map, so forces
    // from the district and the city enter on the network (the district bases have no road).
    poi('b-gate-east', '沿河公路东口（区城方向力量进入点，合成）', 'staging', EAST_EXIT),
    poi('b-gate-north', '北岭盘山公路北口（经邻谷进入点，合成）', 'staging', NORTH_EXIT),
    poi('b-gate-south', '河口镇南山公路南口（平原方向进入点，合成）', 'staging', SOUTH_EXIT),
  ];
  const lzFeatures = [
    poi('lz-xiagu-school', '峡谷镇中学操场（上街台地，合成）', 'helicopter-landing-zone', valleyPoint(0.4, terraceOffset(0.4) + 0.06)),
    poi('lz-beiling-pass', '北岭垭口平地（合成）', 'helicopter-landing-zone', PASS),
    poi('lz-shimen-terrace', '石门乡台地农田（合成）', 'helicopter-landing-zone', valleyPoint(-4.0, floorHalfWidth(-4.0) + 0.25)),
    poi('lz-hekou-stadium', '河口镇体育场（合成）', 'helicopter-landing-zone', valleyPoint(9.5, -(floorHalfWidth(9.5) + 0.24))),
  ];
  const shelterFeatures = [
    poi('sh-xiagu-school', '峡谷镇中学（上街台地）安置点（合成）', 'shelter', valleyPoint(0.3, terraceOffset(0.3) + 0.1)),
    poi('sh-xiagu-gov', '峡谷镇政府大院安置点（合成）', 'shelter', valleyPoint(-0.4, terraceOffset(-0.4) + 0.1)),
    poi('sh-shimen', '石门乡中心小学安置点（合成）', 'shelter', valleyPoint(-3.7, floorHalfWidth(-3.7) + 0.28)),
    poi('sh-hewan', '河湾乡村委会安置点（合成）', 'shelter', valleyPoint(3.1, -(floorHalfWidth(3.1) + 0.12))),
    poi('sh-xiachuan', '下川乡中学安置点（合成）', 'shelter', valleyPoint(5.6, floorHalfWidth(5.6) + 0.28)),
    poi('sh-hekou', '河口镇中学安置点（合成）', 'shelter', valleyPoint(9.1, -(floorHalfWidth(9.1) + 0.26))),
  ];

  // ---------------------------------------------------------------- response forces

  // Flood-appropriate forces, sized for a 61,000-person valley (assumptions,
  // metadata.sources "resources.teams"). Crews the district pre-positioned at the
  // forward posts on the red warning (inj-002) are active at T0; district
  // reinforcements enter at the road ends (gates) after a short long haul from the
  // district's urban area; city (Beijing-level) and regional teams wait for the
  // headquarters. Fire and rescue water squads move by boat where there is water
  // and on foot; high-clearance vehicles ford up to 0.6 m. Names are invented.
  const DISTRICT_LL: LL = [116.1, 39.935];
  const BEIJING_LL: LL = [116.4, 39.9];
  const TIANJIN_LL: LL = [117.2, 39.13];
  const ZHUOZHOU_LL: LL = [115.97, 39.49];
  const OP_NAME: Record<'cmcc' | 'cucc' | 'ctcc' | 'tower', string> = { cmcc: '中国移动', cucc: '中国联通', ctcc: '中国电信', tower: '中国铁塔' };
  const teams: TeamDoc[] = [];
  // Operator and tower crews: pre-positioned at the Hekou post and in Xiagu's upper town, plus district reinforcements at the east gate.
  const OPERATOR_CREWS: [string, 'cmcc' | 'cucc' | 'ctcc' | 'tower', string, string, boolean, number, number, TeamDoc['modes']][] = [
    // id, org, base, place, from the district (origin), delay (s), generators, modes
    ['tm-cmcc-hekou-1', 'cmcc', 'b-emhq-hekou', '河口前置', false, 1800, 4, ['highClearance', 'foot']],
    ['tm-cmcc-xiagu-1', 'cmcc', 'b-emhq-xiagu', '峡谷镇上街前置', false, 1800, 3, ['road', 'foot']],
    ['tm-cmcc-district-1', 'cmcc', 'b-gate-east', '区城增援', true, 3600, 5, ['highClearance', 'foot']],
    ['tm-cucc-hekou-1', 'cucc', 'b-emhq-hekou', '河口前置', false, 1800, 3, ['highClearance', 'foot']],
    ['tm-cucc-xiagu-1', 'cucc', 'b-emhq-xiagu', '峡谷镇上街前置', false, 2400, 2, ['road', 'foot']],
    ['tm-ctcc-hekou-1', 'ctcc', 'b-emhq-hekou', '河口前置', false, 1800, 3, ['highClearance', 'foot']],
    ['tm-ctcc-xiagu-1', 'ctcc', 'b-emhq-xiagu', '峡谷镇上街前置', false, 2400, 2, ['road', 'foot']],
    ['tm-tower-hekou-1', 'tower', 'b-emhq-hekou', '河口前置', false, 1800, 6, ['highClearance', 'foot']],
    ['tm-tower-district-1', 'tower', 'b-gate-east', '区城增援', true, 3600, 6, ['highClearance', 'foot']],
  ];
  for (const [id, org, base, place, fromDistrict, delay, generators, modes] of OPERATOR_CREWS) {
    teams.push({
      id,
      nameZh: `${OP_NAME[org]}区分公司抢修队（${place}，合成）`,
      org,
      level: 'county',
      kind: 'operatorCrew',
      base,
      ...(fromDistrict ? { origin: DISTRICT_LL, longHaulKmh: 40 } : {}),
      activationDelaySec: delay,
      activeAtStart: true,
      crew: 5,
      modes,
      // Flood damage is mostly drowned equipment (rectifiers, batteries, baseband units): three spare sets (assumption).
      loadout: { generators, fuelHours: 8, spares: org === 'tower' ? 2 : 3, vsat: org === 'tower' ? 0 : 1 },
    });
  }
  // Emergency-communication teams: the city's (province-level) emergency-management team and CMCC's city team over the
  // north pass, the only dry way into Xiagu's upper town during the flood; a regional centre's team from Tianjin via Hekou.
  teams.push(
    {
      id: 'tm-emhq-city-comms',
      nameZh: '市应急管理局应急通信保障队（合成）',
      org: 'emhq',
      level: 'provincial',
      kind: 'commsTeam',
      base: 'b-gate-north',
      origin: BEIJING_LL,
      longHaulKmh: 40,
      activationDelaySec: 3600,
      activeAtStart: false,
      crew: 10,
      modes: ['highClearance', 'foot'],
      loadout: { commsVehicles: 1, portableBaseStations: 2, vsat: 2, satPhones: 10, beidou: 10, tetheredUavs: 1, generators: 2, fuelHours: 8 },
    },
    {
      id: 'tm-cmcc-city-em',
      nameZh: '中国移动市公司应急通信保障队（系留无人机基站车，合成）',
      org: 'cmcc',
      level: 'provincial',
      kind: 'commsTeam',
      base: 'b-gate-north',
      origin: BEIJING_LL,
      longHaulKmh: 40,
      activationDelaySec: 3600,
      activeAtStart: false,
      crew: 10,
      modes: ['highClearance', 'foot'],
      loadout: { commsVehicles: 1, portableBaseStations: 2, vsat: 2, satPhones: 4, beidou: 4, tetheredUavs: 1, generators: 4, fuelHours: 8, spares: 3 },
    },
    {
      id: 'tm-emhq-regional-comms',
      nameZh: '华北区域应急通信综合保障中心保障队（天津，合成）',
      org: 'emhq',
      level: 'regional',
      kind: 'commsTeam',
      base: 'b-gate-south',
      origin: TIANJIN_LL,
      longHaulKmh: 60,
      activationDelaySec: 7200,
      activeAtStart: false,
      crew: 15,
      modes: ['highClearance', 'foot'],
      loadout: { commsVehicles: 2, portableBaseStations: 4, vsat: 2, satPhones: 10, beidou: 10, tetheredUavs: 1, generators: 4, fuelHours: 8, spares: 3 },
    },
  );
  // Power crews with generator trucks.
  for (const row of [
    // id, name, level, base, origin, active at T0, delay (s), crew, generator trucks
    ['tm-power-district-1', '区供电公司抢修1队（发电车，合成）', 'county', 'b-gate-east', DISTRICT_LL, true, 1800, 8, 2],
    ['tm-power-hekou-1', '区供电公司抢修2队（河口前置，合成）', 'county', 'b-emhq-hekou', null, true, 1800, 8, 2],
    ['tm-power-city-1', '市电力公司应急抢修队（发电车，合成）', 'provincial', 'b-gate-north', BEIJING_LL, false, 3600, 12, 3],
  ] as [string, string, TeamDoc['level'], string, LL | null, boolean, number, number, number][]) {
    teams.push(teamFromRow(row, { org: 'power', kind: 'powerCrew', longHaulKmh: 40 }, ['highClearance'], { generators: row[8], fuelHours: 12 }));
  }
  // Road crews. The engine's flood model closes roads by water only (they reopen as it falls) and blocks none,
  // so these crews have work when a player, an inject or a later hazard blocks a road.
  for (const [id, nameZh, base] of [
    ['tm-transport-district-1', '区公路分局抢通1队（合成）', 'b-gate-east'],
    ['tm-transport-district-2', '区公路分局抢通2队（合成）', 'b-gate-south'],
  ]) {
    teams.push({ id, nameZh, org: 'transport', level: 'county', kind: 'roadCrew', base, origin: DISTRICT_LL, longHaulKmh: 40, activationDelaySec: 3600, activeAtStart: true, crew: 10, modes: ['highClearance'] });
  }
  // Fire and rescue: water-rescue boat squads at Hekou, a forward squad in Xiagu's upper town, and city squads.
  const FIRE_SQUADS: [string, string, TeamDoc['level'], string, LL | null, boolean, number, number, TeamDoc['modes'], number][] = [
    // id, name, level, base, origin, active at T0, delay (s), crew, modes, tethered UAVs
    ['tm-fire-hekou-boat-1', '河口消防站水域救援舟艇1组（合成）', 'county', 'b-fire-hekou', null, true, 900, 8, ['boat', 'foot'], 0],
    ['tm-fire-hekou-boat-2', '河口消防站水域救援舟艇2组（合成）', 'county', 'b-fire-hekou', null, true, 1200, 8, ['boat', 'foot'], 0],
    ['tm-fire-xiagu-1', '峡谷镇专职消防队前突小组（合成）', 'county', 'b-emhq-xiagu', null, true, 900, 6, ['highClearance', 'helicopter', 'foot'], 0],
    ['tm-fire-city-boat-1', '市消防救援总队水域救援分队（合成）', 'provincial', 'b-gate-north', BEIJING_LL, false, 1800, 12, ['boat', 'highClearance', 'foot'], 0],
    ['tm-fire-city-comms', '市消防救援总队应急通信保障分队（合成）', 'provincial', 'b-gate-north', BEIJING_LL, false, 1800, 10, ['highClearance', 'helicopter', 'foot'], 1],
  ];
  for (const row of FIRE_SQUADS) {
    teams.push(teamFromRow(row, { org: 'fire', kind: 'fireSquad', longHaulKmh: 40 }, row[8], fireSquadLoadout(row[9])));
  }
  const uavs: UavDoc[] = [{ id: 'uav-medium-zhuozhou', nameZh: '中型无人机应急通信平台（涿州，合成调派）', nameEn: 'Medium UAV emergency communication platform (Zhuozhou, synthetic dispatch)', org: 'emhq', class: 'mediumHelicopter', airfield: ZHUOZHOU_LL }];
  const helicopters: HelicopterDoc[] = [{ id: 'heli-emhq-1', nameZh: '航空应急救援直升机（中型，12座，合成）', nameEn: 'Aviation emergency rescue helicopter (medium, 12 seats, synthetic)', org: 'emhq', capacity: 12 }];
  sortAndCheckTeams(teams, new Set(baseFeatures.map((f) => f.properties.id)), helicopters[0].capacity);
  // English names (the English console shows these; like the Chinese ones, synthetic).
  const TEAM_NAMES_EN: Record<string, string> = {
    'tm-cmcc-city-em': 'China Mobile city company emergency communication support team (tethered-UAV base-station vehicle, synthetic)',
    'tm-cmcc-district-1': 'China Mobile district branch repair crew (reinforcement from the district town, synthetic)',
    'tm-cmcc-hekou-1': 'China Mobile district branch repair crew (pre-positioned at Hekou, synthetic)',
    'tm-cmcc-xiagu-1': 'China Mobile district branch repair crew (pre-positioned on Xiagu upper street, synthetic)',
    'tm-ctcc-hekou-1': 'China Telecom district branch repair crew (pre-positioned at Hekou, synthetic)',
    'tm-ctcc-xiagu-1': 'China Telecom district branch repair crew (pre-positioned on Xiagu upper street, synthetic)',
    'tm-cucc-hekou-1': 'China Unicom district branch repair crew (pre-positioned at Hekou, synthetic)',
    'tm-cucc-xiagu-1': 'China Unicom district branch repair crew (pre-positioned on Xiagu upper street, synthetic)',
    'tm-emhq-city-comms': 'City emergency management bureau emergency communication support team (synthetic)',
    'tm-emhq-regional-comms': 'North China regional emergency communication support centre team (Tianjin, synthetic)',
    'tm-fire-city-boat-1': 'City fire and rescue corps water rescue detachment (synthetic)',
    'tm-fire-city-comms': 'City fire and rescue corps emergency communication support detachment (synthetic)',
    'tm-fire-hekou-boat-1': 'Hekou fire station water rescue boat group 1 (synthetic)',
    'tm-fire-hekou-boat-2': 'Hekou fire station water rescue boat group 2 (synthetic)',
    'tm-fire-xiagu-1': 'Xiagu town full-time fire brigade forward group (synthetic)',
    'tm-power-city-1': 'City power company emergency repair crew (generator truck, synthetic)',
    'tm-power-district-1': 'District power supply company repair crew 1 (generator truck, synthetic)',
    'tm-power-hekou-1': 'District power supply company repair crew 2 (pre-positioned at Hekou, synthetic)',
    'tm-tower-district-1': 'China Tower district branch repair crew (reinforcement from the district town, synthetic)',
    'tm-tower-hekou-1': 'China Tower district branch repair crew (pre-positioned at Hekou, synthetic)',
    'tm-transport-district-1': 'District highway branch road-clearing crew 1 (synthetic)',
    'tm-transport-district-2': 'District highway branch road-clearing crew 2 (synthetic)',
  };
  nameTeamsInEnglish(teams, TEAM_NAMES_EN);
  // Rain and wind: the storm's first hours ground the medium UAV (take-off limit force 6) and the helicopter (force 6).
  const weather: WeatherDoc[] = [
    { fromSec: 0, toSec: 8 * HOUR, windForce: 7, visibilityKm: 1, note: '特大暴雨，阵风7级，能见度约1公里（合成）' },
    { fromSec: 8 * HOUR, toSec: 20 * HOUR, windForce: 5, visibilityKm: 4, note: '强降雨减弱，风力5级（合成）' },
    { fromSec: 20 * HOUR, toSec: 72 * HOUR, windForce: 3, visibilityKm: 10, note: '降雨基本结束，风力3级（合成）' },
  ];
  const forcesCheck = {
    teams: teams.length,
    byKind: countTeams(teams, 'kind', ['operatorCrew', 'commsTeam', 'powerCrew', 'roadCrew', 'fireSquad']),
    byLevel: countTeams(teams, 'level', ['regional', 'provincial', 'county']),
    activeAtStart: teams.filter((t) => t.activeAtStart).length,
    people: teams.reduce((s, t) => s + t.crew, 0),
    generators: teams.reduce((s, t) => s + (t.loadout?.generators ?? 0), 0),
    terminals: teams.reduce((s, t) => s + (t.loadout?.satPhones ?? 0) + (t.loadout?.beidou ?? 0), 0),
    tetheredUavs: teams.reduce((s, t) => s + (t.loadout?.tetheredUavs ?? 0), 0),
    boatSquads: teams.filter((t) => t.modes.includes('boat')).map((t) => t.id),
    prepositioned: Object.fromEntries(Object.entries(PREPOSITIONED).map(([k, v]) => [town(k).id, v])),
    zhuozhouToXiaguKm: round1(dist(toKm(ZHUOZHOU_LL), seatOf(town('xiagu')).at)),
  };

  // ---------------------------------------------------------------- checks: what floods, what is cut off

  const peakOf = (z: Zone): number => z.peakM;
  const exposure = {
    sites: sites.map((s) => ({ id: s.id, z: zoneOf(s.at), g: s.props.elevationM as number })),
    substations: SUBSTATIONS.map((s) => ({ id: s.id, z: zoneOf(s.at), g: elevationAt(s.at) })),
    population: popPoints.map((p) => ({ id: p.id, z: zoneOf(p.at), g: elevationAt(p.at), n: p.population })),
    roads: roadSegs.map((r) => ({ id: r.id, z: zones.find((z) => r.line.some((p) => pointInPolygon(p, z.polygon))), g: r.props.elevationM as number })),
  };
  const wet = <T extends { z: Zone | undefined; g: number }>(items: T[], depth = 0.3): T[] => items.filter((i) => i.z && peakOf(i.z) - i.g > depth);
  const shelterCheck = shelterFeatures.map((f) => {
    const at = toKm(f.geometry.coordinates as LL);
    const z = zoneOf(at);
    return { id: f.properties.id, elevationM: f.properties.elevationM, inZone: z?.basin.zoneId ?? null };
  });
  for (const s of shelterCheck) {
    const z = zones.find((zz) => zz.basin.zoneId === s.inZone);
    if (z && (s.elevationM as number) < z.peakM + 2) throw new Error(`shelter ${s.id} is not on high ground`);
  }
  // The lower town of Xiagu: every road touching it is under more than 0.3 m for many hours.
  const z2 = zones.find((z) => z.basin.zoneId === 'z2-xiagu') as Zone;
  const lowerTown = (popByTown.get('xiagu') as PopPoint[]).filter((p) => p.ground === 'floor');
  const lowerTownRoads = roadSegs.filter((r) => lowerTown.some((p) => distToPolylineKm(KM_PLANE, p.at, r.line) < 0.45) && r.line.some((p) => pointInPolygon(p, z2.polygon)));
  const cutOff = lowerTownRoads.map((r) => ({ road: r.id, nameZh: r.props.nameZh, elevationM: r.props.elevationM, over30cm: floodedWindow(z2, r.props.elevationM as number, 0.3) }));
  if (cutOff.length < 2 || cutOff.some((c) => !c.over30cm || c.over30cm.hours < 12)) throw new Error(`Xiagu's lower town is not cut off: ${JSON.stringify(cutOff)}`);
  const floorProfile = Array.from({ length: 22 }, (_, i) => {
    const x = -10 + i;
    return [x, round1(groundM(valleyPoint(x, 0)))];
  });

  // ---------------------------------------------------------------- scenario document

  const elevationGrid: ElevationGridDoc = {
    format: 'drilltwin/elevation-grid@1',
    originLon: GRID_ORIGIN[0],
    originLat: GRID_ORIGIN[1],
    cellDeg: CELL_DEG,
    rows: GRID_ROWS,
    cols: GRID_COLS,
    elevationM: gridValues,
    source:
      'synthetic: an analytic mountain valley (floor sloping downstream from about 720 m to 450 m a.s.l., basins with terraces, sides rising about 31° to ridges 400–650 m above the river) plus hash-based value noise, generated by tools/build-mountain-flood.ts. Not real terrain.',
  };
  function writeGrid(rel: string, g: ElevationGridDoc): string {
    const rows: string[] = [];
    for (let r = 0; r < g.rows; r++) rows.push(g.elevationM.slice(r * g.cols, (r + 1) * g.cols).join(','));
    const head = JSON.stringify({ ...g, elevationM: [] }, null, 1).replace(/\n}$/, '');
    const text = head.replace('"elevationM": []', `"elevationM": [\n${rows.join(',\n')}\n ]`) + '\n}\n';
    JSON.parse(text); // must stay valid JSON
    texts[rel] = text;
    return rel;
  }

  const layers = addLayers(texts, {
    townships: townshipFeatures,
    population: populationFeatures,
    sites: siteFeatures,
    substations: substationFeatures,
    feeders: feederFeatures,
    roads: roadFeatures,
    bases: baseFeatures,
    landingZones: lzFeatures,
    shelters: shelterFeatures,
  });
  const zonesPath = addLayer(texts, 'flood-zones', zoneFeatures);
  const elevationPath = writeGrid('layers/elevation.json', elevationGrid);

  const flood: FloodDoc = {
    id: 'flash-flood',
    type: 'flood',
    tSec: FLOOD_ONSET_SEC,
    zones: zonesPath,
    hydrographs: Object.fromEntries(zones.map((z) => [z.basin.zoneId, z.curve])),
    elevation: elevationPath,
    stepSec: 600,
  };

  // Gauges: one in each of three zones; injected readings are the hydrograph's level at that time.
  const GAUGES: { id: string; nameZh: string; zone: Zone }[] = [
    { id: 'g-shimen', nameZh: '石门水文站（合成）', zone: zones[0] },
    { id: 'g-xiagu', nameZh: '峡谷镇水文站（合成）', zone: z2 },
    { id: 'g-hekou', nameZh: '河口水文站（合成）', zone: zones[3] },
  ];
  function gaugeInject(n: number, tSec: number, g: (typeof GAUGES)[number]): InjectDoc {
    const level = round2(levelAt(g.zone, tSec - FLOOD_ONSET_SEC));
    const prev = round2(levelAt(g.zone, tSec - FLOOD_ONSET_SEC - 1800));
    const warning = round2(g.zone.floorMinM);
    const trend = level > prev + 0.02 ? 'rising' : level < prev - 0.02 ? 'falling' : 'steady';
    const trendZh = { rising: '仍在上涨', falling: '正在回落', steady: '基本持平' }[trend];
    const over = round2(level - warning);
    return {
      id: `inj-${String(n).padStart(3, '0')}-gauge-${g.id.slice(2)}-t${Math.round(tSec / 60)}`,
      tSec,
      to: 'emhq',
      kind: 'gaugeReading',
      data: { gauge: g.id, zone: g.zone.basin.zoneId, levelM: level, warningLevelM: warning, trend },
      text: {
        zh: `${g.nameZh}报：水位${level.toFixed(2)}米（警戒水位${warning.toFixed(2)}米，${over >= 0 ? `超警${over.toFixed(2)}米` : `低于警戒${(-over).toFixed(2)}米`}），${trendZh}。`,
        en: `${g.id} reports a level of ${level.toFixed(2)} m (warning level ${warning.toFixed(2)} m, ${over >= 0 ? `${over.toFixed(2)} m above` : `${(-over).toFixed(2)} m below`}), ${trend}.`,
      },
    };
  }
  const gaugeTimesH = [2, 4, 6, 8, 10, 14, 24, 36];
  let injectNo = 100;
  const gaugeInjects: InjectDoc[] = [];
  for (const h of gaugeTimesH) for (const g of GAUGES) gaugeInjects.push(gaugeInject(++injectNo, h * HOUR, g));

  const xiaguLowPop = lowerTown.reduce((s, p) => s + p.population, 0);
  const sitesWetIds = wet(exposure.sites).map((s) => s.id);
  const injects: InjectDoc[] = [
    {
      id: 'inj-001-red-rain-warning',
      tSec: 0,
      to: 'emhq',
      kind: 'rainWarning',
      data: { level: 'red', issuer: '区气象台（合成）', rainMmNext6h: 150, rainMmLocalMax: 300 },
      text: {
        zh: '区气象台发布暴雨红色预警信号（演练）：受台风残余环流影响，预计未来6小时西部山区累计降雨量将达150毫米以上，局地可达300毫米，山洪、泥石流、山体滑坡等灾害风险极高。请立即启动防汛一级响应，转移沿河低洼地带人员。',
        en: 'District meteorological office: RED rainstorm warning (exercise). Remnants of a typhoon: more than 150 mm of rain expected over the western mountains in the next 6 hours, locally 300 mm; very high risk of flash floods, debris flows and landslides. Activate the level-1 flood response and move people out of low ground along the river.',
      },
    },
    ...(['cmcc', 'cucc', 'ctcc', 'tower', 'power'] as const).map((seat) => ({
      id: `inj-002-warning-${seat}`,
      tSec: 300,
      to: seat,
      kind: 'rainWarning' as const,
      data: { level: 'red', issuer: '区气象台（合成）' },
      text: {
        zh: '转发暴雨红色预警：请按防汛预案值守，预置应急发电机、卫星电话和抢修队伍，沿河低洼站点做好进水防护。',
        en: 'Red rainstorm warning forwarded: stand up the flood plan, pre-position portable generators, satellite phones and repair crews, and protect low-lying riverside sites against water.',
      },
    })),
    {
      id: 'inj-003-flash-flood-warning',
      tSec: 2700,
      to: 'emhq',
      kind: 'rainWarning',
      data: { level: 'red', type: 'flashFlood', issuer: '区水务局（合成）' },
      text: {
        zh: '区水务局发布山洪灾害红色预警（演练）：沿河公路沿线各乡镇河道水位将快速上涨，峡谷镇下街、下川乡、河口镇沿河川地可能被淹。',
        en: 'District water authority: RED flash-flood warning (exercise). The river will rise fast along the valley road; Xiagu lower town and the riverside flats of Xiachuan and Hekou may flood.',
      },
    },
    ...gaugeInjects.filter((g) => g.tSec <= 4 * HOUR),
    {
      id: 'inj-004-xiagu-water-in-streets',
      tSec: 5.5 * HOUR,
      to: 'emhq',
      kind: 'damageReport',
      data: { township: town('xiagu').id, zone: 'z2-xiagu', peoplePossiblyTrapped: xiaguLowPop, roadsUnderWater: cutOff.map((c) => c.road).join(',') },
      text: {
        zh: `峡谷镇报告：下街已进水，沿河公路镇区段和上街坡道漫水，车辆无法通行；下街约${xiaguLowPop.toLocaleString('en-US')}名居民尚未全部转移。`,
        en: `Xiagu town: water is in the lower town; the valley road through town and the ramps up to the upper town are under water and impassable; not all of the lower town's ${xiaguLowPop.toLocaleString('en-US')} residents have been moved.`,
      },
    },
    {
      id: 'inj-005-power-substation-flooded',
      tSec: 7 * HOUR,
      to: 'emhq',
      kind: 'damageReport',
      data: { sector: 'power', substation: 'ss-xiagu-35', cause: 'flooded' },
      text: {
        zh: '区供电公司报告：峡谷35千伏变电站进水，已紧急停运，石门、上峪方向35千伏线路失压；抢修人员因道路中断暂时无法抵达。',
        en: 'District power company: the Xiagu 35 kV substation has taken water and has been shut down; the 35 kV lines towards Shimen and Shangyu are dead. Repair crews cannot get there while the roads are cut.',
      },
    },
    ...(['cmcc', 'cucc', 'ctcc', 'tower'] as const).map((seat) => ({
      id: `inj-006-alarms-${seat}`,
      tSec: 7.5 * HOUR,
      to: seat,
      kind: 'damageReport' as const,
      data: { sector: 'telecom', area: '峡谷镇、石门乡、上峪乡、西岭乡' },
      text: {
        zh: '网管中心告警：峡谷镇及上游各乡基站“交流停电”“传输中断”告警大量出现，部分站点蓄电池即将耗尽；沿河光缆多处中断。',
        en: 'Network operations centre: mains-failure and transmission-down alarms in large numbers from Xiagu and the townships upstream; some sites are close to exhausting their batteries; the riverside fibre is cut in several places.',
      },
    })),
    ...gaugeInjects.filter((g) => g.tSec > 4 * HOUR && g.tSec <= 10 * HOUR),
    {
      id: 'inj-007-trapped-lower-town',
      tSec: 9 * HOUR,
      to: 'fire',
      kind: 'request',
      data: { township: town('xiagu').id, need: 'rescue', zone: 'z2-xiagu' },
      text: {
        zh: '峡谷镇下街群众通过仅存信号求救：多户居民被困二层楼顶，水深超过2米，请求救援。镇区与外界通信时断时续。',
        en: 'Residents of Xiagu lower town call for help on what signal is left: several households are on upper floors and roofs, water more than 2 m deep. Communications with the town come and go.',
      },
    },
    {
      id: 'inj-008-request-uav',
      tSec: 11 * HOUR,
      to: 'emhq',
      kind: 'request',
      data: { township: town('xiagu').id, need: 'emergencyCoverage' },
      text: {
        zh: '峡谷镇政府（经卫星电话）：镇区及上游三个乡公网通信基本中断，请求派出应急通信无人机或系留无人机基站恢复覆盖，优先保障下街被困群众和上街安置点。',
        en: 'Xiagu town government (by satellite phone): public mobile service is essentially out in the town and the three townships upstream. Requests an emergency-communications UAV or a tethered-drone base station, first for the trapped lower town and the upper-town shelters.',
      },
    },
    ...gaugeInjects.filter((g) => g.tSec > 10 * HOUR),
    {
      id: 'inj-009-warning-downgraded',
      tSec: 20 * HOUR,
      to: 'emhq',
      kind: 'rainWarning',
      data: { level: 'blue', issuer: '区气象台（合成）' },
      text: {
        zh: '区气象台将暴雨预警降级为蓝色：强降雨基本结束，河道水位缓慢回落，仍需防范次生地质灾害。',
        en: 'District meteorological office downgrades the rainstorm warning to BLUE: the heavy rain is essentially over and the river is slowly falling; secondary landslides remain a risk.',
      },
    },
  ];
  const msel = [...injects].sort((a, b) => a.tSec - b.tSec || (a.id < b.id ? -1 : 1));

  const batteryHours = sortedBatteryHours(siteFeatures);
  const quantile = (q: number): number => batteryHoursQuantile(batteryHours, q);

  const scenario: ScenarioDocV1 = {
    $schema: '../schema/scenario.schema.json',
    format: 'drilltwin/scenario@1',
    name: { zh: '山洪：某山区峡谷镇（合成地理）', en: 'Mountain flash flood: a valley town (synthetic geography)' },
    description: {
      zh: '合成地理的山洪演练场景，仿照2023年7月底台风“杜苏芮”残余环流引发的北京门头沟山洪：沿河谷分布的7个乡镇（约6.1万人），暴雨红色预警后河水在7至8.5小时内涨至高出河谷川地2.6至3.6米，峡谷镇下街被洪水围困，沿河公路、电力和光缆同时中断，通信恢复要等道路和电力。河谷、乡镇、站点、电网和道路均为虚构。',
      en: 'A flash-flood drill on synthetic geography, modelled on the Mentougou (Beijing) flood of late July 2023 from the remnants of Typhoon Doksuri: seven townships (about 61,000 people) along a mountain river valley. After a red rainstorm warning the river rises over 7–8.5 h to 2.6–3.6 m above the valley floor; the lower part of Xiagu town is cut off by water, and the valley road, power and fibre fail together, so restoring service waits on roads and power. The valley, townships, sites, grid and roads are invented.',
    },
    seed: 11,
    start: '2023-07-30T20:00:00+08:00',
    timeZone: 'Asia/Shanghai',
    durationHours: 72,
    layers,
    hazards: [flood],
    resources: {
      generatorPools: [
        { id: 'gp-cmcc', org: 'cmcc', count: 12, fuelHours: 8, leadTimeSec: 10800 },
        { id: 'gp-cucc', org: 'cucc', count: 6, fuelHours: 8, leadTimeSec: 10800 },
        { id: 'gp-ctcc', org: 'ctcc', count: 6, fuelHours: 8, leadTimeSec: 10800 },
        { id: 'gp-tower', org: 'tower', count: 10, fuelHours: 8, leadTimeSec: 10800 },
      ],
      teams,
      uavs,
      helicopters,
    },
    msel,
    targets: '../targets/2027-emergency-comms.json',
    settings: { kpiIntervalSec: 60, coverageTerrain: 'mountain', airspaceGreenChannel: false, doctrineSeats: 'all' },
    weather,
    metadata: {
      region: '合成地理（虚构）：北京西部山区某河谷，约东经115.9度、北纬39.95度一带；仿门头沟区，非真实地名与设施',
      synthetic: true,
      modelledOn: 'Beijing and Hebei floods from the remnants of Typhoon Doksuri, 29 Jul – Aug 2023 (official figures as reported by news media): Mentougou mean rainfall 471 mm (723 mm max); mobile service cut in 5 towns; about 70 % of the district\'s base stations failed; about 60,000 households without power; repairs waited for roads and power; all 147 villages back by about T+9 d.',
      generatedBy: 'tools/build-mountain-flood.ts (node --import tsx tools/build-mountain-flood.ts); deterministic, PRNG mulberry32 seed 20230731, terrain noise from an integer hash',
      coordinates: `WGS84 [lon, lat], 5 decimals. Geometry is built in a local equirectangular plane around ${ORIGIN.join(', ')}: 111.32 km per degree of latitude, 111.32·cos(39.95°) km per degree of longitude.`,
      sources: [
        { layer: 'townships', source: 'Synthetic: seven invented townships along one valley (names are invented; none is a real Mentougou town), 61,000 people in all, close to the brief\'s 60,000.', estimated: true },
        { layer: 'population', source: 'Synthetic village points with elevationM from the elevation grid. Xiagu has a lower town (下街) on the floodplain and an upper town (上街) on the north terrace; other villages are on the floor, terraces and lower slopes (deterministic PRNG).', estimated: true },
        {
          layer: 'sites',
          source: `Synthetic: ${sites.length} sites, two super base stations (Xiagu upper town, Hekou) on high ground, small cells in Xiagu's lower town; loads (China Tower analyses) and batteries as in the Jishishan scenario; ${sites.filter((s) => s.props.backhaul === 'microwave').length} sites on microwave, most of them on the ridges. elevationM from the elevation grid.`,
          estimated: true,
          note: 'Super sites: 150 kWh, 72 h of generator fuel (assumption) and automatic satellite switchover by the engine.',
        },
        {
          layer: 'sites: aggregation, fibreRoads',
          source: 'Synthetic backhaul: the core is in the district seat, off the map to the east. The Xiagu and Hekou super sites connect straight to the core; their fibreRoads run down the valley road to the map edge. Each township has an aggregation site (Xiagu two) on the nearer hub; other sites hang off their township\'s nearest aggregation site. fibreRoads: shortest road path between the segments nearest each end.',
          estimated: true,
          note: `${fibreKm.length} fibre routes, median ${round1([...fibreKm].sort((a, b) => a - b)[Math.floor(fibreKm.length / 2)])} km, longest ${round1(Math.max(...fibreKm))} km; deepest chain ${Math.max(...sites.map((s) => backhaulDepth(aggregationOf, s.id)))} hops. Riverside fibre was cut in many places in the real event.`,
        },
        {
          layer: 'substations',
          source: 'Synthetic: one 110 kV substation at the valley mouth (Hekou), five 35 kV. Xiagu and Xiachuan 35 kV sit on the floodplain; the 35 kV line up the valley to Shimen and Shangyu is looped through Xiagu\'s 35 kV bus (upstream = ss-xiagu-35, assumption), so flooding Xiagu darkens the upper valley.',
          estimated: true,
          note: `Customers: ${TOTAL_CUSTOMERS.toLocaleString('en-US')} (2.5 people per household, assumption), split by the village population each substation\'s feeders reach. HAZUS-MH flood model utility damage functions: control rooms at grade lose function at about 0.3 m.`,
        },
        { layer: 'feeders', source: 'Synthetic: 12 10 kV feeders through the seats and villages; each site is on the nearest feeder.', estimated: true },
        {
          layer: 'roads',
          source: 'Synthetic: a provincial-class valley road 180 m from the river (on the floor in the basins), crossing on four bridges; Xiagu\'s upper-town street and ramps; a mountain road from the upper town over a pass to the north edge; a county road from Hekou south; village roads and bridges. terrain "mountain" throughout.',
          estimated: true,
          note: 'elevationM is the lowest grid ground along each segment, sampled every 20 m (for a segment that enters a flood zone, the lowest ground inside the zone; the valley road is cut where it leaves a zone); for bridges, the lower abutment. Ordinary vehicles stop at about 0.3 m of water (assumption).',
        },
        { layer: 'bases', source: 'Synthetic: district command, operator, power, fire and transport bases in the district\'s urban area off the map to the east (positions around 116.10E 39.935N, no road modelled in between), forward command posts at Hekou and Xiagu\'s upper town, and three staging points where the roads leave the map (added with the response forces): the valley road\'s east end (towards the district; it is in the Hekou flood zone), the mountain road\'s north end (over the pass from the next valley, the only dry way into Xiagu\'s upper town during the flood) and the Hekou south road\'s end.', estimated: true },
        { layer: 'landingZones', source: 'Synthetic: school ground and stadium on terraces, a terrace field, and the pass on the mountain road.', estimated: true },
        { layer: 'shelters', source: 'Synthetic: schools and a government compound on terraces above the flood, checked to be at least 2 m above the zone\'s peak water level.', estimated: true },
        {
          layer: 'elevation',
          source: 'Synthetic elevation grid (drilltwin/elevation-grid@1), 100 × 76 cells of 0.0025°, built from the analytic valley plus value noise. Every asset elevationM is the grid value at that point.',
          estimated: true,
          note: `Valley floor along the river (chainage km → m): ${floorProfile.map(([x, z]) => `${x}:${z}`).join(' ')}.`,
        },
        {
          layer: 'flood-zones',
          source: 'Synthetic: four zones covering the valley floor of the four basins (floor + 100 m). Each zone has a stage hydrograph: ordinary level 1.5 m below the floor, a smoothstep rise over 7–8.5 h to 2.6–3.6 m above the zone\'s lowest floor, then a smooth recession (broad crest, fall, slow tail) over 28–36 h; downstream zones start 45 min after the one above.',
          estimated: true,
          note: 'One water level per zone is the engine\'s simplification; basins are kept short and nearly flat (about 1 m per km) so depths across a zone differ by under 3 m. Debris flows and washouts in the gorges between basins are not modelled.',
        },
        {
          layer: 'townships: prepositionedSatPhones, prepositionedBeidou',
          source: 'Assumption: satellite phones and BeiDou terminals kept at the township government (the 2027 Opinions (工业和信息化部等十四部门《关于加强极端场景应急通信能力建设的意见》, 工信部联信管〔2024〕256号, 31 Dec 2024) 五、（十五） ask disaster-prone townships and villages to pre-position them; the Ministry of Emergency Management\'s 《关于推进应急管理信息化建设的意见》 (应急〔2021〕31号, 6 May 2021) 五、（十一） asks for satellite phones among the terminals that keep command links up) in two townships only: Xiagu (2 + 2) and the remotest, Xiling (1 + 1). The other five depend on the public network or a delivery.',
          estimated: true,
        },
        {
          layer: 'resources.teams',
          source: `Synthetic, ${teams.length} teams sized for a 61,000-person valley (assumptions; the 2025 flood season saw 737 telecom teams nationally, telecom-sector figures to 10 August 2025 as reported by news media): ${forcesCheck.byKind.operatorCrew} operator and China Tower crews (pre-positioned at the Hekou post and Xiagu's upper town on the red warning, active at T0; two district reinforcements at the east gate), ${forcesCheck.byKind.commsTeam} emergency-communication teams activated by the HQ (the city's emergency-management team and CMCC's city team over the north pass, each vehicle carrying a tethered UAV base station; a regional centre's team from Tianjin via the south gate), ${forcesCheck.byKind.powerCrew} power crews with generator trucks, ${forcesCheck.byKind.roadCrew} road crews and ${forcesCheck.byKind.fireSquad} fire and rescue squads (two water-rescue boat squads at Hekou and a city boat squad, modes boat then foot; a forward squad in Xiagu's upper town and the city corps' communication squad with a tethered UAV, by high-clearance vehicle, helicopter or on foot). ${forcesCheck.people} people, ${forcesCheck.generators} generators on the teams, ${forcesCheck.terminals} satellite phones and BeiDou terminals, ${forcesCheck.tetheredUavs} tethered UAVs.`,
          estimated: true,
          note: 'High-clearance vehicles ford up to 0.6 m; boats need at least 0.5 m of water at both ends of a trip. The engine takes the first mode that can make a trip. Teams from the district, the city and Tianjin start at the gates after a long haul over the straight line (origin; 40 km/h from the district and the city, 60 km/h from Tianjin). Road crews: the engine\'s flood closes roads by water only and blocks none, so they have work only when something else blocks a road. Counts in metadata.forcesCheck.',
        },
        {
          layer: 'resources.uavs',
          source: `A medium unmanned helicopter class platform at Zhuozhou (Hebei, ≈ 115.97E 39.49N), about ${forcesCheck.zhuozhouToXiaguKm} km from Xiagu: the 2023 flood's medium UAV that carried 200 concurrent users was flown at Zhuozhou (official figures for the 2023 Beijing–Hebei floods as reported by news media). emhq.`,
          estimated: true,
          note: 'The tethered UAVs ride on the comms teams\' and the fire communication squad\'s vehicles (loadout tetheredUavs) and are deployed as team tasks.',
        },
        {
          layer: 'resources.helicopters',
          source: 'Assumption: one medium rescue helicopter (12 seats, engine default 220 km/h, wind limit force 6) lifting teams between the four landing zones; grounded by the storm\'s first hours.',
          estimated: true,
        },
        {
          layer: 'weather',
          source: 'Synthetic, in the manner of the real storm: force 7 with about 1 km visibility in heavy rain to T+8 h (grounds the medium UAV, take-off limit force 6 and 1.5 km, and the helicopter, force 6), force 5 with 4 km to T+20 h (the rain warning is downgraded then), force 3 with 10 km after.',
          estimated: true,
        },
        {
          layer: 'settings',
          source: 'coverageTerrain "mountain" is an assumption (feeders are repaired by the power teams of resources.teams, which travel to them); airspaceGreenChannel false (normal approval; the 2027 Opinions (工业和信息化部等十四部门《关于加强极端场景应急通信能力建设的意见》, 工信部联信管〔2024〕256号, 31 Dec 2024) 三、（六） ask for a fast-approval green channel for emergency-communication UAVs, so drills can switch it on); doctrineSeats "all": the doctrine responder plays every seat no player takes.',
          estimated: true,
        },
      ],
      floodCheck: {
        zones: zones.map((z) => ({
          zoneId: z.basin.zoneId,
          floorMinM: z.floorMinM,
          peakM: round2(z.peakM),
          peakAtH: round1((FLOOD_ONSET_SEC + (z.basin.delayH + z.basin.riseH) * HOUR) / HOUR),
          backToBaseAtH: round1((FLOOD_ONSET_SEC + (z.basin.delayH + z.basin.riseH + z.basin.recessionH) * HOUR) / HOUR),
        })),
        atPeakOver30cm: {
          sites: `${sitesWetIds.length} of ${sites.length}`,
          substations: wet(exposure.substations).map((s) => s.id),
          roads: `${wet(exposure.roads).length} of ${roadSegs.length}`,
          people: wet(exposure.population).reduce((s, p) => s + p.n, 0),
        },
        xiaguLowerTown: { people: xiaguLowPop, roadsIn: cutOff },
        shelters: shelterCheck,
        gauges: GAUGES.map((g) => ({ id: g.id, nameZh: g.nameZh, zone: g.zone.basin.zoneId, warningLevelM: round2(g.zone.floorMinM) })),
      },
      siteStats: {
        byTownship: Object.fromEntries(TOWNSHIPS.map((t) => [t.id, sites.filter((s) => s.township === t).length])),
        microwave: sites.filter((s) => s.props.backhaul === 'microwave').length,
        batteryHours: { min: quantile(0), median: quantile(0.5), max: quantile(0.999) },
        coreSites: HUBS.map((s) => s.id),
        aggregationSites,
      },
      forcesCheck,
    },
  };
  texts['scenario.json'] = jsonText(scenario);

  return {
    texts,
    summary: {
      townships: townshipFeatures.length,
      population: populationFeatures.length,
      people: TOTAL_POPULATION,
      sites: siteFeatures.length,
      substations: substationFeatures.length,
      feeders: feederFeatures.length,
      roads: roadFeatures.length,
      bridges: roadSegs.filter((r) => r.props.bridge).length,
      bases: baseFeatures.length,
      landingZones: lzFeatures.length,
      shelters: shelterFeatures.length,
      injects: msel.length,
      forces: forcesCheck,
      floodCheck: scenario.metadata.floodCheck,
      floorProfile,
    },
  };
}

if (isMainModule(import.meta.url)) {
  const { texts, summary } = buildMountainFlood();
  writeScenarioTexts(MOUNTAIN_FLOOD_DIR, texts);
  console.log(JSON.stringify(summary, null, 1));
}
