// Command links of townships — the grassroots fallback goal of the 2027
// targets: a township has a working command link when any of public network
// coverage at one of its population points, satellite phones or BeiDou
// terminals (delivered, or pre-positioned and brought into use) is there.
// A township is "affected" once shaking of VI or more reaches its seat or
// water reaches any of its points.
import type { Ctx } from '../model/context.ts';

/** Pre-positioned terminals are found, charged and switched on within this time. */
export const PREPOSITIONED_TERMINAL_DELAY_SEC = { value: 1800, source: 'assumption: township staff bring stored satellite phones / BeiDou terminals into use within half an hour' } as const;

export function markAffected(ctx: Ctx, township: number): void {
  const st = ctx.state.townships;
  if (st.affected[township]) return;
  st.affected[township] = 1;
  st.affectedAtSec[township] = ctx.state.clockSec;
}

export function deliverTerminals(ctx: Ctx, township: number, count: number): void {
  ctx.state.townships.terminals[township] += count;
}

function hasPublicNetwork(ctx: Ctx, township: number): boolean {
  const { pointOffsets, points } = ctx.index.townshipPoints;
  for (let k = pointOffsets[township]; k < pointOffsets[township + 1]; k++) if (ctx.state.coverage.onAirAny[points[k]] > 0) return true;
  return false;
}

export function hasCommandLink(ctx: Ctx, township: number): boolean {
  const st = ctx.state.townships;
  if (st.terminals[township] > 0) return true;
  const pre = ctx.world.townships.prepositionedTerminals[township];
  if (pre > 0 && st.affected[township] && ctx.state.clockSec >= st.affectedAtSec[township] + PREPOSITIONED_TERMINAL_DELAY_SEC.value) return true;
  if (pre > 0 && !st.affected[township]) return true;
  return hasPublicNetwork(ctx, township);
}

/** Affected townships with no working command link of any kind. */
export function isolatedTownships(ctx: Ctx): number[] {
  const out: number[] = [];
  const st = ctx.state.townships;
  for (let t = 0; t < st.affected.length; t++) if (st.affected[t] && !hasCommandLink(ctx, t)) out.push(t);
  return out;
}
