// Cross-department coordination: a department raises a support request
// (requestSupport); the request counts as actioned when a later accepted
// command by another seat answers it — one of the kind of action the request
// asked for, in the same township where the request named one. The oldest
// open matching request is answered first.
import type { Ctx } from '../model/context.ts';
import type { Command } from '../model/commands.ts';
import { isTaskType, resolveTarget, taskSpec } from './tasks.ts';
import { payloadOf, uavIndex } from './uavs.ts';

/** A UAV sent that brings coverage: a reconnaissance-only aircraft does not answer a request for a UAV base station. */
const coverageUav = (c: Command, ctx: Ctx) => {
  if (c.type !== 'deployUav') return false;
  const u = uavIndex(ctx, c.args.uavId);
  return u >= 0 && payloadOf(ctx, u).coverage;
};

/** Commands other than tasks that answer a kind of request; tasks declare what they answer in their spec. */
const ANSWERED_BY_COMMAND: Record<string, (cmd: Command, ctx: Ctx) => boolean> = {
  uav: coverageUav,
  reinforcement: (c) => c.type === 'activateTeam',
  generators: (c) => c.type === 'hookGenerator',
  power: (c) => c.type === 'setPrioritySupply',
  other: (c) => c.type === 'assignTask' || c.type === 'deployUav' || c.type === 'activateTeam',
};

function answers(ctx: Ctx, kind: string, cmd: Command): boolean {
  if (ANSWERED_BY_COMMAND[kind]?.(cmd, ctx)) return true;
  return cmd.type === 'assignTask' && isTaskType(cmd.args.task) && (taskSpec(cmd.args.task).answers as readonly string[]).includes(kind);
}

/** The township a command acts in, when it has one. */
export function townshipOf(ctx: Ctx, cmd: Command): string | null {
  if (typeof cmd.args.townshipId === 'string') return cmd.args.townshipId;
  if (cmd.type === 'assignTask') {
    const target = resolveTarget(ctx.world, cmd.args.task as string, cmd.args.targetId as string);
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
    if (request.actionedAtSec >= 0 || request.seat === cmd.seat || !answers(ctx, request.kind, cmd)) continue;
    if (request.township !== null) {
      township ??= townshipOf(ctx, cmd);
      if (township !== null && township !== request.township) continue;
    }
    request.actionedAtSec = ctx.state.clockSec;
    request.actionedBy = cmd.seat;
    return;
  }
}
