// The import page's Web Worker: the same import as `drilltwin import`
// (authoring/import/run.ts) on the bytes the user dropped, so reading a large
// spreadsheet or shapefile, synthesising the layers and checking the scenario
// never freeze the page. Also: a file's headers (for the mapping form), the
// map preview, and the scenario folder as a zip.
import { zipSync } from 'fflate';
import { fieldIntensityAt } from '../src/hazards/field.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import { importFromBytes, readInput, type ImportOutcome } from '../authoring/import/run.ts';
import type { InputSpec } from '../authoring/import/mapping.ts';

export type LL = [number, number];

/** What the page draws before the scenario is opened: township outlines, roads, sites by intensity degree. */
export interface ImportPreview {
  townships: { name: string; rings: LL[][] }[];
  roads: LL[][];
  /** Intensity degree (whole, capped at XII) at each site; 0 without an earthquake. */
  sites: { at: LL; degree: number }[];
  epicentre: LL | null;
}

export type ImportRequestMessage =
  | { id: number; type: 'headers'; file: string; bytes: Uint8Array; spec: Omit<InputSpec, 'file'> }
  | { id: number; type: 'import'; scenarioId: string; mappingFile: string; mappingText: string; files: Record<string, Uint8Array> }
  | { id: number; type: 'zip'; scenarioId: string; texts: Record<string, string> };

/** A request without its id (the page numbers them). */
export type ImportRequestBody = ImportRequestMessage extends infer M ? (M extends unknown ? Omit<M, 'id'> : never) : never;

export type ImportAnswer =
  | { id: number; type: 'headers'; headers: string[]; problems: string[] }
  | { id: number; type: 'import'; outcome: ImportOutcome; preview: ImportPreview | null }
  | { id: number; type: 'zip'; bytes: Uint8Array }
  | { id: number; type: 'error'; message: string };

/** Dropped files are matched by the name the mapping gives, then by its last path part (files are usually dropped loose). */
function finder(files: Record<string, Uint8Array>): (name: string) => Uint8Array | undefined {
  const byBase = new Map<string, Uint8Array>();
  for (const [name, bytes] of Object.entries(files)) byBase.set(name.slice(name.lastIndexOf('/') + 1).toLowerCase(), bytes);
  return (name) => files[name] ?? byBase.get(name.replace(/^\.\//, '').slice(name.lastIndexOf('/') + 1).toLowerCase());
}

function preview(scenarioId: string, texts: Record<string, string>): ImportPreview | null {
  const loaded = loadScenario(memoryScenarioFiles(scenarioId, texts));
  if (!loaded.ok) return null;
  const world = loaded.world;
  const doc = JSON.parse(texts['scenario.json']) as { layers: Record<string, string> };
  const features = (layer: string): { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[] =>
    doc.layers[layer] && texts[doc.layers[layer]] ? JSON.parse(texts[doc.layers[layer]]).features : [];
  const eq = world.earthquakes[0];
  const degreeOf = new Map<string, number>();
  for (let i = 0; i < world.sites.ids.length; i++) {
    degreeOf.set(world.sites.ids[i], eq ? Math.min(12, Math.floor(fieldIntensityAt(eq, world.sites.xM[i], world.sites.yM[i]) + 1e-9)) : 0);
  }
  const hazard = (JSON.parse(texts['scenario.json']) as { hazards?: { type: string; epicenter?: LL }[] }).hazards?.find((h) => h.type === 'earthquake');
  return {
    townships: features('townships').map((f) => ({
      name: String(f.properties.nameZh ?? f.properties.id ?? ''),
      rings: f.geometry.type === 'Polygon' ? (f.geometry.coordinates as LL[][]) : (f.geometry.coordinates as LL[][][]).flat(),
    })),
    roads: features('roads').map((f) => f.geometry.coordinates as LL[]),
    sites: features('sites').map((f) => ({ at: f.geometry.coordinates as LL, degree: degreeOf.get(String(f.properties.id)) ?? 0 })),
    epicentre: hazard?.epicenter ?? null,
  };
}

async function answer(msg: ImportRequestMessage): Promise<ImportAnswer> {
  switch (msg.type) {
    case 'headers': {
      const r = await readInput('headers', { ...msg.spec, file: msg.file }, msg.bytes);
      const fields = r.input?.table?.headers ?? Object.keys(r.input?.features?.[0]?.properties ?? {});
      return { id: msg.id, type: 'headers', headers: fields.filter((x) => x !== ''), problems: (r.problems ?? []).map((p) => `${p.file}${p.at ? ` ${p.at}` : ''}: ${p.message}`) };
    }
    case 'import': {
      const find = finder(msg.files);
      const outcome = await importFromBytes({
        mappingText: msg.mappingText,
        mappingFile: msg.mappingFile,
        scenarioId: msg.scenarioId,
        bytesOf: (file) => find(file) ?? { error: 'is named in the mapping but was not among the files given; add it' },
      });
      return { id: msg.id, type: 'import', outcome, preview: outcome.ok ? preview(msg.scenarioId, outcome.texts) : null };
    }
    case 'zip': {
      const enc = new TextEncoder();
      // Fixed times in the entries, so the same scenario always gives the same zip.
      const entries = Object.fromEntries(Object.entries(msg.texts).map(([rel, text]) => [`${msg.scenarioId}/${rel}`, [enc.encode(text), { mtime: new Date('2020-01-01T00:00:00Z') }] as const]));
      return { id: msg.id, type: 'zip', bytes: zipSync(entries as Parameters<typeof zipSync>[0]) };
    }
  }
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<ImportRequestMessage>) => void) | null; postMessage(m: ImportAnswer): void };
scope.onmessage = (e) => {
  answer(e.data).then(
    (a) => scope.postMessage(a),
    (err: unknown) => scope.postMessage({ id: e.data.id, type: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
};
