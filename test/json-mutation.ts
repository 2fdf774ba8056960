// Shared by the fuzz tests (test/fuzz-all.test.ts, test/saved-formats-fuzz.test.ts):
// where a JSON document can be damaged, and one value replaced or removed there.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
export type JsonPath = (string | number)[];

/**
 * Paths to values inside a JSON document, the root ([]) first. Only the first
 * items of each list are visited, so mutations spread over the fields rather
 * than over the thousands of samples of one series.
 */
export function jsonPaths(doc: Json, prefix: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(prefix);
  if (Array.isArray(doc)) doc.slice(0, 3).forEach((v, i) => jsonPaths(v, [...prefix, i], out));
  else if (doc && typeof doc === 'object') for (const [k, v] of Object.entries(doc)) jsonPaths(v, [...prefix, k], out);
  return out;
}

/** A copy of the document with the value at `path` replaced by `value`, or removed; unchanged where the path leads nowhere. */
export function mutateAt(doc: Json, path: JsonPath, value: Json, remove: boolean): Json {
  const copy = structuredClone(doc);
  // Paths may come from the unmutated document; after an earlier mutation one may lead nowhere.
  const parent = path.slice(0, -1).reduce<Json>((node, key) => (node !== null && typeof node === 'object' ? node[key] : undefined), copy);
  if (parent === null || typeof parent !== 'object') return copy;
  const key = path[path.length - 1];
  if (remove) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else parent[key] = structuredClone(value);
  return copy;
}
