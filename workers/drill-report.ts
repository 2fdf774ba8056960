// The score and after-action report of a drill in progress or finished,
// computed where the drill runs (the Web Worker, or Node in tests) from the
// engine's own scoring code: the run report as `drilltwin run` writes it, up
// to the second reached, scored against the scenario's target profile and
// rendered by the same renderAarHtml the CLI uses.
import type { DrillDriver } from '../src/engine/driver.ts';
import { exerciseForReport, REPORT_FORMAT } from '../src/engine/run.ts';
import { ENGINE_VERSION } from '../src/engine/sim.ts';
import { HAZARDS } from '../src/hazards/registry.ts';
import type { Command } from '../src/model/commands.ts';
import { observationRecord, ratingRecord, type ObservationRecord, type RatingRecord, type ReportExercise } from '../src/model/msel.ts';
import type { World } from '../src/model/world.ts';
import { renderAarHtml } from '../src/scoring/aar-html.ts';
import { evaluateTargets, type Evaluation, type ScoredReport } from '../src/scoring/evaluate.ts';
import type { Lang } from '../src/scoring/i18n.ts';
import { nameBook, type NameBook } from '../src/scoring/names.ts';
import { loadProfile, type TargetProfile } from '../src/scoring/profile.ts';

/** What is computed once per scenario: the profile and the names. */
export interface ReportContext {
  profile: TargetProfile | null;
  /** Why there is no profile (none named, not among the files, invalid). */
  profileProblem: string | null;
  names: NameBook;
}

/** The scenario's target profile from the files it was loaded with (paths relative to its folder). */
export function reportContext(world: World, texts: Record<string, string>): ReportContext {
  let profile: TargetProfile | null = null;
  let profileProblem: string | null = null;
  const path = world.targetsPath;
  if (path === null) profileProblem = 'the scenario names no target profile (its "targets" field)';
  else if (!(path in texts)) profileProblem = `the target profile ${path} is not among the scenario's files`;
  else {
    const loaded = loadProfile(texts[path], path);
    if (loaded.ok) profile = loaded.profile;
    else profileProblem = `the target profile ${path} is invalid (${loaded.problems.length} problem${loaded.problems.length === 1 ? '' : 's'})`;
  }
  return { profile, profileProblem, names: nameBook(world) };
}

/** The run report of the drill so far, in the shape `drilltwin run` writes (the parts scoring reads). */
export function drillReport(driver: DrillDriver, seed: number, doctrineSeatsAtStart: string[], ctx: ReportContext): ScoredReport {
  const world = driver.world;
  const state = driver.sim.state;
  return {
    format: REPORT_FORMAT,
    engineVersion: ENGINE_VERSION,
    scenario: { id: world.scenarioId, name: world.name, sha256: world.sha256 },
    seed,
    start: world.start,
    timeZone: world.timeZone,
    untilSec: Math.max(0, driver.reachedSec),
    doctrineSeats: [...doctrineSeatsAtStart].sort(),
    commands: state.commandLog,
    finalStateHash: driver.hash(),
    kpis: { intervalSec: world.kpiIntervalSec, series: driver.observations.series },
    // What each hazard amounted to in this run (a flood's drawn rise is the run's).
    hazards: HAZARDS.flatMap((h) => h.summarise(driver.sim.ctx)),
    // Drawn for this seed; the director's ad-hoc aftershocks are listed with the injects (as runScenario does).
    aftershocks: state.aftershocks.filter((a) => a.inject === undefined).map((a) => ({ quake: world.earthquakes[a.quake].id, tSec: a.tSec, ms: Math.round(a.ms * 100) / 100 })),
    warnings: state.warnings,
    msel: world.msel,
    exercise: exerciseForReport(world, state),
  };
}

export type DrillScore = { ok: true; tSec: number; evaluation: Evaluation } | { ok: false; problem: string };

export function drillScore(report: ScoredReport, ctx: ReportContext): DrillScore {
  if (!ctx.profile) return { ok: false, problem: ctx.profileProblem ?? 'no target profile' };
  return { ok: true, tSec: report.untilSec, evaluation: evaluateTargets(report, ctx.profile) };
}

export type DrillAar = { ok: true; html: string } | { ok: false; problem: string };

export function drillAar(report: ScoredReport, ctx: ReportContext, lang: Lang): DrillAar {
  if (!ctx.profile) return { ok: false, problem: ctx.profileProblem ?? 'no target profile' };
  return { ok: true, html: renderAarHtml(report, evaluateTargets(report, ctx.profile), { lang, names: ctx.names }) };
}

/**
 * Observations and ratings the evaluators (or the director) gave after the
 * drill ended, as evaluators complete their guides after ENDEX. The engine's
 * run ends at the end, so they are kept beside it (the drill server's log,
 * kind 'evaluation') and added to the exercise record when the drill is
 * scored or reported; the run report itself, what replays, is unchanged.
 */
export interface LateEvaluations {
  observations: ObservationRecord[];
  ratings: RatingRecord[];
}

export const noLateEvaluations = (): LateEvaluations => ({ observations: [], ratings: [] });

/** Adds a late recordObservation or rateIndicator command (already shape-checked) to `late`: the records the gate would make. */
export function addLateEvaluation(late: LateEvaluations, cmd: Command): void {
  if (cmd.type === 'recordObservation') late.observations.push(observationRecord(cmd));
  else if (cmd.type === 'rateIndicator') late.ratings.push(ratingRecord(cmd));
}

/** The exercise record (or the panels' view of it) with the late evaluations after the drill's own. */
export function withLateExercise<T extends Pick<ReportExercise, 'observations' | 'ratings'>>(exercise: T, late: LateEvaluations): T {
  if (!late.observations.length && !late.ratings.length) return exercise;
  return { ...exercise, observations: [...exercise.observations, ...late.observations], ratings: [...exercise.ratings, ...late.ratings] };
}

/** The report with the late evaluations in its exercise record (a report without one is returned as it is). */
export function withLateEvaluations(report: ScoredReport, late: LateEvaluations): ScoredReport {
  return report.exercise ? { ...report, exercise: withLateExercise(report.exercise, late) } : report;
}

/**
 * The after-action report of an ended drill, from the report written at its
 * end (the drill server keeps it) and the evaluations given after: no engine
 * needed, so it can be printed after a restart too. `world` is the scenario
 * as it is now, checked against the one the drill ran on; `ctx` names the
 * teams and sites and holds the target profile.
 */
export function storedDrillAar(report: ScoredReport, world: World, ctx: ReportContext, lang: Lang, late: LateEvaluations): DrillAar {
  if (report.scenario?.sha256 !== world.sha256) return { ok: false, problem: `the scenario ${world.scenarioId} has changed since the drill was run (sha256 differs)` };
  return drillAar(withLateEvaluations(report, late), ctx, lang);
}
