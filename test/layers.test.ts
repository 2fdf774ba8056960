// The folders of src/ form layers, bottom to top; an import (type imports
// included) may only point to the same folder or one below. Hosts, tools and
// the view sit above src/ and src/ never imports them. This is what keeps a
// new system, hazard or host from tangling the engine.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/**
 * Bottom to top. Two places differ from a naive reading of the design brief,
 * on purpose: hazards sit above infra because a hazard module applies itself
 * to the infrastructure (trips feeders, damages sites); scoring sits below
 * drill because what a seat sees includes the KPIs the seat may read.
 */
export const SRC_LAYERS = ['core', 'model', 'scenario', 'infra', 'hazards', 'response', 'scoring', 'drill', 'engine', 'sweep'] as const;
/**
 * Top-level folders above src/, and what each may import. authoring/ is the
 * pure, I/O-free scenario authoring code (the scenario kit and the importer's
 * mapping, readers on bytes, coordinate conversion and synthesis): the build
 * scripts (tools/), the command line (cli/) and the console's import page
 * (web/) all build scenarios with it, so it sits below all three and imports
 * only the engine's src/. Disk and process I/O stay in tools/ and cli/.
 */
const OUTER: Record<string, string[]> = {
  authoring: ['src'],
  tools: ['src', 'authoring'],
  workers: ['src'],
  cli: ['src', 'tools', 'workers', 'authoring'],
  web: ['src', 'workers', 'authoring'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(ts|mts|mjs)$/.test(name) ? [full] : [];
  });
}

const SPEC = /(?:^|\n)\s*(?:import|export)\b[^;'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

export function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(SPEC)) out.push(resolve(dirname(file), m[1] ?? m[2]));
  return out;
}

function layerOf(path: string): { top: string; layer: number } {
  const rel = relative(ROOT, path).split(sep);
  if (rel[0] !== 'src') return { top: rel[0], layer: -1 };
  const folder = rel.length > 2 ? rel[1] : '';
  return { top: 'src', layer: (SRC_LAYERS as readonly string[]).indexOf(folder) };
}

export function layerViolations(): string[] {
  const bad: string[] = [];
  for (const top of ['src', ...Object.keys(OUTER)]) {
    let dir: string;
    try {
      dir = join(ROOT, top);
      statSync(dir);
    } catch {
      continue;
    }
    for (const file of files(dir)) {
      const from = layerOf(file);
      const isTest = /\.test\.ts$/.test(file);
      for (const target of relativeImports(file)) {
        const to = layerOf(target);
        const where = `${relative(ROOT, file)} → ${relative(ROOT, target)}`;
        if (from.top === 'src') {
          if (to.top !== 'src') {
            // Tests of src/ may use the shared test helpers.
            if (!(isTest && to.top === 'test')) bad.push(`${where}: src/ imports from outside src/`);
          } else if (from.layer < 0 || to.layer < 0) bad.push(`${where}: a folder of src/ missing from SRC_LAYERS`);
          else if (to.layer > from.layer && !isTest) bad.push(`${where}: ${SRC_LAYERS[from.layer]} imports ${SRC_LAYERS[to.layer]}, a layer above it`);
        } else if (to.top !== from.top && !OUTER[from.top].includes(to.top) && !(isTest && to.top === 'test')) {
          bad.push(`${where}: ${from.top}/ may import only ${OUTER[from.top].join(', ')}`);
        }
      }
    }
  }
  return bad;
}

describe('layers', () => {
  it('finds the imports it checks (the check itself works)', () => {
    const imports = relativeImports(join(ROOT, 'src', 'engine', 'sim.ts'));
    expect(imports.some((p) => p.includes(`${sep}model${sep}`))).toBe(true);
    expect(layerOf(join(ROOT, 'src', 'model', 'state.ts')).layer).toBeLessThan(layerOf(join(ROOT, 'src', 'engine', 'sim.ts')).layer);
  });

  it('no import in src/ points up a layer, and src/ imports nothing outside it', () => {
    expect(layerViolations()).toEqual([]);
  });

  it('authoring/ does no I/O (no node: module), so the console can run it in a browser worker', () => {
    const bad = files(join(ROOT, 'authoring')).filter((f) => !/\.test\.ts$/.test(f) && /from\s*['"]node:|require\(\s*['"]node:/.test(readFileSync(f, 'utf8')));
    expect(files(join(ROOT, 'authoring')).length).toBeGreaterThan(0);
    expect(bad.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('engine/ imports only core, model and the systems it wires', () => {
    const allowed = new Set(['core', 'model', 'scenario', 'infra', 'hazards', 'response', 'scoring', 'drill', 'engine']);
    const bad = files(join(ROOT, 'src', 'engine')).flatMap((f) =>
      relativeImports(f)
        .map((t) => relative(join(ROOT, 'src'), t).split(sep)[0])
        .filter((folder) => !allowed.has(folder)),
    );
    expect(bad).toEqual([]);
  });
});
