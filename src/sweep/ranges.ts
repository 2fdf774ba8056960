// Parameter ranges for a sensitivity sweep: `--vary POINTER=LO..HI` (or a
// parameter alone, when PARAM_RANGES bounds it on both sides) becomes two
// variants, the parameter at each end of its range with everything else at
// its default. Run on the same seeds as the base, they give each parameter's
// swing of the outcome (the tornado chart) and the rank correlation of the
// outcome with the parameter's value.
import { DEFAULT_PARAMS, DERIVED_PARAMS, paramRange } from '../model/params/index.ts';
import { applyParamOverrides, PARAMS_FORMAT } from '../scenario/params.ts';
import type { Variant } from './variants.ts';

export interface ParamSweep {
  pointer: string;
  lo: number;
  hi: number;
}

function valueAt(pointer: string): unknown {
  let v: unknown = DEFAULT_PARAMS;
  for (const part of pointer.split('/').slice(1)) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/** The params-file body that sets the number at `pointer` to `value`. */
function overrideAt(pointer: string, value: number): Record<string, unknown> {
  const parts = pointer.split('/').slice(1);
  let body: unknown = value;
  for (let i = parts.length - 1; i >= 0; i--) body = /^\d+$/.test(parts[i]) ? Object.assign([], { [parts[i]]: body }) : { [parts[i]]: body };
  return body as Record<string, unknown>;
}

/** "POINTER=LO..HI" or "POINTER": a checked range, or a message naming what is wrong. */
export function parseVary(text: string): { ok: true; sweep: ParamSweep } | { ok: false; message: string } {
  const m = /^(\/[^=]+?)(?:=(-?[0-9.eE+-]+)\.\.(-?[0-9.eE+-]+))?$/.exec(text.trim());
  if (!m) return { ok: false, message: `--vary: "${text}" is not POINTER=LO..HI, e.g. /infra/GENERATOR_FUEL/fuelHoursFactor/value=0.5..1.5` };
  const pointer = m[1];
  const dflt = valueAt(pointer);
  if (typeof dflt !== 'number') return { ok: false, message: `--vary: ${pointer} is not a number of the model parameters (see src/model/params/index.ts)` };
  if (DERIVED_PARAMS.some((d) => d.pointer === pointer)) return { ok: false, message: `--vary: ${pointer} follows ${DERIVED_PARAMS.find((d) => d.pointer === pointer)!.from}; vary that instead` };
  const range = paramRange(pointer);
  if (!range || range.fixed) return { ok: false, message: `--vary: ${pointer} is an identity, not a parameter` };
  let lo: number, hi: number;
  if (m[2] !== undefined) {
    lo = Number(m[2]);
    hi = Number(m[3]);
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { ok: false, message: `--vary: ${pointer}: "${m[2]}..${m[3]}" is not two numbers` };
  } else {
    lo = range.minimum ?? range.exclusiveMinimum ?? NaN;
    hi = range.maximum ?? range.exclusiveMaximum ?? NaN;
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || range.exclusiveMinimum !== undefined || range.exclusiveMaximum !== undefined) {
      return { ok: false, message: `--vary: ${pointer} has no closed range of its own; give one, e.g. ${pointer}=${dflt / 2}..${dflt * 2}` };
    }
  }
  if (!(lo < hi)) return { ok: false, message: `--vary: ${pointer}: ${lo}..${hi} is empty, expected LO < HI` };
  // Each end must be a value a params file could give: the loader's own range check says why not.
  for (const value of [lo, hi]) {
    const r = applyParamOverrides(DEFAULT_PARAMS, { format: PARAMS_FORMAT, ...overrideAt(pointer, value) }, '--vary');
    if (!r.ok) return { ok: false, message: `--vary: ${pointer}=${value}: ${r.problems[0].message}` };
  }
  return { ok: true, sweep: { pointer, lo, hi } };
}

/** A short variant name for one end: the pointer's last named parts. */
function nameOf(pointer: string, end: 'lo' | 'hi'): string {
  const parts = pointer.split('/').slice(1).filter((p) => p !== 'value');
  return `${parts.slice(-2).join('.').replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 60)}-${end}`;
}

/** Two variants per range, the low end then the high end. */
export function rangeVariants(sweeps: readonly ParamSweep[]): Variant[] {
  return sweeps.flatMap((s) =>
    (['lo', 'hi'] as const).map((end) => {
      const value = end === 'lo' ? s.lo : s.hi;
      return {
        name: nameOf(s.pointer, end),
        description: `${s.pointer} = ${value} (default ${valueAt(s.pointer) as number})`,
        params: overrideAt(s.pointer, value),
        vary: { pointer: s.pointer, value, defaultValue: valueAt(s.pointer) as number },
      };
    }),
  );
}
