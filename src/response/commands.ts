// Commands are plain data checked at one gate: is the type known and the
// shape right (checked when submitted, so a bad command file is refused whole
// before a run starts), is the seat allowed, and is it legal in the current
// state (checked when the command comes due). A refusal is a reason code,
// recorded in the log; the run goes on. Each command's rules live in its own
// module; this file holds the registry and the gate.
import { isSeat, seatOrganisation, SEATS, type Seat } from '../model/seats.ts';
import type { Ctx } from '../model/context.ts';
import type { ArgKind, Command, CommandSpec, GateResult } from '../model/commands.ts';
import { REASON_CODES, type ReasonCode } from '../model/reasons.ts';
import { GENERATOR_COMMANDS } from './cmd-generator.ts';
import { SETTING_COMMANDS } from './cmd-settings.ts';
import { WARNING_COMMANDS } from './cmd-warning.ts';
import { TEAM_COMMANDS } from './cmd-teams.ts';
import { UAV_COMMANDS } from './cmd-uav.ts';
import { SEAT_COMMANDS } from './cmd-seats.ts';
import { EXERCISE_COMMANDS } from './cmd-exercise.ts';
import { markRequestsActioned } from './requests.ts';
import { markExpectationsMet } from './injects.ts';


export const COMMANDS: Record<string, CommandSpec> = {
  ...GENERATOR_COMMANDS,
  ...WARNING_COMMANDS,
  ...SETTING_COMMANDS,
  ...TEAM_COMMANDS,
  ...UAV_COMMANDS,
  ...SEAT_COMMANDS,
  ...EXERCISE_COMMANDS,
};

function describeKind(kind: ArgKind): string {
  if (Array.isArray(kind)) return `one of: ${kind.join(', ')}`;
  return (
    {
      id: 'an id',
      ids: 'a list of ids',
      number: 'a number',
      boolean: 'true or false',
      text: 'a text of 1 to 500 characters',
      polygon: 'a polygon: a list of at least 3 [longitude, latitude] positions',
      position: 'a [longitude, latitude] position',
    } as Record<string, string>
  )[kind as string];
}

function isPosition(p: unknown): boolean {
  return Array.isArray(p) && p.length === 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;
}

function argMatches(kind: ArgKind, v: unknown): boolean {
  if (Array.isArray(kind)) return typeof v === 'string' && kind.includes(v);
  switch (kind) {
    case 'id':
      return typeof v === 'string' && v.length > 0 && v.length <= 64;
    case 'ids':
      return Array.isArray(v) && v.length > 0 && v.length <= 10_000 && v.every((x) => typeof x === 'string' && x.length > 0);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'text':
      return typeof v === 'string' && v.length > 0 && v.length <= 500;
    case 'polygon':
      return Array.isArray(v) && v.length >= 3 && v.length <= 10_000 && v.every(isPosition);
    case 'position':
      return isPosition(v);
  }
  return false;
}

/**
 * A value as quoted in a refusal, without recursion: JSON.stringify of a
 * value nested 100,000 deep overflows the stack, and a long one floods the log.
 */
function brief(v: unknown): string {
  if (typeof v === 'string') {
    const s = JSON.stringify(v.length > 60 ? v.slice(0, 57) : v);
    return v.length > 60 ? `${s.slice(0, -1)}..."` : s;
  }
  if (Array.isArray(v)) return `an array of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  if (v === undefined) return 'nothing';
  return String(v);
}

/** Shape check, done when a command is submitted. Returns a message naming the field, or null. */
export function commandShapeError(cmd: unknown): string | null {
  if (cmd === null || typeof cmd !== 'object' || Array.isArray(cmd)) return 'a command must be an object {tSec, seat, type, args}';
  const c = cmd as Record<string, unknown>;
  if (typeof c.tSec !== 'number' || !Number.isInteger(c.tSec) || c.tSec < 0) return `tSec: ${brief(c.tSec)} is not a time, expected a whole number of seconds ≥ 0`;
  if (!isSeat(c.seat)) return `seat: ${brief(c.seat)} is not a seat, expected one of: ${SEATS.join(', ')}`;
  const spec = typeof c.type === 'string' && Object.hasOwn(COMMANDS, c.type) ? COMMANDS[c.type] : undefined;
  if (!spec) return `type: ${brief(c.type)} is not a command, expected one of: ${Object.keys(COMMANDS).join(', ')}`;
  if (c.args === null || typeof c.args !== 'object' || Array.isArray(c.args)) return 'args: expected an object';
  const args = c.args as Record<string, unknown>;
  const names = Object.keys(spec.args).map((n) => n.replace(/\?$/, ''));
  for (const [rawName, kind] of Object.entries(spec.args)) {
    const optional = rawName.endsWith('?');
    const field = rawName.replace(/\?$/, '');
    const v = args[field];
    if (v === undefined) {
      if (optional) continue;
      return `args.${field}: missing, expected ${describeKind(kind)}`;
    }
    if (!argMatches(kind, v)) return `args.${field}: ${brief(v)} is not valid, expected ${describeKind(kind)}`;
  }
  for (const field of Object.keys(args)) if (!names.includes(field)) return `args: unknown field ${brief(field)}, expected only: ${names.join(', ')}`;
  return spec.shapeError?.(args) ?? null;
}

/** The gate, at the command's time: permission, then legality, then effect. */
export function applyCommand(ctx: Ctx, cmd: Command): GateResult {
  const spec = COMMANDS[cmd.type];
  const org = seatOrganisation(cmd.seat as Seat);
  const permitted = org === null ? spec.observers === true : org === '*' || spec.allowed(org, cmd.args, ctx);
  if (!permitted) return { rejected: 'notPermitted' };
  const reason = spec.legality(ctx, cmd.args);
  if (reason) return { rejected: reason };
  spec.apply(ctx, cmd.args, cmd);
  return { ok: true };
}

/**
 * A command at its time, from a person (the pending queue) or the doctrine:
 * the gate's ruling goes into the log, and an accepted command answers the
 * support requests and the expected actions it fulfils.
 */
export function gateAndLog(ctx: Ctx, cmd: Command, by?: 'doctrine'): GateResult {
  const result = applyCommand(ctx, cmd);
  ctx.state.commandLog.push(by ? { ...cmd, result, by } : { ...cmd, result });
  if ('ok' in result) {
    markRequestsActioned(ctx, cmd);
    markExpectationsMet(ctx, cmd);
  }
  return result;
}
