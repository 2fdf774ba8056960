// Emergency cells: temporary coverage brought in by the response — a
// portable base station, an emergency-communication vehicle, a tethered or
// airborne UAV base station. Each has its own power and satellite backhaul,
// covers the population points within its radius for the operators it
// carries, and is switched on and off by the response layer.
import type { Ctx } from '../model/context.ts';
import type { CellKind, EmergencyCell } from '../model/state.ts';
import { applyPointsCoverage, pointsWithin } from './coverage.ts';

export function openCell(ctx: Ctx, spec: Omit<EmergencyCell, 'points' | 'on' | 'onSinceSec'>): number {
  const cell: EmergencyCell = { ...spec, points: pointsWithin(ctx.world, spec.xM, spec.yM, spec.radiusM), on: false, onSinceSec: -1 };
  ctx.state.cells.push(cell);
  const index = ctx.state.cells.length - 1;
  setCellOn(ctx, index, true);
  return index;
}

export function setCellOn(ctx: Ctx, index: number, on: boolean): void {
  const cell = ctx.state.cells[index];
  if (cell.on === on) return;
  cell.on = on;
  cell.onSinceSec = on ? ctx.state.clockSec : -1;
  applyPointsCoverage(ctx.index.coverage, ctx.state.coverage, cell.points, 0, cell.points.length, cell.operatorMask, on ? 1 : -1);
}

/** Area covered by the cells of a kind that are on now, km² (circles, overlaps counted once per cell). */
export function cellAreaKm2(ctx: Ctx, kinds: readonly CellKind[]): number {
  let area = 0;
  for (const cell of ctx.state.cells) if (cell.on && kinds.includes(cell.kind)) area += (3.141592653589793 * cell.radiusM * cell.radiusM) / 1e6;
  return area;
}
