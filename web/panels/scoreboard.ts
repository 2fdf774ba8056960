// Live scoreboard: the KPIs the seat may see, now, and the population-served
// curve sampled on the engine's fixed grid.
import { byId, h } from '../dom.ts';
import { formatT, hasTr, t, tr } from '../i18n.ts';
import type { Picture } from '../picture.ts';

/** A KPI value with its unit: a fraction as a percentage, an area in km², a count as a whole number (what it counts is in its name). */
export function formatKpi(unit: string, v: number): string {
  if (Number.isNaN(v)) return '—';
  if (unit === 'fraction') return `${(v * 100).toFixed(1)}%`;
  if (unit === 'km²') return `${v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString('en-GB')} km²`;
  if (unit === 'h' || unit === 'hours') return `${v.toFixed(1)} h`;
  if (unit === 'min' || unit === 'minutes') return `${Math.round(v)} min`;
  return Math.round(v).toLocaleString('en-GB');
}

export class Scoreboard {
  private readonly root = byId('scoreboard');
  private readonly title = h('h3');
  private readonly table = h('table', { 'data-testid': 'kpi-table' });
  private readonly moreTable = h('table');
  private readonly moreSummary = h('summary');
  private readonly more = h('details', { class: 'more' }, this.moreSummary, this.moreTable);
  private readonly hiddenNote = h('div', { class: 'note', 'data-testid': 'kpi-hidden-note' });
  private readonly chartTitle = h('div', { class: 'note' });
  private readonly canvas = h('canvas', { width: 340, height: 90, 'data-testid': 'kpi-chart' });
  private readonly summary = h('div', { class: 'summary', 'data-testid': 'kpi-summary' });
  private cells: HTMLTableCellElement[] = [];
  private rows: HTMLTableRowElement[] = [];
  private labels: HTMLTableCellElement[] = [];
  private picture: Picture | null = null;
  private drawnSamples = -1;

  constructor() {
    this.root.append(this.title, this.table, this.more, this.hiddenNote, this.chartTitle, this.canvas, this.summary);
  }

  reset(picture: Picture): void {
    this.picture = picture;
    this.cells = [];
    this.rows = [];
    this.labels = [];
    const headline: { row: HTMLTableRowElement; order: number }[] = [];
    const rest: HTMLTableRowElement[] = [];
    for (const k of picture.geometry.kpis) {
      const label = h('td');
      const value = h('td', { class: 'v', 'data-kpi': k.id, 'data-testid': `kpi-${k.id}` });
      const row = h('tr', { title: k.description }, label, value);
      this.labels.push(label);
      this.cells.push(value);
      this.rows.push(row);
      if (k.headline > 0) headline.push({ row, order: k.headline });
      else rest.push(row);
    }
    headline.sort((a, b) => a.order - b.order);
    this.table.replaceChildren(...headline.map((x) => x.row));
    this.moreTable.replaceChildren(...rest);
    this.drawnSamples = -1;
    this.translate();
  }

  translate(): void {
    this.title.textContent = t('score.title');
    this.chartTitle.textContent = t('score.chart');
    this.moreSummary.textContent = t('score.more');
    const p = this.picture;
    if (!p) return;
    // A KPI added to the engine before it is translated shows its own description.
    p.geometry.kpis.forEach((k, i) => (this.labels[i].textContent = hasTr('kpi', k.id) ? tr('kpi', k.id) : k.description));
    this.drawnSamples = -1; // the summary under the chart is words too
    this.update();
  }

  update(): void {
    const p = this.picture;
    if (!p) return;
    let hidden = 0;
    let moreVisible = 0;
    p.geometry.kpis.forEach((k, i) => {
      const v = p.kpis[i];
      const text = formatKpi(k.unit, v);
      if (this.cells[i].textContent !== text) this.cells[i].textContent = text;
      this.cells[i].dataset.value = Number.isNaN(v) ? '' : String(v);
      // A KPI hidden from the seat is left out, not shown empty.
      this.rows[i].hidden = Number.isNaN(v);
      if (Number.isNaN(v)) hidden++;
      else if (k.headline === 0) moreVisible++;
    });
    this.more.hidden = moreVisible === 0;
    this.hiddenNote.textContent = hidden ? t('score.hiddenCount', { n: hidden }) : '';
    if (p.sampleCount !== this.drawnSamples) this.drawChart(p);
  }

  private drawChart(p: Picture): void {
    this.drawnSamples = p.sampleCount;
    const k = p.geometry.kpis.findIndex((x) => x.id === 'populationServedFrac');
    const c = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth || 340, hgt = c.clientHeight || 90;
    if (c.width !== Math.round(w * dpr)) c.width = Math.round(w * dpr);
    if (c.height !== Math.round(hgt * dpr)) c.height = Math.round(hgt * dpr);
    const ctx = c.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, hgt);
    // The summary belongs to this curve: never leave the last drill's lowest point under a new one.
    this.summary.textContent = '';
    const pad = { l: 30, r: 4, t: 4, b: 14 };
    const pw = w - pad.l - pad.r, ph = hgt - pad.t - pad.b;
    ctx.strokeStyle = '#d9dde3';
    ctx.fillStyle = '#5f6b7a';
    ctx.font = '10px sans-serif';
    ctx.lineWidth = 1;
    for (const f of [0, 0.5, 1]) {
      const y = pad.t + ph * (1 - f);
      ctx.beginPath();
      ctx.moveTo(pad.l, y);
      ctx.lineTo(pad.l + pw, y);
      ctx.stroke();
      ctx.fillText(`${f * 100}%`, 2, y + 3);
    }
    const duration = p.geometry.durationSec;
    for (let hr = 0; hr <= duration / 3600; hr += 12) ctx.fillText(`${hr}h`, pad.l + (pw * hr * 3600) / duration - 6, hgt - 2);
    if (k < 0 || p.sampleCount === 0) return;
    ctx.strokeStyle = '#0b57d0';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let min = Infinity, minAt = 0, drawn = false;
    // One point per horizontal pixel at most.
    const step = Math.max(1, Math.floor(p.sampleCount / pw));
    for (let i = 0; i < p.sampleCount; i += step) {
      const v = p.sample(i, k);
      if (Number.isNaN(v)) continue;
      const x = pad.l + (pw * p.sampleT(i)) / duration, y = pad.t + ph * (1 - v);
      if (!drawn) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
      drawn = true;
    }
    ctx.stroke();
    for (let i = 0; i < p.sampleCount; i++) {
      const v = p.sample(i, k);
      if (v < min) {
        min = v;
        minAt = p.sampleT(i);
      }
    }
    const now = p.sample(p.sampleCount - 1, k);
    this.summary.textContent = Number.isFinite(min) ? t('score.summary', { min: formatKpi('fraction', min), at: formatT(minAt), now: formatKpi('fraction', now) }) : '';
  }
}
