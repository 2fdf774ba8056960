// The page's copy of what the current seat sees, kept up to date by applying
// the worker's frames (diffs of typed arrays). Nothing here simulates.
import type { TeamTaskView, VisibleCommand } from '../src/drill/view.ts';
import type { InjectDoc } from '../src/model/scenario-format.ts';
import type { SeatPolicy } from '../src/model/seats.ts';
import type { Frame } from '../src/drill/channel.ts';
import type { MapGeometry } from '../src/drill/geometry.ts';

/** A seat's policy as the host sent it with the geometry (the page never re-derives it). */
export function seatPolicyOf(geometry: MapGeometry, seat: string): SeatPolicy {
  const policy = geometry.seats.find((p) => p.seat === seat);
  if (!policy) throw new Error(`not a seat: ${seat}`);
  return policy;
}

export interface FrameChanges {
  /** Sites that went off air / came back, by the seat's picture. */
  wentDown: number;
  cameUp: number;
  mainsAlarms: number;
  feedersDown: number;
  feedersUp: number;
  substationsDown: number;
  substationsUp: number;
  /** Road segments newly blocked or flooded. */
  roadsCut: number;
  roadsReopened: number;
  log: VisibleCommand[];
  injects: InjectDoc[];
  /** Teams whose latest task is new or changed status (empty in a full frame). */
  teamTasks: TeamTaskView[];
  /** UAV footprints or emergency cells appeared or went away. */
  areasChanged: boolean;
  full: boolean;
}

/** Status code of a team the seat does not see. */
export const TEAM_HIDDEN = 255;

export class Picture {
  readonly siteCodes: Uint8Array;
  readonly feederCodes: Uint8Array;
  readonly substationCodes: Uint8Array;
  readonly roadCodes: Uint8Array;
  kpis: Float64Array;
  /** KPI samples [tSec, ...values] in one growing buffer. */
  samples: Float64Array;
  sampleCount = 0;
  readonly stride: number;
  poolsLeft: Int32Array = new Int32Array(0);
  log: VisibleCommand[] = [];
  injects: InjectDoc[] = [];
  tSec = 0;
  ended = false;
  pending = 0;
  seat = 'director';
  /** Per team, from the latest frame: position (NaN when hidden), status code, latest task. */
  teamXM: Float64Array;
  teamYM: Float64Array;
  teamStatus: Uint8Array;
  readonly teamTasks: (TeamTaskView | null)[];
  /** Per UAV: x, y, footprint radius; and status. */
  uavs: Float64Array;
  uavStatus: Uint8Array;
  /** Emergency cells on air that the seat sees: x, y, radius; kind. */
  cellXYR: Float64Array = new Float64Array(0);
  cellKind: Uint8Array = new Uint8Array(0);
  /** Per flood zone, the water level the seat knows (NaN: none). */
  floodLevelsM: Float64Array = new Float64Array(0);
  private readonly isDown: boolean[];
  private readonly isAlarm: boolean[];
  private readonly gridDown: number;
  private readonly gridUp: number;

  constructor(readonly geometry: MapGeometry) {
    this.siteCodes = new Uint8Array(geometry.sites.ids.length);
    this.feederCodes = new Uint8Array(geometry.feeders.ids.length);
    this.substationCodes = new Uint8Array(geometry.substations.ids.length);
    this.roadCodes = new Uint8Array(geometry.roads.ids.length);
    this.stride = geometry.kpis.length + 1;
    this.kpis = new Float64Array(geometry.kpis.length).fill(NaN);
    this.samples = new Float64Array(this.stride * 256);
    this.isDown = geometry.siteViewNames.map((n) => n.startsWith('down'));
    this.isAlarm = geometry.siteViewNames.map((n) => n === 'upMainsAlarm' || n === 'upBattery' || n === 'upGenerator');
    this.gridDown = geometry.gridViewNames.indexOf('down');
    this.gridUp = geometry.gridViewNames.indexOf('up');
    const nTeams = geometry.teams.ids.length;
    this.teamXM = new Float64Array(nTeams).fill(NaN);
    this.teamYM = new Float64Array(nTeams).fill(NaN);
    this.teamStatus = new Uint8Array(nTeams).fill(TEAM_HIDDEN);
    this.teamTasks = new Array<TeamTaskView | null>(nTeams).fill(null);
    this.uavs = new Float64Array(geometry.uavs.ids.length * 3).fill(NaN);
    this.uavStatus = new Uint8Array(geometry.uavs.ids.length);
  }

  teamStatusName(team: number): string {
    const code = this.teamStatus[team];
    return code === TEAM_HIDDEN ? 'hidden' : (this.geometry.teamStatusNames[code] ?? 'unknown');
  }

  siteStatusName(site: number): string {
    return this.geometry.siteViewNames[this.siteCodes[site]] ?? 'unknown';
  }

  apply(frame: Frame): FrameChanges {
    const changes: FrameChanges = {
      wentDown: 0,
      cameUp: 0,
      mainsAlarms: 0,
      feedersDown: 0,
      feedersUp: 0,
      substationsDown: 0,
      substationsUp: 0,
      roadsCut: 0,
      roadsReopened: 0,
      log: frame.log,
      injects: frame.injects,
      teamTasks: frame.full ? [] : frame.teamTasks,
      areasChanged: frame.full || !sameValues(this.uavs, frame.uavs) || !sameValues(this.uavStatus, frame.uavStatus) || !sameValues(this.cellXYR, frame.cellXYR),
      full: frame.full,
    };
    const { siteIdx, siteCode } = frame;
    const codes = this.siteCodes;
    for (let i = 0; i < siteIdx.length; i++) {
      const s = siteIdx[i];
      const before = codes[s];
      const after = siteCode[i];
      codes[s] = after;
      if (frame.full) continue;
      const wasDown = this.isDown[before], isDown = this.isDown[after];
      if (!wasDown && isDown) changes.wentDown++;
      else if (wasDown && !isDown) changes.cameUp++;
      if (!isDown && this.isAlarm[after] && !this.isAlarm[before]) changes.mainsAlarms++;
    }
    for (let i = 0; i < frame.feederIdx.length; i++) {
      const f = frame.feederIdx[i];
      const before = this.feederCodes[f];
      this.feederCodes[f] = frame.feederCode[i];
      if (frame.full || before === frame.feederCode[i]) continue;
      if (frame.feederCode[i] === this.gridDown) changes.feedersDown++;
      else if (frame.feederCode[i] === this.gridUp) changes.feedersUp++;
    }
    for (let i = 0; i < frame.substationIdx.length; i++) {
      const ss = frame.substationIdx[i];
      const before = this.substationCodes[ss];
      this.substationCodes[ss] = frame.substationCode[i];
      if (frame.full || before === frame.substationCode[i]) continue;
      if (frame.substationCode[i] === this.gridDown) changes.substationsDown++;
      else if (frame.substationCode[i] === this.gridUp) changes.substationsUp++;
    }
    const roadNames = this.geometry.roadViewNames;
    const cut = (code: number) => roadNames[code] === 'blocked' || roadNames[code] === 'flooded';
    for (let i = 0; i < frame.roadIdx.length; i++) {
      const r = frame.roadIdx[i];
      const before = this.roadCodes[r];
      this.roadCodes[r] = frame.roadCode[i];
      if (frame.full) continue;
      if (!cut(before) && cut(frame.roadCode[i])) changes.roadsCut++;
      else if (cut(before) && !cut(frame.roadCode[i])) changes.roadsReopened++;
    }
    this.kpis = frame.kpis;
    if (frame.full) this.sampleCount = 0;
    this.appendSamples(frame.kpiSamples);
    this.poolsLeft = frame.poolsLeft;
    if (frame.full) {
      this.log = [];
      this.injects = [];
    }
    // A loop, not push(...): a drill of 200,000 commands arrives in one frame, past the engine's argument limit.
    for (const entry of frame.log) this.log.push(entry);
    for (const inject of frame.injects) this.injects.push(inject);
    this.teamXM = frame.teamXM;
    this.teamYM = frame.teamYM;
    this.teamStatus = frame.teamStatus;
    if (frame.full) this.teamTasks.fill(null);
    for (const task of frame.teamTasks) this.teamTasks[task.team] = task;
    this.uavs = frame.uavs;
    this.uavStatus = frame.uavStatus;
    this.cellXYR = frame.cellXYR;
    this.cellKind = frame.cellKind;
    this.floodLevelsM = frame.floodLevelsM;
    this.tSec = frame.tSec;
    this.ended = frame.ended;
    this.pending = frame.pending;
    this.seat = frame.seat;
    return changes;
  }

  private appendSamples(incoming: Float64Array): void {
    const need = (this.sampleCount * this.stride) + incoming.length;
    if (need > this.samples.length) {
      const grown = new Float64Array(Math.max(need, this.samples.length * 2));
      grown.set(this.samples.subarray(0, this.sampleCount * this.stride));
      this.samples = grown;
    }
    this.samples.set(incoming, this.sampleCount * this.stride);
    this.sampleCount += incoming.length / this.stride;
  }

  /** Value of KPI k in sample i. */
  sample(i: number, k: number): number {
    return this.samples[i * this.stride + 1 + k];
  }

  sampleT(i: number): number {
    return this.samples[i * this.stride];
  }
}

/** Same length and values (NaN equals NaN). */
function sameValues(a: Float64Array | Uint8Array, b: Float64Array | Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}
