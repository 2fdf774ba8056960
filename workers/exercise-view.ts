// What the control cell's and the evaluators' panels draw, computed where the
// drill runs: every inject with its state and name, the expected actions,
// the observations and ratings so far, the stop time and no-notice setting
// (SimState.drill, through the engine's exerciseForReport), and the names of
// what an ad-hoc inject may act on. Also the MSEL as spreadsheet rows and a
// spreadsheet's rows as the scenario's new MSEL (src/drill/msel-sheet.ts).
import { mselToRows, rowsToMsel, scenarioTextWithMsel, type Cell, type SheetLang, type SheetProblem, type SheetRow } from '../src/drill/msel-sheet.ts';
import { exerciseForReport } from '../src/engine/run.ts';
import type { ReportExercise } from '../src/model/msel.ts';
import type { SimState } from '../src/model/state.ts';
import type { World } from '../src/model/world.ts';
import type { Localized } from '../src/scoring/i18n.ts';
import { adhocInjectName, type NameBook } from '../src/scoring/names.ts';
import type { TargetProfile } from '../src/scoring/profile.ts';

export interface ExerciseInjectView {
  id: string;
  name: Localized;
  /** MSEL rows: the synopsis (or text); ad-hoc: the kind and its arguments as named. */
  synopsis: Localized;
  to: string | null;
  status: ReportExercise['injects'][number]['status'];
  dueSec: number;
  deliveredAtSec: number;
  adhoc: { kind: string; args: Record<string, unknown> } | null;
  /** The expected action this inject carries, if any. */
  expect: { id: string; seat: string; command: string; withinSec: number; text: Localized | null } | null;
  /** A contingency held in reserve: named by another inject's expected action. */
  contingencyOf: string | null;
}

export interface ExerciseView {
  tSec: number;
  injects: ExerciseInjectView[];
  expectations: (ReportExercise['expectations'][number] & { name: Localized })[];
  observations: ReportExercise['observations'];
  ratings: ReportExercise['ratings'];
  stopAtSec: number;
  noNotice: boolean;
  indicators: { id: string; name: Localized }[];
}

const loc = (t: { zh: string; en?: string } | undefined, fallback: Localized): Localized => (t ? { zh: t.zh, en: t.en || t.zh } : fallback);

export function exerciseView(world: World, state: SimState, book: NameBook, profile: TargetProfile | null): ExerciseView {
  const x = exerciseForReport(world, state);
  const contingencyOf = new Map<string, string>();
  for (const inj of world.msel) if (inj.expect?.contingency) contingencyOf.set(inj.expect.contingency, inj.id);
  let adhoc = 0;
  const injects = x.injects.map((s, i): ExerciseInjectView => {
    const doc = i < world.msel.length ? world.msel[i] : null;
    const name = s.adhoc ? adhocInjectName(++adhoc) : (book[s.id] ?? { zh: s.id, en: s.id });
    return {
      id: s.id,
      name,
      synopsis: doc ? loc(doc.synopsis ?? doc.text, { zh: '', en: '' }) : loc(s.adhoc?.text, { zh: '', en: '' }),
      to: doc ? doc.to : (s.adhoc?.to ?? null),
      status: s.status,
      dueSec: s.dueSec,
      deliveredAtSec: s.deliveredAtSec,
      adhoc: s.adhoc ? { kind: s.adhoc.kind, args: s.adhoc.args } : null,
      expect: doc?.expect ? { id: doc.expect.id, seat: doc.expect.seat, command: doc.expect.command, withinSec: doc.expect.withinSec, text: doc.expect.text ? loc(doc.expect.text, { zh: '', en: '' }) : null } : null,
      contingencyOf: contingencyOf.get(s.id) ?? null,
    };
  });
  const nameOf = new Map(injects.map((i) => [i.id, i.name]));
  return {
    tSec: Math.max(0, state.processedThroughSec),
    injects,
    expectations: x.expectations.map((e) => ({ ...e, name: nameOf.get(e.inject) ?? { zh: e.inject, en: e.inject } })),
    observations: x.observations,
    ratings: x.ratings,
    stopAtSec: x.stopAtSec,
    noNotice: x.noNotice,
    indicators: (profile?.indicators ?? []).map((r) => ({ id: r.id, name: { zh: r.nameZh, en: r.nameEn } })),
  };
}

/** Things an ad-hoc inject may act on, by name, for the director's form. */
export function injectTargets(world: World, book: NameBook): Record<'roads' | 'sites' | 'substations' | 'floodZones', { id: string; name: Localized }[]> {
  const named = (ids: readonly string[]) => ids.map((id) => ({ id, name: book[id] ?? { zh: id, en: id } }));
  return {
    roads: named(world.roads.ids),
    sites: named(world.sites.ids),
    substations: named(world.substations.ids),
    floodZones: world.floods.flatMap((f, k) => f.zones.map((z, j) => ({ id: z.zoneId, name: { zh: `洪水${world.floods.length > 1 ? k + 1 : ''}淹没区${j + 1}`, en: `flood${world.floods.length > 1 ? ` ${k + 1}` : ''} zone ${j + 1}` } }))),
  };
}

/** The scenario's MSEL as spreadsheet rows with Chinese or English headers. */
export function mselSheet(world: World, lang: SheetLang): { header: string[]; rows: string[][] } {
  return mselToRows(world.msel, lang);
}

/** A spreadsheet's rows as the scenario file with that MSEL, or every problem by row and column. */
export function scenarioWithSheet(world: World, scenarioText: string, header: Cell[], rows: SheetRow[]): { ok: true; text: string; injects: number } | { ok: false; problems: SheetProblem[] } {
  const read = rowsToMsel(header, rows, { durationSec: world.durationSec, townshipIds: new Set(world.townships.ids) });
  if (!read.ok) return read;
  return { ok: true, text: scenarioTextWithMsel(scenarioText, read.msel), injects: read.msel.length };
}
