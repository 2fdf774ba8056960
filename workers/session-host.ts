// An interactive drill session around one Sim: load a scenario, start it,
// advance it as the clock of the exercise runs, take commands from the seats,
// and hand the view what changed as structure-of-arrays typed buffers (diffs
// against what was last sent), to be transferred, not cloned, to the page.
//
// A command submitted live applies at the start of the next simulated second
// (processedThroughSec + 1). That is the whole trick that makes a live drill
// and a headless replay of its log identical: the live session and
// runScenario submit the same commands for the same seconds, so the same
// changes happen in the same order, and the state hashes agree.
//
// The same host runs in the browser's Web Worker (browser-worker.ts) and in
// Node (tests), so both run exactly the code the CLI runs.
import {
  CELL_KINDS,
  cellView,
  GRID_VIEW_NAMES,
  ROAD_VIEW_NAMES,
  writeRoadView,
  injectVisibleTo,
  SITE_VIEW_NAMES,
  KPI_IDS,
  TEAM_VIEW_NAMES,
  teamTaskView,
  UAV_VIEW_NAMES,
  updateLastTasks,
  writeTeamView,
  writeUavView,
  kpiVisibleTo,
  logVisibleTo,
  poolVisibleTo,
  writeGridView,
  writeKpis,
  writeSiteView,
  type TeamTaskView,
  type VisibleCommand,
} from '../src/drill/view.ts';
import { isSeat, seatPolicy, SEATS, seesGroundTruth, type Seat, type SeatPolicy } from '../src/model/seats.ts';
import { OPERATORS } from '../src/model/world.ts';
import type { WorldIndex } from '../src/model/context.ts';
import { HASH_INTERVAL_SEC } from '../src/engine/run.ts';
import { buildWorldIndex, ENGINE_VERSION, Sim } from '../src/engine/sim.ts';
import { fieldIntensityAt } from '../src/hazards/field.ts';
import { commandShapeError } from '../src/response/commands.ts';
import { type Command, type GateResult } from '../src/model/commands.ts';
import { REQUEST_KINDS, TASK_TYPES, taskSpec, tasksByTeamKind } from '../src/response/tasks.ts';
import type { InjectDoc, LocalizedText } from '../src/model/scenario-format.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import { formatProblem } from '../src/scenario/problems.ts';
import type { GeneratorPool, PointTable, World } from '../src/model/world.ts';
import { KPI_REPORTERS } from '../src/scoring/kpis.ts';

export const DRILL_FORMAT = 'drilltwin/drill@1';

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

/** Everything static the map needs, sent once when a scenario is loaded. Metres, x east, y north. */
export interface MapGeometry {
  scenarioId: string;
  name: LocalizedText;
  sha256: string;
  defaultSeed: number;
  start: string;
  timeZone: string;
  durationSec: number;
  kpiIntervalSec: number;
  origin: { lon: number; lat: number };
  /** [minX, minY, maxX, maxY] over every drawn feature. */
  bbox: [number, number, number, number];
  townships: { ids: string[]; nameZh: string[]; nameEn: string[]; xM: Float64Array; yM: Float64Array; population: Float64Array };
  sites: { ids: string[]; xM: Float64Array; yM: Float64Array; operatorMask: Uint8Array; siteClass: Uint8Array; has5g: Uint8Array; township: Int32Array; feeder: Int32Array; batteryKwh: Float64Array; loadKw: Float64Array };
  substations: { ids: string[]; nameZh: string[]; xM: Float64Array; yM: Float64Array; voltageKv: Float64Array };
  feeders: { ids: string[]; substation: Int32Array; lines: Polylines };
  roads: { ids: string[]; roadClass: Uint8Array; bridge: Uint8Array; lines: Polylines };
  bases: PointTable;
  shelters: PointTable;
  landingZones: PointTable;
  earthquakes: { id: string; tSec: number; xM: number; yM: number; magnitude: number; magnitudeType: string; isoseismals: { intensity: number; rings: Polylines }[] }[];
  intensityGrid: IntensityGrid | null;
  pools: GeneratorPool[];
  kpis: { id: string; unit: string; description: string }[];
  /** Response teams, in world order (their state arrives in frames). */
  teams: { ids: string[]; nameZh: string[]; org: string[]; kind: string[]; level: string[]; base: Int32Array; activeAtStart: Uint8Array };
  uavs: { ids: string[]; nameZh: string[]; uavClass: string[]; org: string[] };
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

/** What changed since the last frame, for one seat. Every typed array is its own buffer, for transfer. */
export interface Frame {
  seat: Seat;
  tSec: number;
  /** Every site, feeder and substation is listed (after start, a seat change or a seek); otherwise only changes. */
  full: boolean;
  ended: boolean;
  siteIdx: Int32Array;
  siteCode: Uint8Array;
  feederIdx: Int32Array;
  feederCode: Uint8Array;
  substationIdx: Int32Array;
  substationCode: Uint8Array;
  roadIdx: Int32Array;
  roadCode: Uint8Array;
  /** Now, in KPI_IDS order; NaN where hidden from the seat. */
  kpis: Float64Array;
  /** KPI samples on the fixed grid since the last frame: [tSec, ...KPI_IDS values] per sample, NaN where hidden. */
  kpiSamples: Float64Array;
  poolsLeft: Int32Array;
  /** New command-log entries the seat may see. */
  log: VisibleCommand[];
  /** New injects delivered to the seat. */
  injects: InjectDoc[];
  /** Commands submitted by this seat and not yet due. */
  pending: number;
  /** Per team, in world order, at tSec: position (NaN when hidden from the seat) and TEAM_STATUS (255 when hidden). */
  teamXM: Float64Array;
  teamYM: Float64Array;
  teamStatus: Uint8Array;
  /** Teams whose latest task is new or changed status since the last frame (every team with one, in a full frame). */
  teamTasks: TeamTaskView[];
  /** Per UAV: x, y of its station (NaN on the ground) and footprint radius (0 unless on station); and its status. */
  uavs: Float64Array;
  uavStatus: Uint8Array;
  /** Emergency cells on air that the seat sees: x, y, radius per cell, and kind (index into cellKinds). */
  cellXYR: Float64Array;
  cellKind: Uint8Array;
}

export interface DrillFile {
  format: typeof DRILL_FORMAT;
  engineVersion: string;
  scenario: { id: string; sha256: string };
  seed: number;
  /** Simulated time the drill had reached when saved. */
  reachedSec: number;
  /** Every command submitted by people, in submission order. */
  commands: Command[];
  /** Seats the doctrine responder played (its commands are regenerated on replay, not stored). */
  doctrineSeats: string[];
  /** Hourly state hashes, for checking a replay. */
  stateHashes: { tSec: number; hash: string }[];
  /** State hash at reachedSec. */
  stateHash: string;
}

export type LoadAnswer = { ok: true; geometry: MapGeometry } | { ok: false; problems: string[] };
export type SubmitAnswer = { ok: true; tSec: number } | { ok: false; error: string };

export function frameTransferables(frame: Frame): ArrayBuffer[] {
  return [
    frame.siteIdx,
    frame.siteCode,
    frame.feederIdx,
    frame.feederCode,
    frame.substationIdx,
    frame.substationCode,
    frame.roadIdx,
    frame.roadCode,
    frame.kpis,
    frame.kpiSamples,
    frame.poolsLeft,
    frame.teamXM,
    frame.teamYM,
    frame.teamStatus,
    frame.uavs,
    frame.uavStatus,
    frame.cellXYR,
    frame.cellKind,
  ].map(
    (a) => a.buffer as ArrayBuffer,
  );
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

export function mapGeometry(world: World): MapGeometry {
  const bbox = bboxOf(world);
  const { townships: t, sites: s, substations: ss } = world;
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
    substations: { ids: ss.ids, nameZh: ss.nameZh, xM: ss.xM, yM: ss.yM, voltageKv: ss.voltageKv },
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
    pools: world.generatorPools.map((p) => ({ ...p })),
    kpis: KPI_REPORTERS.map((k) => ({ id: k.id, unit: k.unit, description: k.description })),
    teams: {
      ids: world.teams.map((t) => t.id),
      nameZh: world.teams.map((t) => t.nameZh),
      org: world.teams.map((t) => t.org),
      kind: world.teams.map((t) => t.kind),
      level: world.teams.map((t) => t.level),
      base: Int32Array.from(world.teams, (t) => t.base),
      activeAtStart: Uint8Array.from(world.teams, (t) => (t.activeAtStart ? 1 : 0)),
    },
    uavs: { ids: world.uavs.map((u) => u.id), nameZh: world.uavs.map((u) => u.nameZh), uavClass: world.uavs.map((u) => u.class), org: world.uavs.map((u) => u.org) },
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

function nextMultiple(after: number, step: number): number {
  return (Math.floor(after / step) + 1) * step;
}

/** Checks a parsed drill file's shape; returns messages naming the field, or []. */
export function drillFileProblems(value: unknown): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['the file is not a JSON object, expected a drilltwin drill file'];
  const d = value as Record<string, unknown>;
  const problems: string[] = [];
  if (d.format !== DRILL_FORMAT) problems.push(`format: ${JSON.stringify(d.format)} is not a drill file format, expected "${DRILL_FORMAT}"`);
  const sc = d.scenario as Record<string, unknown> | undefined;
  if (!sc || typeof sc.id !== 'string' || typeof sc.sha256 !== 'string') problems.push('scenario: expected {id, sha256}');
  if (typeof d.seed !== 'number' || !Number.isInteger(d.seed)) problems.push(`seed: ${JSON.stringify(d.seed)} is not an integer`);
  if (d.doctrineSeats !== undefined && !(Array.isArray(d.doctrineSeats) && d.doctrineSeats.every(isSeat))) problems.push('doctrineSeats: expected a list of seats');
  if (!Array.isArray(d.commands)) problems.push('commands: expected an array');
  else
    d.commands.forEach((c, i) => {
      const shape = commandShapeError(c);
      if (shape) problems.push(`commands/${i}: ${shape}`);
    });
  return problems;
}

export function createSessionHost() {
  let world: World | null = null;
  let index: WorldIndex | null = null;
  let sim: Sim | null = null;
  let seed = 0;
  let seat: Seat = 'director';
  let mode: 'live' | 'replay' = 'live';
  /** Every command submitted (live) or loaded (replay), in submission order. */
  let submitted: Command[] = [];
  /** Ground-truth KPI samples: [tSec, ...values] per sample. */
  let series: number[] = [];
  let stateHashes: { tSec: number; hash: string }[] = [];
  // What the current seat has been sent.
  let sentSites = new Uint8Array(0);
  let sentFeeders = new Uint8Array(0);
  let sentSubstations = new Uint8Array(0);
  let sentRoads = new Uint8Array(0);
  let sentLog = 0;
  let sentInjects = 0;
  let sentSamples = 0;
  // Scratch buffers for the seat's current picture.
  let nowSites = new Uint8Array(0);
  let nowFeeders = new Uint8Array(0);
  let nowSubstations = new Uint8Array(0);
  let nowRoads = new Uint8Array(0);
  // Each team's latest task (kept up to date as tasks are appended), and what was sent of it.
  let lastTask = new Int32Array(0);
  let tasksScanned = 0;
  let sentTask = new Int32Array(0);
  let sentTaskStatus: string[] = [];

  const stride = KPI_IDS.length + 1;

  function need<T>(value: T | null, what: string): T {
    if (value === null) throw new Error(`no ${what}: ${what === 'scenario' ? 'call load() first' : 'call start() first'}`);
    return value;
  }

  function resetSent(): void {
    const w = need(world, 'scenario');
    sentSites = new Uint8Array(w.sites.ids.length).fill(255);
    sentFeeders = new Uint8Array(w.feeders.ids.length).fill(255);
    sentSubstations = new Uint8Array(w.substations.ids.length).fill(255);
    sentRoads = new Uint8Array(w.roads.ids.length).fill(255);
    sentTask = new Int32Array(w.teams.length).fill(-1);
    sentTaskStatus = new Array<string>(w.teams.length).fill('');
    sentLog = 0;
    sentInjects = 0;
    sentSamples = 0;
  }

  function begin(newSeed: number, commands: Command[], doctrineSeats: string[]): void {
    const w = need(world, 'scenario');
    seed = newSeed;
    sim = Sim.create(w, seed, need(index, 'scenario'), doctrineSeats);
    submitted = [];
    for (const cmd of commands) {
      const result = sim.submit(cmd);
      if ('error' in result) throw new Error(`command ${submitted.length}: ${result.error}`);
      submitted.push({ tSec: cmd.tSec, seat: cmd.seat, type: cmd.type, args: { ...cmd.args } });
    }
    series = [];
    stateHashes = [];
    nowSites = new Uint8Array(w.sites.ids.length);
    nowFeeders = new Uint8Array(w.feeders.ids.length);
    nowSubstations = new Uint8Array(w.substations.ids.length);
    nowRoads = new Uint8Array(w.roads.ids.length);
    lastTask = new Int32Array(w.teams.length).fill(-1);
    tasksScanned = 0;
    resetSent();
  }

  /** Runs the sim to `target`, sampling KPIs and hashing on the same grid as runScenario. */
  function runTo(target: number): void {
    const s = need(sim, 'drill');
    const w = s.world;
    const interval = w.kpiIntervalSec;
    let t = s.state.processedThroughSec;
    const ctx = s.ctx;
    while (t < target) {
      const stop = Math.min(t < 0 ? 0 : nextMultiple(t, interval), t < 0 ? 0 : nextMultiple(t, HASH_INTERVAL_SEC), target);
      s.advanceTo(stop);
      t = stop;
      if (t % interval === 0) {
        series.push(t);
        for (const k of KPI_REPORTERS) series.push(k.read(ctx));
      }
      if (t % HASH_INTERVAL_SEC === 0) stateHashes.push({ tSec: t, hash: s.hash() });
    }
  }

  function diff(now: Uint8Array, sent: Uint8Array, full: boolean): { idx: Int32Array; code: Uint8Array } {
    let n = 0;
    for (let i = 0; i < now.length; i++) if (full || now[i] !== sent[i]) n++;
    const idx = new Int32Array(n);
    const code = new Uint8Array(n);
    let k = 0;
    for (let i = 0; i < now.length; i++) {
      if (full || now[i] !== sent[i]) {
        idx[k] = i;
        code[k++] = now[i];
        sent[i] = now[i];
      }
    }
    return { idx, code };
  }

  function frame(full: boolean): Frame {
    const s = need(sim, 'drill');
    const w = s.world;
    const state = s.state;
    if (full) resetSent();
    writeSiteView(w, state, seat, nowSites);
    writeGridView(state, seat, nowFeeders, nowSubstations);
    writeRoadView(state, seat, nowRoads);
    const sites = diff(nowSites, sentSites, full);
    const feeders = diff(nowFeeders, sentFeeders, full);
    const substations = diff(nowSubstations, sentSubstations, full);
    const roads = diff(nowRoads, sentRoads, full);
    const kpis = writeKpis(w, need(index, 'scenario'), state, seat, new Float64Array(KPI_IDS.length));

    const samples = (series.length / stride) | 0;
    const kpiSamples = new Float64Array((samples - sentSamples) * stride);
    for (let i = sentSamples; i < samples; i++) {
      const o = (i - sentSamples) * stride;
      kpiSamples[o] = series[i * stride];
      for (let k = 0; k < KPI_IDS.length; k++) kpiSamples[o + 1 + k] = kpiVisibleTo(seat, KPI_IDS[k]) ? series[i * stride + 1 + k] : NaN;
    }
    sentSamples = samples;

    const log: VisibleCommand[] = [];
    for (; sentLog < state.commandLog.length; sentLog++) {
      const entry = state.commandLog[sentLog];
      if (logVisibleTo(seat, entry)) log.push({ ...entry, args: { ...entry.args }, result: { ...entry.result } as GateResult, index: sentLog });
    }
    const injects: InjectDoc[] = [];
    const reached = state.processedThroughSec;
    for (; sentInjects < w.msel.length && w.msel[sentInjects].tSec <= reached; sentInjects++) {
      const inj = w.msel[sentInjects];
      if (injectVisibleTo(seat, inj)) injects.push(inj);
    }
    const poolsLeft = Int32Array.from(w.generatorPools, (p, i) => (poolVisibleTo(seat, p.org) ? state.generatorPoolsLeft[i] : -1));
    const pending = state.pendingCommands.filter((c) => seesGroundTruth(seat) || c.seat === seat).length;

    const tSec = Math.max(0, reached);
    const nTeams = w.teams.length;
    const teamXM = new Float64Array(nTeams), teamYM = new Float64Array(nTeams), teamStatus = new Uint8Array(nTeams);
    writeTeamView(w, s.ctx.index, state, seat, tSec, teamXM, teamYM, teamStatus);
    tasksScanned = updateLastTasks(state, tasksScanned, lastTask);
    const teamTasks: TeamTaskView[] = [];
    for (let team = 0; team < nTeams; team++) {
      const view = teamTaskView(w, state, seat, team, lastTask[team]);
      if (!view || (view.index === sentTask[team] && view.status === sentTaskStatus[team])) continue;
      sentTask[team] = view.index;
      sentTaskStatus[team] = view.status;
      teamTasks.push(view);
    }
    const uavs = new Float64Array(w.uavs.length * 3), uavStatus = new Uint8Array(w.uavs.length);
    writeUavView(state, uavs, uavStatus);
    const cells = cellView(w, state, seat);
    return {
      seat,
      tSec,
      full,
      ended: reached >= w.durationSec,
      siteIdx: sites.idx,
      siteCode: sites.code,
      feederIdx: feeders.idx,
      feederCode: feeders.code,
      substationIdx: substations.idx,
      substationCode: substations.code,
      roadIdx: roads.idx,
      roadCode: roads.code,
      kpis,
      kpiSamples,
      poolsLeft,
      log,
      injects,
      pending,
      teamXM,
      teamYM,
      teamStatus,
      teamTasks,
      uavs,
      uavStatus,
      cellXYR: cells.xyr,
      cellKind: cells.kind,
    };
  }

  return {
    /** Loads a scenario from its file texts (paths relative to the scenario folder); geometry is sent once, here. */
    load(scenarioId: string, texts: Record<string, string>): LoadAnswer {
      let result;
      try {
        result = loadScenario(memoryScenarioFiles(scenarioId, texts));
      } catch (err) {
        return { ok: false, problems: [`scenario.json: could not be loaded (${(err as Error).message})`] };
      }
      if (!result.ok) return { ok: false, problems: result.problems.map(formatProblem) };
      world = result.world;
      index = buildWorldIndex(world);
      sim = null;
      return { ok: true, geometry: mapGeometry(world) };
    },

    /**
     * Starts a live drill from T0 (nothing processed yet); returns the full
     * first frame. The doctrine responder plays `doctrineSeats`; by default the
     * scenario's seats except the one taken here by a person.
     */
    start(newSeed?: number, startSeat?: Seat, doctrineSeats?: string[]): Frame {
      const w = need(world, 'scenario');
      if (startSeat !== undefined) this.setSeat(startSeat);
      mode = 'live';
      begin(newSeed ?? w.defaultSeed, [], doctrineSeats ?? w.settings.doctrineSeats.filter((s) => s !== seat));
      return frame(true);
    },

    /** Switches the seat the frames are computed for; returns a full frame. */
    setSeat(newSeat: Seat): Frame | null {
      if (!isSeat(newSeat)) throw new Error(`not a seat: ${String(newSeat)}, expected one of ${SEATS.join(', ')}`);
      seat = newSeat;
      return sim ? frame(true) : null;
    },

    /** Advances to toSec (clamped to the scenario's end) and returns what changed. */
    advance(toSec: number): Frame {
      const s = need(sim, 'drill');
      const target = Math.min(Math.floor(toSec), s.world.durationSec);
      if (target > s.state.processedThroughSec) runTo(target);
      return frame(false);
    },

    /** Moves to any time of a replayed drill, backwards by replaying from T0; returns a full frame. */
    seek(toSec: number): Frame {
      const s = need(sim, 'drill');
      const target = Math.max(0, Math.min(Math.floor(toSec), s.world.durationSec));
      if (target < s.state.processedThroughSec) {
        if (mode !== 'replay') throw new Error('a live drill cannot go back in time; save it and load it as a replay');
        begin(seed, submitted, s.state.doctrineSeats);
      }
      runTo(target);
      return frame(true);
    },

    /** Queues a command for the next simulated second. The gate's verdict arrives in a later frame's log. */
    submit(cmd: { seat?: string; type: string; args: Record<string, unknown> }): SubmitAnswer {
      const s = need(sim, 'drill');
      if (mode === 'replay') return { ok: false, error: 'replaying a saved drill: its command log is fixed' };
      const tSec = s.state.processedThroughSec + 1;
      if (tSec > s.world.durationSec) return { ok: false, error: 'the drill has ended' };
      const command: Command = { tSec, seat: cmd.seat ?? seat, type: cmd.type, args: { ...cmd.args } };
      const result = s.submit(command);
      if ('error' in result) return { ok: false, error: result.error };
      submitted.push(command);
      return { ok: true, tSec };
    },

    /** Scenario reference, seed and command log: everything needed to replay the drill. */
    getLog(): DrillFile {
      const s = need(sim, 'drill');
      return {
        format: DRILL_FORMAT,
        engineVersion: ENGINE_VERSION,
        scenario: { id: s.world.scenarioId, sha256: s.world.sha256 },
        seed,
        reachedSec: Math.max(0, s.state.processedThroughSec),
        commands: submitted.map((c) => ({ ...c, args: { ...c.args } })),
        doctrineSeats: [...s.state.doctrineSeats],
        stateHashes: stateHashes.slice(),
        stateHash: s.hash(),
      };
    },

    /** Loads a saved drill for replay (its scenario must be loaded); returns the first frame or the problems. */
    loadDrill(file: unknown): { ok: true; frame: Frame; reachedSec: number } | { ok: false; problems: string[] } {
      const w = need(world, 'scenario');
      const problems = drillFileProblems(file);
      if (problems.length) return { ok: false, problems };
      const drill = file as DrillFile;
      if (drill.scenario.sha256 !== w.sha256) {
        return { ok: false, problems: [`scenario.sha256: the drill was recorded on a different version of ${drill.scenario.id} (sha256 ${drill.scenario.sha256.slice(0, 12)}…, loaded ${w.sha256.slice(0, 12)}…)`] };
      }
      mode = 'replay';
      begin(drill.seed, [...drill.commands].sort((a, b) => a.tSec - b.tSec), Array.isArray(drill.doctrineSeats) ? drill.doctrineSeats : w.settings.doctrineSeats);
      runTo(0);
      return { ok: true, frame: frame(true), reachedSec: typeof drill.reachedSec === 'number' ? drill.reachedSec : w.durationSec };
    },

    /** Canonical state hash now (at the end of a run: the finalStateHash of `drilltwin run`). */
    finalHash(): string {
      return need(sim, 'drill').hash();
    },

    /** Details of one site as the current seat may know them, for the info panel. */
    siteDetail(s: number): Record<string, number | string | boolean> | null {
      const sm = need(sim, 'drill');
      const w = sm.world;
      if (!(s >= 0 && s < w.sites.ids.length)) return null;
      const detail: Record<string, number | string | boolean> = { id: w.sites.ids[s] };
      if (seesGroundTruth(seat)) {
        const st = sm.state.sites;
        detail.damageState = st.damageState[s];
        detail.maxIntensity = Math.round(st.maxIntensity[s] * 10) / 10;
        detail.batteryKwh = Math.round(st.batteryKwh[s] * 10) / 10;
        detail.batteryHoursLeft = Math.round((st.batteryKwh[s] / w.sites.loadKw[s]) * 10) / 10;
        detail.fuelHoursLeft = Math.round((st.fuelSec[s] / 3600) * 10) / 10;
        detail.hasGenerator = st.hasGenerator[s] === 1;
        detail.generatorInbound = st.generatorInbound[s] === 1;
        detail.feederEnergised = sm.state.feeders.energised[w.sites.feeder[s]] === 1;
      }
      return detail;
    },

    info(): { mode: 'live' | 'replay'; seat: Seat; seed: number; tSec: number; started: boolean; doctrineSeats: string[] } {
      return { mode, seat, seed, tSec: sim ? Math.max(0, sim.state.processedThroughSec) : 0, started: sim !== null, doctrineSeats: sim ? [...sim.state.doctrineSeats] : [] };
    },
  };
}

export type SessionHost = ReturnType<typeof createSessionHost>;
