// The control cell's panel (director) and the evaluators' (evaluator seat, and
// the director too): the MSEL with inject states, fire / hold / release /
// delay / skip, ad-hoc injects, stop time, no-notice, the MSEL spreadsheet in
// and out; a checklist of injects and expected actions, observations in
// simulated time and ratings with reasons. Everything is a command through
// the one gate, so it is in the drill's log; the state shown comes from the
// worker (session.exercise()). Who sees which part is the seat's policy
// (src/model/seats.ts through the geometry), not decided here.
import type { SeatPolicy } from '../../src/model/seats.ts';
import { makeProjection } from '../../src/core/geo.ts';
import type { MapGeometry } from '../../src/drill/geometry.ts';
import type { MapTarget } from '../scenes/MapScene.ts';
import { SEATS } from '../../src/model/seats.ts';
import { INJECT_KINDS } from '../../src/response/inject-kinds.ts';
import { EXPECTATION_STATUS_NAMES, INJECT_KIND_NAMES, INJECT_STATUS_NAMES, label, RATING_NAMES, SEAT_NAMES } from '../../src/scoring/i18n.ts';
import type { ExerciseView } from '../../workers/exercise-view.ts';
import { h } from '../dom.ts';
import { formatT, getLang, t } from '../i18n.ts';

type Localized = { zh: string; en: string };
type Named = { id: string; name: Localized };
type Targets = Record<'roads' | 'sites' | 'substations' | 'floodZones', Named[]>;

export interface ExerciseSource {
  exercise(): Promise<ExerciseView | null>;
  injectTargets(): Promise<Targets | null>;
  submit(cmd: { type: string; args: Record<string, unknown> }): Promise<{ ok: true; tSec: number } | { ok: false; error: string }>;
  importMsel(file: File): Promise<void>;
  exportMsel(format: 'xlsx' | 'csv'): Promise<void>;
}

/** "T+2:00", "2:00", "2:00:30" or "90" (minutes) → seconds; null when unreadable. */
export function parseT(text: string): number | null {
  const s = text.trim().replace(/^T\+/i, '');
  const m = /^(\d+):(\d{1,2})(?::(\d{1,2}))?$/.exec(s);
  if (m) return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (/^\d+$/.test(s)) return Number(s) * 60;
  return null;
}

const nameOf = (n: Localized) => n[getLang()] || n.zh;
const NEVER = -1;
const at = (tSec: number) => (tSec < 0 ? '—' : `T+${formatT(tSec)}`);

export class ExercisePanel {
  readonly root = h('section', { id: 'exercise-panel', class: 'panel', 'data-testid': 'exercise-panel', hidden: true });
  private readonly title = h('h3');
  private readonly message = h('div', { class: 'note', 'data-testid': 'exercise-message' });
  private readonly control = h('div', { 'data-testid': 'control-part' });
  private readonly evaluation = h('div', { 'data-testid': 'evaluator-part' });
  private view: ExerciseView | null = null;
  private targets: Targets | null = null;
  private policy: SeatPolicy | null = null;
  private inFlight = false;
  // The forms are built once per seat and language and kept: a refresh redraws only the lists, so typing is never interrupted.
  private readonly stopInput = h('input', { type: 'text', size: 7, placeholder: 'T+2:00', 'data-testid': 'stop-at' });
  private readonly stopShown = h('span', { class: 'note', 'data-testid': 'stop-shown' });
  private readonly noNotice = h('input', { type: 'checkbox', 'data-testid': 'no-notice' });
  private readonly delayInput = h('input', { type: 'text', size: 7, placeholder: 'T+1:30', 'data-testid': 'delay-to' });
  private readonly mselHost = h('div');
  private readonly adhocHost = h('div');
  private adhocKind = 'aftershock';
  /** What was last picked on the map, for "use the map selection". */
  private picked: { target: MapTarget; geometry: MapGeometry } | null = null;
  private readonly adhocValues: Record<string, string> = {};
  private readonly checklistHost = h('div');
  private readonly notesHost = h('div');
  private readonly obsAbout = h('select', { 'data-testid': 'obs-about' });
  private readonly obsText = h('input', { type: 'text', size: 28, 'data-testid': 'obs-text' });
  private readonly rateIndicator = h('select', { 'data-testid': 'rate-indicator' });
  private readonly rateLevel = h('select', { 'data-testid': 'rate-level' });
  private readonly rateReason = h('input', { type: 'text', size: 24, 'data-testid': 'rate-reason' });
  /** The option lists last drawn (rebuilt only when they change, so a chosen value stays chosen). */
  private aboutKey = '';
  private indicatorKey = '';

  constructor(private readonly source: ExerciseSource) {
    this.root.append(this.title, this.message, this.control, this.evaluation);
    this.noNotice.addEventListener('change', () => void this.send('setNoNotice', { enabled: this.noNotice.checked }));
    this.translate();
  }

  /** The seat changed or a new drill began: show what this seat may use. */
  setPolicy(policy: SeatPolicy | null): void {
    this.policy = policy;
    this.root.hidden = !policy || !(policy.actsForAll || policy.observer);
    this.targets = null;
    this.view = null;
    this.build();
    void this.refresh();
  }

  /** The map selection changed: an ad-hoc inject may take its place and its site, substation or road. */
  select(target: MapTarget | null, geometry: MapGeometry | null): void {
    this.picked = target && geometry ? { target, geometry } : null;
  }

  /** Fills the ad-hoc form from the map selection: the point, and the site, substation or road picked. */
  private useSelection(): void {
    const p = this.picked;
    if (!p) {
      this.message.textContent = t('exercise.pickFirst');
      return;
    }
    const g = p.geometry;
    const proj = makeProjection(g.origin.lon, g.origin.lat);
    const point = (xM: number, yM: number) => {
      const [lon, lat] = proj.toLonLat(xM, yM);
      this.adhocValues.lon = lon.toFixed(4);
      this.adhocValues.lat = lat.toFixed(4);
    };
    const i = p.target.index;
    if (p.target.kind === 'site') {
      point(g.sites.xM[i], g.sites.yM[i]);
      this.adhocValues.siteId = g.sites.ids[i];
    } else if (p.target.kind === 'substation') {
      point(g.substations.xM[i], g.substations.yM[i]);
      this.adhocValues.substationId = g.substations.ids[i];
    } else if (p.target.kind === 'township') point(g.townships.xM[i], g.townships.yM[i]);
    else if (p.target.kind === 'road') this.adhocValues.roadId = g.roads.ids[i];
    this.buildAdhoc();
  }

  async refresh(): Promise<void> {
    if (this.root.hidden || this.inFlight) return;
    this.inFlight = true;
    try {
      if (!this.targets) {
        this.targets = await this.source.injectTargets();
        this.buildAdhoc();
      }
      this.view = await this.source.exercise();
      this.draw();
    } catch {
      // A new scenario is loading: the next refresh answers.
    } finally {
      this.inFlight = false;
    }
  }

  translate(): void {
    this.title.textContent = t('exercise.title');
    this.aboutKey = this.indicatorKey = '';
    this.build();
    this.draw();
  }

  private async send(type: string, args: Record<string, unknown>): Promise<void> {
    const answer = await this.source.submit({ type, args });
    this.message.textContent = answer.ok ? t('exercise.queued', { t: formatT(answer.tSec) }) : answer.error;
    this.message.dataset.state = answer.ok ? 'ok' : 'error';
    void this.refresh();
  }

  /** The forms, once per seat and language. */
  private build(): void {
    this.control.replaceChildren();
    this.evaluation.replaceChildren();
    if (!this.policy) return;
    if (this.policy.actsForAll) this.buildControl();
    if (this.policy.actsForAll || this.policy.observer) this.buildEvaluation();
  }

  private draw(): void {
    const v = this.view;
    if (!v || !this.policy) return;
    this.root.dataset.tsec = String(v.tSec);
    if (this.policy.actsForAll) this.drawControl(v);
    if (this.policy.actsForAll || this.policy.observer) this.drawEvaluation(v);
  }

  private buildControl(): void {
    const stopButton = h('button', { type: 'button', 'data-testid': 'stop-set' }, t('exercise.stopSet'));
    stopButton.addEventListener('click', () => {
      const s = parseT(this.stopInput.value);
      if (s === null) this.message.textContent = t('exercise.badTime', { text: this.stopInput.value });
      else void this.send('setStopTime', { atSec: s });
    });
    const file = h('input', { type: 'file', accept: '.xlsx,.csv', 'data-testid': 'msel-import', hidden: true });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f) void this.source.importMsel(f);
      file.value = '';
    });
    const importButton = h('button', { type: 'button', 'data-testid': 'msel-import-button' }, t('exercise.import'));
    importButton.addEventListener('click', () => file.click());
    const exportXlsx = h('button', { type: 'button', 'data-testid': 'msel-export-xlsx' }, t('exercise.exportXlsx'));
    exportXlsx.addEventListener('click', () => void this.source.exportMsel('xlsx'));
    const exportCsv = h('button', { type: 'button', 'data-testid': 'msel-export-csv' }, t('exercise.exportCsv'));
    exportCsv.addEventListener('click', () => void this.source.exportMsel('csv'));
    this.control.append(
      h('div', { class: 'row' }, t('exercise.stopAt'), ' ', this.stopInput, stopButton, this.stopShown, h('label', {}, this.noNotice, ' ', t('exercise.noNotice'))),
      h('div', { class: 'row' }, t('exercise.msel'), ' ', importButton, file, exportXlsx, exportCsv),
      h('div', { class: 'row' }, t('exercise.delayTo'), ' ', this.delayInput),
      this.mselHost,
      this.adhocHost,
    );
    this.buildAdhoc();
  }

  private drawControl(v: ExerciseView): void {
    const lang = getLang();
    this.stopShown.textContent = v.stopAtSec >= 0 ? ` → ${at(v.stopAtSec)}` : '';
    this.noNotice.checked = v.noNotice;
    const table = h('table', { class: 'msel', 'data-testid': 'msel-table' });
    for (const inj of v.injects) {
      const open = inj.status === 'scheduled' || inj.status === 'held';
      const button = (key: string, type: string, extra: () => Record<string, unknown> | null = () => ({})) => {
        const b = h('button', { type: 'button', 'data-action': type, disabled: !open }, t(key as never));
        b.addEventListener('click', () => {
          const args = extra();
          if (args) void this.send(type, { injectId: inj.id, ...args });
        });
        return b;
      };
      const hold = inj.status === 'held' ? button('exercise.release', 'releaseInject') : button('exercise.hold', 'holdInject');
      const delay = button('exercise.delay', 'delayInject', () => {
        const s = parseT(this.delayInput.value);
        if (s === null) {
          this.message.textContent = t('exercise.badTime', { text: this.delayInput.value });
          return null;
        }
        return { toSec: s };
      });
      // Actions only on open injects: a delivered, skipped or cancelled one is final.
      table.append(
        h(
          'tr',
          { 'data-inject': inj.id, 'data-status': inj.status },
          h('td', { class: 'who' }, h('strong', {}, nameOf(inj.name)), h('br'), h('small', {}, inj.to ? label(SEAT_NAMES, inj.to, lang) : '—'), inj.contingencyOf ? h('small', {}, ` · ${t('exercise.contingency')}`) : ''),
          h('td', { class: 'syn', title: nameOf(inj.synopsis) }, inj.adhoc ? label(INJECT_KIND_NAMES, inj.adhoc.kind, lang) : nameOf(inj.synopsis)),
          h('td', { class: 'v' }, inj.dueSec === NEVER ? '—' : at(inj.dueSec), h('br'), h('span', { class: `st st-${inj.status}` }, label(INJECT_STATUS_NAMES, inj.status, lang))),
          h('td', { class: 'actions' }, ...(open ? [button('exercise.fire', 'fireInject'), hold, delay, button('exercise.skip', 'skipInject')] : [])),
        ),
      );
    }
    this.mselHost.replaceChildren(table);
  }

  /** An ad-hoc inject: the kind's own arguments as its spec lists them (src/response/inject-kinds.ts), plus who is told and what. */
  private buildAdhoc(): void {
    if (!this.policy?.actsForAll) return;
    const lang = getLang();
    const kind = h('select', { 'data-testid': 'adhoc-kind' }, ...Object.keys(INJECT_KINDS).map((k) => h('option', { value: k, selected: k === this.adhocKind }, label(INJECT_KIND_NAMES, k, lang))));
    kind.addEventListener('change', () => {
      this.adhocKind = kind.value;
      this.buildAdhoc();
    });
    const field = (name: string, input: HTMLInputElement | HTMLSelectElement) => {
      input.dataset.arg = name;
      if (this.adhocValues[name] !== undefined) input.value = this.adhocValues[name];
      input.addEventListener('change', () => (this.adhocValues[name] = input.value));
      input.addEventListener('input', () => (this.adhocValues[name] = input.value));
      return h('label', { class: 'arg' }, t(`exercise.arg.${name}` as never), ' ', input);
    };
    const select = (items: Named[] | undefined) => h('select', {}, h('option', { value: '' }, '—'), ...(items ?? []).map((x) => h('option', { value: x.id }, nameOf(x.name))));
    const spec = INJECT_KINDS[this.adhocKind];
    const own = Object.keys(spec?.args ?? {}).map((n) => n.replace(/\?$/, ''));
    const inputs: HTMLElement[] = [];
    for (const name of own) {
      if (name === 'at') inputs.push(field('lat', h('input', { type: 'number', step: '0.001', size: 8 })), field('lon', h('input', { type: 'number', step: '0.001', size: 8 })));
      else if (name === 'roadId') inputs.push(field(name, select(this.targets?.roads)));
      else if (name === 'siteId') inputs.push(field(name, select(this.targets?.sites)));
      else if (name === 'substationId') inputs.push(field(name, select(this.targets?.substations)));
      else if (name === 'zoneId') inputs.push(field(name, select(this.targets?.floodZones)));
      else if (name === 'cutsFibre') inputs.push(field(name, h('select', {}, h('option', { value: '' }, t('no')), h('option', { value: 'yes' }, t('yes')))));
      else inputs.push(field(name, h('input', { type: 'number', step: 'any', size: 6 })));
    }
    const seats = SEATS.filter((s) => s !== 'director');
    inputs.push(
      field('to', h('select', {}, h('option', { value: '' }, '—'), ...seats.map((s) => h('option', { value: s }, label(SEAT_NAMES, s, lang))))),
      field('text', h('input', { type: 'text', size: 24 })),
      field('atSec', h('input', { type: 'text', size: 7, placeholder: t('exercise.now') })),
    );
    const fromMap = h('button', { type: 'button', 'data-testid': 'adhoc-from-map' }, t('exercise.fromMap'));
    fromMap.addEventListener('click', () => this.useSelection());
    inputs.unshift(fromMap);
    const go = h('button', { type: 'button', 'data-testid': 'adhoc-send' }, t('exercise.author'));
    go.addEventListener('click', () => {
      const vals = this.adhocValues;
      const args: Record<string, unknown> = { kind: this.adhocKind };
      for (const name of own) {
        if (name === 'at') {
          if (vals.lat && vals.lon) args.at = [Number(vals.lon), Number(vals.lat)];
        } else if (name === 'cutsFibre') {
          if (vals.cutsFibre) args.cutsFibre = true;
        } else if (['roadId', 'siteId', 'substationId', 'zoneId'].includes(name)) {
          if (vals[name]) args[name] = vals[name];
        } else if (vals[name]) args[name] = Number(vals[name]);
      }
      if (vals.to) args.to = vals.to;
      if (vals.text) {
        args.text = vals.text;
        if (lang === 'en') args.textEn = vals.text;
      }
      if (vals.atSec) {
        const s = parseT(vals.atSec);
        if (s === null) {
          this.message.textContent = t('exercise.badTime', { text: vals.atSec });
          return;
        }
        args.atSec = s;
      }
      void this.send('authorInject', args);
    });
    this.adhocHost.replaceChildren(h('div', { class: 'adhoc', 'data-testid': 'adhoc-form' }, h('h4', {}, t('exercise.adhoc')), h('div', { class: 'row' }, kind, ...inputs, go)));
  }

  private buildEvaluation(): void {
    const lang = getLang();
    this.rateLevel.replaceChildren(...(['P', 'S', 'M', 'U'] as const).map((l) => h('option', { value: l }, `${l} ${RATING_NAMES[l][lang]}`)));
    const record = h('button', { type: 'button', 'data-testid': 'obs-send' }, t('exercise.record'));
    record.addEventListener('click', () => {
      const text = this.obsText.value.trim();
      if (!text) return;
      const args: Record<string, unknown> = { text };
      if (this.obsAbout.value) {
        const [k, id] = this.obsAbout.value.split(/:(.*)/);
        args[k] = id;
      }
      this.obsText.value = '';
      void this.send('recordObservation', args);
    });
    const rate = h('button', { type: 'button', 'data-testid': 'rate-send' }, t('exercise.rate'));
    rate.addEventListener('click', () => {
      const reason = this.rateReason.value.trim();
      if (!reason) {
        this.message.textContent = t('exercise.reasonNeeded');
        return;
      }
      this.rateReason.value = '';
      void this.send('rateIndicator', { indicator: this.rateIndicator.value, rating: this.rateLevel.value, reason });
    });
    this.evaluation.append(
      h('h4', {}, t('exercise.checklist')),
      this.checklistHost,
      h('div', { class: 'row' }, this.obsAbout, this.obsText, record),
      h('div', { class: 'row' }, this.rateIndicator, this.rateLevel, this.rateReason, rate),
      this.notesHost,
    );
  }

  private drawEvaluation(v: ExerciseView): void {
    const lang = getLang();
    const check = h('table', { class: 'checklist', 'data-testid': 'checklist' });
    for (const inj of v.injects) {
      if (inj.status !== 'delivered') continue;
      check.append(h('tr', { 'data-check': inj.id }, h('td', {}, '☑'), h('td', {}, nameOf(inj.name)), h('td', {}, at(inj.deliveredAtSec)), h('td', {}, label(INJECT_STATUS_NAMES, inj.status, lang))));
    }
    for (const e of v.expectations) {
      const mark = e.status === 'met' ? '✔' : e.status === 'missed' ? '✘' : e.status === 'late' ? '◔' : '☐';
      check.append(
        h(
          'tr',
          { 'data-expectation': e.id, 'data-status': e.status },
          h('td', {}, mark),
          h('td', {}, `${nameOf(e.name)} → ${label(SEAT_NAMES, e.seat, lang)}`),
          h('td', {}, e.metAtSec >= 0 ? at(e.metAtSec) : at(e.deadlineSec)),
          h('td', {}, label(EXPECTATION_STATUS_NAMES, e.status, lang)),
        ),
      );
    }
    this.checklistHost.replaceChildren(check);
    // The "about" choices: rebuilt only when the list changes, keeping the choice.
    const aboutOptions: [string, string][] = [
      ['', t('exercise.aboutNothing')],
      ...v.injects.map((i): [string, string] => [`injectId:${i.id}`, nameOf(i.name)]),
      ...v.expectations.map((e): [string, string] => [`expectationId:${e.id}`, `${nameOf(e.name)} — ${t('exercise.expected')}`]),
      ...v.indicators.map((r): [string, string] => [`indicator:${r.id}`, nameOf(r.name)]),
    ];
    const key = JSON.stringify(aboutOptions);
    if (key !== this.aboutKey) {
      const chosen = this.obsAbout.value;
      this.obsAbout.replaceChildren(...aboutOptions.map(([value, text]) => h('option', { value }, text)));
      this.obsAbout.value = aboutOptions.some(([value]) => value === chosen) ? chosen : '';
      this.aboutKey = key;
    }
    const indicatorKey = v.indicators.map((r) => r.id).join();
    if (indicatorKey !== this.indicatorKey) {
      this.rateIndicator.replaceChildren(...v.indicators.map((r) => h('option', { value: r.id }, nameOf(r.name))));
      this.indicatorKey = indicatorKey;
    }
    const notes = h('ul', { class: 'notes', 'data-testid': 'observations' });
    for (const o of v.observations) notes.append(h('li', {}, `T+${formatT(o.tSec)} ${label(SEAT_NAMES, o.seat, lang)}: ${o.text}`));
    for (const r of v.ratings) notes.append(h('li', { 'data-rating': r.rating }, `T+${formatT(r.tSec)} ${nameOf(v.indicators.find((i) => i.id === r.indicator)?.name ?? { zh: r.indicator, en: r.indicator })}: ${r.rating} — ${r.reason}`));
    this.notesHost.replaceChildren(notes);
  }
}
