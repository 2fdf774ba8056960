// Scenario sources: the shipped scenarios (bundled from scenarios/ at build
// time, loaded on demand, never from the network) and files the user drops in.
import { referencedFiles } from '../src/scenario/references.ts';

const shippedFiles = import.meta.glob<string>(['../scenarios/*/**/*.{json,geojson}', '!../scenarios/schema/**'], { query: '?raw', import: 'default' });

/** The names of the shipped scenarios, read at build time so the list can show them before any is loaded. */
const shippedNames = import.meta.glob<{ zh?: string; en?: string }>('../scenarios/*/scenario.json', { import: 'name', eager: true });

export interface ShippedScenario {
  id: string;
  /** The scenario's own name (its id when it has none). */
  name: { zh: string; en: string };
  load(): Promise<Record<string, string>>;
}

/**
 * Scenario folders that have a scenario.json, in id order. Files of shared
 * folders without one (targets/, schema/) are added as "../<folder>/<file>",
 * so a scenario may reference e.g. "../targets/2027-emergency-comms.json".
 */
export function shippedScenarios(): ShippedScenario[] {
  const byFolder = new Map<string, Map<string, () => Promise<string>>>();
  for (const [path, load] of Object.entries(shippedFiles)) {
    const m = /^\.\.\/scenarios\/([^/]+)\/(.+)$/.exec(path);
    if (!m) continue;
    let files = byFolder.get(m[1]);
    if (!files) byFolder.set(m[1], (files = new Map()));
    files.set(m[2], load);
  }
  const shared: [string, () => Promise<string>][] = [];
  for (const [folder, files] of byFolder) if (!files.has('scenario.json')) for (const [rel, read] of files) shared.push([`../${folder}/${rel}`, read]);
  return [...byFolder.entries()]
    .filter(([, files]) => files.has('scenario.json'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, files]) => ({
      id,
      name: nameOf(id),
      async load() {
        const all = [...files.entries(), ...shared.filter(([rel]) => !rel.startsWith('../schema/'))];
        const entries = await Promise.all(all.map(async ([rel, read]) => [rel, await read()] as const));
        return Object.fromEntries(entries);
      },
    }));
}

function nameOf(id: string): { zh: string; en: string } {
  const name = shippedNames[`../scenarios/${id}/scenario.json`];
  const zh = name?.zh || name?.en || id;
  return { zh, en: name?.en || zh };
}

export interface DroppedFile {
  /** Path relative to the dropped folder when known (webkitRelativePath), else the file name. */
  path: string;
  text: string;
}

export type DroppedContent =
  | { kind: 'scenario'; id: string; texts: Record<string, string> }
  | { kind: 'drill'; drill: unknown; name: string }
  | { kind: 'none' };

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function parseMaybe(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Makes sense of dropped files: a saved drill, or a scenario file with its
 * layers. Layers are found by their referenced path or, when files were
 * dropped loose (no folder), by file name.
 */
export function interpretDropped(files: DroppedFile[]): DroppedContent {
  const parsed = files.map((f) => ({ ...f, value: /\.json$/i.test(f.path) ? parseMaybe(f.text) : undefined }));
  const drill = parsed.find((f) => typeof (f.value as { format?: unknown })?.format === 'string' && (f.value as { format: string }).format.startsWith('drilltwin/drill@'));
  const isScenario = (v: unknown) => typeof (v as { format?: unknown })?.format === 'string' && (v as { format: string }).format.startsWith('drilltwin/scenario@');
  const main = parsed.find((f) => isScenario(f.value)) ?? parsed.find((f) => basename(f.path) === 'scenario.json');
  if (!main) return drill ? { kind: 'drill', drill: drill.value, name: drill.path } : { kind: 'none' };

  const slash = main.path.lastIndexOf('/');
  const folder = slash >= 0 ? main.path.slice(0, slash + 1) : '';
  const texts: Record<string, string> = { 'scenario.json': main.text };
  for (const f of files) {
    if (f === files[parsed.indexOf(main)]) continue;
    const rel = folder && f.path.startsWith(folder) ? f.path.slice(folder.length) : f.path;
    texts[rel] = f.text;
  }
  // Loose files: map each path the scenario names (layers, every hazard's files, targets) to a dropped file of the same name.
  const referenced = referencedFiles(main.value);
  for (const ref of referenced) {
    if (ref in texts) continue;
    // Only a file given without a folder is matched by name: in a folder, a path must be right (as the CLI reads it).
    const match = files.find((f) => !f.path.includes('/') && basename(f.path) === basename(ref));
    if (match) texts[ref] = match.text;
  }
  const folderName = folder.replace(/\/$/, '');
  const id = folderName ? basename(folderName) : basename(main.path).replace(/\.json$/i, '') === 'scenario' ? 'dropped' : basename(main.path).replace(/\.json$/i, '');
  return { kind: 'scenario', id, texts };
}

export async function readFiles(list: Iterable<File>): Promise<DroppedFile[]> {
  const out: DroppedFile[] = [];
  for (const file of list) {
    if (!/\.(json|geojson)$/i.test(file.name)) continue;
    const rel = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
    out.push({ path: rel, text: await file.text() });
  }
  return out;
}
