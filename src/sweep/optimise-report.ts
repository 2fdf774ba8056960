// What `drilltwin optimise` writes: optimise.json (every step, the option
// chosen, its marginal gain with the paired 95 % interval, and every option
// evaluated at that step), optimise.csv (one line per option per step) and an
// offline bilingual report.html in the sweep report's style. Pure: the search
// result in, text out.
import { forestSvg, type ForestRow } from './charts.ts';
import type { PairedDifference } from './stats.ts';
import type { Budget, BudgetOption, Objective, OptionResult, SearchResult } from './optimise.ts';
import { OPTIMISE_FORMAT } from './optimise.ts';
import type { Variant } from './variants.ts';

export interface OptimiseReport {
  format: typeof OPTIMISE_FORMAT;
  scenario: string;
  budgetFile: string;
  description?: string;
  objective: { name: string; metric: string; unit: string; higherIsBetter: boolean };
  seeds: number[];
  untilSec: number;
  profile: string | null;
  /** The base scenario's mean objective on the seeds. */
  base: { mean: number | null; n: number };
  /** candidates "auto": the sites shortlisted, with the population-hours their outage for want of power or backhaul cost in the base runs (mean over seeds). */
  shortlist: { id: string; populationHours: number }[] | null;
  /** Every option the budget allows, in tie-breaking order. */
  options: string[];
  steps: {
    step: number;
    chosen: BudgetOption;
    /** The selection after this step, as a variants@1 variant (paste it into a variants file to sweep it). */
    variant: Variant;
    mean: number | null;
    /** Marginal gain: the selection after − the selection before, paired by seed, with its 95 % interval. */
    marginal: PairedDifference;
    tiedWith: string[];
    evaluated: EvaluatedOption[];
  }[];
  /** When the search stopped because no option improved: the options evaluated at that step. */
  rejected: EvaluatedOption[] | null;
  selection: string[];
  final: Variant;
  stop: SearchResult['stop'];
  unspent: SearchResult['unspent'];
  /** Distinct runs (variant × seed) the search asked for: run now, or found in runs.jsonl from an earlier, stopped optimisation. */
  runs: { asked: number; ran: number; fromCache: number };
  wallSec: number;
  notes: string[];
}

export interface EvaluatedOption {
  option: string;
  variant: string;
  mean: number | null;
  vsCurrent: PairedDifference;
  gain: number | null;
}

const evaluated = (list: readonly OptionResult[]): EvaluatedOption[] => list.map((e) => ({ option: e.option.id, variant: e.variant, mean: e.mean, vsCurrent: e.vsCurrent, gain: e.gain }));

export function optimiseReport(o: {
  scenario: string;
  budgetFile: string;
  budget: Budget;
  objective: Objective;
  seeds: readonly number[];
  untilSec: number;
  profile: string | null;
  shortlist: OptimiseReport['shortlist'];
  options: readonly BudgetOption[];
  result: SearchResult;
  runs: OptimiseReport['runs'];
  wallSec: number;
  notes: readonly string[];
}): OptimiseReport {
  const r = o.result;
  const notes = [...o.notes];
  const n = o.seeds.length;
  if (n < 2) notes.push(`N = ${n} seed${n === 1 ? '' : 's'}: there is no interval for any gain, and a choice rests on ${n === 1 ? 'one run' : 'nothing'}; run at least 2 seeds (10 or more for intervals worth reading).`);
  else if (n < 10) notes.push(`N = ${n} seeds: marginal gains are shown with t intervals, but they are wide and rest on the t approximation; 10 or more seeds are advised.`);
  for (const s of r.steps) if (!s.marginal.resolved) notes.push(`Step ${s.step} (${s.chosen.id}): its marginal gain's 95 % interval includes zero; the choice rests on the mean alone${s.marginal.pairsToResolve !== null ? ` (about ${s.marginal.pairsToResolve} seeds would resolve it)` : ''}.`);
  for (const s of r.steps) if (s.tiedWith.length) notes.push(`Step ${s.step}: ${s.chosen.id} tied with ${s.tiedWith.join(', ')} and was taken for coming first in the budget's option order.`);
  notes.push('Greedy forward selection keeps the best option at each step and never undoes one: it is not guaranteed to find the best combination (options that only pay together are missed).');
  return {
    format: OPTIMISE_FORMAT,
    scenario: o.scenario,
    budgetFile: o.budgetFile,
    ...(o.budget.description ? { description: o.budget.description } : {}),
    objective: { name: o.objective.name, metric: o.objective.metric, unit: o.objective.unit, higherIsBetter: o.objective.higherIsBetter },
    seeds: [...o.seeds],
    untilSec: o.untilSec,
    profile: o.profile,
    base: { mean: r.base.mean, n: r.base.n },
    shortlist: o.shortlist,
    options: o.options.map((x) => x.id),
    steps: r.steps.map((s) => ({ step: s.step, chosen: s.chosen, variant: s.variant, mean: s.mean, marginal: s.marginal, tiedWith: s.tiedWith, evaluated: evaluated(s.evaluated) })),
    rejected: r.rejected ? evaluated(r.rejected) : null,
    selection: r.selection.map((x) => x.id),
    final: r.final,
    stop: r.stop,
    unspent: r.unspent,
    runs: o.runs,
    wallSec: o.wallSec,
    notes,
  };
}

const num = (x: number | null | undefined, digits = 4): string => (x === null || x === undefined ? '' : String(Number(x.toPrecision(digits + 2))));
const csvEsc = (t: string) => (/[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);

/** One line per option evaluated at each step (the step that stopped the search included, none chosen there). */
export function optimiseCsv(r: OptimiseReport): string {
  const lines = ['step,option,chosen,n,objective,objective_mean,diff_vs_previous,diff_lo,diff_hi,win_share,gain,resolved'];
  const add = (step: number, e: EvaluatedOption, chosen: boolean) =>
    lines.push(
      [step, csvEsc(e.option), chosen, e.vsCurrent.n, csvEsc(r.objective.metric), num(e.mean), num(e.vsCurrent.mean), num(e.vsCurrent.ci95.lo), num(e.vsCurrent.ci95.hi), num(e.vsCurrent.winShare), num(e.gain), e.vsCurrent.resolved].join(','),
    );
  for (const s of r.steps) for (const e of s.evaluated) add(s.step, e, e.option === s.chosen.id);
  if (r.rejected) for (const e of r.rejected) add(r.stop.atStep, e, false);
  return lines.join('\n') + '\n';
}

const html = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : Number(x.toPrecision(digits)).toLocaleString('en'));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(0)} %`);
const ci = (d: PairedDifference) => (d.ci95.lo === null ? `<span class="na">${html(d.ci95.why)}</span>` : `${fmt(d.ci95.lo)} … ${fmt(d.ci95.hi)}`);

const KIND_LABEL: Record<string, string> = { harden: '加固站点 harden site', uav: '无人机驻点 station UAV', kit: '预置终端 pre-position kit' };
const STOP_LABEL: Record<string, string> = { budgetSpent: '预算用尽 budget spent', noImprovement: '无改进 no option improves', noOptions: '无可选项 no option left' };

/** An offline page (no scripts, no external files) in Chinese and English. */
export function optimiseHtml(r: OptimiseReport): string {
  const better = r.objective.higherIsBetter ? 'higher is better / 越高越好' : 'lower is better / 越低越好';
  const chosenRows = r.steps
    .map(
      (s) =>
        `<tr><td>${s.step}</td><td>${html(KIND_LABEL[s.chosen.kind])}</td><td>${html(s.chosen.id)}</td><td>${fmt(s.marginal.mean)}${s.marginal.resolved ? ' ✔' : ''}</td><td>${ci(s.marginal)}</td><td>${pct(s.marginal.winShare)}</td><td>${fmt(s.mean)}</td></tr>`,
    )
    .join('\n');
  const forest: ForestRow[] = r.steps.map((s, index) => ({ name: `${s.step}. ${s.chosen.id}`, index, mean: s.marginal.mean ?? 0, lo: s.marginal.ci95.lo, hi: s.marginal.ci95.lo === null ? null : s.marginal.ci95.hi }));
  const optionTable = (list: readonly EvaluatedOption[], chosen: string | null) =>
    `<table><thead><tr><th>选项 Option</th><th>N</th><th>均值 Mean</th><th>较上一步 vs previous (95 %)</th><th>胜出 Wins</th><th>收益 Gain</th></tr></thead><tbody>${list
      .map((e) => `<tr${e.option === chosen ? ' class="chosen"' : ''}><td>${html(e.option)}${e.option === chosen ? ' ★' : ''}</td><td>${e.vsCurrent.n}</td><td>${fmt(e.mean)}</td><td>${fmt(e.vsCurrent.mean)} <small>(${ci(e.vsCurrent)})</small></td><td>${pct(e.vsCurrent.winShare)}</td><td>${fmt(e.gain)}</td></tr>`)
      .join('\n')}</tbody></table>`;
  const stepSections = r.steps.map((s) => `<h3>第 ${s.step} 步 Step ${s.step}: ${html(s.chosen.id)}</h3>${optionTable(s.evaluated, s.chosen.id)}`).join('\n');
  const rejected = r.rejected ? `<h3>第 ${r.stop.atStep} 步 Step ${r.stop.atStep}: 未选 none chosen</h3>${optionTable(r.rejected, null)}` : '';
  const shortlist = r.shortlist
    ? `<h2>自动候选站点 Sites shortlisted ("auto")</h2><p>Sites whose outage for want of power or backhaul cost the most population-hours in the base runs (hours off air × the site's share of its township's people, mean over seeds). 按基线运行中因断电或传输中断造成的人口·小时排序。</p><table><thead><tr><th>站点 Site</th><th>人口·小时 Population-hours</th></tr></thead><tbody>${r.shortlist.map((x) => `<tr><td>${html(x.id)}</td><td>${fmt(x.populationHours)}</td></tr>`).join('')}</tbody></table>`
    : '';
  const unspent = Object.entries(r.unspent).filter(([, n]) => n > 0).map(([k, n]) => `${html(KIND_LABEL[k])}: ${n}`).join('; ');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>预置优化 Pre-positioning optimiser: ${html(r.scenario)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.25em .5em;text-align:right}td:first-child,th:first-child{text-align:left}.na{color:#a00}.note{background:#fff4d6;padding:.5em 1em}tr.chosen{background:#e8f4ea}</style></head>
<body><h1>预置优化 Pre-positioning optimiser — ${html(r.scenario)}</h1>
${r.description ? `<p>${html(r.description)}</p>` : ''}
<p>预算文件 Budget: ${html(r.budgetFile)}; 目标 Objective: <b>${html(r.objective.name)}</b> (${html(r.objective.metric)}, ${html(r.objective.unit)}, ${better}); 种子 Seeds: ${r.seeds.length} (${r.seeds.length ? `${r.seeds[0]}…${r.seeds[r.seeds.length - 1]}` : 'none'}); 基线均值 base mean ${fmt(r.base.mean)}.
每一步把每个剩余选项加入当前方案，在相同种子上运行（共同随机数），取配对改进均值最大者；边际收益为与上一步方案的配对差值及其95 %区间。
Each step adds every remaining option to the current selection and runs it on the same seeds (common random numbers); the option with the largest mean paired improvement is kept, and its marginal gain is the paired difference against the selection before, with its 95 % interval. ✔ = the interval excludes zero.</p>
<p><b>停止 Stopped:</b> ${html(STOP_LABEL[r.stop.reason])} — ${html(r.stop.message)}${unspent ? `. 未用预算 Unspent: ${unspent}` : ''}. 运行 Runs: ${r.runs.asked} (${r.runs.ran} run now, ${r.runs.fromCache} from an earlier runs.jsonl) in ${fmt(r.wallSec)} s.</p>
${r.notes.map((n) => `<p class="note">${html(n)}</p>`).join('\n')}
<h2>选择 Choices, in order</h2>
<table><thead><tr><th>步 Step</th><th>类别 Kind</th><th>选项 Option</th><th>边际收益 Marginal gain (${html(r.objective.unit)})</th><th>95 % 区间 interval</th><th>胜出 Wins</th><th>累计均值 Mean after</th></tr></thead><tbody>${chosenRows || '<tr><td colspan="7">—</td></tr>'}</tbody></table>
${forest.length ? `<p>Marginal gain of each choice against the selection before it (not against the base), 95 % interval. 各步相对上一步的边际收益。</p>${forestSvg([{ title: r.objective.metric, unit: r.objective.unit, better: r.objective.higherIsBetter ? 'higher' : 'lower', rows: forest }])}` : ''}
${shortlist}
<h2>每步评估的全部选项 Every option evaluated at each step</h2>
${stepSections}
${rejected}
</body></html>
`;
}
