// The import page: the same import as `drilltwin import`, in the
// browser and offline. The user drops the county's files (site lists,
// township shapefiles, OSM roads, population tables, a DEM), picks or uploads
// a mapping or fills it in the form from the headers found in the files,
// declares each file's coordinate system, and sees every problem with its
// file, row and column, the warnings (GCJ-02 offsets, sites off the roads) and
// a map preview (townships, roads, sites by the earthquake's intensity)
// before opening the scenario as a drill or downloading it as a zip. The work
// runs in web/import-worker.ts so the page never freezes.
import { KNOWN_COLUMNS } from '../../authoring/import/mapping.ts';
import { h } from '../dom.ts';
import { t, type Key } from '../i18n.ts';
import type { ImportAnswer, ImportPreview, ImportRequestBody, LL } from '../import-worker.ts';
import './import-page.css';

export interface ImportPageActions {
  /** Opens the imported scenario as a new drill (asks first when a drill would be discarded). */
  open(id: string, texts: Record<string, string>): Promise<void>;
}

/** The inputs the form offers, in the order a newcomer fills them; required ones first. */
const FORM_INPUTS = [
  { kind: 'townships', required: true, fields: ['id', 'nameZh', 'population'] },
  { kind: 'sites', required: true, fields: ['id', 'name', 'lon', 'lat', 'operators', 'batteryKwh', 'backhaul', 'township', 'siteClass'] },
  { kind: 'roads', required: true, fields: [] },
  { kind: 'population', required: false, fields: ['township', 'name', 'population', 'lon', 'lat'] },
  { kind: 'elevation', required: false, fields: [] },
] as const;
type Kind = (typeof FORM_INPUTS)[number]['kind'];

const CRS_CHOICES = ['WGS84', 'CGCS2000', 'GCJ02', 'BD09', 'GK3:35', 'GK3CM:105', 'GK6:18', 'EPSG:4490'];
const TABLE_OR_VECTOR = /\.(csv|txt|xlsx|zip|geojson|json)$/i;

/** The colours of the intensity degrees on the preview (below VI: grey). */
const DEGREE_COLOURS: Record<number, string> = { 6: '#f2c200', 7: '#f08c00', 8: '#e03131', 9: '#a61e4d', 10: '#5f0f40', 11: '#3b0a2a', 12: '#1a0512' };

interface InputRow {
  kind: Kind;
  file: HTMLSelectElement;
  crs: HTMLInputElement;
  encoding: HTMLSelectElement;
  columns: Map<string, HTMLSelectElement>;
  columnsBox: HTMLElement;
}

export class ImportPage {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, (a: ImportAnswer) => void>();
  private files: Record<string, Uint8Array> = {};
  /** Mapping fields the form does not show (seed, start, forces, values…), kept from an uploaded mapping. */
  private base: Record<string, unknown> = {};
  private result: { id: string; texts: Record<string, string> } | null = null;

  readonly root = h('div', { id: 'import-page', class: 'dialog import', role: 'dialog', 'data-testid': 'import-page', hidden: true });
  private readonly title = h('h2');
  private readonly closeBtn = h('button', { type: 'button', 'data-testid': 'import-close' });
  private readonly filesHead = h('h3');
  private readonly drop = h('div', { class: 'drop', 'data-testid': 'import-drop' });
  private readonly fileInput = h('input', { type: 'file', multiple: true, 'data-testid': 'import-files' });
  private readonly fileList = h('ul', { class: 'files', 'data-testid': 'import-file-list' });
  private readonly mappingHead = h('h3');
  private readonly mappingNote = h('p', { class: 'sub' });
  private readonly mappingInput = h('input', { type: 'file', accept: '.json', 'data-testid': 'import-mapping-file' });
  private readonly mappingLabel = h('label');
  private readonly form = h('div', { class: 'form', 'data-testid': 'import-form' });
  private readonly rows: InputRow[] = [];
  private readonly nameZh = h('input', { type: 'text', 'data-testid': 'import-name-zh', value: '本县' });
  private readonly nameEn = h('input', { type: 'text', 'data-testid': 'import-name-en', value: 'My county' });
  private readonly hazardBox = h('div', { class: 'hazard' });
  private readonly epiLon = h('input', { type: 'number', step: 'any', 'data-testid': 'import-epi-lon' });
  private readonly epiLat = h('input', { type: 'number', step: 'any', 'data-testid': 'import-epi-lat' });
  private readonly magnitude = h('input', { type: 'number', step: '0.1', value: '6.5', 'data-testid': 'import-magnitude' });
  private readonly depth = h('input', { type: 'number', step: '1', value: '10', 'data-testid': 'import-depth' });
  private readonly strike = h('input', { type: 'number', step: '1', value: '0', 'data-testid': 'import-strike' });
  private readonly mappingText = h('textarea', { rows: 8, spellcheck: false, 'data-testid': 'import-mapping' });
  private readonly idLabel = h('label');
  private readonly scenarioId = h('input', { type: 'text', value: 'my-county', 'data-testid': 'import-id', pattern: '[A-Za-z0-9_.-]+' });
  private readonly runBtn = h('button', { type: 'button', class: 'primary', 'data-testid': 'import-run' });
  private readonly status = h('span', { class: 'sub', 'data-testid': 'import-status' });
  private readonly problemsHead = h('h3', { class: 'bad' });
  private readonly problems = h('ol', { 'data-testid': 'import-problems' });
  private readonly warningsHead = h('h3');
  private readonly warnings = h('ul', { 'data-testid': 'import-warnings' });
  private readonly summary = h('ul', { class: 'sub', 'data-testid': 'import-summary' });
  private readonly canvas = h('canvas', { width: 640, height: 420, 'data-testid': 'import-preview' });
  private readonly legend = h('div', { class: 'sub legend' });
  private readonly openBtn = h('button', { type: 'button', class: 'primary', 'data-testid': 'import-open-drill', disabled: true });
  private readonly zipBtn = h('button', { type: 'button', 'data-testid': 'import-download', disabled: true });
  private readonly labels: [HTMLElement, Key][] = [];
  /** Canvas pixel → [lon, lat] of the last preview drawn, for picking the epicentre on it. */
  private unproject: ((x: number, y: number) => LL) | null = null;

  constructor(
    private readonly actions: ImportPageActions,
    opener: HTMLButtonElement,
  ) {
    this.worker = new Worker(new URL('../import-worker.ts', import.meta.url), { type: 'module', name: 'drilltwin-import' });
    this.worker.onmessage = (e: MessageEvent<ImportAnswer>) => {
      const done = this.waiting.get(e.data.id);
      this.waiting.delete(e.data.id);
      done?.(e.data);
    };
    // A worker that fails to start or dies answers every waiting request with the reason, so the page never waits forever.
    this.worker.onerror = (e) => {
      e.preventDefault();
      for (const [id, done] of this.waiting) done({ id, type: 'error', message: e.message || 'the import worker stopped' });
      this.waiting.clear();
    };
    opener.addEventListener('click', () => this.show());
    this.closeBtn.addEventListener('click', () => (this.root.hidden = true));
    this.fileInput.addEventListener('change', () => this.queueFiles(this.fileInput.files));
    this.mappingInput.addEventListener('change', () => this.queueFiles(this.mappingInput.files));
    // Anything dropped on the page is an input of the import, not a scenario for the console's own drop handler.
    for (const type of ['dragenter', 'dragover', 'dragleave']) {
      this.root.addEventListener(type, (e) => {
        e.preventDefault();
        e.stopPropagation();
      });
    }
    this.root.addEventListener('drop', (e) => {
      e.preventDefault();
      e.stopPropagation();
      this.queueFiles(e.dataTransfer?.files ?? null);
    });
    this.runBtn.addEventListener('click', () => void this.run());
    this.openBtn.addEventListener('click', () => {
      if (!this.result) return;
      this.root.hidden = true;
      void this.actions.open(this.result.id, this.result.texts);
    });
    this.zipBtn.addEventListener('click', () => void this.download());
    // A click on the preview picks the epicentre (then Check and build again shows its intensity field).
    this.canvas.addEventListener('click', (e) => {
      if (!this.unproject) return;
      const box = this.canvas.getBoundingClientRect();
      const [lon, lat] = this.unproject(((e.clientX - box.left) * this.canvas.width) / box.width, ((e.clientY - box.top) * this.canvas.height) / box.height);
      this.epiLon.value = lon.toFixed(4);
      this.epiLat.value = lat.toFixed(4);
      this.formChanged();
    });

    for (const spec of FORM_INPUTS) {
      const row: InputRow = {
        kind: spec.kind,
        file: h('select', { 'data-testid': `import-file-${spec.kind}` }),
        crs: h('input', { type: 'text', list: 'import-crs-list', value: 'WGS84', size: 10, 'data-testid': `import-crs-${spec.kind}` }),
        encoding: h('select', { 'data-testid': `import-encoding-${spec.kind}` }, h('option', { value: 'auto' }, 'auto'), h('option', { value: 'utf-8' }, 'UTF-8'), h('option', { value: 'gbk' }, 'GBK')),
        columns: new Map(),
        columnsBox: h('div', { class: 'columns' }),
      };
      for (const field of spec.fields) {
        const sel = h('select', { 'data-testid': `import-col-${spec.kind}-${field}` });
        row.columns.set(field, sel);
        row.columnsBox.append(h('label', {}, field, ' ', sel));
        sel.addEventListener('change', () => this.formChanged());
      }
      row.file.addEventListener('change', () => void this.fileChosen(row));
      row.crs.addEventListener('change', () => this.formChanged());
      row.encoding.addEventListener('change', () => void this.fileChosen(row));
      const kindLabel = h('b');
      this.labels.push([kindLabel, `import.input.${spec.kind}` as Key]);
      const crsLabel = h('span');
      this.labels.push([crsLabel, 'import.crs']);
      this.form.append(h('div', { class: 'input-row' }, kindLabel, spec.required ? ' *' : '', ' ', row.file, ' ', crsLabel, ' ', row.crs, ' ', row.encoding, row.columnsBox));
      this.rows.push(row);
    }
    const datalist = h('datalist', { id: 'import-crs-list' }, ...CRS_CHOICES.map((c) => h('option', { value: c })));
    for (const el of [this.nameZh, this.nameEn, this.epiLon, this.epiLat, this.magnitude, this.depth, this.strike]) el.addEventListener('change', () => this.formChanged());
    const lab = (key: Key, el: HTMLElement) => {
      const span = h('span');
      this.labels.push([span, key]);
      return h('label', {}, span, ' ', el);
    };
    this.hazardBox.append(lab('import.epiLon', this.epiLon), lab('import.epiLat', this.epiLat), lab('import.magnitude', this.magnitude), lab('import.depth', this.depth), lab('import.strike', this.strike));
    const nameBox = h('div', {}, lab('import.nameZh', this.nameZh), ' ', lab('import.nameEn', this.nameEn));
    this.labels.push([this.title, 'import.title'], [this.closeBtn, 'import.close'], [this.filesHead, 'import.files'], [this.drop, 'import.drop'], [this.mappingHead, 'import.mapping'], [this.mappingNote, 'import.mappingNote'], [this.mappingLabel, 'import.mappingUpload'], [this.idLabel, 'import.id'], [this.runBtn, 'import.run'], [this.warningsHead, 'import.warnings'], [this.openBtn, 'import.openDrill'], [this.zipBtn, 'import.download']);
    this.root.append(
      h('div', { class: 'bar' }, this.title, this.closeBtn),
      this.filesHead,
      this.drop,
      this.fileInput,
      this.fileList,
      this.mappingHead,
      this.mappingNote,
      h('div', {}, this.mappingLabel, ' ', this.mappingInput),
      nameBox,
      this.form,
      datalist,
      this.hazardBox,
      this.mappingText,
      h('div', { class: 'bar' }, this.idLabel, this.scenarioId, this.runBtn, this.status),
      this.problemsHead,
      this.problems,
      this.warningsHead,
      this.warnings,
      this.summary,
      this.canvas,
      this.legend,
      h('div', { class: 'bar' }, this.openBtn, this.zipBtn),
    );
    document.body.append(this.root);
    this.translate();
    this.formChanged();
  }

  translate(): void {
    for (const [el, key] of this.labels) el.textContent = t(key);
    this.legend.textContent = t('import.legend');
    this.problemsHead.textContent = t('import.problems', { n: this.problems.children.length });
    this.problemsHead.hidden = this.problems.children.length === 0;
    this.warningsHead.hidden = this.warnings.children.length === 0;
  }

  show(): void {
    this.root.hidden = false;
  }

  private ask(msg: ImportRequestBody, transfer: Transferable[] = []): Promise<ImportAnswer> {
    const id = this.nextId++;
    return new Promise((done) => {
      this.waiting.set(id, done);
      this.worker.postMessage({ ...msg, id }, transfer);
    });
  }

  /**
   * File batches are read one after another, and a check waits for them: two batches read at once (the data
   * files, then a mapping picked before they were read) interleaved their form updates, and the check could
   * read a mapping built from half of them.
   */
  private filesRead: Promise<void> = Promise.resolve();

  private queueFiles(list: FileList | null): void {
    const files = list ? Array.from(list) : []; // taken now: the inputs are cleared once a batch is read
    this.filesRead = this.filesRead.then(() => this.addFiles(files)).catch(() => undefined);
  }

  private async addFiles(list: readonly File[]): Promise<void> {
    if (list.length === 0) return;
    for (const f of list) this.files[f.name] = new Uint8Array(await f.arrayBuffer());
    this.fileInput.value = '';
    this.mappingInput.value = '';
    this.fileList.replaceChildren(...Object.entries(this.files).map(([name, b]) => h('li', {}, `${name} (${b.length.toLocaleString('en')} B)`)));
    const names = Object.keys(this.files).filter((n) => !isMapping(this.files[n]));
    for (const row of this.rows) {
      const keep = row.file.value;
      row.file.replaceChildren(h('option', { value: '' }, '—'), ...names.map((n) => h('option', { value: n }, n)));
      row.file.value = names.includes(keep) ? keep : '';
    }
    // A mapping among the files fills the form; otherwise the form guesses each input's file by its name.
    const mappingName = Object.keys(this.files).find((n) => isMapping(this.files[n]));
    if (mappingName) this.loadMapping(new TextDecoder().decode(this.files[mappingName]));
    else for (const row of this.rows) if (!row.file.value) row.file.value = names.find((n) => guessKind(n) === row.kind) ?? '';
    await Promise.all(this.rows.map((row) => this.fileChosen(row, true)));
    this.formChanged();
  }

  /** A mapping the user uploaded: its inputs fill the form, everything else is kept as it is. */
  private loadMapping(text: string): void {
    let m: Record<string, unknown>;
    try {
      m = JSON.parse(text);
    } catch {
      this.mappingText.value = text;
      return;
    }
    const { inputs, hazard, name, ...rest } = m as { inputs?: Record<string, { file?: string; crs?: string; encoding?: string; columns?: Record<string, string> } & Record<string, unknown>>; hazard?: Record<string, unknown>; name?: { zh?: string; en?: string } };
    this.base = { ...rest, inputs: inputs ?? {}, hazard: hazard ?? {} };
    if (name?.zh) this.nameZh.value = name.zh;
    if (name?.en) this.nameEn.value = name.en;
    if (name?.en) this.scenarioId.value = name.en.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'imported';
    for (const row of this.rows) {
      const spec = inputs?.[row.kind];
      const file = spec?.file?.slice(spec.file.lastIndexOf('/') + 1) ?? '';
      row.file.value = Object.keys(this.files).includes(file) ? file : '';
      row.crs.value = spec?.crs ?? 'WGS84';
      row.encoding.value = spec?.encoding ?? 'auto';
      row.columnsBox.dataset.wanted = JSON.stringify(spec?.columns ?? {});
    }
    if (hazard?.type === 'earthquake') {
      const [lon, lat] = (hazard.epicenter as number[]) ?? [];
      this.epiLon.value = String(lon ?? '');
      this.epiLat.value = String(lat ?? '');
      this.magnitude.value = String(hazard.magnitude ?? '');
      this.depth.value = String(hazard.depthKm ?? 10);
      this.strike.value = String(hazard.strikeDeg ?? 0);
    }
  }

  /** A file picked for an input: its headers (or properties) fill the column choices, preselecting the mapping's or the known names. */
  private async fileChosen(row: InputRow, quiet = false): Promise<void> {
    const name = row.file.value;
    const wanted = JSON.parse(row.columnsBox.dataset.wanted ?? '{}') as Record<string, string>;
    let headers: string[] = [];
    if (name && row.columns.size && TABLE_OR_VECTOR.test(name)) {
      // A shapefile's .dbf is read as its .cpg says (GBK without one) unless an encoding is chosen.
      const spec = { encoding: /\.zip$/i.test(name) && row.encoding.value === 'auto' ? undefined : row.encoding.value, ...(row.kind === 'population' && (this.base.inputs as Record<string, { sheet?: string }>)?.population?.sheet ? { sheet: (this.base.inputs as Record<string, { sheet?: string }>).population.sheet } : {}) };
      const a = await this.ask({ type: 'headers', file: name, bytes: this.files[name].slice(), spec });
      if (a.type === 'headers') headers = a.headers;
    }
    for (const [field, sel] of row.columns) {
      const keep = wanted[field] ?? sel.value;
      sel.replaceChildren(h('option', { value: '' }, '—'), ...headers.map((x) => h('option', { value: x }, x)));
      const known = (KNOWN_COLUMNS[row.kind]?.[field] ?? []).find((k) => headers.includes(k));
      sel.value = headers.includes(keep) ? keep : (known ?? '');
    }
    if (!quiet) this.formChanged();
  }

  /** The mapping the form describes, shown (and editable) in the text box that the import reads. */
  private formChanged(): void {
    const baseInputs = (this.base.inputs ?? {}) as Record<string, Record<string, unknown>>;
    const inputs: Record<string, unknown> = {};
    for (const row of this.rows) {
      if (!row.file.value) continue;
      const columns: Record<string, string> = {};
      for (const [field, sel] of row.columns) if (sel.value) columns[field] = sel.value;
      inputs[row.kind] = {
        ...baseInputs[row.kind],
        file: row.file.value,
        ...(row.kind === 'roads' && /\.osm$/i.test(row.file.value) ? {} : { crs: row.crs.value.trim() }),
        ...(/\.(csv|txt)$/i.test(row.file.value) || (/\.zip$/i.test(row.file.value) && row.encoding.value !== 'auto') ? { encoding: row.encoding.value } : {}),
        ...(Object.keys(columns).length ? { columns } : {}),
      };
      if (!Object.keys(columns).length) delete (inputs[row.kind] as Record<string, unknown>).columns;
    }
    for (const [kind, spec] of Object.entries(baseInputs)) if (!(kind in inputs) && !FORM_INPUTS.some((f) => f.kind === kind)) inputs[kind] = spec;
    const num = (el: HTMLInputElement) => (el.value.trim() === '' ? null : Number(el.value));
    const baseHazard = (this.base.hazard ?? {}) as Record<string, unknown>;
    const hazard = baseHazard.type === 'flood' ? baseHazard : { type: 'earthquake', ...baseHazard, epicenter: [num(this.epiLon), num(this.epiLat)], crs: baseHazard.crs ?? 'WGS84', magnitude: num(this.magnitude), depthKm: num(this.depth), strikeDeg: num(this.strike), zone: baseHazard.zone ?? 'auto' };
    const mapping = { format: 'drilltwin/import@1', ...this.base, name: { zh: this.nameZh.value, en: this.nameEn.value }, region: (this.base.region as string) ?? this.nameZh.value, inputs, hazard };
    this.mappingText.value = `${JSON.stringify(mapping, null, 1)}\n`;
  }

  private async run(): Promise<void> {
    await this.filesRead;
    this.result = null;
    this.openBtn.disabled = true;
    this.zipBtn.disabled = true;
    this.runBtn.disabled = true;
    this.status.textContent = t('import.running');
    this.status.dataset.state = 'running';
    const files = Object.fromEntries(Object.entries(this.files).map(([n, b]) => [n, b.slice()]));
    const startedMs = performance.now();
    const a = await this.ask({ type: 'import', scenarioId: this.scenarioId.value.trim() || 'imported', mappingFile: 'mapping.json', mappingText: this.mappingText.value, files });
    this.runBtn.disabled = false;
    if (a.type !== 'import') {
      this.status.textContent = a.type === 'error' ? a.message : '';
      this.status.dataset.state = 'error';
      return;
    }
    const o = a.outcome;
    this.problems.replaceChildren(...o.problems.map((p) => h('li', {}, p)));
    this.warnings.replaceChildren(...o.warnings.map((w) => h('li', {}, w)));
    this.summary.replaceChildren(...o.summary.map((s) => h('li', {}, s)));
    const s = ((performance.now() - startedMs) / 1000).toFixed(1);
    this.status.textContent = o.ok ? t('import.valid', { n: Object.keys(o.texts).length, s }) : t('import.invalid', { n: o.problems.length, s });
    this.status.dataset.state = o.ok ? 'valid' : 'invalid';
    this.translate();
    this.draw(a.preview);
    if (o.ok) {
      this.result = { id: this.scenarioId.value.trim() || 'imported', texts: o.texts };
      this.openBtn.disabled = false;
      this.zipBtn.disabled = false;
    }
  }

  private async download(): Promise<void> {
    if (!this.result) return;
    const a = await this.ask({ type: 'zip', scenarioId: this.result.id, texts: this.result.texts });
    if (a.type !== 'zip') return;
    const url = URL.createObjectURL(new Blob([a.bytes as BlobPart], { type: 'application/zip' }));
    const link = h('a', { href: url, download: `${this.result.id}.zip` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /** Townships, roads and sites in an equirectangular view of their extent (east-west scaled by the cosine of the middle latitude). */
  private draw(p: ImportPreview | null): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const { width: W, height: H } = this.canvas;
    ctx.clearRect(0, 0, W, H);
    this.canvas.dataset.sites = String(p?.sites.length ?? 0);
    this.canvas.dataset.townships = String(p?.townships.length ?? 0);
    this.canvas.dataset.roads = String(p?.roads.length ?? 0);
    this.canvas.hidden = !p;
    this.legend.hidden = !p;
    if (!p) return;
    const all: LL[] = [...p.townships.flatMap((x) => x.rings.flat()), ...p.sites.map((s) => s.at)];
    if (!all.length) return;
    const lons = all.map((c) => c[0]), lats = all.map((c) => c[1]);
    const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
    const scale = Math.min((W - 20) / Math.max(1e-9, (x1 - x0) * k), (H - 20) / Math.max(1e-9, y1 - y0));
    const at = (c: LL): [number, number] => [10 + (c[0] - x0) * k * scale, H - 10 - (c[1] - y0) * scale];
    this.unproject = (x, y) => [x0 + (x - 10) / (k * scale), y0 + (H - 10 - y) / scale];
    const path = (line: LL[]) => {
      ctx.beginPath();
      line.forEach((c, i) => (i ? ctx.lineTo(...at(c)) : ctx.moveTo(...at(c))));
    };
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#7a8ca3';
    ctx.fillStyle = 'rgba(122,140,163,0.08)';
    for (const tw of p.townships) for (const ring of tw.rings) {
      path(ring);
      ctx.fill();
      ctx.stroke();
    }
    ctx.strokeStyle = '#b08850';
    for (const r of p.roads) {
      path(r);
      ctx.stroke();
    }
    for (const s of p.sites) {
      const [x, y] = at(s.at);
      ctx.fillStyle = DEGREE_COLOURS[s.degree] ?? '#6b7280';
      ctx.fillRect(x - 2.5, y - 2.5, 5, 5);
    }
    if (p.epicentre) {
      const [x, y] = at(p.epicentre);
      ctx.strokeStyle = '#c92a2a';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(x, y, 7, 0, 2 * Math.PI);
      ctx.moveTo(x - 10, y);
      ctx.lineTo(x + 10, y);
      ctx.moveTo(x, y - 10);
      ctx.lineTo(x, y + 10);
      ctx.stroke();
    }
  }
}

function isMapping(bytes: Uint8Array): boolean {
  return bytes.length < 1024 * 1024 && new TextDecoder().decode(bytes.subarray(0, 400)).includes('drilltwin/import@1');
}

/** An input kind guessed from a file name (Chinese or English), for the form's first choice. */
function guessKind(name: string): Kind | null {
  const n = name.toLowerCase();
  if (/\.(osm|pbf)$/.test(n) || /road|道路|路网/.test(n)) return 'roads';
  if (/\.asc$/.test(n) || /dem|高程/.test(n)) return 'elevation';
  if (/site|基站|站点/.test(n)) return 'sites';
  if (/popul|人口/.test(n)) return 'population';
  if (/township|乡镇|boundar|边界|\.zip$/.test(n)) return 'townships';
  return null;
}
