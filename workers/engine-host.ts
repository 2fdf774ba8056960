// The engine as a worker sees it: load a scenario from file texts, run it,
// answer with plain data. The same host serves the browser's Web Worker and
// Node's worker_threads, so both run exactly the code the CLI runs.
import { runScenario, type Report } from '../src/engine/run.ts';
import type { Command } from '../src/model/commands.ts';
import { formatProblem } from '../src/scenario/problems.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import type { World } from '../src/model/world.ts';

export interface HostRunOptions {
  seed?: number;
  untilSec?: number;
  commands?: Command[];
}

export function createEngineHost() {
  let world: World | null = null;
  return {
    /** Loads a scenario from its file texts (paths relative to the scenario folder). */
    load(scenarioId: string, texts: Record<string, string>): { ok: true; sha256: string } | { ok: false; problems: string[] } {
      const result = loadScenario(memoryScenarioFiles(scenarioId, texts));
      if (!result.ok) {
        world = null;
        return { ok: false, problems: result.problems.map(formatProblem) };
      }
      world = result.world;
      return { ok: true, sha256: world.sha256 };
    },
    run(options: HostRunOptions = {}): Report {
      if (!world) throw new Error('no scenario loaded');
      return runScenario(world, {
        seed: options.seed ?? world.defaultSeed,
        untilSec: options.untilSec ?? world.durationSec,
        commands: options.commands ?? [],
      }).report;
    },
  };
}

export type EngineHost = ReturnType<typeof createEngineHost>;
