import { describe, expect, it } from 'vitest';
import { renderAarHtml } from './aar-html.ts';
import { evaluateTargets, type ScoredReport } from './evaluate.ts';
import { REASON_CODES } from './i18n.ts';
import { DEFAULT_SCORING, type IndicatorSpec, type TargetProfile } from './profile.ts';

// A short run (5 samples, 60 s apart) with two commands, one refused, an inject and a warning.
function report(): ScoredReport {
  return {
    format: 'drilltwin/report@1',
    engineVersion: '0.1.0',
    scenario: { id: 'hand', name: { zh: '手算情景 <测试>', en: 'Hand scenario <test>' }, sha256: 'ab'.repeat(32) },
    seed: 7,
    start: '2023-12-18T23:59:30+08:00',
    timeZone: 'Asia/Shanghai',
    untilSec: 240,
    commands: [
      { tSec: 60, seat: 'cmcc', type: 'hookGenerator', args: { siteId: 'S1', poolId: 'gp-cmcc' }, result: { ok: true } },
      { tSec: 90, seat: 'cmcc', type: 'hookGenerator', args: { siteId: 'S2', poolId: 'gp-cmcc' }, result: { rejected: 'poolEmpty' } },
    ],
    finalStateHash: 'cd'.repeat(32),
    kpis: {
      intervalSec: 60,
      series: {
        tSec: [0, 60, 120, 180, 240],
        populationServedFrac: [1, 0.5, 0.5, 0.75, 1],
        sitesOnAir: [10, 6, 6, 8, 10],
        sitesOutPower: [0, 3, 2, 1, 0],
        sitesOutTransport: [0, 0, 1, 1, 0],
        sitesOutDamage: [0, 1, 1, 0, 0],
      },
    },
    hazards: [{ id: 'mainshock', type: 'earthquake', tSec: 0, epicenter: [102.79, 35.7], magnitude: 6.2, magnitudeType: 'Ms', areasKm2: { '6': 8258.5, '7': 1842.5, '8': 330 } }],
    aftershocks: [{ quake: 'mainshock', tSec: 5, ms: 3.5 }],
    msel: [{ id: 'inj-001', tSec: 0, to: 'emhq', text: { zh: '地震发生，请启动应急响应。', en: 'An earthquake struck; activate the response.' } }],
    warnings: [
      { id: 'w1', sentAtSec: 120, deliveredAtSec: 125, seat: 'emhq', severity: 'Severe', event: 'Aftershock', headline: '余震预警', areaNames: ['柳沟乡'], targetPeople: 1000, reachedPeople: 800 },
    ],
  };
}

const SRC = { doc: '工信部联信管〔2024〕256号', title: '《关于加强极端场景应急通信能力建设的意见》（工业和信息化部等14部门，工信部联信管〔2024〕256号，2024年12月31日）', clause: '四、（十）' };
function ind(p: Partial<IndicatorSpec> & Pick<IndicatorSpec, 'id' | 'kpi' | 'unit' | 'direction' | 'thresholds'>): IndicatorSpec {
  return { group: 'network', nameZh: `指标${p.id}`, nameEn: `Indicator ${p.id}`, source: SRC, weight: 1, assumption: false, ...p };
}
function profile(): TargetProfile {
  return {
    format: 'drilltwin/targets@1',
    id: 'hand-profile',
    name: { zh: '手算目标', en: 'Hand targets' },
    scoring: DEFAULT_SCORING,
    groups: [{ id: 'network', nameZh: '网络韧性', nameEn: 'Network resilience', source: SRC }],
    indicators: [
      ind({ id: 'servedMin', nameEn: 'Population with service, lowest', kpi: { series: 'populationServedFrac', reduce: 'min' }, unit: '%', direction: 'higherIsBetter', thresholds: { P: 60, S: 40, M: 20 }, assumption: true, note: 'ours' }),
      ind({ id: 'resilience', kpi: { series: 'populationServedFrac', reduce: 'resilienceLoss' }, unit: '%·h', direction: 'lowerIsBetter', thresholds: { P: 5, S: 10, M: 20 } }),
      ind({ id: 'townships', kpi: { series: 'townshipsIsolated', reduce: 'timeToReach', op: '<=', threshold: 0, sustained: true }, unit: 'h', direction: 'lowerIsBetter', thresholds: { P: 6, S: 12, M: 24 } }),
    ],
  };
}

const ev = evaluateTargets(report(), profile(), [
  { tSec: 200, indicatorId: 'resilience', rating: 'S', note: 'backup routes <held>', by: 'eval-1' },
  { tSec: 30, note: 'drill started on time', by: 'lead' },
]);
const zh = renderAarHtml(report(), ev, { lang: 'zh' });
const en = renderAarHtml(report(), ev, { lang: 'en' });

describe('renderAarHtml', () => {
  it('is a complete page in both languages', () => {
    for (const [html, lang] of [
      [zh, 'zh-CN'],
      [en, 'en'],
    ]) {
      expect(html.startsWith('<!DOCTYPE html>\n<html lang="' + lang + '">')).toBe(true);
      expect(html.trimEnd().endsWith('</html>')).toBe(true);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain('@page { size: A4;');
    }
  });

  it('makes no requests: no URLs but the SVG namespace, no scripts, links, imports or url()', () => {
    for (const html of [zh, en]) {
      const rest = html.split('xmlns="http://www.w3.org/2000/svg"').join('');
      expect(rest).not.toMatch(/https?:\/\//);
      expect(rest).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=/i);
    }
  });

  it('has one capability-table row per indicator, with target, value, rating and source', () => {
    for (const id of ['servedMin', 'resilience', 'townships']) {
      expect(zh).toContain(`<tr id="ind-${id}">`);
      expect(en).toContain(`<tr id="ind-${id}">`);
    }
    const row = en.slice(en.indexOf('<tr id="ind-servedMin">'), en.indexOf('</tr>', en.indexOf('<tr id="ind-servedMin">')));
    expect(row).toContain('Population with service, lowest');
    expect(row).toContain('≥ 60 %');
    expect(row).toContain('50.0 %');
    expect(row).toContain('Performed with some challenges');
    expect(row).toContain('fell to 50.0 % at T+0 h 01 min');
    expect(row).toContain('四、（十）');
    expect(row).toContain('class="assume"');
    expect(zh).toContain('有一定挑战完成');
  });

  it('cites each source by title and document number, in the row and in the list of sources', () => {
    const row = (html: string) => html.slice(html.indexOf('<tr id="ind-servedMin">'), html.indexOf('</tr>', html.indexOf('<tr id="ind-servedMin">')));
    expect(row(en)).toContain('《关于加强极端场景应急通信能力建设的意见》 (工信部联信管〔2024〕256号) 四、（十）');
    expect(row(zh)).toContain('《关于加强极端场景应急通信能力建设的意见》（工信部联信管〔2024〕256号） 四、（十）');
    // The full title already carries the number and date: listed once, as published.
    expect(en).toContain('<li>《关于加强极端场景应急通信能力建设的意见》（工业和信息化部等14部门，工信部联信管〔2024〕256号，2024年12月31日）</li>');
    // A document without a number is cited by its title alone, not twice.
    const noNumber = { doc: '上海市应急救援体系建设“十四五”规划', title: '《上海市应急救援体系建设“十四五”规划》（上海市安全生产委员会，2021年9月17日）', clause: '三、（五）1' };
    const p = profile();
    p.indicators = p.indicators.map((i) => ({ ...i, source: noNumber }));
    const html = renderAarHtml(report(), evaluateTargets(report(), p, []), { lang: 'en' });
    expect(row(html)).toContain('《上海市应急救援体系建设“十四五”规划》 三、（五）1');
    expect(html).toContain('<li>《上海市应急救援体系建设“十四五”规划》（上海市安全生产委员会，2021年9月17日）</li>');
    for (const h of [en, zh, html]) expect(h).not.toMatch(/seed 0|\.md\b/);
  });

  it('shows a manual rating beside the measured one, with the evaluator’s note escaped', () => {
    const row = en.slice(en.indexOf('<tr id="ind-resilience">'), en.indexOf('</tr>', en.indexOf('<tr id="ind-resilience">')));
    expect(row).toContain('evaluator rating');
    expect(row).toContain('measured rating');
    expect(row).toContain('backup routes &lt;held&gt;');
    expect(en).toContain('drill started on time');
  });

  it('draws the charts it has data for and says which it has not', () => {
    expect((zh.match(/<svg /g) ?? []).length).toBe(2);
    expect(zh).toContain('本次推演未测量该指标（指挥通信中断的乡镇）');
    expect(en).toContain('Not measured in this run (UAV coverage area)');
    expect(en).toContain('<polygon points="58.0,14.0');
  });

  it('lists injects, warnings and commands in time order, with refusals translated', () => {
    const at = ['inject 1', '→ S1', '→ S2', 'Warning 1'].map((s) => en.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(zh).toContain(REASON_CODES.poolEmpty.zh);
    expect(en).toContain(REASON_CODES.poolEmpty.en);
    expect(en).not.toContain('poolEmpty');
    expect(en).toContain('reached 800 / 1,000 (80.0 %)');
    expect(zh).toContain('12-19 00:00'); // T+60 s after 23:59:30 → 00:00:30
  });

  it('describes the exercise: hazards, aftershocks and participants', () => {
    expect(en).toContain('Ms 6.2 earthquake at T+0 h 00 min, epicentre 35.70°N 102.79°E; intensity VI+ over 8,259 km², maximum VIII (330 km²)');
    expect(zh).toContain('T+0小时00分 Ms 6.2级地震，震中北纬35.70°、东经102.79°；VI度及以上面积 8,259 平方千米，最高 VIII 度（330 平方千米）');
    expect(en).toContain('1 aftershocks drawn for this seed, largest Ms 3.5');
    expect(en).toContain('China Mobile (2 commands, 1 refused)');
    expect(zh).toContain('中国移动（2条指令，1条被拒绝）');
  });

  it('derives strengths and areas for improvement from the data', () => {
    const afi = en.slice(en.indexOf('Areas for improvement'));
    expect(afi).toContain('Population with service, lowest</strong>: fell to 50.0 % at T+0 h 01 min; target ≥ 60 %.');
    expect(zh).toContain('存在问题与改进方向');
  });

  it('leaves the improvement plan for the evaluators to fill in', () => {
    const ip = en.slice(en.indexOf('6. Improvement plan'));
    for (const h of ['Corrective action', 'Capability', 'Responsible organisation', 'Due date']) expect(ip).toContain(h);
    expect((ip.match(/<td class="fill"><\/td>/g) ?? []).length).toBeGreaterThanOrEqual(12);
  });

  it('escapes text from the report and prints the provenance footer', () => {
    expect(en).toContain('Hand scenario &lt;test&gt;');
    expect(en).not.toContain('<test>');
    expect(en).toContain('ab'.repeat(32));
    expect(en).toContain('cd'.repeat(32));
    expect(en).toContain('Engine version');
    expect(zh).toContain('最终状态哈希');
  });

  it('is deterministic', () => {
    expect(renderAarHtml(report(), ev, { lang: 'zh' })).toBe(zh);
  });

  it('renders a report with no KPI samples and no commands without failing', () => {
    const r = report();
    r.kpis.series = { tSec: [] };
    r.commands = [];
    delete r.hazards;
    delete r.msel;
    delete r.warnings;
    const html = renderAarHtml(r, evaluateTargets(r, profile()), { lang: 'en' });
    expect(html).toContain('No seat issued commands');
    expect(html).toContain('Hazard parameters are not recorded in the report');
    expect(html).not.toContain('<svg ');
  });
});
