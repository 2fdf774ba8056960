// Shared helpers for cross-cutting tests.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { diskScenarioFiles } from '../src/cli/files.ts';
import { formatProblems, loadScenario } from '../src/scenario/load.ts';
import type { World } from '../src/scenario/world.ts';

export const ROOT = join(import.meta.dirname, '..');
export const JISHISHAN = join(ROOT, 'scenarios', 'jishishan-2023', 'scenario.json');
export const TINY = join(ROOT, 'test', 'fixtures', 'tiny', 'scenario.json');

const cache = new Map<string, World>();

export function loadWorld(path: string): World {
  let world = cache.get(path);
  if (!world) {
    const result = loadScenario(diskScenarioFiles(path));
    if (!result.ok) throw new Error(formatProblems(result.problems));
    world = result.world;
    cache.set(path, world);
  }
  return world;
}

/** Every file of a scenario folder as text, keyed by path relative to the folder, plus referenced files outside it. */
export function scenarioTexts(path: string): Record<string, string> {
  const dir = join(path, '..');
  const texts: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(json|geojson)$/.test(name)) texts[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return texts;
}

/** Captures what a CLI call prints. */
export function captureOut() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: { log: (s: string) => (out.stdout += s + '\n'), err: (s: string) => (out.stderr += s + '\n') },
  };
}
