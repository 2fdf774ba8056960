// JSON Schemas for scenario format v1 and its GeoJSON layers. This file is the
// single source: tools/write-schemas.ts publishes it to scenarios/schema/
// for editors, and a test fails if the published copies drift from it.
// Geometry rules that JSON Schema states poorly (closed rings, lon/lat ranges)
// are checked in geometry-checks.ts with precise messages instead.

import { DEPARTMENTS } from '../model/seats.ts';
import { DELIVERY_METHODS, EXPECTABLE_COMMANDS } from '../model/msel.ts';
import { OBSERVED_COUNT_QUANTITIES, OBSERVED_QUANTITIES, RIVER_KINDS } from '../model/scenario-format.ts';

type Schema = Record<string, unknown>;

const id = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$', description: 'Identifier: letters, digits, _ . : -' };
const text = { type: 'string', minLength: 1, maxLength: 2000 };
const localized = {
  type: 'object',
  required: ['zh'],
  additionalProperties: false,
  properties: { zh: text, en: text },
};
const relPath = { type: 'string', minLength: 1, maxLength: 300, pattern: '^[^\\\\:*?"<>|]+$', description: 'Path relative to the scenario file' };
const lonLat = {
  type: 'array',
  minItems: 2,
  maxItems: 2,
  items: [
    { type: 'number', minimum: -180, maximum: 180 },
    { type: 'number', minimum: -90, maximum: 90 },
  ],
  description: '[longitude, latitude] in WGS84 degrees',
};
const operator = { enum: ['cmcc', 'cucc', 'ctcc'] };
const organisation = { enum: [...DEPARTMENTS] };

const earthquake: Schema = {
  type: 'object',
  required: ['id', 'type', 'tSec', 'epicenter', 'magnitude', 'strikeDeg'],
  additionalProperties: false,
  properties: {
    id,
    type: { const: 'earthquake' },
    tSec: { type: 'integer', minimum: 0, maximum: 31_536_000 },
    epicenter: lonLat,
    magnitude: { type: 'number', minimum: 3, maximum: 9.5 },
    magnitudeType: { enum: ['Ms', 'Mw'] },
    depthKm: { type: 'number', minimum: 0, maximum: 700 },
    strikeDeg: { type: 'number', minimum: 0, maximum: 360 },
    zone: { enum: ['auto', 'east', 'central', 'xinjiang', 'qinghai-tibet'] },
    siteAmplification: relPath,
    isoseismals: relPath,
    groundFailure: relPath,
    aftershocks: {
      type: 'object',
      required: ['durationHours', 'minMagnitude'],
      additionalProperties: false,
      properties: {
        durationHours: { type: 'number', minimum: 0.1, maximum: 720 },
        minMagnitude: { type: 'number', minimum: 3, maximum: 8 },
        p: { type: 'number', minimum: 0.5, maximum: 2 },
        cHours: { type: 'number', minimum: 0.001, maximum: 24 },
        b: { type: 'number', minimum: 0.5, maximum: 1.5 },
      },
    },
  },
};

const flood: Schema = {
  type: 'object',
  required: ['id', 'type', 'tSec', 'zones', 'hydrographs'],
  additionalProperties: false,
  properties: {
    id,
    type: { const: 'flood' },
    tSec: { type: 'integer', minimum: 0, maximum: 31_536_000 },
    zones: relPath,
    hydrographs: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'array',
        minItems: 2,
        maxItems: 10_000,
        items: {
          type: 'array',
          minItems: 2,
          maxItems: 2,
          items: [
            { type: 'integer', minimum: 0, maximum: 31_536_000, description: 'seconds after the flood onset' },
            { type: 'number', minimum: -500, maximum: 9000, description: 'water-surface level, m above sea level' },
          ],
        },
      },
    },
    elevation: relPath,
    stepSec: { type: 'integer', minimum: 60, maximum: 86_400 },
  },
};

export const elevationGridSchema: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'drilltwin elevation grid',
  type: 'object',
  required: ['format', 'originLon', 'originLat', 'cellDeg', 'rows', 'cols', 'elevationM', 'source'],
  additionalProperties: false,
  properties: {
    format: { const: 'drilltwin/elevation-grid@1' },
    originLon: { type: 'number', minimum: -180, maximum: 180 },
    originLat: { type: 'number', minimum: -90, maximum: 90 },
    cellDeg: { type: 'number', minimum: 0.00001, maximum: 1 },
    rows: { type: 'integer', minimum: 2, maximum: 4000 },
    cols: { type: 'integer', minimum: 2, maximum: 4000 },
    elevationM: { type: 'array', maxItems: 4_000_000, items: { type: 'number', minimum: -500, maximum: 9000 } },
    source: text,
  },
};

/**
 * metadata.observed: the public figures a replay scenario is compared with
 * (`drilltwin hindcast`). Fractions lie in 0..1; counts and hours are ≥ 0.
 * The loader also checks what a schema cannot: unique ids, tHours within the
 * scenario, valueLo ≤ value ≤ valueHi, value = tHours for the time
 * quantities, roadIds only on roadSectionOpenHours, and that each of its
 * road ids is a segment of the roads layer.
 */
const observedPoint: Schema = {
  type: 'object',
  required: ['id', 'quantity', 'tHours', 'value', 'what', 'source'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' },
    quantity: { enum: [...OBSERVED_QUANTITIES] },
    tHours: { type: 'number', minimum: 0, maximum: 720, description: 'Hours after the scenario start (T0)' },
    value: { type: 'number', minimum: 0, maximum: 10_000_000 },
    valueLo: { type: 'number', minimum: 0, maximum: 10_000_000 },
    valueHi: { type: 'number', minimum: 0, maximum: 10_000_000 },
    what: text,
    source: { ...text, description: 'Outlet, title, date, address: an original document, never a local file' },
    uncertain: { type: 'boolean' },
    roadIds: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 64 },
      description: 'roadSectionOpenHours only: the road segments (ids of the roads layer) that make up the section',
    },
  },
  allOf: [
    {
      if: { properties: { quantity: { const: 'roadSectionOpenHours' } }, required: ['quantity'] },
      then: { required: ['roadIds'] },
    },
    {
      if: { properties: { quantity: { enum: OBSERVED_QUANTITIES.filter((q) => q.endsWith('Frac')) } }, required: ['quantity'] },
      then: { properties: { value: { maximum: 1 }, valueLo: { maximum: 1 }, valueHi: { maximum: 1 } } },
    },
    {
      if: { properties: { quantity: { enum: [...OBSERVED_COUNT_QUANTITIES] } }, required: ['quantity'] },
      then: { properties: { value: { type: 'integer' }, valueLo: { type: 'integer' }, valueHi: { type: 'integer' } } },
    },
  ],
};

const observedSchema: Schema = {
  type: 'object',
  required: ['source', 'points'],
  additionalProperties: false,
  properties: { source: text, points: { type: 'array', minItems: 1, maxItems: 200, items: observedPoint } },
};

export const scenarioSchema: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://drilltwin.example/schema/scenario.schema.json',
  title: 'drilltwin scenario, format drilltwin/scenario@1',
  type: 'object',
  required: ['format', 'name', 'seed', 'start', 'durationHours', 'layers', 'hazards', 'metadata'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    format: { const: 'drilltwin/scenario@1' },
    name: localized,
    description: localized,
    seed: { type: 'integer', minimum: 0, maximum: 4_294_967_295 },
    start: {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?([+-]\\d{2}:\\d{2}|Z)$',
      description: 'ISO 8601 local time with offset, e.g. 2023-12-18T23:59:30+08:00',
    },
    timeZone: { type: 'string', minLength: 1, maxLength: 64 },
    durationHours: { type: 'number', minimum: 0.1, maximum: 720 },
    layers: {
      type: 'object',
      required: ['townships', 'sites', 'substations', 'feeders', 'roads'],
      additionalProperties: false,
      properties: {
        townships: relPath,
        population: relPath,
        sites: relPath,
        substations: relPath,
        feeders: relPath,
        roads: relPath,
        bases: relPath,
        landingZones: relPath,
        shelters: relPath,
        rivers: relPath,
        elevation: relPath,
      },
    },
    hazards: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: { type: 'object', required: ['type'], properties: { type: { enum: ['earthquake', 'flood'] } }, if: { properties: { type: { const: 'flood' } } }, then: flood, else: earthquake },
    },
    resources: {
      type: 'object',
      additionalProperties: false,
      properties: {
        generatorPools: {
          type: 'array',
          maxItems: 1000,
          items: {
            type: 'object',
            required: ['id', 'org', 'count', 'fuelHours', 'leadTimeSec'],
            additionalProperties: false,
            properties: {
              id,
              org: organisation,
              count: { type: 'integer', minimum: 0, maximum: 100_000 },
              fuelHours: { type: 'number', minimum: 0.1, maximum: 720 },
              leadTimeSec: { type: 'integer', minimum: 0, maximum: 604_800 },
            },
          },
        },
        teams: {
          type: 'array',
          maxItems: 10_000,
          items: {
            type: 'object',
            required: ['id', 'nameZh', 'org', 'level', 'kind', 'base', 'activationDelaySec', 'crew', 'modes'],
            additionalProperties: false,
            properties: {
              id,
              nameZh: text,
              nameEn: text,
              org: organisation,
              level: { enum: ['national', 'regional', 'provincial', 'city', 'county'] },
              kind: { enum: ['commsTeam', 'operatorCrew', 'powerCrew', 'roadCrew', 'fireSquad'] },
              base: id,
              origin: lonLat,
              longHaulKmh: { type: 'number', minimum: 1, maximum: 1000 },
              activationDelaySec: { type: 'integer', minimum: 0, maximum: 604_800 },
              activeAtStart: { type: 'boolean' },
              crew: { type: 'integer', minimum: 1, maximum: 10_000 },
              shiftHours: { type: 'number', minimum: 0.5, maximum: 72 },
              modes: { type: 'array', minItems: 1, maxItems: 5, uniqueItems: true, items: { enum: ['road', 'highClearance', 'motorcycle', 'foot', 'boat', 'helicopter'] } },
              loadout: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  ...Object.fromEntries(
                    ['generators', 'portableBaseStations', 'commsVehicles', 'vsat', 'satPhones', 'beidou', 'spares', 'tetheredUavs'].map((k) => [
                      k,
                      { type: 'integer', minimum: 0, maximum: 100_000 },
                    ]),
                  ),
                  fuelHours: { type: 'number', minimum: 0.1, maximum: 720 },
                },
              },
            },
          },
        },
        helicopters: {
          type: 'array',
          maxItems: 1000,
          items: {
            type: 'object',
            required: ['id', 'org', 'capacity'],
            additionalProperties: false,
            properties: {
              id,
              nameZh: text,
              nameEn: text,
              org: organisation,
              capacity: { type: 'integer', minimum: 1, maximum: 200 },
              speedKmh: { type: 'number', minimum: 10, maximum: 500 },
              windLimit: { type: 'number', minimum: 0, maximum: 12 },
            },
          },
        },
        uavs: {
          type: 'array',
          maxItems: 1000,
          items: {
            type: 'object',
            required: ['id', 'org', 'class', 'airfield'],
            additionalProperties: false,
            properties: { id, nameZh: text, nameEn: text, org: organisation, class: { enum: ['largeFixedWing', 'mediumHelicopter', 'tethered'] }, airfield: lonLat, readiness: { enum: ['standby', 'home', 'maintenance'], description: 'forward-based on standby, at its home airfield (default) or in maintenance' }, payload: { enum: ['baseStation', 'reconnaissance'], description: 'a public-network base station (default), or reconnaissance sensors only: shows the roads beneath it, gives no coverage' } },
          },
        },
      },
    },
    weather: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['fromSec', 'toSec', 'windForce'],
        additionalProperties: false,
        properties: {
          fromSec: { type: 'integer', minimum: 0, maximum: 31_536_000 },
          toSec: { type: 'integer', minimum: 0, maximum: 31_536_000 },
          windForce: { type: 'number', minimum: 0, maximum: 17 },
          visibilityKm: { type: 'number', minimum: 0, maximum: 100 },
          airTempC: { type: 'number', minimum: -60, maximum: 60, description: 'air temperature over the window, °C: backup batteries give less in the cold' },
          note: text,
        },
      },
    },
    msel: {
      type: 'array',
      maxItems: 10_000,
      items: {
        type: 'object',
        required: ['id', 'tSec', 'to', 'text'],
        additionalProperties: false,
        properties: {
          id,
          tSec: { type: 'integer', minimum: 0, maximum: 31_536_000 },
          to: { type: 'string', minLength: 1, maxLength: 32 },
          text: localized,
          kind: { enum: ['message', 'rainWarning', 'gaugeReading', 'damageReport', 'request'] },
          data: { type: 'object', maxProperties: 50, additionalProperties: { type: ['string', 'number', 'boolean'] } },
          // The MSEL's other columns (docs/exercise-control.md).
          number: { type: 'string', minLength: 1, maxLength: 16 },
          synopsis: localized,
          from: { type: 'string', minLength: 1, maxLength: 200 },
          method: { enum: [...DELIVERY_METHODS] },
          objective: { type: 'string', minLength: 1, maxLength: 128 },
          expect: {
            type: 'object',
            required: ['id', 'seat', 'command', 'withinSec'],
            additionalProperties: false,
            properties: {
              id,
              seat: organisation,
              command: { enum: [...EXPECTABLE_COMMANDS] },
              match: { type: 'object', maxProperties: 10, propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9]*$' }, additionalProperties: { type: ['string', 'number', 'boolean'] } },
              township: id,
              withinSec: { type: 'integer', minimum: 1, maximum: 31_536_000 },
              contingency: id,
              text: localized,
            },
          },
        },
      },
    },
    targets: relPath,
    settings: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kpiIntervalSec: { type: 'integer', minimum: 10, maximum: 3600 },
        prioritySupplyForComms: { type: 'boolean' },
        emergencyRoaming: { type: 'boolean' },
        powerCrews: { type: 'integer', minimum: 0, maximum: 10_000, description: 'Deprecated and ignored: tripped feeders are repaired by teams of kind powerCrew (task repairFeeder)' },
        coverageTerrain: { enum: ['open', 'mountain'] },
        airspaceGreenChannel: { type: 'boolean' },
        doctrineSeats: {
          anyOf: [{ enum: ['all', 'none'] }, { type: 'array', maxItems: DEPARTMENTS.length, uniqueItems: true, items: organisation }],
        },
      },
    },
    metadata: {
      type: 'object',
      required: ['region', 'synthetic', 'sources'],
      properties: {
        region: text,
        synthetic: { type: 'boolean' },
        sources: {
          type: 'array',
          items: {
            type: 'object',
            required: ['layer', 'source', 'estimated'],
            properties: { layer: text, source: text, estimated: { type: 'boolean' }, note: text },
          },
        },
        observed: observedSchema,
      },
    },
  },
};

function featureCollection(title: string, geometryTypes: string[], properties: Schema, required: string[], minFeatures = 0): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title,
    type: 'object',
    required: ['type', 'features'],
    properties: {
      type: { const: 'FeatureCollection' },
      features: {
        type: 'array',
        minItems: minFeatures,
        maxItems: 500_000,
        items: {
          type: 'object',
          required: ['type', 'geometry', 'properties'],
          properties: {
            type: { const: 'Feature' },
            geometry: {
              type: 'object',
              required: ['type', 'coordinates'],
              properties: { type: { enum: geometryTypes }, coordinates: { type: 'array' } },
            },
            properties: { type: 'object', required, additionalProperties: true, properties },
          },
        },
      },
    },
  };
}

const population = { type: 'integer', minimum: 0, maximum: 100_000_000 };

export const layerSchemas: Record<string, Schema> = {
  townships: featureCollection(
    'drilltwin townships layer',
    ['Point', 'Polygon', 'MultiPolygon'],
    {
      id,
      nameZh: text,
      nameEn: text,
      population,
      code: { type: 'string', pattern: '^[0-9]{6}([0-9]{3}|[0-9]{6})?$', description: 'GB/T 2260 code (6, 9 or 12 digits)' },
      county: text,
    },
    ['id', 'nameZh', 'population'],
    1,
  ),
  population: featureCollection('drilltwin population points layer', ['Point'], { id, township: id, population, elevationM: { type: 'number', minimum: -500, maximum: 9000 }, }, ['id', 'township', 'population']),
  sites: featureCollection(
    'drilltwin cell sites layer',
    ['Point'],
    {
      id,
      operators: { type: 'array', minItems: 1, maxItems: 3, uniqueItems: true, items: operator },
      tech: { type: 'array', minItems: 1, maxItems: 2, uniqueItems: true, items: { enum: ['4G', '5G'] } },
      siteClass: { enum: ['macro', 'small', 'super'] },
      feeder: id,
      batteryKwh: { type: 'number', minimum: 0, maximum: 10_000 },
      loadKw: { type: 'number', minimum: 0.01, maximum: 500, description: 'kW; at least 10 W, since battery hours are batteryKwh / loadKw' },
      generatorFuelHours: { type: 'number', minimum: 0, maximum: 720 },
      backhaul: { enum: ['fibre', 'microwave', 'satellite'] },
      environment: { enum: ['urban', 'suburban', 'rural'] },
      coverageRadiusM: { type: 'number', minimum: 10, maximum: 50_000 },
      township: id,
      aggregation: id,
      fibreRoads: { type: 'array', maxItems: 200, items: id },
      ringAggregation: { ...id, description: 'second path (the other way round an aggregation ring, or a second home): the site it passes through; absent = straight to the core' },
      ringFibreRoads: { type: 'array', maxItems: 200, items: id, description: 'road segments the second path\'s fibre follows' },
      elevationM: { type: 'number', minimum: -500, maximum: 9000 },
    },
    ['id', 'operators', 'tech', 'siteClass', 'feeder', 'batteryKwh', 'loadKw', 'backhaul', 'environment', 'township'],
  ),
  substations: featureCollection(
    'drilltwin substations layer',
    ['Point'],
    {
      id,
      nameZh: text,
      voltageKv: { type: 'number', minimum: 0.1, maximum: 1100 },
      hazusClass: { enum: ['low-anchored', 'low-unanchored', 'medium-anchored', 'medium-unanchored', 'high-anchored', 'high-unanchored'] },
      upstream: id,
      customers: { type: 'integer', minimum: 0, maximum: 100_000_000 },
      elevationM: { type: 'number', minimum: -500, maximum: 9000 },
    },
    ['id', 'voltageKv', 'hazusClass'],
  ),
  feeders: featureCollection(
    'drilltwin feeders layer',
    ['LineString'],
    { id, substation: id, voltageKv: { type: 'number', minimum: 0.1, maximum: 1100 } },
    ['id', 'substation', 'voltageKv'],
  ),
  roads: featureCollection(
    'drilltwin roads layer',
    ['LineString'],
    {
      id,
      roadClass: { enum: ['expressway', 'national', 'provincial', 'county', 'rural'] },
      bridge: { type: 'boolean' },
      bridgeClass: { enum: ['conventional', 'seismic', 'singleSpan'] },
      terrain: { enum: ['flat', 'hilly', 'mountain'] },
      nameZh: text,
      elevationM: { type: 'number', minimum: -500, maximum: 9000 },
    },
    ['id', 'roadClass'],
  ),
  points: featureCollection('drilltwin points-of-interest layer', ['Point'], { id, nameZh: text, kind: text }, ['id']),
  siteAmplification: featureCollection(
    'drilltwin site amplification zones',
    ['Polygon', 'MultiPolygon'],
    { deltaIntensity: { type: 'number', minimum: -2, maximum: 3 } },
    ['deltaIntensity'],
  ),
  groundFailure: featureCollection(
    'drilltwin ground-failure zones (liquefaction, flowslide): assets inside are destroyed',
    ['Polygon', 'MultiPolygon'],
    { kind: { enum: ['liquefaction', 'flowslide', 'landslide'] }, nameZh: text },
    ['kind'],
  ),
  floodZones: featureCollection('drilltwin flood zones', ['Polygon', 'MultiPolygon'], { zoneId: id, nameZh: text }, ['zoneId']),
  rivers: featureCollection(
    'drilltwin rivers and water bodies layer',
    ['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'],
    { id, nameZh: text, nameEn: text, kind: { enum: [...RIVER_KINDS] } },
    ['id', 'nameZh', 'kind'],
  ),
  isoseismals: featureCollection(
    'drilltwin isoseismal polygons',
    ['Polygon', 'MultiPolygon'],
    { intensity: { type: 'integer', minimum: 4, maximum: 12 } },
    ['intensity'],
  ),
};

/** The files published under scenarios/schema/, by file name. */
export function publishedSchemas(): Record<string, Schema> {
  const files: Record<string, Schema> = { 'scenario.schema.json': scenarioSchema, 'elevation-grid.schema.json': elevationGridSchema };
  for (const [name, schema] of Object.entries(layerSchemas)) files[`layer-${name}.schema.json`] = schema;
  return files;
}
