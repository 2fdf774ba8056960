// Cross-department coordination: a department raises a support request
// (requestSupport); the request counts as actioned when a later accepted
// command by another seat answers it — one of the kind of action the request
// asked for, in the same township where the request named one. The oldest
// open matching request is answered first.
import type { Ctx } from '../model/context.ts';
import type { Command } from '../model/commands.ts';
import { resolveTarget } from './teams.ts';
import type { TaskType } from '../model/params/tasks.ts';

/** Which actions answer which kind of request. */
const ANSWERS: Record<string, (cmd: Command) => boolean> = {
  uav: (c) => c.type === 'deployUav' || (c.type === 'assignTask' && c.args.task === 'deployTetheredUav'),
  reinforcement: (c) => c.type === 'activateTeam',
  generators: (c) => c.type === 'hookGenerator' || (c.type === 'assignTask' && (c.args.task === 'hookGenerator' || c.args.task === 'refuelSite')),
  roadClearance: (c) => c.type === 'assignTask' && c.args.task === 'clearRoad',
  power: (c) => c.type === 'setPrioritySupply' || (c.type === 'assignTask' && c.args.task === 'restoreSubstation'),
  terminals: (c) => c.type === 'assignTask' && c.args.task === 'deliverTerminals',
  other: (c) => c.type === 'assignTask' || c.type === 'deployUav' || c.type === 'activateTeam',
};

/** The township a command acts in, when it has one. */
function townshipOf(ctx: Ctx, cmd: Command): string | null {
  if (typeof cmd.args.townshipId === 'string') return cmd.args.townshipId;
  if (cmd.type === 'assignTask') {
    const target = resolveTarget(ctx.world, cmd.args.task as TaskType, cmd.args.targetId as string);
    if (!target) return null;
    if (target.kind === 'township') return ctx.world.townships.ids[target.index];
    if (target.kind === 'site') return ctx.world.townships.ids[ctx.world.sites.township[target.index]];
  }
  return null;
}

export function markRequestsActioned(ctx: Ctx, cmd: Command): void {
  if (cmd.type === 'requestSupport') return;
  let township: string | null | undefined;
  for (const request of ctx.state.requests) {
    if (request.actionedAtSec >= 0 || request.seat === cmd.seat || !ANSWERS[request.kind]?.(cmd)) continue;
    if (request.township !== null) {
      township ??= townshipOf(ctx, cmd);
      if (township !== null && township !== request.township) continue;
    }
    request.actionedAtSec = ctx.state.clockSec;
    request.actionedBy = cmd.seat;
    return;
  }
}
