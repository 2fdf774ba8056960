// Draws the Jishishan restoration curves for the README from real runs:
// the doctrine responder playing every seat vs no response at all, with two
// observed figures marked (their sources: metadata.observed in
// scenarios/jishishan-2023/scenario.json; `drilltwin hindcast` draws all of
// them over 20 seeds, README "Model against observed").
//   node --import tsx scripts/plot-curves.ts   → docs/jishishan-restoration.svg
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { diskScenarioFiles } from '../cli/files.ts';
import { runScenario } from '../src/engine/run.ts';
import { loadScenario } from '../src/scenario/load.ts';

const root = join(import.meta.dirname, '..');
const loaded = loadScenario(diskScenarioFiles(join(root, 'scenarios/jishishan-2023/scenario.json')));
if (!loaded.ok) throw new Error('scenario does not load');
const world = loaded.world;
const doctrine = runScenario(world, { seed: 7, untilSec: world.durationSec }).report.kpis.series;
const none = runScenario(world, { seed: 7, untilSec: world.durationSec, doctrineSeats: [] }).report.kpis.series;

const W = 760, H = 300, X0 = 60, X1 = 740, Y0 = 20, Y1 = 250, HOURS = 48;
const x = (tSec: number) => X0 + ((X1 - X0) * Math.min(tSec, HOURS * 3600)) / (HOURS * 3600);
const y = (pct: number) => Y1 - ((Y1 - Y0) * pct) / 100;

function line(tSec: number[], values: number[], colour: string, dash = ''): string {
  const pts: string[] = [];
  for (let i = 0; i < tSec.length && tSec[i] <= HOURS * 3600; i += 5) pts.push(`${x(tSec[i]).toFixed(1)},${y(values[i]).toFixed(1)}`);
  return `<polyline fill="none" stroke="${colour}" stroke-width="2" ${dash ? `stroke-dasharray="${dash}"` : ''} points="${pts.join(' ')}"/>`;
}

const peakCustomers = Math.max(...doctrine.powerCustomersOut, 1);
const pct = (s: number[]) => s.map((v) => 100 * v);
const parts: string[] = [
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H + 40}" font-family="sans-serif" font-size="11">`,
  `<rect width="${W}" height="${H + 40}" fill="white"/>`,
];
for (let v = 0; v <= 100; v += 20) parts.push(`<line x1="${X0}" x2="${X1}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${X0 - 6}" y="${y(v) + 4}" text-anchor="end">${v} %</text>`);
for (let h = 0; h <= HOURS; h += 6) parts.push(`<text x="${x(h * 3600)}" y="${Y1 + 16}" text-anchor="middle">T+${h} h</text>`);
parts.push(
  line(doctrine.tSec, pct(doctrine.populationServedFrac), '#1565c0'),
  line(none.tSec, pct(none.populationServedFrac), '#1565c0', '5,4'),
  line(doctrine.tSec, pct(doctrine.sitesRestoredFrac), '#2e7d32'),
  line(doctrine.tSec, doctrine.powerCustomersOut.map((v) => (100 * v) / peakCustomers), '#e65100'),
  // Observed (metadata.observed: sites-restored-14h, power-restored-19.3h): 89 % of failed stations restored by T+14 h; power all back by T+19.3 h.
  `<circle cx="${x(14 * 3600)}" cy="${y(89)}" r="5" fill="none" stroke="#2e7d32" stroke-width="2"/>`,
  `<text x="${x(14 * 3600) + 8}" y="${y(89) - 6}" fill="#2e7d32">observed 89 % restored (T+14 h)</text>`,
  `<line x1="${x(19.3 * 3600)}" x2="${x(19.3 * 3600)}" y1="${y(100)}" y2="${Y1}" stroke="#e65100" stroke-dasharray="2,3"/>`,
  `<text x="${x(19.3 * 3600) + 4}" y="${y(70)}" fill="#e65100">observed: all power back (T+19.3 h)</text>`,
);
const legend: [string, string, string][] = [
  ['#1565c0', '', 'population with service, doctrine responder'],
  ['#1565c0', '5,4', 'population with service, no response'],
  ['#2e7d32', '', 'failed sites restored, doctrine'],
  ['#e65100', '', 'power customers out, % of peak, doctrine'],
];
legend.forEach(([c, dash, label], i) => {
  const lx = X0 + (i % 2) * 340, ly = H + 8 + Math.floor(i / 2) * 16;
  parts.push(`<line x1="${lx}" x2="${lx + 22}" y1="${ly - 4}" y2="${ly - 4}" stroke="${c}" stroke-width="2" ${dash ? `stroke-dasharray="${dash}"` : ''}/><text x="${lx + 28}" y="${ly}">${label}</text>`);
});
parts.push(`<text x="${X0}" y="12" font-weight="bold">Jishishan Ms 6.2, seed 7: drilltwin run (lines) against observed figures (marks)</text>`, '</svg>');
mkdirSync(join(root, 'docs'), { recursive: true });
writeFileSync(join(root, 'docs', 'jishishan-restoration.svg'), parts.join('\n'));
console.log('wrote docs/jishishan-restoration.svg');
