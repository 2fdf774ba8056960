// A joint drill's stop time is the server clock's (control stopAt), not the
// engine's (setStopTime is refused there), so the engine's exercise record
// says "not set". The after-action report shows the director's instead, the
// way the solo console's and the command line's show the engine's. Also the
// seats' link generations, read back from the same log.
import type { ScoredReport } from '../../src/scoring/evaluate.ts';

/**
 * The director's stop time after one more logged control action: the last
 * `stopAt` set (null clears it before it is reached); the clock stopping
 * there (`stoppedAt`) leaves it, as the time the drill was stopped at.
 */
export function directorStopAfter(stopAtSec: number | null, control: { action?: unknown; tSec?: unknown }): number | null {
  if (control.action !== 'stopAt') return stopAtSec;
  return typeof control.tSec === 'number' && Number.isInteger(control.tSec) ? control.tSec : null;
}

/**
 * Seats' link generations after one more logged control action: a `release` gives the seat the generation it
 * names, else the next one. One rule for a loaded drill's owner and for the links of a drill not loaded.
 */
export function generationsAfter(gens: Map<string, number>, control: { action?: unknown; seat?: unknown; gen?: unknown }): void {
  if (control.action !== 'release' || typeof control.seat !== 'string') return;
  gens.set(control.seat, typeof control.gen === 'number' ? control.gen : (gens.get(control.seat) ?? 0) + 1);
}

/** The report with the director's stop time in its exercise record (as it is when none was set, or the report has no exercise record). */
export function withDirectorStop(report: ScoredReport, stopAtSec: number | null): ScoredReport {
  if (stopAtSec === null || !report.exercise) return report;
  return { ...report, exercise: { ...report.exercise, stopAtSec } };
}
