// A deterministic, seeded generator of a province-scale synthetic scenario,
// for benchmarks and load tests. Pure: no I/O, no clock, no unseeded randomness; every
// draw comes from one mulberry32 stream seeded from options.seed, and the only
// transcendental maths (a cosine for the projection, exp for lognormal
// populations, pow for skewed weights, normInv for normal variates) comes from
// the deterministic maths module. Same options ⇒ byte-identical file texts.
//
// Geography is synthetic but shaped like a real north-western province: about
// 600 × 450 km centred on 103.8E 36.0N, a provincial capital at the centre, a
// river valley running WSW–ENE that draws settlements and flatter ground,
// ~15 townships per county, a 750/500/330/110/35 kV grid, 10 kV feeders, tower
// sites, a connected road network and one Ms 7.0 mainshock. All positions are
// computed in a local km plane (x east, y north) and converted to WGS84 with an
// equirectangular approximation, rounded to 5 decimals.
import { exp, pow } from '../src/core/dmath.ts';
import {
  SCENARIO_FORMAT_V1,
  type Environment,
  type FeederProps,
  type InjectDoc,
  type PointOfInterestProps,
  type PopulationPointProps,
  type RoadClass,
  type RoadProps,
  type ScenarioDocV1,
  type SiteProps,
  type SubstationClass,
  type SubstationProps,
  type TownshipProps,
  type HelicopterDoc,
  type ResourcesDoc,
  type TeamDoc,
  type UavDoc,
} from '../src/model/scenario-format.ts';
import {
  apportion,
  batteryHoursQuantile,
  drawBackhaul,
  featureCollectionText,
  jsonText,
  lineFeature,
  localPlane,
  pointFeature,
  rll,
  seededRandom,
  siteEquipment,
  type BackhaulDraw,
  type Feature,
  type LL,
  type Random,
  type SiteClass,
} from './kit/index.ts';

export interface GenerateProvinceOptions {
  /** Generator seed, also written as the scenario seed. Integer 0 … 4294967295. */
  seed?: number;
  /** Cell sites (default 20,000). */
  sites?: number;
  /** Substations of all voltages (default 2,000). */
  substations?: number;
  /** Road LineString segments, exactly (default 60,000). */
  roadEdges?: number;
  /** Townships (default 1,500); counties are about one per 15 townships. */
  townships?: number;
  /** Response teams (default 300), spread over the bases by organisation. */
  teams?: number;
  /** UAV platforms (default 30): a sixth large fixed-wing from distant airfields, the rest medium. */
  uavs?: number;
}

export const PROVINCE_DEFAULTS = { seed: 2027, sites: 20_000, substations: 2_000, roadEdges: 60_000, townships: 1_500, teams: 300, uavs: 30 } as const;

export const PROVINCE_GENERATOR = 'tools/generate-province.ts';

/** Paths of the generated files, relative to the scenario folder. */
export const PROVINCE_LAYER_PATHS = {
  townships: 'layers/townships.geojson',
  population: 'layers/population.geojson',
  sites: 'layers/sites.geojson',
  substations: 'layers/substations.geojson',
  feeders: 'layers/feeders.geojson',
  roads: 'layers/roads.geojson',
  bases: 'layers/bases.geojson',
  landingZones: 'layers/landingZones.geojson',
  shelters: 'layers/shelters.geojson',
} as const;

// ---- Geometry: a local km plane around the centre ----

const LON0 = 103.8;
const LAT0 = 36.0;
const HALF_W = 300; // km east–west from the centre
const HALF_H = 225; // km north–south
const AREA_KM2 = 4 * HALF_W * HALF_H;
const PLANE = localPlane([LON0, LAT0]);

/** A km-plane position as written to the layers. */
const toLonLat = (x: number, y: number): LL => rll(PLANE.fromKm([x, y]));
const clampX = (x: number, margin = 1): number => Math.max(-HALF_W + margin, Math.min(HALF_W - margin, x));
const clampY = (y: number, margin = 1): number => Math.max(-HALF_H + margin, Math.min(HALF_H - margin, y));
const inside = (x: number, y: number, margin: number): boolean => Math.abs(x) <= HALF_W - margin && Math.abs(y) <= HALF_H - margin;
const dist = (ax: number, ay: number, bx: number, by: number): number => Math.sqrt((ax - bx) * (ax - bx) + (ay - by) * (ay - by));

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function idWidth(count: number): number {
  return Math.max(6, String(count).length);
}

/** A point lo…hi km from (x, y) in a random direction, area-uniform in the annulus, kept inside the province. */
function around(rng: Random, x: number, y: number, lo: number, hi: number): [number, number] {
  const [dx, dy] = rng.direction();
  const r = Math.sqrt(rng.uniform(lo * lo, hi * hi));
  return [clampX(x + dx * r), clampY(y + dy * r)];
}

// ---- Spatial indexes ----

class PointGrid {
  readonly xs: number[] = [];
  readonly ys: number[] = [];
  private readonly cells = new Map<number, number[]>();
  constructor(private readonly size: number) {}
  private key(ix: number, iy: number): number {
    return ix * 1_000_003 + iy;
  }
  add(x: number, y: number): number {
    const i = this.xs.length;
    this.xs.push(x);
    this.ys.push(y);
    const k = this.key(Math.floor(x / this.size), Math.floor(y / this.size));
    const cell = this.cells.get(k);
    if (cell) cell.push(i);
    else this.cells.set(k, [i]);
    return i;
  }
  /** Indices of points within r of (x, y), in a fixed order. */
  within(x: number, y: number, r: number): number[] {
    const out: number[] = [];
    const x0 = Math.floor((x - r) / this.size), x1 = Math.floor((x + r) / this.size);
    const y0 = Math.floor((y - r) / this.size), y1 = Math.floor((y + r) / this.size);
    const r2 = r * r;
    for (let ix = x0; ix <= x1; ix++) {
      for (let iy = y0; iy <= y1; iy++) {
        const cell = this.cells.get(this.key(ix, iy));
        if (!cell) continue;
        for (const i of cell) {
          const dx = this.xs[i] - x, dy = this.ys[i] - y;
          if (dx * dx + dy * dy <= r2) out.push(i);
        }
      }
    }
    return out;
  }
  /** Nearest point within maxR, or -1. */
  nearest(x: number, y: number, maxR: number): number {
    let best = -1;
    let bestD = Infinity;
    for (const i of this.within(x, y, maxR)) {
      const d = dist(x, y, this.xs[i], this.ys[i]);
      if (d < bestD || (d === bestD && i < best)) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }
  /** True when some point lies closer than r to (x, y). */
  anyCloser(x: number, y: number, r: number): boolean {
    return this.within(x, y, r).some((i) => dist(x, y, this.xs[i], this.ys[i]) < r);
  }
}

// Its own arithmetic rather than the kit's footOnSegment: which feeder a site
// takes at a near-tie depends on the last bit, and the pinned province hash on that.
function pointSegmentDist(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return dist(px, py, ax + t * dx, ay + t * dy);
}

/** Polylines (flat x0,y0,x1,y1,… in km) indexed by segment for nearest-line queries. */
class LineGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly paths: number[][] = [];
  constructor(private readonly size: number) {}
  private key(ix: number, iy: number): number {
    return ix * 1_000_003 + iy;
  }
  add(path: number[]): void {
    const line = this.paths.length;
    this.paths.push(path);
    for (let k = 0; k + 3 < path.length; k += 2) {
      const x0 = Math.floor(Math.min(path[k], path[k + 2]) / this.size), x1 = Math.floor(Math.max(path[k], path[k + 2]) / this.size);
      const y0 = Math.floor(Math.min(path[k + 1], path[k + 3]) / this.size), y1 = Math.floor(Math.max(path[k + 1], path[k + 3]) / this.size);
      for (let ix = x0; ix <= x1; ix++) {
        for (let iy = y0; iy <= y1; iy++) {
          const key = this.key(ix, iy);
          const cell = this.cells.get(key);
          if (cell) cell.push(line, k);
          else this.cells.set(key, [line, k]);
        }
      }
    }
  }
  /** Index of the line nearest to (x, y): ring search over cells, then a full scan as a fallback. */
  nearest(x: number, y: number): number {
    const cx = Math.floor(x / this.size), cy = Math.floor(y / this.size);
    let best = -1;
    let bestD = Infinity;
    const consider = (line: number, k: number) => {
      const p = this.paths[line];
      const d = pointSegmentDist(x, y, p[k], p[k + 1], p[k + 2], p[k + 3]);
      if (d < bestD || (d === bestD && line < best)) {
        bestD = d;
        best = line;
      }
    };
    for (let ring = 0; ring <= 60; ring++) {
      for (let ix = cx - ring; ix <= cx + ring; ix++) {
        for (let iy = cy - ring; iy <= cy + ring; iy++) {
          if (Math.max(Math.abs(ix - cx), Math.abs(iy - cy)) !== ring) continue;
          const cell = this.cells.get(this.key(ix, iy));
          if (!cell) continue;
          for (let j = 0; j < cell.length; j += 2) consider(cell[j], cell[j + 1]);
        }
      }
      if (best >= 0 && bestD <= ring * this.size) return best;
    }
    if (best >= 0) return best;
    this.paths.forEach((p, line) => {
      for (let k = 0; k + 3 < p.length; k += 2) consider(line, k);
    });
    return best;
  }
}

// ---- Proximity graphs: minimum spanning tree plus Gabriel-graph extras ----

interface Graph {
  /** Spanning-tree edges (indices into the given point list), needed for connectivity. */
  tree: [number, number][];
  /** Further Gabriel-graph edges shorter than the cutoff, shortest first. */
  extra: [number, number][];
}

function proximityGraph(xs: number[], ys: number[], cutoffKm: number): Graph {
  const n = xs.length;
  const tree: [number, number][] = [];
  if (n <= 1) return { tree, extra: [] };
  // Prim, O(n²): fine for the few hundred points of one county or of the county seats.
  const inTree = new Uint8Array(n);
  const bestD = new Float64Array(n).fill(Infinity);
  const bestFrom = new Int32Array(n).fill(-1);
  bestD[0] = 0;
  const treeKeys = new Set<number>();
  for (let step = 0; step < n; step++) {
    let u = -1;
    for (let i = 0; i < n; i++) if (!inTree[i] && (u < 0 || bestD[i] < bestD[u])) u = i;
    inTree[u] = 1;
    if (bestFrom[u] >= 0) {
      const a = Math.min(u, bestFrom[u]), b = Math.max(u, bestFrom[u]);
      tree.push([a, b]);
      treeKeys.add(a * n + b);
    }
    for (let v = 0; v < n; v++) {
      if (inTree[v]) continue;
      const d = dist(xs[u], ys[u], xs[v], ys[v]);
      if (d < bestD[v]) {
        bestD[v] = d;
        bestFrom[v] = u;
      }
    }
  }
  const grid = new PointGrid(Math.max(1, cutoffKm / 2));
  for (let i = 0; i < n; i++) grid.add(xs[i], ys[i]);
  const extra: { a: number; b: number; d: number }[] = [];
  for (let i = 0; i < n; i++) {
    for (const j of grid.within(xs[i], ys[i], cutoffKm)) {
      if (j <= i || treeKeys.has(i * n + j)) continue;
      const mx = (xs[i] + xs[j]) / 2, my = (ys[i] + ys[j]) / 2;
      const r = dist(xs[i], ys[i], xs[j], ys[j]) / 2;
      const blocked = grid.within(mx, my, r).some((k) => k !== i && k !== j && dist(mx, my, xs[k], ys[k]) < r * (1 - 1e-9));
      if (!blocked) extra.push({ a: i, b: j, d: 2 * r });
    }
  }
  extra.sort((p, q) => p.d - q.d || p.a - q.a || p.b - q.b);
  return { tree, extra: extra.map((e) => [e.a, e.b]) };
}

// ---- Synthetic terrain and settlement density ----

/** A WSW–ENE river valley (km plane) that draws settlements and flat ground. */
const VALLEY: [number, number][] = [
  [-310, -90],
  [-200, -50],
  [-90, -15],
  [0, 5],
  [90, 60],
  [200, 120],
  [310, 170],
];

function valleyDistance(x: number, y: number): number {
  let best = Infinity;
  for (let i = 1; i < VALLEY.length; i++) best = Math.min(best, pointSegmentDist(x, y, VALLEY[i - 1][0], VALLEY[i - 1][1], VALLEY[i][0], VALLEY[i][1]));
  return best;
}

/** Value noise on a coarse and a fine lattice, 0…1. */
class Terrain {
  private readonly coarse: Float64Array;
  private readonly fine: Float64Array;
  private static readonly COARSE = 45;
  private static readonly FINE = 12;
  private readonly cw: number;
  private readonly fw: number;
  constructor(rng: Random) {
    this.cw = Math.ceil((2 * HALF_W) / Terrain.COARSE) + 2;
    const ch = Math.ceil((2 * HALF_H) / Terrain.COARSE) + 2;
    this.fw = Math.ceil((2 * HALF_W) / Terrain.FINE) + 2;
    const fh = Math.ceil((2 * HALF_H) / Terrain.FINE) + 2;
    this.coarse = Float64Array.from({ length: this.cw * ch }, () => rng.next());
    this.fine = Float64Array.from({ length: this.fw * fh }, () => rng.next());
  }
  private static sample(values: Float64Array, width: number, cell: number, x: number, y: number): number {
    const gx = (clampX(x, 0) + HALF_W) / cell, gy = (clampY(y, 0) + HALF_H) / cell;
    const ix = Math.floor(gx), iy = Math.floor(gy);
    let fx = gx - ix, fy = gy - iy;
    fx = fx * fx * (3 - 2 * fx);
    fy = fy * fy * (3 - 2 * fy);
    const v00 = values[iy * width + ix], v10 = values[iy * width + ix + 1];
    const v01 = values[(iy + 1) * width + ix], v11 = values[(iy + 1) * width + ix + 1];
    return (v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy;
  }
  /** Ruggedness 0…1: noise, lower in the valley. */
  ruggedness(x: number, y: number): number {
    const noise = 0.65 * Terrain.sample(this.coarse, this.cw, Terrain.COARSE, x, y) + 0.35 * Terrain.sample(this.fine, this.fw, Terrain.FINE, x, y);
    const v = valleyDistance(x, y);
    const valley = exp(-(v * v) / (2 * 25 * 25));
    return noise * (1 - 0.55 * valley) + 0.25 * (1 - valley);
  }
}

/** Radio backhaul of macro sites (assumption, stated in metadata.sources): rural 18 % microwave and 2 % satellite, suburban 5 % microwave. */
const MACRO_BACKHAUL: Partial<Record<Environment, BackhaulDraw>> = { suburban: { microwaveBelow: 0.05 }, rural: { satelliteBelow: 0.02, microwaveBelow: 0.2 } };

function checkCount(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`generateProvince: ${name} must be an integer from ${min} to ${max}, got ${value}`);
  return value;
}

// ---- The generator ----

interface Township {
  x: number;
  y: number;
  county: number;
  seat: boolean;
  population: number;
  nameZh: string;
  nameEn: string;
  code: string;
  /** Population points: [0] at the seat, then villages. */
  points: { x: number; y: number; population: number }[];
  /** Road nodes of this township (seat, linked villages, rural spurs). */
  roadNodes: number[];
}

/**
 * Generates the file texts of a complete synthetic province scenario. Keys are
 * paths relative to the scenario folder ("scenario.json", "layers/….geojson"),
 * ready for memoryScenarioFiles or for writing to disk.
 */
export function generateProvince(options: GenerateProvinceOptions = {}): Record<string, string> {
  const seed = checkCount('seed', options.seed ?? PROVINCE_DEFAULTS.seed, 0, 4_294_967_295);
  const nTownships = checkCount('townships', options.townships ?? PROVINCE_DEFAULTS.townships, 1, 100_000);
  const nSites = checkCount('sites', options.sites ?? PROVINCE_DEFAULTS.sites, 1, 400_000);
  const nSubstations = checkCount('substations', options.substations ?? PROVINCE_DEFAULTS.substations, 1, 100_000);
  const nRoadEdges = checkCount('roadEdges', options.roadEdges ?? PROVINCE_DEFAULTS.roadEdges, 1, 500_000);
  const rng = seededRandom(seed);
  const terrain = new Terrain(rng);

  // ---- Counties and townships ----
  const nCounties = Math.max(1, Math.round(nTownships / 15));
  const countySpacing = Math.sqrt(AREA_KM2 / nCounties);
  const townshipSpacing = Math.sqrt(AREA_KM2 / nTownships);
  const densityAt = (x: number, y: number): number => {
    const v = valleyDistance(x, y);
    return 0.3 + 0.7 * exp(-(v * v) / (2 * 90 * 90));
  };

  const seatGrid = new PointGrid(Math.max(5, countySpacing));
  let minSeatSep = 0.55 * countySpacing;
  for (let c = 0; c < nCounties; c++) {
    let placed = false;
    for (let attempt = 0; !placed; attempt++) {
      if (attempt > 0 && attempt % 200 === 0) minSeatSep *= 0.9;
      let x: number, y: number;
      if (c === 0) {
        // The provincial capital, near the centre of the valley.
        [x, y] = around(rng, 0, 5, 0, 15);
      } else {
        x = rng.uniform(-HALF_W + 12, HALF_W - 12);
        y = rng.uniform(-HALF_H + 12, HALF_H - 12);
        if (!rng.chance(densityAt(x, y))) continue;
      }
      if (seatGrid.anyCloser(x, y, minSeatSep)) continue;
      seatGrid.add(x, y);
      placed = true;
    }
  }

  const countyNo = (c: number) => pad(c + 1, 3);
  const countyNameZh = (c: number) => (c === 0 ? '合成省会市' : `合成县${countyNo(c)}`);
  const countyNameEn = (c: number) => (c === 0 ? 'Capital' : `County ${countyNo(c)}`);
  const extraPerCounty = apportion(nTownships - nCounties, Array.from({ length: nCounties }, (_, c) => (c === 0 ? 1.3 : rng.uniform(0.5, 1.5))));

  const townships: Township[] = [];
  const townshipGrid = new PointGrid(Math.max(2, townshipSpacing));
  const countyTownships: number[][] = Array.from({ length: nCounties }, () => []);
  const seatOf: number[] = [];
  const addTownship = (x: number, y: number, county: number, seat: boolean, k: number): number => {
    const i = townships.length;
    let population: number;
    if (seat && county === 0) population = Math.round(rng.uniform(1_200_000, 1_800_000));
    else if (seat) population = Math.round(Math.min(400_000, Math.max(25_000, rng.lognormal(85_000, 0.45))));
    else population = Math.round(Math.min(150_000, Math.max(1_500, rng.lognormal(13_000, 0.6))));
    townships.push({
      x,
      y,
      county,
      seat,
      population,
      nameZh: seat ? `${countyNameZh(county)}城关镇` : `${countyNameZh(county)}第${pad(k, 2)}乡`,
      nameEn: seat ? `${countyNameEn(county)} seat` : `${countyNameEn(county)} T${pad(k, 2)}`,
      code: `99${pad(county + 1, 4)}${pad(k, 3)}`,
      points: [],
      roadNodes: [],
    });
    townshipGrid.add(x, y);
    countyTownships[county].push(i);
    return i;
  };
  for (let c = 0; c < nCounties; c++) seatOf.push(addTownship(seatGrid.xs[c], seatGrid.ys[c], c, true, 0));
  const minTownSep = 0.45 * townshipSpacing;
  const countyRadius = 0.75 * countySpacing;
  for (let c = 0; c < nCounties; c++) {
    const sx = seatGrid.xs[c], sy = seatGrid.ys[c];
    for (let k = 1; k <= extraPerCounty[c]; k++) {
      let sep = minTownSep;
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0 && attempt % 60 === 0) sep *= 0.85;
        const [x, y] = around(rng, sx, sy, 0, countyRadius * (1 + Math.floor(attempt / 240) * 0.25));
        if (!inside(x, y, 6)) continue;
        if (attempt < 600 && !rng.chance(densityAt(x, y))) continue;
        if (seatGrid.nearest(x, y, 2 * countyRadius + countySpacing) !== c && attempt < 400) continue;
        if (townshipGrid.anyCloser(x, y, sep)) continue;
        addTownship(x, y, c, false, k);
        break;
      }
    }
  }

  // Population points: the seat plus two villages, summing exactly to the township.
  for (const t of townships) {
    const seatShare = t.seat ? rng.uniform(0.8, 0.9) : rng.uniform(0.45, 0.7);
    const p0 = Math.round(t.population * seatShare);
    const p1 = Math.round((t.population - p0) * rng.uniform(0.35, 0.65));
    const p2 = t.population - p0 - p1;
    t.points.push({ x: t.x, y: t.y, population: p0 });
    for (const p of [p1, p2]) {
      let [x, y] = t.seat ? around(rng, t.x, t.y, 3, 8) : around(rng, t.x, t.y, 1.5, 5);
      for (let tries = 0; tries < 20 && !inside(x, y, 1.5); tries++) [x, y] = t.seat ? around(rng, t.x, t.y, 3, 8) : around(rng, t.x, t.y, 1.5, 5);
      t.points.push({ x, y, population: p });
    }
  }
  const byPopulation = townships.map((_, i) => i).sort((a, b) => townships[b].population - townships[a].population || a - b);
  const seatsByPopulation = byPopulation.filter((i) => townships[i].seat);

  // ---- Substations ----
  let n750 = Math.round(nSubstations * 0.002);
  let n500 = Math.round(nSubstations * 0.003);
  let n330 = Math.round(nSubstations * 0.03);
  const n110Target = Math.round(nSubstations * 0.2);
  // Keep at least one distribution substation (110/35 kV) to feed the sites.
  while (n750 + n500 + n330 > nSubstations - 1) {
    if (n330 > 0) n330--;
    else if (n500 > 0) n500--;
    else n750--;
  }
  const n110 = Math.min(n110Target, nSubstations - n750 - n500 - n330);
  const n35 = nSubstations - n750 - n500 - n330 - n110;

  interface Substation {
    x: number;
    y: number;
    kv: number;
    township: number;
    nameZh: string;
    hazusClass: SubstationClass;
  }
  const substations: Substation[] = [];
  const stationCount = new Map<string, number>();
  const addSubstation = (kv: number, township: number, lo: number, hi: number) => {
    const t = townships[township];
    const [x, y] = around(rng, t.x, t.y, lo, hi);
    const key = `${township}:${kv}`;
    const nth = (stationCount.get(key) ?? 0) + 1;
    stationCount.set(key, nth);
    const level = kv >= 220 ? 'high' : kv >= 110 ? 'medium' : 'low';
    const anchoredP = level === 'high' ? 0.75 : level === 'medium' ? 0.6 : 0.45;
    substations.push({
      x,
      y,
      kv,
      township,
      nameZh: `${t.nameZh}${kv}千伏${nth > 1 ? `${nth}号` : ''}变电站`,
      hazusClass: `${level}-${rng.chance(anchoredP) ? 'anchored' : 'unanchored'}` as SubstationClass,
    });
  };
  for (let i = 0; i < n750; i++) addSubstation(750, seatsByPopulation[(i * 7 + 1) % seatsByPopulation.length], 8, 20);
  for (let i = 0; i < n500; i++) addSubstation(500, seatsByPopulation[(i * 5 + 2) % seatsByPopulation.length], 6, 16);
  for (let i = 0; i < n330; i++) addSubstation(330, seatsByPopulation[i % seatsByPopulation.length], 3, 10);
  // 110 kV: every county seat first, then the largest townships.
  const order110 = [...seatsByPopulation, ...byPopulation.filter((i) => !townships[i].seat)];
  const has110 = new Uint8Array(nTownships);
  for (let i = 0; i < n110; i++) {
    const t = order110[i % order110.length];
    if (i < order110.length) has110[t] = 1;
    addSubstation(110, t, i < order110.length ? 0.5 : 3, i < order110.length ? 3 : 8);
  }
  // 35 kV: townships without a 110 kV station first, then again over all townships by size.
  const order35 = [...byPopulation.filter((i) => !has110[i]), ...byPopulation];
  for (let i = 0; i < n35; i++) {
    const t = order35[i % order35.length];
    const first = i < order35.length - nTownships;
    addSubstation(35, t, first ? 0.3 : 3, first ? 2 : 8);
  }
  const ssWidth = idWidth(substations.length);
  const substationId = (i: number) => `ss-${pad(i + 1, ssWidth)}`;

  // ---- Feeders (10 kV) from the 110 and 35 kV substations ----
  interface Feeder {
    substation: number;
    path: number[]; // km, flat
  }
  const feeders: Feeder[] = [];
  const feederGrid = new LineGrid(3);
  substations.forEach((s, si) => {
    if (s.kv !== 110 && s.kv !== 35) return;
    const count = s.kv === 110 ? 4 + rng.int(3) : 2 + rng.int(2);
    let near = townshipGrid.within(s.x, s.y, 20);
    if (near.length === 0) near = [s.township];
    near.sort((a, b) => dist(s.x, s.y, townships[a].x, townships[a].y) - dist(s.x, s.y, townships[b].x, townships[b].y) || a - b);
    if (near[0] !== s.township && near.includes(s.township)) near = [s.township, ...near.filter((i) => i !== s.township)];
    near = near.slice(0, 4);
    for (let k = 0; k < count; k++) {
      const t = townships[near[k % near.length]];
      let pi = Math.floor(k / near.length) % t.points.length;
      for (let tries = 0; tries < t.points.length && dist(s.x, s.y, t.points[pi].x, t.points[pi].y) < 0.6; tries++) pi = (pi + 1) % t.points.length;
      let tx = t.points[pi].x, ty = t.points[pi].y;
      if (dist(s.x, s.y, tx, ty) < 0.6) [tx, ty] = around(rng, s.x, s.y, 3, 6);
      const dx = tx - s.x, dy = ty - s.y;
      const len = Math.sqrt(dx * dx + dy * dy);
      const px = -dy / len, py = dx / len;
      const path = [s.x, s.y];
      const mids = 1 + rng.int(3);
      for (let m = 1; m <= mids; m++) {
        const f = m / (mids + 1) + rng.uniform(-0.08, 0.08);
        const off = rng.uniform(-0.15, 0.15) * len;
        path.push(clampX(s.x + dx * f + px * off), clampY(s.y + dy * f + py * off));
      }
      path.push(tx, ty);
      if (rng.chance(0.7)) {
        const ext = rng.uniform(1, 4);
        const off = rng.uniform(-0.4, 0.4) * ext;
        path.push(clampX(tx + (dx / len) * ext + px * off), clampY(ty + (dy / len) * ext + py * off));
      }
      feeders.push({ substation: si, path });
      feederGrid.add(path);
    }
  });
  const fWidth = idWidth(feeders.length);
  const feederId = (i: number) => `f-${pad(i + 1, fWidth)}`;

  // ---- Roads ----
  const nodeX: number[] = [];
  const nodeY: number[] = [];
  const nodeLL: LL[] = [];
  const addNode = (x: number, y: number): number => {
    nodeX.push(x);
    nodeY.push(y);
    nodeLL.push(toLonLat(x, y));
    return nodeX.length - 1;
  };
  townships.forEach((t) => {
    t.roadNodes.push(addNode(t.x, t.y));
  });
  type Terrain3 = 'flat' | 'hilly' | 'mountain';
  const terrainAt = (x: number, y: number, cls: RoadClass): Terrain3 => {
    const r = terrain.ruggedness(x, y) - (cls === 'national' ? 0.08 : cls === 'provincial' ? 0.04 : 0);
    return r < 0.35 ? 'flat' : r < 0.62 ? 'hilly' : 'mountain';
  };
  interface Segment {
    coords: LL[];
    cls: RoadClass;
    bridge: boolean;
    terrain: Terrain3;
    name?: string;
  }
  const segments: Segment[] = [];
  const edgeKeys = new Set<string>();
  const edgeKey = (a: number, b: number) => (a < b ? `${a}|${b}` : `${b}|${a}`);

  /** One segment from node a to node b with 0–2 jittered interior vertices (none on bridges). */
  const addSegment = (a: number, b: number, interior: [number, number][], cls: RoadClass, bridge: boolean, name?: string) => {
    const coords: LL[] = [nodeLL[a]];
    for (const [x, y] of interior) coords.push(toLonLat(x, y));
    coords.push(nodeLL[b]);
    const mx = (nodeX[a] + nodeX[b]) / 2, my = (nodeY[a] + nodeY[b]) / 2;
    segments.push({ coords, cls, bridge, terrain: terrainAt(mx, my, cls), name });
    edgeKeys.add(edgeKey(a, b));
  };

  interface Link {
    a: number; // township index
    b: number;
    cls: RoadClass;
    length: number;
    name?: string;
  }
  // Trunk links between county seats; county links inside each county.
  const seatXs = seatOf.map((i) => townships[i].x), seatYs = seatOf.map((i) => townships[i].y);
  const trunk = proximityGraph(seatXs, seatYs, 2.2 * countySpacing);
  const mandatory: Link[] = [];
  const optional: Link[] = [];
  const link = (a: number, b: number, cls: RoadClass): Link => ({ a, b, cls, length: dist(townships[a].x, townships[a].y, townships[b].x, townships[b].y) });
  for (const [i, j] of trunk.tree) mandatory.push(link(seatOf[i], seatOf[j], 'provincial'));
  for (const [i, j] of trunk.extra) optional.push(link(seatOf[i], seatOf[j], 'provincial'));
  const countyOptional: Link[] = [];
  for (let c = 0; c < nCounties; c++) {
    const members = countyTownships[c];
    const g = proximityGraph(
      members.map((i) => townships[i].x),
      members.map((i) => townships[i].y),
      2.5 * townshipSpacing,
    );
    for (const [i, j] of g.tree) mandatory.push(link(members[i], members[j], 'county'));
    for (const [i, j] of g.extra) countyOptional.push(link(members[i], members[j], rng.chance(0.7) ? 'county' : 'rural'));
  }
  optional.push(...countyOptional);
  if (mandatory.length > nRoadEdges) {
    throw new RangeError(`generateProvince: roadEdges must be at least ${mandatory.length} to connect ${nTownships} townships, got ${nRoadEdges}`);
  }
  // Budget: trunk and county links take about 35 % of the segments, rural roads the rest.
  const linkBudget = Math.max(mandatory.length, Math.floor(0.35 * nRoadEdges));
  const links = [...mandatory, ...optional.slice(0, Math.max(0, Math.floor((linkBudget - mandatory.length) / 3)))];

  // National roads: corridors of shortest trunk paths from the capital to the largest county seats.
  {
    const seatIndex = new Map(seatOf.map((t, i) => [t, i]));
    const adj: { to: number; link: number }[][] = seatOf.map(() => []);
    links.forEach((l, li) => {
      const i = seatIndex.get(l.a), j = seatIndex.get(l.b);
      if (l.cls !== 'provincial' || i === undefined || j === undefined) return;
      adj[i].push({ to: j, link: li });
      adj[j].push({ to: i, link: li });
    });
    const n = seatOf.length;
    const d = new Float64Array(n).fill(Infinity);
    const via = new Int32Array(n).fill(-1);
    const done = new Uint8Array(n);
    d[0] = 0;
    for (let step = 0; step < n; step++) {
      let u = -1;
      for (let i = 0; i < n; i++) if (!done[i] && d[i] < Infinity && (u < 0 || d[i] < d[u])) u = i;
      if (u < 0) break;
      done[u] = 1;
      for (const { to, link: li } of adj[u]) {
        const nd = d[u] + links[li].length;
        if (nd < d[to]) {
          d[to] = nd;
          via[to] = li;
        }
      }
    }
    const corridors = seatsByPopulation.slice(1, 1 + Math.max(2, Math.round(nCounties / 8)));
    corridors.forEach((t, k) => {
      for (let i = seatIndex.get(t)!; via[i] >= 0; ) {
        const l = links[via[i]];
        if (l.cls !== 'national') {
          l.cls = 'national';
          l.name = `G${601 + k}（合成）`;
        }
        i = seatIndex.get(l.a) === i ? seatIndex.get(l.b)! : seatIndex.get(l.a)!;
      }
    });
    let sNo = 0, xNo = 0;
    for (const l of links) {
      if (l.cls === 'provincial') l.name = `S${201 + sNo++}（合成）`;
      else if (l.cls === 'county') l.name = `X${pad(1 + xNo++, 3)}（合成）`;
    }
  }

  const piecesFor = (segLen: number) => links.map((l) => ((l.cls === 'national' || l.cls === 'provincial' ? 1.3 : 1) * l.length) / segLen).map((v) => Math.max(1, Math.round(v)));
  let lo = 0.05, hi = 10_000;
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    const total = piecesFor(mid).reduce((a, b) => a + b, 0);
    if (total > linkBudget) lo = mid;
    else hi = mid;
  }
  const pieces = piecesFor(hi);
  links.forEach((l, li) => {
    const n = pieces[li];
    const name = l.name;
    const ax = townships[l.a].x, ay = townships[l.a].y, bx = townships[l.b].x, by = townships[l.b].y;
    const dx = bx - ax, dy = by - ay;
    const len = l.length;
    const px = -dy / len, py = dx / len;
    // Meander: random lateral offsets at control points, zero at both ends.
    const m = 2 + Math.floor(len / 15);
    const amp = Math.min(0.08 * len, 5);
    const ctrl = [0];
    for (let k = 0; k < m; k++) ctrl.push(rng.uniform(-amp, amp));
    ctrl.push(0);
    const offset = (t: number) => {
      const g = t * (m + 1);
      const k = Math.min(m, Math.floor(g));
      const f = g - k;
      return ctrl[k] * (1 - f) + ctrl[k + 1] * f;
    };
    const at = (t: number): [number, number] => {
      const o = offset(t);
      return [clampX(ax + dx * t + px * o, 0.01), clampY(ay + dy * t + py * o, 0.01)];
    };
    const bridges = Array.from({ length: n }, (_, i) => n >= 3 && i > 0 && i < n - 1 && rng.chance(0.06));
    const weights = bridges.map((b) => (b ? 0.08 : rng.uniform(0.7, 1.3)));
    const totalW = weights.reduce((s, w) => s + w, 0);
    let t0 = 0;
    let prev = townships[l.a].roadNodes[0];
    for (let i = 0; i < n; i++) {
      const t1 = i === n - 1 ? 1 : t0 + weights[i] / totalW;
      const end = i === n - 1 ? townships[l.b].roadNodes[0] : addNode(...at(t1));
      const interior: [number, number][] = [];
      if (!bridges[i]) {
        const k = rng.int(3);
        const pieceLen = (t1 - t0) * len;
        for (let j = 1; j <= k; j++) {
          const [x, y] = at(t0 + ((t1 - t0) * j) / (k + 1));
          const jit = rng.uniform(-0.04, 0.04) * pieceLen;
          interior.push([clampX(x + px * jit, 0.01), clampY(y + py * jit, 0.01)]);
        }
      }
      addSegment(prev, end, interior, l.cls, bridges[i], name);
      prev = end;
      t0 = t1;
    }
  });

  /** A short rural segment with 0–2 interior vertices. */
  const ruralInterior = (a: number, b: number): [number, number][] => {
    const k = rng.int(3);
    const ax = nodeX[a], ay = nodeY[a], bx = nodeX[b], by = nodeY[b];
    const len = dist(ax, ay, bx, by);
    const px = len > 0 ? -(by - ay) / len : 0, py = len > 0 ? (bx - ax) / len : 0;
    const out: [number, number][] = [];
    for (let j = 1; j <= k; j++) {
      const f = j / (k + 1);
      const o = rng.uniform(-0.15, 0.15) * len;
      out.push([clampX(ax + (bx - ax) * f + px * o, 0.01), clampY(ay + (by - ay) * f + py * o, 0.01)]);
    }
    return out;
  };

  // Rural links from each township seat to its villages, while the budget lasts.
  let remaining = nRoadEdges - segments.length;
  for (const t of townships) {
    for (let v = 1; v < t.points.length; v++) {
      const p = t.points[v];
      const len = dist(t.x, t.y, p.x, p.y);
      const n = len > 3 ? 2 : 1;
      if (n > remaining) continue;
      const vNode = addNode(p.x, p.y);
      let prev = t.roadNodes[0];
      for (let i = 0; i < n; i++) {
        const end = i === n - 1 ? vNode : addNode(clampX(t.x + (p.x - t.x) * 0.5 + rng.uniform(-0.3, 0.3)), clampY(t.y + (p.y - t.y) * 0.5 + rng.uniform(-0.3, 0.3)));
        const bridge = rng.chance(0.03);
        addSegment(prev, end, bridge ? [] : ruralInterior(prev, end), 'rural', bridge);
        prev = end;
      }
      t.roadNodes.push(vNode);
      remaining -= n;
    }
  }

  // Rural spurs: branching village roads, a few closing loops, exactly filling the budget.
  const spurCounts = apportion(
    remaining,
    townships.map((t) => (t.seat ? 1.4 : 1) * rng.uniform(0.6, 1.4)),
  );
  const spurReach = Math.max(6, 0.9 * townshipSpacing);
  townships.forEach((t, ti) => {
    let last = -1;
    for (let s = 0; s < spurCounts[ti]; s++) {
      const base = last >= 0 && rng.chance(0.5) ? last : rng.pick(t.roadNodes);
      const bx = nodeX[base], by = nodeY[base];
      const bridge = rng.chance(0.03);
      // Close a loop to a nearby node of the same township now and then.
      if (!bridge && t.roadNodes.length > 3 && rng.chance(0.08)) {
        const startK = rng.int(t.roadNodes.length);
        let target = -1;
        for (let j = 0; j < t.roadNodes.length; j++) {
          const c = t.roadNodes[(startK + j) % t.roadNodes.length];
          if (c === base || edgeKeys.has(edgeKey(base, c))) continue;
          const d = dist(bx, by, nodeX[c], nodeY[c]);
          if (d >= 0.5 && d <= 2.5) {
            target = c;
            break;
          }
        }
        if (target >= 0) {
          addSegment(base, target, ruralInterior(base, target), 'rural', false);
          continue;
        }
      }
      let [ux, uy] = rng.direction();
      const ox = bx - t.x, oy = by - t.y;
      const od = Math.sqrt(ox * ox + oy * oy);
      if (od > 0.1) {
        ux += (0.8 * ox) / od;
        uy += (0.8 * oy) / od;
        const ul = Math.sqrt(ux * ux + uy * uy) || 1;
        ux /= ul;
        uy /= ul;
      }
      const len = bridge ? rng.uniform(0.08, 0.4) : rng.uniform(0.6, 2.0);
      let nx = bx + ux * len, ny = by + uy * len;
      if (dist(nx, ny, t.x, t.y) > spurReach || nx !== clampX(nx) || ny !== clampY(ny)) {
        nx = bx - ux * len;
        ny = by - uy * len;
      }
      const node = addNode(clampX(nx), clampY(ny));
      addSegment(base, node, bridge ? [] : ruralInterior(base, node), 'rural', bridge);
      t.roadNodes.push(node);
      last = node;
    }
  });
  if (segments.length !== nRoadEdges) throw new Error(`generateProvince: internal error, ${segments.length} road segments instead of ${nRoadEdges}`);

  // ---- Cell sites ----
  const siteWeights = townships.map((t) => pow(t.population, 0.9));
  const minPerTownship = Math.min(3, Math.floor(nSites / nTownships));
  const extraSites = apportion(nSites - minPerTownship * nTownships, siteWeights);
  const siteCount = extraSites.map((e) => e + minPerTownship);
  const superCount = new Array<number>(nTownships).fill(0);
  let superLeft = Math.round(nSites * 0.02);
  for (let progress = true; superLeft > 0 && progress; ) {
    progress = false;
    for (const i of byPopulation) {
      if (superLeft === 0) break;
      if (superCount[i] < siteCount[i]) {
        superCount[i]++;
        superLeft--;
        progress = true;
      }
    }
  }
  const urbanRadius = (t: Township) => 0.5 + 0.6 * Math.sqrt(t.population / 10_000);
  const environmentOf = (t: Township, x: number, y: number): Environment => {
    const d = dist(x, y, t.x, t.y);
    const r = urbanRadius(t);
    if (t.population >= 50_000 && d <= 1.3 * r) return 'urban';
    if (t.population >= 8_000 && d <= 2 * r) return 'suburban';
    return 'rural';
  };
  const tWidth = idWidth(nTownships);
  const townshipId = (i: number) => `t-${pad(i + 1, tWidth)}`;
  const sWidth = idWidth(nSites);
  const siteFeatures: Feature<SiteProps>[] = [];
  const batteryHours: number[] = [];
  const siteStats = { super: 0, small: 0, macro: 0, with5g: 0, shared: 0, urban: 0, suburban: 0, rural: 0, fibre: 0, microwave: 0, satellite: 0 };
  townships.forEach((t, ti) => {
    const r = urbanRadius(t);
    for (let k = 0; k < siteCount[ti]; k++) {
      let x: number, y: number;
      const isSuper = k < superCount[ti];
      if (isSuper) [x, y] = around(rng, t.x, t.y, 0.05, 0.4);
      else {
        const u = rng.next();
        if (u < 0.55) [x, y] = around(rng, t.x, t.y, 0.1, 1.5 * r);
        else if (u < 0.85 || t.roadNodes.length === 0) {
          const p = t.points[1 + rng.int(t.points.length - 1)] ?? t.points[0];
          [x, y] = around(rng, p.x, p.y, 0.2, 1.5);
        } else {
          const node = rng.pick(t.roadNodes);
          [x, y] = around(rng, nodeX[node], nodeY[node], 0.1, 0.5);
        }
      }
      const env = environmentOf(t, x, y);
      const siteClass: SiteClass = isSuper ? 'super' : env === 'urban' && rng.chance(0.3) ? 'small' : 'macro';
      const { operators: ops, tech, loadKw, batteryKwh, generatorFuelHours: fuel } = siteEquipment(rng, siteClass, env);
      const backhaul = siteClass === 'macro' ? drawBackhaul(rng, MACRO_BACKHAUL[env]) : 'fibre';
      const id = `s-${pad(siteFeatures.length + 1, sWidth)}`;
      const props: SiteProps = {
        id,
        operators: ops,
        tech,
        siteClass,
        feeder: feederId(feederGrid.nearest(x, y)),
        batteryKwh,
        loadKw,
        ...(fuel > 0 ? { generatorFuelHours: fuel } : {}),
        backhaul,
        environment: env,
        township: townshipId(ti),
      };
      siteFeatures.push(pointFeature(toLonLat(x, y), props));
      batteryHours.push(batteryKwh / loadKw);
      siteStats[siteClass]++;
      siteStats[env]++;
      siteStats[backhaul]++;
      if (tech.includes('5G')) siteStats.with5g++;
      if (ops.length > 1) siteStats.shared++;
    }
  });

  // ---- Bases, landing zones, shelters ----
  const BASE_KINDS = ['emhq', 'fire', 'power', 'tower', 'cmcc', 'cucc', 'ctcc', 'transport'] as const;
  const BASE_NAMES: Record<(typeof BASE_KINDS)[number], string> = {
    emhq: '应急管理局',
    fire: '消防救援大队',
    power: '供电公司',
    tower: '铁塔办事处',
    cmcc: '移动分公司',
    cucc: '联通分公司',
    ctcc: '电信分公司',
    transport: '交通运输局',
  };
  const nBases = Math.max(BASE_KINDS.length, 2 * nCounties);
  const baseFeatures: Feature<PointOfInterestProps>[] = [];
  const bWidth = idWidth(nBases);
  for (let i = 0; i < nBases; i++) {
    // The capital hosts every kind; the other seats two each, kinds rotating.
    const seat = i < BASE_KINDS.length ? seatOf[0] : seatsByPopulation[1 + ((i - BASE_KINDS.length) % Math.max(1, seatsByPopulation.length - 1))] ?? seatOf[0];
    const kind = BASE_KINDS[i % BASE_KINDS.length];
    const t = townships[seat];
    const [x, y] = around(rng, t.x, t.y, 0.1, 1.2);
    baseFeatures.push(pointFeature(toLonLat(x, y), { id: `b-${pad(i + 1, bWidth)}`, nameZh: `${countyNameZh(t.county)}${BASE_NAMES[kind]}`, kind }));
  }
  const lzWidth = idWidth(nCounties);
  const lzFeatures = seatOf.map((ti, i) => {
    const t = townships[ti];
    const [x, y] = around(rng, t.x, t.y, 0.5, 2);
    return pointFeature(toLonLat(x, y), { id: `lz-${pad(i + 1, lzWidth)}`, nameZh: `${t.nameZh}直升机临时起降点`, kind: 'helicopter-landing-zone' });
  });
  const nShelters = 5 * nCounties;
  const shWidth = idWidth(nShelters);
  const shelterFeatures: Feature<PointOfInterestProps>[] = [];
  for (let i = 0; i < nShelters; i++) {
    const t = townships[byPopulation[i % byPopulation.length]];
    const first = i < byPopulation.length;
    const [x, y] = around(rng, t.x, t.y, first ? 0.2 : 0.5, first ? 1 : 2.5);
    shelterFeatures.push(pointFeature(toLonLat(x, y), { id: `sh-${pad(i + 1, shWidth)}`, nameZh: `${t.nameZh}${first ? '' : `${Math.floor(i / byPopulation.length) + 1}号`}集中安置点`, kind: 'shelter' }));
  }

  // ---- The hazard ----
  const capital = townships[seatOf[0]];
  const candidates = seatOf.slice(1).filter((i) => {
    const d = dist(townships[i].x, townships[i].y, capital.x, capital.y);
    return d >= 80 && d <= 220 && Math.abs(townships[i].x) < HALF_W - 60 && Math.abs(townships[i].y) < HALF_H - 60;
  });
  const epiTownship = candidates.length ? rng.pick(candidates) : seatOf.length > 1 ? seatOf[1] : seatOf[0];
  const epiSeat = townships[epiTownship];
  const [ex, ey] = around(rng, epiSeat.x, epiSeat.y, 6, 15);
  const epicenter = toLonLat(clampX(ex, 20), clampY(ey, 20));
  const strikeDeg = 300 + rng.int(21) - 10;
  const epiCountyZh = countyNameZh(epiSeat.county);
  const epiCountyEn = countyNameEn(epiSeat.county);

  // ---- Features ----
  const townshipFeatures = townships.map((t, i) =>
    pointFeature<TownshipProps>(toLonLat(t.x, t.y), {
      id: townshipId(i),
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      population: t.population,
      code: t.code,
      county: countyNameZh(t.county),
    }),
  );
  const pWidth = idWidth(nTownships * 3);
  let pCount = 0;
  const populationFeatures = townships.flatMap((t, i) =>
    t.points.map((p) => pointFeature<PopulationPointProps>(toLonLat(p.x, p.y), { id: `p-${pad(++pCount, pWidth)}`, township: townshipId(i), population: p.population })),
  );
  const substationFeatures = substations.map((s, i) =>
    pointFeature<SubstationProps>(toLonLat(s.x, s.y), { id: substationId(i), nameZh: s.nameZh, voltageKv: s.kv, hazusClass: s.hazusClass }),
  );
  const feederFeatures = feeders.map((f, i) => {
    const coords: LL[] = [];
    for (let k = 0; k < f.path.length; k += 2) coords.push(toLonLat(f.path[k], f.path[k + 1]));
    return lineFeature<FeederProps>(coords, { id: feederId(i), substation: substationId(f.substation), voltageKv: 10 });
  });
  const rWidth = idWidth(nRoadEdges);
  const roadStats = { national: 0, provincial: 0, county: 0, rural: 0, bridges: 0, flat: 0, hilly: 0, mountain: 0 };
  const roadFeatures = segments.map((s, i) => {
    const props: RoadProps = { id: `r-${pad(i + 1, rWidth)}`, roadClass: s.cls, terrain: s.terrain };
    if (s.bridge) props.bridge = true;
    if (s.name) props.nameZh = s.name;
    if (s.cls !== 'expressway') roadStats[s.cls]++;
    roadStats[s.terrain]++;
    if (s.bridge) roadStats.bridges++;
    return lineFeature(s.coords, props);
  });

  // ---- The scenario document ----
  const totalPopulation = townships.reduce((s, t) => s + t.population, 0);
  const voltageCounts = { '750': n750, '500': n500, '330': n330, '110': n110, '35': n35 };
  batteryHours.sort((a, b) => a - b);
  const q = (p: number) => batteryHoursQuantile(batteryHours, p);
  const opsOrgs: { org: 'cmcc' | 'cucc' | 'ctcc' | 'tower' | 'power'; share: number }[] = [
    { org: 'cmcc', share: 0.02 },
    { org: 'cucc', share: 0.01 },
    { org: 'ctcc', share: 0.01 },
    { org: 'tower', share: 0.015 },
    { org: 'power', share: 0.005 },
  ];
  const alarmText = {
    zh: `网管中心告警：${epiCountyZh}及周边大量基站出现“交流停电”“退服”告警，告警数量仍在上升。请核实受影响站点、评估蓄电池续航，并组织应急队伍和发电机出动。`,
    en: `Network operations centre: many sites in and around ${epiCountyEn} are raising mains-failure and out-of-service alarms, and the count is still rising. Confirm the affected sites, estimate battery endurance, and dispatch crews and generators.`,
  };
  const msel: InjectDoc[] = [
    {
      id: 'inj-001-quake-report',
      tSec: 0,
      to: 'emhq',
      text: {
        zh: `（演练用合成场景）地震台网自动测定：${epiCountyZh}附近（北纬${epicenter[1].toFixed(2)}度，东经${epicenter[0].toFixed(2)}度）发生7.0级地震，震源深度12公里。${epiCountyZh}县城及周边乡镇震感强烈。请启动应急响应。`,
        en: `(Synthetic exercise scenario) Automatic determination: an Ms 7.0 earthquake at ${epicenter[1].toFixed(2)}N ${epicenter[0].toFixed(2)}E near ${epiCountyEn}, depth 12 km. Strong shaking in the county seat and the surrounding townships. Activate the emergency response.`,
      },
    },
    ...(['cmcc', 'cucc', 'ctcc', 'tower'] as const).map((to) => ({ id: `inj-002-alarms-${to}`, tSec: 600, to, text: alarmText })),
    {
      id: 'inj-003-power-report',
      tSec: 21_600,
      to: 'emhq',
      text: {
        zh: `供电公司报告：震区多条330千伏、110千伏、35千伏及10千伏线路跳闸，${epiCountyZh}境内多座变电站停运，大量用户停电，正在组织抢修。请指挥部协调通信站点与抢修队伍的供电保障次序。`,
        en: `Power company report: several 330, 110, 35 and 10 kV lines in the quake zone tripped, several substations in ${epiCountyEn} are out and many customers are without power; repair crews are being organised. HQ to set the order in which communication sites and repair teams get supply.`,
      },
    },
  ];
  const synthetic = `synthetic, generated by ${PROVINCE_GENERATOR}`;
  const doc: ScenarioDocV1 = {
    format: SCENARIO_FORMAT_V1,
    name: { zh: '合成省级场景（基准测试用）', en: 'Synthetic province (benchmark)' },
    description: {
      zh: `程序生成的合成省级场景，用于性能基准与压力测试，不对应任何真实地区的设施。约600×450公里，中心位于东经${LON0}度、北纬${LAT0}度附近；${nCounties}个县、${nTownships}个乡镇、${nSites}个基站、${nSubstations}座变电站、${nRoadEdges}段道路。${epiCountyZh}附近发生7.0级地震（青藏地震区衰减关系）。`,
      en: `A generated synthetic province for benchmarks and load tests; no facility corresponds to a real one. About 600 × 450 km around ${LON0}E ${LAT0}N; ${nCounties} counties, ${nTownships} townships, ${nSites} cell sites, ${nSubstations} substations, ${nRoadEdges} road segments. An Ms 7.0 earthquake strikes near ${epiCountyEn} (Qinghai-Tibet attenuation zone).`,
    },
    seed,
    start: '2027-03-21T02:17:00+08:00',
    timeZone: 'Asia/Shanghai',
    durationHours: 72,
    layers: { ...PROVINCE_LAYER_PATHS },
    hazards: [
      {
        id: 'mainshock',
        type: 'earthquake',
        tSec: 0,
        epicenter,
        magnitude: 7.0,
        magnitudeType: 'Ms',
        depthKm: 12,
        strikeDeg,
        zone: 'qinghai-tibet',
      },
    ],
    resources: {
      generatorPools: opsOrgs.map(({ org, share }) => ({ id: `gp-${org}`, org, count: Math.max(2, Math.round(nSites * share)), fuelHours: 8, leadTimeSec: 7200 })),
      ...provinceForces(baseFeatures, options.teams ?? PROVINCE_DEFAULTS.teams, options.uavs ?? PROVINCE_DEFAULTS.uavs, toLonLat, townships[seatOf[0]]),
    },
    msel,
    targets: '../targets/2027-emergency-comms.json',
    settings: { kpiIntervalSec: 60, prioritySupplyForComms: false, emergencyRoaming: false, doctrineSeats: 'all' },
    metadata: {
      region: `合成省（虚构，不对应真实行政区），约600×450公里，中心东经${LON0}度、北纬${LAT0}度`,
      synthetic: true,
      generatedBy: `${PROVINCE_GENERATOR} generateProvince(${JSON.stringify({ seed, sites: nSites, substations: nSubstations, roadEdges: nRoadEdges, townships: nTownships })}); deterministic, PRNG mulberry32`,
      coordinates: `WGS84 [lon, lat], 5 decimals, from a local km plane: 111.32 km per degree of latitude and 111.32·cos(${LAT0}°) km per degree of longitude around ${LON0}E ${LAT0}N.`,
      sources: [
        {
          layer: 'townships',
          source: synthetic,
          estimated: true,
          note: `${nCounties} counties (one per ~15 townships) placed with a minimum spacing, denser along a synthetic WSW–ENE valley; the capital near the centre. Populations lognormal: county seats median 85,000 (σ 0.45), other townships median 13,000 (σ 0.6), capital 1.2–1.8 million. Codes start with 99, which is no real province code.`,
        },
        { layer: 'population', source: synthetic, estimated: true, note: 'Three points per township: the seat (45–90 % of the people) and two villages 1.5–8 km out; each township sums exactly to its total.' },
        {
          layer: 'sites',
          source: synthetic,
          estimated: true,
          note: 'Sites per township ∝ population^0.9 with at least 3; 2 % super sites (150 kWh, 72 h generator fuel, all operators, at the largest townships); 30 % of urban sites small cells. Loads and batteries as in the Jishishan scenario: 4G 1.3 kW per operator system, 5G 3.3–4.9 kW per system (China Tower analyses) (CMCC one, CUCC/CTCC one shared), 48 V strings of 300–500 Ah at 80 % depth of discharge, a quarter derated, clamped to about 2–12.5 h. Environment from distance to the township seat scaled by its population; rural backhaul 18 % microwave, 2 % satellite. Each site is on the nearest 10 kV feeder.',
        },
        {
          layer: 'substations',
          source: synthetic,
          estimated: true,
          note: 'Hierarchy: 750 and 500 kV out of town near large county seats, 330 kV near county seats, 110 kV at every county seat then the largest townships, 35 kV at the other townships. HAZUS classes: ≥ 220 kV high, 110 kV medium, 35 kV low; anchored share 75/60/45 % (assumption).',
        },
        { layer: 'feeders', source: synthetic, estimated: true, note: '10 kV feeders, 4–6 from each 110 kV and 2–3 from each 35 kV substation, towards the seats and villages of the nearest townships.' },
        {
          layer: 'roads',
          source: synthetic,
          estimated: true,
          note: 'Trunk roads on a spanning tree plus Gabriel-graph links between county seats (national between large seats and to the capital, else provincial), county roads the same way inside each county, rural roads to villages and branching village roads. Segments of 2–4 vertices; connected segments share exact end coordinates; links may cross without a junction. Terrain class from synthetic value noise, flatter in the valley; about 3 % of segments are short bridges.',
        },
        { layer: 'bases', source: synthetic, estimated: true, note: 'Every organisation at the capital; two offices at each other county seat, kinds rotating.' },
        { layer: 'landingZones', source: synthetic, estimated: true, note: 'One helicopter landing zone 0.5–2 km from each county seat.' },
        { layer: 'shelters', source: synthetic, estimated: true, note: 'Five per county on average, at the largest townships first.' },
        { layer: 'hazards', source: synthetic, estimated: true, note: 'One Ms 7.0 mainshock, depth 12 km, 6–15 km from a county seat 80–220 km from the capital; strike 290–310°; Qinghai-Tibet zone of GB 18306-2015.' },
      ],
      counts: {
        counties: nCounties,
        townships: nTownships,
        populationPoints: populationFeatures.length,
        sites: siteFeatures.length,
        substations: substationFeatures.length,
        feeders: feederFeatures.length,
        roads: roadFeatures.length,
        bases: baseFeatures.length,
        landingZones: lzFeatures.length,
        shelters: shelterFeatures.length,
      },
      totalPopulation,
      capital: { township: townshipId(seatOf[0]), population: capital.population },
      epicentreCounty: { zh: epiCountyZh, en: epiCountyEn, seatTownship: townshipId(epiTownship) },
      substationsByVoltageKv: voltageCounts,
      siteStats: { ...siteStats, batteryHours: { min: q(0), p10: q(0.1), median: q(0.5), p90: q(0.9), max: q(0.999) } },
      roadStats,
    },
  };

  return {
    'scenario.json': jsonText(doc),
    [PROVINCE_LAYER_PATHS.townships]: featureCollectionText(townshipFeatures),
    [PROVINCE_LAYER_PATHS.population]: featureCollectionText(populationFeatures),
    [PROVINCE_LAYER_PATHS.sites]: featureCollectionText(siteFeatures),
    [PROVINCE_LAYER_PATHS.substations]: featureCollectionText(substationFeatures),
    [PROVINCE_LAYER_PATHS.feeders]: featureCollectionText(feederFeatures),
    [PROVINCE_LAYER_PATHS.roads]: featureCollectionText(roadFeatures),
    [PROVINCE_LAYER_PATHS.bases]: featureCollectionText(baseFeatures),
    [PROVINCE_LAYER_PATHS.landingZones]: featureCollectionText(lzFeatures),
    [PROVINCE_LAYER_PATHS.shelters]: featureCollectionText(shelterFeatures),
  };
}

/**
 * Response forces for the benchmark: teams spread over the bases, each of its
 * base's organisation; the capital's teams are provincial (activated by the
 * HQ), the rest county teams active at T0. No random draws, so adding forces
 * never changes the rest of the generated province.
 */
function provinceForces(
  bases: Feature<PointOfInterestProps>[],
  nTeams: number,
  nUavs: number,
  toLonLat: (x: number, y: number) => LL,
  capital: { x: number; y: number },
): Pick<ResourcesDoc, 'teams' | 'uavs' | 'helicopters'> {
  const KIND_BY_ORG: Record<string, TeamDoc['kind']> = {
    emhq: 'commsTeam', fire: 'fireSquad', power: 'powerCrew', transport: 'roadCrew', tower: 'operatorCrew', cmcc: 'operatorCrew', cucc: 'operatorCrew', ctcc: 'operatorCrew',
  };
  const LOADOUT: Record<TeamDoc['kind'], TeamDoc['loadout']> = {
    commsTeam: { commsVehicles: 1, portableBaseStations: 2, vsat: 2, satPhones: 6, beidou: 6, tetheredUavs: 1, generators: 2, fuelHours: 8 },
    operatorCrew: { generators: 4, fuelHours: 8, spares: 2, vsat: 1, portableBaseStations: 1 },
    powerCrew: { generators: 2, fuelHours: 8 },
    roadCrew: {},
    fireSquad: { satPhones: 4, beidou: 4 },
  };
  const width = idWidth(nTeams);
  const teams: TeamDoc[] = [];
  for (let i = 0; i < nTeams; i++) {
    const base = bases[i % bases.length];
    const org = base.properties.kind as TeamDoc['org'];
    const kind = KIND_BY_ORG[org];
    const capitalTeam = i % bases.length < 8;
    teams.push({
      id: `team-${pad(i + 1, width)}`,
      nameZh: `${base.properties.nameZh}第${Math.floor(i / bases.length) + 1}队`,
      org,
      level: capitalTeam ? 'provincial' : 'county',
      kind,
      base: base.properties.id,
      activationDelaySec: capitalTeam ? 7200 : 1800,
      activeAtStart: !capitalTeam,
      crew: kind === 'commsTeam' ? 12 : 5,
      modes: kind === 'fireSquad' ? ['motorcycle', 'foot'] : kind === 'roadCrew' ? ['road'] : ['road', 'foot'],
      loadout: LOADOUT[kind],
    });
  }
  const uWidth = idWidth(nUavs);
  const uavs: UavDoc[] = [];
  for (let i = 0; i < nUavs; i++) {
    const large = i % 6 === 0;
    // Large platforms fly from airfields ~800 km away; medium ones from around the capital.
    const [x, y] = large ? [capital.x - 800 + (i % 3) * 50, capital.y - 300] : [capital.x + ((i % 5) - 2) * 40, capital.y + ((i % 3) - 1) * 40];
    uavs.push({ id: `uav-${pad(i + 1, uWidth)}`, org: 'emhq', class: large ? 'largeFixedWing' : 'mediumHelicopter', airfield: toLonLat(x, y) });
  }
  const helicopters: HelicopterDoc[] = [1, 2, 3, 4, 5].map((n) => ({ id: `heli-${n}`, org: 'emhq', capacity: 15 }));
  return { teams, uavs, helicopters };
}
