// The sweep report's figures as inline SVG text: a fan chart of the served
// population over time (P10–P90 band and median per variant), an exceedance
// curve of service loss (the chance a run loses more than x), a forest plot
// of paired differences against the base with their 95 % intervals, and a
// tornado chart of a parameter sweep. Pure string building: no DOM, no
// scripts, no fonts or files from elsewhere, so the page opens offline.
import { log10 } from '../core/dmath.ts';

/** Variant colours, in variant order (the base first); colour-blind-safe (Okabe–Ito). */
export const VARIANT_COLOURS = ['#000000', '#E69F00', '#56B4E9', '#009E73', '#D55E00', '#0072B2', '#CC79A7', '#F0E442'];
const colour = (i: number) => VARIANT_COLOURS[i % VARIANT_COLOURS.length];

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r2 = (x: number) => Math.round(x * 100) / 100;

/** A "nice" axis from lo to hi: rounded ends and about `ticks` steps of 1, 2 or 5 × 10^k. */
export function niceAxis(lo: number, hi: number, ticks = 5): { lo: number; hi: number; step: number } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { lo: 0, hi: 1, step: 0.2 };
  if (hi - lo < 1e-12) {
    const pad = Math.abs(hi) > 1e-12 ? Math.abs(hi) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / ticks;
  // Number('1e' + k) is exact for a whole k, where 10 ** k need not be in every engine.
  const mag = Number(`1e${Math.floor(log10(raw))}`);
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const clean = (x: number) => Number(x.toPrecision(12)); // 3 × 0.1 is 0.30000000000000004
  return { lo: clean(Math.floor(lo / step) * step), hi: clean(Math.ceil(hi / step) * step), step: clean(step) };
}

const tickLabel = (x: number, step: number) => {
  const digits = Math.max(0, -Math.floor(log10(step) + 1e-9));
  return x.toFixed(Math.min(digits, 6));
};

interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const FRAME: Frame = { width: 720, height: 320, left: 64, right: 160, top: 28, bottom: 44 };

function axes(f: Frame, x: { lo: number; hi: number; step: number }, y: { lo: number; hi: number; step: number }, xLabel: string, yLabel: string, title: string) {
  const px = (v: number) => f.left + ((v - x.lo) / (x.hi - x.lo)) * (f.width - f.left - f.right);
  const py = (v: number) => f.height - f.bottom - ((v - y.lo) / (y.hi - y.lo)) * (f.height - f.top - f.bottom);
  const parts: string[] = [];
  for (let v = y.lo, k = 0; v <= y.hi + y.step / 2 && k < 50; v += y.step, k++) {
    parts.push(`<line x1="${f.left}" x2="${f.width - f.right}" y1="${r2(py(v))}" y2="${r2(py(v))}" stroke="#ddd"/><text x="${f.left - 6}" y="${r2(py(v) + 4)}" text-anchor="end">${tickLabel(v, y.step)}</text>`);
  }
  for (let v = x.lo, k = 0; v <= x.hi + x.step / 2 && k < 50; v += x.step, k++) {
    parts.push(`<line x1="${r2(px(v))}" x2="${r2(px(v))}" y1="${f.height - f.bottom}" y2="${f.height - f.bottom + 4}" stroke="#555"/><text x="${r2(px(v))}" y="${f.height - f.bottom + 17}" text-anchor="middle">${tickLabel(v, x.step)}</text>`);
  }
  parts.push(
    `<line x1="${f.left}" x2="${f.width - f.right}" y1="${f.height - f.bottom}" y2="${f.height - f.bottom}" stroke="#555"/>`,
    `<text x="${(f.left + f.width - f.right) / 2}" y="${f.height - 6}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text transform="translate(14 ${(f.top + f.height - f.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
    `<text x="${f.left}" y="16" font-weight="bold">${esc(title)}</text>`,
  );
  return { px, py, grid: parts.join('') };
}

function svg(f: Frame, body: string, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img" aria-label="${esc(label)}" font-family="system-ui,sans-serif" font-size="11">${body}</svg>`;
}

function legend(f: Frame, names: readonly string[], y0 = FRAME.top): string {
  return names
    .map((n, i) => `<rect x="${f.width - f.right + 12}" y="${y0 + i * 18}" width="12" height="12" fill="${colour(i)}"/><text x="${f.width - f.right + 30}" y="${y0 + i * 18 + 10}">${esc(n)}</text>`)
    .join('');
}

export interface FanSeries {
  name: string;
  p10: readonly number[];
  p50: readonly number[];
  p90: readonly number[];
}

/** Bands P10–P90 and the median line per variant over time (hours). */
export function fanChartSvg(tSec: readonly number[], series: readonly FanSeries[], o: { title: string; yLabel: string; scale?: number }): string {
  const scale = o.scale ?? 1;
  const all = series.flatMap((s) => [...s.p10, ...s.p90]).map((v) => v * scale);
  const x = niceAxis(0, (tSec[tSec.length - 1] ?? 3600) / 3600, 6);
  const y = niceAxis(Math.min(...all), Math.max(...all));
  const { px, py, grid } = axes(FRAME, x, y, 'h after T0 / 小时', o.yLabel, o.title);
  const paths = series.map((s, i) => {
    const up = tSec.map((t, k) => `${r2(px(t / 3600))},${r2(py(s.p90[k] * scale))}`);
    const down = tSec.map((t, k) => `${r2(px(t / 3600))},${r2(py(s.p10[k] * scale))}`).reverse();
    const mid = tSec.map((t, k) => `${r2(px(t / 3600))},${r2(py(s.p50[k] * scale))}`);
    return `<polygon points="${[...up, ...down].join(' ')}" fill="${colour(i)}" fill-opacity="0.18" stroke="none"/><polyline points="${mid.join(' ')}" fill="none" stroke="${colour(i)}" stroke-width="1.8"/>`;
  });
  const note = `<text x="${FRAME.width - FRAME.right + 12}" y="${FRAME.top + series.length * 18 + 14}" fill="#555">band P10–P90, line P50</text>`;
  return svg(FRAME, grid + paths.join('') + legend(FRAME, series.map((s) => s.name)) + note, o.title);
}

/** P(value > x) against x for each variant, from its values' quantiles (0 %, 1 %, … 100 %). */
export function exceedanceSvg(series: readonly { name: string; quantiles: readonly number[] }[], o: { title: string; xLabel: string }): string {
  const all = series.flatMap((s) => s.quantiles);
  const x = niceAxis(Math.min(...all), Math.max(...all));
  const y = { lo: 0, hi: 1, step: 0.2 };
  const { px, py, grid } = axes(FRAME, x, y, o.xLabel, 'P(loss > x) / 超越概率', o.title);
  const lines = series.map((s, i) => {
    const n = s.quantiles.length - 1;
    // A step down at each quantile: the share of runs above it.
    const pts = s.quantiles.map((v, k) => `${r2(px(v))},${r2(py(1 - k / n))}`);
    return `<polyline points="${pts.join(' ')}" fill="none" stroke="${colour(i)}" stroke-width="1.8"/>`;
  });
  return svg(FRAME, grid + lines.join('') + legend(FRAME, series.map((s) => s.name)), o.title);
}

export interface ForestRow {
  name: string;
  /** The variant's place in the variant list (its colour). */
  index: number;
  mean: number;
  lo: number | null;
  hi: number | null;
}

/** Paired differences against the base, one panel per metric, with 95 % intervals and the zero line. */
export function forestSvg(panels: readonly { title: string; unit: string; better: 'higher' | 'lower'; rows: readonly ForestRow[] }[]): string {
  const rowH = 20, panelGap = 34, width = 720, left = 170, right = 40;
  let yCursor = 26;
  const parts: string[] = [`<text x="8" y="16" font-weight="bold">Paired difference vs base, 95 % interval / 较基线配对差值</text>`];
  for (const p of panels) {
    const vals = p.rows.flatMap((r) => [r.mean, r.lo ?? r.mean, r.hi ?? r.mean, 0]);
    const x = niceAxis(Math.min(...vals), Math.max(...vals), 4);
    const px = (v: number) => left + ((v - x.lo) / (x.hi - x.lo)) * (width - left - right);
    const top = yCursor + 14;
    parts.push(`<text x="8" y="${yCursor + 10}" font-weight="bold">${esc(p.title)} (${esc(p.unit)}; ${p.better} is better)</text>`);
    p.rows.forEach((r, k) => {
      const y = top + k * rowH + rowH / 2;
      parts.push(`<text x="${left - 8}" y="${y + 4}" text-anchor="end">${esc(r.name)}</text>`);
      if (r.lo !== null && r.hi !== null) parts.push(`<line x1="${r2(px(r.lo))}" x2="${r2(px(r.hi))}" y1="${y}" y2="${y}" stroke="${colour(r.index)}" stroke-width="2"/>`);
      parts.push(`<rect x="${r2(px(r.mean) - 4)}" y="${y - 4}" width="8" height="8" fill="${colour(r.index)}"/>`);
    });
    const bottom = top + p.rows.length * rowH;
    parts.push(`<line x1="${r2(px(0))}" x2="${r2(px(0))}" y1="${top}" y2="${bottom}" stroke="#555" stroke-dasharray="3 3"/>`);
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${bottom}" y2="${bottom}" stroke="#555"/>`);
    for (let v = x.lo, k = 0; v <= x.hi + x.step / 2 && k < 50; v += x.step, k++) parts.push(`<text x="${r2(px(v))}" y="${bottom + 13}" text-anchor="middle">${tickLabel(v, x.step)}</text>`);
    yCursor = bottom + panelGap;
  }
  const f = { ...FRAME, width, height: yCursor };
  return svg(f, parts.join(''), 'forest plot of paired differences');
}

export interface TornadoBar {
  label: string;
  /** The outcome's mean with the parameter at the low and at the high end of its range. */
  atLow: number;
  atHigh: number;
}

/** Bars from the base outcome to the outcome at each end of a parameter's range, widest on top. */
export function tornadoSvg(bars: readonly TornadoBar[], base: number, o: { title: string; xLabel: string }): string {
  const sorted = [...bars].sort((a, b) => Math.abs(b.atHigh - b.atLow) - Math.abs(a.atHigh - a.atLow));
  const rowH = 26, width = 720, left = 260, right = 40, top = 30;
  const vals = sorted.flatMap((b) => [b.atLow, b.atHigh]).concat(base);
  const x = niceAxis(Math.min(...vals), Math.max(...vals), 5);
  const px = (v: number) => left + ((v - x.lo) / (x.hi - x.lo)) * (width - left - right);
  const parts: string[] = [`<text x="8" y="16" font-weight="bold">${esc(o.title)}</text>`];
  sorted.forEach((b, k) => {
    const y = top + k * rowH;
    parts.push(`<text x="${left - 8}" y="${y + rowH / 2 + 4}" text-anchor="end">${esc(b.label)}</text>`);
    for (const [v, fill, tag] of [[b.atLow, '#56B4E9', 'low'], [b.atHigh, '#E69F00', 'high']] as const) {
      const x0 = Math.min(px(base), px(v)), w = Math.abs(px(v) - px(base));
      parts.push(`<rect x="${r2(x0)}" y="${y + (tag === 'low' ? 3 : rowH / 2)}" width="${r2(Math.max(w, 1))}" height="${rowH / 2 - 3}" fill="${fill}"/>`);
    }
  });
  const bottom = top + sorted.length * rowH;
  parts.push(`<line x1="${r2(px(base))}" x2="${r2(px(base))}" y1="${top - 4}" y2="${bottom}" stroke="#000"/>`);
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${bottom}" y2="${bottom}" stroke="#555"/>`);
  for (let v = x.lo, k = 0; v <= x.hi + x.step / 2 && k < 50; v += x.step, k++) parts.push(`<text x="${r2(px(v))}" y="${bottom + 14}" text-anchor="middle">${tickLabel(v, x.step)}</text>`);
  parts.push(`<text x="${(left + width - right) / 2}" y="${bottom + 32}" text-anchor="middle">${esc(o.xLabel)}</text>`);
  parts.push(`<rect x="${left}" y="${bottom + 40}" width="12" height="10" fill="#56B4E9"/><text x="${left + 16}" y="${bottom + 49}">low end of range / 下限</text><rect x="${left + 170}" y="${bottom + 40}" width="12" height="10" fill="#E69F00"/><text x="${left + 186}" y="${bottom + 49}">high end / 上限</text>`);
  return svg({ ...FRAME, width, height: bottom + 60 }, parts.join(''), o.title);
}
