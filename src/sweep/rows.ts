// One line of runs.jsonl: what a sweep keeps of one run (variant × seed).
// Rows are keyed by (variant, seed) and carry the variant's scenario hash,
// so a resumed sweep can tell its own rows from a different sweep's.
import type { Report } from '../engine/run.ts';
import type { Rating } from '../scoring/evaluate.ts';
import type { Ctx } from '../model/context.ts';
import { OUT_CAUSE } from '../model/state.ts';

export const SWEEP_ROW_FORMAT = 'drilltwin/sweep-row@1';

export interface SweepRow {
  format: typeof SWEEP_ROW_FORMAT;
  variant: string;
  seed: number;
  /** SHA-256 of the variant's scenario as loaded: the base's, or the edited one's. */
  scenarioSha256: string;
  untilSec: number;
  /** Overall 2027-target score, rating and pass (null without a profile). */
  score: number | null;
  rating: Rating | null;
  pass: boolean | null;
  indicators: Record<string, { value: number | null; rating: Rating }>;
  kpis: Record<string, number | null>;
  finalStateHash: string;
  wallMs: number;
  /** Share of the population served at T0 and every whole hour after (the report's fan chart); absent in rows of older sweeps. */
  servedHourly?: number[];
  /**
   * Hours each site was off air for want of power or backhaul, sampled on the
   * hour from T0 — what a hardened (super) site's battery, fuel and satellite
   * backhaul address; a site off air from damage is not counted. Sites never
   * counted are left out. For the optimiser's "auto" shortlist of sites to
   * harden; absent in rows of older sweeps.
   */
  siteOutHours?: Record<string, number>;
}

/**
 * Counts, per site, the hourly samples at which it was off air for want of
 * power or backhaul (a destroyed site, which hardening would not have kept on
 * air in most runs, is left to the evaluation): hand
 * `onProgress` to runScenario (it reads the state, never writes it), then
 * `hours()` gives the row's siteOutHours.
 */
export function siteOutRecorder(): { onProgress: (tSec: number, untilSec: number, ctx: Ctx) => void; hours: () => Record<string, number> } {
  let counts: Uint32Array | null = null;
  let ids: readonly string[] = [];
  let lastHour = -1;
  return {
    onProgress: (tSec, _untilSec, ctx) => {
      const hour = Math.floor(tSec / 3600);
      if (tSec % 3600 !== 0 || hour === lastHour) return;
      lastHour = hour;
      const out = ctx.state.sites.outCause;
      if (!counts) {
        counts = new Uint32Array(out.length);
        ids = ctx.world.sites.ids;
      }
      for (let i = 0; i < out.length; i++) if (out[i] === OUT_CAUSE.POWER || out[i] === OUT_CAUSE.TRANSPORT) counts[i]++;
    },
    hours: () => {
      const h: Record<string, number> = {};
      if (counts) for (let i = 0; i < counts.length; i++) if (counts[i] > 0) h[ids[i]] = counts[i];
      return h;
    },
  };
}

/** The served-population series at whole hours (the KPI grid divides an hour in the shipped scenarios; other samples are skipped). */
function servedHourly(report: Report): number[] {
  const { tSec, populationServedFrac } = report.kpis.series;
  const out: number[] = [];
  for (let i = 0; i < tSec.length; i++) if (tSec[i] % 3600 === 0) out.push(Math.round(populationServedFrac[i] * 1e6) / 1e6);
  return out;
}

export function sweepRow(variant: string, report: Report, scenarioSha256: string, siteOutHours?: Record<string, number>): SweepRow {
  const t = report.targets;
  return {
    format: SWEEP_ROW_FORMAT,
    variant,
    seed: report.seed,
    scenarioSha256,
    untilSec: report.untilSec,
    score: t?.overall.score ?? null,
    rating: t?.overall.rating ?? null,
    pass: t?.overall.pass ?? null,
    indicators: Object.fromEntries((t?.indicators ?? []).map((i) => [i.id, { value: i.value, rating: i.rating }])),
    kpis: { ...report.kpis.summary },
    finalStateHash: report.finalStateHash,
    wallMs: report.wallMs,
    servedHourly: servedHourly(report),
    ...(siteOutHours ? { siteOutHours } : {}),
  };
}

export const rowKey = (variant: string, seed: number): string => `${variant}\u0000${seed}`;

/**
 * The rows of a runs.jsonl text. A last line without its newline is a row
 * cut off when the sweep was stopped: left out of `complete` (the text to
 * keep) and run again. Any other bad line is reported by its number.
 */
export function parseRows(text: string): { rows: SweepRow[]; complete: string; badLine: number | null } {
  const end = text.lastIndexOf('\n') + 1;
  const rows: SweepRow[] = [];
  const lines = text.slice(0, end).split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    try {
      const row = JSON.parse(lines[i]) as SweepRow;
      if (row.format !== SWEEP_ROW_FORMAT || typeof row.variant !== 'string' || !Number.isInteger(row.seed)) return { rows, complete: text.slice(0, end), badLine: i + 1 };
      rows.push(row);
    } catch {
      return { rows, complete: text.slice(0, end), badLine: i + 1 };
    }
  }
  return { rows, complete: text.slice(0, end), badLine: null };
}
