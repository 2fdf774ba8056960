// The pre-positioning optimiser's pure layer (`drilltwin optimise`): a budget
// file (`drilltwin/budget@1`) says how many sites may be hardened, UAVs
// stationed and terminal kits pre-positioned, and where; each choice becomes
// a fragment of a what-if variant in the variants@1 vocabulary (superSites,
// moveUavs, prepositioned), so the ordinary loader validates what the
// optimiser builds. The search is greedy forward selection on common random
// numbers: at each step every remaining option is added to the current
// selection and run on the SAME seeds; the option with the best mean paired
// improvement of the objective is kept, and its marginal gain against the
// selection before is reported with a paired 95 % interval (stats.ts).
//
// Greedy is not optimal: it never undoes a choice, and two options that only
// pay together (two sites covering one valley) may each look worthless alone.
// It is what a planner can read step by step, and it costs
// (options × steps × seeds) runs instead of every combination's.
import Ajv, { type ValidateFunction } from 'ajv';
import { hashValue } from '../core/hash.ts';
import type { ScenarioFiles } from '../scenario/load.ts';
import { problemFromAjv, show, type Problem } from '../scenario/problems.ts';
import type { TargetProfile } from '../scoring/profile.ts';
import type { SweepRow } from './rows.ts';
import { pairedDifference, meanWithInterval, type PairedDifference } from './stats.ts';
import { KPI_METRICS } from './summary.ts';
import { BASE_VARIANT, type Variant } from './variants.ts';

export const BUDGET_FORMAT = 'drilltwin/budget@1';
export const OPTIMISE_FORMAT = 'drilltwin/optimise@1';

/** Shortlist length for `candidates: "auto"` when the file gives none (assumption: 8 sites × 40 seeds keeps a step near 300 runs). */
export const DEFAULT_SHORTLIST = 8;

export interface Airfield {
  name: string;
  lonLat: [number, number];
}

export interface Budget {
  format: typeof BUDGET_FORMAT;
  description?: string;
  /** "serviceLoss" (the profile's resilience-loss indicator), "pass" (share of runs passing the profile), or a metric id of the sweep summary. */
  objective: string;
  /** Seeds as `--seeds` takes them ("1..40"); `--seeds` on the command line wins. */
  seeds?: string;
  hardenSites?: { count: number; candidates: string[] | 'auto'; shortlist?: number; batteryKwh?: number; generatorFuelHours?: number };
  stationUavs?: { count: number; uavs?: string[]; airfields: Airfield[] };
  prepositionKits?: { count: number; townships: string[] | 'all'; satPhones?: number; beidou?: number };
}

const ID = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' };
const IDS = { type: 'array', minItems: 1, maxItems: 10000, uniqueItems: true, items: ID };
const COUNT = { type: 'integer', minimum: 1, maximum: 100 };

export const BUDGET_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'drilltwin pre-positioning budget',
  type: 'object',
  required: ['format', 'objective'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    format: { const: BUDGET_FORMAT },
    description: { type: 'string', maxLength: 2000 },
    objective: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' },
    seeds: { type: 'string', minLength: 1, maxLength: 200 },
    hardenSites: {
      type: 'object',
      required: ['count', 'candidates'],
      additionalProperties: false,
      properties: {
        count: COUNT,
        candidates: { anyOf: [{ const: 'auto' }, IDS] },
        shortlist: { type: 'integer', minimum: 1, maximum: 200 },
        batteryKwh: { type: 'number', minimum: 0, maximum: 10000 },
        generatorFuelHours: { type: 'number', minimum: 0, maximum: 720 },
      },
    },
    stationUavs: {
      type: 'object',
      required: ['count', 'airfields'],
      additionalProperties: false,
      properties: {
        count: COUNT,
        uavs: IDS,
        airfields: {
          type: 'array',
          minItems: 1,
          maxItems: 50,
          items: {
            type: 'object',
            required: ['name', 'lonLat'],
            additionalProperties: false,
            properties: {
              name: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' },
              lonLat: { type: 'array', minItems: 2, maxItems: 2, items: [{ type: 'number', minimum: -180, maximum: 180 }, { type: 'number', minimum: -90, maximum: 90 }] },
            },
          },
        },
      },
    },
    prepositionKits: {
      type: 'object',
      required: ['count', 'townships'],
      additionalProperties: false,
      properties: {
        count: COUNT,
        townships: { anyOf: [{ const: 'all' }, IDS] },
        satPhones: { type: 'integer', minimum: 0, maximum: 10000 },
        beidou: { type: 'integer', minimum: 0, maximum: 10000 },
      },
    },
  },
} as const;

let validator: ValidateFunction | null = null;
/** What `--seeds` accepts (cli/sweep.ts parseSeeds checks the numbers themselves). */
const SEEDS_FORM = /^\s*\d+(\.\.\d+)?(\s*,\s*\d+(\.\.\d+)?)*\s*$/;

export type BudgetResult = { ok: true; budget: Budget } | { ok: false; problems: Problem[] };

/** Shape (JSON Schema) and the rules a schema cannot say: counts within the candidates, unique airfield names. */
export function validateBudget(value: unknown, file: string): BudgetResult {
  validator ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(BUDGET_SCHEMA);
  if (!validator(value)) return { ok: false, problems: (validator.errors ?? []).map((e) => problemFromAjv(file, e)) };
  const b = value as Budget;
  const problems: Problem[] = [];
  // Said here rather than as anyOf in the schema: ajv would report one "missing field" per alternative.
  if (!b.hardenSites && !b.stationUavs && !b.prepositionKits) problems.push({ file, pointer: '', message: 'no budget to spend, expected at least one of hardenSites, stationUavs, prepositionKits' });
  if (b.prepositionKits && b.prepositionKits.satPhones === undefined && b.prepositionKits.beidou === undefined) {
    problems.push({ file, pointer: '/prepositionKits', message: 'a kit holds no terminals, expected satPhones or beidou (or both)' });
  }
  if (b.seeds !== undefined && !SEEDS_FORM.test(b.seeds)) problems.push({ file, pointer: '/seeds', message: `${show(b.seeds)} is not a list of seeds, expected ranges and numbers such as "1..40" or "1..5,42"` });
  const h = b.hardenSites;
  if (h) {
    if (Array.isArray(h.candidates) && h.shortlist !== undefined) problems.push({ file, pointer: '/hardenSites/shortlist', message: `a shortlist applies only to candidates "auto", expected it left out with a list of candidates` });
    const n = Array.isArray(h.candidates) ? h.candidates.length : h.shortlist ?? DEFAULT_SHORTLIST;
    if (h.count > n) problems.push({ file, pointer: '/hardenSites/count', message: `${h.count} is more than the ${n} candidate sites, expected at most ${n}` });
  }
  const u = b.stationUavs;
  if (u) {
    const seen = new Map<string, number>();
    u.airfields.forEach((a, i) => {
      const first = seen.get(a.name);
      if (first !== undefined) problems.push({ file, pointer: `/stationUavs/airfields/${i}/name`, message: `${show(a.name)} is already the name of /stationUavs/airfields/${first}, expected a unique name` });
      else seen.set(a.name, i);
    });
    if (u.uavs && u.count > u.uavs.length) problems.push({ file, pointer: '/stationUavs/count', message: `${u.count} is more than the ${u.uavs.length} UAVs listed, expected at most ${u.uavs.length}` });
  }
  const k = b.prepositionKits;
  if (k && Array.isArray(k.townships) && k.count > k.townships.length) {
    problems.push({ file, pointer: '/prepositionKits/count', message: `${k.count} is more than the ${k.townships.length} townships listed, expected at most ${k.townships.length}` });
  }
  return problems.length ? { ok: false, problems } : { ok: true, budget: b };
}

type Json = Record<string, unknown>;

/** What of the base scenario a budget is checked and built against. */
export interface BudgetScenario {
  /** Sites in file order, with their township and class. */
  sites: { id: string; township: string; siteClass: string }[];
  townships: { id: string; population: number }[];
  uavs: string[];
}

export function budgetScenario(base: ScenarioFiles): BudgetScenario {
  const scenario = JSON.parse(base.read(base.mainName)) as Json;
  const layers = scenario.layers as Record<string, string>;
  const props = (path: string) => (JSON.parse(base.read(path)) as { features: { properties: Json }[] }).features.map((f) => f.properties);
  const resources = (scenario.resources ?? {}) as Json;
  return {
    sites: props(layers.sites).map((p) => ({ id: String(p.id), township: String(p.township ?? ''), siteClass: String(p.siteClass ?? 'macro') })),
    townships: props(layers.townships).map((p) => ({ id: String(p.id), population: Number(p.population ?? 0) })),
    uavs: Array.isArray(resources.uavs) ? (resources.uavs as Json[]).map((x) => String(x.id)) : [],
  };
}

/** Ids the budget names that the scenario lacks, sites already super, and counts beyond what the scenario has. */
export function checkBudgetIds(b: Budget, s: BudgetScenario, file: string): Problem[] {
  const problems: Problem[] = [];
  const siteClass = new Map(s.sites.map((x) => [x.id, x.siteClass]));
  const townships = new Set(s.townships.map((t) => t.id));
  const uavs = new Set(s.uavs);
  if (Array.isArray(b.hardenSites?.candidates)) {
    b.hardenSites.candidates.forEach((id, i) => {
      const cls = siteClass.get(id);
      if (cls === undefined) problems.push({ file, pointer: `/hardenSites/candidates/${i}`, message: `${show(id)} is not a site of the scenario` });
      else if (cls === 'super') problems.push({ file, pointer: `/hardenSites/candidates/${i}`, message: `${show(id)} is already a super site, expected a site to harden` });
    });
  }
  if (b.hardenSites?.candidates === 'auto') {
    const n = s.sites.filter((x) => x.siteClass !== 'super').length;
    if (b.hardenSites.count > n) problems.push({ file, pointer: '/hardenSites/count', message: `${b.hardenSites.count} is more than the scenario's ${n} sites that are not super sites, expected at most ${n}` });
  }
  if (b.stationUavs) {
    if (s.uavs.length === 0) problems.push({ file, pointer: '/stationUavs', message: 'the scenario has no UAVs, expected no stationUavs budget' });
    b.stationUavs.uavs?.forEach((id, i) => {
      if (!uavs.has(id)) problems.push({ file, pointer: `/stationUavs/uavs/${i}`, message: `${show(id)} is not a UAV of the scenario` });
    });
    const n = b.stationUavs.uavs?.length ?? s.uavs.length;
    if (!b.stationUavs.uavs && s.uavs.length > 0 && b.stationUavs.count > n) problems.push({ file, pointer: '/stationUavs/count', message: `${b.stationUavs.count} is more than the scenario's ${n} UAVs, expected at most ${n}` });
  }
  if (b.prepositionKits) {
    const list = b.prepositionKits.townships;
    if (Array.isArray(list)) {
      list.forEach((id, i) => {
        if (!townships.has(id)) problems.push({ file, pointer: `/prepositionKits/townships/${i}`, message: `${show(id)} is not a township of the scenario` });
      });
    } else if (b.prepositionKits.count > s.townships.length) {
      problems.push({ file, pointer: '/prepositionKits/count', message: `${b.prepositionKits.count} is more than the scenario's ${s.townships.length} townships, expected at most ${s.townships.length}` });
    }
  }
  return problems;
}

// ---- the objective (its KPI choices are the sweep's, summary.ts's KPI_METRICS) ----

/** The indicator "serviceLoss" stands for: the service lost over the first 72 h (area above the served curve). */
export const SERVICE_LOSS_INDICATOR = 'resilienceLoss72h';

export interface Objective {
  /** As written in the budget file. */
  name: string;
  /** The summary metric it reads. */
  metric: string;
  unit: string;
  higherIsBetter: boolean;
  value: (row: SweepRow) => number | null;
}

/** The objective a budget names, or why it cannot be measured with this profile. */
export function objectiveOf(name: string, profile: TargetProfile | null): { ok: true; objective: Objective } | { ok: false; message: string } {
  const known = () => [...(profile ? ['serviceLoss', 'pass', 'score', ...profile.indicators.map((i) => i.id)] : []), ...KPI_METRICS.map((k) => k.id)].join(', ');
  const needsProfile = (what: string) => ({ ok: false as const, message: `${show(name)} needs a target profile (${what}), and the scenario has none; expected one of ${known()}` });
  if (name === 'pass') {
    if (!profile) return needsProfile('pass or fail of a run');
    return { ok: true, objective: { name, metric: 'pass', unit: 'share', higherIsBetter: true, value: (r) => (r.pass === null ? null : r.pass ? 1 : 0) } };
  }
  if (name === 'score') {
    if (!profile) return needsProfile('the overall score');
    return { ok: true, objective: { name, metric: 'score', unit: 'points', higherIsBetter: true, value: (r) => r.score } };
  }
  const indicatorId = name === 'serviceLoss' ? SERVICE_LOSS_INDICATOR : name;
  const ind = profile?.indicators.find((i) => i.id === indicatorId);
  if (ind) return { ok: true, objective: { name, metric: ind.id, unit: ind.unit, higherIsBetter: ind.direction === 'higherIsBetter', value: (r) => r.indicators[ind.id]?.value ?? null } };
  if (name === 'serviceLoss') return needsProfile(`its indicator ${SERVICE_LOSS_INDICATOR}`);
  const kpi = KPI_METRICS.find((k) => k.id === name);
  if (kpi) return { ok: true, objective: { name, metric: kpi.id, unit: kpi.unit, higherIsBetter: kpi.higherIsBetter, value: (r) => r.kpis[kpi.id] ?? null } };
  return { ok: false, message: `${show(name)} is not a metric of the sweep summary, expected one of ${known()}` };
}

// ---- options and variants ----

export type OptionKind = 'harden' | 'uav' | 'kit';
export const OPTION_KINDS: readonly OptionKind[] = ['harden', 'uav', 'kit'];

export interface BudgetOption {
  /** "harden:SITE", "uav:UAV@AIRFIELD", "kit:TOWNSHIP". */
  id: string;
  kind: OptionKind;
  site?: string;
  uav?: string;
  airfield?: Airfield;
  township?: string;
}

/** How many options of each kind may be chosen. */
export type Counts = Record<OptionKind, number>;

export function budgetCounts(b: Budget): Counts {
  return { harden: b.hardenSites?.count ?? 0, uav: b.stationUavs?.count ?? 0, kit: b.prepositionKits?.count ?? 0 };
}

/**
 * Every option a budget allows, in a fixed order (hardening, then UAVs, then
 * kits; each in the file's or, for "all" and "auto", the scenario's order):
 * the order that breaks ties. `autoSites` is the shortlist for candidates "auto".
 */
export function budgetOptions(b: Budget, s: BudgetScenario, autoSites: readonly string[] = []): BudgetOption[] {
  const out: BudgetOption[] = [];
  if (b.hardenSites) for (const site of b.hardenSites.candidates === 'auto' ? autoSites : b.hardenSites.candidates) out.push({ id: `harden:${site}`, kind: 'harden', site });
  if (b.stationUavs) {
    for (const uav of b.stationUavs.uavs ?? s.uavs) for (const airfield of b.stationUavs.airfields) out.push({ id: `uav:${uav}@${airfield.name}`, kind: 'uav', uav, airfield });
  }
  if (b.prepositionKits) {
    for (const township of b.prepositionKits.townships === 'all' ? s.townships.map((t) => t.id) : b.prepositionKits.townships) out.push({ id: `kit:${township}`, kind: 'kit', township });
  }
  return out;
}

/**
 * One variant holding a selection, named by a fingerprint of what it changes
 * and of `context` (the base scenario's hash, the run length, the profile):
 * the same selection in any order gives the same name, so its runs can be
 * found again in a resumed optimisation's runs.jsonl.
 */
export function selectionVariant(b: Budget, selection: readonly BudgetOption[], context: string): Variant {
  const body: Omit<Variant, 'name'> = {};
  const sites = selection.filter((o) => o.kind === 'harden').map((o) => o.site!).sort();
  if (sites.length) {
    const h = b.hardenSites!;
    body.superSites = { ids: sites, ...(h.batteryKwh !== undefined ? { batteryKwh: h.batteryKwh } : {}), ...(h.generatorFuelHours !== undefined ? { generatorFuelHours: h.generatorFuelHours } : {}) };
  }
  const moves = selection.filter((o) => o.kind === 'uav').sort((x, y) => (x.uav! < y.uav! ? -1 : x.uav! > y.uav! ? 1 : 0));
  if (moves.length) body.moveUavs = moves.map((o) => ({ id: o.uav!, airfield: [o.airfield!.lonLat[0], o.airfield!.lonLat[1]] }));
  const kits = selection.filter((o) => o.kind === 'kit').map((o) => o.township!).sort();
  if (kits.length) {
    const k = b.prepositionKits!;
    body.prepositioned = { townships: kits, ...(k.satPhones !== undefined ? { satPhones: k.satPhones } : {}), ...(k.beidou !== undefined ? { beidou: k.beidou } : {}) };
  }
  if (selection.length === 0) return { name: BASE_VARIANT, description: 'the scenario as it is' };
  const description = [...selection].sort((x, y) => (x.id < y.id ? -1 : 1)).map((o) => o.id).join(' + ');
  return { name: `opt-${hashValue({ context, body })}`, description, ...body };
}

// ---- "auto" shortlisting ----

/**
 * For candidates "auto": the sites not already super, ranked by the
 * population-hours their outage cost across the base runs — hours off air
 * for want of power or backhaul (row.siteOutHours, sampled on the hour; what
 * hardening addresses) times the site's share of its
 * township's people (population ÷ sites in the township) — averaged over
 * the seeds; ties keep the scenario's order. Null when the rows carry no
 * per-site hours (rows of an older sweep).
 */
export function shortlistSites(s: BudgetScenario, baseRows: readonly SweepRow[], n: number): { id: string; populationHours: number }[] | null {
  if (baseRows.length === 0 || baseRows.some((r) => !r.siteOutHours)) return null;
  const pop = new Map(s.townships.map((t) => [t.id, t.population]));
  const perTownship = new Map<string, number>();
  for (const x of s.sites) perTownship.set(x.township, (perTownship.get(x.township) ?? 0) + 1);
  const ranked = s.sites
    .filter((x) => x.siteClass !== 'super')
    .map((x, order) => {
      const weight = (pop.get(x.township) ?? 0) / (perTownship.get(x.township) ?? 1);
      const hours = baseRows.reduce((sum, r) => sum + (r.siteOutHours![x.id] ?? 0), 0) / baseRows.length;
      return { id: x.id, populationHours: hours * weight, order };
    })
    .sort((a, b) => b.populationHours - a.populationHours || a.order - b.order);
  return ranked.slice(0, n).map(({ id, populationHours }) => ({ id, populationHours }));
}

// ---- the greedy search ----

/** Objective values by variant name, then by seed (a seed left out: not measured in that run). */
export type Evaluation = Map<string, Map<number, number>>;
export type Evaluate = (variants: Variant[], seeds: number[]) => Promise<Evaluation>;

export interface OptionResult {
  option: BudgetOption;
  variant: string;
  /** Mean objective of the selection with this option added. */
  mean: number | null;
  /** Paired difference against the selection before, on the same seeds. */
  vsCurrent: PairedDifference;
  /** The mean difference signed so that more is better (−difference for an objective where lower is better); null when not measured. */
  gain: number | null;
}

export interface SearchStep {
  step: number;
  chosen: BudgetOption;
  variant: Variant;
  /** The selection's mean objective after this step. */
  mean: number | null;
  /** The chosen option's marginal gain: paired difference against the selection before, with its 95 % interval. */
  marginal: PairedDifference;
  gain: number;
  /** Options whose gain equalled the chosen one's, passed over by the option order. */
  tiedWith: string[];
  /** Every option evaluated at this step, in option order. */
  evaluated: OptionResult[];
}

export type StopReason = 'budgetSpent' | 'noImprovement' | 'noOptions';

export interface SearchResult {
  base: { variant: string; mean: number | null; n: number };
  steps: SearchStep[];
  selection: BudgetOption[];
  final: Variant;
  stop: { reason: StopReason; message: string; atStep: number };
  /** When no option improved: every option evaluated at that last step, none kept. */
  rejected: OptionResult[] | null;
  /** What is left of each budget. */
  unspent: Counts;
  /** Runs asked of `evaluate` (variant × seed), cached ones included. */
  runsAsked: number;
}

export interface SearchInput {
  budget: Budget;
  options: readonly BudgetOption[];
  counts: Counts;
  higherIsBetter: boolean;
  seeds: readonly number[];
  /** Salt for the variants' fingerprints (selectionVariant's context). */
  context: string;
  evaluate: Evaluate;
  /** Told of each finished step (for progress lines). */
  onStep?: (step: SearchStep) => void;
}

/** Options still open: budget left for their kind, not chosen, and (UAVs) their UAV not yet stationed. */
function openOptions(options: readonly BudgetOption[], selection: readonly BudgetOption[], counts: Counts): BudgetOption[] {
  const used: Counts = { harden: 0, uav: 0, kit: 0 };
  for (const o of selection) used[o.kind]++;
  const chosen = new Set(selection.map((o) => o.id));
  const stationed = new Set(selection.filter((o) => o.kind === 'uav').map((o) => o.uav));
  return options.filter((o) => used[o.kind] < counts[o.kind] && !chosen.has(o.id) && !(o.kind === 'uav' && stationed.has(o.uav)));
}

const meanOf = (values: Map<number, number> | undefined, seeds: readonly number[]) => meanWithInterval(seeds.flatMap((s) => (values?.has(s) ? [values.get(s)!] : [])));

/**
 * Greedy forward selection. Each step evaluates every open option added to
 * the current selection on the same seeds and keeps the one with the largest
 * mean paired gain; a tie goes to the option first in option order. It stops
 * when every budget is spent, when no option is left, or when no option's
 * mean gain is above zero (the remaining budget is then reported unspent:
 * spending it would not help on these seeds).
 */
export async function greedySearch(input: SearchInput): Promise<SearchResult> {
  const seeds = [...input.seeds];
  const selection: BudgetOption[] = [];
  let current = selectionVariant(input.budget, [], input.context);
  const first = await input.evaluate([current], seeds);
  let currentValues = first.get(current.name) ?? new Map<number, number>();
  const baseMean = meanOf(currentValues, seeds);
  const steps: SearchStep[] = [];
  let runsAsked = seeds.length;
  let stop: SearchResult['stop'] | null = null;
  let rejected: OptionResult[] | null = null;
  while (!stop) {
    const open = openOptions(input.options, selection, input.counts);
    if (open.length === 0) {
      const spent = OPTION_KINDS.every((k) => selection.filter((o) => o.kind === k).length >= input.counts[k]);
      stop = spent
        ? { reason: 'budgetSpent', message: `every budget is spent after ${selection.length} step${selection.length === 1 ? '' : 's'}`, atStep: steps.length + 1 }
        : { reason: 'noOptions', message: `no option is left for the budget that remains after ${selection.length} step${selection.length === 1 ? '' : 's'}`, atStep: steps.length + 1 };
      break;
    }
    const variants = open.map((o) => selectionVariant(input.budget, [...selection, o], input.context));
    const values = await input.evaluate(variants, seeds);
    runsAsked += variants.length * seeds.length;
    const evaluated: OptionResult[] = open.map((option, i) => {
      const v = values.get(variants[i].name) ?? new Map<number, number>();
      const vsCurrent = pairedDifference(v, currentValues, input.higherIsBetter);
      const gain = vsCurrent.mean === null ? null : input.higherIsBetter ? vsCurrent.mean : 0 - vsCurrent.mean; // 0 − x, not −x: no −0 for "no change"
      return { option, variant: variants[i].name, mean: meanOf(v, seeds).mean, vsCurrent, gain };
    });
    let best = -1;
    evaluated.forEach((e, i) => {
      if (e.gain !== null && (best < 0 || e.gain > evaluated[best].gain!)) best = i;
    });
    if (best < 0 || evaluated[best].gain! <= 0) {
      const top = best < 0 ? 'no option was measured on these seeds' : `the best, ${evaluated[best].option.id}, has a mean gain of ${evaluated[best].gain}`;
      stop = { reason: 'noImprovement', message: `no option improves the objective at step ${steps.length + 1} (${top}); the rest of the budget is left unspent`, atStep: steps.length + 1 };
      rejected = evaluated;
      break;
    }
    const chosen = evaluated[best];
    const tiedWith = evaluated.filter((e, i) => i !== best && e.gain === chosen.gain).map((e) => e.option.id);
    selection.push(chosen.option);
    current = variants[best];
    currentValues = values.get(current.name) ?? new Map<number, number>();
    const step: SearchStep = { step: steps.length + 1, chosen: chosen.option, variant: current, mean: chosen.mean, marginal: chosen.vsCurrent, gain: chosen.gain!, tiedWith, evaluated };
    steps.push(step);
    input.onStep?.(step);
  }
  const used: Counts = { harden: 0, uav: 0, kit: 0 };
  for (const o of selection) used[o.kind]++;
  return {
    base: { variant: BASE_VARIANT, mean: baseMean.mean, n: baseMean.n },
    steps,
    selection,
    final: current,
    stop,
    rejected,
    unspent: { harden: input.counts.harden - used.harden, uav: input.counts.uav - used.uav, kit: input.counts.kit - used.kit },
    runsAsked,
  };
}
