// Scenario files as text: GeoJSON features and layers and the scenario
// document. Pure (no I/O), so the console's import page builds the same texts
// as the command line; writing them to disk is tools/kit/files.ts.
import type { ScenarioLayerPaths } from '../../src/model/scenario-format.ts';
import { rll, type LL } from './geometry.ts';

export interface Feature<P> {
  type: 'Feature';
  properties: P;
  geometry: { type: 'Point'; coordinates: LL } | { type: 'LineString'; coordinates: LL[] } | { type: 'Polygon'; coordinates: LL[][] };
}

// Coordinates are rounded to 5 decimals here; rounding a rounded value leaves it unchanged.
export const pointFeature = <P>(at: LL, properties: P): Feature<P> => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: rll(at) } });
export const lineFeature = <P>(line: readonly LL[], properties: P): Feature<P> => ({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates: line.map(rll) } });
/** `ring` as closeRing returns it: rounded, closed, counter-clockwise. */
export const polygonFeature = <P>(ring: LL[], properties: P): Feature<P> => ({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } });

/** A FeatureCollection with one feature per line: diff-friendly and reasonably small. */
export function featureCollectionText(features: readonly Feature<unknown>[]): string {
  if (features.length === 0) return '{"type":"FeatureCollection","features":[]}\n';
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

/** A JSON document as the scenarios store it: one-space indent, final newline. */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 1)}\n`;

/** File texts of a scenario keyed by path relative to its folder ("scenario.json", "layers/….geojson"). */
export type ScenarioTexts = Record<string, string>;

/** Adds `layers/<name>.geojson` to `texts` and returns its path, for the scenario document. */
export function addLayer(texts: ScenarioTexts, name: string, features: readonly Feature<unknown>[]): string {
  const rel = `layers/${name}.geojson`;
  texts[rel] = featureCollectionText(features);
  return rel;
}

/** The layers every built scenario writes (rivers and the elevation grid are the map's, added by those that have them). */
type AssetLayerName = Exclude<keyof ScenarioLayerPaths, 'rivers' | 'elevation'>;

/** Adds one layer file per scenario layer, in the order given, and returns the scenario document's `layers`. */
export function addLayers(texts: ScenarioTexts, layers: { [K in AssetLayerName]-?: readonly Feature<unknown>[] }): ScenarioLayerPaths & Required<Pick<ScenarioLayerPaths, AssetLayerName>> {
  const paths: Record<string, string> = {};
  for (const [name, features] of Object.entries(layers)) paths[name] = addLayer(texts, name, features);
  return paths as unknown as ScenarioLayerPaths & Required<Pick<ScenarioLayerPaths, AssetLayerName>>;
}

/** Points of interest from table rows [id, nameZh, kind, position]: bases, gates, staging areas. */
export function poiFeatures(rows: readonly (readonly [id: string, nameZh: string, kind: string, at: LL])[]): Feature<{ id: string; nameZh: string; kind: string }>[] {
  return rows.map(([id, nameZh, kind, at]) => pointFeature(at, { id, nameZh, kind }));
}

/** Points of interest of one `kind` (landing zones, shelters) from rows [id, nameZh, position]. */
export function poiFeaturesOfKind(rows: readonly (readonly [id: string, nameZh: string, at: LL])[], kind: string): Feature<{ id: string; nameZh: string; kind: string }>[] {
  return rows.map(([id, nameZh, at]) => pointFeature(at, { id, nameZh, kind }));
}
