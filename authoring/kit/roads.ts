// Roads of a scenario drawn in lon/lat: a winding alignment between two road
// nodes, and the cutting of that alignment into the segments a roads layer
// lists. The engine damages, blocks and reopens roads per segment, so a long
// road must come in pieces of a few km, and a bridge must be a segment of its
// own (bridges fail by their own fragility, not the road's).
import { polylineLengthsKm, rll, type LL, type LocalPlane } from './geometry.ts';
import type { Random } from './random.ts';
import type { RoadClass, RoadProps } from '../../src/model/scenario-format.ts';

/** The point `dKm` along `line`, whose cumulative lengths are `cumKm` (polylineLengthsKm); clamped to the ends. */
export function pointAtKm(line: readonly LL[], cumKm: readonly number[], dKm: number): LL {
  for (let i = 1; i < line.length; i++) {
    if (dKm <= cumKm[i] || i === line.length - 1) {
      const seg = cumKm[i] - cumKm[i - 1];
      const t = seg === 0 ? 0 : Math.max(0, Math.min(1, (dKm - cumKm[i - 1]) / seg));
      return [line[i - 1][0] + t * (line[i][0] - line[i - 1][0]), line[i - 1][1] + t * (line[i][1] - line[i - 1][1])];
    }
  }
  return line[line.length - 1];
}

/** How much a road winds: one intermediate vertex every `vertexEveryKm`, at most `maxPieces` pieces. */
export interface Winding {
  vertexEveryKm: number;
  maxPieces: number;
}

/**
 * A winding alignment from `a` to `b`: intermediate vertices displaced sideways by up to `wiggleKm`,
 * tapering to nothing at both ends (a sine), so the road leaves and meets its nodes straight. Real roads
 * in valleys are not straight lines, and the length the engine drives along depends on it. Short links
 * (under 0.8 km) and `wiggleKm` 0 stay straight and draw nothing; otherwise one draw per intermediate vertex.
 * Not rounded.
 */
export function windingAlignment(plane: LocalPlane, rng: Random, a: LL, b: LL, wiggleKm: number, winding: Winding): LL[] {
  const len = plane.km(a, b);
  const n = Math.max(1, Math.min(winding.maxPieces, Math.round(len / winding.vertexEveryKm)));
  if (wiggleKm === 0 || len < 0.8) return [a, b];
  const [bx, by] = plane.toKm(b, a);
  const nx = -by / len;
  const ny = bx / len;
  const pts: LL[] = [a];
  for (let i = 1; i < n; i++) {
    const t = i / n;
    const w = rng.uniform(-wiggleKm, wiggleKm) * Math.sin(Math.PI * t);
    pts.push(plane.fromKm([t * bx + w * nx, t * by + w * ny], a));
  }
  pts.push(b);
  return pts;
}

/** How a road line is cut into segments. */
export interface RoadCutting {
  /** Longest segment, km: the line is cut into the fewest equal pieces no longer than this. */
  maxSegmentKm: number;
  /** Where bridges stand, as fractions of the line's length (centre of each bridge). */
  bridgesAt?: readonly number[];
  /** Length of every bridge, km. */
  bridgeKm: number;
}

/** One segment of a cut road line; `bridge` when it is a bridge span. */
export interface RoadPiece {
  line: LL[];
  bridge: boolean;
}

/**
 * Cuts `line` (rounded vertices; its ends are the road nodes) into segments: equal regular cuts, and
 * both ends of every bridge, a regular cut that would fall on a bridge being pushed off it. A cut within
 * 50 m of the previous one or of the end is dropped, so no sliver segments. Each segment starts exactly
 * where the previous one ended (the same rounded position), so the road graph joins them; the line's
 * vertices between two cuts are kept.
 */
export function cutRoadLine(line: readonly LL[], cumKm: readonly number[], cutting: RoadCutting): RoadPiece[] {
  const { maxSegmentKm, bridgeKm } = cutting;
  const a = line[0];
  const b = line[line.length - 1];
  const total = cumKm[cumKm.length - 1];
  const cuts: { d: number; bridgeStart?: boolean }[] = [];
  const n = Math.max(1, Math.ceil(total / maxSegmentKm));
  for (let i = 1; i < n; i++) cuts.push({ d: (total * i) / n });
  for (const f of cutting.bridgesAt ?? []) {
    const mid = f * total;
    for (const c of cuts) if (Math.abs(c.d - mid) < bridgeKm) c.d = mid + (c.d < mid ? -1 : 1) * bridgeKm;
    cuts.push({ d: mid - bridgeKm / 2, bridgeStart: true }, { d: mid + bridgeKm / 2 });
  }
  cuts.sort((x, y) => x.d - y.d);
  const stops = [{ d: 0, bridgeStart: false }, ...cuts.map((c) => ({ d: c.d, bridgeStart: !!c.bridgeStart })), { d: total, bridgeStart: false }];
  const pieces: RoadPiece[] = [];
  let start: LL = a;
  let startD = 0;
  let startIsBridge = false;
  for (let s = 1; s < stops.length; s++) {
    const last = s === stops.length - 1;
    const d1 = stops[s].d;
    if (!last && (d1 - startD < 0.05 || total - d1 < 0.05)) continue;
    const end: LL = last ? b : rll(pointAtKm(line, cumKm, d1));
    const pts: LL[] = [start];
    for (let i = 1; i < line.length - 1; i++) if (cumKm[i] > startD + 1e-9 && cumKm[i] < d1 - 1e-9) pts.push(line[i]);
    pts.push(end);
    pieces.push({ line: pts, bridge: startIsBridge });
    start = end;
    startD = d1;
    startIsBridge = stops[s].bridgeStart;
  }
  return pieces;
}

/** What drawRoads needs of a road edge; a script's edge rows carry more (terrain, the township served, …). */
export interface RoadEdgeSpec {
  from: string;
  to: string;
  roadClass: RoadClass;
  nameZh: string;
  /** Sideways wander of the alignment, km (0 or absent: straight). */
  wiggleKm?: number;
  /** Bridge centres, as fractions of the edge's length. */
  bridges?: readonly number[];
  bridgeClass?: RoadProps['bridgeClass'];
}

/** A segment of the roads layer and the edge it was cut from. */
export interface RoadSegment<E extends RoadEdgeSpec> {
  /** r-001, r-002, … in the order of the edges. */
  id: string;
  line: LL[];
  edge: E;
  bridge: boolean;
}

/**
 * Draws every edge between its nodes (positions already rounded) and cuts it into segments, numbered
 * in edge order. The random draws are those of windingAlignment, edge after edge, so a script that
 * keeps its edge list keeps its stream. An edge naming an unknown node is refused.
 */
export function drawRoads<E extends RoadEdgeSpec>(
  plane: LocalPlane,
  rng: Random,
  nodes: ReadonlyMap<string, LL>,
  edges: readonly E[],
  winding: Winding,
  cutting: { maxSegmentKm: Readonly<Record<RoadClass, number>>; bridgeKm: number },
): RoadSegment<E>[] {
  const segments: RoadSegment<E>[] = [];
  for (const e of edges) {
    const a = nodes.get(e.from);
    const b = nodes.get(e.to);
    if (!a || !b) throw new Error(`road edge ${e.from}→${e.to} has an unknown node`);
    const line = windingAlignment(plane, rng, a, b, e.wiggleKm ?? 0, winding).map(rll);
    line[0] = a;
    line[line.length - 1] = b;
    const pieces = cutRoadLine(line, polylineLengthsKm(plane, line), { maxSegmentKm: cutting.maxSegmentKm[e.roadClass], bridgesAt: e.bridges, bridgeKm: cutting.bridgeKm });
    for (const piece of pieces) segments.push({ id: `r-${String(segments.length + 1).padStart(3, '0')}`, line: piece.line, edge: e, bridge: piece.bridge });
  }
  return segments;
}

/**
 * The properties of a road segment as the roads layer writes them. A bridge span is named after its road
 * with ·桥 and counted as hilly ground (its approaches climb), whatever the road's own terrain.
 */
export function roadSegmentProps(seg: RoadSegment<RoadEdgeSpec>, terrain: RoadProps['terrain'], bridge = seg.bridge): RoadProps {
  return {
    id: seg.id,
    roadClass: seg.edge.roadClass,
    ...(bridge ? { bridge: true, bridgeClass: seg.edge.bridgeClass ?? 'conventional' } : {}),
    terrain: bridge ? 'hilly' : terrain,
    nameZh: bridge ? `${seg.edge.nameZh}·桥` : seg.edge.nameZh,
  };
}
