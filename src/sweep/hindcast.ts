// The model against what was observed (`drilltwin hindcast`): from one run's
// KPI series, the model's value of each observed quantity of a scenario's
// metadata.observed at the observed time; then, across seeds, the median and
// P10–P90 per point with the doctrine on and off, a README-ready table and a
// chart. Pure: the runs are made by the host (cli/hindcast.ts, in the sweep's
// worker pool).
//
// Reading a series at tHours: the KPI sample at or before tHours (a step, no
// interpolation). KPIs are sampled every minute in the shipped scenarios, so
// the value is the state at most one sampling interval before the observed
// time; interpolating would invent states between samples (a site is on air
// or not).
import { isCountQuantity, isTimeQuantity, type ObservedDoc, type ObservedPoint, type ObservedQuantity } from '../model/scenario-format.ts';
import type { KpiSeries } from '../scoring/kpis.ts';
import { niceAxis } from './charts.ts';
import { percentiles } from './stats.ts';
import type { World } from '../model/world.ts';
import type { ParamOverride } from '../scenario/params.ts';
import { summariseTownships, type TownshipRunValues, type TownshipSummary } from './township-restoration.ts';
import type { SectionOpenHours } from './road-sections.ts';

export const HINDCAST_FORMAT = 'drilltwin/hindcast@1';

/** The doctrine on (playing every seat) and off (no responder at all). */
export const DOCTRINE_CASES = ['on', 'off'] as const;
export type DoctrineCase = (typeof DOCTRINE_CASES)[number];

/** Index of the last sample at or before tSec, or -1 when the series starts after it. */
export function sampleAtOrBefore(tSec: readonly number[], at: number): number {
  let lo = 0, hi = tSec.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tSec[mid] <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** 1 − value / (peak of the series up to and including sample i); 1 when nothing was ever out. */
function restoredFromPeak(values: readonly number[], i: number): number {
  let peak = 0;
  for (let k = 0; k <= i; k++) if (values[k] > peak) peak = values[k];
  return peak > 0 ? 1 - values[i] / peak : 1;
}

/** Hours of the first sample with a UAV on station, or null when none ever is. */
export function firstUavOnStationHours(series: KpiSeries): number | null {
  const on = series.uavsOnStation, t = series.tSec;
  for (let i = 0; i < t.length; i++) if (on[i] > 0) return t[i] / 3600;
  return null;
}

/**
 * The model's value of one KPI-read quantity at `tHours` (the sample at or
 * before it), or null: no sample that early, or for firstUavOnStationHours no
 * UAV ever on station ("never"; that quantity does not depend on tHours).
 * roadSectionOpenHours is not in the KPI series (road-sections.ts reads it):
 * null here.
 */
export function quantityAt(series: KpiSeries, quantity: ObservedQuantity, tHours: number, totalSites: number): number | null {
  if (quantity === 'firstUavOnStationHours') return firstUavOnStationHours(series);
  if (quantity === 'roadSectionOpenHours') return null;
  const i = sampleAtOrBefore(series.tSec, tHours * 3600 + 1e-6);
  if (i < 0) return null;
  switch (quantity) {
    case 'failedSitesRestoredFrac':
      return series.sitesRestoredFrac[i];
    case 'powerRestoredFrac':
      return restoredFromPeak(series.powerCustomersOut, i);
    case 'roadsReopenedFrac':
      return restoredFromPeak(series.roadsBlocked, i);
    case 'sitesOffAir':
      return totalSites - series.sitesOnAir[i];
    case 'uavBaseStationsDeployed':
      return series.uavBaseStationsDeployed[i];
  }
}

/** A time quantity's curve: 1 from the hour the time came (hours, or null for never), else 0, at multiples of stepSec. */
function reachedCurve(hours: number | null, untilSec: number, stepSec: number): number[] {
  const out: number[] = [];
  for (let t = 0; t <= untilSec + 1e-6; t += stepSec) out.push(hours !== null && hours * 3600 <= t ? 1 : 0);
  return out;
}

/** The curve a point is drawn on: one per quantity, but one per point for a road section (each names its own segments). */
export const curveKeyOf = (p: ObservedPoint): string => (p.quantity === 'roadSectionOpenHours' ? `${p.quantity}:${p.id}` : p.quantity);

/**
 * One quantity over time at whole multiples of stepSec from 0 to untilSec (the
 * chart's curves). For firstUavOnStationHours: 1 from the first UAV on
 * station on, else 0, so that the mean over seeds is the share of runs with a
 * UAV on station by then.
 */
export function quantityCurve(series: KpiSeries, quantity: ObservedQuantity, totalSites: number, untilSec: number, stepSec = 3600): number[] {
  if (quantity === 'firstUavOnStationHours') return reachedCurve(firstUavOnStationHours(series), untilSec, stepSec);
  const out: number[] = [];
  for (let t = 0; t <= untilSec + 1e-6; t += stepSec) out.push(round6(quantityAt(series, quantity, t / 3600, totalSites) ?? Number.NaN));
  return out;
}

const round6 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : x);

/** What a hindcast keeps of one run: each point's model value and each observed quantity's hourly curve. */
export interface HindcastRunValues {
  seed: number;
  doctrine: DoctrineCase;
  /** By point, in metadata.observed order; null = no value (for a time quantity: never). */
  values: (number | null)[];
  /** Hourly curves by curveKeyOf (one per quantity; one per road section). */
  curves: Record<string, number[]>;
  /** When the run's townships were all back, and how long each was cut off by road (township-restoration.ts). */
  townships?: TownshipRunValues;
}

export function hindcastRunValues(
  seed: number,
  doctrine: DoctrineCase,
  series: KpiSeries,
  points: readonly ObservedPoint[],
  totalSites: number,
  untilSec: number,
  townships?: TownshipRunValues,
  /** From road-sections.ts: when each roadSectionOpenHours point's section was through (absent: null, never). */
  sections: SectionOpenHours = {},
): HindcastRunValues {
  const valueOf = (p: ObservedPoint) => (p.quantity === 'roadSectionOpenHours' ? (sections[p.id] ?? null) : quantityAt(series, p.quantity, p.tHours, totalSites));
  const curves: Record<string, number[]> = {};
  for (const p of points) {
    const key = curveKeyOf(p);
    if (curves[key]) continue;
    curves[key] = p.quantity === 'roadSectionOpenHours' ? reachedCurve(valueOf(p), untilSec, 3600) : quantityCurve(series, p.quantity, totalSites, untilSec);
  }
  const values = points.map(valueOf);
  return townships ? { seed, doctrine, values, curves, townships } : { seed, doctrine, values, curves };
}

/** Median and P10–P90 over seeds; null stands for "never" (a time that never came), which sorts after every time. */
export interface Band {
  n: number;
  /** Runs where the value never came (firstUavOnStationHours without a UAV). */
  never: number;
  p10: number | null;
  median: number | null;
  p90: number | null;
}

/** Type-7 quantile of sorted values where +Infinity stands for "never": a quantile that touches it is never (null). */
function quantileWithNever(sorted: readonly number[], q: number): number | null {
  const h = (sorted.length - 1) * q, lo = Math.floor(h), hi = Math.ceil(h);
  if (!Number.isFinite(sorted[lo])) return null;
  if (hi === lo || h === lo) return sorted[lo];
  if (!Number.isFinite(sorted[hi])) return null;
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (h - lo);
}

export function band(values: readonly (number | null)[]): Band {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const never = values.length - finite.length;
  if (values.length === 0) return { n: 0, never: 0, p10: null, median: null, p90: null };
  if (never === 0) {
    const p = percentiles(finite);
    return { n: values.length, never, p10: p.p10, median: p.p50, p90: p.p90 };
  }
  const sorted = [...finite].sort((a, b) => a - b).concat(new Array<number>(never).fill(Number.POSITIVE_INFINITY));
  return { n: values.length, never, p10: quantileWithNever(sorted, 0.1), median: quantileWithNever(sorted, 0.5), p90: quantileWithNever(sorted, 0.9) };
}

/**
 * Does the observed value (or its range, valueLo–valueHi) meet the band
 * P10–P90? A P90 of "never" leaves the band open above; a P10 of "never" (at
 * least nine runs in ten never got there) meets no observed time.
 */
export function observedInBand(point: ObservedPoint, b: Band): boolean | null {
  if (b.n === 0) return null;
  const lo = point.valueLo ?? point.value, hi = point.valueHi ?? point.value;
  if (b.p10 === null) return false;
  const top = b.p90 ?? Number.POSITIVE_INFINITY;
  return hi >= b.p10 - 1e-9 && lo <= top + 1e-9;
}

export interface HindcastPoint {
  point: ObservedPoint;
  on: Band;
  off: Band;
  /** The observed value lies in the doctrine-on P10–P90 band. */
  inOnBand: boolean | null;
}

export interface HindcastCurve {
  /** curveKeyOf its points. */
  key: string;
  quantity: ObservedQuantity;
  /** Hours of the samples (0, 1, 2, … h). */
  tHours: number[];
  /** Doctrine on: P10, median, P90 per hour (for a time quantity: the share of runs in which the time had come, in all three). */
  on: { p10: number[]; median: number[]; p90: number[] };
  /** Doctrine off: the median per hour (the share, for a time quantity). */
  offMedian: number[];
}

export interface HindcastSummary {
  format: typeof HINDCAST_FORMAT;
  scenarioId: string;
  scenarioSha256: string;
  seeds: number[];
  untilSec: number;
  /** How a series is read at tHours. */
  reading: 'the KPI sample at or before tHours';
  /** The seats the doctrine plays in the "on" runs; "off" runs have none. */
  doctrineSeatsOn: string[];
  source: string;
  points: HindcastPoint[];
  curves: HindcastCurve[];
  /** Doctrine-on runs only: which townships came back last, and how long each was cut off by road. */
  townships?: TownshipSummary;
  /** A params file the runs used (`--params`): absent, the defaults. */
  params?: { file: string; overrides: ParamOverride[] };
}

export function summariseHindcast(o: {
  scenarioId: string;
  scenarioSha256: string;
  observed: ObservedDoc;
  seeds: readonly number[];
  untilSec: number;
  doctrineSeatsOn: readonly string[];
  runs: readonly HindcastRunValues[];
  /** The scenario's world, for the township table (omitted: no table). */
  world?: World;
  /** The params file the runs used, and what it overrides. */
  params?: HindcastSummary['params'];
}): HindcastSummary {
  const byCase = (c: DoctrineCase) => [...o.runs].filter((r) => r.doctrine === c).sort((a, b) => a.seed - b.seed);
  const on = byCase('on'), off = byCase('off');
  const points = o.observed.points.map((point, i): HindcastPoint => {
    const bOn = band(on.map((r) => r.values[i])), bOff = band(off.map((r) => r.values[i]));
    return { point, on: bOn, off: bOff, inOnBand: observedInBand(point, bOn) };
  });
  const keys = new Map(o.observed.points.map((p) => [curveKeyOf(p), p.quantity] as const));
  const curves = [...keys].map(([key, quantity]): HindcastCurve => {
    const length = Math.max(0, ...[...on, ...off].map((r) => r.curves[key]?.length ?? 0));
    const tHours = Array.from({ length }, (_, k) => k);
    const at = (runs: HindcastRunValues[], k: number) => runs.map((r) => r.curves[key]?.[k]).filter((v): v is number => v !== undefined && Number.isFinite(v));
    const share = (vs: number[]) => (vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : Number.NaN);
    if (isTimeQuantity(quantity)) {
      const s = tHours.map((k) => share(at(on, k)));
      return { key, quantity, tHours, on: { p10: s, median: s, p90: s }, offMedian: tHours.map((k) => share(at(off, k))) };
    }
    const pOn = tHours.map((k) => percentiles(at(on, k)));
    return {
      key,
      quantity,
      tHours,
      on: { p10: pOn.map((p) => p.p10 ?? Number.NaN), median: pOn.map((p) => p.p50 ?? Number.NaN), p90: pOn.map((p) => p.p90 ?? Number.NaN) },
      offMedian: tHours.map((k) => percentiles(at(off, k)).p50 ?? Number.NaN),
    };
  });
  const townshipRuns = on.map((r) => r.townships).filter((t): t is TownshipRunValues => t !== undefined);
  const townships = o.world && townshipRuns.length === on.length && on.length > 0 ? summariseTownships(o.world, townshipRuns) : undefined;
  return {
    format: HINDCAST_FORMAT,
    scenarioId: o.scenarioId,
    scenarioSha256: o.scenarioSha256,
    seeds: [...o.seeds],
    untilSec: o.untilSec,
    reading: 'the KPI sample at or before tHours',
    doctrineSeatsOn: [...o.doctrineSeatsOn],
    source: o.observed.source,
    points,
    curves,
    ...(townships ? { townships } : {}),
    ...(o.params ? { params: { file: o.params.file, overrides: [...o.params.overrides] } } : {}),
  };
}

/** Quantity names for people, in English and Chinese. */
export const QUANTITY_LABELS: Record<ObservedQuantity, { en: string; zh: string; unit: string }> = {
  failedSitesRestoredFrac: { en: 'failed sites restored', zh: '退服基站恢复率', unit: '%' },
  powerRestoredFrac: { en: 'power customers restored', zh: '停电用户恢复率', unit: '%' },
  roadsReopenedFrac: { en: 'blocked roads reopened', zh: '受阻道路抢通率', unit: '%' },
  sitesOffAir: { en: 'sites off air', zh: '退服基站数', unit: 'sites' },
  uavBaseStationsDeployed: { en: 'UAV base stations deployed', zh: '已投入无人机基站', unit: 'stations' },
  firstUavOnStationHours: { en: 'first UAV on station', zh: '首架无人机到位', unit: 'h' },
  roadSectionOpenHours: { en: 'road section through', zh: '路段抢通', unit: 'h' },
};

/** A point's name in the table and on the chart: a road section adds its point id (each names its own segments). */
const pointLabel = (p: ObservedPoint, lang: 'en' | 'zh' = 'en'): string => `${QUANTITY_LABELS[p.quantity][lang]}${p.quantity === 'roadSectionOpenHours' ? ` (${p.id})` : ''}`;

/** A value as the table shows it: fractions in per cent, counts whole, times as T+h; null is "never" for a time, "—" otherwise. */
export function formatQuantity(quantity: ObservedQuantity, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return isTimeQuantity(quantity) ? 'never' : '—';
  if (isTimeQuantity(quantity)) return `T+${v.toFixed(1)} h`;
  if (isCountQuantity(quantity)) return String(Math.round(v));
  return `${(v * 100).toFixed(0)} %`;
}

function formatBand(quantity: ObservedQuantity, b: Band): string {
  if (b.n === 0) return '—';
  if (b.median === null && b.p10 === null) return 'never';
  const f = (v: number | null) => formatQuantity(quantity, v);
  if (isTimeQuantity(quantity)) return `${f(b.median)} (${f(b.p10).replace('T+', '')}–${f(b.p90).replace('T+', '')})`;
  const bare = (s: string) => s.replace(' %', '');
  return isCountQuantity(quantity) ? `${f(b.median)} (${f(b.p10)}–${f(b.p90)})` : `${f(b.median)} (${bare(f(b.p10))}–${f(b.p90)})`;
}

function formatObserved(p: ObservedPoint): string {
  const f = (v: number) => formatQuantity(p.quantity, v);
  const range = p.valueLo !== undefined || p.valueHi !== undefined ? ` (${f(p.valueLo ?? p.value)}–${f(p.valueHi ?? p.value)})` : '';
  return `${p.uncertain ? '≈ ' : ''}${f(p.value)}${range}`;
}

/** The rows of the table, shared by the terminal and the Markdown. */
export function hindcastRows(s: HindcastSummary): string[][] {
  return s.points.map((h) => [
    `${pointLabel(h.point)}, ${isTimeQuantity(h.point.quantity) ? 'time' : `T+${h.point.tHours} h`}`,
    formatObserved(h.point),
    formatBand(h.point.quantity, h.on),
    formatBand(h.point.quantity, h.off),
    h.inOnBand === null ? '—' : h.inOnBand ? 'yes' : 'no',
  ]);
}

export const HINDCAST_HEADER = ['observed point', 'observed', 'doctrine on: median (P10–P90)', 'doctrine off: median (P10–P90)', 'observed in the on-band'];

/** The README-ready table, with a line on the seeds and a numbered list of what each figure is and where it comes from. */
export function hindcastMarkdown(s: HindcastSummary): string {
  const esc = (t: string) => t.replace(/\|/g, '\\|');
  const lines = [
    `| ${HINDCAST_HEADER.join(' | ')} |`,
    `|${HINDCAST_HEADER.map(() => '---').join('|')}|`,
    ...hindcastRows(s).map((r, i) => `| ${esc(r[0])} [${i + 1}] | ${r.slice(1).map(esc).join(' | ')} |`),
    '',
    `${s.scenarioId}, seeds ${seedText(s.seeds)} (${s.seeds.length} runs with the doctrine on, playing ${s.doctrineSeatsOn.length} seats, and ${s.seeds.length} with no responder), ${Math.round(s.untilSec / 3600)} h; the model's value is the KPI sample at or before the observed time. ≈ marks a figure the source gives as approximate or that measures something close to, not the same as, the model's quantity.`,
    ...(s.params ? ['', esc(paramsLine(s.params))] : []),
    '',
    ...s.points.map((h, i) => `${i + 1}. ${esc(h.point.what)}${h.point.uncertain ? ' (uncertain)' : ''}. Source: ${esc(h.point.source)}.`),
    ...(s.townships ? ['', ...townshipMarkdown(s.townships, s.seeds)] : []),
  ];
  return lines.join('\n') + '\n';
}

/** What a params file changed, in one line: the runs are not the default model's. */
export function paramsLine(p: { file: string; overrides: readonly ParamOverride[] }): string {
  const n = p.overrides.length;
  // The first five: a whole fragility table would make a paragraph of it (hindcast.json has every one).
  const shown = p.overrides.slice(0, 5).map((o) => `${o.pointer} = ${o.value}`).join(', ') + (n > 5 ? `, and ${n - 5} more` : '');
  return `Model parameters: ${n} value${n === 1 ? '' : 's'} overridden by ${p.file}${n ? ` (${shown})` : ''}.`;
}

/** An hour as the township table shows it; null: still not restored at the end. */
const atHour = (h: number | null) => (h === null ? 'not by the end' : `T+${Math.round(h)} h`);

/** The township rows, shared by the terminal and the Markdown: last restored first. */
export function townshipRows(t: TownshipSummary): string[][] {
  return t.rows.map((r) => [
    `${r.nameZh} ${r.nameEn}`.trim(),
    String(r.sites),
    String(Math.round(r.failedSites)),
    r.allBack.n === 0 ? '—' : `${atHour(r.allBack.median)} (${atHour(r.allBack.p10).replace('T+', '')}–${atHour(r.allBack.p90).replace('T+', '')})`,
    String(Math.round(r.cutOffHours)),
  ]);
}

export const TOWNSHIP_HEADER = ['township', 'sites', 'failed (median)', 'all back by: median (P10–P90)', 'its sites cut off by road, h (median of the mean)'];

/** One sentence on whether the last-restored townships are the ones cut off by road. */
export function townshipVerdict(t: TownshipSummary): string {
  const rho = t.spearman === null ? 'not defined (too few townships with failures, or no spread)' : `ρ = ${t.spearman.toFixed(2)}`;
  return `Spearman's rank correlation between the hours a township's sites were cut off by road and the time all its failed sites were back, over the ${t.townshipsRanked} townships whose sites failed in at least half the runs: ${rho}.`;
}

function townshipMarkdown(t: TownshipSummary, seeds: readonly number[]): string[] {
  const esc = (x: string) => x.replace(/\|/g, '\\|');
  return [
    `Townships, last restored first (doctrine on, seeds ${seedText(seeds)}; read every hour): when every site of the township that failed counted as restored for good (back on air, or stood in for by an emergency cell set up at it), over the runs in which any failed ("not by the end": some still not restored at the end of the run), and for how many hours its sites were cut off by road on average (no base of the scenario could reach the road node nearest a site by road vehicle, for blocked segments).`,
    '',
    `| ${TOWNSHIP_HEADER.join(' | ')} |`,
    `|${TOWNSHIP_HEADER.map(() => '---').join('|')}|`,
    ...townshipRows(t).map((r) => `| ${r.map(esc).join(' | ')} |`),
    '',
    townshipVerdict(t),
  ];
}

function seedText(seeds: readonly number[]): string {
  const sorted = [...seeds].sort((a, b) => a - b);
  const contiguous = sorted.every((v, i) => i === 0 || v === sorted[i - 1] + 1);
  return contiguous && sorted.length > 2 ? `${sorted[0]}–${sorted[sorted.length - 1]}` : sorted.join(', ');
}

const escXml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The chart: one panel per observed quantity over time, the doctrine-on
 * median with its P10–P90 band, the doctrine-off median dashed, and each
 * observed point as a ring with its label (uncertain points hollow and
 * dashed, with their range as a bar). For a time (the first UAV on station,
 * a road section through) the panel shows the share of runs in which it had
 * come by each hour, and the observed time as a vertical mark. Bilingual axis labels; inline SVG only.
 */
export function hindcastSvg(s: HindcastSummary, title: string): string {
  const width = 760, left = 64, right = 24, panelH = 210, top = 52, gap = 44;
  const plotW = width - left - right;
  const hoursMax = s.untilSec / 3600;
  // Hours in steps of a watch: 2 h up to a day, 6 h up to four days, else 12 h.
  const xStep = hoursMax <= 24 ? 2 : hoursMax <= 96 ? 6 : 12;
  const x = { lo: 0, hi: Math.max(xStep, Math.ceil(hoursMax / xStep) * xStep), step: xStep };
  const px = (h: number) => left + (Math.min(h, x.hi) / x.hi) * plotW;
  const parts: string[] = [`<text x="8" y="18" font-weight="bold">${escXml(title)}</text>`];
  s.curves.forEach((c, k) => {
    const y0 = top + k * (panelH + gap), y1 = y0 + panelH - 30;
    const label = QUANTITY_LABELS[c.quantity];
    // A time quantity is drawn as the share of runs in which the time had come, with the observed time as a vertical mark.
    const isTime = isTimeQuantity(c.quantity);
    const isSection = c.quantity === 'roadSectionOpenHours';
    const first = s.points.find((h) => curveKeyOf(h.point) === c.key)!.point;
    const pct = c.quantity.endsWith('Frac') || isTime;
    const scale = pct ? 100 : 1;
    const vals = pct ? [0, 100] : [0, ...c.on.p90, ...c.on.p10, ...c.offMedian, ...s.points.filter((p) => curveKeyOf(p.point) === c.key).map((p) => p.point.valueHi ?? p.point.value)].filter(Number.isFinite);
    const y = pct ? { lo: 0, hi: 100, step: 20 } : niceAxis(Math.min(...vals), Math.max(...vals), 4);
    const py = (v: number) => y1 - ((v * scale - y.lo) / (y.hi - y.lo)) * (y1 - y0);
    const shareName = isSection ? { long: 'runs with the section through, % / 路段已抢通占比', short: 'runs with the section through, %' } : { long: 'runs with a UAV up, % / 无人机到位占比', short: 'runs with a UAV on station, %' };
    const yName = isTime ? shareName.long : `${label.en}, ${label.unit} / ${label.zh}`;
    parts.push(`<text x="${left}" y="${y0 - 8}" font-weight="bold">${escXml(`${pointLabel(first)} / ${pointLabel(first, 'zh')}`)}</text>`);
    for (let v = y.lo, n = 0; v <= y.hi + y.step / 2 && n < 30; v += y.step, n++) {
      const yy = r2(y1 - ((v - y.lo) / (y.hi - y.lo)) * (y1 - y0));
      parts.push(`<line x1="${left}" x2="${width - right}" y1="${yy}" y2="${yy}" stroke="#e4e4e4"/><text x="${left - 6}" y="${yy + 4}" text-anchor="end">${Number(v.toPrecision(6))}${pct ? ' %' : ''}</text>`);
    }
    for (let h = 0, n = 0; h <= x.hi + 1e-9 && n < 40; h += x.step, n++) {
      parts.push(`<line x1="${r2(px(h))}" x2="${r2(px(h))}" y1="${y1}" y2="${y1 + 4}" stroke="#555"/><text x="${r2(px(h))}" y="${y1 + 16}" text-anchor="middle">${Number(h.toPrecision(6))}</text>`);
    }
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y1}" y2="${y1}" stroke="#555"/>`);
    parts.push(`<text x="${left + plotW / 2}" y="${y1 + 28}" text-anchor="middle">hours after the earthquake / 震后小时数</text>`);
    parts.push(`<text transform="translate(14 ${r2((y0 + y1) / 2)}) rotate(-90)" text-anchor="middle" font-size="10">${escXml(yName.length > 48 ? (isTime ? shareName.short : `${label.en}, ${label.unit}`) : yName)}</text>`);
    const poly = (vs: readonly number[]) => c.tHours.map((h, i) => (Number.isFinite(vs[i]) ? `${r2(px(h))},${r2(py(vs[i]))}` : '')).filter(Boolean).join(' ');
    if (!isTime) {
      const up = c.tHours.map((h, i) => `${r2(px(h))},${r2(py(c.on.p90[i]))}`);
      const down = c.tHours.map((h, i) => `${r2(px(h))},${r2(py(c.on.p10[i]))}`).reverse();
      parts.push(`<polygon points="${[...up, ...down].join(' ')}" fill="#0072B2" fill-opacity="0.2" stroke="none"/>`);
    }
    parts.push(`<polyline points="${poly(c.on.median)}" fill="none" stroke="#0072B2" stroke-width="2"/>`);
    parts.push(`<polyline points="${poly(c.offMedian)}" fill="none" stroke="#D55E00" stroke-width="1.8" stroke-dasharray="6 4"/>`);
    s.points.forEach((h, i) => {
      const p = h.point;
      if (curveKeyOf(p) !== c.key) return;
      const colour = '#000';
      const dash = p.uncertain ? ' stroke-dasharray="3 2"' : '';
      const tag = `[${i + 1}] ${formatObserved(p)}${isTime ? '' : ` at T+${p.tHours} h`}`;
      if (isTime) {
        const xx = r2(px(p.value));
        if (p.valueLo !== undefined || p.valueHi !== undefined) parts.push(`<rect x="${r2(px(p.valueLo ?? p.value))}" y="${y0}" width="${r2(Math.max(1, px(p.valueHi ?? p.value) - px(p.valueLo ?? p.value)))}" height="${y1 - y0}" fill="#000" fill-opacity="0.07"/>`);
        parts.push(`<line x1="${xx}" x2="${xx}" y1="${y0}" y2="${y1}" stroke="${colour}" stroke-width="1.5"${dash}/><text x="${xx + 4}" y="${y0 + 12}">${escXml(`observed ${tag}`)}</text>`);
        return;
      }
      const cx = r2(px(p.tHours)), cy = r2(py(p.value));
      if (p.valueLo !== undefined || p.valueHi !== undefined) parts.push(`<line x1="${cx}" x2="${cx}" y1="${r2(py(p.valueLo ?? p.value))}" y2="${r2(py(p.valueHi ?? p.value))}" stroke="${colour}" stroke-width="1.5"/>`);
      parts.push(`<circle cx="${cx}" cy="${cy}" r="5" fill="${p.uncertain ? 'white' : colour}" stroke="${colour}" stroke-width="1.5"${dash}/>`);
      const anchorEnd = cx > left + plotW * 0.7;
      parts.push(`<text x="${anchorEnd ? cx - 8 : cx + 8}" y="${cy + (cy < y0 + 14 ? 14 : -7)}"${anchorEnd ? ' text-anchor="end"' : ''}>${escXml(tag)}</text>`);
    });
  });
  const bottom = top + s.curves.length * (panelH + gap) - gap + 6;
  const row = (k: number) => bottom + k * 16;
  const legend = [
    `<rect x="${left}" y="${row(0)}" width="22" height="10" fill="#0072B2" fill-opacity="0.2"/><line x1="${left}" x2="${left + 22}" y1="${row(0) + 5}" y2="${row(0) + 5}" stroke="#0072B2" stroke-width="2"/><text x="${left + 30}" y="${row(0) + 9}">doctrine on (every seat): median and P10–P90 band; for a time, the share of runs / 条令响应：中位数与P10–P90区间</text>`,
    `<line x1="${left}" x2="${left + 22}" y1="${row(1) + 5}" y2="${row(1) + 5}" stroke="#D55E00" stroke-width="1.8" stroke-dasharray="6 4"/><text x="${left + 30}" y="${row(1) + 9}">no response: median / 无响应：中位数</text>`,
    `<circle cx="${left + 5}" cy="${row(2) + 5}" r="5" fill="#000"/><circle cx="${left + 18}" cy="${row(2) + 5}" r="5" fill="white" stroke="#000" stroke-dasharray="3 2"/><text x="${left + 30}" y="${row(2) + 9}">observed, numbered as in the table (hollow: uncertain) / 实测值（空心：不确定）</text>`,
    `<text x="${left + 30}" y="${row(3) + 9}">seeds ${escXml(seedText(s.seeds))}, ${s.seeds.length} runs each way / 每种 ${s.seeds.length} 次运行</text>`,
  ];
  const height = row(4) + 6;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escXml(title)}" font-family="system-ui,sans-serif" font-size="11"><rect width="${width}" height="${height}" fill="white"/>${parts.join('')}${legend.join('')}</svg>\n`;
}
