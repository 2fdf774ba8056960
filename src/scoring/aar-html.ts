// The after-action report and improvement plan (AAR/IP) as one
// self-contained HTML page: inline CSS and hand-drawn inline SVG, no
// scripts, no fonts or images from anywhere, laid out for A4 printing.
// A pure function of the run report and its evaluation (plus, optionally,
// the scenario's hazards and MSEL), so the same run prints the same page.
import type { Evaluation, IndicatorResult, Rating, ReportHazard, ReportInject, ScoredReport } from './evaluate.ts';
import { hazardModule, type ReportedHazard } from '../hazards/registry.ts';
import { warningTextIn } from '../model/warning-texts.ts';
import { isSeat, SEAT_TABLE } from '../model/seats.ts';
import { describeCommand, joinList, SEVERITY_NAMES } from './describe.ts';
import { adhocInjectName, injectName, nameIn, type NameBook } from './names.ts';
import { describeAdhoc } from './describe.ts';
import type { RatedScore } from './evaluate.ts';
import {
  clockAt,
  COMMAND_NAMES as COMMAND_NAMES_FOR_AAR,
  formatDuration,
  formatElapsed,
  formatNumber,
  formatValue,
  KPI_NAMES,
  label,
  pick,
  EXPECTATION_STATUS_NAMES,
  INJECT_STATUS_NAMES,
  RATING_NAMES,
  REASON_CODES,
  SEAT_NAMES,
  t,
  type Lang,
} from './i18n.ts';

/** A hazard as the report summarises it (or as the caller describes it). */
export type AarHazard = ReportHazard;
export type AarInject = ReportInject;

export interface AarOptions {
  lang: Lang;
  /** Hazards to describe; the report's own `hazards` when absent. */
  hazards?: AarHazard[];
  /** MSEL injects for the timeline; the report's own `msel` when absent. */
  msel?: AarInject[];
  /** Names of the scenario's things (names.ts nameBook), so prose never shows an id. */
  names?: NameBook;
}

const RATING_COLOURS: Record<Rating, { bg: string; fg: string }> = {
  P: { bg: '#2e7d32', fg: '#ffffff' },
  S: { bg: '#9ccc65', fg: '#1b3000' },
  M: { bg: '#ffa726', fg: '#3e2000' },
  U: { bg: '#c62828', fg: '#ffffff' },
  notMeasured: { bg: '#e0e0e0', fg: '#424242' },
};

const CAUSE_COLOURS = { sitesOutPower: '#f9a825', sitesOutTransport: '#7b1fa2', sitesOutDamage: '#c62828' } as const;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
const e = escapeHtml;

function chip(rating: Rating, lang: Lang, short = false): string {
  const c = RATING_COLOURS[rating];
  const code = rating === 'notMeasured' ? '—' : rating;
  const text = short ? code : `${code} ${label(RATING_NAMES, rating, lang)}`;
  return `<span class="chip" style="background:${c.bg};color:${c.fg}">${e(text)}</span>`;
}

function paren(inner: string, lang: Lang): string {
  return lang === 'zh' ? `（${inner}）` : ` (${inner})`;
}

function colon(lang: Lang): string {
  return lang === 'zh' ? '：' : ': ';
}

function scoreText(score: number | null): string {
  return score === null ? '—' : formatNumber(score, 1);
}

function nameOf(x: { nameZh: string; nameEn: string }, lang: Lang): string {
  return lang === 'zh' ? x.nameZh : x.nameEn;
}

/** The part of a title inside 《》, else the whole title. */
function shortTitle(title: string): string {
  const m = /《([^》]+)》/.exec(title);
  return m ? `《${m[1]}》` : title;
}

/** A title followed by the document's number, unless the title already carries it. */
function withDocNumber(title: string, doc: string, lang: Lang): string {
  return title.includes(doc) ? title : title + paren(doc, lang);
}

// ---------------------------------------------------------------- charts

const W = 720, H = 266;
const PX0 = 58, PX1 = 700, PY0 = 14, PY1 = 200;

interface Axis {
  tMax: number;
  yMax: number;
}

function xOf(axis: Axis, tSec: number): number {
  return PX0 + ((PX1 - PX0) * tSec) / (axis.tMax || 1);
}
function yOf(axis: Axis, v: number): number {
  return PY1 - ((PY1 - PY0) * v) / (axis.yMax || 1);
}
function pt(x: number, y: number): string {
  return `${x.toFixed(1)},${y.toFixed(1)}`;
}

/** A "nice" upper bound and tick step for 0..max: steps of 1, 2 or 5 × 10^k, at most 6 ticks. */
function niceScale(maxIn: number): { yMax: number; step: number } {
  if (!(maxIn > 0)) return { yMax: 1, step: 1 };
  // Series that sum past the largest double give Infinity, where `unit * 10 <= max` never ends.
  const max = Math.min(maxIn, Number.MAX_VALUE);
  let unit = 1;
  while (unit * 10 <= max) unit *= 10;
  while (unit > max) unit /= 10;
  for (const f of [0.1, 0.2, 0.5, 1, 2, 5, 10]) {
    const step = unit * f;
    const yMax = Math.ceil(max / step) * step;
    if (yMax / step <= 6) return { yMax, step };
  }
  return { yMax: max, step: max };
}

function hourStep(tMaxSec: number): number {
  const hours = tMaxSec / 3600;
  for (const s of [0.25, 0.5, 1, 2, 3, 6, 12, 24, 48]) if (hours / s <= 12) return s;
  return Math.ceil(hours / 12);
}

function axes(axis: Axis, yStep: number, yFmt: (v: number) => string, lang: Lang): string {
  const parts: string[] = [];
  // Bounded: a step too small to move v (or NaN) must not loop for ever.
  for (let v = 0, k = 0; v <= axis.yMax + 1e-9 && k <= 12; v += yStep, k++) {
    const y = yOf(axis, v);
    parts.push(`<line x1="${PX0}" y1="${y.toFixed(1)}" x2="${PX1}" y2="${y.toFixed(1)}" class="grid"/>`);
    parts.push(`<text x="${PX0 - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${e(yFmt(v))}</text>`);
  }
  const hs = hourStep(axis.tMax);
  for (let h = 0, k = 0; h * 3600 <= axis.tMax + 1e-9 && k <= 50; h += hs, k++) {
    const x = xOf(axis, h * 3600);
    parts.push(`<line x1="${x.toFixed(1)}" y1="${PY1}" x2="${x.toFixed(1)}" y2="${PY1 + 4}" class="axis"/>`);
    parts.push(`<text x="${x.toFixed(1)}" y="${PY1 + 16}" text-anchor="middle">${e(formatNumber(h, Number.isInteger(h) ? 0 : 2))}</text>`);
  }
  parts.push(`<line x1="${PX0}" y1="${PY1}" x2="${PX1}" y2="${PY1}" class="axis"/>`);
  parts.push(`<line x1="${PX0}" y1="${PY0}" x2="${PX0}" y2="${PY1}" class="axis"/>`);
  parts.push(`<text x="${(PX0 + PX1) / 2}" y="${PY1 + 30}" text-anchor="middle" class="axis-title">${e(t('hoursAxis', lang))}</text>`);
  return parts.join('');
}

/** Sample indices that matter for drawing: the ends of every flat run (dropping them would change nothing drawn). */
function keyIndices(n: number, cols: number[][]): number[] {
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 0 || i === n - 1) {
      keep.push(i);
      continue;
    }
    let flat = true;
    for (const c of cols) {
      if (c[i] !== c[i - 1] || c[i] !== c[i + 1]) {
        flat = false;
        break;
      }
    }
    if (!flat) keep.push(i);
  }
  return keep;
}

function maxOf(values: number[]): number {
  let m = 0;
  for (const v of values) if (v > m) m = v;
  return m;
}

function svgOpen(titleText: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${e(titleText)}" class="chart">`;
}

/** Rough width of a label at 11 px: CJK characters are about square, others about 0.6 em. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 11 : 6.4;
  return w;
}

function legend(items: { text: string; colour: string; kind: 'line' | 'box' }[]): string {
  let x = PX0;
  const y = H - 6;
  return items
    .map((it) => {
      const mark =
        it.kind === 'line'
          ? `<line x1="${x}" y1="${y - 4}" x2="${x + 16}" y2="${y - 4}" stroke="${it.colour}" stroke-width="2.5"/>`
          : `<rect x="${x}" y="${y - 10}" width="14" height="10" fill="${it.colour}"/>`;
      const s = `${mark}<text x="${x + 20}" y="${y}">${e(it.text)}</text>`;
      x += 34 + textWidth(it.text);
      return s;
    })
    .join('');
}

function servedChart(tSec: number[], served: number[], lang: Lang): string {
  const axis: Axis = { tMax: tSec[tSec.length - 1], yMax: 100 };
  const idx = keyIndices(tSec.length, [served]);
  const q = idx.map((i) => pt(xOf(axis, tSec[i]), yOf(axis, 100 * served[i])));
  const top = [...idx].reverse().map((i) => pt(xOf(axis, tSec[i]), yOf(axis, 100)));
  const title = t('chartServed', lang);
  return (
    svgOpen(title) +
    axes(axis, 20, (v) => `${v} %`, lang) +
    `<polygon points="${[...q, ...top].join(' ')}" fill="#f6c9c4" stroke="none"/>` +
    `<polyline points="${q.join(' ')}" fill="none" stroke="#1565c0" stroke-width="1.8"/>` +
    legend([
      { text: label(KPI_NAMES, 'populationServedFrac', lang), colour: '#1565c0', kind: 'line' },
      { text: lang === 'zh' ? '韧性损失 ∫(100−Q)dt' : 'loss of resilience ∫(100−Q)dt', colour: '#f6c9c4', kind: 'box' },
    ]) +
    '</svg>'
  );
}

function stackedChart(tSec: number[], layers: { id: string; values: number[]; colour: string }[], lang: Lang, title: string): string {
  const n = tSec.length;
  const tops = layers.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    let acc = 0;
    layers.forEach((l, k) => {
      acc += l.values[i];
      tops[k][i] = acc;
    });
  }
  const maxTotal = tops.length ? maxOf(tops[tops.length - 1]) : 0;
  const scale = niceScale(maxTotal);
  const axis: Axis = { tMax: tSec[n - 1], yMax: scale.yMax };
  const idx = keyIndices(n, layers.map((l) => l.values));
  const polys = layers.map((l, k) => {
    const upper = idx.map((i) => pt(xOf(axis, tSec[i]), yOf(axis, tops[k][i])));
    const lower = [...idx].reverse().map((i) => pt(xOf(axis, tSec[i]), yOf(axis, k === 0 ? 0 : tops[k - 1][i])));
    return `<polygon points="${[...upper, ...lower].join(' ')}" fill="${l.colour}" fill-opacity="0.85" stroke="none"/>`;
  });
  return (
    svgOpen(title) +
    axes(axis, scale.step, (v) => formatNumber(v, Number.isInteger(v) ? 0 : 1), lang) +
    polys.join('') +
    legend(layers.map((l) => ({ text: label(KPI_NAMES, l.id, lang), colour: l.colour, kind: 'box' as const }))) +
    '</svg>'
  );
}

function lineChart(tSec: number[], values: number[], lang: Lang, title: string, seriesId: string, colour: string): string {
  const scale = niceScale(maxOf(values));
  const axis: Axis = { tMax: tSec[tSec.length - 1], yMax: scale.yMax };
  const idx = keyIndices(tSec.length, [values]);
  const pts = idx.map((i) => pt(xOf(axis, tSec[i]), yOf(axis, values[i])));
  return (
    svgOpen(title) +
    axes(axis, scale.step, (v) => formatNumber(v, Number.isInteger(v) ? 0 : 1), lang) +
    `<polyline points="${pts.join(' ')}" fill="none" stroke="${colour}" stroke-width="1.8"/>` +
    legend([{ text: label(KPI_NAMES, seriesId, lang), colour, kind: 'line' }]) +
    '</svg>'
  );
}

function usableSeries(report: ScoredReport, ids: string[]): { t: number[]; cols: number[][] } | null {
  const s = report.kpis?.series ?? {};
  const tt = s.tSec;
  if (!Array.isArray(tt) || tt.length < 2) return null;
  const cols: number[][] = [];
  for (const sid of ids) {
    const c = s[sid];
    if (!Array.isArray(c) || c.length !== tt.length || !c.every((v) => typeof v === 'number' && Number.isFinite(v))) return null;
    cols.push(c);
  }
  return { t: tt, cols };
}

function figure(title: string, body: string): string {
  return `<figure class="fig"><figcaption>${e(title)}</figcaption>${body}</figure>`;
}

function notMeasuredFigure(title: string, seriesIds: string[], lang: Lang): string {
  const names = joinList(seriesIds.map((id) => label(KPI_NAMES, id, lang)), lang);
  return figure(title, `<p class="nm">${e(t('notMeasuredInRun', lang))}${paren(e(names), lang)}</p>`);
}

function charts(report: ScoredReport, lang: Lang): string {
  const out: string[] = [];
  const served = usableSeries(report, ['populationServedFrac']);
  out.push(
    served
      ? figure(t('chartServed', lang), servedChart(served.t, served.cols[0], lang))
      : notMeasuredFigure(t('chartServed', lang), ['populationServedFrac'], lang),
  );
  const causeIds = ['sitesOutPower', 'sitesOutTransport', 'sitesOutDamage'] as const;
  const causes = usableSeries(report, [...causeIds]);
  out.push(
    causes
      ? figure(
          t('chartSitesOut', lang),
          stackedChart(causes.t, causeIds.map((id, k) => ({ id, values: causes.cols[k], colour: CAUSE_COLOURS[id] })), lang, t('chartSitesOut', lang)),
        )
      : notMeasuredFigure(t('chartSitesOut', lang), [...causeIds], lang),
  );
  const iso = usableSeries(report, ['townshipsIsolated']);
  out.push(
    iso
      ? figure(t('chartTownships', lang), lineChart(iso.t, iso.cols[0], lang, t('chartTownships', lang), 'townshipsIsolated', '#6d4c41'))
      : notMeasuredFigure(t('chartTownships', lang), ['townshipsIsolated'], lang),
  );
  const uav = usableSeries(report, ['uavCoverageKm2']);
  out.push(
    uav
      ? figure(t('chartUav', lang), lineChart(uav.t, uav.cols[0], lang, t('chartUav', lang), 'uavCoverageKm2', '#00838f'))
      : notMeasuredFigure(t('chartUav', lang), ['uavCoverageKm2'], lang),
  );
  return out.join('\n');
}

// ---------------------------------------------------------------- sections

function hazardText(h: AarHazard, lang: Lang): string {
  const module = hazardModule(h.type);
  if (!module) return `${h.type} ${formatElapsed(h.tSec, lang)}`;
  return module.describe(h as unknown as ReportedHazard, { lang, elapsed: (tSec) => formatElapsed(tSec, lang), number: formatNumber });
}

function aftershockText(report: ScoredReport, lang: Lang): string | null {
  const list = report.aftershocks ?? [];
  if (!list.length) return null;
  const largest = list.reduce((m, a) => (a.ms > m ? a.ms : m), 0);
  return lang === 'zh' ? `本随机种子下生成余震 ${list.length} 次，最大 Ms ${formatNumber(largest, 1)}` : `${list.length} aftershocks drawn for this seed, largest Ms ${formatNumber(largest, 1)}`;
}

/** Seats the doctrine played: as the report says, else the seats it gave commands for. */
function doctrineSeats(report: ScoredReport): string[] {
  const seats = new Set(report.doctrineSeats ?? []);
  for (const c of report.commands ?? []) if (c.by === 'doctrine') seats.add(c.seat);
  return [...seats].sort((a, b) => seatRank(a) - seatRank(b));
}

const SEAT_ORDER = Object.keys(SEAT_NAMES);
function seatRank(seat: string): number {
  const i = SEAT_ORDER.indexOf(seat);
  return i < 0 ? SEAT_ORDER.length : i;
}

function countText(n: number, refused: number, lang: Lang): string {
  return lang === 'zh' ? `${n}条指令${refused ? `，${refused}条被拒绝` : ''}` : `${n} command${n === 1 ? '' : 's'}${refused ? `, ${refused} refused` : ''}`;
}

/** Who took part: people at their seats, and apart from them the doctrine with the seats it played. */
function participants(report: ScoredReport, lang: Lang): string {
  const bySeat = new Map<string, { n: number; rejected: number }>();
  let doctrineN = 0, doctrineRefused = 0;
  for (const c of report.commands ?? []) {
    const refused = 'rejected' in c.result;
    if (c.by === 'doctrine') {
      doctrineN++;
      if (refused) doctrineRefused++;
      continue;
    }
    const x = bySeat.get(c.seat) ?? { n: 0, rejected: 0 };
    x.n++;
    if (refused) x.rejected++;
    bySeat.set(c.seat, x);
  }
  const dSeats = doctrineSeats(report);
  if (bySeat.size === 0 && dSeats.length === 0 && doctrineN === 0) return e(t('participantsNone', lang));
  const seatText = (seat: string) => `${label(SEAT_NAMES, seat, lang)}${paren(countText(bySeat.get(seat)!.n, bySeat.get(seat)!.rejected, lang), lang)}`;
  const seats = [...bySeat.keys()].sort((a, b) => seatRank(a) - seatRank(b));
  // Players apart from the control cell and the evaluators, who run and judge the drill.
  const players = seats.filter((s) => isSeat(s) && SEAT_TABLE[s].role === 'department');
  const staff = seats.filter((s) => !players.includes(s));
  const sep = lang === 'zh' ? '；' : '; ';
  const peopleLine =
    `<strong>${e(t('people', lang))}</strong>${colon(lang)}${e(players.length ? players.map(seatText).join(sep) : t('peopleNone', lang))}` +
    (staff.length ? `<br><strong>${e(t('controlAndEvaluators', lang))}</strong>${colon(lang)}${e(staff.map(seatText).join(sep))}` : '');
  const seatsText = joinList(dSeats.map((seat) => label(SEAT_NAMES, seat, lang)), lang);
  const doctrineLine = dSeats.length || doctrineN
    ? `<strong>${e(t('doctrine', lang))}</strong>${colon(lang)}${e(
        lang === 'zh' ? `代行${seatsText}席位，${countText(doctrineN, doctrineRefused, 'zh')}` : `playing ${seatsText}: ${countText(doctrineN, doctrineRefused, 'en')}`,
      )}`
    : `<strong>${e(t('doctrine', lang))}</strong>${colon(lang)}${e(t('doctrineNone', lang))}`;
  return `<span class="who people">${peopleLine}</span><br><span class="who doctrine">${doctrineLine}</span><br><small>${e(t('doctrineExplain', lang))}</small>`;
}

function overview(report: ScoredReport, ev: Evaluation, opts: AarOptions): string {
  const { lang } = opts;
  const hazards = opts.hazards ?? report.hazards ?? [];
  const shocks = aftershockText(report, lang);
  const rows: [string, string][] = [
    [t('scenario', lang), e(pick(report.scenario.name, lang))],
    [t('start', lang), `${e(report.start)}${paren(e(report.timeZone), lang)}`],
    [t('duration', lang), e(formatDuration(report.untilSec, lang))],
    [t('seed', lang), e(String(report.seed))],
    [t('hazards', lang), hazards.length ? hazards.map((h) => e(hazardText(h, lang))).join('<br>') : e(t('hazardsUnknown', lang))],
    ...(shocks ? ([[t('aftershocks', lang), e(shocks)]] as [string, string][]) : []),
    [t('participants', lang), participants(report, lang)],
    [t('profile', lang), e(pick(ev.profile.name, lang))],
  ];
  const o = ev.overall;
  const passText = o.pass === null ? '—' : o.pass ? t('pass', lang) : t('fail', lang);
  const cover =
    lang === 'zh'
      ? `${o.ratedIndicators} / ${o.totalIndicators}（按权重 ${formatNumber(o.ratedWeightFrac * 100, 0)} %；其中由推演数据测得 ${o.measuredIndicators} 项）`
      : `${o.ratedIndicators} of ${o.totalIndicators} (${formatNumber(o.ratedWeightFrac * 100, 0)} % of the weight; ${o.measuredIndicators} measured from the run's data)`;
  return `<section>
<h2>${e(t('overview', lang))}</h2>
<table class="kv"><tbody>
${rows.map(([k, v]) => `<tr><th>${e(k)}</th><td>${v}</td></tr>`).join('\n')}
</tbody></table>
<div class="overall">
  <div><span class="big">${e(scoreText(o.score))}</span><span class="unit"> / 100</span>${o.complete ? '' : ` <small>${e(t('provisional', lang))}</small>`}</div>
  <div>${e(t('rating', lang))}${colon(lang)}${ratingCell(o, lang)}</div>
  <div>${e(t('overallResult', lang))}${colon(lang)}<strong>${e(passText)}</strong></div>
  <div>${e(t('coverage', lang))}${colon(lang)}${e(cover)}</div>
</div>
${o.complete ? '' : `<p class="small">${e(t('incompleteNote', lang))}</p>`}
</section>`;
}

/** A rating, or for an incomplete group "not rated" with what the provisional score would rate. */
function ratingCell(x: RatedScore, lang: Lang): string {
  if (x.complete || x.score === null) return chip(x.rating, lang);
  return `<span class="chip incomplete">${e(t('incomplete', lang))}</span><br><small>${e(t('provisional', lang))} ${chip(x.provisionalRating, lang, true)}</small>`;
}

function scoreCell(x: RatedScore, lang: Lang): string {
  return x.complete || x.score === null ? e(scoreText(x.score)) : `${e(scoreText(x.score))}<br><small>${e(t('provisional', lang))}</small>`;
}

function groupTables(ev: Evaluation, lang: Lang): string {
  const g = ev.groups
    .map((x) => `<tr><td>${e(nameOf(x, lang))}</td><td class="num">${scoreCell(x, lang)}</td><td>${ratingCell(x, lang)}</td><td class="num">${x.rated} / ${x.indicators.length}</td></tr>`)
    .join('\n');
  const d = ev.byDepartment
    .map(
      (x) =>
        `<tr><td>${e(nameOf(x, lang))}</td><td class="num">${scoreCell(x, lang)}</td><td>${ratingCell(x, lang)}</td>` +
        `<td class="num">${x.commands}${x.rejected ? ` <small>(${e(t('rejected', lang))} ${x.rejected})</small>` : ''}</td>` +
        `<td class="num">${x.doctrineCommands}${x.doctrineRejected ? ` <small>(${e(t('rejected', lang))} ${x.doctrineRejected})</small>` : ''}</td></tr>`,
    )
    .join('\n');
  return `<h3>${e(t('groupSummary', lang))}</h3>
<table><thead><tr><th>${e(t('group', lang))}</th><th>${e(t('score', lang))}</th><th>${e(t('rating', lang))}</th><th>${e(t('coverage', lang))}</th></tr></thead><tbody>
${g}
</tbody></table>
<h3>${e(t('departmentSummary', lang))}</h3>
<table><thead><tr><th>${e(t('department', lang))}</th><th>${e(t('score', lang))}</th><th>${e(t('rating', lang))}</th><th>${e(t('commandsByPeople', lang))}</th><th>${e(t('commandsByDoctrine', lang))}</th></tr></thead><tbody>
${d}
</tbody></table>
<p class="small">${e(t('doctrineExplain', lang))}</p>`;
}

function bandsText(r: IndicatorResult, lang: Lang): string {
  const op = r.direction === 'higherIsBetter' ? '≥' : '≤';
  return (['P', 'S', 'M'] as const).map((l) => `${l} ${op} ${e(formatValue(r.bands[l], r.unit, lang, true))}`).join('<br>');
}

function noteCell(r: IndicatorResult, lang: Lang): string {
  const parts: string[] = [];
  if (r.manual) {
    parts.push(
      `${e(t('manualRating', lang))}${colon(lang)}${chip(r.manual.rating, lang, true)}${paren(`${e(t('measuredRating', lang))}${colon(lang)}${chip(r.measuredRating, lang, true)}`, lang)}`,
    );
  }
  for (const o of r.observations) {
    parts.push(`<span class="obs">${e(formatElapsed(o.tSec, lang))} ${e(label(SEAT_NAMES, o.by, lang))}${colon(lang)}${e(o.note)}</span>`);
  }
  return parts.join('<br>');
}

function capabilityTable(ev: Evaluation, lang: Lang): string {
  const rows: string[] = [];
  for (const g of ev.groups) {
    const grpRating = g.complete || g.score === null ? chip(g.rating, lang, true) : `(${e(t('provisional', lang))}) ${e(t('incomplete', lang))} ${g.rated} / ${g.indicators.length}`;
    rows.push(`<tr class="grp"><td colspan="6">${e(nameOf(g, lang))} — ${e(t('score', lang))} ${e(scoreText(g.score))} ${grpRating}</td></tr>`);
    for (const r of ev.indicators.filter((x) => x.group === g.id)) {
      const mark = r.assumption ? '<span class="assume">※</span>' : '';
      rows.push(
        `<tr id="ind-${e(r.id)}"><td><strong>${e(nameOf(r, lang))}</strong>` +
          `<br><small>${e(t('source', lang))}${colon(lang)}${e(withDocNumber(shortTitle(r.source.title), r.source.doc, lang))} ${e(r.source.clause)}</small></td>` +
          `<td>${e(pick(r.target, lang))}${mark}<br><small>${bandsText(r, lang)}</small></td>` +
          `<td class="num">${e(formatValue(r.value, r.unit, lang))}</td>` +
          `<td>${chip(r.rating, lang)}${r.score !== null ? `<br><small>${e(t('score', lang))} ${e(formatNumber(r.score, 0))} × ${e(String(r.weight))}</small>` : ''}</td>` +
          `<td>${e(pick(r.evidence, lang))}</td>` +
          `<td>${noteCell(r, lang)}</td></tr>`,
      );
    }
  }
  const sources = new Map<string, string>();
  for (const r of ev.indicators) if (!sources.has(r.source.doc)) sources.set(r.source.doc, r.source.title);
  const sourceList = [...sources.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `<table class="cap"><colgroup><col style="width:25%"><col style="width:13%"><col style="width:10%"><col style="width:15%"><col style="width:22%"><col style="width:15%"></colgroup>
<thead><tr><th>${e(t('indicator', lang))}</th><th>${e(t('target', lang))}</th><th>${e(t('measured', lang))}</th><th>${e(t('rating', lang))}</th><th>${e(t('evidence', lang))}</th><th>${e(t('evaluatorNote', lang))}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
<p class="small">${e(t('assumptionMark', lang))}</p>
<ul class="sources small">${sourceList.map(([doc, title]) => `<li>${e(withDocNumber(title, doc, lang))}</li>`).join('')}</ul>
<p class="small"><strong>${e(t('scoringNote', lang))}</strong>${colon(lang)}${e(scoringText(ev, lang))}</p>`;
}

function scoringText(ev: Evaluation, lang: Lang): string {
  const s = ev.scoring;
  const l = s.levelScores, c = s.ratingCuts;
  const base =
    lang === 'zh'
      ? `P=${l.P}、S=${l.S}、M=${l.M}、U=${l.U}分；目标组与总体得分为已评定指标的加权平均；平均分≥${c.P}评为P，≥${c.S}为S，≥${c.M}为M，其余为U；总分≥${s.passScore}为达标。只有全部指标均已评定时才给出等级与达标结论，否则分数为暂定分。`
      : `P = ${l.P}, S = ${l.S}, M = ${l.M}, U = ${l.U}; group and overall scores are weighted means over the rated indicators; a mean of ${c.P} or more rates P, ${c.S} S, ${c.M} M, below that U; ${s.passScore} or more passes. A rating, and pass or fail, are given only when every indicator is rated; otherwise the score is provisional.`;
  const note =
    lang === 'zh'
      ? '参照GB/T 46792-2025附录D的得分转化思路；标准中的具体分值未纳入本项目参考资料，以上分值为本项目假设。'
      : "In the manner of GB/T 46792-2025 Annex D; the standard's exact numbers are not in the project's references, so these are the project's assumptions.";
  return s.assumption ? `${base} ${note}` : base;
}

function timeline(report: ScoredReport, opts: AarOptions): string {
  const { lang } = opts;
  const book = (opts as AarOptions & { names: NameBook }).names;
  type Row = { tSec: number; order: number; html: string };
  const rows: Row[] = [];
  const clock = (s: number) => e(clockAt(report.start, s));
  const sep = lang === 'zh' ? '、' : ', ';
  (opts.msel ?? report.msel ?? []).forEach((inj, i) => {
    const name = book?.[inj.id] ? nameIn(book, inj.id, lang) : injectName(i)[lang];
    rows.push({
      tSec: inj.tSec,
      order: i,
      html: `<tr class="inject"><td>${e(formatElapsed(inj.tSec, lang))}</td><td>${clock(inj.tSec)}</td><td>${e(t('inject', lang))}<br><small>${e(name)}</small></td><td>→ ${e(label(SEAT_NAMES, inj.to, lang))}</td><td>${e(pick(inj.text, lang))}</td><td></td></tr>`,
    });
  });
  // A warning is the doctrine's when the command that sent it was.
  const doctrineWarning = (w: { sentAtSec: number; seat: string; headline: string }) =>
    (report.commands ?? []).some((c) => c.by === 'doctrine' && c.type === 'sendWarning' && c.tSec === w.sentAtSec && c.seat === w.seat && c.args.headline === w.headline);
  (report.warnings ?? []).forEach((w, i) => {
    const share = w.targetPeople > 0 ? ` (${formatNumber((100 * w.reachedPeople) / w.targetPeople, 1)} %)` : '';
    const townships = (w as { townships?: string[] }).townships;
    const names = Array.isArray(townships) && townships.length ? townships.map((id) => nameIn(book, id, lang)) : w.areaNames;
    const area = names.length ? ` — ${names.join(sep)}` : '';
    const who = doctrineWarning(w) ? 'by-doctrine' : 'by-people';
    const whoText = who === 'by-doctrine' ? `<br><small>${e(t('doctrine', lang))}</small>` : '';
    rows.push({
      tSec: w.sentAtSec,
      order: 50_000 + i,
      html: `<tr class="warn ${who}"><td>${e(formatElapsed(w.sentAtSec, lang))}</td><td>${clock(w.sentAtSec)}</td><td>${e(t('warning', lang))} ${i + 1}${whoText}</td><td>${e(label(SEAT_NAMES, w.seat, lang))}</td><td>[${e(label(SEVERITY_NAMES, w.severity, lang))}] ${e(warningTextIn(w.headline, lang))}${e(area)}</td><td>${e(t('warningReach', lang))} ${e(formatNumber(w.reachedPeople, 0))} / ${e(formatNumber(w.targetPeople, 0))}${e(share)}</td></tr>`,
    });
  });
  (report.commands ?? []).forEach((c, i) => {
    const res =
      'rejected' in c.result ? `<span class="rej">${e(t('rejected', lang))}${colon(lang)}${e(label(REASON_CODES, c.result.rejected, lang))}</span>` : e(t('accepted', lang));
    const doctrine = c.by === 'doctrine';
    const { what, detail } = describeCommand(c.type, c.args, { lang, book });
    rows.push({
      tSec: c.tSec,
      order: 100_000 + i,
      html: `<tr class="${doctrine ? 'by-doctrine' : 'by-people'}"><td>${e(formatElapsed(c.tSec, lang))}</td><td>${clock(c.tSec)}</td><td>${e(t(doctrine ? 'doctrineCommand' : 'personCommand', lang))}</td><td>${e(label(SEAT_NAMES, c.seat, lang))}</td><td>${e(what)}${detail ? `${colon(lang)}${e(detail)}` : ''}</td><td>${res}</td></tr>`,
    });
  });
  rows.sort((a, b) => a.tSec - b.tSec || a.order - b.order);
  const body = rows.length ? rows.map((r) => r.html).join('\n') : `<tr><td colspan="6">${e(t('timelineEmpty', lang))}</td></tr>`;
  // The filter is CSS only (radio buttons beside the table): the page stays script-free.
  const radio = (id: string, key: 'filterAll' | 'filterPeople' | 'filterDoctrine', checked: boolean) =>
    `<input type="radio" name="tlf" id="${id}"${checked ? ' checked' : ''}><label for="${id}">${e(t(key, lang))}</label>`;
  return `<section class="timeline">
<h2>${e(t('timeline', lang))}</h2>
<span class="tlf-title noprint">${e(t('filter', lang))}${colon(lang)}</span>${radio('tlf-all', 'filterAll', true)}${radio('tlf-people', 'filterPeople', false)}${radio('tlf-doctrine', 'filterDoctrine', false)}
<table class="tl"><colgroup><col style="width:12%"><col style="width:10%"><col style="width:12%"><col style="width:12%"><col style="width:38%"><col style="width:16%"></colgroup><thead><tr><th>${e(t('time', lang))}</th><th>${e(t('clock', lang))}</th><th>${e(t('kind', lang))}</th><th>${e(t('seat', lang))}</th><th>${e(t('content', lang))}</th><th>${e(t('result', lang))}</th></tr></thead><tbody>
${body}
</tbody></table>
</section>`;
}

/**
 * The names the report uses: the scenario's (options.names), the profile's
 * indicators, and the director's ad-hoc injects, numbered in the order they
 * were authored.
 */
function reportBook(report: ScoredReport, ev: Evaluation, opts: AarOptions): NameBook {
  const book: NameBook = { ...(opts.names ?? {}) };
  (report.msel ?? []).forEach((inj, i) => {
    if (!book[inj.id]) book[inj.id] = injectName(i, (inj as { number?: string }).number);
  });
  for (const r of ev.indicators) book[r.id] = { zh: r.nameZh, en: r.nameEn };
  let k = 0;
  for (const inj of report.exercise?.injects ?? []) if (inj.adhoc) book[inj.id] = adhocInjectName(++k);
  return book;
}

const NEVER_SEC = -1;

/** What the control cell did with the script: every inject's fate, every expected action's outcome, and the evaluators' notes on them. */
function exerciseSection(report: ScoredReport, opts: AarOptions & { names: NameBook }): string {
  const x = report.exercise;
  if (!x || (x.injects.length === 0 && x.observations.length === 0 && x.ratings.length === 0)) return '';
  const { lang, names } = opts;
  const at = (tSec: number) => (tSec === NEVER_SEC || tSec < 0 ? '—' : e(formatElapsed(tSec, lang)));
  const msel = new Map((report.msel ?? []).map((m) => [m.id, m]));
  const notesAbout = (key: 'inject' | 'expectation', id: string) =>
    x.observations
      .filter((o) => o[key] === id)
      .map((o) => `<br><span class="obs">${e(formatElapsed(o.tSec, lang))} ${e(label(SEAT_NAMES, o.seat, lang))}${colon(lang)}${e(o.text)}</span>`)
      .join('');
  const injectRows = x.injects
    .map((inj) => {
      const doc = msel.get(inj.id) as (AarInject & { synopsis?: { zh: string; en?: string }; to?: string }) | undefined;
      const what = inj.adhoc
        ? e(describeAdhoc(inj.adhoc.kind, inj.adhoc.args, { lang, book: names }))
        : e(doc ? pick(doc.synopsis ?? doc.text, lang) : '');
      const to = inj.adhoc ? (inj.adhoc.to ? label(SEAT_NAMES, inj.adhoc.to, lang) : '—') : doc ? label(SEAT_NAMES, doc.to, lang) : '';
      return `<tr class="inj-${e(inj.status)}"><td>${e(nameIn(names, inj.id, lang))}${inj.adhoc ? `<br><small>${e(t('adhoc', lang))}</small>` : ''}</td><td>${e(to)}</td><td>${what}${notesAbout('inject', inj.id)}</td><td>${at(inj.dueSec)}</td><td>${e(label(INJECT_STATUS_NAMES, inj.status, lang))}</td><td>${at(inj.deliveredAtSec)}</td></tr>`;
    })
    .join('\n');
  const expectRows = x.expectations
    .map((ex) => {
      const doc = msel.get(ex.inject) as { expect?: { text?: { zh: string; en?: string } } } | undefined;
      const text = doc?.expect?.text ? pick(doc.expect.text, lang) : '';
      const contingency = ex.contingency
        ? `${e(nameIn(names, ex.contingency, lang))}${colon(lang)}${e(label(INJECT_STATUS_NAMES, x.injects.find((i) => i.id === ex.contingency)?.status ?? '', lang))}`
        : '—';
      const met = ex.metAtSec >= 0 ? ` ${at(ex.metAtSec)}` : '';
      return `<tr class="exp-${e(ex.status)}"><td>${e(nameIn(names, ex.inject, lang))}</td><td>${e(label(SEAT_NAMES, ex.seat, lang))}</td><td>${e(text || label(COMMAND_NAMES_FOR_AAR, ex.command, lang))}${notesAbout('expectation', ex.id)}</td><td>${at(ex.deadlineSec)}</td><td><strong>${e(label(EXPECTATION_STATUS_NAMES, ex.status, lang))}</strong>${met}</td><td>${contingency}</td></tr>`;
    })
    .join('\n');
  const settings = [
    `${e(t('stopAt', lang))}${colon(lang)}${x.stopAtSec >= 0 ? e(formatElapsed(x.stopAtSec, lang)) : e(t('notSet', lang))}`,
    `${e(t('noNotice', lang))}${colon(lang)}${e(t(x.noNotice ? 'on' : 'off', lang))}`,
  ].join(' · ');
  return `<section class="exercise">
<h2>${e(t('exerciseControl', lang))}</h2>
<p>${settings}</p>
<h3>${e(t('injectsTitle', lang))}</h3>
<table><thead><tr><th>${e(t('inject', lang))}</th><th>${e(t('seat', lang))}</th><th>${e(t('content', lang))}</th><th>${e(t('due', lang))}</th><th>${e(t('status', lang))}</th><th>${e(t('delivered', lang))}</th></tr></thead><tbody>
${injectRows || `<tr><td colspan="6">${e(t('none', lang))}</td></tr>`}
</tbody></table>
<h3>${e(t('expectedActions', lang))}</h3>
<table><thead><tr><th>${e(t('inject', lang))}</th><th>${e(t('seat', lang))}</th><th>${e(t('expectedAction', lang))}</th><th>${e(t('deadline', lang))}</th><th>${e(t('outcome', lang))}</th><th>${e(t('contingency', lang))}</th></tr></thead><tbody>
${expectRows || `<tr><td colspan="6">${e(t('none', lang))}</td></tr>`}
</tbody></table>
</section>`;
}

const SEVERITY: Record<Rating, number> = { U: 0, M: 1, S: 2, P: 3, notMeasured: 4 };

function finding(r: IndicatorResult, lang: Lang): string {
  const sep = colon(lang);
  const targetWord = t('target_', lang);
  const manual = r.manual
    ? lang === 'zh'
      ? `；${label(SEAT_NAMES, r.manual.by, lang)}评定为${r.manual.rating}：${r.manual.note}`
      : `; ${label(SEAT_NAMES, r.manual.by, lang)} rated it ${r.manual.rating}: ${r.manual.note}`
    : '';
  const end = lang === 'zh' ? '。' : '.';
  return `${chip(r.rating, lang, true)} <strong>${e(nameOf(r, lang))}</strong>${e(sep)}${e(pick(r.evidence, lang))}${lang === 'zh' ? '；' : '; '}${e(targetWord)} ${e(pick(r.target, lang))}${e(manual)}${end}`;
}

function analysis(ev: Evaluation, lang: Lang): { html: string; improvements: IndicatorResult[] } {
  const strengths = ev.indicators.filter((r) => r.rating === 'P');
  const improvements = ev.indicators.filter((r) => r.rating === 'S' || r.rating === 'M' || r.rating === 'U').sort((a, b) => SEVERITY[a.rating] - SEVERITY[b.rating]);
  const notMeasured = ev.indicators.filter((r) => r.rating === 'notMeasured');
  const list = (items: IndicatorResult[]) => (items.length ? `<ul>${items.map((r) => `<li>${finding(r, lang)}</li>`).join('')}</ul>` : `<p>${e(t('none', lang))}</p>`);
  const general = ev.generalObservations.length
    ? `<h3>${e(t('observationsGeneral', lang))}</h3><ul>${ev.generalObservations.map((o) => `<li>${e(formatElapsed(o.tSec, lang))} ${e(label(SEAT_NAMES, o.by, lang))}${colon(lang)}${e(o.note)}</li>`).join('')}</ul>`
    : '';
  const nm = notMeasured.length
    ? `<h3>${e(t('notMeasuredList', lang))}</h3><ul class="small">${notMeasured.map((r) => `<li>${e(nameOf(r, lang))}${colon(lang)}${e(pick(r.evidence, lang))}</li>`).join('')}</ul>`
    : '';
  return {
    html: `<section>
<h2>${e(t('analysis', lang))}</h2>
<h3>${e(t('strengths', lang))}</h3>
${list(strengths)}
<h3>${e(t('improvements', lang))}</h3>
${list(improvements)}
${nm}
${general}
</section>`,
    improvements,
  };
}

function improvementPlan(ev: Evaluation, improvements: IndicatorResult[], lang: Lang): string {
  const groupName = new Map(ev.groups.map((g) => [g.id, nameOf(g, lang)]));
  const rows = improvements.map(
    (r) => `<tr><td class="fill"></td><td>${e(groupName.get(r.group) ?? r.group)}<br><small>${e(nameOf(r, lang))}</small></td><td class="fill"></td><td class="fill"></td></tr>`,
  );
  for (let i = 0; i < 3; i++) rows.push('<tr><td class="fill"></td><td class="fill"></td><td class="fill"></td><td class="fill"></td></tr>');
  return `<section class="ip">
<h2>${e(t('improvementPlan', lang))}</h2>
<table><thead><tr><th style="width:38%">${e(t('correctiveAction', lang))}</th><th style="width:27%">${e(t('capability', lang))}</th><th style="width:20%">${e(t('responsibleOrg', lang))}</th><th style="width:15%">${e(t('dueDate', lang))}</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
</section>`;
}

const CSS = `
@page { size: A4; margin: 15mm 13mm 16mm 13mm; }
* { box-sizing: border-box; }
html { background: #eceff1; }
body { margin: 0 auto; max-width: 210mm; background: #fff; color: #212121; padding: 14mm 13mm;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "SimSun", "Helvetica Neue", Arial, sans-serif;
  font-size: 10pt; line-height: 1.45; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
header { border-bottom: 3px double #37474f; margin-bottom: 8mm; padding-bottom: 3mm; }
header h1 { font-size: 18pt; margin: 0 0 2mm; letter-spacing: 0.05em; }
header .sub { color: #455a64; }
h2 { font-size: 13pt; border-left: 5px solid #37474f; padding-left: 3mm; margin: 7mm 0 3mm; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 3mm; }
th, td { border: 1px solid #90a4ae; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }
thead { display: table-header-group; }
thead th { background: #eceff1; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.kv th { width: 22%; background: #f5f7f8; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.grp td { background: #cfd8dc; font-weight: 700; }
table.cap, table.tl { table-layout: fixed; }
table.cap td, table.tl td { font-size: 8.8pt; overflow-wrap: anywhere; }
code.id { font-size: 7.5pt; color: #546e7a; }
tr.inject td { background: #fff8e1; }
tr.warn td { background: #e3f2fd; }
tr.by-doctrine td { color: #546e7a; }
.chip.incomplete { background: #eceff1; color: #37474f; border: 1px dashed #607d8b; }
section.timeline input[type=radio] { margin: 0 1mm 0 3mm; }
section.timeline label { font-size: 9pt; }
#tlf-people:checked ~ table.tl tr.by-doctrine { display: none; }
#tlf-doctrine:checked ~ table.tl tr.by-people, #tlf-doctrine:checked ~ table.tl tr.inject { display: none; }
.chip { display: inline-block; max-width: 100%; padding: 0 1.6mm; border-radius: 1.2mm; font-size: 8.5pt; font-weight: 600; line-height: 1.35; }
.assume { color: #b71c1c; font-weight: 700; margin-left: 1mm; }
.rej { color: #b71c1c; }
.overall { display: flex; flex-wrap: wrap; gap: 6mm; align-items: center; border: 1px solid #90a4ae; background: #f5f7f8; padding: 3mm 4mm; }
.overall .big { font-size: 22pt; font-weight: 700; }
.small, small { font-size: 8pt; color: #455a64; }
code { font-family: "Noto Sans Mono CJK SC", Consolas, "Courier New", monospace; font-size: 0.9em; }
.fig { margin: 2mm 0 4mm; break-inside: avoid; page-break-inside: avoid; }
.fig figcaption { font-weight: 600; margin-bottom: 1mm; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart text { font-size: 11px; fill: #37474f; }
svg.chart .grid { stroke: #e0e0e0; stroke-width: 1; }
svg.chart .axis { stroke: #607d8b; stroke-width: 1; }
.nm { border: 1px dashed #90a4ae; color: #607d8b; padding: 4mm; text-align: center; }
td.fill { height: 10mm; }
section.ip { break-before: page; page-break-before: always; }
footer { margin-top: 8mm; border-top: 1px solid #90a4ae; padding-top: 2mm; font-size: 8pt; color: #455a64; word-break: break-all; }
@media print { html { background: none; } body { max-width: none; padding: 0; } .noprint, section.timeline input, section.timeline label { display: none; } }
`;

/** A complete, self-contained HTML page: the after-action report and improvement plan. */
export function renderAarHtml(report: ScoredReport, evaluation: Evaluation, options: AarOptions): string {
  const lang = options.lang;
  const name = pick(report.scenario.name, lang);
  const { html: analysisHtml, improvements } = analysis(evaluation, lang);
  const withNames = { ...options, names: reportBook(report, evaluation, options) };
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(t('title', lang))} — ${e(name)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${e(t('title', lang))}</h1>
<div class="sub">${e(t('subtitle', lang))}</div>
<div class="sub"><strong>${e(name)}</strong> · ${e(report.start)} · ${e(formatDuration(report.untilSec, lang))}</div>
</header>
${overview(report, evaluation, options)}
<section>
<h2>${e(t('capabilities', lang))}</h2>
${groupTables(evaluation, lang)}
${capabilityTable(evaluation, lang)}
</section>
<section>
<h2>${e(t('charts', lang))}</h2>
${charts(report, lang)}
</section>
${exerciseSection(report, withNames)}
${timeline(report, withNames)}
${analysisHtml}
${improvementPlan(evaluation, improvements, lang)}
<footer>
${e(t('footerEngine', lang))}: <code>${e(report.engineVersion)}</code> ·
${e(t('footerScenario', lang))}: <code>${e(report.scenario.sha256)}</code> ·
${e(t('footerState', lang))}: <code>${e(report.finalStateHash)}</code> ·
${e(t('seedWord', lang))} ${e(String(report.seed))}<br>
${e(t('footerReplay', lang))}
</footer>
</body>
</html>
`;
}
