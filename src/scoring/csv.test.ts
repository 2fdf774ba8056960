import { describe, expect, it } from 'vitest';
import { csvCell, seriesToCsv } from './csv.ts';
import { evaluateTargets, targetsForReport, type ScoredReport } from './evaluate.ts';
import { DEFAULT_SCORING, type TargetProfile } from './profile.ts';

function report(): ScoredReport {
  return {
    format: 'drilltwin/report@1',
    engineVersion: '0.1.0',
    scenario: { id: 'hand', name: { zh: '手算' }, sha256: '0'.repeat(64) },
    seed: 1,
    start: '2023-12-18T23:59:30+08:00',
    timeZone: 'Asia/Shanghai',
    untilSec: 120,
    commands: [
      { tSec: 60, seat: 'cmcc', type: 'hookGenerator', args: { siteId: 'S1', poolId: 'gp' }, result: { ok: true } },
      { tSec: 90, seat: 'cucc', type: 'hookGenerator', args: { siteId: 'S2', poolId: 'gp' }, result: { rejected: 'notPermitted' } },
    ],
    finalStateHash: '1'.repeat(64),
    kpis: { intervalSec: 60, series: { tSec: [0, 60, 120], zExtra: [1, 2, 3], sitesOnAir: [10, 8, 9], populationServedFrac: [1, 0.5, 0.75] } },
  };
}

const profile: TargetProfile = {
  format: 'drilltwin/targets@1',
  id: 'p',
  name: { zh: '目标', en: 'Targets' },
  scoring: DEFAULT_SCORING,
  groups: [{ id: 'g', nameZh: '组', nameEn: 'Group', source: { doc: 'd', title: 't', clause: 'c' } }],
  indicators: [
    {
      id: 'servedMin', group: 'g', nameZh: '最低, "服务"', nameEn: 'Lowest', source: { doc: 'd', title: 't', clause: 'c' },
      kpi: { series: 'populationServedFrac', reduce: 'min' }, unit: '%', direction: 'higherIsBetter', thresholds: { P: 60, S: 40, M: 20 }, weight: 1, assumption: true,
    },
  ],
};

describe('seriesToCsv', () => {
  const ev = evaluateTargets(report(), profile);
  const files = seriesToCsv(report(), ev);

  it('writes the KPI series one row per sample, declared KPIs first', () => {
    expect(files['kpis.csv']).toBe('tSec,populationServedFrac,sitesOnAir,zExtra\r\n0,1,10,1\r\n60,0.5,8,2\r\n120,0.75,9,3\r\n');
  });

  it('writes the command log with clock times and reason codes, for Excel (BOM, CRLF)', () => {
    expect(files['commands.csv']).toBe(
      '\uFEFFtSec,clock,seat,type,args,result,reason\r\n' +
        '60,12-19 00:00,cmcc,hookGenerator,"{""siteId"":""S1"",""poolId"":""gp""}",ok,\r\n' +
        '90,12-19 00:01,cucc,hookGenerator,"{""siteId"":""S2"",""poolId"":""gp""}",rejected,notPermitted\r\n',
    );
  });

  it('writes the indicators from the evaluation, quoting what needs it', () => {
    const lines = files['indicators.csv'].split('\r\n');
    expect(lines[0].startsWith('\uFEFFid,group,nameZh,nameEn,value,unit')).toBe(true);
    expect(lines[1].startsWith('servedMin,g,"最低, ""服务""",Lowest,50,%,higherIsBetter,60,40,20,S,S,80,1,60,true,')).toBe(true);
  });

  it('falls back to report.targets when no evaluation is given', () => {
    const r = report();
    r.targets = targetsForReport(ev);
    expect(seriesToCsv(r)['indicators.csv']).toBe('\uFEFFid,group,value,unit,threshold,rating,score\r\nservedMin,g,50,%,60,S,80\r\n');
    expect(seriesToCsv(report())['indicators.csv']).toBe('\uFEFFid,group,value,unit,threshold,rating,score\r\n');
  });

  it('quotes cells per RFC 4180', () => {
    expect([csvCell('a,b'), csvCell('say "hi"'), csvCell('two\nlines'), csvCell(' pad'), csvCell(null), csvCell(1.5)]).toEqual(['"a,b"', '"say ""hi"""', '"two\nlines"', '" pad"', '', '1.5']);
  });
});

describe('csvCell against formula injection', () => {
  it('keeps a text that a spreadsheet would run as a formula as text; numbers stay numbers', () => {
    expect([csvCell('=HYPERLINK("http://x","y")'), csvCell('+1'), csvCell('-cmd'), csvCell('@SUM(A1)'), csvCell('\tx'), csvCell(-1), csvCell('a=b')]).toEqual([
      `"'=HYPERLINK(""http://x"",""y"")"`,
      "'+1",
      "'-cmd",
      "'@SUM(A1)",
      "'\tx",
      '-1',
      'a=b',
    ]);
  });
});
