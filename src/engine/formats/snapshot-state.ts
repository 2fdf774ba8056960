// The structural check of a snapshot's encoded SimState against the world it
// claims, before anything is decoded or restored. The schema is built from a
// fresh state of the same world (so every table, typed array and length
// follows SimState by construction) plus the rules a fresh state cannot show:
// the element schema of each list that starts empty, clock ranges, enum
// codes, the RNG streams and the events the queue may hold. What a schema
// states poorly (heap order, indices into lists, lengths that must agree) is
// checked after it, by hand.
import { encodeState } from '../../core/codec.ts';
import type { StreamName } from '../../core/rng.ts';
import { MOVEMENT_MODES } from '../../model/params/movement.ts';
import { OUT_CAUSE, POWER_SOURCE, ROAD_STATUS, TEAM_STATUS, UAV_STATUS } from '../../model/state.ts';
import type { World } from '../../model/world.ts';
import { EXPECTATION_STATUSES, INJECT_STATUSES, MANUAL_RATINGS } from '../../model/msel.ts';
import { commandShapeProblem } from '../../response/commands.ts';
import { INJECT_KIND_NAMES, INJECT_KINDS } from '../../response/inject-kinds.ts';
import { DOCTRINE_SEATS_ALL } from '../../scenario/normalise.ts';
import { EVENT_KINDS, Sim } from '../sim.ts';
import { APPLIED_COMMAND, COMMAND, WARNING } from './fields.ts';
import type { Problem, Schema } from './saved-format.ts';

/** Latest time an event may be scheduled for: 2³¹ − 1 s (about 68 years). */
export const MAX_EVENT_SEC = 2 ** 31 - 1;
const MAX_COUNT = Number.MAX_SAFE_INTEGER;
export const STATE_LIMITS = { events: 5_000_000, records: 1_000_000 } as const;

/** Alea streams (core/rng.ts); the `satisfies` and the check below keep this list equal to StreamName. */
export const STREAM_NAMES = ['hazard', 'damage', 'power', 'comms', 'response', 'doctrine', 'roads', 'flood'] as const satisfies readonly StreamName[];
type MissingStream = Exclude<StreamName, (typeof STREAM_NAMES)[number]>;
const streamsComplete: [MissingStream] extends [never] ? true : false = true;
void streamsComplete;

/** Alea's largest carry: c = t | 0 with t < 2091639 + 1. */
const ALEA_MAX_CARRY = 2091639;

/** What each event kind carries, and what its numbers index. */
type DataField = 'quake' | 'flood' | 'aftershock' | 'inject' | 'expectation' | 'site' | 'feeder' | 'substation' | 'team' | 'uav' | 'epoch' | 'fuelSec';
export const EVENT_DATA: Record<string, Record<string, DataField>> = {
  earthquake: { quake: 'quake' },
  aftershock: { index: 'aftershock' },
  floodStep: { flood: 'flood' },
  substationRestored: { substation: 'substation' },
  supplyTransferred: { substation: 'substation' },
  sitePowerCheck: { site: 'site', epoch: 'epoch' },
  generatorArrives: { site: 'site', fuelSec: 'fuelSec' },
  teamReady: { team: 'team', epoch: 'epoch' },
  teamArrives: { team: 'team', epoch: 'epoch' },
  taskDone: { team: 'team', epoch: 'epoch' },
  teamRested: { team: 'team', epoch: 'epoch' },
  uavOnStation: { uav: 'uav', epoch: 'epoch' },
  uavLeaves: { uav: 'uav', epoch: 'epoch' },
  uavLands: { uav: 'uav', epoch: 'epoch' },
  doctrineTick: {},
  injectDue: { inject: 'inject', epoch: 'epoch' },
  expectationDeadline: { expectation: 'expectation' },
};

const int = (minimum: number, maximum: number) => ({ type: 'integer', minimum, maximum });
const num = { type: 'number' };
const nonNeg = { type: 'number', minimum: 0 };
const str = { type: 'string', maxLength: 2000 };
const code = { type: 'string', maxLength: 128 };

function record(properties: Record<string, unknown>, optional: string[] = []): Schema {
  return { type: 'object', required: Object.keys(properties).filter((k) => !optional.includes(k)), additionalProperties: false, properties };
}

function list(items: unknown, maxItems: number = STATE_LIMITS.records): Schema {
  return { type: 'array', maxItems, items };
}

const TYPED_ITEMS: Record<string, Schema> = {
  Uint8Array: int(0, 255),
  Int8Array: int(-128, 127),
  Uint16Array: int(0, 65_535),
  Int32Array: int(-(2 ** 31), 2 ** 31 - 1),
  Uint32Array: int(0, 2 ** 32 - 1),
  Float32Array: num,
  Float64Array: num,
};

/** A typed array as the codec writes it: {"$typed": name, "values": [...]}, of a fixed length when `length` is given. */
function typed(tag: string, length: number | null, per: string, items: Schema = TYPED_ITEMS[tag] ?? num): Schema {
  const values: Schema = { type: 'array', items };
  if (length !== null) Object.assign(values, { minItems: length, maxItems: length, 'x-per': per });
  else values.maxItems = STATE_LIMITS.records;
  return record({ $typed: { const: tag }, values });
}

/** Codes of a typed array of enum values or flags: 0 to max. */
const CODE_MAX: Record<string, number> = {
  '/sites/damageState': 4,
  '/substations/damageState': 4,
  '/roads/bridgeDamage': 4,
  '/sites/powerSource': Math.max(...Object.values(POWER_SOURCE)),
  '/sites/outCause': Math.max(...Object.values(OUT_CAUSE)),
  '/roads/status': Math.max(...Object.values(ROAD_STATUS)),
  '/roads/known': Math.max(...Object.values(ROAD_STATUS)) + 1,
  '/teams/status': Math.max(...Object.values(TEAM_STATUS)),
  '/uavs/status': Math.max(...Object.values(UAV_STATUS)),
};
const FLAGS = [
  '/sites/hasGenerator', '/sites/generatorInbound', '/sites/inspected', '/sites/satelliteBackhaul', '/sites/everOut', '/sites/standIn',
  '/substations/inService', '/substations/energised', '/substations/flooded', '/substations/transferred',
  '/feeders/tripped', '/feeders/energised', '/roads/blocked', '/roads/fibreCut', '/roads/detour', '/townships/affected',
];
for (const f of FLAGS) CODE_MAX[f] = 1;

/** Indices that may also be -1 (none); their upper bound is checked by hand. */
const INDEX_OR_NONE = ['/teams/task', '/uavs/cell'];

/** Times in seconds that are NEVER (-1) until they are set. */
const TIME_OR_NEVER = ['/roads/clearDueSec', '/substations/restoreAtSec', '/townships/affectedAtSec', '/uavs/requestedAtSec', '/uavs/onStationAtSec', '/uavs/leaveAtSec'];

/** Which table a fixed-length typed array has one value per, for messages. */
function perOf(world: World, pointer: string, length: number): string {
  const [, top, sub] = pointer.split('/');
  const tables: Record<string, [number, string]> = {
    sites: [world.sites.ids.length, 'one per site'],
    substations: [world.substations.ids.length, 'one per substation'],
    feeders: [world.feeders.ids.length, 'one per feeder'],
    roads: [world.roads.ids.length, 'one per road segment'],
    roadWorsenedAtVersion: [world.roads.ids.length, 'one per road segment'],
    townships: [world.townships.ids.length, 'one per township'],
    teams: [world.teams.length, 'one per team'],
    uavs: [world.uavs.length, 'one per UAV'],
    populationWaterDepthM: [world.population.ids.length, 'one per population point'],
    warnedPeople: [world.population.ids.length, 'one per population point'],
    helicopterBusyUntilSec: [world.helicopters.length, 'one per helicopter'],
    generatorPoolsLeft: [world.generatorPools.length, 'one per generator pool'],
  };
  const hit = tables[top];
  if (hit && hit[0] === length) return hit[1];
  if (top === 'coverage') return sub === 'onAirCount' ? 'three per population point, one per operator' : sub === 'onAirAny' ? 'one per population point' : 'one per operator';
  return `as in a fresh state of ${world.scenarioId}`;
}

/** Movement modes of a trip; an airlift trip is marked 'helicopter' (response/airlift.ts). */
const TRIP_MODES = [...MOVEMENT_MODES, 'helicopter'];

function routeSchema(world: World): Schema {
  const nNodes = world.roads.nodeXM.length;
  const nRoads = world.roads.ids.length;
  return record({
    ok: { const: true },
    mode: { enum: TRIP_MODES },
    nodes: typed('Int32Array', null, '', int(0, nNodes - 1)),
    edges: typed('Int32Array', null, '', int(0, nRoads - 1)),
    legSec: typed('Float64Array', null, '', nonNeg),
    reachSec: typed('Float64Array', null, '', nonNeg),
    totalSec: nonNeg,
    distM: nonNeg,
  });
}

function tripSchema(world: World): Schema {
  return record({
    ok: { const: true },
    mode: { enum: TRIP_MODES },
    fromXM: num,
    fromYM: num,
    toXM: num,
    toYM: num,
    direct: { type: 'boolean' },
    accessM: nonNeg,
    accessSec: nonNeg,
    route: routeSchema(world),
    egressM: nonNeg,
    egressSec: nonNeg,
    totalSec: nonNeg,
    distM: nonNeg,
  });
}

/** Schemas of the parts a fresh state cannot show, by JSON pointer. */
function overrides(world: World): Record<string, Schema> {
  const end = world.durationSec;
  const t = int(0, MAX_EVENT_SEC);
  const eventData = (kind: string) => {
    const properties: Record<string, Schema> = {};
    for (const [field, what] of Object.entries(EVENT_DATA[kind])) {
      const size: Record<string, number> = {
        quake: world.earthquakes.length,
        flood: world.floods.length,
        site: world.sites.ids.length,
        feeder: world.feeders.ids.length,
        substation: world.substations.ids.length,
        team: world.teams.length,
        uav: world.uavs.length,
      };
      properties[field] = what === 'epoch' ? int(0, 2 ** 31 - 1) : what === 'fuelSec' ? nonNeg : what === 'aftershock' || what === 'inject' || what === 'expectation' ? int(0, STATE_LIMITS.records) : int(0, size[what] - 1);
    }
    return record(properties);
  };
  const trip = tripSchema(world);
  const counter = int(0, MAX_COUNT);
  return {
    '/clockSec': int(0, end),
    '/processedThroughSec': int(-1, end),
    '/eventsProcessed': counter,
    '/uavSortiesOrdered': counter,
    '/uavSortiesOnStation': counter,
    '/roadsVersion': counter,
    '/sitesEverOut': counter,
    '/sitesRestored': counter,
    '/counts/fibreCuts': counter,
    '/counts/substationsOut': counter,
    '/counts/feedersDown': counter,
    '/counts/powerCustomersOut': nonNeg,
    '/queue': record({
      heap: list(
        {
          ...record({ tSec: t, priority: int(-1000, 1000), seq: counter, kind: { enum: [...EVENT_KINDS] }, data: { type: 'object', maxProperties: 8 } }),
          allOf: Object.keys(EVENT_DATA).map((kind) => ({ if: { properties: { kind: { const: kind } } }, then: { properties: { data: eventData(kind) } } })),
        },
        STATE_LIMITS.events,
      ),
      nextSeq: counter,
    }),
    '/rng': {
      type: 'object',
      propertyNames: { enum: [...STREAM_NAMES] },
      additionalProperties: record({ c: int(0, ALEA_MAX_CARRY), s0: { type: 'number', minimum: 0, exclusiveMaximum: 1 }, s1: { type: 'number', minimum: 0, exclusiveMaximum: 1 }, s2: { type: 'number', minimum: 0, exclusiveMaximum: 1 } }),
    },
    '/warnings': list(WARNING),
    '/aftershocks': list(record({ quake: int(0, world.earthquakes.length - 1), tSec: t, ms: { type: 'number', minimum: -2, maximum: 10 }, xM: num, yM: num, inject: code }, ['inject'])),
    '/floodOverrides': list(record({ flood: int(0, world.floods.length - 1), zone: int(0, 100_000), levelM: num })),
    '/drill/injects': list(
      record({
        id: code,
        status: { enum: [...INJECT_STATUSES] },
        dueSec: int(-1, MAX_EVENT_SEC),
        deliveredAtSec: int(-1, MAX_EVENT_SEC),
        epoch: int(0, 2 ** 31 - 1),
        adhoc: { oneOf: [{ type: 'null' }, record({ kind: code, to: { type: ['string', 'null'], maxLength: 32 }, text: record({ zh: str, en: str }, ['en']), args: { type: 'object', maxProperties: 20 } })] },
      }),
    ),
    '/drill/delivered': list(int(0, STATE_LIMITS.records)),
    '/drill/expectations': list(
      record({ id: code, inject: int(0, STATE_LIMITS.records), status: { enum: [...EXPECTATION_STATUSES] }, deadlineSec: int(-1, MAX_EVENT_SEC), metAtSec: int(-1, MAX_EVENT_SEC) }),
    ),
    '/drill/observations': list(
      record({ tSec: t, seat: code, text: str, inject: { type: ['string', 'null'], maxLength: 128 }, expectation: { type: ['string', 'null'], maxLength: 128 }, indicator: { type: ['string', 'null'], maxLength: 128 } }),
    ),
    '/drill/ratings': list(record({ tSec: t, seat: code, indicator: code, rating: { enum: [...MANUAL_RATINGS] }, reason: str })),
    '/cells': list(
      record({
        id: code,
        kind: { enum: ['portableStation', 'commsVehicle', 'tetheredUav', 'uav'] },
        xM: num,
        yM: num,
        radiusM: nonNeg,
        operatorMask: int(0, 7),
        points: list(int(0, world.population.ids.length - 1)),
        on: { type: 'boolean' },
        onSinceSec: num,
        by: code,
      }),
    ),
    '/journeys': {
      type: 'array',
      minItems: world.teams.length,
      maxItems: world.teams.length,
      'x-per': 'one per team',
      items: {
        type: ['object', 'null'],
        required: ['trip', 'startSec', 'arriveSec', 'plannedAtVersion'],
        additionalProperties: false,
        properties: { trip, startSec: nonNeg, arriveSec: nonNeg, plannedAtVersion: counter, before: record({ trip, startSec: nonNeg }) },
      },
    },
    '/tasks': list(
      record({
        id: code,
        team: int(0, world.teams.length - 1),
        type: code,
        target: code,
        status: { enum: ['travelling', 'working', 'done', 'failed', 'cancelled'] },
        assignedAtSec: num,
        arrivedAtSec: num,
        doneAtSec: num,
        reason: { type: 'string', maxLength: 64 },
      }),
    ),
    '/requests': list(
      record({ tSec: t, seat: code, kind: code, township: { type: ['string', 'null'], maxLength: 64 }, note: str, actionedAtSec: num, actionedBy: { type: 'string', maxLength: 64 } }),
    ),
    '/pendingCommands': list(COMMAND),
    '/doctrineSeats': { type: 'array', maxItems: DOCTRINE_SEATS_ALL.length, uniqueItems: true, items: { enum: DOCTRINE_SEATS_ALL } },
    '/commandLog': list(APPLIED_COMMAND),
  };
}

function isTyped(v: unknown): v is { $typed: string; values: unknown[] } {
  return v !== null && typeof v === 'object' && typeof (v as { $typed?: unknown }).$typed === 'string';
}

/** Schema of `value` (a fresh state's part at `pointer`), with overrides; lists a fresh state cannot describe are reported. */
function schemaOf(world: World, value: unknown, pointer: string, over: Record<string, Schema>, uncovered: string[]): Schema {
  if (over[pointer]) return over[pointer];
  if (isTyped(value)) {
    let items = TYPED_ITEMS[value.$typed];
    if (CODE_MAX[pointer] !== undefined) items = int(0, CODE_MAX[pointer]);
    if (INDEX_OR_NONE.includes(pointer)) items = int(-1, 2 ** 31 - 1);
    if (TIME_OR_NEVER.includes(pointer)) items = { type: 'number', minimum: -1, maximum: MAX_EVENT_SEC };
    return typed(value.$typed, value.values.length, perOf(world, pointer, value.values.length), items);
  }
  if (Array.isArray(value)) {
    uncovered.push(pointer);
    return { type: 'array' };
  }
  if (value !== null && typeof value === 'object') {
    const properties: Record<string, Schema> = {};
    for (const [k, v] of Object.entries(value)) properties[k] = schemaOf(world, v, `${pointer}/${k}`, over, uncovered);
    return record(properties);
  }
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (typeof value === 'string') return str;
  return num;
}

const built = new WeakMap<World, { schema: Schema; uncovered: string[] }>();

/**
 * The JSON Schema of an encoded SimState of `world`, and the pointers of any
 * list no rule describes (a test keeps that empty: a new list in SimState
 * needs its element schema here).
 */
export function stateSchemaFor(world: World): { schema: Schema; uncovered: string[] } {
  let entry = built.get(world);
  if (!entry) {
    const fresh = JSON.parse(encodeState(Sim.create(world, 0).state)) as unknown;
    const uncovered: string[] = [];
    const schema = { $schema: 'http://json-schema.org/draft-07/schema#', title: `drilltwin encoded state of ${world.scenarioId}`, ...schemaOf(world, fresh, '', overrides(world), uncovered) };
    entry = { schema, uncovered };
    built.set(world, entry);
  }
  return entry;
}

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function values(v: { values: number[] }): number[] {
  return v.values;
}

/** Checks of a schema-valid encoded state that JSON Schema cannot state. `file` locates the state. */
export function stateSemanticProblems(world: World, state: Raw, file: string): Problem[] {
  const problems: Problem[] = [];
  const at = (pointer: string, message: string) => problems.push({ file, pointer, message });
  const through = state.processedThroughSec as number;
  const expectedClock = Math.max(through, 0);
  if (state.clockSec !== expectedClock) at('/clockSec', `${state.clockSec} differs from processedThroughSec (${through}), expected ${expectedClock}: a snapshot is taken between seconds`);

  // The queue: a heap of events still to come, each with a sequence number below nextSeq, used once.
  const heap = state.queue.heap as Raw[];
  const seen = new Set<number>();
  for (let i = 0; i < heap.length; i++) {
    const e = heap[i];
    const p = `/queue/heap/${i}`;
    if (e.tSec <= through) at(`${p}/tSec`, `${e.tSec} is not after processedThroughSec (${through}), expected an event still to come`);
    if (e.seq >= state.queue.nextSeq) at(`${p}/seq`, `${e.seq} is not below nextSeq (${state.queue.nextSeq}), expected a number already given out`);
    else if (seen.has(e.seq)) at(`${p}/seq`, `${e.seq} is used by another event, expected each sequence number once`);
    seen.add(e.seq);
    if (e.kind === 'aftershock' && e.data.index >= state.aftershocks.length) {
      at(`${p}/data/index`, `${e.data.index} is not an aftershock of the list (${state.aftershocks.length}), expected 0 to ${state.aftershocks.length - 1}`);
    }
    if (e.kind === 'injectDue' && e.data.inject >= state.drill.injects.length) {
      at(`${p}/data/inject`, `${e.data.inject} is not an inject of /drill/injects (${state.drill.injects.length}), expected 0 to ${state.drill.injects.length - 1}`);
    }
    if (e.kind === 'expectationDeadline' && e.data.expectation >= state.drill.expectations.length) {
      at(`${p}/data/expectation`, `${e.data.expectation} is not an expected action of /drill/expectations (${state.drill.expectations.length}), expected 0 to ${state.drill.expectations.length - 1}`);
    }
    if (i > 0) {
      const parent = heap[(i - 1) >> 1];
      const before = e.tSec !== parent.tSec ? e.tSec < parent.tSec : e.priority !== parent.priority ? e.priority < parent.priority : e.seq < parent.seq;
      if (before) at(`${p}`, `comes before its parent /queue/heap/${(i - 1) >> 1} in (tSec, priority, seq) order, expected a binary heap`);
    }
    if (problems.length > 100) return problems;
  }

  // Alea states are multiples of 2⁻³² (see seedrandom's alea.js).
  for (const [name, s] of Object.entries(state.rng as Record<string, Raw>)) {
    for (const k of ['s0', 's1', 's2']) {
      if (!Number.isInteger(s[k] * 2 ** 32)) at(`/rng/${name}/${k}`, `${s[k]} is not a state of the Alea generator, expected a multiple of 2⁻³² in [0, 1)`);
    }
  }

  const tasks = state.tasks.length as number;
  values(state.teams.task).forEach((v, i) => {
    if (v >= tasks) at(`/teams/task/values/${i}`, `${v} is not a task (there are ${tasks}), expected -1 or 0 to ${tasks - 1}`);
  });
  const cells = state.cells.length as number;
  values(state.uavs.cell).forEach((v, i) => {
    if (v >= cells) at(`/uavs/cell/values/${i}`, `${v} is not an emergency cell (there are ${cells}), expected -1 or 0 to ${cells - 1}`);
  });

  (state.journeys as (Raw | null)[]).forEach((j, i) => {
    if (!j) return;
    for (const [trip, p] of [[j.trip, `/journeys/${i}/trip`], ...(j.before ? [[j.before.trip, `/journeys/${i}/before/trip`]] : [])] as [Raw, string][]) {
      const r = trip.route;
      const n = r.nodes.values.length;
      const legs = Math.max(n - 1, 0);
      if (r.edges.values.length !== legs) at(`${p}/route/edges/values`, `has ${r.edges.values.length} values, expected ${legs} (one per leg between the ${n} nodes)`);
      if (r.legSec.values.length !== r.edges.values.length) at(`${p}/route/legSec/values`, `has ${r.legSec.values.length} values, expected ${r.edges.values.length} (one per edge)`);
      if (r.reachSec.values.length !== n) at(`${p}/route/reachSec/values`, `has ${r.reachSec.values.length} values, expected ${n} (one per node)`);
    }
  });

  problems.push(...drillStateProblems(world, state, file));

  const seats = state.doctrineSeats as string[];
  if (seats.some((s, i) => i > 0 && seats[i - 1] > s)) at('/doctrineSeats', 'is not sorted, expected the seats in alphabetical order');

  (state.pendingCommands as Raw[]).forEach((c, i) => {
    const shape = commandShapeProblem(c);
    if (shape) at(`/pendingCommands/${i}${shape.pointer}`, shape.message);
    else if (c.tSec <= through) at(`/pendingCommands/${i}/tSec`, `${c.tSec} is not after processedThroughSec (${through}), expected a command still to come`);
    else if (i > 0 && c.tSec < state.pendingCommands[i - 1].tSec) at(`/pendingCommands/${i}/tSec`, `${c.tSec} is before the previous command's ${state.pendingCommands[i - 1].tSec}, expected pending commands in time order`);
  });
  (state.commandLog as Raw[]).forEach((c, i) => {
    const shape = commandShapeProblem({ tSec: c.tSec, seat: c.seat, type: c.type, args: c.args });
    if (shape) at(`/commandLog/${i}${shape.pointer}`, shape.message);
    else if (c.tSec > expectedClock) at(`/commandLog/${i}/tSec`, `${c.tSec} is after processedThroughSec (${through}), expected a command already applied`);
  });
  return problems;
}

/** The exercise state against the world's MSEL: its rows first and in order, ad-hoc injects of known kinds after, indices in range. */
function drillStateProblems(world: World, state: Raw, file: string): Problem[] {
  const problems: Problem[] = [];
  const at = (pointer: string, message: string) => problems.push({ file, pointer, message });
  const injects = state.drill.injects as Raw[];
  const rows = world.msel.length;
  if (injects.length < rows) at('/drill/injects', `has ${injects.length} injects, expected the scenario's ${rows} MSEL rows first`);
  injects.forEach((inj, i) => {
    if (i < rows && inj.id !== world.msel[i].id) at(`/drill/injects/${i}/id`, `${JSON.stringify(inj.id)} is not the MSEL's row ${i + 1}, expected "${world.msel[i].id}"`);
    if (i < rows && inj.adhoc !== null) at(`/drill/injects/${i}/adhoc`, 'is set on an MSEL row, expected null');
    if (i >= rows && (inj.adhoc === null || !Object.hasOwn(INJECT_KINDS, inj.adhoc.kind))) at(`/drill/injects/${i}/adhoc`, `is not an ad-hoc inject, expected one of the kinds ${INJECT_KIND_NAMES.join(', ')}`);
    else if (i >= rows) {
      // Its arguments as the director's command would carry them, checked by the same gate.
      const { kind, to, text, args } = inj.adhoc;
      const problem = commandShapeProblem({ tSec: 0, seat: 'director', type: 'authorInject', args: { kind, ...args, ...(to !== null ? { to } : {}), text: text.zh } });
      if (problem) at(`/drill/injects/${i}/adhoc${problem.pointer.replace(/^\/args/, '/args')}`, problem.message);
    }
  });
  (state.drill.delivered as number[]).forEach((k, i) => {
    if (k >= injects.length) at(`/drill/delivered/${i}`, `${k} is not an inject (there are ${injects.length}), expected 0 to ${injects.length - 1}`);
  });
  const withExpect = world.msel.flatMap((inj, i) => (inj.expect ? [i] : []));
  const expectations = state.drill.expectations as Raw[];
  if (expectations.length !== withExpect.length) at('/drill/expectations', `has ${expectations.length} expected actions, expected the MSEL's ${withExpect.length}`);
  else expectations.forEach((e, i) => {
    if (e.inject !== withExpect[i]) at(`/drill/expectations/${i}/inject`, `${e.inject} is not the MSEL row of this expected action, expected ${withExpect[i]}`);
  });
  (state.floodOverrides as Raw[]).forEach((o, i) => {
    const zones = world.floods[o.flood]?.zones.length ?? 0;
    if (o.zone >= zones) at(`/floodOverrides/${i}/zone`, `${o.zone} is not a zone of flood ${o.flood} (${zones}), expected 0 to ${zones - 1}`);
  });
  return problems;
}
