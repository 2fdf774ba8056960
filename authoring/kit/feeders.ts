// 10 kV feeder builder: a feeder leaves its substation (through the seat it
// serves, where the scenario says so) and chains outward through villages,
// nearest first; a site or a village is supplied by the nearest feeder.
import type { SubstationProps } from '../../src/model/scenario-format.ts';
import { distToPolylineKm, nearest, type Metric } from './geometry.ts';
import { apportion } from './random.ts';

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

/**
 * Electricity customers per substation: `total` shared out (apportion, so they sum exactly) over
 * `substations` by the people their feeders reach (`served`: each village's people and the substation
 * of its feeder). A scenario states its total from a public figure or an assumed household size; the
 * engine counts customers off supply per substation.
 */
export function customersBySubstation(total: number, substations: readonly { readonly id: string }[], served: Iterable<{ substation: string; people: number }>): Map<string, number> {
  const people = new Map<string, number>();
  for (const v of served) people.set(v.substation, (people.get(v.substation) ?? 0) + v.people);
  const parts = apportion(total, substations.map((s) => people.get(s.id) ?? 0));
  return new Map(substations.map((s, i) => [s.id, parts[i]]));
}

/** The properties of a substation as the substations layer writes them (customers where it serves any). */
export function substationLayerProps(s: Pick<SubstationProps, 'id' | 'nameZh' | 'voltageKv' | 'hazusClass' | 'upstream'>, customers: number | undefined): SubstationProps {
  return {
    id: s.id,
    nameZh: s.nameZh,
    voltageKv: s.voltageKv,
    hazusClass: s.hazusClass,
    ...(s.upstream ? { upstream: s.upstream } : {}),
    ...(customers !== undefined ? { customers } : {}),
  };
}
