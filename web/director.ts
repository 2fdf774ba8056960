// The director's page of the drill server: create a joint drill (scenario,
// seed, how long, who plays each department), print the join sheet (one link
// and QR code per seat), and run the clock of the drills under way. The key
// comes in the address the server printed at start (#key=…) and stays in
// this tab only. Nothing here simulates: it calls the server's API.
import QRCode from 'qrcode';
import { h, byId } from './dom.ts';
import { getLang, setLang, tr } from './i18n.ts';
import './director.css';

const TEXT = {
  zh: {
    noKey: '缺少导演部密钥：请打开服务器启动时打印的导演部地址（…/director.html#key=…）。',
    create: '新建联合演练',
    scenario: '想定',
    seed: '随机种子',
    hours: '演练时长（小时）',
    speed: '倍速',
    paused: '建好后先暂停',
    person: '人员',
    doctrine: '自动（条令）',
    nobody: '无人',
    go: '创建并生成加入链接',
    drills: '演练',
    none: '尚无演练',
    pause: '暂停',
    resume: '继续',
    end: '结束',
    sheet: '加入单（打印后分发）',
    print: '打印',
    open: '打开',
    evaluator: '评估（只看不指挥）',
    director: '导演部终端（看全部真相）',
    report: '报告',
    aar: '复盘报告',
    failed: '失败：',
  },
  en: {
    noKey: 'The director key is missing: open the director address the server printed at start (…/director.html#key=…).',
    create: 'New joint drill',
    scenario: 'Scenario',
    seed: 'Seed',
    hours: 'Duration (hours)',
    speed: 'Speed',
    paused: 'Start paused',
    person: 'person',
    doctrine: 'doctrine',
    nobody: 'nobody',
    go: 'Create and make join links',
    drills: 'Drills',
    none: 'No drills yet',
    pause: 'Pause',
    resume: 'Resume',
    end: 'End',
    sheet: 'Join sheet (print and hand out)',
    print: 'Print',
    open: 'Open',
    evaluator: 'evaluator (watches, commands nothing)',
    director: "director's terminal (sees ground truth)",
    report: 'Report',
    aar: 'After-action report',
    failed: 'Failed: ',
  },
} as const;
type Key = keyof (typeof TEXT)['en'];
const say = (k: Key) => TEXT[getLang() === 'en' ? 'en' : 'zh'][k];

interface ScenarioInfo {
  id: string;
  name: { zh: string; en?: string };
  durationSec: number;
  defaultSeed: number;
  doctrineSeats: string[];
}
interface Link {
  seat: string;
  mode: string;
  player: string;
  url: string;
}
interface DrillInfo {
  drill: string;
  scenario: string;
  seed: number;
  status: string;
  clock?: { tSec: number; paused: boolean; speed: number; untilSec: number; ended: boolean };
  seats?: Record<string, string>;
}

const key = new URLSearchParams(location.hash.slice(1)).get('key') ?? sessionStorage.getItem('drilltwin-director-key');
if (key) sessionStorage.setItem('drilltwin-director-key', key);

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, { method, headers: { authorization: `Bearer ${key}` }, body: body === undefined ? undefined : JSON.stringify(body) });
  const parsed = await res.json();
  if (!res.ok) throw new Error(parsed.error ?? `HTTP ${res.status}`);
  return parsed as T;
}

function hms(tSec: number): string {
  const hh = Math.floor(tSec / 3600), mm = Math.floor((tSec % 3600) / 60);
  return `T+${hh}:${String(mm).padStart(2, '0')}`;
}

let scenarios: ScenarioInfo[] = [];
let departments: string[] = [];

async function renderCreate(): Promise<void> {
  const root = byId('create');
  const listed = await api<{ scenarios: ScenarioInfo[]; departments: string[] }>('GET', '/api/scenarios');
  scenarios = listed.scenarios;
  departments = listed.departments;
  const scenario = h('select', { 'data-testid': 'scenario' }, ...scenarios.map((s) => h('option', { value: s.id }, (getLang() === 'en' && s.name.en) || s.name.zh)));
  const seed = h('input', { type: 'number', min: '0', 'data-testid': 'seed' });
  const hours = h('input', { type: 'number', min: '1', step: '1', 'data-testid': 'hours' });
  const speed = h('select', { 'data-testid': 'speed' }, ...[1, 10, 60, 120, 300, 600].map((s) => h('option', { value: String(s), selected: s === 60 }, `${s}×`)));
  const paused = h('input', { type: 'checkbox', checked: true, 'data-testid': 'paused' });
  const seatRows = h('div', { class: 'seats' });
  const players = new Map<string, HTMLSelectElement>();
  const fill = () => {
    const s = scenarios.find((x) => x.id === scenario.value)!;
    seed.value = String(s.defaultSeed);
    hours.value = String(s.durationSec / 3600);
    hours.max = String(s.durationSec / 3600);
    seatRows.replaceChildren(
      ...departments.map((d) => {
        const sel = h('select', { 'data-testid': `player-${d}` }, ...(['person', 'doctrine', 'nobody'] as const).map((p) => h('option', { value: p }, say(p))));
        sel.value = s.doctrineSeats.includes(d) ? 'doctrine' : 'nobody';
        players.set(d, sel);
        return h('label', {}, h('span', {}, tr('seat', d)), sel);
      }),
    );
  };
  scenario.addEventListener('change', fill);
  const problem = h('p', { class: 'problem', 'data-testid': 'create-problem', hidden: true });
  const go = h('button', { type: 'button', class: 'primary', 'data-testid': 'create-drill' }, say('go'));
  go.addEventListener('click', async () => {
    problem.hidden = true;
    try {
      const body = {
        scenario: scenario.value,
        seed: Number(seed.value),
        untilSec: Math.round(Number(hours.value) * 3600),
        speed: Number(speed.value),
        paused: paused.checked,
        seats: Object.fromEntries([...players].map(([d, sel]) => [d, sel.value])),
      };
      const created = await api<DrillInfo & { links: Link[] }>('POST', '/api/drills', body);
      await renderSheet(created);
      await renderDrills();
    } catch (err) {
      problem.textContent = say('failed') + (err as Error).message;
      problem.hidden = false;
    }
  });
  fill();
  root.replaceChildren(
    h('h2', {}, say('create')),
    h('div', { class: 'form' }, h('label', {}, say('scenario'), scenario), h('label', {}, say('seed'), seed), h('label', {}, say('hours'), hours), h('label', {}, say('speed'), speed), h('label', {}, paused, say('paused'))),
    seatRows,
    go,
    problem,
  );
}

/** The printable sheet: one card per seat with its link and a QR code for a phone or tablet. */
async function renderSheet(drill: DrillInfo & { links: Link[] }): Promise<void> {
  const root = byId('sheet');
  const cards = await Promise.all(
    drill.links
      .filter((l) => l.seat === 'director' || l.seat === 'evaluator' || l.player !== 'nobody')
      .map(async (l) => {
        const svg = await QRCode.toString(l.url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
        const qr = h('div', { class: 'qr' });
        qr.innerHTML = svg;
        const role = l.seat === 'director' ? say('director') : l.seat === 'evaluator' ? say('evaluator') : say(l.player as Key);
        return h(
          'article',
          { class: 'card', 'data-testid': `link-${l.seat}`, 'data-url': l.url },
          h('h3', {}, tr('seat', l.seat)),
          h('p', { class: 'role' }, role),
          qr,
          h('a', { href: l.url, target: '_blank', rel: 'noopener' }, say('open')),
          h('code', {}, l.url),
        );
      }),
  );
  const print = h('button', { type: 'button', class: 'no-print', 'data-testid': 'print' }, say('print'));
  print.addEventListener('click', () => window.print());
  root.replaceChildren(h('h2', {}, `${say('sheet')} · ${drill.scenario} · ${drill.drill}`), print, h('div', { class: 'cards' }, ...cards));
}

async function renderDrills(): Promise<void> {
  const root = byId('drills');
  const { drills } = await api<{ drills: DrillInfo[] }>('GET', '/api/drills');
  const control = (id: string, body: Record<string, unknown>) => async () => {
    try {
      await api('POST', `/api/drills/${id}/control`, body);
    } catch (err) {
      alert(say('failed') + (err as Error).message);
    }
    await renderDrills();
  };
  const rows = drills
    .slice()
    .reverse()
    .map((d) => {
      const c = d.clock;
      const buttons: HTMLElement[] = [];
      if (c && !c.ended) {
        buttons.push(h('button', { type: 'button', 'data-testid': `toggle-${d.drill}`, onclick: control(d.drill, { action: c.paused ? 'resume' : 'pause' }) }, c.paused ? say('resume') : say('pause')));
        const speed = h('select', { 'data-testid': `speed-${d.drill}` }, ...[1, 10, 60, 120, 300, 600].map((s) => h('option', { value: String(s), selected: s === c.speed }, `${s}×`)));
        speed.addEventListener('change', control(d.drill, { action: 'speed', speed: Number(speed.value) }));
        buttons.push(speed, h('button', { type: 'button', 'data-testid': `end-${d.drill}`, onclick: control(d.drill, { action: 'end' }) }, say('end')));
      }
      const links = h('button', { type: 'button', 'data-testid': `links-${d.drill}` }, say('sheet'));
      links.addEventListener('click', async () => {
        const { links: l } = await api<{ links: Link[] }>('GET', `/api/drills/${d.drill}/links`);
        await renderSheet({ ...d, links: l.map((x) => ({ ...x, player: x.player ?? d.seats?.[x.seat] ?? 'nobody' })) });
      });
      const report = d.status === 'ended' ? h('a', { href: '#', 'data-testid': `report-${d.drill}` }, say('report')) : null;
      report?.addEventListener('click', async (e) => {
        e.preventDefault();
        const text = JSON.stringify(await api('GET', `/api/drills/${d.drill}/report`), null, 1);
        const a = h('a', { href: URL.createObjectURL(new Blob([text], { type: 'application/json' })), download: `report-${d.drill}.json` });
        a.click();
      });
      // The after-action report of an ended drill, in the page's language, made by the server from the stored report.
      const aar = d.status === 'ended' ? h('a', { href: '#', 'data-testid': `aar-${d.drill}` }, say('aar')) : null;
      aar?.addEventListener('click', async (e) => {
        e.preventDefault();
        const lang = getLang() === 'en' ? 'en' : 'zh';
        const res = await fetch(`/api/drills/${d.drill}/aar?lang=${lang}`, { headers: { authorization: `Bearer ${key}` } });
        if (!res.ok) {
          alert(say('failed') + ((await res.json().catch(() => null))?.error ?? `HTTP ${res.status}`));
          return;
        }
        const a = h('a', { href: URL.createObjectURL(new Blob([await res.text()], { type: 'text/html' })), download: `aar-${d.drill}-${lang}.html` });
        a.click();
      });
      return h(
        'tr',
        { 'data-testid': `drill-${d.drill}` },
        h('td', {}, d.drill),
        h('td', {}, d.scenario),
        h('td', {}, String(d.seed)),
        h('td', { 'data-testid': `clock-${d.drill}` }, c ? `${hms(c.tSec)} / ${hms(c.untilSec)} · ${c.ended ? '■' : c.paused ? '⏸' : '▶'} ${c.speed}×` : d.status),
        h('td', {}, ...buttons, links, report, aar),
      );
    });
  root.replaceChildren(h('h2', {}, say('drills')), rows.length ? h('table', {}, h('tbody', {}, ...rows)) : h('p', {}, say('none')));
}

async function main(): Promise<void> {
  const lang = byId<HTMLButtonElement>('lang');
  lang.addEventListener('click', () => {
    setLang(getLang() === 'zh' ? 'en' : 'zh');
    lang.textContent = getLang() === 'zh' ? 'English' : '中文';
    void renderCreate();
    void renderDrills();
  });
  if (!key) {
    const p = byId('key-missing');
    p.textContent = say('noKey');
    p.hidden = false;
    return;
  }
  await renderCreate();
  await renderDrills();
  setInterval(() => void renderDrills().catch(() => undefined), 3000);
}

main().catch((err: unknown) => {
  const p = byId('key-missing');
  p.textContent = say('failed') + String((err as Error)?.message ?? err);
  p.hidden = false;
});
