// The run's data as CSV for spreadsheets (training bases keep MSELs and
// results in Excel): one file per group. RFC 4180 quoting, CRLF line ends.
// Files with Chinese text start with a UTF-8 byte-order mark so Excel reads
// them as UTF-8; kpis.csv is numbers only and has none.
import type { Evaluation, ScoredReport, TargetsSummary } from './evaluate.ts';
import { clockAt } from './i18n.ts';
import { KPI_REPORTERS } from './kpis.ts';

const BOM = '\uFEFF';
const EOL = '\r\n';

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  // A text a spreadsheet would run as a formula (=HYPERLINK(…), +, -, @, tab, CR) is kept as text by a leading apostrophe.
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join(EOL) + EOL;
}

/** Column order: tSec, the KPI reporters in their declared order, then any other series by id. */
function seriesColumns(series: Record<string, number[]>): string[] {
  const declared = KPI_REPORTERS.map((k) => k.id).filter((id) => id in series);
  const others = Object.keys(series)
    .filter((id) => id !== 'tSec' && !declared.includes(id))
    .sort();
  return ['tSec', ...declared, ...others].filter((id) => Array.isArray(series[id]));
}

function kpisCsv(report: ScoredReport): string {
  const series = report.kpis?.series ?? {};
  const cols = seriesColumns(series);
  const n = Array.isArray(series.tSec) ? series.tSec.length : 0;
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) rows.push(cols.map((c) => series[c][i]));
  return csv(cols, rows);
}

function indicatorsCsv(evaluation: Evaluation | undefined, summary: TargetsSummary | undefined): string {
  if (evaluation) {
    const header = ['id', 'group', 'nameZh', 'nameEn', 'value', 'unit', 'direction', 'targetP', 'limitS', 'limitM', 'measuredRating', 'rating', 'score', 'weight', 'atSec', 'assumption', 'evidenceZh', 'evidenceEn', 'sourceDoc', 'sourceClause', 'manualRating', 'manualBy', 'manualNote'];
    const rows = evaluation.indicators.map((r) => [
      r.id, r.group, r.nameZh, r.nameEn, r.value, r.unit, r.direction, r.bands.P, r.bands.S, r.bands.M, r.measuredRating, r.rating, r.score, r.weight, r.atSec,
      r.assumption, r.evidence.zh, r.evidence.en, r.source.doc, r.source.clause, r.manual?.rating, r.manual?.by, r.manual?.note,
    ]);
    return BOM + csv(header, rows);
  }
  const header = ['id', 'group', 'value', 'unit', 'threshold', 'rating', 'score'];
  return BOM + csv(header, (summary?.indicators ?? []).map((r) => [r.id, r.group, r.value, r.unit, r.threshold, r.rating, r.score]));
}

function commandsCsv(report: ScoredReport): string {
  const header = ['tSec', 'clock', 'seat', 'type', 'args', 'result', 'reason'];
  const rows = (report.commands ?? []).map((c) => [
    c.tSec,
    clockAt(report.start, c.tSec),
    c.seat,
    c.type,
    JSON.stringify(c.args),
    'rejected' in c.result ? 'rejected' : 'ok',
    'rejected' in c.result ? c.result.rejected : '',
  ]);
  return BOM + csv(header, rows);
}

/**
 * One CSV per group of data: the KPI series (one row per sample), the
 * indicators (from the evaluation when given, else from report.targets)
 * and the command log.
 */
export function seriesToCsv(report: ScoredReport, evaluation?: Evaluation): Record<'kpis.csv' | 'indicators.csv' | 'commands.csv', string> {
  return {
    'kpis.csv': kpisCsv(report),
    'indicators.csv': indicatorsCsv(evaluation, report.targets),
    'commands.csv': commandsCsv(report),
  };
}
