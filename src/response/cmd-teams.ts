// Commands for teams: activateTeam (the headquarters calls up national,
// regional and provincial teams, including cross-regional reinforcement),
// assignTask (a department sends its own team to do something, one of the
// tasks in tasks.ts), requestSupport (any department asks the
// headquarters for help; recorded for the coordination indicator).
import { TEAM_STATUS } from '../model/state.ts';
import type { CommandSpec } from '../model/commands.ts';
import { isCoordinator } from '../model/seats.ts';
import { binarySearch } from './lookup.ts';
import { activateTeam, giveTask, planApproach, teamPosition } from './teams.ts';
import { REQUEST_KINDS, resolveTarget, TASK_TYPES, taskBlocker, taskSpec, teamDoesTask, type TaskType } from './tasks.ts';
import type { Ctx } from '../model/context.ts';

const teamIndex = (ctx: Ctx, id: unknown) => ctx.world.teams.findIndex((t) => t.id === id);

const activateTeamCommand: CommandSpec = {
  args: { teamId: 'id' },
  allowed: isCoordinator,
  legality(ctx, args) {
    const t = teamIndex(ctx, args.teamId);
    if (t < 0) return 'unknownTeam';
    return ctx.state.teams.status[t] === TEAM_STATUS.INACTIVE ? null : 'alreadyActive';
  },
  apply: (ctx, args) => activateTeam(ctx, teamIndex(ctx, args.teamId)),
};

const assignTask: CommandSpec = {
  args: { teamId: 'id', task: TASK_TYPES, targetId: 'id' },
  allowed: (org, args, ctx) => ctx.world.teams[teamIndex(ctx, args.teamId)]?.org === org,
  legality(ctx, args) {
    const t = teamIndex(ctx, args.teamId);
    if (t < 0) return 'unknownTeam';
    const status = ctx.state.teams.status[t];
    if (status === TEAM_STATUS.INACTIVE) return 'teamNotActive';
    if (status === TEAM_STATUS.WORKING) return 'teamBusy';
    const type = args.task as TaskType;
    if (!teamDoesTask(ctx.world.teams[t].kind, type)) return 'wrongTeamKind';
    const target = resolveTarget(ctx.world, type, args.targetId as string);
    if (!target) return 'unknownTarget';
    const blocker = taskBlocker(ctx, t, type, target);
    if (blocker) return blocker;
    // Can it get there at all, with the roads as they are now?
    const here = teamPosition(ctx, t, ctx.state.clockSec);
    const travel = planApproach(ctx, t, here.xM, here.yM, type, args.targetId as string);
    return travel.ok ? null : travel.reason;
  },
  apply: (ctx, args) => giveTask(ctx, teamIndex(ctx, args.teamId), args.task as TaskType, args.targetId as string),
};

const requestSupport: CommandSpec = {
  args: { kind: REQUEST_KINDS, 'townshipId?': 'id', 'note?': 'text' },
  // Any department may ask; the evaluator seat has no organisation and is refused at the gate.
  allowed: () => true,
  legality(ctx, args) {
    if (args.townshipId !== undefined && binarySearch(ctx.world.townships.ids, args.townshipId) < 0) return 'unknownTownship';
    return null;
  },
  apply(ctx, args, cmd) {
    ctx.state.requests.push({
      tSec: ctx.state.clockSec,
      seat: cmd.seat,
      kind: args.kind as string,
      township: (args.townshipId as string) ?? null,
      note: (args.note as string) ?? '',
      actionedAtSec: -1,
      actionedBy: '',
    });
  },
};

export const TEAM_COMMANDS = { activateTeam: activateTeamCommand, assignTask, requestSupport };
