// Property test: thousands of mutated scenarios thrown at the loader. None may
// crash it, hang it, or be accepted half-loaded: each result is either a world
// or a non-empty list of located, readable problems.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../src/scenario/load.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import { formatProblem } from '../src/scenario/problems.ts';
import { scenarioTexts, TINY } from './helpers.ts';

const base = scenarioTexts(TINY);
const files = Object.keys(base).sort();

type Json = unknown;

/** All paths to values inside a JSON document. */
function paths(doc: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(doc)) doc.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (doc && typeof doc === 'object') for (const [k, v] of Object.entries(doc)) paths(v, [...prefix, k], out);
  return out;
}

function setAt(doc: Json, path: (string | number)[], value: Json, remove: boolean): Json {
  if (path.length === 0) return value;
  const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], doc);
  const key = path[path.length - 1];
  if (remove) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else parent[key] = value;
  return doc;
}

const junk = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(-1, 0, 1e308, -1e308, 95, 181, 15, '', 'NaN', null, [], {}, [0], [[0, 0]], 'drilltwin/scenario@2'),
  fc.double(),
);

function check(texts: Record<string, string>): void {
  const started = process.hrtime.bigint();
  const result = loadScenario(memoryScenarioFiles('tiny', texts));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  expect(ms).toBeLessThan(2000);
  if (!result.ok) {
    expect(result.problems.length).toBeGreaterThan(0);
    for (const p of result.problems) {
      expect(p.file.length).toBeGreaterThan(0);
      expect(p.pointer === '' || p.pointer.startsWith('/')).toBe(true);
      expect(p.message.length).toBeGreaterThan(5);
      expect(formatProblem(p)).not.toMatch(/\bat \w+ \(|TypeError|undefined is not|\[object Object\]/);
    }
  } else {
    expect(result.world.sites.ids.length).toBe(result.world.sites.xM.length);
    for (const x of result.world.sites.xM) expect(Number.isFinite(x)).toBe(true);
  }
}

describe('loader under mutation', () => {
  it('survives structured mutations: values replaced or removed anywhere in any file', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), junk, fc.boolean(), fc.nat(), (fileSeed, pathSeed, value, remove, count) => {
        const texts = { ...base };
        const mutations = 1 + (count % 3);
        for (let m = 0; m < mutations; m++) {
          const file = files[(fileSeed + m) % files.length];
          const doc = JSON.parse(texts[file]);
          const all = paths(doc);
          const path = all[(pathSeed * (m + 1)) % all.length];
          texts[file] = JSON.stringify(setAt(doc, path, structuredClone(value), remove && path.length > 0)) ?? 'null';
        }
        check(texts);
      }),
      { numRuns: 2500, seed: 2027 },
    );
  });

  it('survives textual damage: truncation, byte flips, inserted garbage', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.string({ maxLength: 20 }), (fileSeed, pos, garbage) => {
        const texts = { ...base };
        const file = files[fileSeed % files.length];
        const text = texts[file];
        const at = pos % (text.length + 1);
        texts[file] = pos % 3 === 0 ? text.slice(0, at) : text.slice(0, at) + garbage + text.slice(at + (pos % 2));
        check(texts);
      }),
      { numRuns: 1500, seed: 7 },
    );
  });
});
