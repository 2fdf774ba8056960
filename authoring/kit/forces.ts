// Response forces of a built scenario: the checks every team list must pass.
import type { TeamDoc } from '../../src/model/scenario-format.ts';
import type { LL } from './geometry.ts';

/**
 * Sorts teams by id (the order the files list them in) and refuses
 * duplicates, unknown bases and a team that flies but would not fit in one
 * lift of `helicopterSeats`.
 */
export function sortAndCheckTeams(teams: TeamDoc[], baseIds: ReadonlySet<string>, helicopterSeats: number): TeamDoc[] {
  teams.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const seen = new Set<string>();
  for (const t of teams) {
    if (seen.has(t.id)) throw new Error(`duplicate team ${t.id}`);
    seen.add(t.id);
    if (!baseIds.has(t.base)) throw new Error(`team ${t.id}: unknown base ${t.base}`);
    if (t.modes.includes('helicopter') && t.crew > helicopterSeats) throw new Error(`team ${t.id} is too big for the helicopter`);
  }
  return teams;
}

/**
 * Gives every team its English name from `namesEn` (by id), right after its
 * Chinese one, in place. A team without an English name, or a name for no
 * team, is refused: the English console shows these names, not ids.
 */
export function nameTeamsInEnglish(teams: TeamDoc[], namesEn: Readonly<Record<string, string>>): TeamDoc[] {
  const ids = new Set(teams.map((t) => t.id));
  for (const id of Object.keys(namesEn)) if (!ids.has(id)) throw new Error(`English name for unknown team ${id}`);
  teams.forEach((t, i) => {
    const nameEn = namesEn[t.id];
    if (!nameEn) throw new Error(`team ${t.id} has no English name`);
    const { id, nameZh, ...rest } = t;
    teams[i] = { id, nameZh, nameEn, ...rest };
  });
  return teams;
}

/** How many teams have each of `values` as their `key` (in that order, zeros included). */
export function countTeams<K extends 'kind' | 'level'>(teams: readonly TeamDoc[], key: K, values: readonly TeamDoc[K][]): Record<string, number> {
  return Object.fromEntries(values.map((v) => [v, teams.filter((t) => t[key] === v).length]));
}

/**
 * The columns a team table starts with; `origin` is the off-network home a
 * team hauls from to its base (null: it starts at the base).
 */
export type TeamRow = readonly [id: string, nameZh: string, level: TeamDoc['level'], base: string, origin: LL | null, activeAtStart: boolean, activationDelaySec: number, crew: number, ...more: unknown[]];

/** What the teams of one table share. */
export interface TeamClass {
  org: TeamDoc['org'];
  kind: TeamDoc['kind'];
  /** Long-haul speed from `origin`, km/h over the straight line. */
  longHaulKmh: number;
}

export function teamFromRow(row: TeamRow, cls: TeamClass, modes: TeamDoc['modes'], loadout: TeamDoc['loadout']): TeamDoc {
  const [id, nameZh, level, base, origin, activeAtStart, activationDelaySec, crew] = row;
  return {
    id,
    nameZh,
    org: cls.org,
    level,
    kind: cls.kind,
    base,
    ...(origin ? { origin, longHaulKmh: cls.longHaulKmh } : {}),
    activationDelaySec,
    activeAtStart,
    crew,
    modes,
    loadout,
  };
}

/** A fire squad's terminals: four satellite phones and four BeiDou, and a tethered UAV where it carries one. */
export const fireSquadLoadout = (tetheredUavs: number): TeamDoc['loadout'] => ({ satPhones: 4, beidou: 4, ...(tetheredUavs ? { tetheredUavs } : {}) });

const UNIT_SUFFIXES = ['', '-b', '-c', '-d', '-e', '-f', '-g', '-h'];
const UNIT_NUMBERS_ZH = ['一', '二', '三', '四', '五', '六', '七', '八'];

/**
 * A crew as the vehicles it drives. A team in the twin does one task at a time, so a crew of eight in three
 * vehicles works as three teams: the response figures count vehicles (Jishishan 2023: 890+ people in 217;
 * Dingri 2025: 154 in 57), and a crew fielded as one team would do a third of the work. People and every
 * counted item of the loadout are shared out, the first units taking the remainder; `fuelHours` is per
 * generator and stays. The units are numbered from `firstUnit` (0: the first keeps the crew's id, then
 * `-b`, `-c`, …), so a second wave of the same crew can follow with `firstUnit` = the first wave's units.
 */
export function vehicleUnits(crew: TeamDoc, units: number, firstUnit = 0): TeamDoc[] {
  if (!Number.isInteger(units) || units < 1 || firstUnit + units > UNIT_SUFFIXES.length) throw new Error(`team ${crew.id}: ${units} vehicle units from unit ${firstUnit} are more than ${UNIT_SUFFIXES.length}`);
  if (crew.crew < units) throw new Error(`team ${crew.id}: ${crew.crew} people cannot drive ${units} vehicles`);
  const share = (total: number, i: number) => Math.floor(total / units) + (i < total % units ? 1 : 0);
  return Array.from({ length: units }, (_, i) => {
    const unit = firstUnit + i;
    const loadout = Object.fromEntries(Object.entries(crew.loadout ?? {}).map(([k, v]) => [k, typeof v === 'number' && k !== 'fuelHours' ? share(v, i) : v]));
    return {
      ...crew,
      id: `${crew.id}${UNIT_SUFFIXES[unit]}`,
      nameZh: unit === 0 ? crew.nameZh : `${crew.nameZh}（${UNIT_NUMBERS_ZH[unit]}号车）`,
      crew: share(crew.crew, i),
      loadout: loadout as TeamDoc['loadout'],
    };
  });
}

/** The English name of vehicle unit `unit` (0-based, as in vehicleUnits) of a crew named `crewNameEn`. */
export function vehicleUnitNameEn(crewNameEn: string, unit: number): string {
  return unit === 0 ? crewNameEn : `${crewNameEn}, vehicle ${unit + 1}`;
}

/** A team table row that carries the English name as its third column; the columns after it are TeamRow's. */
export type NamedTeamRow = readonly [id: string, nameZh: string, nameEn: string, level: TeamDoc['level'], base: string, origin: LL | null, activeAtStart: boolean, activationDelaySec: number, crew: number, ...more: unknown[]];

/**
 * Adds the teams of a table whose rows name each team in both languages: every team of `cls` moving by
 * `modes`, its loadout from its row; the English names go to `namesEn` (for nameTeamsInEnglish).
 */
export function addNamedTeams<R extends NamedTeamRow>(teams: TeamDoc[], namesEn: Record<string, string>, rows: readonly R[], cls: TeamClass, modes: TeamDoc['modes'], loadoutOf: (row: R) => TeamDoc['loadout']): void {
  for (const row of rows) {
    const [id, nameZh, nameEn, level, base, origin, activeAtStart, activationDelaySec, crew] = row;
    teams.push(teamFromRow([id, nameZh, level, base, origin, activeAtStart, activationDelaySec, crew], cls, modes, loadoutOf(row)));
    namesEn[id] = nameEn;
  }
}

/** The sum of `value` over the teams that pass `which` (all by default): the forces checks a scenario states. */
export function sumTeams(teams: readonly TeamDoc[], value: (t: TeamDoc) => number, which: (t: TeamDoc) => boolean = () => true): number {
  return teams.filter(which).reduce((s, t) => s + value(t), 0);
}
