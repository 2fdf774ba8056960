// What the MSEL's JSON Schema cannot state: times within the scenario, the
// seat an inject goes to, expected-action ids used once, contingencies that
// name another inject of the list, townships that exist. One check for the
// scenario loader and for the spreadsheet import (drill/msel-sheet.ts), which
// turns the pointers into rows and columns.
import type { InjectDoc } from '../model/scenario-format.ts';
import { isSeat, SEATS } from '../model/seats.ts';
import { show, type Problem } from './problems.ts';

/** Problems of an MSEL already valid against the schema; pointers start at `base` ('/msel' in a scenario). */
export function mselProblems(msel: readonly InjectDoc[], file: string, base: string, durationSec: number, townshipIds?: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const at = (pointer: string, message: string) => problems.push({ file, pointer: `${base}${pointer}`, message });
  const injectIds = new Map<string, number>();
  msel.forEach((inj, i) => {
    const first = injectIds.get(inj.id);
    if (first !== undefined) at(`/${i}/id`, `duplicate id "${inj.id}" (first at #${base}/${first}/id), expected unique ids`);
    else injectIds.set(inj.id, i);
  });
  const expectIds = new Map<string, number>();
  msel.forEach((inj, i) => {
    if (inj.tSec > durationSec) at(`/${i}/tSec`, `${inj.tSec} is after the end of the scenario (${durationSec} s), expected a time within durationHours`);
    if (!isSeat(inj.to)) at(`/${i}/to`, `${show(inj.to)} is not a seat, expected one of: ${SEATS.join(', ')}`);
    const want = inj.expect;
    if (!want) return;
    const first = expectIds.get(want.id);
    if (first !== undefined) at(`/${i}/expect/id`, `duplicate expected-action id "${want.id}" (first at #${base}/${first}/expect/id), expected unique ids`);
    else expectIds.set(want.id, i);
    if (want.contingency !== undefined) {
      if (want.contingency === inj.id) at(`/${i}/expect/contingency`, `"${want.contingency}" is this inject itself, expected another inject of the MSEL`);
      else if (!injectIds.has(want.contingency)) at(`/${i}/expect/contingency`, `"${want.contingency}" is not an inject of the MSEL, expected the id of one`);
    }
  });
  if (townshipIds) problems.push(...mselTownshipProblems(msel, file, base, townshipIds));
  return problems;
}

/** Expected actions naming a township the scenario does not have (checked once the townships layer is read). */
export function mselTownshipProblems(msel: readonly InjectDoc[], file: string, base: string, townshipIds: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  msel.forEach((inj, i) => {
    const t = inj.expect?.township;
    if (t !== undefined && !townshipIds.has(t)) problems.push({ file, pointer: `${base}/${i}/expect/township`, message: `"${t}" is not a township of the scenario, expected the id of one` });
  });
  return problems;
}
