import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../engine/run.ts';
import { evaluateTargets, rateValue, ratingFromScore, targetsForReport, type ScoredReport } from './evaluate.ts';
import { DEFAULT_SCORING, loadProfile, type IndicatorSpec, type Observation, type TargetProfile } from './profile.ts';

// A hand-made run: 5 samples, 60 s apart, 10 sites.
//   tSec                  0     60    120   180   240
//   populationServedFrac  1.00  0.50  0.50  0.75  1.00
//   sitesOnAir            10    6     6     8     10
//   sitesOutPower         0     3     2     1     0
//   sitesOutTransport     0     0     1     1     0
//   sitesOutDamage        0     1     1     0     0      (total always 10)
//   requestsRaised        0     1     2     2     2      (cumulative)
//   requestsActioned      0     0     1     2     2      (cumulative)
function handReport(): ScoredReport {
  return {
    format: 'drilltwin/report@1',
    engineVersion: '0.1.0',
    scenario: { id: 'hand', name: { zh: '手算情景', en: 'Hand-computed scenario' }, sha256: 'a'.repeat(64) },
    seed: 7,
    start: '2023-12-18T23:59:30+08:00',
    timeZone: 'Asia/Shanghai',
    untilSec: 240,
    commands: [
      { tSec: 60, seat: 'cmcc', type: 'hookGenerator', args: { siteId: 'S1', poolId: 'gp-cmcc' }, result: { ok: true } },
      { tSec: 90, seat: 'cmcc', type: 'hookGenerator', args: { siteId: 'S2', poolId: 'gp-cmcc' }, result: { rejected: 'poolEmpty' } },
      { tSec: 100, seat: 'tower', type: 'hookGenerator', args: { siteId: 'S3', poolId: 'gp-tower' }, result: { ok: true } },
    ],
    finalStateHash: 'f'.repeat(64),
    kpis: {
      intervalSec: 60,
      series: {
        tSec: [0, 60, 120, 180, 240],
        populationServedFrac: [1, 0.5, 0.5, 0.75, 1],
        sitesOnAir: [10, 6, 6, 8, 10],
        sitesOutPower: [0, 3, 2, 1, 0],
        sitesOutTransport: [0, 0, 1, 1, 0],
        sitesOutDamage: [0, 1, 1, 0, 0],
        requestsRaised: [0, 1, 2, 2, 2],
        requestsActioned: [0, 0, 1, 2, 2],
      },
    },
  };
}

const SRC = { doc: 'test', title: 'hand-made', clause: '1' };
const SITES = ['sitesOnAir', 'sitesOutPower', 'sitesOutTransport', 'sitesOutDamage'];

function spec(partial: Partial<IndicatorSpec> & Pick<IndicatorSpec, 'id' | 'group' | 'kpi' | 'unit' | 'direction' | 'thresholds'>): IndicatorSpec {
  return { nameZh: partial.id, nameEn: partial.id, source: SRC, weight: 1, assumption: true, ...partial };
}

function handProfile(): TargetProfile {
  return {
    format: 'drilltwin/targets@1',
    id: 'hand-profile',
    name: { zh: '手算目标', en: 'Hand targets' },
    scoring: DEFAULT_SCORING,
    groups: [
      { id: 'network', nameZh: '网络', nameEn: 'Network', source: SRC },
      { id: 'command', nameZh: '指挥', nameEn: 'Command', source: SRC },
    ],
    indicators: [
      // R: losses 100−Q = 0, 50, 50, 25, 0 %; trapezoids of 60 s:
      // (0+50)/2·60 + (50+50)/2·60 + (50+25)/2·60 + (25+0)/2·60 = 1500 + 3000 + 2250 + 750 = 7500 %·s = 2.08333 %·h.
      // Bands ≤1 / ≤2 / ≤3: 2.083 is M.
      spec({ id: 'resilience', group: 'network', kpi: { series: 'populationServedFrac', reduce: 'resilienceLoss' }, unit: '%·h', direction: 'lowerIsBetter', thresholds: { P: 1, S: 2, M: 3 }, weight: 2, departments: ['cmcc'] }),
      // Lowest served: 0.5 → 50 % at T+60 s; ≥60 / ≥40 / ≥20: S.
      spec({ id: 'servedMin', group: 'network', kpi: { series: 'populationServedFrac', reduce: 'min' }, unit: '%', direction: 'higherIsBetter', thresholds: { P: 60, S: 40, M: 20 }, departments: ['cmcc', 'tower'] }),
      // Peak power share: 3 / 10 = 30 % at T+60 s; ≤10 / ≤20 / ≤40: M.
      spec({ id: 'powerPeak', group: 'network', kpi: { series: 'sitesOutPower', per: SITES, reduce: 'max' }, unit: '%', direction: 'lowerIsBetter', thresholds: { P: 10, S: 20, M: 40 }, departments: ['tower', 'power'] }),
      // Power-out sites at T+150 s: the sample at or before, T+120 s → 2; ≤1 / ≤2 / ≤3: S.
      spec({ id: 'powerAt150', group: 'network', kpi: { series: 'sitesOutPower', reduce: 'valueAt', tSec: 150 }, unit: 'sites', direction: 'lowerIsBetter', thresholds: { P: 1, S: 2, M: 3 } }),
      // Full service again, held to the end: fails at 60–180 s, holds from 240 s → 4 min; ≤2 / ≤5 / ≤10: S.
      spec({ id: 'recovered', group: 'command', kpi: { series: 'populationServedFrac', reduce: 'timeToReach', op: '>=', threshold: 1, sustained: true }, unit: 'min', direction: 'lowerIsBetter', thresholds: { P: 2, S: 5, M: 10 } }),
      // First time at or below half: 60 s = 1 min; ≤1 / ≤2 / ≤3: P.
      spec({ id: 'firstDip', group: 'command', kpi: { series: 'populationServedFrac', reduce: 'timeToReach', op: '<=', threshold: 0.5 }, unit: 'min', direction: 'lowerIsBetter', thresholds: { P: 1, S: 2, M: 3 } }),
      // Waiting requests 0, 1, 1, 0, 0; area (0+1)/2·60 + (1+1)/2·60 + (1+0)/2·60 = 120 s over 2 requests = 60 s = 1 min; ≤2 / ≤5 / ≤10: P.
      spec({ id: 'requestLag', group: 'command', kpi: { series: 'requestsRaised', doneSeries: 'requestsActioned', reduce: 'meanLag' }, unit: 'min', direction: 'lowerIsBetter', thresholds: { P: 2, S: 5, M: 10 }, departments: ['emhq'] }),
      // Not in the report: notMeasured.
      spec({ id: 'townships', group: 'command', kpi: { series: 'townshipsIsolated', reduce: 'timeToReach', op: '<=', threshold: 0, sustained: true }, unit: 'h', direction: 'lowerIsBetter', thresholds: { P: 6, S: 12, M: 24 } }),
      // Never reached, and the run (240 s) outlasted band M (3 min = 180 s): U.
      spec({ id: 'neverFull', group: 'command', kpi: { series: 'sitesOnAir', reduce: 'timeToReach', op: '>=', threshold: 11 }, unit: 'min', direction: 'lowerIsBetter', thresholds: { P: 1, S: 2, M: 3 } }),
    ],
  };
}

function byId(ev: ReturnType<typeof evaluateTargets>, id: string) {
  const r = ev.indicators.find((x) => x.id === id);
  if (!r) throw new Error(`no indicator ${id}`);
  return r;
}

describe('evaluateTargets on a hand-computed report', () => {
  const ev = evaluateTargets(handReport(), handProfile());

  it('computes the loss of resilience by the trapezoidal rule, in %·h', () => {
    const r = byId(ev, 'resilience');
    expect(r.value).toBeCloseTo(7500 / 3600, 6);
    expect(r.measuredRating).toBe('M');
    expect(r.score).toBe(60);
    // mean service over the 240 s window: 100 − 7500 / 240 = 68.75 %
    expect(r.evidence.en).toBe('loss of resilience R = 2.1 %·h over T+0 h 00 min to T+0 h 04 min, mean service 68.8 %');
  });

  it('finds extremes with their time, ratios with their counts, and the sample at or before a time', () => {
    expect(byId(ev, 'servedMin')).toMatchObject({ value: 50, atSec: 60, rating: 'S', score: 80 });
    expect(byId(ev, 'servedMin').evidence.en).toBe('fell to 50.0 % at T+0 h 01 min');
    expect(byId(ev, 'powerPeak')).toMatchObject({ value: 30, atSec: 60, rating: 'M', score: 60 });
    expect(byId(ev, 'powerPeak').evidence.en).toBe('peaked at 30.0 % (3 of 10) at T+0 h 01 min');
    expect(byId(ev, 'powerAt150')).toMatchObject({ value: 2, atSec: 120, rating: 'S' });
  });

  it('times to reach: first crossing, or held to the end when sustained', () => {
    expect(byId(ev, 'recovered')).toMatchObject({ value: 4, atSec: 240, rating: 'S' });
    expect(byId(ev, 'firstDip')).toMatchObject({ value: 1, atSec: 60, rating: 'P' });
  });

  it('mean lag from two cumulative counts', () => {
    expect(byId(ev, 'requestLag')).toMatchObject({ value: 1, rating: 'P', score: 100 });
    expect(byId(ev, 'requestLag').evidence.en).toBe('mean 1 min from request to action; 2 requests');
  });

  it('rates a missing KPI notMeasured with the reason, never a value', () => {
    const r = byId(ev, 'townships');
    expect(r).toMatchObject({ value: null, measuredRating: 'notMeasured', rating: 'notMeasured', score: null });
    expect(r.evidence.en).toBe('"townships without a command link" was not recorded in this run');
    expect(r.evidence.zh).toContain('指挥通信中断的乡镇');
  });

  it('rates a time never reached U when the run outlasted band M', () => {
    const r = byId(ev, 'neverFull');
    expect(r).toMatchObject({ value: null, rating: 'U', score: 30 });
    expect(r.evidence.en).toContain('not reached by T+0 h 04 min');
  });

  it('weights group and overall scores over rated indicators, and rates only a group rated in full', () => {
    // network: (60·2 + 80 + 60 + 80) / 5 = 68 → M (cuts 90 / 70 / 45)
    // command: (80 + 100 + 100 + 30) / 4 = 77.5, but townships is not measured: provisional S, no rating
    // overall: (340 + 310) / 9 = 72.22, provisional S; neither pass nor fail while incomplete
    expect(ev.groups.map((g) => [g.id, g.score, g.rating, g.complete, g.provisionalRating, g.rated])).toEqual([
      ['network', 68, 'M', true, 'M', 4],
      ['command', 77.5, 'notMeasured', false, 'S', 4],
    ]);
    expect(ev.overall).toEqual({
      score: 72.22,
      rating: 'notMeasured',
      complete: false,
      provisionalRating: 'S',
      pass: null,
      measuredIndicators: 8,
      ratedIndicators: 8,
      totalIndicators: 9,
      ratedWeightFrac: 0.9,
    });
  });

  it('lists departments in a fixed order with their commands', () => {
    expect(ev.byDepartment.map((d) => [d.id, d.score, d.commands, d.rejected])).toEqual([
      ['emhq', 100, 0, 0],
      ['cmcc', 66.67, 2, 1], // (60·2 + 80) / 3
      ['tower', 70, 1, 0],
      ['power', 60, 0, 0],
    ]);
  });

  it('gives the compact summary for report.targets', () => {
    const s = targetsForReport(ev);
    expect(s.profile).toEqual({ id: 'hand-profile', name: { zh: '手算目标', en: 'Hand targets' } });
    expect(s.overall).toEqual({ score: 72.22, rating: 'notMeasured', pass: null });
    expect(s.indicators[1]).toEqual({ id: 'servedMin', group: 'network', value: 50, unit: '%', threshold: 60, rating: 'S', score: 80 });
  });

  it('is a pure function: the same inputs give the same evaluation, and inputs are not changed', () => {
    const report = handReport();
    const profile = handProfile();
    const before = JSON.stringify([report, profile]);
    const a = evaluateTargets(report, profile);
    const b = evaluateTargets(handReport(), handProfile());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify([report, profile])).toBe(before);
  });
});

describe('evaluator observations', () => {
  const observations: Observation[] = [
    { tSec: 150, indicatorId: 'powerPeak', rating: 'S', note: 'generators were pre-positioned', by: 'eval-1' },
    { tSec: 50, indicatorId: 'powerPeak', rating: 'U', note: 'first look', by: 'eval-2' },
    { tSec: 200, indicatorId: 'powerPeak', note: 'no further comment', by: 'eval-2' },
    { tSec: 30, indicatorId: 'townships', rating: 'P', note: 'satellite phones in every township', by: 'eval-1' },
    { tSec: 10, note: 'exercise started on time', by: 'lead evaluator' },
    { tSec: 20, indicatorId: 'noSuchIndicator', note: 'typo', by: 'eval-3' },
  ];
  const ev = evaluateTargets(handReport(), handProfile(), observations);

  it('a later manual rating overrides the measured one in the score; both are shown', () => {
    const r = byId(ev, 'powerPeak');
    expect(r.measuredRating).toBe('M');
    expect(r.rating).toBe('S');
    expect(r.score).toBe(80);
    expect(r.manual).toEqual({ rating: 'S', note: 'generators were pre-positioned', by: 'eval-1', tSec: 150 });
    expect(r.observations.map((o) => o.tSec)).toEqual([50, 150, 200]);
  });

  it('a manual rating counts for an indicator the run did not measure', () => {
    const r = byId(ev, 'townships');
    expect(r).toMatchObject({ measuredRating: 'notMeasured', rating: 'P', score: 100, value: null });
  });

  it('recomputes groups and overall with the overrides', () => {
    // network: (120 + 80 + 80 + 80) / 5 = 72 → S; command: (80 + 100 + 100 + 100 + 30) / 5 = 82 → S
    // overall: (360 + 410) / 10 = 77
    expect(ev.groups.map((g) => [g.score, g.rating])).toEqual([
      [72, 'S'],
      [82, 'S'],
    ]);
    expect(ev.overall).toMatchObject({ score: 77, rating: 'S', pass: true, measuredIndicators: 8, ratedIndicators: 9, ratedWeightFrac: 1 });
  });

  it('keeps general notes and flags observations for unknown indicators', () => {
    expect(ev.generalObservations).toEqual([{ tSec: 10, note: 'exercise started on time', by: 'lead evaluator' }]);
    expect(ev.unmatchedObservations.map((o) => o.indicatorId)).toEqual(['noSuchIndicator']);
  });
});

describe('edge cases never crash and never invent a value', () => {
  it('a report with no KPI samples rates everything notMeasured', () => {
    const r = handReport();
    r.kpis.series = { tSec: [] };
    const ev = evaluateTargets(r, handProfile());
    expect(ev.indicators.every((x) => x.rating === 'notMeasured' && x.value === null)).toBe(true);
    expect(ev.overall).toMatchObject({ score: null, rating: 'notMeasured', pass: null });
  });

  it('a series of the wrong length is notMeasured', () => {
    const r = handReport();
    r.kpis.series.sitesOutPower = [0, 1];
    const ev = evaluateTargets(r, handProfile());
    expect(byId(ev, 'powerPeak').rating).toBe('notMeasured');
    expect(byId(ev, 'powerPeak').evidence.en).toContain('2 usable samples for 5 sample times');
  });

  it('a time not reached in a run too short to rate is notMeasured, not U', () => {
    const p = handProfile();
    p.indicators = [spec({ id: 'late', group: 'command', kpi: { series: 'sitesOnAir', reduce: 'timeToReach', op: '>=', threshold: 11 }, unit: 'h', direction: 'lowerIsBetter', thresholds: { P: 1, S: 2, M: 3 } })];
    const r = byId(evaluateTargets(handReport(), p), 'late');
    expect(r.rating).toBe('notMeasured');
    expect(r.evidence.en).toContain('too short to rate');
  });

  it('a window past the end of the run, or valueAt after it, is notMeasured', () => {
    const p = handProfile();
    p.indicators = [
      spec({ id: 'long', group: 'network', kpi: { series: 'populationServedFrac', reduce: 'resilienceLoss', window: { fromSec: 0, toSec: 259200 } }, unit: '%·h', direction: 'lowerIsBetter', thresholds: { P: 1, S: 2, M: 3 } }),
      spec({ id: 'late', group: 'network', kpi: { series: 'sitesOutPower', reduce: 'valueAt', tSec: 3600 }, unit: 'sites', direction: 'lowerIsBetter', thresholds: { P: 1, S: 2, M: 3 } }),
    ];
    const ev = evaluateTargets(handReport(), p);
    expect(byId(ev, 'long')).toMatchObject({ rating: 'notMeasured', value: null });
    expect(byId(ev, 'long').evidence.en).toBe('the run ended at T+0 h 04 min; this indicator needs data up to T+72 h 00 min');
    expect(byId(ev, 'late').rating).toBe('notMeasured');
  });

  it('a window inside the run interpolates its edges', () => {
    const p = handProfile();
    // Window 30–210 s: loss at 30 s = 25, at 210 s = 12.5.
    // (25+50)/2·30 + (50+50)/2·60 + (50+25)/2·60 + (25+12.5)/2·30 = 1125 + 3000 + 2250 + 562.5 = 6937.5 %·s
    p.indicators = [spec({ id: 'mid', group: 'network', kpi: { series: 'populationServedFrac', reduce: 'resilienceLoss', window: { fromSec: 30, toSec: 210 } }, unit: '%·h', direction: 'lowerIsBetter', thresholds: { P: 1, S: 2, M: 3 } })];
    expect(byId(evaluateTargets(handReport(), p), 'mid').value).toBeCloseTo(6937.5 / 3600, 6);
  });

  it('meanLag with no requests is notMeasured (capability not exercised); open requests count to the end', () => {
    const r = handReport();
    r.kpis.series.requestsRaised = [0, 0, 0, 0, 0];
    expect(byId(evaluateTargets(r, handProfile()), 'requestLag').rating).toBe('notMeasured');
    const r2 = handReport();
    r2.kpis.series.requestsActioned = [0, 0, 1, 1, 1];
    // waiting 0, 1, 1, 1, 1: 30 + 60 + 60 + 60 = 210 s / 2 = 105 s = 1.75 min
    const lag = byId(evaluateTargets(r2, handProfile()), 'requestLag');
    expect(lag.value).toBeCloseTo(1.75, 6);
    expect(lag.evidence.en).toContain('1 still open at the end');
  });

  it('a zero denominator skips the sample', () => {
    const r = handReport();
    for (const id of SITES) r.kpis.series[id] = [0, ...r.kpis.series[id].slice(1)];
    expect(byId(evaluateTargets(r, handProfile()), 'powerPeak').value).toBe(30);
  });

  it('an unknown reducer in a hand-built profile is notMeasured', () => {
    const p = handProfile();
    p.indicators = [spec({ id: 'odd', group: 'network', kpi: { series: 'sitesOnAir', reduce: 'median' as never }, unit: 'sites', direction: 'lowerIsBetter', thresholds: { P: 1, S: 2, M: 3 } })];
    expect(byId(evaluateTargets(handReport(), p), 'odd').evidence.en).toBe('unknown reducer "median"');
  });
});

describe('rating helpers', () => {
  it('band limits are inclusive', () => {
    expect(rateValue(60, 'higherIsBetter', { P: 60, S: 40, M: 20 })).toBe('P');
    expect(rateValue(19.99, 'higherIsBetter', { P: 60, S: 40, M: 20 })).toBe('U');
    expect(rateValue(6, 'lowerIsBetter', { P: 6, S: 12, M: 24 })).toBe('P');
    expect(rateValue(24.01, 'lowerIsBetter', { P: 6, S: 12, M: 24 })).toBe('U');
  });
  it('score cuts', () => {
    expect([90, 89.99, 70, 45, 44.99].map((s) => ratingFromScore(s, DEFAULT_SCORING.ratingCuts))).toEqual(['P', 'S', 'S', 'M', 'U']);
  });
});

describe('the shipped 2027 profile on a run with today’s KPIs', () => {
  const text = readFileSync(join(import.meta.dirname, '..', '..', 'scenarios', 'targets', '2027-emergency-comms.json'), 'utf8');
  const loaded = loadProfile(text, '2027-emergency-comms.json');
  if (!loaded.ok) throw new Error('the shipped profile does not load');
  const profile = loaded.profile;

  function longRun(hours: number): ScoredReport {
    const r = handReport();
    const n = hours * 60 + 1;
    const tSec = Array.from({ length: n }, (_, i) => i * 60);
    // Service dips to 40 % for the first 10 hours, then is back.
    const served = tSec.map((t) => (t > 0 && t <= 36_000 ? 0.4 : 1));
    r.untilSec = tSec[n - 1];
    r.kpis.series = {
      tSec,
      populationServedFrac: served,
      sitesOnAir: served.map((q) => (q < 1 ? 120 : 200)),
      sitesOutPower: served.map((q) => (q < 1 ? 60 : 0)),
      sitesOutTransport: served.map((q) => (q < 1 ? 10 : 0)),
      sitesOutDamage: served.map((q) => (q < 1 ? 10 : 0)),
      sitesOnBattery: tSec.map(() => 0),
      sitesOnGenerator: served.map((q) => (q < 1 ? 30 : 0)),
      sitesWithoutMains: served.map((q) => (q < 1 ? 100 : 0)),
      substationsOut: tSec.map(() => 0),
      feedersDown: tSec.map(() => 0),
    };
    return r;
  }

  it('measures what today’s KPIs allow and marks the rest notMeasured', () => {
    const ev = evaluateTargets(longRun(72), profile);
    const measured = ev.indicators.filter((r) => r.measuredRating !== 'notMeasured').map((r) => r.id);
    expect(measured).toEqual([
      'generatorBridgeShare6h',
      'priorityPowerToSites',
      'populationServedMin',
      'resilienceLoss72h',
      'sitesOutPowerPeakShare',
      'sitesOutTransportPeakShare',
      'sitesOutDamagePeakShare',
      'sitesOutPowerAt8h',
    ]);
    // 60 % loss for 10 h = 600 %·h (the ramps at T0 and T+10 h add 0.5 min each side: ±0.5 %·h)
    expect(byId(ev, 'resilienceLoss72h').value).toBeCloseTo(600, 0);
    expect(byId(ev, 'resilienceLoss72h').rating).toBe('P');
    expect(byId(ev, 'populationServedMin')).toMatchObject({ value: 40, rating: 'S' });
    expect(byId(ev, 'generatorBridgeShare6h')).toMatchObject({ value: 30, rating: 'M' }); // 30 of 100 sites without mains
    // ≤ 20 % of sites without mains from T+10 h 01 min on
    expect(byId(ev, 'priorityPowerToSites').value).toBeCloseTo(10 + 1 / 60, 5);
    expect(byId(ev, 'priorityPowerToSites').rating).toBe('P');
    // Ten indicators need data the run does not record: the whole is provisional, not rated.
    expect(ev.overall.rating).toBe('notMeasured');
    expect(ev.overall.provisionalRating).not.toBe('notMeasured');
  });

  it('a 24-hour run cannot rate the 72-hour indicators', () => {
    const ev = evaluateTargets(longRun(24), profile);
    expect(byId(ev, 'resilienceLoss72h').rating).toBe('notMeasured');
    expect(byId(ev, 'resilienceLoss72h').evidence.zh).toContain('T+72小时00分');
  });
});

it('the engine’s Report is a ScoredReport', () => {
  const assign = (r: Report): ScoredReport => r;
  expect(typeof assign).toBe('function');
});
