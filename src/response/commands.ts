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
      seconds: 'a whole number of seconds ≥ 0',
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
    case 'seconds':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0;
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

/** What is wrong with a command's shape: the JSON pointer of the field (within the command) and why. */
export interface CommandShapeProblem {
  pointer: string;
  message: string;
}

/** Shape check, done when a command is submitted (and on every command a saved file carries): the field's pointer and the reason, or null. */
export function commandShapeProblem(cmd: unknown): CommandShapeProblem | null {
  if (cmd === null || typeof cmd !== 'object' || Array.isArray(cmd)) return { pointer: '', message: 'a command must be an object {tSec, seat, type, args}' };
  const c = cmd as Record<string, unknown>;
  if (typeof c.tSec !== 'number' || !Number.isInteger(c.tSec) || c.tSec < 0) return { pointer: '/tSec', message: `${brief(c.tSec)} is not a time, expected a whole number of seconds ≥ 0` };
  if (!isSeat(c.seat)) return { pointer: '/seat', message: `${brief(c.seat)} is not a seat, expected one of: ${SEATS.join(', ')}` };
  const spec = typeof c.type === 'string' && Object.hasOwn(COMMANDS, c.type) ? COMMANDS[c.type] : undefined;
  if (!spec) return { pointer: '/type', message: `${brief(c.type)} is not a command, expected one of: ${Object.keys(COMMANDS).join(', ')}` };
  if (c.args === null || typeof c.args !== 'object' || Array.isArray(c.args)) return { pointer: '/args', message: 'expected an object' };
  const args = c.args as Record<string, unknown>;
  const names = Object.keys(spec.args).map((n) => n.replace(/\?$/, ''));
  for (const [rawName, kind] of Object.entries(spec.args)) {
    const optional = rawName.endsWith('?');
    const field = rawName.replace(/\?$/, '');
    const v = args[field];
    if (v === undefined) {
      if (optional) continue;
      return { pointer: `/args/${field}`, message: `missing, expected ${describeKind(kind)}` };
    }
    if (!argMatches(kind, v)) return { pointer: `/args/${field}`, message: `${brief(v)} is not valid, expected ${describeKind(kind)}` };
  }
  for (const field of Object.keys(args)) if (!names.includes(field)) return { pointer: '/args', message: `unknown field ${brief(field)}, expected only: ${names.join(', ')}` };
  return spec.shapeProblem?.(args) ?? null;
}

/** The same check as one line naming the field ("args.siteId: ..."), for a player's answer. */
export function commandShapeError(cmd: unknown): string | null {
  const p = commandShapeProblem(cmd);
  if (!p) return null;
  return p.pointer ? `${p.pointer.slice(1).replace(/\//g, '.')}: ${p.message}` : p.message;
}

/** JSON Schema of one argument kind: exactly what argMatches accepts (test/command-schema.test.ts checks they agree). */
function kindSchema(kind: ArgKind): Record<string, unknown> {
  if (Array.isArray(kind)) return { enum: [...kind] };
  const position = { type: 'array', minItems: 2, maxItems: 2, items: [{ type: 'number', minimum: -180, maximum: 180 }, { type: 'number', minimum: -90, maximum: 90 }] };
  return (
    {
      id: { type: 'string', minLength: 1, maxLength: 64 },
      ids: { type: 'array', minItems: 1, maxItems: 10_000, items: { type: 'string', minLength: 1 } },
      number: { type: 'number' },
      seconds: { type: 'integer', minimum: 0 },
      boolean: { type: 'boolean' },
      text: { type: 'string', minLength: 1, maxLength: 500 },
      polygon: { type: 'array', minItems: 3, maxItems: 10_000, items: position },
      position,
    } as Record<string, Record<string, unknown>>
  )[kind as string];
}

/**
 * The published schema of one command (a line of a command log, an entry of a
 * drill's or report's commands), generated from the command specs so it cannot
 * drift from the gate: seat and type from their tables, each type's args.
 */
export function commandSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'drilltwin command (one line of a command log: JSON lines, // comments and blank lines skipped)',
    type: 'object',
    required: ['tSec', 'seat', 'type', 'args'],
    properties: {
      tSec: { type: 'integer', minimum: 0, description: 'simulated seconds after the scenario start' },
      seat: { enum: [...SEATS] },
      type: { enum: Object.keys(COMMANDS) },
      args: { type: 'object' },
    },
    allOf: Object.entries(COMMANDS).map(([type, spec]) => {
      const names = Object.keys(spec.args);
      return {
        if: { properties: { type: { const: type } }, required: ['type'] },
        then: {
          properties: {
            args: {
              type: 'object',
              required: names.filter((n) => !n.endsWith('?')),
              additionalProperties: false,
              properties: Object.fromEntries(names.map((n) => [n.replace(/\?$/, ''), kindSchema(spec.args[n])])),
              ...(spec.argsSchema ? { allOf: spec.argsSchema } : {}),
            },
          },
        },
      };
    }),
  };
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
