// Commands for teams: activateTeam (the headquarters calls up national,
// regional and provincial teams, including cross-regional reinforcement),
// assignTask (a department sends its own team to do something), dispatch (move
// a team to a township and stand by), requestSupport (any department asks the
// headquarters for help; recorded for the coordination indicator).
import { TEAM_STATUS } from '../model/state.ts';
import { OPERATORS } from '../model/world.ts';
import type { CommandSpec } from '../model/commands.ts';
import { binarySearch } from './lookup.ts';
import type { ReasonCode } from '../model/reasons.ts';
import { TASK_TYPES, type TaskType } from '../model/params/tasks.ts';
import { activateTeam, giveTask, planTravelTo, resolveTarget, TASKS_BY_TEAM_KIND, teamPosition } from './teams.ts';
import type { Ctx } from '../model/context.ts';

const teamIndex = (ctx: Ctx, id: unknown) => ctx.world.teams.findIndex((t) => t.id === id);

/** What the task needs from the team's loadout, and whether there is anything to do at the target. */
export function taskBlocker(ctx: Ctx, team: number, type: TaskType, target: NonNullable<ReturnType<typeof resolveTarget>>): ReasonCode | null {
  const st = ctx.state.teams;
  const spec = ctx.world.teams[team];
  if (target.kind === 'site') {
    const o = OPERATORS.indexOf(spec.org as never);
    if (o >= 0 && !(ctx.world.sites.operatorMask[target.index] & (1 << o))) return 'siteNotYours';
  }
  const sites = ctx.state.sites;
  switch (type) {
    case 'repairSite':
      if (sites.damageState[target.index] === 0) return 'nothingToDo';
      if (sites.damageState[target.index] >= 4) return 'siteDestroyed';
      if (sites.damageState[target.index] >= 2 && st.spares[team] <= 0) return 'noEquipment';
      return null;
    case 'hookGenerator':
      if (sites.damageState[target.index] >= 4) return 'siteDestroyed';
      return st.generators[team] > 0 ? null : 'noEquipment';
    case 'refuelSite':
      return sites.hasGenerator[target.index] ? null : 'nothingToDo';
    case 'deployPortableStation':
      return st.portableBaseStations[team] > 0 ? null : 'noEquipment';
    case 'deployCommsVehicle':
      return st.commsVehicles[team] > 0 ? null : 'noEquipment';
    case 'deployTetheredUav':
      return st.tetheredUavs[team] > 0 ? null : 'noEquipment';
    case 'deploySatelliteBackhaul':
      if (sites.satelliteBackhaul[target.index]) return 'nothingToDo';
      return st.vsat[team] > 0 ? null : 'noEquipment';
    case 'repairFibre':
      return ctx.state.roads.fibreCut[target.index] ? null : 'nothingToDo';
    case 'clearRoad':
      return ctx.state.roads.blocked[target.index] ? null : 'nothingToDo';
    case 'deliverTerminals':
      return st.terminals[team] > 0 ? null : 'noEquipment';
    case 'restoreSubstation':
      return ctx.state.substations.inService[target.index] ? 'nothingToDo' : null;
    default:
      return null;
  }
}

const activateTeamCommand: CommandSpec = {
  args: { teamId: 'id' },
  allowed: (org) => org === 'emhq',
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
    if (!TASKS_BY_TEAM_KIND[ctx.world.teams[t].kind].includes(type)) return 'wrongTeamKind';
    const target = resolveTarget(ctx.world, type, args.targetId as string);
    if (!target) return 'unknownTarget';
    const blocker = taskBlocker(ctx, t, type, target);
    if (blocker) return blocker;
    // Can it get there at all, with the roads as they are now?
    const here = teamPosition(ctx, t, ctx.state.clockSec);
    const travel = planTravelTo(ctx, t, here.xM, here.yM, target);
    return travel.ok ? null : travel.reason;
  },
  apply: (ctx, args) => giveTask(ctx, teamIndex(ctx, args.teamId), args.task as TaskType, args.targetId as string),
};

const REQUEST_KINDS = ['uav', 'reinforcement', 'generators', 'roadClearance', 'power', 'terminals', 'other'] as const;

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
