// deployUav / recallUav: the headquarters (or the UAV's own organisation)
// sends an emergency-communication UAV over a township or a point.
import { makeProjection } from '../core/geo.ts';
import type { Ctx } from '../model/context.ts';
import { UAV_STATUS } from '../model/state.ts';
import type { CommandSpec } from '../model/commands.ts';
import { isCoordinator } from '../model/seats.ts';
import { binarySearch } from './lookup.ts';
import { launchUav, planUavSortie, recallUav, uavIndex } from './uavs.ts';

function targetOf(ctx: Ctx, args: Record<string, unknown>): { xM: number; yM: number } | null {
  if (typeof args.townshipId === 'string') {
    const t = binarySearch(ctx.world.townships.ids, args.townshipId);
    return t < 0 ? null : { xM: ctx.world.townships.xM[t], yM: ctx.world.townships.yM[t] };
  }
  if (Array.isArray(args.at)) {
    const [lon, lat] = args.at as [number, number];
    const [xM, yM] = makeProjection(ctx.world.origin.lon, ctx.world.origin.lat).toXY(lon, lat);
    return { xM, yM };
  }
  return null;
}

const deployUav: CommandSpec = {
  args: { uavId: 'id', 'townshipId?': 'id', 'at?': 'position' },
  allowed: (org, args, ctx) => isCoordinator(org) || ctx.world.uavs[uavIndex(ctx, args.uavId)]?.org === org,
  legality(ctx, args) {
    const u = uavIndex(ctx, args.uavId);
    if (u < 0) return 'unknownUav';
    if (ctx.state.uavs.status[u] !== UAV_STATUS.READY) return 'uavBusy';
    const target = targetOf(ctx, args);
    if (!target) return args.townshipId !== undefined ? 'unknownTownship' : 'unknownTarget';
    const plan = planUavSortie(ctx, u, target.xM, target.yM);
    return plan.ok ? null : plan.reason;
  },
  apply(ctx, args) {
    const target = targetOf(ctx, args)!;
    launchUav(ctx, uavIndex(ctx, args.uavId), target.xM, target.yM);
  },
};

const recallUavCommand: CommandSpec = {
  args: { uavId: 'id' },
  allowed: (org, args, ctx) => isCoordinator(org) || ctx.world.uavs[uavIndex(ctx, args.uavId)]?.org === org,
  legality(ctx, args) {
    const u = uavIndex(ctx, args.uavId);
    if (u < 0) return 'unknownUav';
    const status = ctx.state.uavs.status[u];
    return status === UAV_STATUS.READY || status === UAV_STATUS.RETURNING ? 'uavNotFlying' : null;
  },
  apply: (ctx, args) => recallUav(ctx, uavIndex(ctx, args.uavId)),
};

export const UAV_COMMANDS = { deployUav, recallUav: recallUavCommand };
