// Commands are plain data checked at one gate: is the type known and the
// shape right (checked when submitted, so a bad command file is refused whole
// before a run starts), is the seat allowed, and is it legal in the current
// state (checked when the command comes due). A refusal is a reason code,
// recorded in the log; the run goes on.
import { isSeat, seatOrganisation, type Seat } from '../drill/seats.ts';
import { OPERATORS } from '../scenario/world.ts';
import type { Ctx } from '../engine/context.ts';
import { scheduleEvent } from '../engine/context.ts';

export interface Command {
  tSec: number;
  seat: string;
  type: string;
  args: Record<string, unknown>;
}

export type ReasonCode =
  | 'notPermitted'
  | 'unknownSite'
  | 'unknownPool'
  | 'poolEmpty'
  | 'siteDestroyed'
  | 'generatorAlreadyThere'
  | 'poolNotForSite';

export type GateResult = { ok: true } | { rejected: ReasonCode };

interface CommandSpec {
  /** Field name → description of the expected value; all required. */
  args: Record<string, 'id' | 'number' | 'boolean'>;
  /** Which organisations may issue it (director may issue anything). */
  allowed(org: string, args: Record<string, unknown>, ctx: Ctx): boolean;
  legality(ctx: Ctx, args: Record<string, unknown>): ReasonCode | null;
  apply(ctx: Ctx, args: Record<string, unknown>): void;
}

function poolIndex(ctx: Ctx, id: unknown): number {
  return ctx.world.generatorPools.findIndex((p) => p.id === id);
}

function siteIndex(ctx: Ctx, id: unknown): number {
  return typeof id === 'string' ? binarySearch(ctx.world.sites.ids, id) : -1;
}

export function binarySearch(sortedIds: string[], id: string): number {
  let lo = 0, hi = sortedIds.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sortedIds[mid] === id) return mid;
    if (sortedIds[mid] < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Send a portable generator from a pool to a site. Until teams and routing
 * exist (the response issue), the generator arrives after the pool's fixed
 * lead time (an assumption stated in the scenario).
 */
const hookGenerator: CommandSpec = {
  args: { siteId: 'id', poolId: 'id' },
  allowed: (org, args, ctx) => {
    const pool = ctx.world.generatorPools[poolIndex(ctx, args.poolId)];
    return org === '*' || (pool !== undefined && pool.org === org);
  },
  legality(ctx, args) {
    const s = siteIndex(ctx, args.siteId);
    if (s < 0) return 'unknownSite';
    const p = poolIndex(ctx, args.poolId);
    if (p < 0) return 'unknownPool';
    const pool = ctx.world.generatorPools[p];
    const opIndex = OPERATORS.indexOf(pool.org as never);
    if (opIndex >= 0 && !(ctx.world.sites.operatorMask[s] & (1 << opIndex))) return 'poolNotForSite';
    if (ctx.state.generatorPoolsLeft[p] <= 0) return 'poolEmpty';
    // DS4 (complete): the equipment is gone, a generator cannot bring it back.
    if (ctx.state.sites.damageState[s] >= 4) return 'siteDestroyed';
    if (ctx.state.sites.generatorInbound[s]) return 'generatorAlreadyThere';
    return null;
  },
  apply(ctx, args) {
    const s = siteIndex(ctx, args.siteId);
    const p = poolIndex(ctx, args.poolId);
    const pool = ctx.world.generatorPools[p];
    ctx.state.generatorPoolsLeft[p]--;
    ctx.state.sites.generatorInbound[s] = 1;
    scheduleEvent(ctx, ctx.state.clockSec + pool.leadTimeSec, 'generatorArrives', { site: s, fuelSec: Math.round(pool.fuelHours * 3600) });
  },
};

export const COMMANDS: Record<string, CommandSpec> = { hookGenerator };

/** Shape check, done when a command is submitted. Returns a message naming the field, or null. */
export function commandShapeError(cmd: unknown): string | null {
  if (cmd === null || typeof cmd !== 'object' || Array.isArray(cmd)) return 'a command must be an object {tSec, seat, type, args}';
  const c = cmd as Record<string, unknown>;
  if (typeof c.tSec !== 'number' || !Number.isInteger(c.tSec) || c.tSec < 0) return `tSec: ${JSON.stringify(c.tSec)} is not a time, expected a whole number of seconds ≥ 0`;
  if (!isSeat(c.seat)) return `seat: ${JSON.stringify(c.seat)} is not a seat, expected one of: director, evaluator, emhq, cmcc, cucc, ctcc, tower, power, transport, fire`;
  const spec = typeof c.type === 'string' ? COMMANDS[c.type] : undefined;
  if (!spec) return `type: ${JSON.stringify(c.type)} is not a command, expected one of: ${Object.keys(COMMANDS).join(', ')}`;
  if (c.args === null || typeof c.args !== 'object' || Array.isArray(c.args)) return 'args: expected an object';
  const args = c.args as Record<string, unknown>;
  for (const [field, kind] of Object.entries(spec.args)) {
    const v = args[field];
    if (v === undefined) return `args.${field}: missing, expected ${kind === 'id' ? 'an id' : `a ${kind}`}`;
    if (kind === 'id' && (typeof v !== 'string' || v.length === 0)) return `args.${field}: ${JSON.stringify(v)} is not an id, expected a string`;
    if (kind === 'number' && (typeof v !== 'number' || !Number.isFinite(v))) return `args.${field}: ${JSON.stringify(v)} is not a number`;
    if (kind === 'boolean' && typeof v !== 'boolean') return `args.${field}: ${JSON.stringify(v)} is not true or false`;
  }
  for (const field of Object.keys(args)) if (!(field in spec.args)) return `args.${field}: unknown field, expected only: ${Object.keys(spec.args).join(', ')}`;
  return null;
}

/** The gate, at the command's time: permission, then legality, then effect. */
export function applyCommand(ctx: Ctx, cmd: Command): GateResult {
  const spec = COMMANDS[cmd.type];
  const org = seatOrganisation(cmd.seat as Seat);
  if (org === null || !spec.allowed(org, cmd.args, ctx)) return { rejected: 'notPermitted' };
  const reason = spec.legality(ctx, cmd.args);
  if (reason) return { rejected: reason };
  spec.apply(ctx, cmd.args);
  return { ok: true };
}
