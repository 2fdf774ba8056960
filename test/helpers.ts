// Shared helpers for cross-cutting tests.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { diskScenarioFiles } from '../cli/files.ts';
import { formatProblems, loadScenario } from '../src/scenario/load.ts';
import type { World } from '../src/model/world.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import type { Sim } from '../src/engine/sim.ts';
import { refreshSite } from '../src/infra/sites.ts';

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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

/**
 * The tiny fixture as a World, its quake moved past the end and no doctrine
 * (and no teams), so only what a test does happens; `edit` changes the parsed
 * files first (keys are paths relative to the scenario folder).
 */
export function tinyWorld(edit: (files: Record<string, Doc>) => void = () => {}): World {
  const texts = scenarioTexts(TINY);
  const docs: Record<string, Doc> = {};
  for (const [k, v] of Object.entries(texts)) docs[k] = JSON.parse(v);
  docs['scenario.json'].hazards[0].tSec = 12 * 3600;
  docs['scenario.json'].settings.doctrineSeats = 'none';
  edit(docs);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(docs)) out[k] = JSON.stringify(v);
  const result = loadScenario(memoryScenarioFiles('tiny', out));
  if (!result.ok) throw new Error(formatProblems(result.problems));
  return result.world;
}

/**
 * The tiny fixture with one base at [lon, lat] (id b-1) and the given teams,
 * its quake and doctrine as tinyWorld leaves them unless `edit` changes them.
 */
export function tinyWorldWithTeams(baseLonLat: [number, number], teams: Doc[], edit: (files: Record<string, Doc>) => void = () => {}): World {
  return tinyWorld((d) => {
    d['scenario.json'].layers.bases = 'layers/bases.geojson';
    d['layers/bases.geojson'] = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: baseLonLat }, properties: { id: 'b-1', nameZh: '县城' } }],
    };
    d['scenario.json'].resources.teams = teams;
    edit(d);
  });
}

/** Sets a site's damage state at the current time; its township counts as affected (the doctrine works only there). */
export function damageSite(sim: Sim, id: string, ds: number): number {
  const s = sim.world.sites.ids.indexOf(id);
  sim.state.townships.affected[sim.world.sites.township[s]] = 1;
  sim.state.sites.damageState[s] = ds;
  refreshSite(sim.ctx, s);
  return s;
}
