import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../scenario/problems.ts';
import { checkProfileSemantics, loadObservations, loadProfile, REDUCERS, TARGETS_SCHEMA, validateProfile, type TargetProfile } from './profile.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FILE = 'scenarios/targets/2027-emergency-comms.json';
const TEXT = readFileSync(join(ROOT, FILE), 'utf8');

function shipped(): TargetProfile {
  return JSON.parse(TEXT);
}

function messages(value: unknown): string[] {
  const r = validateProfile(value, FILE);
  return r.ok ? [] : r.problems.map(formatProblem);
}

describe('the shipped 2027 profile', () => {
  const result = loadProfile(TEXT, FILE);

  it('validates', () => {
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });

  it('has the four 2027 goal groups, each with indicators', () => {
    const p = shipped();
    expect(p.groups.map((g) => g.id)).toEqual(['techEquipment', 'coordination', 'network', 'command']);
    for (const g of p.groups) expect(p.indicators.filter((i) => i.group === g.id).length).toBeGreaterThan(0);
  });

  it('covers the indicators of the 2027 capability profile', () => {
    const byKpi = (series: string, reduce?: string) =>
      shipped().indicators.some((i) => [i.kpi.series].flat().includes(series) && (reduce === undefined || i.kpi.reduce === reduce));
    expect(byKpi('townshipsIsolated', 'timeToReach')).toBe(true);
    expect(byKpi('populationServedFrac', 'resilienceLoss')).toBe(true);
    expect(byKpi('populationServedFrac', 'min')).toBe(true);
    for (const cause of ['sitesOutPower', 'sitesOutTransport', 'sitesOutDamage']) expect(byKpi(cause, 'max')).toBe(true);
    expect(byKpi('superSitesOnAirFrac')).toBe(true);
    expect(byKpi('warningsSent', 'timeToReach')).toBe(true);
    expect(byKpi('warningReachedFrac')).toBe(true);
    expect(byKpi('uavRequests', 'meanLag')).toBe(true);
    expect(byKpi('uavCoverageKm2')).toBe(true);
    expect(byKpi('teamsDeployed', 'timeToReach')).toBe(true);
    expect(byKpi('crossRegionalTeamsArrived', 'timeToReach')).toBe(true);
    expect(byKpi('sitesWithoutMains')).toBe(true);
    expect(byKpi('requestsRaised', 'meanLag')).toBe(true);
  });

  it('cites the documents’ numbers where they exist', () => {
    const p = shipped();
    const get = (id: string) => p.indicators.find((i) => i.id === id)!;
    expect(get('warningReachedShare')).toMatchObject({ thresholds: { P: 90 }, assumption: false, source: { doc: '上海市应急救援体系建设“十四五”规划' } });
    expect(get('warningReachedShare').source.quote).toContain('90%');
    expect(get('uavOnStationTime')).toMatchObject({ unit: 'h', thresholds: { P: 2 }, assumption: false, source: { doc: '上海市应急救援体系建设“十四五”规划' } });
    expect(get('townshipsLinkedTime').thresholds.P).toBe(6);
    expect(get('townshipsLinkedTime').note).toContain('京政办发〔2016〕18号');
    expect(get('sitesOutPowerAt8h').source.quote).toContain('8小时');
    expect(get('superSitesSurviving72h').kpi.window).toEqual({ fromSec: 0, toSec: 259200 });
    // Every indicator without a published target says so and explains.
    for (const i of p.indicators) if (i.assumption) expect(i.note, i.id).toBeTruthy();
  });

  it('names every source with a title and clause', () => {
    for (const i of shipped().indicators) {
      expect(i.source.title.length, i.id).toBeGreaterThan(10);
      expect(i.source.clause.length, i.id).toBeGreaterThan(0);
    }
  });

  it('cites each document by its published number, or its title when it has none, never by an internal id or file', () => {
    const p = shipped();
    for (const s of [...p.groups, ...p.indicators].map((x) => x.source)) {
      const title = s.title.replace(/[《》]/g, '');
      expect(title.includes(s.doc), `${s.doc} in ${s.title}`).toBe(true);
    }
    expect(JSON.stringify(p)).not.toMatch(/seed 0|\bseeds?\b|\.md\b|shared\//i);
  });
});

describe('the published JSON Schema', () => {
  it('equals the exported schema object', () => {
    const published = JSON.parse(readFileSync(join(ROOT, 'scenarios', 'schema', 'targets.schema.json'), 'utf8'));
    expect(published).toEqual(TARGETS_SCHEMA);
  });

  it('is draft-07 and lists every reducer', () => {
    expect(TARGETS_SCHEMA.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(JSON.stringify(TARGETS_SCHEMA)).toContain(JSON.stringify([...REDUCERS]));
  });
});

describe('a profile with errors is refused with JSON-pointer messages', () => {
  it('bad JSON', () => {
    const r = loadProfile('{"format": ', FILE);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : formatProblem(r.problems[0])).toMatch(/^scenarios\/targets\/2027-emergency-comms\.json: not valid JSON \(/);
  });

  it('a weight of 0', () => {
    const p = shipped();
    p.indicators[3].weight = 0;
    expect(messages(p)).toEqual([`${FILE}#/indicators/3/weight: 0 is out of range, expected a number > 0 and ≤ 100`]);
  });

  it('a missing field and an unknown one', () => {
    const p = shipped() as unknown as { indicators: Record<string, unknown>[] };
    delete p.indicators[0].unit;
    p.indicators[1].colour = 'red';
    expect(messages(p)).toEqual([
      `${FILE}#/indicators/0/unit: missing required field "unit"`,
      `${FILE}#/indicators/1/colour: unknown field "colour", expected one of: id, group, nameZh, nameEn, descriptionZh, descriptionEn, source, kpi, unit, direction, thresholds, weight, assumption, note, departments`,
    ]);
  });

  it('an unknown reducer', () => {
    const p = shipped() as unknown as { indicators: { kpi: { reduce: string } }[] };
    p.indicators[2].kpi.reduce = 'median';
    expect(messages(p)).toEqual([
      `${FILE}#/indicators/2/kpi/reduce: "median" is not an allowed value, expected one of: min, max, final, valueAt, timeToReach, resilienceLoss, meanLag`,
    ]);
  });

  it('a threshold of the wrong type and an id that is not camelCase', () => {
    const p = shipped() as unknown as { indicators: { id: string; thresholds: Record<string, unknown> }[] };
    p.indicators[4].thresholds.S = '40';
    p.indicators[5].id = 'Resilience-Loss';
    expect(messages(p)).toEqual([
      `${FILE}#/indicators/4/thresholds/S: "40" has the wrong type, expected a number`,
      `${FILE}#/indicators/5/id: "Resilience-Loss" is not in the expected form: camelCase identifier: a lower-case letter, then letters and digits`,
    ]);
  });

  it('duplicate ids, an unknown group, and bands out of order', () => {
    const p = shipped();
    p.indicators[6].id = p.indicators[0].id;
    p.indicators[7].group = 'logistics';
    p.indicators[4].thresholds = { P: 40, S: 60, M: 20 }; // higherIsBetter
    p.indicators[5].thresholds = { P: 720, S: 720, M: 2880 }; // lowerIsBetter, empty band
    expect(messages(p)).toEqual([
      `${FILE}#/indicators/4/thresholds: P 40, S 60, M 20 are not in order for higherIsBetter, expected P > S > M`,
      `${FILE}#/indicators/5/thresholds: P 720, S 720, M 2880 are not in order for lowerIsBetter, expected P < S < M`,
      `${FILE}#/indicators/6/id: duplicate id "uavCoverageArea" (first at #/indicators/0/id), expected ids unique within the profile`,
      `${FILE}#/indicators/7/group: "logistics" is not a group of this profile, expected one of: techEquipment, coordination, network, command`,
    ]);
  });

  it('reducer parameters and units that do not fit', () => {
    const p = shipped();
    const served = p.indicators.findIndex((i) => i.id === 'populationServedMin');
    const at8 = p.indicators.findIndex((i) => i.id === 'sitesOutPowerAt8h');
    const warn = p.indicators.findIndex((i) => i.id === 'warningFirstTime');
    delete p.indicators[at8].kpi.tSec;
    p.indicators[served].unit = 'h';
    delete p.indicators[warn].kpi.threshold;
    p.indicators[warn].unit = '%';
    expect(messages(p)).toEqual([
      `${FILE}#/indicators/${served}/unit: "h" is a time unit but the min reducer gives a KPI value, expected the KPI's unit (e.g. "%", "km²", "sites")`,
      `${FILE}#/indicators/${at8}/kpi/tSec: missing, the valueAt reducer needs the time of the sample (tSec)`,
      `${FILE}#/indicators/${warn}/kpi/threshold: missing, the timeToReach reducer needs the threshold to reach, in the KPI's own units`,
      `${FILE}#/indicators/${warn}/unit: "%" is not a time unit, the timeToReach reducer gives a time: expected one of: s, min, h`,
    ]);
  });

  it('scores out of order', () => {
    const p = shipped();
    p.scoring!.levelScores = { P: 100, S: 60, M: 80, U: 30 };
    expect(messages(p)).toEqual([`${FILE}#/scoring/levelScores: P 100, S 60, M 80, U 30 are not in order, expected P > S > M > U`]);
  });

  it('semantic checks also catch an unknown reducer in a profile built in code', () => {
    const p = shipped();
    (p.indicators[0].kpi as { reduce: string }).reduce = 'median';
    expect(checkProfileSemantics(p, 'inline').map(formatProblem)).toEqual([
      'inline#/indicators/0/kpi/reduce: unknown reducer "median", expected one of: min, max, final, valueAt, timeToReach, resilienceLoss, meanLag',
    ]);
  });
});

describe('evaluator observations', () => {
  it('load when valid', () => {
    const r = loadObservations(JSON.stringify([{ tSec: 60, indicatorId: 'populationServedMin', rating: 'S', note: 'ok', by: 'eval-1' }]), 'obs.json');
    expect(r.ok).toBe(true);
  });
  it('are refused with pointers when not', () => {
    const r = loadObservations(JSON.stringify([{ tSec: -1, rating: 'X', note: 'n', by: 'e' }]), 'obs.json');
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      'obs.json#/0/tSec: -1 is out of range, expected an integer ≥ 0',
      'obs.json#/0/rating: "X" is not an allowed value, expected one of: P, S, M, U',
    ]);
  });
});
