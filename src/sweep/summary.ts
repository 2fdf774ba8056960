// The summary of a sweep: per variant and metric (the overall 2027 score,
// each target indicator, the run's KPI summary), the mean with its 95 %
// interval, P10/P50/P90, the probability of meeting the target, and the
// paired difference against the base on the seeds both ran. Pure: rows in,
// a JSON-ready object, CSV and HTML text out.
import { DEFAULT_SCORING, type TargetProfile } from '../scoring/profile.ts';
import type { SweepRow } from './rows.ts';
import { quantileSorted } from 'simple-statistics';
import { exceedanceSvg, fanChartSvg, forestSvg, tornadoSvg, type FanSeries, type ForestRow } from './charts.ts';
import { meanWithInterval, pairedDifference, percentiles, spearman, wilson, type Interval, type PairedDifference, type Percentiles, type Proportion } from './stats.ts';
import { BASE_VARIANT, type Variant } from './variants.ts';

export const SWEEP_SUMMARY_FORMAT = 'drilltwin/sweep-summary@1';

/** KPI summary fields a sweep compares, with what counts as better (times of day are left out: they are not outcomes). */
export const KPI_METRICS: readonly { id: string; unit: string; higherIsBetter: boolean }[] = [
  { id: 'populationServedFracMin', unit: 'fraction', higherIsBetter: true },
  { id: 'populationServedFracFinal', unit: 'fraction', higherIsBetter: true },
  { id: 'sitesOutPowerPeak', unit: 'sites', higherIsBetter: false },
  { id: 'sitesOutDamagePeak', unit: 'sites', higherIsBetter: false },
  { id: 'sitesOutTransportPeak', unit: 'sites', higherIsBetter: false },
  { id: 'substationsOutPeak', unit: 'substations', higherIsBetter: false },
];

export interface MetricSummary {
  id: string;
  kind: 'score' | 'indicator' | 'kpi';
  unit: string;
  higherIsBetter: boolean;
  /** Runs with a value (an indicator may be unmeasured in some runs). */
  n: number;
  mean: number | null;
  sd: number | null;
  ci95: Interval;
  percentiles: Percentiles;
  /** Indicators: share of runs rated P or S (the levels at or above the profile's pass score). */
  meetsTarget?: Proportion;
  /** Against the base on the same seeds; absent for the base itself. */
  vsBase?: PairedDifference;
}

export interface VariantSummary {
  name: string;
  description?: string;
  runs: number;
  /** Share of runs whose overall 2027 score passes (the profile's passScore), with a Wilson interval. */
  pass: Proportion | null;
  metrics: MetricSummary[];
}

/** What the report's figures are drawn from. */
export interface SweepCharts {
  /** Share of the population served over time: P10/P50/P90 per variant at T0 and every hour (rows that carry the series). */
  served: { tSec: number[]; variants: FanSeries[] } | null;
  /** A run's service loss (the profile's resilience-loss indicator): its quantiles at 0 %, 1 %, …, 100 % per variant, for the exceedance curve. */
  loss: { metric: string; unit: string; variants: { name: string; quantiles: number[] }[] } | null;
}

export interface SweepSummary {
  format: typeof SWEEP_SUMMARY_FORMAT;
  scenario: string;
  seeds: number[];
  profile: string | null;
  passScore: number | null;
  variants: VariantSummary[];
  charts: SweepCharts;
  /** Parameter ranges swept (`--vary`): the outcome's mean at each end against the base, and its rank correlation with the parameter. */
  sensitivity: SensitivityRow[];
  notes: string[];
}

export interface SensitivityRow {
  pointer: string;
  metric: string;
  lo: number;
  hi: number;
  defaultValue: number;
  base: number | null;
  atLow: number | null;
  atHigh: number | null;
  /** Spearman's rank correlation of the outcome with the parameter's value over the base's and both ends' runs. */
  rankCorrelation: number | null;
}

function sensitivity(variants: readonly Variant[], byVariant: Map<string, SweepRow[]>, defs: MetricDef[]): SensitivityRow[] {
  const metric = defs.find((d) => d.id === 'score') ?? defs.find((d) => d.id === 'populationServedFracMin')!;
  const meanOf = (rows: readonly SweepRow[]) => meanWithInterval([...valuesBySeed(rows, metric.value).values()]).mean;
  const base = byVariant.get(BASE_VARIANT) ?? [];
  const pointers = [...new Set(variants.flatMap((v) => (v.vary ? [v.vary.pointer] : [])))];
  return pointers.map((pointer) => {
    const ends = variants.filter((v) => v.vary?.pointer === pointer).sort((a, b) => a.vary!.value - b.vary!.value);
    const low = ends[0], high = ends[ends.length - 1];
    const xs: number[] = [], ys: number[] = [];
    for (const [rows, x] of [[base, low.vary!.defaultValue], ...ends.map((v) => [byVariant.get(v.name) ?? [], v.vary!.value] as const)] as const) {
      for (const y of valuesBySeed(rows, metric.value).values()) {
        xs.push(x);
        ys.push(y);
      }
    }
    return {
      pointer,
      metric: metric.id,
      lo: low.vary!.value,
      hi: high.vary!.value,
      defaultValue: low.vary!.defaultValue,
      base: meanOf(base),
      atLow: meanOf(byVariant.get(low.name) ?? []),
      atHigh: meanOf(byVariant.get(high.name) ?? []),
      rankCorrelation: spearman(xs, ys),
    };
  });
}

/** Metrics shown in the forest plot when the sweep has them: the overall score, the worst share served, the service lost. */
const FOREST_METRICS = ['score', 'populationServedMin', 'resilienceLoss72h', 'sitesOutTransportPeakShare'];
/** The indicator whose distribution the exceedance curve shows. */
const LOSS_METRIC = 'resilienceLoss72h';

function chartData(variants: readonly Variant[], byVariant: Map<string, SweepRow[]>, defs: MetricDef[]): SweepCharts {
  let served: SweepCharts['served'] = null;
  const curves = variants.map((v) => (byVariant.get(v.name) ?? []).map((r) => r.servedHourly).filter((c): c is number[] => Array.isArray(c) && c.length > 0));
  const hours = Math.min(...curves.flatMap((list) => list.map((c) => c.length)));
  if (curves.every((list) => list.length > 0) && Number.isFinite(hours)) {
    served = {
      tSec: Array.from({ length: hours }, (_, k) => k * 3600),
      variants: variants.map((v, i) => {
        const p = Array.from({ length: hours }, (_, k) => percentiles(curves[i].map((c) => c[k])));
        return { name: v.name, p10: p.map((q) => q.p10!), p50: p.map((q) => q.p50!), p90: p.map((q) => q.p90!) };
      }),
    };
  }
  let loss: SweepCharts['loss'] = null;
  const lossDef = defs.find((d) => d.id === LOSS_METRIC);
  if (lossDef) {
    const lists = variants.map((v) => [...valuesBySeed(byVariant.get(v.name) ?? [], lossDef.value).values()].sort((a, b) => a - b));
    if (lists.every((l) => l.length > 0)) {
      loss = { metric: lossDef.id, unit: lossDef.unit, variants: variants.map((v, i) => ({ name: v.name, quantiles: Array.from({ length: 101 }, (_, k) => quantileSorted(lists[i], k / 100)) })) };
    }
  }
  return { served, loss };
}

/** Levels whose score reaches the pass score: a run "meets" an indicator when rated one of them. */
function passingLevels(profile: TargetProfile | null): Set<string> {
  if (!profile) return new Set();
  const { levelScores, passScore } = profile.scoring ?? DEFAULT_SCORING;
  return new Set(Object.entries(levelScores as Record<string, number>).filter(([, s]) => s >= passScore).map(([l]) => l));
}

type Extract = (row: SweepRow) => number | null;

interface MetricDef {
  id: string;
  kind: MetricSummary['kind'];
  unit: string;
  higherIsBetter: boolean;
  value: Extract;
  rating?: (row: SweepRow) => string | null;
}

function metricDefs(profile: TargetProfile | null): MetricDef[] {
  const defs: MetricDef[] = [];
  if (profile) {
    defs.push({ id: 'score', kind: 'score', unit: 'points', higherIsBetter: true, value: (r) => r.score });
    for (const ind of profile.indicators) {
      defs.push({
        id: ind.id,
        kind: 'indicator',
        unit: ind.unit,
        higherIsBetter: ind.direction === 'higherIsBetter',
        value: (r) => r.indicators[ind.id]?.value ?? null,
        rating: (r) => r.indicators[ind.id]?.rating ?? null,
      });
    }
  }
  for (const k of KPI_METRICS) defs.push({ ...k, kind: 'kpi', value: (r) => r.kpis[k.id] ?? null });
  return defs;
}

function valuesBySeed(rows: readonly SweepRow[], value: Extract): Map<number, number> {
  const m = new Map<number, number>();
  for (const r of rows) {
    const v = value(r);
    if (v !== null && Number.isFinite(v)) m.set(r.seed, v);
  }
  return m;
}

export function summariseSweep(scenario: string, variants: readonly Variant[], rows: readonly SweepRow[], profile: TargetProfile | null): SweepSummary {
  const byVariant = new Map<string, SweepRow[]>(variants.map((v) => [v.name, []]));
  for (const r of rows) byVariant.get(r.variant)?.push(r);
  for (const list of byVariant.values()) list.sort((a, b) => a.seed - b.seed);
  const seeds = [...new Set(rows.map((r) => r.seed))].sort((a, b) => a - b);
  const defs = metricDefs(profile);
  const passing = passingLevels(profile);
  const baseRows = byVariant.get(BASE_VARIANT) ?? [];
  const notes: string[] = [];
  const nMin = Math.min(...[...byVariant.values()].map((l) => l.length));
  if (nMin < 2) notes.push(`N = ${nMin} run${nMin === 1 ? '' : 's'} per variant is too small for any interval; run at least 2 seeds (10 or more for intervals worth reading).`);
  else if (nMin < 10) notes.push(`N = ${nMin} runs per variant: intervals are shown but wide and rest on the t approximation; 10 or more seeds are advised.`);

  const summaries = variants.map((v): VariantSummary => {
    const list = byVariant.get(v.name) ?? [];
    const passRuns = list.filter((r) => r.pass !== null);
    const metrics = defs.map((d): MetricSummary => {
      const bySeed = valuesBySeed(list, d.value);
      const values = [...bySeed.values()];
      const m = meanWithInterval(values);
      const out: MetricSummary = { id: d.id, kind: d.kind, unit: d.unit, higherIsBetter: d.higherIsBetter, ...m, percentiles: percentiles(values) };
      if (d.rating) {
        const rated = list.map(d.rating).filter((r): r is string => r !== null && r !== 'notMeasured');
        out.meetsTarget = wilson(rated.filter((r) => passing.has(r)).length, rated.length);
      }
      if (v.name !== BASE_VARIANT) out.vsBase = pairedDifference(bySeed, valuesBySeed(baseRows, d.value), d.higherIsBetter);
      return out;
    });
    let pass = profile ? wilson(passRuns.filter((r) => r.pass).length, passRuns.length) : null;
    // The evaluation passes or fails a run only when every indicator was measured (scoring/evaluate.ts).
    if (pass && passRuns.length === 0 && list.length > 0) pass = { ...pass, ci95: { lo: null, hi: null, why: 'not judged: no run measured every indicator' } };
    return { name: v.name, description: v.description, runs: list.length, pass, metrics };
  });

  // Seeds that give one final state for every seed have no uncertainty to measure.
  for (const [name, list] of byVariant) {
    if (list.length >= 2 && new Set(list.map((r) => r.finalStateHash)).size === 1) {
      notes.push(`${name}: all ${list.length} seeds end in the same state (hash ${list[0].finalStateHash}); the scenario draws no random numbers that matter, so its intervals have zero width and say nothing about real uncertainty.`);
    }
  }
  const charts = chartData(variants, byVariant, defs);
  return {
    format: SWEEP_SUMMARY_FORMAT,
    scenario,
    seeds,
    profile: profile?.id ?? null,
    passScore: profile ? (profile.scoring ?? DEFAULT_SCORING).passScore : null,
    variants: summaries,
    charts,
    sensitivity: sensitivity(variants, byVariant, defs),
    notes,
  };
}

const num = (x: number | null | undefined, digits = 4): string => (x === null || x === undefined ? '' : String(Number(x.toPrecision(digits + 2))));

const CSV_HEADER = [
  'variant', 'metric', 'kind', 'unit', 'higher_is_better', 'n', 'mean', 'ci95_lo', 'ci95_hi', 'sd', 'p10', 'p50', 'p90',
  'meets_target_share', 'meets_target_lo', 'meets_target_hi', 'diff_vs_base', 'diff_lo', 'diff_hi', 'win_share', 'pairs_to_resolve',
];

/** One CSV row per variant and metric; the overall pass share is the metric "pass". */
export function summaryCsv(s: SweepSummary): string {
  const lines = [CSV_HEADER.join(',')];
  const esc = (t: string) => (/[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  for (const v of s.variants) {
    if (v.pass) lines.push([esc(v.name), 'pass', 'score', 'share', 'true', v.pass.n, num(v.pass.p), '', '', '', '', '', '', num(v.pass.p), num(v.pass.ci95.lo), num(v.pass.ci95.hi), '', '', '', '', ''].join(','));
    for (const m of v.metrics) {
      const d = m.vsBase;
      lines.push(
        [
          esc(v.name), esc(m.id), m.kind, esc(m.unit), m.higherIsBetter, m.n, num(m.mean), num(m.ci95.lo), num(m.ci95.hi), num(m.sd),
          num(m.percentiles.p10), num(m.percentiles.p50), num(m.percentiles.p90),
          num(m.meetsTarget?.p), num(m.meetsTarget?.ci95.lo), num(m.meetsTarget?.ci95.hi),
          num(d?.mean), num(d?.ci95.lo), num(d?.ci95.hi), num(d?.winShare), d?.pairsToResolve ?? '',
        ].join(','),
      );
    }
  }
  return lines.join('\n') + '\n';
}

/** The figures' data as CSV: the served share's P10/P50/P90 per variant and hour, then each parameter range's row. */
export function chartsCsv(s: SweepSummary): string {
  const lines = ['series,variant_or_parameter,hour,p10,p50,p90,at_low,base,at_high,rank_correlation'];
  const esc = (t: string) => (/[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  for (const v of s.charts?.served?.variants ?? []) {
    s.charts.served!.tSec.forEach((t, k) => lines.push(['served', esc(v.name), t / 3600, num(v.p10[k]), num(v.p50[k]), num(v.p90[k]), '', '', '', ''].join(',')));
  }
  for (const r of s.sensitivity ?? []) lines.push([`sensitivity:${r.metric}`, esc(r.pointer), '', '', '', '', num(r.atLow), num(r.base), num(r.atHigh), num(r.rankCorrelation)].join(','));
  return lines.join('\n') + '\n';
}

const html = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : Number(x.toPrecision(digits)).toLocaleString('en'));
/** A share as a whole percent, except that one short of 100 % or above 0 % is not rounded onto it: 199 of 200 is 99.5 %, not 100 %. */
export function sharePercent(x: number): string {
  const whole = Math.round(x * 100);
  return (whole === 100 && x < 1) || (whole === 0 && x > 0) ? (x * 100).toFixed(1) : String(whole);
}
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${sharePercent(x)} %`);
const interval = (i: Interval | undefined) => (!i ? '' : i.lo === null ? `<span class="na">${html(i.why)}</span>` : `${fmt(i.lo)} … ${fmt(i.hi)}`);

/** The report's figures, inline SVG, each with a line saying how to read it (also drawn by the planner page as rows arrive). */
export function summaryFigures(s: SweepSummary): string {
  const out: string[] = [];
  if (s.charts?.served) {
    out.push(`<h2>服务人口恢复曲线 Population served over time</h2><p>Each band holds the middle 80 % of runs (P10–P90) at each hour, the line is the median; bands that do not overlap mean the variants differ in most seeds. 带为各小时P10–P90，线为中位数。</p>`);
    out.push(fanChartSvg(s.charts.served.tSec, s.charts.served.variants, { title: 'Share of the population served / 服务人口比例 (%)', yLabel: '%', scale: 100 }));
  }
  if (s.charts?.loss) {
    out.push(`<h2>服务损失超越曲线 Exceedance of service loss</h2><p>For each loss x, the share of runs that lost more (${html(s.charts.loss.metric)}, ${html(s.charts.loss.unit)}); a curve further left is better, and where it meets zero is the worst run. 曲线越靠左越好。</p>`);
    out.push(exceedanceSvg(s.charts.loss.variants, { title: `Service loss exceedance / 服务损失超越概率 (${s.charts.loss.metric})`, xLabel: `${s.charts.loss.metric} (${s.charts.loss.unit})` }));
  }
  const panels = FOREST_METRICS.flatMap((id) => {
    const rows: ForestRow[] = [];
    let unit = '', higher = true;
    s.variants.forEach((v, index) => {
      const m = v.metrics.find((x) => x.id === id);
      if (!m?.vsBase || m.vsBase.mean === null) return;
      unit = m.unit;
      higher = m.higherIsBetter;
      rows.push({ name: v.name, index, mean: m.vsBase.mean, lo: m.vsBase.ci95.lo, hi: m.vsBase.ci95.lo === null ? null : m.vsBase.ci95.hi });
    });
    return rows.length ? [{ title: id, unit, better: higher ? ('higher' as const) : ('lower' as const), rows }] : [];
  });
  if (panels.length) {
    out.push(`<h2>配对差值 Paired differences against the base</h2><p>Variant − base on the same seeds, with the 95 % interval; an interval clear of the dashed zero line is a difference the sweep has resolved. 区间不跨零线即差异显著。</p>`);
    out.push(forestSvg(panels));
  }
  const swept = (s.sensitivity ?? []).filter((r) => r.base !== null && r.atLow !== null && r.atHigh !== null);
  if (swept.length) {
    const metric = swept[0].metric;
    out.push(`<h2>参数敏感性 Sensitivity to parameter ranges</h2><p>Mean ${html(metric)} with each parameter at the low and the high end of its range, everything else at its default, on the same seeds; the widest bars are the parameters the outcome depends on most. ρ is Spearman's rank correlation of the outcome with the parameter over the base's and both ends' runs. 条越宽，结果对该参数越敏感。</p>`);
    out.push(tornadoSvg(swept.map((r) => ({ label: `${r.pointer.split('/').slice(-3).join('/')} ${fmt(r.lo)}…${fmt(r.hi)}`, atLow: r.atLow!, atHigh: r.atHigh! })), swept[0].base!, { title: `Tornado: ${metric}`, xLabel: `${metric} (mean)` }));
    out.push(`<table><thead><tr><th>参数 Parameter</th><th>默认 Default</th><th>下限 Low</th><th>上限 High</th><th>${html(metric)} @ low</th><th>base</th><th>@ high</th><th>ρ</th></tr></thead><tbody>${swept
      .map((r) => `<tr><td>${html(r.pointer)}</td><td>${fmt(r.defaultValue)}</td><td>${fmt(r.lo)}</td><td>${fmt(r.hi)}</td><td>${fmt(r.atLow)}</td><td>${fmt(r.base)}</td><td>${fmt(r.atHigh)}</td><td>${fmt(r.rankCorrelation, 2)}</td></tr>`)
      .join('')}</tbody></table>`);
  }
  return out.join('\n');
}

/** An offline HTML page (no scripts, no external files) in Chinese and English. */
export function summaryHtml(s: SweepSummary): string {
  const passTable = s.variants
    .map((v) => `<tr><td>${html(v.name)}</td><td>${html(v.description ?? '')}</td><td>${v.runs}</td><td>${v.pass ? pct(v.pass.p) : '—'}</td><td>${v.pass ? (v.pass.ci95.lo === null ? html(v.pass.ci95.why) : `${pct(v.pass.ci95.lo)} … ${pct(v.pass.ci95.hi)}`) : ''}</td></tr>`)
    .join('\n');
  const metricRows = (v: VariantSummary) =>
    v.metrics
      .map((m) => {
        const d = m.vsBase;
        const diff = !d ? '' : `${fmt(d.mean)} <small>(${interval(d.ci95)})</small>${d.resolved ? ' ✔' : ''}`;
        return `<tr><td>${html(m.id)}</td><td>${html(m.unit)}</td><td>${m.higherIsBetter ? '↑' : '↓'}</td><td>${m.n}</td><td>${fmt(m.mean)}</td><td>${interval(m.ci95)}</td><td>${fmt(m.percentiles.p10)} / ${fmt(m.percentiles.p50)} / ${fmt(m.percentiles.p90)}</td><td>${m.meetsTarget ? pct(m.meetsTarget.p) : ''}</td><td>${diff}</td><td>${d ? pct(d.winShare) : ''}</td><td>${d && !d.resolved && d.pairsToResolve !== null ? `≈ ${d.pairsToResolve}` : ''}</td></tr>`;
      })
      .join('\n');
  const sections = s.variants
    .map(
      (v) => `<h2>${html(v.name)}</h2>${v.description ? `<p>${html(v.description)}</p>` : ''}
<table><thead><tr><th>指标 Metric</th><th>单位 Unit</th><th>优 Better</th><th>N</th><th>均值 Mean</th><th>95 % 区间 interval</th><th>P10 / P50 / P90</th><th>达标率 Meets target</th><th>较基线 vs base (95 %)</th><th>胜出 Wins</th><th>需样本 Pairs needed</th></tr></thead>
<tbody>${metricRows(v)}</tbody></table>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>推演对比 What-if sweep: ${html(s.scenario)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.25em .5em;text-align:right}td:first-child,th:first-child{text-align:left}.na{color:#a00}.note{background:#fff4d6;padding:.5em 1em}</style></head>
<body><h1>推演对比 What-if sweep — ${html(s.scenario)}</h1>
<p>种子 Seeds: ${s.seeds.length} (${s.seeds.length ? `${s.seeds[0]}…${s.seeds[s.seeds.length - 1]}` : 'none'}); 目标 Targets: ${html(s.profile ?? '—')}${s.passScore !== null ? `, 合格分 pass score ${s.passScore}` : ''}.
每个方案使用相同的种子（共同随机数），较基线的差值按种子配对计算。Every variant runs on the same seeds (common random numbers); differences against the base are paired by seed. ✔ = 95 % interval excludes zero.</p>
${s.notes.map((n) => `<p class="note">${html(n)}</p>`).join('\n')}
<h2>达到2027年目标的概率 Probability of meeting the 2027 targets</h2>
<table><thead><tr><th>方案 Variant</th><th>说明 Description</th><th>N</th><th>合格率 Pass share</th><th>95 % Wilson</th></tr></thead><tbody>${passTable}</tbody></table>
${summaryFigures(s)}
${sections}
</body></html>
`;
}
