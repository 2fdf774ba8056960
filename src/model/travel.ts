// Travel on the road network as the model sees it: what a route and a trip
// are, and the router every system may ask (built once per world by the
// engine from response/routing). Types only: no system's code lives here.
import type { World } from './world.ts';
import type { MovementMode } from './params/movement.ts';

/** What routing reads of the road network: a World, or anything with its roads table. */
export type RoadWorld = Pick<World, 'roads'>;

/** The road conditions a route is planned against (state.roads, or a seat's reported picture). */
export interface RoadConditions {
  readonly status: Uint8Array;
  readonly bridgeDamage: Uint8Array;
  /** 1 where a detour bypasses a blockage: passable, as slowly as a damaged bridge. */
  readonly detour: Uint8Array;
  readonly waterDepthM: Float64Array;
}

export interface RouteQuery {
  fromNode: number;
  toNode: number;
  mode: MovementMode;
  roadState: RoadConditions;
}

export interface RouteOk {
  ok: true;
  mode: MovementMode;
  /** Nodes in travel order, from fromNode to toNode (one node when they are the same). */
  nodes: Int32Array;
  /** Segments in travel order; edges[i] joins nodes[i] and nodes[i + 1]. */
  edges: Int32Array;
  /** Whole seconds spent on each segment. */
  legSec: Float64Array;
  /** Seconds from the start to reach each node (reachSec[0] = 0). */
  reachSec: Float64Array;
  totalSec: number;
  distM: number;
}

export type RouteResult = RouteOk | { ok: false; reason: 'noRoute' };

export interface TravelQuery {
  fromXM: number;
  fromYM: number;
  toXM: number;
  toYM: number;
  mode: MovementMode;
  roadState: RoadConditions;
  /**
   * The connected part of the network each road node is in, for this mode under roadState (as
   * reachability.componentsFor labels them), when the caller has it. Ends in different parts get
   * 'noRoute' without a search: a search that cannot succeed explores the whole part first (on the
   * generated province, 108 such searches were 94 % of all the nodes searched in a 72 h run).
   */
  components?: Int32Array;
}

export interface TravelOk {
  ok: true;
  mode: MovementMode;
  fromXM: number;
  fromYM: number;
  toXM: number;
  toYM: number;
  /** True when the team goes straight across country and never uses the network (route has no nodes). */
  direct: boolean;
  /** Off-road leg from the start point to route.nodes[0] (or, when direct, the whole trip). */
  accessM: number;
  accessSec: number;
  route: RouteOk;
  /** Off-road leg from the last node to the destination. */
  egressM: number;
  egressSec: number;
  totalSec: number;
  distM: number;
}

export type TravelRefusal = 'noRoute' | 'tooFarFromRoad' | 'modeNotPossible';
export type TravelResult = TravelOk | { ok: false; reason: TravelRefusal };

export interface NearestNode {
  /** Node index, or NONE when the network has no nodes. */
  node: number;
  /** Straight-line distance from the point to the node, metres. */
  distM: number;
}

export interface Router {
  /** Least-time route between two nodes; the canonical one among equal times. */
  route(query: RouteQuery): RouteResult;
  /** Builds the mode's landmarks now rather than on its first query. */
  prepare(mode: MovementMode): void;
  /** The node nearest a point (lower index on a tie). */
  nearestNode(xM: number, yM: number): NearestNode;
  /** How far a point is from the road network: to the nearest point on any segment's line. */
  roadDistanceM(xM: number, yM: number): number;
  /**
   * Point to point: off-road to the nearest node, by road, off-road to the
   * destination (OFF_ROAD speeds). A mode refuses ('tooFarFromRoad') an end
   * farther from the road network than its OFF_ROAD limit; the leg itself is
   * timed straight to the nearest node, which overstates it where the road
   * passes close but its nodes do not. When the straight line is within
   * the mode's off-road limit and quicker, the team goes straight across
   * (direct). Boats need navigable water at both end nodes ('modeNotPossible').
   */
  travel(query: TravelQuery): TravelResult;
  /** Seconds to cross one segment in the given conditions, or -1 when the mode cannot. */
  segmentSec(edge: number, mode: MovementMode, roadState: RoadConditions): number;
}

