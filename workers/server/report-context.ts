// What scoring a joint drill needs, read from the scenario's folder on the
// server: its target profile and its names (for the drill threads' live
// score and report, and the server's printed reports of ended drills).
// Kept apart from disk-files.ts, which the command line and the sweep
// workers load, so they do not pull in the report renderer.
import type { World } from '../../src/model/world.ts';
import { readTargetsText } from '../disk-files.ts';
import { reportContext, type ReportContext } from '../drill-report.ts';

/**
 * What scoring a drill of this scenario needs, read from disk: its target
 * profile and its names. A profile that cannot be read leaves the context
 * without one, and its problem says why (the drill runs on; its score says so).
 */
export function diskReportContext(scenarioPath: string, world: World): ReportContext {
  const targets = world.targetsPath;
  try {
    return reportContext(world, targets ? { [targets]: readTargetsText(scenarioPath, targets, 'targets') } : {});
  } catch (err) {
    return { ...reportContext(world, {}), profileProblem: `the target profile ${targets} could not be read: ${(err as Error).message}` };
  }
}
