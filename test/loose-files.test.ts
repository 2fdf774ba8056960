// A shipped scenario handed to the console as loose files (a file picker or a
// drop of the files themselves, no folder): every file the scenario names —
// layers, each hazard's files (ground failure, flood zones, the elevation
// grid), the target profile — is matched by file name, and the scenario loads
// with the same fingerprint as from its folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskScenarioFiles } from '../cli/files.ts';
import { loadScenario, type ScenarioFiles } from '../src/scenario/load.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import { referencedFiles } from '../src/scenario/references.ts';
import { interpretDropped } from '../web/scenarios.ts';
import { ROOT } from './helpers.ts';

const SHIPPED = readdirSync(join(ROOT, 'scenarios')).filter((d) => statSync(join(ROOT, 'scenarios', d, 'scenario.json'), { throwIfNoEntry: false })?.isFile());

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => /\.(json|geojson)$/.test(p) && statSync(join(dir, p)).isFile());
}

describe.each(SHIPPED)('%s as loose files', (id) => {
  const path = join(ROOT, 'scenarios', id, 'scenario.json');

  it('names every file the loader reads', () => {
    const read = new Set<string>();
    const disk = diskScenarioFiles(path);
    const recording: ScenarioFiles = { ...disk, read: (rel) => (read.add(rel), disk.read(rel)), size: (rel) => (read.add(rel), disk.size(rel)) };
    expect(loadScenario(recording).ok).toBe(true);
    read.delete('scenario.json');
    expect([...read].every((rel) => referencedFiles(JSON.parse(readFileSync(path, 'utf8'))).includes(rel)), [...read].join(', ')).toBe(true);
  });

  it('loads from its files given loose, with the same fingerprint as from the folder', () => {
    const folder = dirname(path);
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    // Every file of the folder and the target profile, each by its bare name, as a file picker gives them.
    const files = [...filesUnder(folder).map((p) => join(folder, p)), ...(doc.targets ? [join(folder, doc.targets)] : [])].map((full) => ({ path: basename(full), text: readFileSync(full, 'utf8') }));
    expect(files.some((f) => f.path === 'scenario.json')).toBe(true);
    const content = interpretDropped(files);
    expect(content.kind).toBe('scenario');
    if (content.kind !== 'scenario') return;
    for (const ref of referencedFiles(doc)) expect(Object.keys(content.texts), ref).toContain(ref);
    const loose = loadScenario(memoryScenarioFiles(content.id, content.texts));
    expect(loose.ok ? [] : loose.problems.slice(0, 5)).toEqual([]);
    const fromFolder = loadScenario(diskScenarioFiles(path));
    expect(loose.ok && fromFolder.ok && loose.world.sha256 === fromFolder.world.sha256).toBe(true);
    expect(relative(ROOT, folder)).toBe(join('scenarios', id));
  });
});
