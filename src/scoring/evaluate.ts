// Scoring a run against a capability-target profile. A pure function of the
// report, the profile and the evaluators' observations: replaying the run
// reproduces the score exactly. Each indicator reduces a KPI series to one
// value, which falls in one of the four HSEEP bands; ratings convert to
// scores and weighted means (GB/T 46792-2025 Annex D style; the numbers are
// the profile's `scoring` block, an assumption). A KPI the report lacks makes
// its indicator "notMeasured" with the reason; it never crashes or guesses.
import { formatElapsed, formatNumber, formatTarget, formatValue, KPI_NAMES, label, SEAT_NAMES, type Lang, type Localized } from './i18n.ts';
import { DEPARTMENTS } from '../model/seats.ts';
import type { ReportExercise } from '../model/msel.ts';
import {
  DEFAULT_SCORING,
  REDUCERS,
  type IndicatorSpec,
  type KpiSpec,
  type Level,
  type Observation,
  type ScoringScheme,
  type SourceRef,
  type TargetProfile,
} from './profile.ts';

export type Rating = Level | 'notMeasured';

/** The parts of a run report ("drilltwin/report@1") that scoring reads. The engine's Report fits it. */
export interface ScoredReport {
  format?: string;
  engineVersion: string;
  scenario: { id: string; name: { zh: string; en?: string }; sha256: string };
  seed: number;
  start: string;
  timeZone: string;
  untilSec: number;
  commands: ReportCommand[];
  /** Seats the doctrine responder played when the run began. */
  doctrineSeats?: string[];
  finalStateHash: string;
  kpis: { intervalSec: number; series: Record<string, number[]>; summary?: Record<string, number | null> };
  /** Inject states, expected actions, evaluators' observations and ratings of a drill. */
  exercise?: ReportExercise;
  targets?: TargetsSummary;
  /** What each hazard amounted to (engine's hazards/summary.ts). */
  hazards?: ReportHazard[];
  aftershocks?: { quake: string; tSec: number; ms: number }[];
  warnings?: ReportWarning[];
  msel?: ReportInject[];
}

export interface ReportHazard {
  id: string;
  type: string;
  tSec: number;
  /** Earthquakes: [lon, lat] in degrees. */
  epicenter?: [number, number];
  magnitude?: number;
  magnitudeType?: string;
  depthKm?: number;
  /** Earthquakes: area (km²) at or above each intensity degree, keyed "6", "7", ... */
  areasKm2?: Record<string, number>;
  /** Floods. */
  endSec?: number;
  zones?: { zoneId: string; peakLevelM: number; peakAtSec: number }[];
}

export interface ReportWarning {
  id: string;
  sentAtSec: number;
  deliveredAtSec: number;
  seat: string;
  severity: string;
  event: string;
  headline: string;
  areaNames: string[];
  targetPeople: number;
  reachedPeople: number;
}

export interface ReportInject {
  id: string;
  tSec: number;
  to: string;
  text: { zh: string; en?: string };
}

export interface ReportCommand {
  tSec: number;
  seat: string;
  type: string;
  args: Record<string, unknown>;
  result: { ok: true } | { rejected: string };
  /** Set when the doctrine responder, not a person, issued it. */
  by?: 'doctrine';
}

export interface IndicatorResult {
  id: string;
  group: string;
  nameZh: string;
  nameEn: string;
  /** In `unit`; null when not measured, or when a time was never reached. */
  value: number | null;
  unit: string;
  direction: IndicatorSpec['direction'];
  /** The target: the limit of band P. */
  threshold: number;
  bands: { P: number; S: number; M: number };
  /** What the data says. */
  measuredRating: Rating;
  /** What counts: the evaluator's rating when there is one, else the measured one. */
  rating: Rating;
  score: number | null;
  weight: number;
  /** When the value was seen (min, max, valueAt, reached), seconds after T0. */
  atSec: number | null;
  /** The numbers behind the rating, or why it was not measured. */
  evidence: Localized;
  /** Target in words: "≥ 60 %". */
  target: Localized;
  source: SourceRef;
  assumption: boolean;
  note?: string;
  departments: string[];
  manual?: { rating: Level; note: string; by: string; tSec: number };
  observations: Observation[];
}

export interface RatedScore {
  /** Weighted mean over the indicators with a rating (provisional when not complete). */
  score: number | null;
  /** The rating: only when every indicator counted has one; otherwise 'notMeasured'. */
  rating: Rating;
  /** Every indicator counted has a rating (measured, or given by an evaluator). */
  complete: boolean;
  /** What the score alone would rate: shown as provisional when not complete. */
  provisionalRating: Rating;
}

export interface GroupResult extends RatedScore {
  id: string;
  nameZh: string;
  nameEn: string;
  indicators: string[];
  /** Indicators with a rating: measured, or rated by an evaluator. */
  rated: number;
}

export interface DepartmentResult extends RatedScore {
  id: string;
  nameZh: string;
  nameEn: string;
  indicators: string[];
  /** Commands people at this seat gave, and how many of them were refused. */
  commands: number;
  rejected: number;
  /** Commands the doctrine responder gave for this seat, and refusals among them. */
  doctrineCommands: number;
  doctrineRejected: number;
}

export interface Evaluation {
  profile: { id: string; name: { zh: string; en: string } };
  scoring: ScoringScheme;
  overall: RatedScore & {
    pass: boolean | null;
    /** Indicators the run's data rated. */
    measuredIndicators: number;
    /** Indicators with a rating, measured or given by an evaluator: the ones in the score. */
    ratedIndicators: number;
    totalIndicators: number;
    /** Share of the total weight that the score rests on. */
    ratedWeightFrac: number;
  };
  groups: GroupResult[];
  byDepartment: DepartmentResult[];
  indicators: IndicatorResult[];
  /** Observations with no indicator: general notes for the report. */
  generalObservations: Observation[];
  /** Observations naming an indicator the profile does not have. */
  unmatchedObservations: Observation[];
}

/** The compact form stored in a report as `report.targets`. */
export interface TargetsSummary {
  profile: { id: string; name: { zh: string; en: string } };
  overall: { score: number | null; rating: Rating; pass: boolean | null };
  indicators: { id: string; group: string; value: number | null; unit: string; threshold: number; rating: Rating; score: number | null }[];
}

const DEPARTMENT_ORDER: readonly string[] = [...DEPARTMENTS, 'director'];

// ---- series access ----

interface Derived {
  t: number[];
  /** null where a denominator is 0. */
  v: (number | null)[];
  num: number[];
  den: number[] | null;
}

type Outcome =
  | { kind: 'value'; raw: number; atSec: number | null; detail: Localized }
  | { kind: 'never'; endSec: number; detail: Localized }
  | { kind: 'notMeasured'; reason: Localized };

function asList(x: string | string[] | undefined): string[] {
  return x === undefined ? [] : typeof x === 'string' ? [x] : x;
}

function kpiName(idText: string, lang: Lang): string {
  return label(KPI_NAMES, idText, lang);
}

function notMeasured(zh: string, en: string): Outcome {
  return { kind: 'notMeasured', reason: { zh, en } };
}

function isNumberArray(x: unknown): x is number[] {
  return Array.isArray(x) && x.every((v) => typeof v === 'number' && Number.isFinite(v));
}

function getSeries(report: ScoredReport, ids: string[]): { ok: true; t: number[]; cols: number[][] } | { ok: false; outcome: Outcome } {
  const series = report.kpis?.series ?? {};
  const t = series.tSec;
  if (!isNumberArray(t) || t.length === 0) return { ok: false, outcome: notMeasured('报告中没有KPI采样', 'The report has no KPI samples') };
  const cols: number[][] = [];
  for (const sid of ids) {
    const col = (series as Record<string, unknown>)[sid];
    if (col === undefined) {
      return { ok: false, outcome: notMeasured(`本次运行未记录指标“${kpiName(sid, 'zh')}”`, `"${kpiName(sid, 'en')}" was not recorded in this run`) };
    }
    if (!isNumberArray(col) || col.length !== t.length) {
      return { ok: false, outcome: notMeasured(`指标“${kpiName(sid, 'zh')}”的采样不完整`, `"${kpiName(sid, 'en')}" has ${Array.isArray(col) ? col.length : 0} usable samples for ${t.length} sample times`) };
    }
    cols.push(col);
  }
  return { ok: true, t, cols };
}

function sumCols(cols: number[][], n: number): number[] {
  const out = new Array<number>(n).fill(0);
  for (const col of cols) for (let i = 0; i < n; i++) out[i] += col[i];
  return out;
}

function derive(report: ScoredReport, kpi: KpiSpec): { ok: true; d: Derived } | { ok: false; outcome: Outcome } {
  const numIds = asList(kpi.series);
  const denIds = asList(kpi.per);
  const got = getSeries(report, [...numIds, ...denIds]);
  if (!got.ok) return got;
  const n = got.t.length;
  const num = sumCols(got.cols.slice(0, numIds.length), n);
  const den = denIds.length ? sumCols(got.cols.slice(numIds.length), n) : null;
  const v = num.map((x, i) => (den === null ? x : den[i] === 0 ? null : x / den[i]));
  return { ok: true, d: { t: got.t, v, num, den } };
}

// ---- reducers (raw KPI units; times in seconds) ----

function windowOf(kpi: KpiSpec, d: Derived): { from: number; to: number } | { outcome: Outcome } {
  const first = d.t[0];
  const last = d.t[d.t.length - 1];
  const from = kpi.window?.fromSec ?? first;
  const to = kpi.window?.toSec ?? last;
  if (to > last) {
    return {
      outcome: notMeasured(
        `运行于${formatElapsed(last, 'zh')}结束，该指标需要数据至${formatElapsed(to, 'zh')}`,
        `the run ended at ${formatElapsed(last, 'en')}; this indicator needs data up to ${formatElapsed(to, 'en')}`,
      ),
    };
  }
  if (from < first) return { outcome: notMeasured(`采样始于${formatElapsed(first, 'zh')}`, `sampling starts at ${formatElapsed(first, 'en')}`) };
  return { from, to };
}

function fmtRaw(x: number): string {
  return Number.isInteger(x) ? String(x) : formatNumber(x, 3);
}

function ratioDetail(d: Derived, i: number, lang: Lang): string {
  if (d.den === null) return '';
  return lang === 'zh' ? `（${fmtRaw(d.num[i])}/${fmtRaw(d.den[i])}）` : ` (${fmtRaw(d.num[i])} of ${fmtRaw(d.den[i])})`;
}

function reduceExtreme(kpi: KpiSpec, d: Derived, which: 'min' | 'max'): Outcome {
  const w = windowOf(kpi, d);
  if ('outcome' in w) return w.outcome;
  let best: number | null = null;
  let at = -1;
  for (let i = 0; i < d.t.length; i++) {
    const v = d.v[i];
    if (d.t[i] < w.from || d.t[i] > w.to || v === null) continue;
    if (best === null || (which === 'min' ? v < best : v > best)) {
      best = v;
      at = i;
    }
  }
  if (best === null) return notMeasured('窗口内没有有效采样', 'no valid sample in the window');
  return { kind: 'value', raw: best, atSec: d.t[at], detail: { zh: ratioDetail(d, at, 'zh'), en: ratioDetail(d, at, 'en') } };
}

function reduceFinal(d: Derived): Outcome {
  for (let i = d.t.length - 1; i >= 0; i--) {
    const v = d.v[i];
    if (v !== null) return { kind: 'value', raw: v, atSec: d.t[i], detail: { zh: ratioDetail(d, i, 'zh'), en: ratioDetail(d, i, 'en') } };
  }
  return notMeasured('没有有效采样', 'no valid sample');
}

function reduceValueAt(kpi: KpiSpec, d: Derived): Outcome {
  const at = kpi.tSec ?? 0;
  const last = d.t[d.t.length - 1];
  if (at > last) {
    return notMeasured(
      `运行于${formatElapsed(last, 'zh')}结束，早于取值时刻${formatElapsed(at, 'zh')}`,
      `the run ended at ${formatElapsed(last, 'en')}, before ${formatElapsed(at, 'en')}`,
    );
  }
  let idx = -1;
  for (let i = 0; i < d.t.length && d.t[i] <= at; i++) idx = i;
  if (idx < 0) return notMeasured(`${formatElapsed(at, 'zh')}之前没有采样`, `no sample at or before ${formatElapsed(at, 'en')}`);
  const v = d.v[idx];
  if (v === null) return notMeasured(`${formatElapsed(at, 'zh')}时分母为零`, `the denominator is zero at ${formatElapsed(at, 'en')}`);
  return { kind: 'value', raw: v, atSec: d.t[idx], detail: { zh: ratioDetail(d, idx, 'zh'), en: ratioDetail(d, idx, 'en') } };
}

function holds(v: number | null, op: '>=' | '<=', threshold: number): boolean {
  return v !== null && (op === '>=' ? v >= threshold : v <= threshold);
}

function reduceTimeToReach(kpi: KpiSpec, d: Derived): Outcome {
  const w = windowOf(kpi, d);
  if ('outcome' in w) return w.outcome;
  const op = kpi.op ?? '>=';
  const threshold = kpi.threshold ?? 0;
  let found = -1;
  for (let i = 0; i < d.t.length; i++) {
    if (d.t[i] < w.from || d.t[i] > w.to) continue;
    if (holds(d.v[i], op, threshold)) {
      if (found < 0) found = i;
    } else if (kpi.sustained) found = -1;
  }
  if (found < 0) return { kind: 'never', endSec: w.to, detail: { zh: '', en: '' } };
  return { kind: 'value', raw: d.t[found] - w.from, atSec: d.t[found], detail: { zh: '', en: '' } };
}

/**
 * Loss of resilience R = ∫(100 − Q) dt with Q = 100 × the series, in %·h
 * (Bruneau et al. 2003), by the trapezoidal rule over the time window; a window
 * edge between samples is interpolated linearly; samples with no value
 * (zero denominator) end the measurement.
 */
function reduceResilienceLoss(kpi: KpiSpec, d: Derived): Outcome {
  const w = windowOf(kpi, d);
  if ('outcome' in w) return w.outcome;
  const loss = (i: number) => 100 - 100 * (d.v[i] as number);
  let areaPctSec = 0;
  for (let i = 0; i + 1 < d.t.length; i++) {
    const t0 = d.t[i], t1 = d.t[i + 1];
    if (t1 <= w.from || t0 >= w.to) continue;
    if (d.v[i] === null || d.v[i + 1] === null) return notMeasured('窗口内存在无效采样', 'a sample in the window has no value');
    const a = Math.max(t0, w.from), b = Math.min(t1, w.to);
    const l0 = loss(i), l1 = loss(i + 1);
    const at = (x: number) => l0 + ((l1 - l0) * (x - t0)) / (t1 - t0);
    areaPctSec += ((at(a) + at(b)) / 2) * (b - a);
  }
  const hours = (w.to - w.from) / 3600;
  const meanService = hours > 0 ? 100 - areaPctSec / 3600 / hours : 100;
  return {
    kind: 'value',
    raw: areaPctSec / 3600,
    atSec: null,
    detail: {
      zh: `窗口${formatElapsed(w.from, 'zh')}至${formatElapsed(w.to, 'zh')}，期间平均服务水平 ${formatNumber(meanService, 1)} %`,
      en: `over ${formatElapsed(w.from, 'en')} to ${formatElapsed(w.to, 'en')}, mean service ${formatNumber(meanService, 1)} %`,
    },
  };
}

/**
 * Mean time from request to answer, from two cumulative counts: with
 * requests answered in order, the area between the curves divided by the
 * number raised is the mean wait (Little's law). Requests still open at the
 * end count up to the end, so the value is then a lower bound. Resolution
 * is one sampling interval.
 */
function reduceMeanLag(report: ScoredReport, kpi: KpiSpec): Outcome {
  const raisedId = asList(kpi.series)[0];
  const doneId = kpi.doneSeries ?? '';
  const got = getSeries(report, [raisedId, doneId]);
  if (!got.ok) return got.outcome;
  const [raised, done] = got.cols;
  const t = got.t;
  const n = raised[raised.length - 1];
  if (!(n > 0)) return notMeasured('本次运行未产生相关需求（未演练该能力）', 'no requests were raised in this run (capability not exercised)');
  let area = 0;
  for (let i = 0; i + 1 < t.length; i++) {
    const g0 = Math.max(0, raised[i] - done[i]);
    const g1 = Math.max(0, raised[i + 1] - done[i + 1]);
    area += ((g0 + g1) / 2) * (t[i + 1] - t[i]);
  }
  const open = Math.max(0, n - done[done.length - 1]);
  return {
    kind: 'value',
    raw: area / n,
    atSec: null,
    detail: {
      zh: `共${fmtRaw(n)}项需求${open > 0 ? `，结束时仍有${fmtRaw(open)}项未响应（计至结束，结果为下限）` : ''}`,
      en: `${fmtRaw(n)} request${n === 1 ? '' : 's'}${open > 0 ? `, ${fmtRaw(open)} still open at the end (counted to the end: a lower bound)` : ''}`,
    },
  };
}

function measure(report: ScoredReport, kpi: KpiSpec): Outcome {
  if (!(REDUCERS as readonly string[]).includes(kpi.reduce)) return notMeasured(`未知的计算方法“${kpi.reduce}”`, `unknown reducer "${kpi.reduce}"`);
  if (kpi.reduce === 'meanLag') return reduceMeanLag(report, kpi);
  const got = derive(report, kpi);
  if (!got.ok) return got.outcome;
  const d = got.d;
  switch (kpi.reduce) {
    case 'min':
      return reduceExtreme(kpi, d, 'min');
    case 'max':
      return reduceExtreme(kpi, d, 'max');
    case 'final':
      return reduceFinal(d);
    case 'valueAt':
      return reduceValueAt(kpi, d);
    case 'timeToReach':
      return reduceTimeToReach(kpi, d);
    case 'resilienceLoss':
      return reduceResilienceLoss(kpi, d);
  }
}

// ---- units, bands, scores ----

const TIME_FACTOR: Record<string, number> = { s: 1, min: 60, h: 3600 };

/** Raw reducer result → the indicator's unit. */
function toUnit(spec: IndicatorSpec, raw: number): number {
  const perUnit = TIME_FACTOR[spec.unit];
  if (spec.kpi.reduce === 'timeToReach' || spec.kpi.reduce === 'meanLag') return raw / (perUnit ?? 1);
  if (spec.kpi.reduce === 'resilienceLoss') return raw;
  return spec.unit === '%' ? raw * 100 : raw;
}

export function rateValue(value: number, direction: IndicatorSpec['direction'], bands: { P: number; S: number; M: number }): Level {
  const better = (a: number, limit: number) => (direction === 'higherIsBetter' ? a >= limit : a <= limit);
  if (better(value, bands.P)) return 'P';
  if (better(value, bands.S)) return 'S';
  if (better(value, bands.M)) return 'M';
  return 'U';
}

export function ratingFromScore(score: number, cuts: ScoringScheme['ratingCuts']): Level {
  if (score >= cuts.P) return 'P';
  if (score >= cuts.S) return 'S';
  if (score >= cuts.M) return 'M';
  return 'U';
}

/** Scores are kept to two decimals so stored reports stay short and stable. */
function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Weighted mean over the rated indicators. A group is rated only on all its
 * evidence: with any indicator unrated the mean is kept as a provisional
 * score and the rating is 'notMeasured' (a group is never rated P on half its
 * indicators).
 */
function weighted(items: { rating: Rating; score: number | null; weight: number }[], scoring: ScoringScheme): RatedScore & { ratedWeight: number; totalWeight: number } {
  let sum = 0, w = 0, total = 0, unrated = 0;
  for (const it of items) {
    total += it.weight;
    if (it.score === null) {
      unrated++;
      continue;
    }
    sum += it.score * it.weight;
    w += it.weight;
  }
  if (w === 0) return { score: null, rating: 'notMeasured', complete: items.length > 0 && unrated === 0, provisionalRating: 'notMeasured', ratedWeight: 0, totalWeight: total };
  const score = round2(sum / w);
  const provisionalRating = ratingFromScore(score, scoring.ratingCuts);
  const complete = unrated === 0;
  return { score, rating: complete ? provisionalRating : 'notMeasured', complete, provisionalRating, ratedWeight: w, totalWeight: total };
}

function evidenceFor(spec: IndicatorSpec, outcome: Outcome, value: number | null): Localized {
  if (outcome.kind === 'notMeasured') return outcome.reason;
  const k = spec.kpi;
  const series = asList(k.series);
  const what = (lang: Lang) => series.map((s) => kpiName(s, lang)).join(lang === 'zh' ? '＋' : ' + ');
  const cond = (lang: Lang) => {
    const op = k.op === '<=' ? '≤' : '≥';
    const threshold = k.threshold ?? 0;
    if (k.per === undefined) return `${what(lang)} ${op} ${fmtRaw(threshold)}`;
    const pct = fmtRaw(Math.round(threshold * 100_000) / 1000);
    return lang === 'zh' ? `${what(lang)}占比 ${op} ${pct} %` : `share of ${what(lang)} ${op} ${pct} %`;
  };
  if (outcome.kind === 'never') {
    return {
      zh: `至${formatElapsed(outcome.endSec, 'zh')}仍未达到“${cond('zh')}”`,
      en: `"${cond('en')}" not reached by ${formatElapsed(outcome.endSec, 'en')}`,
    };
  }
  const v = (lang: Lang) => formatValue(value, spec.unit, lang);
  const at = (lang: Lang) => (outcome.atSec === null ? '' : formatElapsed(outcome.atSec, lang));
  const det = outcome.detail;
  switch (k.reduce) {
    case 'min':
      return { zh: `最低降至 ${v('zh')}${det.zh}（${at('zh')}）`, en: `fell to ${v('en')}${det.en} at ${at('en')}` };
    case 'max':
      return { zh: `峰值 ${v('zh')}${det.zh}（${at('zh')}）`, en: `peaked at ${v('en')}${det.en} at ${at('en')}` };
    case 'final':
      return { zh: `运行结束时为 ${v('zh')}${det.zh}（${at('zh')}）`, en: `${v('en')}${det.en} at the end of the run (${at('en')})` };
    case 'valueAt':
      return { zh: `${at('zh')}时为 ${v('zh')}${det.zh}`, en: `${v('en')}${det.en} at ${at('en')}` };
    case 'timeToReach': {
      const from = k.window?.fromSec ?? 0;
      return k.sustained
        ? { zh: `自${at('zh')}起持续满足“${cond('zh')}”，用时 ${v('zh')}`, en: `"${cond('en')}" held from ${at('en')} on, ${v('en')} after ${formatElapsed(from, 'en')}` }
        : { zh: `${at('zh')}达到“${cond('zh')}”，用时 ${v('zh')}`, en: `"${cond('en')}" reached at ${at('en')}, ${v('en')} after ${formatElapsed(from, 'en')}` };
    }
    case 'resilienceLoss':
      return { zh: `韧性损失 R = ${v('zh')}，${det.zh}`, en: `loss of resilience R = ${v('en')} ${det.en}` };
    case 'meanLag':
      return { zh: `平均用时 ${v('zh')}，${det.zh}`, en: `mean ${v('en')} from request to action; ${det.en}` };
  }
}

function evaluateIndicator(report: ScoredReport, spec: IndicatorSpec, observations: Observation[], scoring: ScoringScheme): IndicatorResult {
  let outcome = measure(report, spec.kpi);
  let value: number | null = null;
  let measuredRating: Rating = 'notMeasured';
  if (outcome.kind === 'value') {
    value = roundValue(toUnit(spec, outcome.raw));
    measuredRating = rateValue(value, spec.direction, spec.thresholds);
  } else if (outcome.kind === 'never') {
    // Not reached by the end: worse than band M only if the run lasted past M's limit.
    const lastedSec = outcome.endSec - (spec.kpi.window?.fromSec ?? 0);
    const mLimitSec = spec.thresholds.M * (TIME_FACTOR[spec.unit] ?? 1);
    if (spec.direction === 'lowerIsBetter' && lastedSec >= mLimitSec) measuredRating = 'U';
    else {
      outcome = notMeasured(
        `至运行结束（${formatElapsed(outcome.endSec, 'zh')}）仍未达到，运行时间不足以评定`,
        `not reached by the end of the run (${formatElapsed(outcome.endSec, 'en')}); the run is too short to rate it`,
      );
    }
  }
  const evidence = evidenceFor(spec, outcome, value);

  const mine = observations.filter((o) => o.indicatorId === spec.id);
  let manual: IndicatorResult['manual'];
  for (const o of mine) {
    // The latest rated observation wins; ties keep the later one in the list.
    if (o.rating && (!manual || o.tSec >= manual.tSec)) manual = { rating: o.rating, note: o.note, by: o.by, tSec: o.tSec };
  }
  const rating: Rating = manual ? manual.rating : measuredRating;
  const score = rating === 'notMeasured' ? null : scoring.levelScores[rating];
  return {
    id: spec.id,
    group: spec.group,
    nameZh: spec.nameZh,
    nameEn: spec.nameEn,
    value,
    unit: spec.unit,
    direction: spec.direction,
    threshold: spec.thresholds.P,
    bands: { ...spec.thresholds },
    measuredRating,
    rating,
    score,
    weight: spec.weight,
    atSec: outcome.kind === 'value' ? outcome.atSec : null,
    evidence,
    target: { zh: formatTarget(spec.direction, spec.thresholds.P, spec.unit, 'zh'), en: formatTarget(spec.direction, spec.thresholds.P, spec.unit, 'en') },
    source: { ...spec.source },
    assumption: spec.assumption,
    ...(spec.note !== undefined ? { note: spec.note } : {}),
    departments: [...(spec.departments ?? [])],
    ...(manual ? { manual } : {}),
    observations: mine.map((o) => ({ ...o })),
  };
}

/** Values keep 6 significant decimals: enough for any rating, short in JSON. */
function roundValue(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The evaluators' notes and ratings recorded in the drill's log (recordObservation, rateIndicator), as observations. */
export function exerciseObservations(exercise: ReportExercise | undefined): Observation[] {
  if (!exercise) return [];
  const notes: Observation[] = exercise.observations.map((o) => ({ tSec: o.tSec, ...(o.indicator !== null ? { indicatorId: o.indicator } : {}), note: o.text, by: o.seat }));
  const ratings: Observation[] = exercise.ratings.map((r) => ({ tSec: r.tSec, indicatorId: r.indicator, rating: r.rating, note: r.reason, by: r.seat }));
  return [...notes, ...ratings];
}

/**
 * Scores a run report against a profile. Pure: the same report, profile and
 * observations always give the same evaluation. The observations recorded in
 * the drill's own log come first, then those given (an observations file).
 */
export function evaluateTargets(report: ScoredReport, profile: TargetProfile, observations: Observation[] = []): Evaluation {
  const scoring = profile.scoring ?? DEFAULT_SCORING;
  const obs = [...exerciseObservations(report.exercise), ...observations].map((o, i) => ({ o, i })).sort((a, b) => a.o.tSec - b.o.tSec || a.i - b.i).map((x) => x.o);
  const indicators = profile.indicators.map((spec) => evaluateIndicator(report, spec, obs, scoring));
  const known = new Set(profile.indicators.map((s) => s.id));

  const groups: GroupResult[] = profile.groups.map((g) => {
    const mine = indicators.filter((r) => r.group === g.id);
    const w = weighted(mine, scoring);
    return {
      id: g.id,
      nameZh: g.nameZh,
      nameEn: g.nameEn,
      score: w.score,
      rating: w.rating,
      complete: w.complete,
      provisionalRating: w.provisionalRating,
      indicators: mine.map((r) => r.id),
      rated: mine.filter((r) => r.score !== null).length,
    };
  });

  // People's commands and the doctrine's are counted apart: the doctrine's are not the department's doing.
  const commandsBySeat = new Map<string, { n: number; rejected: number; doctrine: number; doctrineRejected: number }>();
  for (const c of report.commands ?? []) {
    const e = commandsBySeat.get(c.seat) ?? { n: 0, rejected: 0, doctrine: 0, doctrineRejected: 0 };
    const refused = 'rejected' in c.result;
    if (c.by === 'doctrine') {
      e.doctrine++;
      if (refused) e.doctrineRejected++;
    } else {
      e.n++;
      if (refused) e.rejected++;
    }
    commandsBySeat.set(c.seat, e);
  }
  const deptIds = new Set<string>([...indicators.flatMap((r) => r.departments), ...commandsBySeat.keys()]);
  const ordered = [...deptIds].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const byDepartment: DepartmentResult[] = ordered.map((d) => {
    const mine = indicators.filter((r) => r.departments.includes(d));
    const w = weighted(mine, scoring);
    const c = commandsBySeat.get(d) ?? { n: 0, rejected: 0, doctrine: 0, doctrineRejected: 0 };
    const name = SEAT_NAMES[d] ?? { zh: d, en: d };
    return {
      id: d,
      nameZh: name.zh,
      nameEn: name.en,
      score: w.score,
      rating: w.rating,
      complete: w.complete,
      provisionalRating: w.provisionalRating,
      indicators: mine.map((r) => r.id),
      commands: c.n,
      rejected: c.rejected,
      doctrineCommands: c.doctrine,
      doctrineRejected: c.doctrineRejected,
    };
  });

  const all = weighted(indicators, scoring);
  return {
    profile: { id: profile.id, name: { ...profile.name } },
    scoring: { ...scoring, levelScores: { ...scoring.levelScores }, ratingCuts: { ...scoring.ratingCuts } },
    overall: {
      score: all.score,
      rating: all.rating,
      complete: all.complete,
      provisionalRating: all.provisionalRating,
      // Passing is judged on the whole profile only: an incomplete evaluation neither passes nor fails.
      pass: all.score === null || !all.complete ? null : all.score >= scoring.passScore,
      measuredIndicators: indicators.filter((r) => r.measuredRating !== 'notMeasured').length,
      ratedIndicators: indicators.filter((r) => r.score !== null).length,
      totalIndicators: indicators.length,
      ratedWeightFrac: all.totalWeight > 0 ? round2(all.ratedWeight / all.totalWeight) : 0,
    },
    groups,
    byDepartment,
    indicators,
    generalObservations: obs.filter((o) => o.indicatorId === undefined).map((o) => ({ ...o })),
    unmatchedObservations: obs.filter((o) => o.indicatorId !== undefined && !known.has(o.indicatorId)).map((o) => ({ ...o })),
  };
}

function rank(dept: string): number {
  const i = DEPARTMENT_ORDER.indexOf(dept);
  return i < 0 ? DEPARTMENT_ORDER.length : i;
}

/** The compact form for `report.targets`. */
export function targetsForReport(evaluation: Evaluation): TargetsSummary {
  return {
    profile: { id: evaluation.profile.id, name: { ...evaluation.profile.name } },
    overall: { score: evaluation.overall.score, rating: evaluation.overall.rating, pass: evaluation.overall.pass },
    indicators: evaluation.indicators.map((r) => ({ id: r.id, group: r.group, value: r.value, unit: r.unit, threshold: r.threshold, rating: r.rating, score: r.score })),
  };
}
