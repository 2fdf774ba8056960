// The control cell's and the evaluators' commands (docs/exercise-control.md).
// The director steers the script: fires, holds, releases, delays or skips an
// inject, authors an ad-hoc one (a message or an event in the twin, see
// inject-kinds.ts), sets the stop time and no-notice mode. Evaluators record
// observations and ratings in simulated time. All of it goes through the one
// gate into the log, so a replay of the log plays the same drill.
import type { ArgKind, Command, CommandSpec } from '../model/commands.ts';
import type { Ctx } from '../model/context.ts';
import { MANUAL_RATINGS, observationRecord, ratingRecord } from '../model/msel.ts';
import type { ReasonCode } from '../model/reasons.ts';
import { SEATS } from '../model/seats.ts';
import { NEVER } from '../model/state.ts';
import { deliverInject, injectIndex, scheduleInject } from './injects.ts';
import { INJECT_KIND_NAMES, INJECT_KINDS, rangeProblem } from './inject-kinds.ts';

// Only the director, who passes every permission check at the gate.
const directorOnly = () => false;

function injectOf(ctx: Ctx, args: Record<string, unknown>): number {
  return injectIndex(ctx.state, args.injectId as string);
}

/** Unknown, or already final (delivered, skipped, cancelled): nothing more can be done with it. */
function openInjectProblem(ctx: Ctx, args: Record<string, unknown>): ReasonCode | null {
  const i = injectOf(ctx, args);
  if (i < 0) return 'unknownInject';
  const status = ctx.state.drill.injects[i].status;
  return status === 'scheduled' || status === 'held' ? null : 'injectClosed';
}

const fireInject: CommandSpec = {
  args: { injectId: 'id' },
  allowed: directorOnly,
  legality: openInjectProblem,
  apply: (ctx, args) => deliverInject(ctx, injectOf(ctx, args)),
};

const holdInject: CommandSpec = {
  args: { injectId: 'id' },
  allowed: directorOnly,
  legality: (ctx, args) => openInjectProblem(ctx, args) ?? (ctx.state.drill.injects[injectOf(ctx, args)].status === 'held' ? 'alreadySet' : null),
  apply(ctx, args) {
    const s = ctx.state.drill.injects[injectOf(ctx, args)];
    s.status = 'held';
    s.epoch++; // its pending delivery event is now stale
  },
};

const releaseInject: CommandSpec = {
  args: { injectId: 'id' },
  allowed: directorOnly,
  legality: (ctx, args) => openInjectProblem(ctx, args) ?? (ctx.state.drill.injects[injectOf(ctx, args)].status !== 'held' ? 'alreadySet' : null),
  apply(ctx, args) {
    const i = injectOf(ctx, args);
    const due = ctx.state.drill.injects[i].dueSec;
    // Released after its time (or a contingency in reserve, which has none): it goes out now.
    if (due === NEVER || due <= ctx.state.clockSec) deliverInject(ctx, i);
    else scheduleInject(ctx, i, due);
  },
};

const delayInject: CommandSpec = {
  args: { injectId: 'id', toSec: 'seconds' },
  allowed: directorOnly,
  legality: (ctx, args) => openInjectProblem(ctx, args) ?? ((args.toSec as number) <= ctx.state.clockSec ? 'timeInPast' : null),
  apply(ctx, args) {
    const i = injectOf(ctx, args);
    const s = ctx.state.drill.injects[i];
    if (s.status === 'held') {
      // Still held; when released it goes out at the new time.
      s.dueSec = args.toSec as number;
      s.epoch++;
    } else scheduleInject(ctx, i, args.toSec as number);
  },
};

const skipInject: CommandSpec = {
  args: { injectId: 'id' },
  allowed: directorOnly,
  legality: openInjectProblem,
  apply(ctx, args) {
    const s = ctx.state.drill.injects[injectOf(ctx, args)];
    s.status = 'skipped';
    s.epoch++;
  },
};

/** Arguments every kind shares. */
const COMMON_ARGS: Record<string, ArgKind> = { kind: INJECT_KIND_NAMES, 'id?': 'id', 'atSec?': 'seconds', 'to?': SEATS, 'text?': 'text', 'textEn?': 'text' };
/** The kinds' own arguments, all optional here; which apply is checked per kind. */
const KIND_ARGS: Record<string, ArgKind> = Object.assign({}, ...Object.values(INJECT_KINDS).map((k) => Object.fromEntries(Object.entries(k.args).map(([n, kind]) => [n.replace(/\?$/, '') + '?', kind]))));

/** What a kind needs beyond its args: a message needs a seat and a text. */
const EXTRA_REQUIRED: Record<string, string[]> = { message: ['to', 'text'] };
const KIND_ARG_NAMES = Object.keys(KIND_ARGS).map((n) => n.replace(/\?$/, ''));

/** The kind's own args are required (or optional) as it says; another kind's are refused; numbers within range. */
function authorShapeProblem(args: Record<string, unknown>): { pointer: string; message: string } | null {
  const name = args.kind as string;
  const kind = INJECT_KINDS[name];
  const own = Object.keys(kind.args).map((n) => n.replace(/\?$/, ''));
  const required = [...Object.keys(kind.args).filter((n) => !n.endsWith('?')), ...(EXTRA_REQUIRED[name] ?? [])];
  for (const n of required) if (args[n] === undefined) return { pointer: `/args/${n}`, message: `missing, a ${name} inject needs it` };
  for (const n of KIND_ARG_NAMES) if (args[n] !== undefined && !own.includes(n)) return { pointer: `/args/${n}`, message: `not an argument of a ${name} inject, which takes: ${own.join(', ') || 'none of its own'}` };
  for (const [n, range] of Object.entries(kind.ranges ?? {})) {
    const problem = typeof args[n] === 'number' ? rangeProblem(range, args[n] as number) : null;
    if (problem) return { pointer: `/args/${n}`, message: problem };
  }
  return null;
}

/** The same rules in JSON Schema, one clause per kind, for the published command schema. */
const AUTHOR_ARGS_SCHEMA = Object.entries(INJECT_KINDS).map(([name, kind]) => {
  const own = Object.keys(kind.args).map((n) => n.replace(/\?$/, ''));
  const properties: Record<string, unknown> = {};
  for (const n of KIND_ARG_NAMES) if (!own.includes(n)) properties[n] = false;
  for (const [n, { unit: _unit, ...bounds }] of Object.entries(kind.ranges ?? {})) properties[n] = bounds;
  return {
    if: { properties: { kind: { const: name } }, required: ['kind'] },
    then: { required: [...Object.keys(kind.args).filter((n) => !n.endsWith('?')), ...(EXTRA_REQUIRED[name] ?? [])], properties },
  };
});

const authorInject: CommandSpec = {
  args: { ...COMMON_ARGS, ...KIND_ARGS },
  shapeProblem: authorShapeProblem,
  argsSchema: AUTHOR_ARGS_SCHEMA,
  allowed: directorOnly,
  legality(ctx, args) {
    if (typeof args.id === 'string' && injectIndex(ctx.state, args.id) >= 0) return 'duplicateInject';
    if (typeof args.atSec === 'number' && args.atSec < ctx.state.clockSec) return 'timeInPast';
    return INJECT_KINDS[args.kind as string].legality(ctx, args);
  },
  apply(ctx, args) {
    const drill = ctx.state.drill;
    const kind = INJECT_KINDS[args.kind as string];
    let id = args.id as string | undefined;
    for (let n = drill.injects.filter((s) => s.adhoc).length + 1; id === undefined || injectIndex(ctx.state, id) >= 0; n++) id = `adhoc-${n}`;
    const own = Object.fromEntries(Object.keys(kind.args).map((n) => n.replace(/\?$/, '')).filter((n) => args[n] !== undefined).map((n) => [n, args[n]]));
    const text = typeof args.text === 'string' ? { zh: args.text, en: typeof args.textEn === 'string' ? args.textEn : args.text } : kind.describe(own);
    const atSec = typeof args.atSec === 'number' ? args.atSec : ctx.state.clockSec;
    drill.injects.push({ id, status: 'scheduled', dueSec: atSec, deliveredAtSec: NEVER, epoch: 0, adhoc: { kind: args.kind as string, to: (args.to as string | undefined) ?? null, text, args: own } });
    const i = drill.injects.length - 1;
    if (atSec <= ctx.state.clockSec) deliverInject(ctx, i);
    else scheduleInject(ctx, i, atSec);
  },
};

const setStopTime: CommandSpec = {
  args: { atSec: 'seconds' },
  allowed: directorOnly,
  legality: (ctx, args) => ((args.atSec as number) <= ctx.state.clockSec ? 'timeInPast' : null),
  apply(ctx, args) {
    ctx.state.drill.stopAtSec = args.atSec as number;
  },
};

const setNoNotice: CommandSpec = {
  args: { enabled: 'boolean' },
  allowed: directorOnly,
  legality: (ctx, args) => (ctx.state.drill.noNotice === args.enabled ? 'alreadySet' : null),
  apply(ctx, args) {
    ctx.state.drill.noNotice = args.enabled as boolean;
  },
};

const recordObservation: CommandSpec = {
  args: { text: 'text', 'injectId?': 'id', 'expectationId?': 'id', 'indicator?': 'id' },
  observers: true,
  allowed: () => false,
  legality(ctx, args) {
    if (args.injectId !== undefined && injectOf(ctx, args) < 0) return 'unknownInject';
    if (args.expectationId !== undefined && !ctx.state.drill.expectations.some((e) => e.id === args.expectationId)) return 'unknownTarget';
    return null;
  },
  apply(ctx, _args, cmd: Command) {
    ctx.state.drill.observations.push(observationRecord(cmd));
  },
};

const rateIndicator: CommandSpec = {
  args: { indicator: 'id', rating: MANUAL_RATINGS, reason: 'text' },
  observers: true,
  allowed: () => false,
  legality: () => null,
  apply(ctx, _args, cmd: Command) {
    ctx.state.drill.ratings.push(ratingRecord(cmd));
  },
};

export const EXERCISE_COMMANDS = { fireInject, holdInject, releaseInject, delayInject, skipInject, authorInject, setStopTime, setNoNotice, recordObservation, rateIndicator };
