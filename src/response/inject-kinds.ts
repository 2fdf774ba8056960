// What the director can inject during a drill (authorInject), one spec per
// kind: a message to a seat, or an event in the twin. Each event kind uses
// the hazard and infrastructure modules' own physics (an aftershock strikes
// through the earthquake's damage model, a flood stage change through the
// flood's exposures), so an injected event behaves like a scripted one. A new
// kind is one entry here plus its names in scoring/i18n.ts INJECT_KIND_NAMES.
import { makeProjection } from '../core/geo.ts';
import type { ArgKind } from '../model/commands.ts';
import type { Ctx } from '../model/context.ts';
import type { ReasonCode } from '../model/reasons.ts';
import type { LocalizedText } from '../model/scenario-format.ts';
import { NEVER } from '../model/state.ts';
import { onAftershock } from '../hazards/earthquake-damage.ts';
import { applyFloodLevels } from '../hazards/flood-effects.ts';
import { setSubstationInService } from '../infra/power.ts';
import { blockRoad, cutFibre } from '../infra/roads.ts';
import { refreshSite } from '../infra/sites.ts';
import { scheduleEvent } from '../model/context.ts';

/** Bounds of a number, in JSON Schema's words. */
export interface ArgRange {
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  unit: string;
}

export function rangeProblem(range: ArgRange, v: number): string | null {
  const { minimum, exclusiveMinimum, maximum, unit } = range;
  if ((minimum !== undefined && v < minimum) || (exclusiveMinimum !== undefined && v <= exclusiveMinimum) || (maximum !== undefined && v > maximum)) {
    const low = minimum !== undefined ? `${minimum}` : `more than ${exclusiveMinimum}`;
    return `${v} is not valid, expected ${low} to ${maximum} ${unit}`;
  }
  return null;
}

export interface InjectKindSpec {
  /** The kind's own arguments of authorInject ('?' = optional). */
  args: Record<string, ArgKind>;
  /** Bounds of numeric arguments, checked with the command's shape (and stated in the published command schema). */
  ranges?: Record<string, ArgRange>;
  /** Why it cannot be injected in this drill (an unknown target, no such hazard), or null. */
  legality(ctx: Ctx, args: Record<string, unknown>): ReasonCode | null;
  /** What it does to the twin when delivered. */
  effect(ctx: Ctx, args: Record<string, unknown>, injectId: string): void;
  /** The announcement when the director wrote none. */
  describe(args: Record<string, unknown>): LocalizedText;
}

/** Extensive damage (HAZUS DS3): the equipment needs repair, not just power. */
const FAILED_DAMAGE_STATE = 3;
const AFTERSHOCK_MAGNITUDE = { min: 3, max: 8 } as const;

const idIn = (ids: readonly string[], v: unknown) => typeof v === 'string' && ids.includes(v);

function floodZone(ctx: Ctx, zoneId: unknown): { flood: number; zone: number } | null {
  for (let f = 0; f < ctx.world.floods.length; f++) {
    const z = ctx.world.floods[f].zones.findIndex((zone) => zone.zoneId === zoneId);
    if (z >= 0) return { flood: f, zone: z };
  }
  return null;
}

const message: InjectKindSpec = {
  args: {},
  legality: () => null,
  effect: () => {},
  describe: () => ({ zh: '导演部消息', en: 'Message from exercise control' }),
};

const aftershock: InjectKindSpec = {
  args: { magnitude: 'number', at: 'position' },
  ranges: { magnitude: { minimum: AFTERSHOCK_MAGNITUDE.min, maximum: AFTERSHOCK_MAGNITUDE.max, unit: 'Ms' } },
  // An aftershock keeps a mainshock's attenuation zone and strike: a scenario without an earthquake has none to give.
  legality: (ctx) => (ctx.world.earthquakes.length === 0 ? 'noSuchHazard' : null),
  effect(ctx, args, injectId) {
    const [lon, lat] = args.at as [number, number];
    const [xM, yM] = makeProjection(ctx.world.origin.lon, ctx.world.origin.lat).toXY(lon, lat);
    ctx.state.aftershocks.push({ quake: 0, tSec: ctx.state.clockSec, ms: args.magnitude as number, xM, yM, inject: injectId });
    onAftershock(ctx, { index: ctx.state.aftershocks.length - 1 });
  },
  describe: (args) => ({ zh: `${args.magnitude}级余震`, en: `Ms ${args.magnitude} aftershock` }),
};

const landslide: InjectKindSpec = {
  args: { roadId: 'id', 'cutsFibre?': 'boolean' },
  legality: (ctx, args) => (idIn(ctx.world.roads.ids, args.roadId) ? null : 'unknownTarget'),
  effect(ctx, args) {
    const r = ctx.world.roads.ids.indexOf(args.roadId as string);
    if (r < 0) return; // checked when authored; a restored snapshot is checked too, this is the last guard
    // The players' picture of the road stays as it was until a team or a UAV sees it.
    blockRoad(ctx, r);
    if (args.cutsFibre === true) cutFibre(ctx, r);
  },
  describe: (args) => ({ zh: `新的滑坡阻断道路 ${args.roadId}`, en: `A new landslide blocks road ${args.roadId}` }),
};

const floodStage: InjectKindSpec = {
  args: { zoneId: 'id', levelM: 'number' },
  legality: (ctx, args) => (ctx.world.floods.length === 0 ? 'noSuchHazard' : floodZone(ctx, args.zoneId) ? null : 'unknownTarget'),
  effect(ctx, args) {
    const where = floodZone(ctx, args.zoneId);
    if (!where) return;
    const overrides = ctx.state.floodOverrides.filter((o) => !(o.flood === where.flood && o.zone === where.zone));
    ctx.state.floodOverrides = [...overrides, { ...where, levelM: args.levelM as number }];
    applyFloodLevels(ctx, where.flood);
  },
  describe: (args) => ({ zh: `淹没区 ${args.zoneId} 水位变为 ${args.levelM} 米`, en: `Water level in zone ${args.zoneId} now ${args.levelM} m` }),
};

const siteFailure: InjectKindSpec = {
  args: { siteId: 'id' },
  legality: (ctx, args) => (idIn(ctx.world.sites.ids, args.siteId) ? null : 'unknownSite'),
  effect(ctx, args) {
    const s = ctx.world.sites.ids.indexOf(args.siteId as string);
    if (s < 0 || ctx.state.sites.damageState[s] >= FAILED_DAMAGE_STATE) return;
    ctx.state.sites.damageState[s] = FAILED_DAMAGE_STATE;
    refreshSite(ctx, s);
  },
  describe: (args) => ({ zh: `站点 ${args.siteId} 设备故障`, en: `Equipment failure at site ${args.siteId}` }),
};

const substationFailure: InjectKindSpec = {
  args: { substationId: 'id', 'outHours?': 'number' },
  ranges: { outHours: { exclusiveMinimum: 0, maximum: 24 * 365, unit: 'hours' } },
  legality: (ctx, args) => (idIn(ctx.world.substations.ids, args.substationId) ? null : 'unknownTarget'),
  effect(ctx, args) {
    const ss = ctx.world.substations.ids.indexOf(args.substationId as string);
    if (ss < 0) return;
    const subs = ctx.state.substations;
    const hours = typeof args.outHours === 'number' ? args.outHours : ctx.world.params.fragility.SUBSTATION_RESTORATION_DAYS[FAILED_DAMAGE_STATE - 1].meanDays * 24;
    const backAt = ctx.state.clockSec + Math.max(1, Math.round(hours * 3600));
    subs.damageState[ss] = Math.max(subs.damageState[ss], FAILED_DAMAGE_STATE);
    // A later restore time wins; an earlier one would bring it back before the failure's repair.
    if (subs.restoreAtSec[ss] === NEVER || backAt > subs.restoreAtSec[ss]) {
      subs.restoreAtSec[ss] = backAt;
      scheduleEvent(ctx, backAt, 'substationRestored', { substation: ss });
    }
    setSubstationInService(ctx, ss, false);
  },
  describe: (args) => ({ zh: `变电站 ${args.substationId} 故障停运`, en: `Substation ${args.substationId} fails` }),
};

export const INJECT_KINDS: Record<string, InjectKindSpec> = { message, aftershock, landslide, floodStage, siteFailure, substationFailure };
export const INJECT_KIND_NAMES = Object.keys(INJECT_KINDS);
