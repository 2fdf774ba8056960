// The mapping file of an import (drilltwin/import@1): which file holds what,
// in which coordinate system and encoding, and which column or field holds
// each value, so any header naming works. Also the words the importer
// understands in cells (Chinese and English), which a mapping may extend.
import Ajv from 'ajv';
import { problemFromAjv, type Problem } from '../../src/scenario/problems.ts';
import { scenarioSchema } from '../../src/scenario/schema.ts';
import type { WeatherDoc } from '../../src/model/scenario-format.ts';

export const IMPORT_FORMAT_V1 = 'drilltwin/import@1';

/** One input file and how to read it. `columns` maps a field the importer knows to a header (tables) or property (vector files). */
export interface InputSpec {
  file: string;
  /** The coordinate system of its coordinates (see crs.ts). */
  crs?: string;
  /** Text encoding of a CSV or of a shapefile's .dbf: "utf-8", "gbk" or "auto" (CSV: detect). */
  encoding?: string;
  /** XLSX: the sheet to read (the first when absent). */
  sheet?: string;
  columns?: Record<string, string>;
  /** Sites: the unit of the battery column, kWh or Ah at 48 V. */
  batteryUnit?: 'kWh' | 'Ah';
}

export interface EarthquakeSpec {
  type: 'earthquake';
  epicenter: [number, number];
  crs?: string;
  magnitude: number;
  magnitudeType?: 'Ms' | 'Mw';
  depthKm?: number;
  strikeDeg: number;
  zone?: 'auto' | 'east' | 'central' | 'xinjiang' | 'qinghai-tibet';
  tSec?: number;
}

/** A flood: zone polygons (a vector input with a zoneId column) and a stage hydrograph per zone, over the DEM's ground. */
export interface FloodSpec {
  type: 'flood';
  zones: InputSpec;
  /** zoneId → [[seconds after onset, water level m a.s.l.], …], ascending in time. */
  hydrographs: Record<string, [number, number][]>;
  tSec?: number;
  stepSec?: number;
}

export interface ImportMapping {
  format: typeof IMPORT_FORMAT_V1;
  name: { zh: string; en?: string };
  region: string;
  seed?: number;
  start?: string;
  durationHours?: number;
  inputs: {
    townships: InputSpec;
    population?: InputSpec;
    sites: InputSpec;
    roads: InputSpec;
    substations?: InputSpec;
    feeders?: InputSpec;
    bases?: InputSpec;
    landingZones?: InputSpec;
    shelters?: InputSpec;
    /** A DEM as an ESRI ASCII grid in degrees (WGS-84 or CGCS2000). */
    elevation?: InputSpec;
  };
  hazard: EarthquakeSpec | FloodSpec;
  /** The county seat (where the county base and the core of the backhaul are put), [lon, lat] in `crs` of the townships; the most populous township's seat when absent. */
  countySeat?: [number, number];
  /** Forces: the built-in county template, and where higher-level teams come from ([lon, lat] WGS-84, outside the map). */
  forces?: { template?: 'county'; cityOrigin?: [number, number]; provinceOrigin?: [number, number] };
  settings?: Record<string, unknown>;
  /**
   * Weather windows, as the scenario's `weather` (seconds from the start; wind force, visibility, and the air
   * temperature that sets how much of their rating the batteries give), copied into the scenario.
   */
  weather?: WeatherDoc[];
  /** Extra cell words: field → { word in the file: value the scenario uses }. */
  values?: Record<string, Record<string, string>>;
}

/** The fields each input understands, with the headers tried when the mapping names none (Chinese and English templates). */
export const KNOWN_COLUMNS: Record<string, Record<string, string[]>> = {
  townships: { id: ['id', 'code', '乡镇代码', '代码', 'XZQDM'], nameZh: ['nameZh', 'name', '乡镇名称', '名称', 'XZQMC'], population: ['population', '人口', '常住人口'], nameEn: ['nameEn'] },
  population: {
    township: ['township', '乡镇', '所属乡镇', '乡镇名称'],
    population: ['population', '人口', '常住人口', '户籍人口'],
    name: ['village', 'name', '村', '村名', '行政村'],
    lon: ['lon', 'longitude', '经度', 'x', 'X'],
    lat: ['lat', 'latitude', '纬度', 'y', 'Y'],
  },
  sites: {
    id: ['id', 'siteId', '站点编码', '站址编码', '站点编号'],
    name: ['name', '站点名称', '站名'],
    lon: ['lon', 'longitude', '经度', 'x', 'X'],
    lat: ['lat', 'latitude', '纬度', 'y', 'Y'],
    operators: ['operators', 'operator', '运营商'],
    tech: ['tech', '制式', '网络制式'],
    siteClass: ['siteClass', '站点类型', '站型'],
    environment: ['environment', '覆盖场景', '区域类型'],
    batteryKwh: ['batteryKwh', 'battery', '蓄电池容量', '电池容量'],
    loadKw: ['loadKw', 'load', '功耗', '负载功率'],
    generatorFuelHours: ['generatorFuelHours', '油机续航', '固定油机续航'],
    backhaul: ['backhaul', '传输方式'],
    township: ['township', '所属乡镇', '乡镇'],
    aggregation: ['aggregation', '汇聚站点', '上联站点'],
    ringAggregation: ['ringAggregation', 'secondAggregation', '第二上联站点', '双归站点', '环路另一侧站点'],
    feeder: ['feeder', '供电线路', '馈线'],
  },
  roads: { id: ['id'], roadClass: ['roadClass', 'class', 'highway', '道路等级'], bridge: ['bridge', '桥梁'], name: ['name', 'nameZh', '名称'] },
  substations: {
    id: ['id', '变电站编号'],
    name: ['name', 'nameZh', '变电站名称'],
    voltageKv: ['voltageKv', '电压等级', '电压'],
    upstream: ['upstream', '上级变电站'],
    lon: ['lon', '经度'],
    lat: ['lat', '纬度'],
  },
  feeders: { id: ['id', '线路编号'], substation: ['substation', '所属变电站'], voltageKv: ['voltageKv', '电压等级'] },
  bases: { id: ['id'], name: ['name', 'nameZh', '名称'], lon: ['lon', '经度'], lat: ['lat', '纬度'] },
  landingZones: { id: ['id'], name: ['name', 'nameZh', '名称'], lon: ['lon', '经度'], lat: ['lat', '纬度'] },
  shelters: { id: ['id'], name: ['name', 'nameZh', '名称'], lon: ['lon', '经度'], lat: ['lat', '纬度'] },
  floodZones: { zoneId: ['zoneId', 'id', '分区编号', '编号'], name: ['name', 'nameZh', '名称'] },
};

/** Cell words → scenario values (lower-cased, spaces removed before lookup). */
export const VOCABULARY: Record<string, Record<string, string>> = {
  operators: {
    cmcc: 'cmcc', 移动: 'cmcc', 中国移动: 'cmcc', chinamobile: 'cmcc', cm: 'cmcc',
    cucc: 'cucc', 联通: 'cucc', 中国联通: 'cucc', chinaunicom: 'cucc', cu: 'cucc',
    ctcc: 'ctcc', 电信: 'ctcc', 中国电信: 'ctcc', chinatelecom: 'ctcc', ct: 'ctcc',
  },
  tech: { '4g': '4G', lte: '4G', '5g': '5G', nr: '5G' },
  siteClass: { macro: 'macro', 宏站: 'macro', 宏基站: 'macro', small: 'small', 微站: 'small', 小基站: 'small', 微基站: 'small', 室分: 'small', super: 'super', 超级基站: 'super', 应急基站: 'super' },
  environment: { urban: 'urban', 城区: 'urban', 市区: 'urban', 城镇: 'urban', suburban: 'suburban', 郊区: 'suburban', 县城: 'suburban', 乡镇: 'suburban', rural: 'rural', 农村: 'rural', 乡村: 'rural', 山区: 'rural' },
  backhaul: { fibre: 'fibre', fiber: 'fibre', 光纤: 'fibre', 光缆: 'fibre', microwave: 'microwave', 微波: 'microwave', satellite: 'satellite', 卫星: 'satellite' },
  roadClass: {
    expressway: 'expressway', 高速: 'expressway', 高速公路: 'expressway', motorway: 'expressway',
    national: 'national', 国道: 'national', trunk: 'national',
    provincial: 'provincial', 省道: 'provincial', primary: 'provincial',
    county: 'county', 县道: 'county', secondary: 'county',
    rural: 'rural', 乡道: 'rural', 村道: 'rural', tertiary: 'rural', unclassified: 'rural', residential: 'rural', track: 'rural',
  },
  bridge: { yes: 'true', true: 'true', '1': 'true', 是: 'true', 桥: 'true', 桥梁: 'true', no: 'false', false: 'false', '0': 'false', 否: 'false' },
};

export const wordKey = (s: string): string => s.toLowerCase().replace(/\s+/g, '');

const inputSpec = {
  type: 'object',
  required: ['file'],
  additionalProperties: false,
  properties: {
    file: { type: 'string', minLength: 1 },
    crs: { type: 'string' },
    encoding: { type: 'string' },
    sheet: { type: 'string' },
    columns: { type: 'object', additionalProperties: { type: 'string' } },
    batteryUnit: { enum: ['kWh', 'Ah'] },
  },
};
const lonLat = { type: 'array', minItems: 2, maxItems: 2, items: { type: 'number' } };

export const mappingSchema = {
  type: 'object',
  required: ['format', 'name', 'region', 'inputs', 'hazard'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    format: { const: IMPORT_FORMAT_V1 },
    name: { type: 'object', required: ['zh'], additionalProperties: false, properties: { zh: { type: 'string', minLength: 1 }, en: { type: 'string' } } },
    region: { type: 'string', minLength: 1 },
    seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
    start: { type: 'string' },
    durationHours: { type: 'number', minimum: 1, maximum: 720 },
    inputs: {
      type: 'object',
      required: ['townships', 'sites', 'roads'],
      additionalProperties: false,
      properties: Object.fromEntries(['townships', 'population', 'sites', 'roads', 'substations', 'feeders', 'bases', 'landingZones', 'shelters', 'elevation'].map((k) => [k, inputSpec])),
    },
    hazard: {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: ['earthquake', 'flood'] } },
      if: { properties: { type: { const: 'flood' } } },
      then: {
        type: 'object',
        required: ['type', 'zones', 'hydrographs'],
        additionalProperties: false,
        properties: {
          type: { const: 'flood' },
          zones: inputSpec,
          hydrographs: { type: 'object', minProperties: 1, additionalProperties: { type: 'array', minItems: 2, items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'number' } } } },
          tSec: { type: 'integer', minimum: 0 },
          stepSec: { type: 'integer', minimum: 60, maximum: 86400 },
        },
      },
      else: {
      type: 'object',
      required: ['type', 'epicenter', 'magnitude', 'strikeDeg'],
      additionalProperties: false,
      properties: {
        type: { const: 'earthquake' },
        epicenter: lonLat,
        crs: { type: 'string' },
        magnitude: { type: 'number', minimum: 4, maximum: 9 },
        magnitudeType: { enum: ['Ms', 'Mw'] },
        depthKm: { type: 'number', minimum: 1, maximum: 100 },
        strikeDeg: { type: 'number', minimum: 0, maximum: 360 },
        zone: { enum: ['auto', 'east', 'central', 'xinjiang', 'qinghai-tibet'] },
        tSec: { type: 'integer', minimum: 0 },
      },
    },
    },
    countySeat: lonLat,
    forces: { type: 'object', additionalProperties: false, properties: { template: { const: 'county' }, cityOrigin: lonLat, provinceOrigin: lonLat } },
    settings: { type: 'object' },
    weather: (scenarioSchema as { properties: Record<string, object> }).properties.weather,
    values: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string' } } },
  },
};

let validate: ReturnType<Ajv['compile']> | null = null;

/** Schema problems of a parsed mapping file, by JSON pointer. */
export function checkMapping(file: string, value: unknown): Problem[] {
  validate ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(mappingSchema);
  if (validate(value)) return [];
  // "must match then/else schema" only repeats the errors found inside the branch.
  return (validate.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => problemFromAjv(file, e));
}
