// How long an import's build takes on a synthetic county of a given size:
// an N × N grid of OSM roads over 1° × 1°, 16 townships and SITES sites at
// random. Run: node --import tsx tools/import/bench.ts N SITES
import { buildScenario } from '../../authoring/import/build.ts';
import { osmRoadFeatures } from '../../authoring/import/geo.ts';
import type { LoadedInput } from '../../authoring/import/records.ts';
const N = Number(process.argv[2] ?? 60), SITES = Number(process.argv[3] ?? 1000);
// N x N grid roads over 1° x 1°, 16 townships 4x4, SITES sites
const nodes = new Map<string, [number, number]>(); const ways: any[] = [];
const id = (i: number, j: number) => `${i}_${j}`;
for (let i = 0; i <= N; i++) for (let j = 0; j <= N; j++) nodes.set(id(i, j), [104 + i / N, 35 + j / N]);
for (let i = 0; i <= N; i++) { ways.push({ id: `h${i}`, nodes: Array.from({ length: N + 1 }, (_, j) => id(j, i)), tags: { highway: 'tertiary' } }); ways.push({ id: `v${i}`, nodes: Array.from({ length: N + 1 }, (_, j) => id(i, j)), tags: { highway: 'track' } }); }
const roads = osmRoadFeatures('roads.osm', { nodes, ways });
const tfeat = [] as any[];
for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) { const w = 104 + a / 4, s = 35 + b / 4; tfeat.push({ at: `record ${tfeat.length + 1}`, geometry: { type: 'Polygon', coordinates: [[[w, s], [w, s + 0.25], [w + 0.25, s + 0.25], [w + 0.25, s], [w, s]]] }, properties: { name: `T${a}${b}`, pop: 20000 } }); }
// A fixed-seed Lehmer generator: the same county every run.
let seed = 1; const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const rows = Array.from({ length: SITES }, (_, k) => ({ line: k + 2, cells: [`S${k}`, String(104 + rnd()), String(35 + rnd())] }));
const inputs: Record<string, LoadedInput> = {
  townships: { kind: 'townships', spec: { file: 't.geojson', crs: 'WGS84', columns: { nameZh: 'name', population: 'pop' } }, file: 't.geojson', features: tfeat },
  sites: { kind: 'sites', spec: { file: 's.csv', crs: 'WGS84' }, file: 's.csv', table: { file: 's.csv', headers: ['id', 'lon', 'lat'], rows } },
  roads: { kind: 'roads', spec: { file: 'roads.osm' }, file: 'roads.osm', features: roads.features },
};
const t0 = performance.now();
const r = buildScenario({ mapping: { format: 'drilltwin/import@1', name: { zh: 'x' }, region: 'x', inputs: {} as any, hazard: { type: 'earthquake', epicenter: [104.5, 35.5], magnitude: 6, strikeDeg: 0 } } as any, mappingFile: 'm.json', inputs });
console.log(`${roads.features.length} OSM road lines, ${SITES} sites: build ${Math.round(performance.now() - t0)} ms`);
for (const line of [...r.problems.map((p) => `${p.file} ${p.at}: ${p.message}`), ...r.warnings, ...r.summary]) console.log(line);
