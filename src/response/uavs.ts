// UAV platforms in the drill: a deployment request plans the whole sortie
// (airspace approval, preparation, weather, transit, time on station, return)
// with planSortie; the platform's emergency cell is on while it is on station
// (a reconnaissance-only payload opens none: it only sees the roads beneath it).
// A recall ends the time on station early.
import { scheduleEvent, type Ctx } from '../model/context.ts';
import { NEVER, UAV_STATUS } from '../model/state.ts';
import { openCell, setCellOn } from '../infra/cells.ts';
import { observeRoad } from '../infra/roads.ts';
import { footprintRadiusM, planSortie, type SortieResult } from './uav.ts';
import type { UavPayload } from '../model/scenario-format.ts';

/** Emergency UAV base stations broadcast all three operators' networks (Wing Loong-2H: "3 operators"). */
const ALL_OPERATORS = 0b111;

/** What a payload does, read by the sortie, the support requests, the doctrine and the KPIs. */
export interface UavPayloadSpec {
  /**
   * It carries a public-network base station: an emergency cell is on while it is on station, its sorties
   * answer a department's request for a UAV and count in the UAV-on-station time (uavRequests, uavRequestsServed),
   * and the doctrine sends it where people need coverage. Without: it only shows the roads beneath it, and the
   * doctrine sends it where they are least known (doctrine.ts sendUavs).
   */
  readonly coverage: boolean;
}

export const UAV_PAYLOADS: Readonly<Record<UavPayload, UavPayloadSpec>> = {
  baseStation: { coverage: true },
  // Dingri 2025: the Wing Loong-2H flew with electro-optical and radar payloads for reconnaissance only.
  reconnaissance: { coverage: false },
};

/** A UAV's index by its id; -1 when no UAV has it. */
export const uavIndex = (ctx: Ctx, id: unknown): number => ctx.world.uavs.findIndex((u) => u.id === id);

/** The payload spec of a UAV by index. */
export const payloadOf = (ctx: Ctx, uav: number): UavPayloadSpec => UAV_PAYLOADS[ctx.world.uavs[uav].payload];

export function planUavSortie(ctx: Ctx, uav: number, targetXM: number, targetYM: number): SortieResult {
  const spec = ctx.world.uavs[uav];
  return planSortie({
    platformClass: spec.class,
    baseXM: spec.airfieldXM,
    baseYM: spec.airfieldYM,
    targetXM,
    targetYM,
    requestSec: ctx.state.clockSec,
    greenChannel: ctx.world.settings.airspaceGreenChannel,
    readiness: spec.readiness,
    weather: ctx.world.weather,
    // A tethered platform rides its vehicle from its base; reachability is the team layer's concern.
    vehicleArrivalSec: spec.class === 'tethered' ? ctx.state.clockSec : undefined,
  }, ctx.world.params.uav);
}

export function launchUav(ctx: Ctx, uav: number, targetXM: number, targetYM: number): void {
  const plan = planUavSortie(ctx, uav, targetXM, targetYM);
  if (!plan.ok) return;
  const st = ctx.state.uavs;
  st.status[uav] = UAV_STATUS.AWAITING_APPROVAL;
  st.requestedAtSec[uav] = ctx.state.clockSec;
  st.onStationAtSec[uav] = plan.onStationSec;
  st.leaveAtSec[uav] = plan.leaveStationSec;
  st.targetXM[uav] = targetXM;
  st.targetYM[uav] = targetYM;
  if (payloadOf(ctx, uav).coverage) ctx.state.uavSortiesOrdered++;
  const epoch = ++st.epoch[uav];
  scheduleEvent(ctx, plan.onStationSec, 'uavOnStation', { uav, epoch });
  scheduleEvent(ctx, plan.leaveStationSec, 'uavLeaves', { uav, epoch });
  scheduleEvent(ctx, plan.landSec, 'uavLands', { uav, epoch });
}

export function onUavOnStation(ctx: Ctx, data: { uav: number; epoch: number }): void {
  const st = ctx.state.uavs;
  if (st.epoch[data.uav] !== data.epoch) return;
  const spec = ctx.world.uavs[data.uav];
  st.status[data.uav] = UAV_STATUS.ON_STATION;
  if (payloadOf(ctx, data.uav).coverage) ctx.state.uavSortiesOnStation++;
  // Reconnaissance: the aircraft sees the roads under its footprint. Every payload does this (a
  // base-station sortie carries a camera too); a reconnaissance payload does nothing else. Its sensors' swath
  // is taken as the class's coverage footprint, a simplification (assumption).
  const radiusM = footprintRadiusM(spec.class, {}, ctx.world.params.uav);
  const { roads } = ctx.world;
  for (let r = 0; r < roads.ids.length; r++) {
    const dx = roads.midXM[r] - st.targetXM[data.uav], dy = roads.midYM[r] - st.targetYM[data.uav];
    if (dx * dx + dy * dy <= radiusM * radiusM) observeRoad(ctx, r);
  }
  if (!payloadOf(ctx, data.uav).coverage) return;
  st.cell[data.uav] = openCell(ctx, {
    id: `uav-${spec.id}-${ctx.state.cells.length + 1}`,
    kind: 'uav',
    xM: st.targetXM[data.uav],
    yM: st.targetYM[data.uav],
    radiusM: footprintRadiusM(spec.class, {}, ctx.world.params.uav),
    operatorMask: ALL_OPERATORS,
    by: spec.id,
  });
}

function leaveStation(ctx: Ctx, uav: number): void {
  const st = ctx.state.uavs;
  if (st.cell[uav] >= 0) setCellOn(ctx, st.cell[uav], false);
  st.cell[uav] = -1;
  st.status[uav] = UAV_STATUS.RETURNING;
}

export function onUavLeaves(ctx: Ctx, data: { uav: number; epoch: number }): void {
  if (ctx.state.uavs.epoch[data.uav] !== data.epoch) return;
  leaveStation(ctx, data.uav);
}

export function onUavLands(ctx: Ctx, data: { uav: number; epoch: number }): void {
  const st = ctx.state.uavs;
  if (st.epoch[data.uav] !== data.epoch) return;
  st.status[data.uav] = UAV_STATUS.READY;
}

/** Recall: off station now (or the sortie is called off before it gets there), back at base after the transit. */
export function recallUav(ctx: Ctx, uav: number): void {
  const st = ctx.state.uavs;
  const spec = ctx.world.uavs[uav];
  const wasOnStation = st.status[uav] === UAV_STATUS.ON_STATION;
  leaveStation(ctx, uav);
  const epoch = ++st.epoch[uav];
  st.leaveAtSec[uav] = ctx.state.clockSec;
  // Flying back takes the outbound transit; a sortie still on the ground is simply stood down.
  const plan = wasOnStation ? planUavSortie(ctx, uav, st.targetXM[uav], st.targetYM[uav]) : null;
  const backSec = plan && plan.ok && spec.class !== 'tethered' ? plan.transitSec : 0;
  scheduleEvent(ctx, ctx.state.clockSec + backSec, 'uavLands', { uav, epoch });
  if (!wasOnStation) st.onStationAtSec[uav] = NEVER;
}
