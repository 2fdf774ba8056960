// 10 kV feeder builder: a feeder leaves its substation (through the seat it
// serves, where the scenario says so) and chains outward through villages,
// nearest first; a site or a village is supplied by the nearest feeder.
import { distToPolylineKm, nearest, type Metric } from './geometry.ts';

export interface Village<P> {
  readonly id: string;
  readonly at: P;
}

/** Extends `line` through up to `maxVillages` of `pool`, each time to the nearest remaining one (ties by id). */
export function chainThroughVillages<P>(m: Metric<P>, line: P[], pool: readonly Village<P>[], maxVillages = 4): P[] {
  let left = pool.slice();
  let cur = line[line.length - 1];
  for (let k = 0; k < maxVillages && left.length > 0; k++) {
    left = left.slice().sort((a, b) => m.km(cur, a.at) - m.km(cur, b.at) || (a.id < b.id ? -1 : 1));
    const next = left.shift() as Village<P>;
    line.push(next.at);
    cur = next.at;
  }
  return line;
}

/** The feeder nearest `p` (the first listed among equals). */
export function nearestFeeder<P, F extends { readonly line: readonly P[] }>(m: Metric<P>, feeders: readonly F[], p: P): F {
  const best = nearest(feeders, (f) => distToPolylineKm(m, p, f.line));
  if (!best) throw new Error('no feeder to supply the point from');
  return best;
}
