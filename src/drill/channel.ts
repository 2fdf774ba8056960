// A seat channel: what one terminal has been sent, and the next frame for it —
// the seat's view (drill/view.ts) as diffs of typed arrays against what it
// already has, so a frame carries only what changed. A host serves many
// channels from one drill; each receives only what its seat may see.
import type { GateResult } from '../model/commands.ts';
import type { WorldIndex } from '../model/context.ts';
import type { InjectDoc } from '../model/scenario-format.ts';
import { seesGroundTruth, type Seat } from '../model/seats.ts';
import type { SimState } from '../model/state.ts';
import type { World } from '../model/world.ts';
import type { KpiSeries } from '../scoring/kpis.ts';
import {
  cellView,
  deliveredInjects,
  scriptView,
  type ScriptView,
  KPI_IDS,
  kpiVisibleTo,
  logVisibleTo,
  poolVisibleTo,
  teamTaskView,
  updateLastTasks,
  writeGridView,
  writeKpis,
  writeRoadView,
  writeSiteView,
  writeTeamView,
  writeUavView,
  floodZoneCount,
  writeFloodView,
  type TeamTaskView,
  type VisibleCommand,
} from './view.ts';

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
  /** New injects delivered to the seat (tSec: when delivered). */
  injects: InjectDoc[];
  /** The script as the seat may know it: inject states (every inject for the control cell, upcoming own ones for a player unless no-notice), expected actions, stop time. */
  script: ScriptView;
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
  /** Per flood zone: the water level the seat knows (NaN: none known); see writeFloodView. */
  floodLevelsM: Float64Array;
}

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
    frame.floodLevelsM,
  ].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** Diff of one code table against what was sent; updates `sent`. */
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

/** What a channel reads of the drill: the world, its index, the state and the ground-truth KPI series. */
export interface DrillSource {
  world: World;
  index: WorldIndex;
  state: SimState;
  series: KpiSeries;
}

export class SeatChannel {
  // What the seat has been sent.
  private sentSites: Uint8Array;
  private sentFeeders: Uint8Array;
  private sentSubstations: Uint8Array;
  private sentRoads: Uint8Array;
  private sentLog = 0;
  private sentInjects = 0;
  private sentSamples = 0;
  private sentTask: Int32Array;
  private sentTaskStatus: string[];
  // Scratch buffers for the seat's current picture.
  private readonly nowSites: Uint8Array;
  private readonly nowFeeders: Uint8Array;
  private readonly nowSubstations: Uint8Array;
  private readonly nowRoads: Uint8Array;
  // Each team's latest task (kept up to date as tasks are appended).
  private readonly lastTask: Int32Array;
  private tasksScanned = 0;

  constructor(
    private readonly world: World,
    private seatNow: Seat,
  ) {
    const w = world;
    this.nowSites = new Uint8Array(w.sites.ids.length);
    this.nowFeeders = new Uint8Array(w.feeders.ids.length);
    this.nowSubstations = new Uint8Array(w.substations.ids.length);
    this.nowRoads = new Uint8Array(w.roads.ids.length);
    this.lastTask = new Int32Array(w.teams.length).fill(-1);
    this.sentSites = new Uint8Array(0);
    this.sentFeeders = new Uint8Array(0);
    this.sentSubstations = new Uint8Array(0);
    this.sentRoads = new Uint8Array(0);
    this.sentTask = new Int32Array(0);
    this.sentTaskStatus = [];
    this.resetSent();
  }

  get seat(): Seat {
    return this.seatNow;
  }

  /** Another seat on the same terminal: the next frame must be full. */
  setSeat(seat: Seat): void {
    this.seatNow = seat;
    this.resetSent();
  }

  private resetSent(): void {
    const w = this.world;
    this.sentSites = new Uint8Array(w.sites.ids.length).fill(255);
    this.sentFeeders = new Uint8Array(w.feeders.ids.length).fill(255);
    this.sentSubstations = new Uint8Array(w.substations.ids.length).fill(255);
    this.sentRoads = new Uint8Array(w.roads.ids.length).fill(255);
    this.sentTask = new Int32Array(w.teams.length).fill(-1);
    this.sentTaskStatus = new Array<string>(w.teams.length).fill('');
    this.sentLog = 0;
    this.sentInjects = 0;
    this.sentSamples = 0;
  }

  /** The next frame: everything (full) or what changed since the last one. */
  frame(source: DrillSource, full: boolean): Frame {
    const { world: w, index, state, series } = source;
    const seat = this.seatNow;
    if (full) this.resetSent();
    writeSiteView(w, state, seat, this.nowSites);
    writeGridView(state, seat, this.nowFeeders, this.nowSubstations);
    writeRoadView(state, seat, this.nowRoads);
    const sites = diff(this.nowSites, this.sentSites, full);
    const feeders = diff(this.nowFeeders, this.sentFeeders, full);
    const substations = diff(this.nowSubstations, this.sentSubstations, full);
    const roads = diff(this.nowRoads, this.sentRoads, full);
    const kpis = writeKpis(w, index, state, seat, new Float64Array(KPI_IDS.length));

    const stride = KPI_IDS.length + 1;
    const samples = series.tSec.length;
    const kpiSamples = new Float64Array((samples - this.sentSamples) * stride);
    for (let i = this.sentSamples; i < samples; i++) {
      const o = (i - this.sentSamples) * stride;
      kpiSamples[o] = series.tSec[i];
      for (let k = 0; k < KPI_IDS.length; k++) kpiSamples[o + 1 + k] = kpiVisibleTo(seat, KPI_IDS[k]) ? series[KPI_IDS[k]][i] : NaN;
    }
    this.sentSamples = samples;

    const log: VisibleCommand[] = [];
    for (; this.sentLog < state.commandLog.length; this.sentLog++) {
      const entry = state.commandLog[this.sentLog];
      if (logVisibleTo(seat, entry)) log.push({ ...entry, args: { ...entry.args }, result: { ...entry.result } as GateResult, index: this.sentLog });
    }
    const injects: InjectDoc[] = deliveredInjects(w, state, seat, this.sentInjects);
    this.sentInjects = state.drill.delivered.length;
    const reached = state.processedThroughSec;
    const poolsLeft = Int32Array.from(w.generatorPools, (p, i) => (poolVisibleTo(seat, p.org) ? state.generatorPoolsLeft[i] : -1));
    const pending = state.pendingCommands.filter((c) => seesGroundTruth(seat) || c.seat === seat).length;

    const tSec = Math.max(0, reached);
    const nTeams = w.teams.length;
    const teamXM = new Float64Array(nTeams), teamYM = new Float64Array(nTeams), teamStatus = new Uint8Array(nTeams);
    writeTeamView(w, index, state, seat, tSec, teamXM, teamYM, teamStatus);
    this.tasksScanned = updateLastTasks(state, this.tasksScanned, this.lastTask);
    const teamTasks: TeamTaskView[] = [];
    for (let team = 0; team < nTeams; team++) {
      const view = teamTaskView(w, state, seat, team, this.lastTask[team]);
      if (!view || (view.index === this.sentTask[team] && view.status === this.sentTaskStatus[team])) continue;
      this.sentTask[team] = view.index;
      this.sentTaskStatus[team] = view.status;
      teamTasks.push(view);
    }
    const uavs = new Float64Array(w.uavs.length * 3), uavStatus = new Uint8Array(w.uavs.length);
    writeUavView(state, uavs, uavStatus);
    const cells = cellView(w, state, seat);
    return {
      seat,
      tSec,
      full,
      // The end of the scenario, or the director's stop time.
      ended: reached >= w.durationSec || (state.drill.stopAtSec >= 0 && reached >= state.drill.stopAtSec),
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
      script: scriptView(w, state, seat),
      pending,
      teamXM,
      teamYM,
      teamStatus,
      teamTasks,
      uavs,
      uavStatus,
      cellXYR: cells.xyr,
      cellKind: cells.kind,
      floodLevelsM: writeFloodView(w, state, seat, tSec, new Float64Array(floodZoneCount(w))),
    };
  }
}
