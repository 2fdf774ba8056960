// The drilltwin command: thin. It reads files, calls the engine, writes
// files, and turns every kind of bad input into a message and exit code 2.
// Exit codes: 0 ok, 1 run or verification failed, 2 invalid input.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runScenario, type Report, type SnapshotFile } from '../src/engine/run.ts';
import { decodeSnapshotFile, encodeSnapshotFile } from '../src/engine/snapshot-file.ts';
import type { Command } from '../src/model/commands.ts';
import { doctrineSeatsFromText, seedFromText, type Choice } from '../src/model/run-choices.ts';
import { commandShapeProblem } from '../src/response/commands.ts';
import { formatProblems, loadScenario } from '../src/scenario/load.ts';
import type { World } from '../src/model/world.ts';
import { SITE_CLASSES } from '../src/model/world.ts';
import { formatHms, parseDurationSec, terminalSafe, UsageError } from './args.ts';
import { diskScenarioFiles, readTargetsText } from './files.ts';
import { quakeCommand } from './quake.ts';
import { drillDivergence, looksLikeDrill, replayDrillText } from './drill-input.ts';
import { benchCommand } from './bench.ts';
import { reportCommand, REPORT_USAGE } from './report.ts';
import { checkSnapshotForRun, problemsError, reportFromText } from './saved-inputs.ts';
import { replayEngineProblem, replayProblems } from '../src/engine/formats/index.ts';
import { formatProblem } from '../src/scenario/problems.ts';
import { readUserFile, showPath, USER_FILE_LIMITS, UserFileError } from '../workers/user-file.ts';
import { checkOutputFile, writeOutputsAtomically, type Output } from './output-files.ts';
import { describeJsonSyntax } from '../src/core/json-syntax.ts';
import { loadProfile, type TargetProfile } from '../src/scoring/profile.ts';
import type { ModelParams } from '../src/model/params/index.ts';
import { paramsMismatch, paramsSummary, readParamsFile, type ParamsRecord } from './params.ts';

const USAGE = `drilltwin — a digital twin for disaster-response communication exercises

Usage:
  drilltwin validate SCENARIO
  drilltwin run SCENARIO [--seed N] [--until 72h] [--commands FILE.jsonl] [--out REPORT.json]
                         [--doctrine all|none|SEAT,SEAT] [--snapshot-at 6h --snapshot-out FILE]
                         [--from-snapshot FILE] [--params PARAMS.json] [--quiet]
  drilltwin replay REPORT.json|DRILL.json [--params PARAMS.json] [--scenario FOLDER (a drill's, when not shipped)]
  drilltwin quake --epicenter LON,LAT --magnitude M [--magnitude-type Ms|Mw] [--depth KM]
                  [--strike DEG] [--zone auto|east|central|xinjiang|qinghai-tibet] [--json]
  drilltwin bench [--json] [--runs N] [--only jishishan|province] | bench --server [--json]
  drilltwin serve [--host 127.0.0.1] [--port 5173] [--data ./data]   (joint drills: see README)
  ${REPORT_USAGE.replace(/^Usage:\s*/, '').trim()}
  drilltwin import MAPPING.json --out FOLDER [--check]   (your own county: see README)
  drilltwin msel export SCENARIO --out MSEL.xlsx|MSEL.csv [--lang zh|en]
  drilltwin msel import MSEL.xlsx|MSEL.csv --into SCENARIO
  drilltwin sweep SCENARIO --variants FILE --seeds 1..N [--workers K] [--out DIR] [--targets FILE] [--until 72h]
                  [--queue redis://HOST:PORT [--queue-name NAME] [--shard-seeds 10]]
  drilltwin sweep-worker --queue redis://HOST:PORT [--queue-name NAME] [--lock-sec 30]   (scale-out: see README)
  drilltwin optimise SCENARIO --budget FILE [--seeds 1..N] [--workers K] [--out DIR] [--until 72h] [--json]
  drilltwin hindcast SCENARIO [--seeds 1..20] [--workers K] [--out DIR] [--until 72h] [--params PARAMS.json] [--json]   (model against observed)
  drilltwin bench --sweep [--json] [--runs N] [--sweep-runs 1000] [--scaling-runs 100]

Exit codes: 0 ok, 1 run or verification failed, 2 invalid input.`;

export const EXIT = { OK: 0, FAILED: 1, INVALID: 2 } as const;

type Out = { log(s: string): void; err(s: string): void };
// Everything printed passes terminalSafe: names and paths from a file must not drive the terminal.
const stdio: Out = { log: (s) => process.stdout.write(terminalSafe(s) + '\n'), err: (s) => process.stderr.write(terminalSafe(s) + '\n') };

export function wallClockMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export async function main(argv: string[], out: Out = stdio): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'validate':
        return validateCommand(rest, out);
      case 'run':
        return runCommand(rest, out);
      case 'replay':
        return replayCommand(rest, out);
      case 'quake':
        return quakeCommand(rest, out);
      case 'bench':
        return await benchCommand(rest, out);
      case 'report':
        return reportCommand(rest, out);
      case 'msel': {
        const { mselCommand } = await import('./msel.ts');
        return await mselCommand(rest, out);
      }
      case 'import': {
        const { importCommand } = await import('./import.ts');
        return await importCommand(rest, out);
      }
      case 'sweep': {
        const { sweepCommand } = await import('./sweep.ts');
        return await sweepCommand(rest, out);
      }
      case 'hindcast': {
        const { hindcastCommand } = await import('./hindcast.ts');
        return await hindcastCommand(rest, out);
      }
      case 'optimise': {
        const { optimiseCommand } = await import('./optimise.ts');
        return await optimiseCommand(rest, out);
      }
      case 'sweep-worker': {
        const { sweepWorkerCommand } = await import('./sweep.ts');
        return await sweepWorkerCommand(rest, out);
      }
      case 'serve': {
        // The joint-drill server runs until SIGINT/SIGTERM.
        const { serve } = await import('../workers/server/main.ts');
        await serve(rest, out);
        return await new Promise<number>(() => {});
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out.log(USAGE);
        return command === undefined ? EXIT.INVALID : EXIT.OK;
      default:
        out.err(`unknown command "${command}"\n\n${USAGE}`);
        return EXIT.INVALID;
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof UserFileError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      out.err(`drilltwin ${command}: ${(err as Error).message}`);
      return EXIT.INVALID;
    }
    throw err;
  }
}

export function loadWorldOrReport(path: string, out: Out, params?: ModelParams): World | null {
  if (!existsSync(path)) {
    out.err(`${path}: file not found`);
    return null;
  }
  const result = loadScenario(diskScenarioFiles(path), params);
  if (!result.ok) {
    out.err(`${path}: the scenario is invalid (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):`);
    out.err(formatProblems(result.problems));
    return null;
  }
  return result.world;
}

function summaryParagraph(world: World): string {
  const siteClassCount = (cls: string) => world.sites.siteClass.filter((c) => SITE_CLASSES[c] === cls).length;
  const people = world.townships.population.reduce((a, b) => a + b, 0);
  const quakes = world.earthquakes
    .map((q) => `${q.id} ${q.magnitudeType} ${q.magnitude} at T+${formatHms(q.tSec)} (${q.zone} zone${q.isoseismals.length ? ', published isoseismals' : q.amplification.length ? ', with site amplification' : ''})`)
    .join('; ');
  const floods = world.floods
    .map((f) => `${f.id} flood from T+${formatHms(f.tSec)} to T+${formatHms(f.endSec)} over ${f.zones.length} zones (${f.exposures.length} assets exposed)`)
    .join('; ');
  const hazards = [quakes, floods].filter(Boolean).join('; ');
  return (
    `${world.scenarioId}: ${world.name.zh}${world.name.en ? ` / ${world.name.en}` : ''}. ` +
    `${world.townships.ids.length} townships (${people.toLocaleString('en')} people, ${world.population.ids.length} population points), ` +
    `${world.sites.ids.length} cell sites (${siteClassCount('super')} super base stations, ${siteClassCount('small')} small cells), ` +
    `${world.substations.ids.length} substations, ${world.feeders.ids.length} feeders, ${world.roads.ids.length} road segments, ` +
    `${world.bases.ids.length} bases, ${world.landingZones.ids.length} landing zones, ${world.shelters.ids.length} shelters, ` +
    `${world.generatorPools.length} generator pools, ${world.msel.length} injects. ` +
    `${world.teams.length} teams, ${world.uavs.length} UAVs, ${world.helicopters.length} helicopters. ` +
    `Hazards: ${hazards}. Duration ${world.durationSec / 3600} h from ${world.start} (${world.timeZone}); default seed ${world.defaultSeed}.`
  );
}

function validateCommand(argv: string[], out: Out): number {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('expected exactly one SCENARIO path');
  const world = loadWorldOrReport(positionals[0], out);
  if (!world) return EXIT.INVALID;
  out.log(summaryParagraph(world));
  return EXIT.OK;
}

/** Most bad lines of a command log that are listed; the rest are counted. */
const COMMAND_PROBLEMS_SHOWN = 100;

/** Reads a JSON-lines command log; any bad line refuses the whole file. */
export function readCommandsFile(path: string): Command[] {
  return commandsFromText(readUserFile(path, { label: '--commands', maxBytes: USER_FILE_LIMITS.commandsBytes }), path);
}

/** The commands of a command log's text (`path` names it in messages); a UsageError listing the bad lines as path:line#/pointer. */
export function commandsFromText(text: string, path: string): Command[] {
  const commands: Command[] = [];
  const problems: string[] = [];
  let badLines = 0;
  const shown = showPath(path);
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.trim().startsWith('//')) return;
    let problem: string | null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
      // file:line#/args/siteId: the line, then the field within it, as the published command.schema.json names it.
      const shape = commandShapeProblem(parsed);
      problem = shape ? `#${shape.pointer}: ${shape.message}` : null;
    } catch {
      problem = describeJsonSyntax(line).replace(/\(line 1, /, '(');
    }
    if (problem === null) commands.push(parsed as Command);
    else if (++badLines <= COMMAND_PROBLEMS_SHOWN) problems.push(problem.startsWith('#') ? `${shown}:${i + 1}${problem}` : `${shown}:${i + 1}: ${problem}`);
  });
  if (badLines > COMMAND_PROBLEMS_SHOWN) problems.push(`and ${badLines - COMMAND_PROBLEMS_SHOWN} more bad lines not listed`);
  if (problems.length) throw new UsageError(`--commands: the command log is invalid (${badLines} bad line${badLines === 1 ? '' : 's'}), nothing was run:\n${problems.join('\n')}`);
  return commands;
}

function readSnapshot(path: string): SnapshotFile {
  const text = readUserFile(path, { label: '--from-snapshot', maxBytes: USER_FILE_LIMITS.snapshotBytes });
  try {
    return decodeSnapshotFile(text);
  } catch (err) {
    throw new UsageError(`--from-snapshot: ${path}: ${(err as Error).message}`);
  }
}

function progressPrinter(out: Out): ((t: number, until: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const startedMs = wallClockMs();
  return (t, until) => {
    if (wallClockMs() - startedMs < 1000) return;
    process.stderr.write(`\r  simulated ${formatHms(t)} of ${formatHms(until)} (${Math.round((100 * t) / until)} %)   `);
    if (t >= until) process.stderr.write('\n');
  };
}

function runCommand(argv: string[], out: Out): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: 'string' },
      until: { type: 'string' },
      commands: { type: 'string' },
      out: { type: 'string' },
      'snapshot-at': { type: 'string' },
      'snapshot-out': { type: 'string' },
      'from-snapshot': { type: 'string' },
      doctrine: { type: 'string' },
      params: { type: 'string' },
      quiet: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('expected exactly one SCENARIO path');
  if (values['snapshot-at'] && !values['snapshot-out']) throw new UsageError('--snapshot-at needs --snapshot-out FILE');
  if (values['snapshot-out'] && !values['snapshot-at']) throw new UsageError('--snapshot-out needs --snapshot-at TIME');
  // Outputs are checked before the run, so an unwritable one fails now, not after it.
  if (values.out !== undefined) checkOutputFile('--out', values.out);
  if (values['snapshot-out'] !== undefined) checkOutputFile('--snapshot-out', values['snapshot-out']);
  const paramsInput = values.params !== undefined ? readParamsFile(values.params, out) : undefined;
  if (paramsInput === null) return EXIT.INVALID;
  const world = loadWorldOrReport(positionals[0], out, paramsInput?.params);
  if (!world) return EXIT.INVALID;
  const seed = values.seed !== undefined ? choice('--seed', seedFromText(values.seed)) : world.defaultSeed;
  const untilSec = values.until ? parseDurationSec('--until', values.until) : world.durationSec;
  if (untilSec <= 0 || untilSec > world.durationSec) {
    throw new UsageError(`--until: ${untilSec} s is outside the scenario, expected 1 s to ${world.durationSec / 3600} h`);
  }
  const commands = values.commands ? readCommandsFile(values.commands) : [];
  const targets = loadScenarioTargets(positionals[0], world, out);
  if (targets === 'invalid') return EXIT.INVALID;
  const from = values['from-snapshot'] ? readSnapshot(values['from-snapshot']) : undefined;
  if (from) checkSnapshotForRun(from, world, values['from-snapshot']!, untilSec);
  if (from && from.snapshot.seed !== seed && values.seed !== undefined) {
    throw new UsageError(`--seed ${seed} differs from the snapshot's seed ${from.snapshot.seed}`);
  }
  const snapshotAtSec = values['snapshot-at'] ? parseDurationSec('--snapshot-at', values['snapshot-at']) : undefined;
  if (snapshotAtSec !== undefined && (snapshotAtSec <= 0 || snapshotAtSec >= untilSec)) {
    throw new UsageError(`--snapshot-at: ${snapshotAtSec} s is not inside the run (0, ${untilSec}) s`);
  }
  let result;
  try {
    result = runScenario(world, {
      seed: from ? from.snapshot.seed : seed,
      untilSec,
      commands,
      snapshotAtSec,
      from,
      clockMs: wallClockMs,
      targets: targets ?? undefined,
      doctrineSeats: values.doctrine !== undefined ? parseDoctrineSeats(values.doctrine) : undefined,
      onProgress: values.quiet ? undefined : progressPrinter(out),
    });
  } catch (err) {
    if (from) throw new UsageError(`--from-snapshot: ${(err as Error).message}`);
    throw err;
  }
  // The report says which parameters the run used, so a replay can insist on the same.
  const report: Report & { params?: ParamsRecord } = paramsInput ? { ...result.report, params: paramsInput.record } : result.report;
  const outputs: Output[] = [];
  if (values.out) outputs.push({ label: '--out', path: values.out, text: JSON.stringify(report, null, 1) + '\n' });
  if (result.snapshotFile && values['snapshot-out']) outputs.push({ label: '--snapshot-out', path: values['snapshot-out'], text: encodeSnapshotFile(result.snapshotFile) });
  writeOutputsAtomically(outputs);
  if (!values.quiet) out.log(runSummary(report) + (paramsInput ? '\n' + paramsSummary(paramsInput.record) : ''));
  return EXIT.OK;
}

/** A choice the console refuses alike (src/model/run-choices.ts), or a usage error naming the option. */
function choice<T>(option: string, c: Choice<T>): T {
  if (!c.ok) throw new UsageError(`${option}: ${c.reason}`);
  return c.value;
}

/** --doctrine all | none | seat,seat,... */
export function parseDoctrineSeats(text: string): string[] {
  return choice('--doctrine', doctrineSeatsFromText(text));
}

/** The scenario's capability-target profile, if it names one: null when it names none, 'invalid' after printing the problems. */
export function loadScenarioTargets(scenarioPath: string, world: World, out: Out): TargetProfile | null | 'invalid' {
  if (!world.targetsPath) return null;
  let text: string;
  try {
    text = readTargetsText(scenarioPath, world.targetsPath, `${showPath(scenarioPath)}#/targets`);
  } catch (err) {
    if (!(err instanceof UserFileError)) throw err;
    out.err(err.message);
    return 'invalid';
  }
  const loaded = loadProfile(text, world.targetsPath);
  if (!loaded.ok) {
    out.err(`${world.targetsPath}: the target profile is invalid:\n${formatProblems(loaded.problems)}`);
    return 'invalid';
  }
  return loaded.profile;
}

export function runSummary(r: Report): string {
  const s = r.kpis.summary;
  const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)} %`);
  return [
    `${r.scenario.id} (seed ${r.seed}): simulated ${formatHms(r.simulatedSeconds)} in ${r.wallMs} ms, ${r.eventsProcessed} events.`,
    `  population with mobile service: lowest ${pct(s.populationServedFracMin)} at T+${formatHms(s.populationServedFracMinAtSec ?? 0)}, at the end ${pct(s.populationServedFracFinal)}`,
    `  sites out at peak: power ${s.sitesOutPowerPeak}, damage ${s.sitesOutDamagePeak}, transport ${s.sitesOutTransportPeak}; substations out at peak: ${s.substationsOutPeak}`,
    `  commands: ${r.commands.filter((c) => c.by !== 'doctrine').length} from players, ${r.commands.filter((c) => c.by === 'doctrine').length} from the doctrine (seats: ${r.doctrineSeats.join(', ') || 'none'}), ${r.rejections} rejected`,
    ...(r.targets
      ? [
          r.targets.overall.rating === 'notMeasured'
            ? `  2027 capability targets: provisional ${r.targets.overall.score} / 100, not rated (some indicators unrated)`
            : `  2027 capability targets: ${r.targets.overall.score} / 100, rated ${r.targets.overall.rating}`,
        ]
      : []),
    `  final state hash ${r.finalStateHash}`,
  ].join('\n');
}

function replayCommand(argv: string[], out: Out): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { params: { type: 'string' }, scenario: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('expected exactly one REPORT.json path');
  const path = positionals[0];
  const text = readUserFile(path, { label: '', maxBytes: USER_FILE_LIMITS.reportBytes });
  if (looksLikeDrill(text)) return replayDrill(text, path, out, values.scenario);
  if (values.scenario !== undefined) throw new UsageError('--scenario: only for a drill file (a run report names its scenario by id)');
  const recorded: Report = reportFromText(text, path);
  // Another engine's hashes need not match: refused, not reported as a divergence.
  const otherEngine = replayEngineProblem(recorded, path);
  if (otherEngine) {
    out.err(formatProblem(otherEngine));
    return EXIT.FAILED;
  }
  const scenarioPath = findScenario(recorded.scenario.id);
  if (!scenarioPath) throw new UsageError(`${path}#/scenario/id: scenario "${recorded.scenario.id}" not found under scenarios/`);
  const paramsInput = values.params !== undefined ? readParamsFile(values.params, out) : undefined;
  if (paramsInput === null) return EXIT.INVALID;
  const mismatch = paramsMismatch((recorded as { params?: ParamsRecord }).params, paramsInput?.record);
  if (mismatch) throw new UsageError(`${path}#/params: ${mismatch}`);
  const world = loadWorldOrReport(scenarioPath, out, paramsInput?.params);
  if (!world) return EXIT.INVALID;
  if (world.sha256 !== recorded.scenario.sha256) {
    out.err(`the scenario ${scenarioPath} has changed since the report was made (sha256 ${world.sha256.slice(0, 12)}… vs ${recorded.scenario.sha256.slice(0, 12)}…)`);
    return EXIT.FAILED;
  }
  const unreplayable = replayProblems(recorded, world, path);
  if (unreplayable.length) throw problemsError(`${path}: cannot be replayed`, unreplayable);
  // The doctrine's commands are regenerated by playing the same seats again.
  const commands = recorded.commands.filter((c) => c.by !== 'doctrine').map(({ tSec, seat, type, args }) => ({ tSec, seat, type, args }));
  const { report } = runScenario(world, { seed: recorded.seed, untilSec: recorded.untilSec, commands, doctrineSeats: recorded.doctrineSeats ?? [], clockMs: wallClockMs });
  const replayed = new Map(report.stateHashes.map((h) => [h.tSec, h.hash]));
  for (const h of recorded.stateHashes) {
    const got = replayed.get(h.tSec);
    if (got !== h.hash) {
      out.err(`diverged at T+${formatHms(h.tSec)} (tSec ${h.tSec}): recorded ${h.hash}, replayed ${got ?? 'nothing'}`);
      return EXIT.FAILED;
    }
  }
  if (report.finalStateHash !== recorded.finalStateHash) {
    out.err(`final state differs: recorded ${recorded.finalStateHash}, replayed ${report.finalStateHash}`);
    return EXIT.FAILED;
  }
  out.log(`replay identical: ${recorded.stateHashes.length} hourly hashes and the final hash ${report.finalStateHash} match`);
  return EXIT.OK;
}

/** A console drill (drilltwin/drill@1): its log replayed must give the hashes it recorded. */
function replayDrill(text: string, path: string, out: Out, scenarioPath?: string): number {
  const { drill, report } = replayDrillText(text, path, { clockMs: wallClockMs, scenarioPath });
  const divergence = drillDivergence(drill, report);
  if (divergence) {
    out.err(divergence);
    return EXIT.FAILED;
  }
  out.log(`replay identical: ${drill.stateHashes?.length ?? 0} hourly hashes and the final hash ${report.finalStateHash} at T+${formatHms(report.untilSec)} match the drill`);
  return EXIT.OK;
}

/** Shipped scenarios: under ./scenarios, or the package's own scenarios folder. */
function findScenario(id: string): string | null {
  if (!/^[A-Za-z0-9_.-]+$/.test(id)) return null;
  const candidates = [`scenarios/${id}/scenario.json`, fileURLToPath(new URL(`../../scenarios/${id}/scenario.json`, import.meta.url))];
  return candidates.find((c) => existsSync(c)) ?? null;
}
