// Writes the synthetic benchmark province to disk.
//   node --import tsx tools/gen-province.ts [OUTDIR] [--seed N] [--sites N] [--substations N] [--road-edges N] [--townships N]
// OUTDIR defaults to out/generated-province (git-ignored).
import { generateProvince, type GenerateProvinceOptions } from './generate-province.ts';
import { writeScenarioTexts } from './kit/index.ts';

const FLAGS: Record<string, keyof GenerateProvinceOptions> = {
  '--seed': 'seed',
  '--sites': 'sites',
  '--substations': 'substations',
  '--road-edges': 'roadEdges',
  '--townships': 'townships',
};

function usage(message: string): never {
  console.error(`${message}\nusage: node --import tsx tools/gen-province.ts [OUTDIR] [--seed N] [--sites N] [--substations N] [--road-edges N] [--townships N]`);
  process.exit(2);
}

const options: GenerateProvinceOptions = {};
let outDir = 'out/generated-province';
let sawDir = false;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  const [flag, inline] = arg.split('=', 2);
  if (flag in FLAGS) {
    const value = inline ?? args[++i];
    if (value === undefined || !/^\d+$/.test(value)) usage(`${flag} needs a non-negative integer`);
    options[FLAGS[flag]] = Number(value);
  } else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
  else if (!sawDir) {
    outDir = arg;
    sawDir = true;
  } else usage(`unexpected argument ${arg}`);
}

const t0 = process.hrtime.bigint();
let files: Record<string, string>;
try {
  files = generateProvince(options);
} catch (err) {
  usage((err as Error).message);
}
const genMs = Number(process.hrtime.bigint() - t0) / 1e6;

writeScenarioTexts(outDir, files);
let total = 0;
const rows: string[] = [];
for (const [rel, text] of Object.entries(files)) {
  const bytes = Buffer.byteLength(text);
  total += bytes;
  const features = rel.endsWith('.geojson') ? (JSON.parse(text).features as unknown[]).length : null;
  rows.push(`  ${rel.padEnd(30)} ${(features === null ? '' : `${features} features`).padStart(16)} ${(bytes / 1024).toFixed(0).padStart(9)} KiB`);
}
const doc = JSON.parse(files['scenario.json']);
console.log(`generated province (seed ${doc.seed}) in ${genMs.toFixed(0)} ms → ${outDir}`);
console.log(rows.join('\n'));
console.log(`  ${'total'.padEnd(30)} ${''.padStart(16)} ${(total / (1024 * 1024)).toFixed(1).padStart(9)} MiB`);
console.log(`  ${doc.metadata.counts.counties} counties, population ${doc.metadata.totalPopulation.toLocaleString('en')}, ${doc.metadata.counts.feeders} feeders, epicentre ${doc.hazards[0].epicenter.join(', ')}`);
