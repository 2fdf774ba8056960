// Forces of an imported county from one template per department: the county
// teams every department keeps (active at T0, at the county base), the city
// and provincial teams that come in later (origins outside the map), and the
// operators' generator pools. Sizes are an assumption modelled on the shipped
// Jishishan scenario's county (a county of about 240,000 people); an exercise
// director edits them in scenario.json after the import.
import { fireSquadLoadout, sortAndCheckTeams, teamFromRow, type LL, type TeamClass, type TeamRow } from '../kit/index.ts';
import type { HelicopterDoc, ResourcesDoc, TeamDoc } from '../../src/model/scenario-format.ts';

interface DepartmentTemplate {
  nameZh: string;
  cls: TeamClass;
  modes: TeamDoc['modes'];
  /** Per team: level, crew, activation delay (s), loadout. */
  teams: { level: TeamDoc['level']; crew: number; delaySec: number; loadout: TeamDoc['loadout']; suffix: string }[];
}

const operatorCrew = (generators: number, vsat: number): TeamDoc['loadout'] => ({ generators, fuelHours: 8, spares: 2, vsat });
const commsTeam: TeamDoc['loadout'] = { commsVehicles: 1, portableBaseStations: 2, vsat: 2, satPhones: 4, beidou: 4, tetheredUavs: 1, generators: 4, fuelHours: 8, spares: 3 };

/** The county template: department → teams. */
export const COUNTY_FORCES: Record<string, DepartmentTemplate> = {
  cmcc: {
    nameZh: '中国移动',
    cls: { org: 'cmcc', kind: 'operatorCrew', longHaulKmh: 40 },
    modes: ['road', 'foot'],
    teams: [
      { level: 'county', crew: 5, delaySec: 1200, loadout: operatorCrew(5, 1), suffix: '县分公司抢修1队' },
      { level: 'county', crew: 5, delaySec: 1800, loadout: operatorCrew(4, 0), suffix: '县分公司抢修2队' },
      { level: 'city', crew: 6, delaySec: 3600, loadout: operatorCrew(6, 1), suffix: '市分公司应急抢修队' },
    ],
  },
  cucc: {
    nameZh: '中国联通',
    cls: { org: 'cucc', kind: 'operatorCrew', longHaulKmh: 40 },
    modes: ['road', 'foot'],
    teams: [
      { level: 'county', crew: 5, delaySec: 1500, loadout: operatorCrew(4, 1), suffix: '县分公司抢修1队' },
      { level: 'city', crew: 6, delaySec: 3600, loadout: operatorCrew(6, 1), suffix: '市分公司应急抢修队' },
    ],
  },
  ctcc: {
    nameZh: '中国电信',
    cls: { org: 'ctcc', kind: 'operatorCrew', longHaulKmh: 40 },
    modes: ['road', 'foot'],
    teams: [
      { level: 'county', crew: 5, delaySec: 1500, loadout: operatorCrew(4, 1), suffix: '县分公司抢修1队' },
      { level: 'city', crew: 6, delaySec: 3600, loadout: operatorCrew(6, 1), suffix: '市分公司应急抢修队' },
    ],
  },
  tower: {
    nameZh: '中国铁塔',
    cls: { org: 'tower', kind: 'operatorCrew', longHaulKmh: 40 },
    modes: ['road', 'foot'],
    teams: [
      { level: 'county', crew: 4, delaySec: 1500, loadout: { generators: 6, fuelHours: 8, spares: 1, vsat: 0 }, suffix: '县分公司抢修1队' },
      { level: 'county', crew: 4, delaySec: 1800, loadout: { generators: 6, fuelHours: 8, spares: 1, vsat: 0 }, suffix: '县分公司抢修2队' },
    ],
  },
  power: {
    nameZh: '国网',
    cls: { org: 'power', kind: 'powerCrew', longHaulKmh: 40 },
    modes: ['road'],
    teams: [
      { level: 'county', crew: 8, delaySec: 1200, loadout: { generators: 2, fuelHours: 12 }, suffix: '县供电公司抢修1队（发电车）' },
      { level: 'county', crew: 8, delaySec: 1800, loadout: { generators: 1, fuelHours: 12 }, suffix: '县供电公司抢修2队' },
      { level: 'city', crew: 10, delaySec: 3600, loadout: { generators: 3, fuelHours: 12 }, suffix: '市供电公司应急抢修队（发电车）' },
    ],
  },
  transport: {
    nameZh: '交通运输',
    cls: { org: 'transport', kind: 'roadCrew', longHaulKmh: 40 },
    modes: ['road'],
    teams: [
      { level: 'county', crew: 10, delaySec: 1800, loadout: {}, suffix: '县公路段抢通1队' },
      { level: 'county', crew: 10, delaySec: 2400, loadout: {}, suffix: '县公路段抢通2队' },
    ],
  },
  fire: {
    nameZh: '消防救援',
    cls: { org: 'fire', kind: 'fireSquad', longHaulKmh: 40 },
    modes: ['motorcycle', 'helicopter', 'foot'],
    teams: [
      { level: 'county', crew: 8, delaySec: 600, loadout: fireSquadLoadout(0), suffix: '县大队前突1组' },
      { level: 'provincial', crew: 12, delaySec: 1800, loadout: fireSquadLoadout(1), suffix: '总队应急通信保障分队' },
    ],
  },
  emhq: {
    nameZh: '应急管理',
    cls: { org: 'emhq', kind: 'commsTeam', longHaulKmh: 40 },
    modes: ['highClearance', 'foot'],
    teams: [{ level: 'provincial', crew: 12, delaySec: 3600, loadout: { ...commsTeam, satPhones: 10, beidou: 10 }, suffix: '厅应急通信保障队' }],
  },
};

type GeneratorPoolDoc = NonNullable<ResourcesDoc['generatorPools']>[number];

const HELICOPTER_SEATS = 12;

/**
 * Teams of every department at `baseId`: county teams start there and are
 * active at T0; city teams haul in from `cityOrigin`, provincial ones from
 * `provinceOrigin`, and wait to be activated.
 */
export function countyForces(countyNameZh: string, baseId: string, cityOrigin: LL, provinceOrigin: LL): ResourcesDoc {
  const teams: TeamDoc[] = [];
  for (const [dept, t] of Object.entries(COUNTY_FORCES)) {
    t.teams.forEach((spec, i) => {
      const origin = spec.level === 'county' ? null : spec.level === 'city' ? cityOrigin : provinceOrigin;
      const row: TeamRow = [`tm-${dept}-${spec.level}-${i + 1}`, `${t.nameZh}${countyNameZh}${spec.suffix}`, spec.level, baseId, origin, spec.level !== 'provincial', spec.delaySec, spec.crew];
      teams.push(teamFromRow(row, t.cls, t.modes, spec.loadout));
    });
  }
  const pools: GeneratorPoolDoc[] = (['cmcc', 'cucc', 'ctcc', 'tower'] as const).map((org) => ({ id: `gp-${org}`, org, count: org === 'cmcc' || org === 'tower' ? 20 : 10, fuelHours: 8, leadTimeSec: 7200 }));
  const helicopters: HelicopterDoc[] = [{ id: 'heli-emhq-1', nameZh: '应急救援直升机（中型，12座）', org: 'emhq', capacity: HELICOPTER_SEATS }];
  return { generatorPools: pools, teams: sortAndCheckTeams(teams, new Set([baseId]), HELICOPTER_SEATS), helicopters };
}
