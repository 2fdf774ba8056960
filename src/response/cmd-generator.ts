// hookGenerator: send a portable generator from a pool to a site. Until
// teams and routing carry it (the response layer), it arrives after the
// pool's fixed lead time, an assumption stated in the scenario.
import { scheduleEvent } from '../model/context.ts';
import { SITE_DESTROYED_DAMAGE_STATE } from '../model/state.ts';
import { OPERATORS } from '../model/world.ts';
import type { CommandSpec } from '../model/commands.ts';
import type { ReasonCode } from '../model/reasons.ts';
import { binarySearch } from './lookup.ts';

const poolIndex = (ctx: Parameters<CommandSpec['legality']>[0], id: unknown) => ctx.world.generatorPools.findIndex((p) => p.id === id);

/** The operators a site must carry for a pool to serve it (an operator's pool: that operator's sites; 0: any site). */
export function poolSiteOperatorMask(pool: { org: string }): number {
  const opIndex = OPERATORS.indexOf(pool.org as never);
  return opIndex >= 0 ? 1 << opIndex : 0;
}

/**
 * Why a generator brought to site `s` would be pointless, or null: the site
 * has a standby generator of its own (super base stations do: refuel that
 * one), or a portable one is already on its way or hooked up there. Shared by
 * the pool command and the team task, so both refuse alike.
 */
export function generatorBlocker(ctx: Parameters<CommandSpec['legality']>[0], s: number): ReasonCode | null {
  if (ctx.world.sites.generatorFuelHours[s] > 0) return 'siteHasOwnGenerator';
  if (ctx.state.sites.generatorInbound[s] || ctx.state.sites.hasGenerator[s]) return 'generatorAlreadyThere';
  return null;
}

const hookGenerator: CommandSpec = {
  args: { siteId: 'id', poolId: 'id' },
  allowed: (org, args, ctx) => ctx.world.generatorPools[poolIndex(ctx, args.poolId)]?.org === org,
  legality(ctx, args) {
    const s = binarySearch(ctx.world.sites.ids, args.siteId);
    if (s < 0) return 'unknownSite';
    const p = poolIndex(ctx, args.poolId);
    if (p < 0) return 'unknownPool';
    const needs = poolSiteOperatorMask(ctx.world.generatorPools[p]);
    if (needs !== 0 && !(ctx.world.sites.operatorMask[s] & needs)) return 'poolNotForSite';
    if (ctx.state.generatorPoolsLeft[p] <= 0) return 'poolEmpty';
    // DS4 (complete): the equipment is gone, a generator cannot bring it back.
    if (ctx.state.sites.damageState[s] >= SITE_DESTROYED_DAMAGE_STATE) return 'siteDestroyed';
    return generatorBlocker(ctx, s);
  },
  apply(ctx, args) {
    const s = binarySearch(ctx.world.sites.ids, args.siteId);
    const p = poolIndex(ctx, args.poolId);
    const pool = ctx.world.generatorPools[p];
    ctx.state.generatorPoolsLeft[p]--;
    ctx.state.sites.generatorInbound[s] = 1;
    scheduleEvent(ctx, ctx.state.clockSec + pool.leadTimeSec, 'generatorArrives', { site: s, fuelSec: Math.round(pool.fuelHours * 3600) });
  },
};

export const GENERATOR_COMMANDS = { hookGenerator };
