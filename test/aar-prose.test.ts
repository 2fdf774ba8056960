// The after-action report is read by people: its prose never shows an
// internal id (every id of the scenario, the profile and the KPI tables is
// looked for), never cites "seed 000"-style files or the shared folder, keeps
// what people did apart from what the doctrine did, does not rate a group on
// part of its evidence, and speaks English throughout in English (Chinese
// only inside the titles and clauses of the Chinese documents it cites).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../src/model/commands.ts';
import { runScenario, type Report } from '../src/engine/run.ts';
import { renderAarHtml } from '../src/scoring/aar-html.ts';
import { evaluateTargets, type Evaluation } from '../src/scoring/evaluate.ts';
import { KPI_NAMES } from '../src/scoring/i18n.ts';
import { nameBook } from '../src/scoring/names.ts';
import { loadProfile, type TargetProfile } from '../src/scoring/profile.ts';
import type { World } from '../src/model/world.ts';
import { JISHISHAN, loadWorld, ROOT } from './helpers.ts';

/** The page's visible text: no style block, no SVG markup, no tags, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, (svg) => svg.replace(/<[^>]+>/g, ' '))
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function everyId(world: World, profile: TargetProfile): string[] {
  const ids = new Set<string>([
    world.scenarioId,
    profile.id,
    ...profile.indicators.map((i) => i.id),
    ...profile.groups.map((g) => g.id),
    ...Object.keys(KPI_NAMES).filter((k) => k !== 'tSec'),
    ...world.townships.ids,
    ...world.population.ids,
    ...world.sites.ids,
    ...world.substations.ids,
    ...world.feeders.ids,
    ...world.roads.ids,
    ...world.bases.ids,
    ...world.landingZones.ids,
    ...world.shelters.ids,
    ...world.earthquakes.map((q) => q.id),
    ...world.floods.map((f) => f.id),
    ...world.generatorPools.map((p) => p.id),
    ...world.teams.map((t) => t.id),
    ...world.uavs.map((u) => u.id),
    ...world.helicopters.map((h) => h.id),
    ...world.msel.map((m) => m.id),
  ]);
  // A plain lowercase word ("command", "coordination") is English as much as an id: only id-like tokens are looked for.
  return [...ids].filter((id) => /[-_.0-9A-Z]/.test(id));
}

function idsIn(text: string, ids: string[]): string[] {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return ids.filter((id) => new RegExp(`(?<![A-Za-z0-9_-])${escape(id)}(?![A-Za-z0-9_-])`).test(text));
}

describe('the after-action report of a Jishishan drill, in both languages', () => {
  let world: World;
  let profile: TargetProfile;
  let report: Report;
  let ev: Evaluation;
  const html: Record<'zh' | 'en', string> = { zh: '', en: '' };

  beforeAll(() => {
    world = loadWorld(JISHISHAN);
    const path = join(ROOT, 'scenarios', 'targets', '2027-emergency-comms.json');
    const loaded = loadProfile(readFileSync(path, 'utf8'), path);
    if (!loaded.ok) throw new Error('profile');
    profile = loaded.profile;
    // A person plays China Mobile (with a refused command among theirs); the doctrine plays the rest.
    const team = world.teams.find((t) => t.org === 'cmcc' && t.activeAtStart)!;
    const commands: Command[] = [
      { tSec: 600, seat: 'cmcc', type: 'hookGenerator', args: { siteId: world.sites.ids[0], poolId: 'gp-cmcc' } },
      { tSec: 900, seat: 'cmcc', type: 'assignTask', args: { teamId: team.id, task: 'inspectSite', targetId: world.sites.ids[1] } },
      { tSec: 1200, seat: 'cmcc', type: 'activateTeam', args: { teamId: 'tm-cmcc-gansu-em' } },
      { tSec: 1500, seat: 'emhq', type: 'deployUav', args: { uavId: world.uavs[0].id, townshipId: world.townships.ids[0] } },
      { tSec: 1800, seat: 'cmcc', type: 'requestSupport', args: { kind: 'roadClearance', townshipId: world.townships.ids[1], note: 'G310 blocked' } },
    ];
    const doctrineSeats = world.settings.doctrineSeats.filter((s) => s !== 'cmcc');
    report = runScenario(world, { seed: 7, untilSec: 12 * 3600, commands, doctrineSeats }).report;
    ev = evaluateTargets(report, profile, [
      { tSec: 3600, indicatorId: 'requestToActionTime', rating: 'S', note: 'roads asked for within the hour', by: 'Evaluator Li' },
      { tSec: 4000, note: 'the control cell kept time', by: 'Evaluator Wang' },
    ]);
    const names = nameBook(world);
    html.zh = renderAarHtml(report, ev, { lang: 'zh', names });
    html.en = renderAarHtml(report, ev, { lang: 'en', names });
  }, 120_000);

  it('shows no internal id in its prose', () => {
    const ids = everyId(world, profile);
    expect(ids.length).toBeGreaterThan(500);
    for (const lang of ['zh', 'en'] as const) expect(idsIn(visibleText(html[lang]), ids), lang).toEqual([]);
  });

  it('cites documents, never "seed 000"-style files or the shared folder', () => {
    for (const lang of ['zh', 'en'] as const) {
      const text = visibleText(html[lang]);
      expect(text).not.toMatch(/seed\s*0\d\d|shared\/|\.md\b/i);
      expect(text).toContain('《关于加强极端场景应急通信能力建设的意见》');
      expect(text).toContain('工信部联信管〔2024〕256号');
    }
  });

  it("tells people's commands from the doctrine's, in the participants, organisations and timeline", () => {
    const people = report.commands.filter((c) => c.by !== 'doctrine');
    const doctrine = report.commands.filter((c) => c.by === 'doctrine');
    expect(people.length).toBe(5);
    expect(doctrine.length).toBeGreaterThan(20);
    const en = visibleText(html.en);
    expect(en).toMatch(new RegExp(`Players\\s*:\\s*Emergency-management HQ \\(1 command(, 1 refused)?\\); China Mobile \\(4 commands`));
    expect(en).toContain(`playing Emergency-management HQ, China Unicom`);
    expect(en).toContain(`: ${doctrine.length} commands`);
    const zh = visibleText(html.zh);
    expect(zh).toContain(`${doctrine.length}条指令`);
    expect(zh).toContain('条令自动响应');
    // Organisations: China Mobile's column of people's commands holds its 4, its doctrine column 0.
    const cmcc = ev.byDepartment.find((d) => d.id === 'cmcc')!;
    expect([cmcc.commands, cmcc.doctrineCommands]).toEqual([4, 0]);
    const cucc = ev.byDepartment.find((d) => d.id === 'cucc')!;
    expect(cucc.commands).toBe(0);
    expect(cucc.doctrineCommands).toBe(doctrine.filter((c) => c.seat === 'cucc').length);
    // Timeline rows carry who gave them, for the filter.
    expect((html.en.match(/<tr class="by-doctrine">/g) ?? []).length).toBe(doctrine.length);
    expect((html.en.match(/<tr class="by-people">/g) ?? []).length).toBe(people.length);
    expect(html.en).toContain('#tlf-people:checked ~ table.tl tr.by-doctrine { display: none; }');
  });

  it('names things in the timeline: teams, UAVs, sites, townships, injects', () => {
    const en = visibleText(html.en);
    // The scenario's English names where it gives them; composed names for sites and roads.
    expect(en).toContain('China Mobile Gansu emergency communication support team');
    expect(en).toMatch(/Wing Loong-2H emergency UAV \(Zigong, Sichuan\) → \S+/);
    expect(en).toMatch(/site \d+ \((Mobile|Unicom|Telecom)/);
    expect(en).toContain('inject 1');
    expect(visibleText(html.zh)).toContain('中国移动甘肃公司应急通信保障队');
  });

  it('gives an incomplete group no rating and says so', () => {
    const incomplete = ev.groups.filter((g) => !g.complete);
    expect(incomplete.length).toBeGreaterThan(0);
    for (const g of incomplete) expect(g.rating).toBe('notMeasured');
    expect(ev.overall.complete).toBe(false);
    expect(ev.overall.pass).toBeNull();
    expect(visibleText(html.en)).toContain('Not rated: incomplete');
    expect(visibleText(html.zh)).toContain('未完整评定');
  });

  it('speaks English in English: Chinese only in the titles and clauses of cited Chinese documents', () => {
    const en = visibleText(
      html.en
        .replace(/<small>[^<]*Source[\s\S]*?<\/small>/g, ' ')
        .replace(/<ul class="sources[\s\S]*?<\/ul>/g, ' '),
    );
    const cjk = en.match(/[^\n]{0,30}[\u3000-\u303f\u3400-\u9fff\uff00-\uffef][^\n]{0,30}/g) ?? [];
    expect(cjk).toEqual([]);
  });
});

describe('the after-action report of a directed drill: injects, expected actions, evaluators', () => {
  it('tells what the control cell did, which expected actions were met or missed and which contingency fired, with the evaluators’ notes, in names', () => {
    const base = loadWorld(JISHISHAN);
    const path = join(ROOT, 'scenarios', 'targets', '2027-emergency-comms.json');
    const loaded = loadProfile(readFileSync(path, 'utf8'), path);
    if (!loaded.ok) throw new Error('profile');
    const text = (zh: string, en: string) => ({ zh, en });
    // The shipped MSEL with two expected actions and their contingencies.
    const msel = base.msel.map((inj) => {
      if (inj.id === 'inj-002-alarms-cmcc') return { ...inj, expect: { id: 'exp-cmcc-generator', seat: 'cmcc', command: 'hookGenerator', withinSec: 3600, contingency: 'inj-c1', text: text('移动调派发电机', 'China Mobile sends a generator') } };
      if (inj.id === 'inj-001-quake-report') return { ...inj, expect: { id: 'exp-emhq-uav', seat: 'emhq', command: 'deployUav', withinSec: 1800, contingency: 'inj-c2', text: text('指挥部派出无人机', 'The HQ deploys a UAV') } };
      return inj;
    });
    msel.push({ id: 'inj-c1', tSec: 0, to: 'cmcc', text: text('催报发电机', 'Where is the generator?') }, { id: 'inj-c2', tSec: 0, to: 'emhq', text: text('省厅询问无人机', 'The province asks about UAVs') });
    const world = { ...base, msel } as World;
    const site = world.sites.ids.findIndex((_, i) => world.sites.operatorMask[i] & 1 && world.sites.generatorFuelHours[i] === 0);
    const commands: Command[] = [
      { tSec: 60, seat: 'director', type: 'holdInject', args: { injectId: 'inj-004-flowslide-zhongchuan' } },
      { tSec: 700, seat: 'cmcc', type: 'hookGenerator', args: { siteId: world.sites.ids[site], poolId: 'gp-cmcc' } },
      { tSec: 900, seat: 'director', type: 'authorInject', args: { kind: 'aftershock', magnitude: 5.5, at: [102.8, 35.72], to: 'emhq', text: '积石山县发生5.5级余震' } },
      { tSec: 1000, seat: 'director', type: 'setStopTime', args: { atSec: 7200 } },
      { tSec: 1200, seat: 'evaluator', type: 'recordObservation', args: { text: 'generator order given within minutes', injectId: 'inj-002-alarms-cmcc' } },
      { tSec: 1300, seat: 'evaluator', type: 'rateIndicator', args: { indicator: 'requestToActionTime', rating: 'S', reason: 'roads asked for late' } },
    ];
    const report = runScenario(world, { seed: 7, untilSec: 7200, commands, doctrineSeats: world.settings.doctrineSeats.filter((s) => s !== 'cmcc' && s !== 'emhq') }).report;
    const ev = evaluateTargets(report, loaded.profile);
    const names = nameBook(world);
    for (const lang of ['zh', 'en'] as const) {
      const html = renderAarHtml(report, ev, { lang, names });
      const visible = visibleText(html);
      expect(idsIn(visible, [...everyId(world, loaded.profile), 'adhoc-1', 'exp-cmcc-generator', 'exp-emhq-uav']), lang).toEqual([]);
      const section = visibleText(html.slice(html.indexOf('<section class="exercise">'), html.indexOf('</section>', html.indexOf('<section class="exercise">'))));
      if (lang === 'en') {
        expect(section).toContain('Stop at: T+2 h 00 min');
        expect(section).toMatch(/inject 8\s+Emergency-management HQ[^]*Held/);
        expect(section).toMatch(/ad-hoc inject 1\s+ad hoc\s+Emergency-management HQ\s+Aftershock, Ms 5\.5, 35\.720°N 102\.800°E/);
        expect(section).toMatch(/China Mobile sends a generator\s+T\+1 h 10 min\s+Met\s+T\+0 h 12 min\s+inject 10: Cancelled/);
        expect(section).toMatch(/The HQ deploys a UAV\s+T\+0 h 30 min\s+Missed\s+inject 11: Delivered/);
        expect(section).toContain('Evaluators: generator order given within minutes');
        expect(visible).toContain('Evaluators rated it S: roads asked for late');
      } else {
        expect(section).toContain('演练结束时间：T+2小时00分');
        expect(section).toContain('暂缓');
        expect(section).toContain('临机注入1');
        expect(section).toContain('按时完成');
        expect(section).toContain('未完成');
      }
    }
  });
});
