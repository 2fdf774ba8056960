// Everything static the map needs, computed once when a scenario is loaded
// and sent to every terminal: metres, x east, y north, structure of arrays.
// Also the names of the status codes in frames and each seat's policy, so a
// terminal needs no engine code and never re-derives what a seat may do.
import { fieldIntensityAt } from '../hazards/field.ts';
import { makeProjection } from '../core/geo.ts';
import type { ElevationGridDoc, LocalizedText, UavPayload } from '../model/scenario-format.ts';
import { seatPolicy, SEATS, type SeatPolicy } from '../model/seats.ts';
import { OPERATORS, type GeneratorPool, type PointTable, type World } from '../model/world.ts';
import { poolSiteOperatorMask } from '../response/cmd-generator.ts';
import { REQUEST_KINDS, TASK_TYPES, taskSpec, tasksByTeamKind } from '../response/tasks.ts';
import { KPI_REPORTERS } from '../scoring/kpis.ts';
import { nameBook } from '../scoring/names.ts';
import { CELL_KINDS, GRID_VIEW_NAMES, ROAD_VIEW_NAMES, SITE_VIEW_NAMES, TEAM_VIEW_NAMES, UAV_VIEW_NAMES } from './view.ts';

/** Polylines flattened: line i is coords[2·offsets[i] .. 2·offsets[i+1]) as x,y pairs in metres. */
export interface Polylines {
  offsets: Int32Array;
  coords: Float64Array;
}

/** A coarse grid of the highest intensity felt, for drawing contours when a scenario has no isoseismals. */
export interface IntensityGrid {
  x0M: number;
  y0M: number;
  cellM: number;
  nx: number;
  ny: number;
  /** Row-major, ny rows of nx values. */
  values: Float32Array;
}

/** Ground elevation on a regular grid in the map's metres, for relief shading and flood depth. */
export interface TerrainGrid {
  /** Centre of the north-west cell. */
  x0M: number;
  y0M: number;
  /** Cell size east and south, metres. */
  cellXM: number;
  cellYM: number;
  cols: number;
  /** Rows run north to south. */
  rows: number;
  elevationM: Float32Array;
}

/**
 * A scripted flood as the map draws it: zone outlines (published hazard areas,
 * shown to every seat) and each zone's level before the flood and at its
 * height (for a tint where there is no elevation grid). The level now comes
 * in each seat's frames (floodLevelsM), as far as the seat knows it.
 */
export interface FloodGeometry {
  id: string;
  /** Onset, seconds after T0. */
  tSec: number;
  zones: { zoneId: string; rings: Polylines; baseM: number; peakM: number }[];
}

/** Everything static the map needs, sent once when a scenario is loaded. Metres, x east, y north. */
export interface MapGeometry extends Pick<World, 'scenarioId' | 'name' | 'sha256' | 'defaultSeed' | 'start' | 'timeZone' | 'durationSec' | 'kpiIntervalSec' | 'origin'> {
  /** [minX, minY, maxX, maxY] over every drawn feature. */
  bbox: [number, number, number, number];
  townships: { ids: string[]; nameZh: string[]; nameEn: string[]; xM: Float64Array; yM: Float64Array; population: Float64Array };
  sites: { ids: string[]; xM: Float64Array; yM: Float64Array; operatorMask: Uint8Array; siteClass: Uint8Array; has5g: Uint8Array; township: Int32Array; feeder: Int32Array; batteryKwh: Float64Array; loadKw: Float64Array };
  /** Names as the reports give them, like the teams'. */
  substations: { ids: string[]; nameZh: string[]; nameEn: string[]; xM: Float64Array; yM: Float64Array; voltageKv: Float64Array };
  feeders: { ids: string[]; substation: Int32Array; lines: Polylines };
  roads: { ids: string[]; roadClass: Uint8Array; bridge: Uint8Array; lines: Polylines };
  bases: PointTable;
  shelters: PointTable;
  landingZones: PointTable;
  earthquakes: { id: string; tSec: number; xM: number; yM: number; magnitude: number; magnitudeType: string; isoseismals: { intensity: number; rings: Polylines }[] }[];
  intensityGrid: IntensityGrid | null;
  /** The scenario's elevation grid, when it carries one (relief shading; water depth over floods). */
  terrain: TerrainGrid | null;
  /** Rivers (lines) and water bodies (rings), each part tagged with its feature; names in both languages. */
  rivers: { ids: string[]; nameZh: string[]; nameEn: string[]; kind: string[]; lines: Polylines; lineFeature: Int32Array; areas: Polylines; areaFeature: Int32Array };
  floods: FloodGeometry[];
  /** Generator pools; siteOperatorMask: the operators a site must carry for the pool to serve it (0: any). */
  pools: (GeneratorPool & { siteOperatorMask: number })[];
  /** KPIs in KPI_IDS order; headline: position among the scoreboard's first figures (0: under "more"). */
  kpis: { id: string; unit: string; description: string; headline: number }[];
  /** Response teams, in world order (their state arrives in frames), named as the reports name them (scoring/names.ts nameBook): the scenario's own names, else composed. */
  teams: { ids: string[]; nameZh: string[]; nameEn: string[]; org: string[]; kind: string[]; level: string[]; base: Int32Array; activeAtStart: Uint8Array };
  /** Names as the reports give them, like the teams'. */
  uavs: { ids: string[]; nameZh: string[]; nameEn: string[]; uavClass: string[]; org: string[]; payload: UavPayload[] };
  /** Tasks each kind of team does, and what each task's target is (site, road, township, substation or siteOrTownship). */
  taskTypesByKind: Record<string, readonly string[]>;
  taskTarget: Record<string, string>;
  /** Names of the status codes in frames (SITE_VIEW, GRID_VIEW, ...), so the page needs no engine code. */
  siteViewNames: readonly string[];
  gridViewNames: readonly string[];
  roadViewNames: readonly string[];
  /** TEAM_STATUS names; a code of 255 means the team is hidden from the seat. */
  teamStatusNames: readonly string[];
  uavStatusNames: readonly string[];
  cellKinds: readonly string[];
  /** Every seat and what it may do and see, in seat order: the console asks this instead of re-deriving it. */
  seats: SeatPolicy[];
  /** Telecom operators, in the order of the bits of operatorMask. */
  operators: readonly string[];
  /** Kinds of support a department may request. */
  requestKinds: readonly string[];
}

function flatten(lines: Float64Array[]): Polylines {
  const offsets = new Int32Array(lines.length + 1);
  let n = 0;
  lines.forEach((line, i) => {
    n += line.length / 2;
    offsets[i + 1] = n;
  });
  const coords = new Float64Array(n * 2);
  lines.forEach((line, i) => coords.set(line, offsets[i] * 2));
  return { offsets, coords };
}

function bboxOf(world: World): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const add = (x: number, y: number) => {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  };
  for (const t of [world.townships, world.sites, world.substations, world.population]) for (let i = 0; i < t.ids.length; i++) add(t.xM[i], t.yM[i]);
  for (const path of [...world.roads.pathM, ...world.feeders.pathM]) for (let i = 0; i < path.length; i += 2) add(path[i], path[i + 1]);
  if (minX > maxX) return [-1000, -1000, 1000, 1000];
  return [minX, minY, maxX, maxY];
}

/** Highest intensity over all shocks on a grid of about 80 × 80 cells covering the bbox (only when no isoseismals are given). */
function intensityGrid(world: World, bbox: [number, number, number, number]): IntensityGrid | null {
  if (world.earthquakes.length === 0 || world.earthquakes.every((eq) => eq.isoseismals.length > 0)) return null;
  const [minX, minY, maxX, maxY] = bbox;
  const cellM = Math.max(250, Math.max(maxX - minX, maxY - minY) / 80);
  const nx = Math.ceil((maxX - minX) / cellM) + 3, ny = Math.ceil((maxY - minY) / cellM) + 3;
  const x0M = minX - cellM, y0M = minY - cellM;
  const values = new Float32Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      let v = 0;
      for (const eq of world.earthquakes) if (eq.isoseismals.length === 0) v = Math.max(v, fieldIntensityAt(eq, x0M + i * cellM, y0M + j * cellM));
      values[j * nx + i] = v;
    }
  }
  return { x0M, y0M, cellM, nx, ny, values };
}

/** An elevation grid document in the map's metres (same projection as the loader's). */
export function terrainGrid(grid: ElevationGridDoc, origin: { lon: number; lat: number }): TerrainGrid {
  const proj = makeProjection(origin.lon, origin.lat);
  const [x0M, y0M] = proj.toXY(grid.originLon, grid.originLat);
  const [x1] = proj.toXY(grid.originLon + grid.cellDeg, grid.originLat);
  const [, y1] = proj.toXY(grid.originLon, grid.originLat - grid.cellDeg);
  return { x0M, y0M, cellXM: x1 - x0M, cellYM: y0M - y1, cols: grid.cols, rows: grid.rows, elevationM: Float32Array.from(grid.elevationM) };
}

/**
 * `extras.elevationGrid`: the scenario's elevation grid document (the host
 * reads it from the scenario's files; the engine keeps only what it samples).
 */
export function mapGeometry(world: World, extras: { elevationGrid?: ElevationGridDoc | null } = {}): MapGeometry {
  const bbox = bboxOf(world);
  const { townships: t, sites: s, substations: ss } = world;
  // Teams, UAVs and substations are named as the after-action report names them, so the console and the report agree.
  const names = nameBook(world);
  return {
    scenarioId: world.scenarioId,
    name: world.name,
    sha256: world.sha256,
    defaultSeed: world.defaultSeed,
    start: world.start,
    timeZone: world.timeZone,
    durationSec: world.durationSec,
    kpiIntervalSec: world.kpiIntervalSec,
    origin: world.origin,
    bbox,
    townships: { ids: t.ids, nameZh: t.nameZh, nameEn: t.nameEn, xM: t.xM, yM: t.yM, population: t.population },
    sites: { ids: s.ids, xM: s.xM, yM: s.yM, operatorMask: s.operatorMask, siteClass: s.siteClass, has5g: s.has5g, township: s.township, feeder: s.feeder, batteryKwh: s.batteryKwh, loadKw: s.loadKw },
    substations: { ids: ss.ids, nameZh: ss.ids.map((id) => names[id].zh), nameEn: ss.ids.map((id) => names[id].en), xM: ss.xM, yM: ss.yM, voltageKv: ss.voltageKv },
    feeders: { ids: world.feeders.ids, substation: world.feeders.substation, lines: flatten(world.feeders.pathM) },
    roads: { ids: world.roads.ids, roadClass: world.roads.roadClass, bridge: world.roads.bridge, lines: flatten(world.roads.pathM) },
    bases: world.bases,
    shelters: world.shelters,
    landingZones: world.landingZones,
    earthquakes: world.earthquakes.map((eq) => ({
      id: eq.id,
      tSec: eq.tSec,
      xM: eq.xM,
      yM: eq.yM,
      magnitude: eq.magnitude,
      magnitudeType: eq.magnitudeType,
      isoseismals: eq.isoseismals.map((iso) => ({ intensity: iso.intensity, rings: flatten(iso.polygon.rings) })),
    })),
    intensityGrid: intensityGrid(world, bbox),
    terrain: extras.elevationGrid ? terrainGrid(extras.elevationGrid, world.origin) : null,
    rivers: {
      ids: world.rivers.ids,
      nameZh: world.rivers.nameZh,
      nameEn: world.rivers.nameEn,
      kind: world.rivers.kind,
      lines: flatten(world.rivers.linesM),
      lineFeature: world.rivers.lineFeature,
      areas: flatten(world.rivers.ringsM),
      areaFeature: world.rivers.ringFeature,
    },
    floods: world.floods.map((f) => ({
      id: f.id,
      tSec: f.tSec,
      zones: f.zones.map((z) => ({ zoneId: z.zoneId, rings: flatten(z.polygon.flatMap((p) => p.rings)), baseM: z.levelsM[0], peakM: Math.max(...z.levelsM) })),
    })),
    pools: world.generatorPools.map((p) => ({ ...p, siteOperatorMask: poolSiteOperatorMask(p) })),
    kpis: KPI_REPORTERS.map((k) => ({ id: k.id, unit: k.unit, description: k.description, headline: k.headline ?? 0 })),
    teams: {
      ids: world.teams.map((t) => t.id),
      nameZh: world.teams.map((t) => names[t.id].zh),
      nameEn: world.teams.map((t) => names[t.id].en),
      org: world.teams.map((t) => t.org),
      kind: world.teams.map((t) => t.kind),
      level: world.teams.map((t) => t.level),
      base: Int32Array.from(world.teams, (t) => t.base),
      activeAtStart: Uint8Array.from(world.teams, (t) => (t.activeAtStart ? 1 : 0)),
    },
    uavs: { ids: world.uavs.map((u) => u.id), nameZh: world.uavs.map((u) => names[u.id].zh), nameEn: world.uavs.map((u) => names[u.id].en), uavClass: world.uavs.map((u) => u.class), org: world.uavs.map((u) => u.org), payload: world.uavs.map((u) => u.payload) },
    taskTypesByKind: tasksByTeamKind(),
    taskTarget: Object.fromEntries(TASK_TYPES.map((type) => [type, taskSpec(type).target])),
    siteViewNames: SITE_VIEW_NAMES,
    gridViewNames: GRID_VIEW_NAMES,
    roadViewNames: ROAD_VIEW_NAMES,
    teamStatusNames: TEAM_VIEW_NAMES,
    uavStatusNames: UAV_VIEW_NAMES,
    cellKinds: CELL_KINDS,
    seats: SEATS.map(seatPolicy),
    operators: OPERATORS,
    requestKinds: REQUEST_KINDS,
  };
}
