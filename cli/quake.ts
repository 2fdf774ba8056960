// drilltwin quake: a planner's rapid estimate without a scenario. For each
// intensity degree from VI up: the long and short semi-axes of the GB
// 18306-2015 ellipse and the area at or above that degree.
import { parseArgs } from 'node:util';
import { estimateQuake } from '../src/hazards/index.ts';
import { mwToMs, zoneForEpicentre } from '../src/model/params/attenuation.ts';
import type { IntensityZone } from '../src/model/scenario-format.ts';
import { parseNumberOption, UsageError } from './args.ts';

const ZONES = ['auto', 'east', 'central', 'xinjiang', 'qinghai-tibet'];
const ROMAN: Record<string, string> = { '6': 'VI', '7': 'VII', '8': 'VIII', '9': 'IX', '10': 'X', '11': 'XI', '12': 'XII' };

type Out = { log(s: string): void; err(s: string): void };

export function quakeCommand(argv: string[], out: Out): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      epicenter: { type: 'string' },
      magnitude: { type: 'string' },
      'magnitude-type': { type: 'string', default: 'Ms' },
      depth: { type: 'string' },
      strike: { type: 'string', default: '0' },
      zone: { type: 'string', default: 'auto' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.epicenter) throw new UsageError('--epicenter LON,LAT is required');
  if (!values.magnitude) throw new UsageError('--magnitude M is required');
  const parts = values.epicenter.split(',');
  if (parts.length !== 2) throw new UsageError(`--epicenter: "${values.epicenter}" is not LON,LAT`);
  const lon = parseNumberOption('--epicenter longitude', parts[0], -180, 180);
  const lat = parseNumberOption('--epicenter latitude', parts[1], -90, 90);
  const magnitude = parseNumberOption('--magnitude', values.magnitude, 3, 9.5);
  const type = values['magnitude-type'];
  if (type !== 'Ms' && type !== 'Mw') throw new UsageError(`--magnitude-type: "${type}" is not Ms or Mw`);
  if (values.depth !== undefined) parseNumberOption('--depth', values.depth, 0, 700);
  const strikeDeg = parseNumberOption('--strike', values.strike!, 0, 360);
  if (!ZONES.includes(values.zone!)) throw new UsageError(`--zone: "${values.zone}" is not one of ${ZONES.join(', ')}`);
  const zone = values.zone === 'auto' ? zoneForEpicentre(lon, lat) : (values.zone as IntensityZone);
  const ms = type === 'Ms' ? magnitude : mwToMs(magnitude);
  const estimate = estimateQuake({ ms, zone, strikeDeg });

  if (values.json) {
    const degrees: Record<string, { areaKm2: number; longKm: number; shortKm: number }> = {};
    for (const [deg, d] of Object.entries(estimate.degrees)) {
      if (Number(deg) >= 6) degrees[deg] = { areaKm2: round(d.areaKm2, 1), longKm: round(d.longKm, 2), shortKm: round(d.shortKm, 2) };
    }
    out.log(JSON.stringify({ zone, ms: round(ms, 2), strikeDeg, degrees }, null, 2));
    return 0;
  }
  out.log(`GB 18306-2015 attenuation, ${zone} zone, Ms ${ms.toFixed(2)}${type === 'Mw' ? ` (from Mw ${magnitude})` : ''}, long axis along ${strikeDeg}°`);
  out.log('degree   long semi-axis   short semi-axis   area at or above');
  for (const [deg, d] of Object.entries(estimate.degrees)) {
    if (Number(deg) < 6) continue;
    out.log(`${(ROMAN[deg] ?? deg).padEnd(8)} ${d.longKm.toFixed(1).padStart(10)} km ${d.shortKm.toFixed(1).padStart(13)} km ${Math.round(d.areaKm2).toLocaleString('en').padStart(14)} km²`);
  }
  return 0;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
