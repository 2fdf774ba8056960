// Injects during a drill: each MSEL row (and each ad-hoc inject the director
// authors) has a state in SimState.drill; an `injectDue` event delivers it at
// its due time unless it was held, delayed (a newer epoch) or skipped.
// Delivery records it, applies an event inject's effect on the twin (its kind
// in inject-kinds.ts) and opens its expected action, whose deadline event
// marks it missed and delivers the contingency inject held in reserve.
import { scheduleEvent, type Ctx } from '../model/context.ts';
import type { Command } from '../model/commands.ts';
import type { InjectState } from '../model/msel.ts';
import type { InjectDoc } from '../model/scenario-format.ts';
import { NEVER, type SimState } from '../model/state.ts';
import type { World } from '../model/world.ts';
import { townshipOf } from './requests.ts';
import { INJECT_KINDS } from './inject-kinds.ts';

/** Injects are delivered after the hazards and systems of their second, before the doctrine's review. */
const INJECT_PRIORITY = 5;

/** The ids of injects some expected action names as its contingency (held in reserve until missed). */
export function contingencyIds(msel: readonly InjectDoc[]): Set<string> {
  const ids = new Set<string>();
  for (const inj of msel) if (inj.expect?.contingency) ids.add(inj.expect.contingency);
  return ids;
}

/** The drill's inject and expectation states at T0, and the delivery events of the MSEL. */
export function initialiseInjects(ctx: Ctx): void {
  const { msel } = ctx.world;
  const reserve = contingencyIds(msel);
  const drill = ctx.state.drill;
  msel.forEach((inj, i) => {
    const held = reserve.has(inj.id);
    drill.injects.push({ id: inj.id, status: held ? 'held' : 'scheduled', dueSec: held ? NEVER : inj.tSec, deliveredAtSec: NEVER, epoch: 0, adhoc: null });
    if (!held) scheduleEvent(ctx, inj.tSec, 'injectDue', { inject: i, epoch: 0 }, INJECT_PRIORITY);
    if (inj.expect) drill.expectations.push({ id: inj.expect.id, inject: i, status: 'pending', deadlineSec: NEVER, metAtSec: NEVER });
  });
}

export function injectIndex(state: SimState, id: string): number {
  return state.drill.injects.findIndex((s) => s.id === id);
}

/** The inject as delivered (or as scheduled): an MSEL row, or an ad-hoc inject as a row, at its delivery time when delivered. */
export function injectDoc(world: World, state: SimState, i: number): InjectDoc {
  const s = state.drill.injects[i];
  const tSec = s.deliveredAtSec >= 0 ? s.deliveredAtSec : Math.max(s.dueSec, 0);
  if (s.adhoc === null) return { ...world.msel[i], tSec };
  return { id: s.id, tSec, to: s.adhoc.to ?? 'director', text: s.adhoc.text, kind: s.adhoc.kind === 'message' ? 'message' : 'damageReport', data: { injectKind: s.adhoc.kind } };
}

/** Puts an inject on the queue for `dueSec` (a newer epoch makes earlier events for it stale). */
export function scheduleInject(ctx: Ctx, i: number, dueSec: number): void {
  const s = ctx.state.drill.injects[i];
  s.epoch++;
  s.dueSec = dueSec;
  s.status = 'scheduled';
  scheduleEvent(ctx, dueSec, 'injectDue', { inject: i, epoch: s.epoch }, INJECT_PRIORITY);
}

/** Delivers an inject now: its effect on the twin, then its expected action opens. */
export function deliverInject(ctx: Ctx, i: number): void {
  const state = ctx.state;
  const s: InjectState = state.drill.injects[i];
  s.status = 'delivered';
  s.deliveredAtSec = state.clockSec;
  s.epoch++;
  state.drill.delivered.push(i);
  if (s.adhoc) INJECT_KINDS[s.adhoc.kind]?.effect(ctx, s.adhoc.args, s.id);
  const doc = s.adhoc ? null : ctx.world.msel[i];
  if (!doc?.expect) return;
  const e = state.drill.expectations.findIndex((x) => x.inject === i);
  const exp = state.drill.expectations[e];
  if (exp.status !== 'pending') return;
  exp.status = 'open';
  exp.deadlineSec = state.clockSec + doc.expect.withinSec;
  scheduleEvent(ctx, exp.deadlineSec, 'expectationDeadline', { expectation: e }, INJECT_PRIORITY);
}

export function onInjectDue(ctx: Ctx, data: { inject: number; epoch: number }): void {
  const s = ctx.state.drill.injects[data.inject];
  if (s.epoch !== data.epoch || s.status !== 'scheduled') return;
  deliverInject(ctx, data.inject);
}

/** The deadline of an expected action: still open means missed, and its contingency is delivered now. */
export function onExpectationDeadline(ctx: Ctx, data: { expectation: number }): void {
  const exp = ctx.state.drill.expectations[data.expectation];
  if (exp.status !== 'open') return;
  exp.status = 'missed';
  const contingency = ctx.world.msel[exp.inject].expect?.contingency;
  if (!contingency) return;
  const c = injectIndex(ctx.state, contingency);
  const cs = ctx.state.drill.injects[c];
  if (cs && (cs.status === 'held' || cs.status === 'scheduled')) deliverInject(ctx, c);
}

/** The township a command acts in, for expected actions: a task's or request's, or a generator's site. */
function commandTownship(ctx: Ctx, cmd: Command): string | null {
  const t = townshipOf(ctx, cmd);
  if (t !== null) return t;
  if (typeof cmd.args.siteId === 'string') {
    const s = ctx.world.sites.ids.indexOf(cmd.args.siteId);
    return s >= 0 ? ctx.world.townships.ids[ctx.world.sites.township[s]] : null;
  }
  return null;
}

/** After an accepted command: every open (or missed) expected action it fulfils is met (or late). */
export function markExpectationsMet(ctx: Ctx, cmd: Command): void {
  const { drill, clockSec } = ctx.state;
  for (const exp of drill.expectations) {
    if (exp.status !== 'open' && exp.status !== 'missed') continue;
    const want = ctx.world.msel[exp.inject].expect!;
    if (want.seat !== cmd.seat || want.command !== cmd.type) continue;
    if (want.match && Object.entries(want.match).some(([k, v]) => cmd.args[k] !== v)) continue;
    if (want.township !== undefined && commandTownship(ctx, cmd) !== want.township) continue;
    exp.status = exp.status === 'open' ? 'met' : 'late';
    exp.metAtSec = clockSec;
    // A contingency kept in reserve for this action is not needed any more.
    const c = want.contingency !== undefined ? injectIndex(ctx.state, want.contingency) : -1;
    if (exp.status === 'met' && c >= 0 && drill.injects[c].status === 'held' && drill.injects[c].dueSec === NEVER) drill.injects[c].status = 'cancelled';
  }
}
