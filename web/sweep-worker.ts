// The planner page's Web Worker: checks a plan (the variants file against
// the base scenario, each variant's world loaded, the target profile) and
// runs sweep rows with the row code the CLI's threads run
// (src/sweep/run-row.ts), so a row's final hash here is the CLI's. One worker
// runs one row at a time; the page keeps as many as the computer has cores.
// Ajv compiles its validators into functions, which the served pages' policy
// allows in workers only: checking happens here, not on the page.
import { describeJsonSyntax } from '../src/core/json-syntax.ts';
import { formatProblem, type Problem } from '../src/scenario/problems.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import { loadProfile, type TargetProfile } from '../src/scoring/profile.ts';
import type { SweepRow } from '../src/sweep/rows.ts';
import { loadVariantWorld, rowRunner, type RowTask } from '../src/sweep/run-row.ts';
import { checkVariantIds, validateVariants, variantsWithBase, VARIANTS_FORMAT, type Variant } from '../src/sweep/variants.ts';

export interface PlanScenario {
  scenarioId: string;
  texts: Record<string, string>;
}

/** A checked plan: the variants (base first), each one's scenario hash, the profile, and how long the scenario runs. */
export interface CheckedPlan {
  variants: Variant[];
  sha: Record<string, string>;
  profile: TargetProfile | null;
  durationSec: number;
  scenarioId: string;
}

export type SweepRequest =
  | { id: number; type: 'check'; scenario: PlanScenario; variantsFile: string; variantsText: string }
  | { id: number; type: 'load'; scenario: PlanScenario; variantsFile: string }
  | { id: number; type: 'run'; task: RowTask };

export type SweepAnswer =
  | { id: number; type: 'checked'; ok: true; plan: CheckedPlan }
  | { id: number; type: 'checked'; ok: false; problems: string[] }
  | { id: number; type: 'loaded' }
  | { id: number; type: 'row'; row: SweepRow }
  | { id: number; type: 'error'; message: string };

/** The plan's problems, each naming its file and pointer, or the plan. An empty variants text is the base alone (the CLI without --variants). */
function check(scenario: PlanScenario, variantsFile: string, variantsText: string): { ok: true; plan: CheckedPlan } | { ok: false; problems: string[] } {
  const base = () => memoryScenarioFiles(scenario.scenarioId, scenario.texts);
  let value: unknown = { format: VARIANTS_FORMAT, variants: [] };
  if (variantsText.trim() !== '') {
    try {
      value = JSON.parse(variantsText);
    } catch {
      return { ok: false, problems: [`${variantsFile}: ${describeJsonSyntax(variantsText)}`] };
    }
  }
  let variants: Variant[];
  const empty = (value as { variants?: unknown[] })?.variants?.length === 0 && (value as { format?: unknown }).format === VARIANTS_FORMAT;
  if (empty) variants = variantsWithBase({ format: VARIANTS_FORMAT, variants: [] });
  else {
    const checked = validateVariants(value, variantsFile);
    if (!checked.ok) return { ok: false, problems: checked.problems.map(formatProblem) };
    let problems: Problem[];
    try {
      problems = checkVariantIds(checked.doc, base(), variantsFile);
    } catch (err) {
      return { ok: false, problems: [`${scenario.scenarioId}: the base scenario could not be read (${err instanceof Error ? err.message : String(err)})`] };
    }
    if (problems.length) return { ok: false, problems: problems.map(formatProblem) };
    variants = variantsWithBase(checked.doc);
  }
  const sha: Record<string, string> = {};
  let durationSec = 0;
  let targetsPath: string | null = null;
  for (const v of variants) {
    const r = loadVariantWorld(base(), v, variantsFile);
    if (!r.ok) return { ok: false, problems: r.message.split('\n') };
    sha[v.name] = r.world.sha256;
    if (v.name === 'base') {
      durationSec = r.world.durationSec;
      targetsPath = r.world.targetsPath;
    }
  }
  // The scenario's own profile, as `drilltwin sweep` reads it without --targets.
  let profile: TargetProfile | null = null;
  if (targetsPath !== null) {
    let text: string;
    try {
      text = base().read(targetsPath);
    } catch {
      return { ok: false, problems: [`${scenario.scenarioId}#/targets: ${targetsPath} is not among the scenario's files`] };
    }
    const loaded = loadProfile(text, targetsPath);
    if (!loaded.ok) return { ok: false, problems: [`${targetsPath}: the target profile is invalid:`, ...loaded.problems.map(formatProblem)] };
    profile = loaded.profile;
  }
  return { ok: true, plan: { variants, sha, profile, durationSec, scenarioId: base().scenarioId } };
}

let run: ((task: RowTask) => SweepRow) | null = null;

function answer(msg: SweepRequest): SweepAnswer {
  switch (msg.type) {
    case 'check':
      return { id: msg.id, type: 'checked', ...check(msg.scenario, msg.variantsFile, msg.variantsText) };
    case 'load': {
      const { scenarioId, texts } = msg.scenario;
      run = rowRunner(() => memoryScenarioFiles(scenarioId, texts), msg.variantsFile, () => performance.now());
      return { id: msg.id, type: 'loaded' };
    }
    case 'run':
      if (!run) throw new Error('no scenario: send "load" first');
      return { id: msg.id, type: 'row', row: run(msg.task) };
  }
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<SweepRequest>) => void) | null; postMessage(m: SweepAnswer): void };
scope.onmessage = (e) => {
  let reply: SweepAnswer;
  try {
    reply = answer(e.data);
  } catch (err) {
    reply = { id: e.data.id, type: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(reply);
};
