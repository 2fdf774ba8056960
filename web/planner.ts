// The what-if planner: `drilltwin sweep` in the browser. Choose a
// base scenario (shipped, or a folder opened here) and variants (a
// drilltwin/variants@1 file, or the common what-ifs from a small form, checked
// by the same src/sweep/variants.ts code in a worker), seeds from..to and a
// number of workers; every (variant, seed) runs in a pool of dedicated Web
// Workers (web/sweep-worker.ts, the CLI's row code), and the comparison —
// per-variant means with intervals, paired differences against the base, the
// report's figures — fills in as rows arrive. Stop keeps the rows done (in
// memory and in IndexedDB); Run again resumes. The downloads are made by the
// CLI's own functions (src/sweep/summary.ts), so they are the CLI's files.
import { rowKey, type SweepRow } from '../src/sweep/rows.ts';
import { chartsCsv, summariseSweep, summaryCsv, summaryFigures, summaryHtml, type MetricSummary, type SweepSummary } from '../src/sweep/summary.ts';
import type { Variant } from '../src/sweep/variants.ts';
import { h, throttle } from './dom.ts';
import { getLang, onLangChange, setLang, t, translateDom, type Key } from './i18n.ts';
import { clearRows, readRows, storedKey, writeRow } from './planner-store.ts';
import { interpretDropped, readFiles, shippedScenarios } from './scenarios.ts';
import type { CheckedPlan, PlanScenario, SweepAnswer, SweepRequest } from './sweep-worker.ts';
import './planner.css';

const params = new URLSearchParams(location.search);
if (params.get('lang') === 'en') setLang('en');

/** A worker of the pool, answering one request at a time by id. */
class SweepWorker {
  private readonly worker = new Worker(new URL('./sweep-worker.ts', import.meta.url), { type: 'module', name: 'drilltwin-sweep' });
  private nextId = 1;
  private readonly waiting = new Map<number, (a: SweepAnswer) => void>();
  constructor() {
    this.worker.onmessage = (e: MessageEvent<SweepAnswer>) => {
      const done = this.waiting.get(e.data.id);
      this.waiting.delete(e.data.id);
      done?.(e.data);
    };
    // A worker that fails to start or dies answers every waiting request with the reason: the page never waits forever.
    this.worker.onerror = (e) => {
      e.preventDefault();
      for (const [id, done] of this.waiting) done({ id, type: 'error', message: e.message || 'a sweep worker stopped' });
      this.waiting.clear();
    };
  }
  ask(msg: SweepRequest extends infer M ? (M extends unknown ? Omit<M, 'id'> : never) : never): Promise<SweepAnswer> {
    const id = this.nextId++;
    return new Promise((done) => {
      this.waiting.set(id, done);
      this.worker.postMessage({ ...msg, id });
    });
  }
  /** Stops the worker now (a run in it is lost and run again on resume); anyone waiting hears why. */
  terminate(): void {
    this.worker.terminate();
    for (const [id, done] of this.waiting) done({ id, type: 'error', message: 'stopped' });
    this.waiting.clear();
  }
}

const label = (key: Key, ...children: (Node | string)[]) => h('label', {}, h('span', { 'data-i18n': key }, t(key)), ' ', ...children);
const num = (value: number, testid: string, step = '1', min = '0') => h('input', { type: 'number', value: String(value), step, min, 'data-testid': testid });

// 1. The base scenario.
const shipped = shippedScenarios();
const scenarioSelect = h('select', { 'data-testid': 'planner-scenario' }, ...shipped.map((s) => h('option', { value: s.id }, s.name[getLang()])));
scenarioSelect.value = shipped.some((s) => s.id === params.get('scenario')) ? params.get('scenario')! : shipped.some((s) => s.id === 'jishishan-2023') ? 'jishishan-2023' : (shipped[0]?.id ?? '');
const folderInput = h('input', { type: 'file', multiple: true, webkitdirectory: '', 'data-testid': 'planner-folder' });
const filesInput = h('input', { type: 'file', multiple: true, accept: '.json,.geojson', 'data-testid': 'planner-files' });
const openedNote = h('span', { class: 'sub', 'data-testid': 'planner-opened' });
/** A scenario opened from files; null while a shipped one is chosen. */
let opened: PlanScenario | null = null;

// 2. Variants: a file, the form, and the box holding the document that is checked and run.
const variantsFileInput = h('input', { type: 'file', accept: '.json', 'data-testid': 'planner-variants-file' });
const variantsText = h('textarea', { rows: 12, spellcheck: false, 'data-testid': 'planner-variants' });
let variantsFileName = 'variants.json';
/** Variants from the uploaded file (kept when the form changes); the raw text when it is not JSON (the check names the syntax error). */
let fileVariants: { description?: string; variants: unknown[] } | string = { variants: [] };

const tri = (testid: string, value: '' | 'on' | 'off') => {
  const sel = h('select', { 'data-testid': testid }, h('option', { value: '' }, '—'), h('option', { value: 'on' }, 'on'), h('option', { value: 'off' }, 'off'));
  sel.value = value;
  return sel;
};
const form = {
  settingsOn: h('input', { type: 'checkbox', checked: true, 'data-testid': 'planner-use-settings' }),
  settingsName: h('input', { type: 'text', value: 'roaming-priority', size: 18, 'data-testid': 'planner-settings-name' }),
  roaming: tri('planner-roaming', 'on'),
  priority: tri('planner-priority', 'on'),
  green: tri('planner-green', ''),
  hardenOn: h('input', { type: 'checkbox', 'data-testid': 'planner-use-harden' }),
  hardenName: h('input', { type: 'text', value: '', placeholder: 'harden-N', size: 14, 'data-testid': 'planner-harden-name' }),
  hardenIds: h('input', { type: 'text', size: 40, 'data-testid': 'planner-harden-ids' }),
  battery: num(150, 'planner-battery'),
  fuel: num(72, 'planner-fuel'),
  prepOn: h('input', { type: 'checkbox', 'data-testid': 'planner-use-preposition' }),
  prepName: h('input', { type: 'text', value: 'preposition-all', size: 16, 'data-testid': 'planner-preposition-name' }),
  satPhones: num(2, 'planner-satphones'),
  beidou: num(2, 'planner-beidou'),
};

/** The variants the form describes, in the variants@1 shape (validated later, with everything else, in the worker). */
function formVariants(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (form.settingsOn.checked) {
    const settings: Record<string, boolean> = {};
    for (const [key, sel] of [['emergencyRoaming', form.roaming], ['prioritySupplyForComms', form.priority], ['airspaceGreenChannel', form.green]] as const) if (sel.value) settings[key] = sel.value === 'on';
    const on = Object.entries(settings).map(([k, v]) => `${k}=${v ? 'on' : 'off'}`).join(', ');
    out.push({ name: form.settingsName.value.trim(), description: `Settings: ${on || 'none changed'}.`, settings });
  }
  if (form.hardenOn.checked) {
    const ids = form.hardenIds.value.split(/[\s,，、;]+/).filter((x) => x !== '');
    out.push({
      name: form.hardenName.value.trim() || `harden-${ids.length}`,
      description: `${ids.length} sites made super base stations with at least ${form.battery.value} kWh of battery and ${form.fuel.value} h of generator fuel.`,
      superSites: { ids, batteryKwh: Number(form.battery.value), generatorFuelHours: Number(form.fuel.value) },
    });
  }
  if (form.prepOn.checked) {
    out.push({
      name: form.prepName.value.trim(),
      description: `At least ${form.satPhones.value} satellite phones and ${form.beidou.value} BeiDou terminals pre-positioned in every township.`,
      prepositioned: { townships: 'all', satPhones: Number(form.satPhones.value), beidou: Number(form.beidou.value) },
    });
  }
  return out;
}

function formChanged(): void {
  if (typeof fileVariants === 'string') return; // a file that is not JSON stays as it was, for the check to name its error
  const variants = [...fileVariants.variants, ...formVariants()];
  variantsText.value = variants.length ? `${JSON.stringify({ format: 'drilltwin/variants@1', ...(fileVariants.description ? { description: fileVariants.description } : {}), variants }, null, 1)}\n` : '';
  seedsChanged();
}

// 3. Seeds and workers.
const seedFrom = num(1, 'planner-seed-from');
const seedTo = num(10, 'planner-seed-to');
const cores = Math.max(1, navigator.hardwareConcurrency || 1);
const workersInput = num(cores, 'planner-workers', '1', '1');
let workersTouched = false;
const runsNote = h('span', { class: 'sub', 'data-testid': 'planner-runs' });

function seedList(): number[] | null {
  const a = Number(seedFrom.value), b = Number(seedTo.value);
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < a || b > 4_294_967_295 || b - a >= 100_000) return null;
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** Variants the box holds, base included, when it parses (the check says more). */
function variantCount(): number {
  if (variantsText.value.trim() === '') return 1;
  try {
    const doc = JSON.parse(variantsText.value) as { variants?: unknown[] };
    return 1 + (Array.isArray(doc.variants) ? doc.variants.length : 0);
  } catch {
    return 1;
  }
}

function seedsChanged(): void {
  const seeds = seedList();
  const v = variantCount();
  const n = v * (seeds?.length ?? 0);
  runsNote.textContent = t('planner.runs', { v, s: seeds?.length ?? 0, n });
  // As many workers as the computer has cores, at most the runs.
  if (!workersTouched) workersInput.value = String(Math.max(1, Math.min(cores, n)));
}

// Buttons, status, progress.
const checkBtn = h('button', { type: 'button', 'data-testid': 'planner-check', 'data-i18n': 'planner.check' }, t('planner.check'));
const runBtn = h('button', { type: 'button', class: 'primary', 'data-testid': 'planner-run' });
const stopBtn = h('button', { type: 'button', 'data-testid': 'planner-stop', 'data-i18n': 'planner.stop', disabled: true }, t('planner.stop'));
const forgetBtn = h('button', { type: 'button', 'data-testid': 'planner-forget', 'data-i18n': 'planner.forget' }, t('planner.forget'));
const status = h('p', { 'data-testid': 'planner-status', 'data-state': 'idle' });
const problems = h('ol', { class: 'bad', 'data-testid': 'planner-problems' });
const progress = h('progress', { max: 1, value: 0, 'data-testid': 'planner-progress' });
const progressText = h('span', { class: 'sub', 'data-testid': 'planner-progress-text' });

// 4. The comparison.
const metricSelect = h('select', { 'data-testid': 'planner-metric' });
const table = h('table', { 'data-testid': 'planner-table' });
const figures = h('div', { class: 'figures', 'data-testid': 'planner-figures' });
const downloads = [
  ['runs.jsonl', 'application/x-ndjson'],
  ['summary.json', 'application/json'],
  ['summary.csv', 'text/csv'],
  ['charts.csv', 'text/csv'],
  ['report.html', 'text/html'],
] as const;
const downloadBtns = downloads.map(([name]) => h('button', { type: 'button', disabled: true, 'data-testid': `planner-download-${name}` }, name));

/** What the status line says now, kept as a key and its values so a language switch re-says it. */
let said: { state: string; key: Key; values: Record<string, string | number>; extra?: [Key, Record<string, string | number>][] } = { state: 'idle', key: 'planner.none', values: {} };
function say(state: string, key: Key, values: Record<string, string | number> = {}, extra?: [Key, Record<string, string | number>][]): void {
  said = { state, key, values, extra };
  status.dataset.state = state;
  status.className = state === 'invalid' || state === 'failed' ? 'bad' : state === 'done' ? 'good' : '';
  status.textContent = t(key, values) + (extra ?? []).map(([k, v]) => t(k, v)).join('');
}

// The sweep.
interface Plan extends CheckedPlan {
  scenario: PlanScenario;
  variantsFile: string;
  seeds: number[];
  untilSec: number;
  /** The stored key of each (variant, seed) the plan wants, by rowKey. */
  wanted: Map<string, string>;
}

const checker = new SweepWorker();
/** Every row this page has, by its stored key (rows of earlier plans included: a plan changed back reuses them). */
const rows = new Map<string, SweepRow>();
let plan: Plan | null = null;
let pool: SweepWorker[] = [];
let running = false;
let stopRequested = false;
let summary: SweepSummary | null = null;

const scenarioCache = new Map<string, Record<string, string>>();
async function currentScenario(): Promise<PlanScenario> {
  if (opened) return opened;
  const entry = shipped.find((s) => s.id === scenarioSelect.value);
  if (!entry) throw new Error(`no shipped scenario ${scenarioSelect.value}`);
  let texts = scenarioCache.get(entry.id);
  if (!texts) scenarioCache.set(entry.id, (texts = await entry.load()));
  return { scenarioId: entry.id, texts };
}

/** Checks the plan in a worker; shows its problems, or returns it. */
async function check(): Promise<Plan | null> {
  problems.replaceChildren();
  const seeds = seedList();
  if (!seeds) {
    say('invalid', 'planner.invalid', { n: 1 });
    problems.append(h('li', {}, `seeds: ${seedFrom.value}..${seedTo.value} is not FIRST..LAST with 0 ≤ FIRST ≤ LAST and at most 100000 seeds`));
    return null;
  }
  say('checking', 'planner.checking');
  const scenario = await currentScenario();
  const a = await checker.ask({ type: 'check', scenario, variantsFile: variantsFileName, variantsText: variantsText.value });
  if (a.type !== 'checked' || !a.ok) {
    const list = a.type === 'checked' && !a.ok ? a.problems : [a.type === 'error' ? a.message : 'no answer'];
    problems.replaceChildren(...list.map((p) => h('li', {}, p)));
    say('invalid', 'planner.invalid', { n: list.length });
    return null;
  }
  const p = a.plan;
  const untilSec = p.durationSec;
  const wanted = new Map<string, string>();
  for (const v of p.variants) for (const seed of seeds) wanted.set(rowKey(v.name, seed), storedKey(p.sha[v.name], untilSec, p.profile?.id ?? null, v.name, seed));
  say('valid', 'planner.valid', { names: p.variants.map((v) => v.name).join(', ') });
  return { ...p, scenario, variantsFile: variantsFileName, seeds, untilSec, wanted };
}

/** The plan's rows this page has, in variant order then seed (the order runs.jsonl is written in). */
function planRows(p: Plan): SweepRow[] {
  const out: SweepRow[] = [];
  for (const key of p.wanted.values()) {
    const row = rows.get(key);
    if (row) out.push(row);
  }
  return out;
}

async function runSweep(): Promise<void> {
  if (running) return;
  const p = await check();
  if (!p) return;
  plan = p;
  // Rows stored in this browser by an earlier visit count as done, as a resumed CLI sweep skips its runs.jsonl rows.
  const missing = [...p.wanted.values()].filter((k) => !rows.has(k));
  for (const [k, row] of await readRows(missing)) rows.set(k, row);
  const tasks = p.variants.flatMap((variant) => p.seeds.map((seed) => ({ variant, seed, key: p.wanted.get(rowKey(variant.name, seed))! }))).filter((x) => !rows.has(x.key));
  const total = p.wanted.size;
  const kept = total - tasks.length;
  const workers = Math.max(1, Math.min(Number(workersInput.value) || 1, 256, tasks.length || 1));
  running = true;
  stopRequested = false;
  setButtons();
  refresh();
  const startedMs = performance.now();
  let doneHere = 0;
  const showProgress = () => {
    const done = kept + doneHere;
    progress.max = total;
    progress.value = done;
    progress.dataset.done = String(done);
    progress.dataset.total = String(total);
    const s = (performance.now() - startedMs) / 1000;
    const extra: [Key, Record<string, string | number>][] = [];
    if (doneHere > 0 && done < total) extra.push(['planner.left', { s: Math.round((s / doneHere) * (total - done)) }]);
    if (kept > 0) extra.push(['planner.kept', { n: kept }]);
    say('running', 'planner.progress', { done, total, s: s.toFixed(0) }, extra);
  };
  showProgress();
  let failure: string | null = null;
  pool = Array.from({ length: tasks.length ? workers : 0 }, () => new SweepWorker());
  let next = 0;
  await Promise.all(
    pool.map(async (w) => {
      const loaded = await w.ask({ type: 'load', scenario: p.scenario, variantsFile: p.variantsFile });
      if (loaded.type === 'error') {
        failure ??= loaded.message;
        return;
      }
      while (!stopRequested && failure === null && next < tasks.length) {
        const task = tasks[next++];
        const a = await w.ask({ type: 'run', task: { variant: task.variant, seed: task.seed, untilSec: p.untilSec, profile: p.profile } });
        if (a.type === 'row') {
          rows.set(task.key, a.row);
          void writeRow(task.key, a.row);
          doneHere++;
          showProgress();
          refreshSoon();
        } else if (!stopRequested) failure ??= a.type === 'error' ? `${task.variant.name} seed ${task.seed}: ${a.message}` : 'unexpected answer';
      }
    }),
  );
  for (const w of pool) w.terminate();
  pool = [];
  running = false;
  setButtons();
  refresh();
  const s = ((performance.now() - startedMs) / 1000).toFixed(1);
  if (failure !== null && !stopRequested) say('failed', 'planner.failed', { message: failure });
  else if (stopRequested) say('stopped', 'planner.stopped', { n: kept + doneHere });
  else say('done', 'planner.done', { n: total, s, w: tasks.length ? workers : 0 }, kept > 0 ? [['planner.kept', { n: kept }]] : undefined);
}

function stopSweep(): void {
  if (!running) return;
  stopRequested = true;
  // Runs in flight are dropped at once (a 72-hour run is not interruptible inside the engine); resume runs them again.
  for (const w of pool) w.terminate();
}

function setButtons(): void {
  runBtn.disabled = running;
  checkBtn.disabled = running;
  forgetBtn.disabled = running;
  stopBtn.disabled = !running;
  const resumable = plan !== null && !running && planRows(plan).length > 0 && planRows(plan).length < plan.wanted.size;
  runBtn.dataset.i18n = resumable ? 'planner.resume' : 'planner.run';
  runBtn.textContent = t(resumable ? 'planner.resume' : 'planner.run');
}

const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : Number(x.toPrecision(digits)).toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en'));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(0)} %`);
const interval = (i: MetricSummary['ci95']) => (i.lo === null ? i.why : `${fmt(i.lo)} … ${fmt(i.hi)}`);

/** The summary of the rows so far, the table for the chosen metric, and the report's figures. */
function refresh(): void {
  const p = plan;
  const have = p ? planRows(p) : [];
  summary = p && have.length ? summariseSweep(p.scenarioId, p.variants, have, p.profile) : null;
  for (const b of downloadBtns) b.disabled = !summary;
  setButtons();
  if (!summary) {
    table.replaceChildren(h('tbody', {}, h('tr', {}, h('td', { 'data-i18n': 'planner.none' }, t('planner.none')))));
    figures.replaceChildren();
    return;
  }
  const ids = summary.variants[0].metrics.map((m) => m.id);
  if (metricSelect.options.length !== ids.length || ids.some((id, i) => metricSelect.options[i].value !== id)) {
    const keep = metricSelect.value;
    metricSelect.replaceChildren(...ids.map((id) => h('option', { value: id }, id)));
    metricSelect.value = ids.includes(keep) ? keep : ids[0];
  }
  const metric = metricSelect.value;
  const head = h('tr', {}, ...(['planner.variant', 'planner.n', 'planner.mean', 'planner.pct', 'planner.pass', 'planner.diff', 'planner.wins', 'planner.pairs'] as Key[]).map((k) => h('th', {}, t(k))));
  const body = summary.variants.map((v) => {
    const m = v.metrics.find((x) => x.id === metric)!;
    const d = m.vsBase;
    return h(
      'tr',
      { 'data-variant': v.name, 'data-runs': String(v.runs) },
      h('td', { title: v.description ?? '' }, v.name),
      h('td', {}, String(m.n)),
      h('td', {}, `${fmt(m.mean)} (${interval(m.ci95)})`),
      h('td', {}, `${fmt(m.percentiles.p10)} / ${fmt(m.percentiles.p50)} / ${fmt(m.percentiles.p90)}`),
      h('td', {}, v.pass ? `${pct(v.pass.p)}${v.pass.ci95.lo === null ? ` (${v.pass.ci95.why})` : ` (${pct(v.pass.ci95.lo)} … ${pct(v.pass.ci95.hi)})`}` : '—'),
      h('td', {}, d ? `${d.mean !== null && d.mean > 0 ? '+' : ''}${fmt(d.mean)} (${interval(d.ci95)})${d.ci95.lo !== null && (d.ci95.lo > 0 || d.ci95.hi < 0) ? ' ✔' : ''}` : ''),
      h('td', {}, d?.winShare != null ? `${Math.round(d.winShare * d.n)}/${d.n}${d.tieShare ? t('planner.ties', { n: Math.round(d.tieShare * d.n) }) : ''}` : ''),
      h('td', {}, d?.pairsToResolve != null ? `≈ ${d.pairsToResolve}` : ''),
    );
  });
  table.replaceChildren(h('thead', {}, head), h('tbody', {}, ...body));
  // The report's own figures (src/sweep/charts.ts via summaryFigures): inline SVG text with its text escaped, no scripts.
  figures.innerHTML = summaryFigures(summary);
}
/** Rows arrive faster than anyone reads: the comparison is redrawn at most twice a second. */
const refreshSoon = throttle(refresh, 500);

function download(name: (typeof downloads)[number][0], type: string): void {
  if (!summary || !plan) return;
  const text =
    name === 'runs.jsonl' ? planRows(plan).map((r) => JSON.stringify(r) + '\n').join('')
    : name === 'summary.json' ? JSON.stringify(summary, null, 1) + '\n' // as cli/sweep.ts writes it
    : name === 'summary.csv' ? summaryCsv(summary)
    : name === 'charts.csv' ? chartsCsv(summary)
    : summaryHtml(summary);
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function openScenarioFiles(list: FileList | null): Promise<void> {
  if (!list?.length) return;
  const content = interpretDropped(await readFiles(Array.from(list)));
  folderInput.value = '';
  filesInput.value = '';
  if (content.kind !== 'scenario') {
    opened = null;
    openedNote.dataset.i18n = 'planner.notScenario';
    openedNote.textContent = t('planner.notScenario');
    return;
  }
  opened = { scenarioId: content.id, texts: content.texts };
  delete openedNote.dataset.i18n;
  openedNote.textContent = t('planner.opened', { id: content.id, n: Object.keys(content.texts).length });
  scenarioSelect.value = '';
}

// Wiring.
scenarioSelect.addEventListener('change', () => {
  opened = null;
  openedNote.textContent = '';
});
folderInput.addEventListener('change', () => void openScenarioFiles(folderInput.files));
filesInput.addEventListener('change', () => void openScenarioFiles(filesInput.files));
variantsFileInput.addEventListener('change', async () => {
  const file = variantsFileInput.files?.[0];
  if (!file) return;
  variantsFileName = file.name;
  const text = await file.text();
  variantsFileInput.value = '';
  try {
    const doc = JSON.parse(text) as { description?: string; variants?: unknown[] };
    fileVariants = { description: doc.description, variants: Array.isArray(doc.variants) ? doc.variants : [] };
    // The form adds to the file; it starts empty so the file is run as it is.
    form.settingsOn.checked = form.hardenOn.checked = form.prepOn.checked = false;
    formChanged();
  } catch {
    fileVariants = text;
    variantsText.value = text;
    seedsChanged();
  }
});
for (const el of Object.values(form)) el.addEventListener('change', formChanged);
form.hardenIds.addEventListener('input', formChanged);
variantsText.addEventListener('input', seedsChanged);
for (const el of [seedFrom, seedTo]) el.addEventListener('input', seedsChanged);
workersInput.addEventListener('input', () => (workersTouched = true));
checkBtn.addEventListener('click', () => void check().then((p) => p && ((plan = p), refresh())));
runBtn.addEventListener('click', () => void runSweep().catch((err: unknown) => {
  running = false;
  setButtons();
  say('failed', 'planner.failed', { message: err instanceof Error ? err.message : String(err) });
}));
stopBtn.addEventListener('click', stopSweep);
forgetBtn.addEventListener('click', () => void clearRows().then(() => {
  rows.clear();
  refresh();
  say('idle', 'planner.forgotten');
}));
metricSelect.addEventListener('change', refresh);
downloads.forEach(([name, type], i) => downloadBtns[i].addEventListener('click', () => download(name, type)));

const section = (key: Key, ...children: (Node | string)[]) => h('section', {}, h('h2', { 'data-i18n': key }, t(key)), ...children);
const legend = (key: Key, toggle: HTMLInputElement) => h('legend', {}, h('label', {}, toggle, ' ', h('span', { 'data-i18n': key }, t(key))));
document.getElementById('planner')!.append(
  section('planner.scenario', h('div', { class: 'row' }, label('planner.shipped', scenarioSelect), label('planner.openFolder', folderInput), label('planner.openFiles', filesInput), openedNote)),
  section(
    'planner.variants',
    h('div', { class: 'row' }, label('planner.variantsFile', variantsFileInput)),
    h('p', { class: 'sub', 'data-i18n': 'planner.form' }, t('planner.form')),
    h('fieldset', {}, legend('planner.settingsVariant', form.settingsOn), h('div', { class: 'row' }, label('planner.name', form.settingsName), label('planner.roaming', form.roaming), label('planner.priority', form.priority), label('planner.green', form.green))),
    h('fieldset', {}, legend('planner.harden', form.hardenOn), h('div', { class: 'row' }, label('planner.name', form.hardenName), label('planner.hardenIds', form.hardenIds), label('planner.battery', form.battery), label('planner.fuel', form.fuel))),
    h('fieldset', {}, legend('planner.preposition', form.prepOn), h('div', { class: 'row' }, label('planner.name', form.prepName), label('planner.satPhones', form.satPhones), label('planner.beidou', form.beidou))),
    h('p', { class: 'sub', 'data-i18n': 'planner.variantsNote' }, t('planner.variantsNote')),
    variantsText,
  ),
  section(
    'planner.seeds',
    h('div', { class: 'row' }, label('planner.seedFrom', seedFrom), label('planner.seedTo', seedTo), label('planner.workers', workersInput), runsNote),
    h('div', { class: 'row' }, checkBtn, runBtn, stopBtn, forgetBtn, progress, progressText),
    status,
    problems,
  ),
  section('planner.results', h('div', { class: 'row' }, label('planner.metric', metricSelect)), table, h('div', { class: 'row' }, h('span', { 'data-i18n': 'planner.downloads' }, t('planner.downloads')), ...downloadBtns), figures),
);

document.getElementById('lang-switch')!.addEventListener('click', () => setLang(getLang() === 'zh' ? 'en' : 'zh'));
onLangChange(() => {
  for (const o of Array.from(scenarioSelect.options)) {
    const s = shipped.find((x) => x.id === o.value);
    if (s) o.textContent = s.name[getLang()];
  }
  say(said.state, said.key, said.values, said.extra);
  seedsChanged();
  refresh();
});
translateDom(document.body);
formChanged();
setButtons();
refresh();

// For the end-to-end test: the rows of the current plan, as the page holds them.
(window as unknown as { drilltwinPlanner: unknown }).drilltwinPlanner = { rows: () => (plan ? planRows(plan) : []), variants: () => plan?.variants.map((v: Variant) => v.name) ?? [] };
