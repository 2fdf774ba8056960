// Commands as data: what a player, the doctrine, the director or an inject
// sends through the one gate, the gate's answer, and the shape of a command's
// spec. Each command's spec lives with its system in response/; the gate is
// response/commands.
import type { Ctx } from './context.ts';
import type { ReasonCode } from './reasons.ts';

export interface Command {
  tSec: number;
  seat: string;
  type: string;
  args: Record<string, unknown>;
}

export type GateResult = { ok: true } | { rejected: ReasonCode };

/** Expected argument: a kind, or a list of allowed strings. A trailing '?' on the name makes it optional. */
export type ArgKind = 'id' | 'ids' | 'number' | 'seconds' | 'boolean' | 'text' | 'polygon' | 'position' | readonly string[];

export interface CommandSpec {
  args: Record<string, ArgKind>;
  /**
   * What the per-argument kinds cannot state (ranges, arguments that depend on
   * another), as the field's pointer and the reason, or null; `argsSchema`
   * states the same rules as JSON Schema for the published command schema.
   */
  shapeProblem?(args: Record<string, unknown>): { pointer: string; message: string } | null;
  argsSchema?: Record<string, unknown>[];
  /** Evaluators may issue it too (they command nothing in the twin: their notes and ratings only). */
  observers?: boolean;
  /** Organisations that may issue it (the director may issue anything). */
  allowed(org: string, args: Record<string, unknown>, ctx: Ctx): boolean;
  legality(ctx: Ctx, args: Record<string, unknown>): ReasonCode | null;
  apply(ctx: Ctx, args: Record<string, unknown>, cmd: Command): void;
}

