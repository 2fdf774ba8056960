// Routing for response teams over the damaged road network. Pure and
// deterministic: costs are whole seconds per segment (rounded up), so path
// times add exactly, and among equal-time paths the canonical one is chosen:
// each node's predecessor is the lowest-index neighbour that reaches it in
// the least time (lowest segment index among parallel segments). A* with a
// consistent integer heuristic settles every such neighbour before the node
// itself (the heap orders by f, then g, then node index), so it returns the
// same path plain Dijkstra would, in every engine. The bound is the larger
// of straight-line distance at the mode's top speed and a landmark (ALT)
// bound computed on the network with every segment at its fastest possible
// speed, so it holds whatever the road conditions.
//
// A router is built once per world (adjacency as CSR typed arrays, a grid
// over the nodes for snapping) and reuses its search buffers, so a query
// allocates only its result. Road conditions are read at query time from the
// arrays passed in (the engine's state.roads fits), never cached.
import { ROAD_STATUS } from '../model/state.ts';
import { NONE, ROAD_CLASSES, TERRAINS, type World } from '../model/world.ts';
import { MOVEMENT_MODES, type MovementMode } from '../model/params/movement.ts';
import { DEFAULT_PARAMS, type ModelParams } from '../model/params/index.ts';
import { mulberry32 } from '../core/mulberry32.ts';

export { MOVEMENT_MODES, type MovementMode };
import type { NearestNode, RoadConditions, RoadWorld, Router, RouteOk, RouteQuery, RouteResult, TravelOk, TravelQuery, TravelResult } from '../model/travel.ts';

export interface RouterOptions {
  /** A* towards the target (default). Off: plain Dijkstra; same results, kept for tests. */
  heuristic?: boolean;
  /** Landmarks for the A* bound (ALT), per mode, built on the mode's first query (default 12; 0: straight-line bound only). */
  landmarks?: number;
  /** Speeds and passage rules: the world's (world.params.movement); the module tables by default. */
  movement?: Movement;
}

type Movement = ModelParams['movement'];

const BLOCKED = ROAD_STATUS.BLOCKED;
const MODE_COUNT = MOVEMENT_MODES.length;
const MOUNTAIN = TERRAINS.indexOf('mountain');
const KMH_TO_SEC_PER_M = 3.6;
/** Heuristic slack: keeps floor(h) consistent despite rounding in sqrt and the segment lengths. */
const HEURISTIC_SLACK = 1 - 1e-6;
const DEFAULT_LANDMARKS = 12;
const UNREACHED = -1;

function modeIndex(mode: MovementMode): number {
  const m = MOVEMENT_MODES.indexOf(mode);
  if (m < 0) throw new RangeError(`routing: unknown movement mode ${String(mode)}`);
  return m;
}

/** Whole seconds to cover lengthM at kmh (at least MIN_SEGMENT_SEC). */
function secondsAt(p: Movement, lengthM: number, kmh: number): number {
  const sec = Math.ceil((lengthM * KMH_TO_SEC_PER_M) / kmh);
  return sec > p.MIN_SEGMENT_SEC.value ? sec : p.MIN_SEGMENT_SEC.value;
}

/** Open-road speed of a mode on a class and terrain, km/h. */
function openKmh(p: Movement, mode: MovementMode, roadClass: number, terrain: number): number {
  return p.ROAD_SPEED_KMH[mode].kmh[ROAD_CLASSES[roadClass]] * p.TERRAIN_FACTOR[mode].factor[TERRAINS[terrain]];
}

/**
 * Speed of a mode over a segment in its current condition, km/h; 0 when it
 * cannot pass. The rules, in order: a collapsed bridge stops everyone; a
 * landslide or ground failure lets through only the modes BLOCKED_PASSAGE
 * allows; water deeper than the flood threshold applies FLOOD_PASSAGE; a
 * damaged bridge slows by DAMAGED_PASSAGE. Boats need water.
 */
function conditionKmh(p: Movement, roads: World['roads'], e: number, mode: MovementMode, state: RoadConditions): number {
  const depth = state.waterDepthM[e];
  const bridgeDamage = state.bridgeDamage[e];
  const flood = p.FLOOD_PASSAGE[mode];
  const floodedAbove = p.FLOODED_ABOVE_M.value;
  const isBoat = mode === 'boat';
  if (state.status[e] === BLOCKED) {
    if (bridgeDamage >= p.COLLAPSED_FROM_BRIDGE_DAMAGE.value) return 0;
    const blocked = p.BLOCKED_PASSAGE[mode];
    if (blocked.kmh <= 0) return 0;
    if (roads.terrain[e] === MOUNTAIN && !blocked.onMountain) return 0;
    if (depth > floodedAbove && (isBoat || depth > flood.maxDepthM)) return 0;
    return blocked.kmh;
  }
  const damageFactor = bridgeDamage >= p.DAMAGED_FROM_BRIDGE_DAMAGE.value || state.detour[e] ? p.DAMAGED_PASSAGE[mode].factor : 1;
  if (isBoat) return depth >= flood.minDepthM && depth > floodedAbove ? flood.kmh * damageFactor : 0;
  if (depth > floodedAbove) return depth <= flood.maxDepthM && flood.kmh > 0 ? flood.kmh * damageFactor : 0;
  return openKmh(p, mode, roads.roadClass[e], roads.terrain[e]) * damageFactor;
}

/** Highest speed a mode can reach on this segment in any condition (for the A* bound). */
function fastestKmh(p: Movement, roads: World['roads'], e: number, mode: MovementMode): number {
  const damage = Math.max(1, p.DAMAGED_PASSAGE[mode].factor);
  const open = mode === 'boat' ? 0 : openKmh(p, mode, roads.roadClass[e], roads.terrain[e]);
  return Math.max(open, p.FLOOD_PASSAGE[mode].kmh, p.BLOCKED_PASSAGE[mode].kmh) * damage;
}

interface NodeGrid {
  minX: number;
  minY: number;
  cellM: number;
  nx: number;
  ny: number;
  /** CSR: nodes of cell c (ascending) are cellNodes[cellStart[c] .. cellStart[c+1]). */
  cellStart: Int32Array;
  cellNodes: Int32Array;
}

function buildGrid(xs: Float64Array, ys: Float64Array): NodeGrid {
  const n = xs.length;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    if (xs[i] < minX) minX = xs[i];
    if (xs[i] > maxX) maxX = xs[i];
    if (ys[i] < minY) minY = ys[i];
    if (ys[i] > maxY) maxY = ys[i];
  }
  if (n === 0) minX = minY = maxX = maxY = 0;
  const width = maxX - minX, height = maxY - minY;
  // About two nodes per cell on average.
  const cellM = Math.max(1, Math.sqrt((2 * Math.max(width * height, 1)) / Math.max(n, 1)), Math.max(width, height) / 4096);
  const nx = Math.floor(width / cellM) + 1;
  const ny = Math.floor(height / cellM) + 1;
  const cellStart = new Int32Array(nx * ny + 1);
  const cellOfNode = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.min(ny - 1, Math.floor((ys[i] - minY) / cellM)) * nx + Math.min(nx - 1, Math.floor((xs[i] - minX) / cellM));
    cellOfNode[i] = c;
    cellStart[c + 1]++;
  }
  for (let c = 0; c < nx * ny; c++) cellStart[c + 1] += cellStart[c];
  const fill = cellStart.slice(0, nx * ny);
  const cellNodes = new Int32Array(n);
  for (let i = 0; i < n; i++) cellNodes[fill[cellOfNode[i]]++] = i;
  return { minX, minY, cellM, nx, ny, cellStart, cellNodes };
}

/** Distance from a point to the piece of line between (ax, ay) and (bx, by). */
function pointToPieceM(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSq)) : 0;
  const ex = ax + t * dx - px, ey = ay + t * dy - py;
  return Math.sqrt(ex * ex + ey * ey);
}

function nearestInGrid(grid: NodeGrid, xs: Float64Array, ys: Float64Array, px: number, py: number): NearestNode {
  if (xs.length === 0) return { node: NONE, distM: Infinity };
  const { minX, minY, cellM, nx, ny, cellStart, cellNodes } = grid;
  const cx = Math.max(0, Math.min(nx - 1, Math.floor((px - minX) / cellM)));
  const cy = Math.max(0, Math.min(ny - 1, Math.floor((py - minY) / cellM)));
  let best = NONE;
  let bestD2 = Infinity;
  const scanCell = (i: number, j: number) => {
    const c = j * nx + i;
    for (let k = cellStart[c]; k < cellStart[c + 1]; k++) {
      const node = cellNodes[k];
      const dx = xs[node] - px, dy = ys[node] - py;
      const d2 = dx * dx + dy * dy;
      if (d2 < bestD2 || (d2 === bestD2 && node < best)) {
        bestD2 = d2;
        best = node;
      }
    }
  };
  for (let r = 0; ; r++) {
    for (let j = cy - r; j <= cy + r; j++) {
      if (j < 0 || j >= ny) continue;
      if (j === cy - r || j === cy + r) {
        for (let i = Math.max(0, cx - r); i <= Math.min(nx - 1, cx + r); i++) scanCell(i, j);
      } else {
        if (cx - r >= 0) scanCell(cx - r, j);
        if (r > 0 && cx + r < nx) scanCell(cx + r, j);
      }
    }
    // Every cell not yet scanned lies beyond one of the sides of the scanned box.
    let bound = Infinity;
    if (cx - r > 0) bound = Math.min(bound, px - (minX + (cx - r) * cellM));
    if (cx + r < nx - 1) bound = Math.min(bound, minX + (cx + r + 1) * cellM - px);
    if (cy - r > 0) bound = Math.min(bound, py - (minY + (cy - r) * cellM));
    if (cy + r < ny - 1) bound = Math.min(bound, minY + (cy + r + 1) * cellM - py);
    if (bound === Infinity) break;
    // Strict: a node exactly at the bound could still win the tie on index.
    if (best !== NONE && bound > 0 && bestD2 < bound * bound) break;
  }
  return { node: best, distM: Math.sqrt(bestD2) };
}

export function createRouter(world: RoadWorld, options: RouterOptions = {}): Router {
  const roads = world.roads;
  const p = options.movement ?? DEFAULT_PARAMS.movement;
  const nodeCount = roads.nodeXM.length;
  const edgeCount = roads.ids.length;
  const xs = roads.nodeXM, ys = roads.nodeYM;
  const useHeuristic = options.heuristic !== false;
  const landmarkCount = useHeuristic ? Math.max(0, Math.min(nodeCount, Math.floor(options.landmarks ?? DEFAULT_LANDMARKS))) : 0;

  // CSR adjacency, both directions, each node's arcs in ascending segment order.
  const adjStart = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    if (roads.fromNode[e] === roads.toNode[e]) continue; // a loop never shortens a route
    adjStart[roads.fromNode[e] + 1]++;
    adjStart[roads.toNode[e] + 1]++;
  }
  for (let v = 0; v < nodeCount; v++) adjStart[v + 1] += adjStart[v];
  const arcCount = adjStart[nodeCount];
  const adjNode = new Int32Array(arcCount);
  const adjEdge = new Int32Array(arcCount);
  {
    const fill = adjStart.slice(0, nodeCount);
    for (let e = 0; e < edgeCount; e++) {
      const a = roads.fromNode[e], b = roads.toNode[e];
      if (a === b) continue;
      adjNode[fill[a]] = b;
      adjEdge[fill[a]++] = e;
      adjNode[fill[b]] = a;
      adjEdge[fill[b]++] = e;
    }
  }

  // Per mode: seconds on each segment when it is open, dry and undamaged (-1: not usable),
  // and the A* scale (seconds per metre at the mode's top speed on this network).
  const openSec: Int32Array[] = [];
  const heuristicSecPerM = new Float64Array(MODE_COUNT);
  let chordRatio = 1; // segment length over end-to-end distance, at least this everywhere
  for (let e = 0; e < edgeCount; e++) {
    const a = roads.fromNode[e], b = roads.toNode[e];
    const chord = Math.sqrt((xs[a] - xs[b]) * (xs[a] - xs[b]) + (ys[a] - ys[b]) * (ys[a] - ys[b]));
    if (chord > 0 && roads.lengthM[e] < chord * chordRatio) chordRatio = roads.lengthM[e] / chord;
  }
  for (let m = 0; m < MODE_COUNT; m++) {
    const mode = MOVEMENT_MODES[m];
    const sec = new Int32Array(edgeCount);
    let topKmh = 0;
    for (let e = 0; e < edgeCount; e++) {
      sec[e] = mode === 'boat' ? -1 : secondsAt(p, roads.lengthM[e], openKmh(p, mode, roads.roadClass[e], roads.terrain[e]));
      topKmh = Math.max(topKmh, fastestKmh(p, roads, e, mode));
    }
    openSec.push(sec);
    heuristicSecPerM[m] = useHeuristic && topKmh > 0 ? (KMH_TO_SEC_PER_M / topKmh) * chordRatio * HEURISTIC_SLACK : 0;
  }

  // Search buffers, reused by every query. A node's entries are valid when its stamp equals the query's.
  const seenStamp = new Uint32Array(nodeCount);
  const doneStamp = new Uint32Array(nodeCount);
  const gSec = new Float64Array(nodeCount);
  const hSec = new Float64Array(nodeCount);
  const pred = new Int32Array(nodeCount);
  const predEdge = new Int32Array(nodeCount);
  let stamp = 0;
  // Lazy binary heap ordered by (f, g, node). Each arc pushes at most once, so 2E + 1 entries suffice.
  const heapCapacity = arcCount + 1;
  const heapF = new Float64Array(heapCapacity);
  const heapG = new Float64Array(heapCapacity);
  const heapNode = new Int32Array(heapCapacity);
  let heapSize = 0;

  const before = (i: number, j: number): boolean =>
    heapF[i] < heapF[j] || (heapF[i] === heapF[j] && (heapG[i] < heapG[j] || (heapG[i] === heapG[j] && heapNode[i] < heapNode[j])));

  const swap = (i: number, j: number) => {
    const f = heapF[i], g = heapG[i], n = heapNode[i];
    heapF[i] = heapF[j];
    heapG[i] = heapG[j];
    heapNode[i] = heapNode[j];
    heapF[j] = f;
    heapG[j] = g;
    heapNode[j] = n;
  };

  const push = (node: number, f: number, g: number) => {
    let i = heapSize++;
    heapF[i] = f;
    heapG[i] = g;
    heapNode[i] = node;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(i, parent)) break;
      swap(i, parent);
      i = parent;
    }
  };

  /** Removes the top entry (read heapNode[0] first). */
  const popTop = () => {
    heapSize--;
    if (heapSize === 0) return;
    heapF[0] = heapF[heapSize];
    heapG[0] = heapG[heapSize];
    heapNode[0] = heapNode[heapSize];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heapSize) break;
      const r = l + 1;
      const c = r < heapSize && before(r, l) ? r : l;
      if (!before(c, i)) break;
      swap(c, i);
      i = c;
    }
  };

  const nextStamp = () => {
    if (stamp === 0xffffffff) {
      seenStamp.fill(0);
      doneStamp.fill(0);
      stamp = 0;
    }
    return ++stamp;
  };

  const checkState = (state: RoadConditions) => {
    if (state.status.length !== edgeCount || state.bridgeDamage.length !== edgeCount || state.detour.length !== edgeCount || state.waterDepthM.length !== edgeCount) {
      throw new RangeError(`routing: road state has ${state.status.length} segments, the network ${edgeCount}`);
    }
  };

  const checkNode = (v: number, what: string) => {
    if (!Number.isInteger(v) || v < 0 || v >= nodeCount) throw new RangeError(`routing: ${what} ${v} is not a node (0 … ${nodeCount - 1})`);
  };

  const segmentCost = (e: number, m: number, state: RoadConditions): number => {
    if (state.status[e] !== BLOCKED && state.bridgeDamage[e] < p.DAMAGED_FROM_BRIDGE_DAMAGE.value && !state.detour[e] && state.waterDepthM[e] <= p.FLOODED_ABOVE_M.value) {
      return openSec[m][e];
    }
    const kmh = conditionKmh(p, roads, e, MOVEMENT_MODES[m], state);
    return kmh > 0 ? secondsAt(p, roads.lengthM[e], kmh) : -1;
  };

  /** Canonical least-time search; true when `to` was reached. Leaves gSec/pred/predEdge for the path. */
  const search = (from: number, to: number, m: number, state: RoadConditions): boolean => {
    const landmarks = landmarksFor(m);
    const q = nextStamp();
    const scale = heuristicSecPerM[m];
    const tx = xs[to], ty = ys[to];
    const stride = landmarkCount, toRow = to * landmarkCount;
    const bound = (v: number): number => {
      const dx = xs[v] - tx, dy = ys[v] - ty;
      let h = Math.floor(Math.sqrt(dx * dx + dy * dy) * scale);
      if (landmarks) {
        for (let k = 0, row = v * stride; k < stride; k++) {
          const dv = landmarks[row + k], dt = landmarks[toRow + k];
          if (dv === UNREACHED || dt === UNREACHED) continue;
          const diff = dt > dv ? dt - dv : dv - dt;
          if (diff > h) h = diff;
        }
      }
      return h;
    };
    const open = openSec[m];
    const status = state.status, bridgeDamage = state.bridgeDamage, detour = state.detour, depth = state.waterDepthM;
    const damagedFrom = p.DAMAGED_FROM_BRIDGE_DAMAGE.value, floodedAbove = p.FLOODED_ABOVE_M.value;
    heapSize = 0;
    seenStamp[from] = q;
    gSec[from] = 0;
    hSec[from] = bound(from);
    pred[from] = NONE;
    predEdge[from] = NONE;
    push(from, hSec[from], 0);
    while (heapSize > 0) {
      const u = heapNode[0];
      popTop();
      if (doneStamp[u] === q) continue; // a stale entry
      doneStamp[u] = q;
      if (u === to) return true;
      const gu = gSec[u];
      for (let k = adjStart[u], end = adjStart[u + 1]; k < end; k++) {
        const v = adjNode[k];
        if (doneStamp[v] === q) continue;
        const e = adjEdge[k];
        const w =
          status[e] !== BLOCKED && bridgeDamage[e] < damagedFrom && !detour[e] && depth[e] <= floodedAbove ? open[e] : segmentCost(e, m, state);
        if (w < 0) continue;
        const g = gu + w;
        if (seenStamp[v] !== q) {
          seenStamp[v] = q;
          hSec[v] = bound(v);
        } else if (g > gSec[v] || (g === gSec[v] && (u > pred[v] || (u === pred[v] && e >= predEdge[v])))) {
          continue;
        } else if (g === gSec[v]) {
          // Same time through a lower-index neighbour: it becomes the predecessor; the queue is unchanged.
          pred[v] = u;
          predEdge[v] = e;
          continue;
        }
        gSec[v] = g;
        pred[v] = u;
        predEdge[v] = e;
        push(v, g + hSec[v], g);
      }
    }
    return false;
  };

  // ALT bound: for landmarks L, time(v → t) ≥ |d(L, t) − d(L, v)|, with d the least times when
  // every segment is at the mode's fastest speed in any condition. Integer and consistent, so
  // the canonical tie rule still holds. Rows are node-major: landmarkSec[v * count + k].
  const landmarkSec: (Int32Array | null)[] = new Array(MODE_COUNT).fill(null);

  /** Least times from source over fixed segment costs, into out[v * stride + slot]. */
  const fillDistances = (source: number, costs: Int32Array, out: Int32Array, stride: number, slot: number) => {
    const q = nextStamp();
    heapSize = 0;
    seenStamp[source] = q;
    gSec[source] = 0;
    push(source, 0, 0);
    while (heapSize > 0) {
      const u = heapNode[0];
      popTop();
      if (doneStamp[u] === q) continue;
      doneStamp[u] = q;
      const gu = gSec[u];
      for (let k = adjStart[u], end = adjStart[u + 1]; k < end; k++) {
        const v = adjNode[k];
        if (doneStamp[v] === q) continue;
        const g = gu + costs[adjEdge[k]];
        if (seenStamp[v] === q && g >= gSec[v]) continue;
        seenStamp[v] = q;
        gSec[v] = g;
        push(v, g, g);
      }
    }
    for (let v = 0; v < nodeCount; v++) out[v * stride + slot] = doneStamp[v] === q ? gSec[v] : UNREACHED;
  };

  /** Landmarks by farthest-point selection (ties: lower index), seeded from node 0. */
  const buildLandmarks = (m: number): Int32Array => {
    const mode = MOVEMENT_MODES[m];
    const costs = new Int32Array(edgeCount);
    for (let e = 0; e < edgeCount; e++) costs[e] = secondsAt(p, roads.lengthM[e], fastestKmh(p, roads, e, mode));
    const rows = new Int32Array(nodeCount * landmarkCount);
    const nearest = new Float64Array(nodeCount).fill(Infinity); // least time to any chosen landmark
    const scratch = new Int32Array(nodeCount);
    fillDistances(0, costs, scratch, 1, 0);
    let next = 0;
    for (let v = 0; v < nodeCount; v++) if (scratch[v] > scratch[next]) next = v;
    for (let k = 0; k < landmarkCount; k++) {
      fillDistances(next, costs, rows, landmarkCount, k);
      let far = next;
      for (let v = 0; v < nodeCount; v++) {
        const d = rows[v * landmarkCount + k];
        if (d !== UNREACHED && d < nearest[v]) nearest[v] = d;
        if (nearest[v] !== Infinity && nearest[v] > nearest[far]) far = v;
      }
      next = far;
    }
    return rows;
  };

  const landmarksFor = (m: number): Int32Array | null => {
    if (landmarkCount === 0 || MOVEMENT_MODES[m] === 'boat') return null; // boats only ever search flooded patches
    let rows = landmarkSec[m];
    if (!rows) rows = landmarkSec[m] = buildLandmarks(m);
    return rows;
  };

  const prepare = (mode: MovementMode) => {
    landmarksFor(modeIndex(mode));
  };

  const route = (query: RouteQuery): RouteResult => {
    const m = modeIndex(query.mode);
    checkNode(query.fromNode, 'fromNode');
    checkNode(query.toNode, 'toNode');
    checkState(query.roadState);
    const { fromNode, toNode } = query;
    if (!search(fromNode, toNode, m, query.roadState)) return { ok: false, reason: 'noRoute' };
    let legs = 0;
    for (let v = toNode; v !== fromNode; v = pred[v]) legs++;
    const nodes = new Int32Array(legs + 1);
    const edges = new Int32Array(legs);
    const legSec = new Float64Array(legs);
    const reachSec = new Float64Array(legs + 1);
    let v = toNode;
    for (let i = legs; i > 0; i--) {
      nodes[i] = v;
      edges[i - 1] = predEdge[v];
      reachSec[i] = gSec[v];
      v = pred[v];
    }
    nodes[0] = fromNode;
    let distM = 0;
    for (let i = 0; i < legs; i++) {
      legSec[i] = reachSec[i + 1] - reachSec[i];
      distM += roads.lengthM[edges[i]];
    }
    return { ok: true, mode: query.mode, nodes, edges, legSec, reachSec, totalSec: gSec[toNode], distM };
  };

  const grid = buildGrid(xs, ys);
  const nearestNode = (xM: number, yM: number): NearestNode => nearestInGrid(grid, xs, ys, xM, yM);

  // Every vertex of every segment's line, in a grid of its own: the distance to the road is measured to the
  // nearest vertex's two pieces of line (exact where vertices lie close enough that the nearest point's piece
  // has the nearest vertex at one end, as on the shipped networks' densely drawn lines).
  let vertexCount = 0;
  for (const path of roads.pathM) vertexCount += path.length / 2;
  const vx = new Float64Array(vertexCount), vy = new Float64Array(vertexCount);
  const vPath = new Int32Array(vertexCount), vAt = new Int32Array(vertexCount);
  {
    let k = 0;
    roads.pathM.forEach((path, e) => {
      for (let i = 0; i < path.length; i += 2, k++) (vx[k] = path[i]), (vy[k] = path[i + 1]), (vPath[k] = e), (vAt[k] = i);
    });
  }
  const vertexGrid = buildGrid(vx, vy);
  const roadDistanceM = (xM: number, yM: number): number => {
    const near = nearestInGrid(vertexGrid, vx, vy, xM, yM);
    if (near.node === NONE) return Infinity;
    const path = roads.pathM[vPath[near.node]], i = vAt[near.node];
    let best = near.distM;
    for (const j of [i - 2, i + 2]) {
      if (j < 0 || j >= path.length) continue;
      best = Math.min(best, pointToPieceM(xM, yM, path[i], path[i + 1], path[j], path[j + 1]));
    }
    return best;
  };

  /** Some segment at the node is usable by the mode now. */
  const usableAt = (v: number, m: number, state: RoadConditions): boolean => {
    for (let k = adjStart[v]; k < adjStart[v + 1]; k++) if (segmentCost(adjEdge[k], m, state) >= 0) return true;
    return false;
  };

  const travel = (query: TravelQuery): TravelResult => {
    const m = modeIndex(query.mode);
    checkState(query.roadState);
    const { fromXM, fromYM, toXM, toYM, mode } = query;
    const offRoad = p.OFF_ROAD[mode];
    const start = nearestNode(fromXM, fromYM);
    const end = nearestNode(toXM, toYM);
    if (mode === 'boat' && (start.node === NONE || !usableAt(start.node, m, query.roadState) || !usableAt(end.node, m, query.roadState))) {
      return { ok: false, reason: 'modeNotPossible' };
    }
    const base = { ok: true as const, mode, fromXM, fromYM, toXM, toYM };
    const directM = Math.sqrt((toXM - fromXM) * (toXM - fromXM) + (toYM - fromYM) * (toYM - fromYM));
    const offRoadSec = (distM: number) => (distM > 0 ? Math.ceil((distM * KMH_TO_SEC_PER_M) / offRoad.kmh) : 0);
    let best: TravelOk | null = null;
    if (directM <= offRoad.maxM) {
      const sec = offRoadSec(directM);
      const none = new Int32Array(0);
      const route: RouteOk = { ok: true, mode, nodes: none, edges: none, legSec: new Float64Array(0), reachSec: new Float64Array(0), totalSec: 0, distM: 0 };
      best = { ...base, direct: true, accessM: directM, accessSec: sec, route, egressM: 0, egressSec: 0, totalSec: sec, distM: directM };
    }
    const tooFar = start.node === NONE || roadDistanceM(fromXM, fromYM) > offRoad.maxM || roadDistanceM(toXM, toYM) > offRoad.maxM;
    let noRoute = false;
    if (!tooFar) {
      const apart = query.components !== undefined && query.components[start.node] !== query.components[end.node];
      const road: RouteResult = apart ? { ok: false, reason: 'noRoute' } : route({ fromNode: start.node, toNode: end.node, mode, roadState: query.roadState });
      if (road.ok) {
        const accessSec = offRoadSec(start.distM), egressSec = offRoadSec(end.distM);
        const totalSec = accessSec + road.totalSec + egressSec;
        if (!best || totalSec < best.totalSec) {
          best = {
            ...base,
            direct: false,
            accessM: start.distM,
            accessSec,
            route: road,
            egressM: end.distM,
            egressSec,
            totalSec,
            distM: start.distM + road.distM + end.distM,
          };
        }
      } else noRoute = true;
    }
    if (best) return best;
    return { ok: false, reason: noRoute ? 'noRoute' : 'tooFarFromRoad' };
  };

  const segmentSec = (edge: number, mode: MovementMode, roadState: RoadConditions): number => segmentCost(edge, modeIndex(mode), roadState);

  return { route, prepare, nearestNode, roadDistanceM, travel, segmentSec };
}

// ---------------------------------------------------------------------------
// Following a route in time (for the view and for re-routing)

export interface Position {
  xM: number;
  yM: number;
}

/** The point a fraction of the way along a polyline, walked forwards or backwards. */
function alongPath(path: Float64Array, forward: boolean, fraction: number): Position {
  const points = path.length / 2;
  const at = (i: number) => (forward ? i : points - 1 - i);
  let total = 0;
  for (let i = 1; i < points; i++) {
    const a = at(i - 1), b = at(i);
    const dx = path[2 * b] - path[2 * a], dy = path[2 * b + 1] - path[2 * a + 1];
    total += Math.sqrt(dx * dx + dy * dy);
  }
  let left = fraction * total;
  for (let i = 1; i < points; i++) {
    const a = at(i - 1), b = at(i);
    const x0 = path[2 * a], y0 = path[2 * a + 1], x1 = path[2 * b], y1 = path[2 * b + 1];
    const len = Math.sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
    if (left <= len && len > 0) return { xM: x0 + ((x1 - x0) * left) / len, yM: y0 + ((y1 - y0) * left) / len };
    left -= len;
  }
  const last = at(points - 1);
  return { xM: path[2 * last], yM: path[2 * last + 1] };
}

/** Index of the first node reached at or after `elapsed` seconds (the last node if none). */
function nextNodeIndex(reachSec: Float64Array, elapsed: number): number {
  let lo = 0, hi = reachSec.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reachSec[mid] >= elapsed) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function positionOnRoute(route: RouteOk, elapsed: number, roads: World['roads']): Position {
  const { nodes, edges, reachSec } = route;
  const last = nodes.length - 1;
  if (elapsed <= 0 || last === 0) return { xM: roads.nodeXM[nodes[0]], yM: roads.nodeYM[nodes[0]] };
  if (elapsed >= route.totalSec) return { xM: roads.nodeXM[nodes[last]], yM: roads.nodeYM[nodes[last]] };
  const i = nextNodeIndex(reachSec, elapsed); // on the segment ending at nodes[i]
  const e = edges[i - 1];
  const fraction = (elapsed - reachSec[i - 1]) / (reachSec[i] - reachSec[i - 1]);
  return alongPath(roads.pathM[e], roads.fromNode[e] === nodes[i - 1], fraction);
}

const lerp = (x0: number, y0: number, x1: number, y1: number, fraction: number): Position => ({
  xM: x0 + (x1 - x0) * fraction,
  yM: y0 + (y1 - y0) * fraction,
});

/**
 * Where a team that set off at startSec is at tSec, along the segments'
 * geometry in the direction of travel (and straight across country on
 * off-road legs). For display: positions do not feed the state.
 */
export function positionAt(route: RouteOk | TravelOk, startSec: number, tSec: number, world: RoadWorld): Position {
  const roads = world.roads;
  const elapsed = tSec - startSec;
  if (!('route' in route)) return positionOnRoute(route, elapsed, roads);
  const trip = route;
  if (elapsed <= 0) return { xM: trip.fromXM, yM: trip.fromYM };
  if (elapsed >= trip.totalSec) return { xM: trip.toXM, yM: trip.toYM };
  if (trip.direct) return lerp(trip.fromXM, trip.fromYM, trip.toXM, trip.toYM, elapsed / trip.accessSec);
  const { nodes } = trip.route;
  const first = nodes[0], last = nodes[nodes.length - 1];
  if (elapsed < trip.accessSec) return lerp(trip.fromXM, trip.fromYM, roads.nodeXM[first], roads.nodeYM[first], elapsed / trip.accessSec);
  const onRoad = elapsed - trip.accessSec;
  if (onRoad <= trip.route.totalSec) return positionOnRoute(trip.route, onRoad, roads);
  return lerp(roads.nodeXM[last], roads.nodeYM[last], trip.toXM, trip.toYM, (onRoad - trip.route.totalSec) / trip.egressSec);
}

export interface Remaining {
  /** The next road node the team reaches (or is at now); NONE once it has left the network. */
  node: number;
  /** When it is there, absolute seconds; with NONE, when the team reaches its destination. */
  atSec: number;
  /** Position of `node` in route.nodes: edges[index …] are still ahead (route.nodes.length with NONE). */
  index: number;
  /** The team has reached the end of the trip. */
  arrived: boolean;
}

function remainingOnRoute(route: RouteOk, startSec: number, elapsed: number): Remaining {
  const i = nextNodeIndex(route.reachSec, elapsed);
  return { node: route.nodes[i], atSec: startSec + route.reachSec[i], index: i, arrived: elapsed >= route.totalSec };
}

/**
 * The next node a team will reach, and when, so the caller can re-route from
 * there when the network changes. A team between nodes finishes the segment
 * it is on (there is no turning round mid-segment in this model).
 */
export function remainingAfter(route: RouteOk | TravelOk, startSec: number, tSec: number): Remaining {
  const elapsed = tSec - startSec;
  if (!('route' in route)) return remainingOnRoute(route, startSec, elapsed);
  const trip = route;
  const roadEnd = trip.accessSec + trip.route.totalSec;
  if (trip.direct || elapsed > roadEnd) {
    return { node: NONE, atSec: startSec + trip.totalSec, index: trip.route.nodes.length, arrived: elapsed >= trip.totalSec };
  }
  if (elapsed <= trip.accessSec) return { node: trip.route.nodes[0], atSec: startSec + trip.accessSec, index: 0, arrived: false };
  const r = remainingOnRoute(trip.route, startSec + trip.accessSec, elapsed - trip.accessSec);
  return { ...r, arrived: r.arrived && elapsed >= trip.totalSec };
}

// ---------------------------------------------------------------------------
// Benchmark (figures, not pass/fail). src/ reads no clock: the caller passes one.

export interface RouteBench {
  medianMs: number;
  p95Ms: number;
  routed: number;
  noRoute: number;
  buildMs: number;
}


/** Road conditions with every segment open and dry. */
export function openRoadConditions(world: RoadWorld): RoadConditions {
  const n = world.roads.ids.length;
  return { status: new Uint8Array(n), bridgeDamage: new Uint8Array(n), detour: new Uint8Array(n), waterDepthM: new Float64Array(n) };
}

/**
 * Times `count` route queries between node pairs drawn from `seed`, on the
 * given conditions (default: all open) with the given mode (default 'road').
 * clockMs is the caller's wall clock in milliseconds.
 */
export function benchRouteQueries(
  world: RoadWorld,
  count: number,
  seed: number,
  clockMs: () => number,
  options: { mode?: MovementMode; roadState?: RoadConditions } = {},
): RouteBench {
  const mode = options.mode ?? 'road';
  const t0 = clockMs();
  const router = createRouter(world);
  router.prepare(mode);
  const buildMs = clockMs() - t0;
  const roadState = options.roadState ?? openRoadConditions(world);
  const nodeCount = world.roads.nodeXM.length;
  const random = mulberry32(seed);
  const times: number[] = [];
  let routed = 0, noRoute = 0;
  for (let i = 0; i < count && nodeCount > 0; i++) {
    const fromNode = Math.floor(random() * nodeCount);
    const toNode = Math.floor(random() * nodeCount);
    const start = clockMs();
    const result = router.route({ fromNode, toNode, mode, roadState });
    times.push(clockMs() - start);
    if (result.ok) routed++;
    else noRoute++;
  }
  times.sort((a, b) => a - b);
  const quantile = (p: number) => (times.length ? times[Math.min(times.length - 1, Math.floor(p * times.length))] : 0);
  const medianMs = times.length === 0 ? 0 : times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
  return { medianMs, p95Ms: quantile(0.95), routed, noRoute, buildMs };
}
