// Builds scenarios/dingri-2025/: the Ms 6.8 Dingri earthquake of 2025-01-07
// 09:05 (Beijing time) in Dingri county, Shigatse, Tibet, and the parts of
// Lazi and Dingjie counties it struck.
//
//   node --import tsx tools/build-dingri.ts
//
// Built like tools/build-jishishan.ts: every random choice comes from one
// mulberry32 stream with a fixed seed and every coordinate is rounded to 5
// decimals, so running the script twice gives byte-identical files. What is
// real and what is estimated is written into scenario.json `metadata.sources`
// (one entry per layer) and the scenario README. The public figures the
// replay is compared with are in `metadata.observed`.
//
// buildDingri() returns the file texts; run as a script it writes them.
// tools/build-scenarios.test.ts checks they equal the committed files.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  FeederProps,
  InjectDoc,
  PopulationPointProps,
  RiverProps,
  RoadClass,
  RoadProps,
  ScenarioDocV1,
  SiteProps,
  SubstationClass,
  SubstationProps,
  TeamDoc,
  TownshipProps,
  WeatherDoc,
} from '../src/model/scenario-format.ts';
import {
  addLayer,
  addLayers,
  addNamedTeams,
  apportion,
  axesFromAreas,
  backhaulSummary,
  batteryHoursQuantile,
  chainThroughVillages,
  countTeams,
  customersBySubstation,
  distToPolylineKm,
  drawRoads,
  equipSite,
  fibreHubs,
  fireSquadLoadout,
  hangOffAggregation,
  hardenAggregationSites,
  isoseismalMap,
  isMainModule,
  jsonText,
  lineFeature,
  localPlane,
  nameTeamsInEnglish,
  vehicleUnitNameEn,
  vehicleUnits,
  nearest,
  nearestFeeder,
  offsetOnBearing,
  placeTownshipSites,
  pointFeature,
  poiFeatures,
  poiFeaturesOfKind,
  rll,
  roadGraph,
  roadSegmentProps,
  round1,
  routeFibres,
  seededRandom,
  siteLayerProps,
  sortedBatteryHours,
  sitesPerTownship,
  sortAndCheckTeams,
  substationLayerProps,
  sumTeams,
  townshipLayerProps,
  writeScenarioTexts,
  type BackhaulDraw,
  type Feature,
  type LL,
  type ScenarioTexts,
} from './kit/index.ts';
import { addElevationLayer, elevationGrid } from './kit/terrain.ts';
import { UAV_PLATFORMS } from '../src/model/params/uav.ts';

/**
 * metadata.observed as the shared format defines it (README, "Scenario format v1"); declared here so this
 * script does not depend on the loader's copy of the type.
 */
interface ObservedDoc {
  source: string;
  points: {
    id: string;
    quantity: 'failedSitesRestoredFrac' | 'powerRestoredFrac' | 'roadsReopenedFrac' | 'sitesOffAir' | 'firstUavOnStationHours';
    tHours: number;
    value: number;
    valueLo?: number;
    valueHi?: number;
    what: string;
    source: string;
    uncertain?: boolean;
  }[];
}

/** Where the built files go (the CLI); buildDingri itself writes nothing. */
export const DINGRI_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'scenarios', 'dingri-2025');

/** The file texts of scenarios/dingri-2025 (keyed by path in the folder) and a summary of what was built. */
export function buildDingri(): { texts: ScenarioTexts; summary: Record<string, unknown> } {
  const texts: ScenarioTexts = {};

  // ---------------------------------------------------------------- utilities

  const rng = seededRandom(20250107);
  const { uniform } = rng;

  // CENC: 28.50N 87.45E, depth 10 km, Ms 6.8. The local plane is centred on it.
  const EPICENTER: LL = [87.45, 28.5];
  // Shigatse Peace Airport (日喀则和平机场), where the Wing Loong-2H is based: public map knowledge, ±2 km.
  const SHIGATSE_AIRPORT: LL = [89.31, 29.35];
  const MS = 6.8;
  const PLANE = localPlane(EPICENTER);
  const { fromKm, km: distKm } = PLANE;
  /** Point at `km` from `p` on compass bearing `deg` (clockwise from north). */
  const offset = (p: LL, km: number, deg: number): LL => offsetOnBearing(PLANE, p, km, deg);

  // ---------------------------------------------------------------- townships

  type County = 'DR' | 'LZ' | 'DJ';
  const COUNTY_NAME: Record<County, string> = { DR: '定日县', LZ: '拉孜县', DJ: '定结县' };
  // GB/T 2260 county codes of Shigatse's counties (Dingri 540223, Lazi 540225, Dingjie 540231).
  const COUNTY_CODE: Record<County, string> = { DR: '540223', LZ: '540225', DJ: '540231' };

  interface Township {
    key: string;
    id: string;
    nameZh: string;
    nameEn: string;
    seat: LL;
    population: number;
    county: County;
    town: boolean; // 镇 rather than 乡
  }
  // Township seats: approximate coordinates from public gazetteer and map knowledge, not surveyed. The county
  // seat (Xegar/Shelkar), Gangga (Old Tingri) and the Lazi and Dingjie seats are good to about ±2 km; the
  // other seats to perhaps ±5–10 km (their placement relative to the epicentre follows the published accounts:
  // Cuoguo holds the epicentre, Changsuo, Nixia and Quluo are the other hardest-hit townships). Populations
  // are assumptions: Dingri's 13 townships sum to 56,000 and the mapped Lazi and Dingjie townships add
  // 28,500, of the order of the 61,500 people reported affected.
  const TOWNSHIP_ROWS: [string, string, string, number, number, number, County, boolean][] = [
    ['xiegeer', '协格尔镇', 'Xegar (Shelkar)', 87.123, 28.658, 11000, 'DR', true],
    ['gangga', '岗嘎镇', 'Gangga (Old Tingri)', 86.625, 28.578, 6000, 'DR', true],
    ['cuoguo', '措果乡', 'Cuoguo', 87.47, 28.555, 3500, 'DR', false],
    ['changsuo', '长所乡', 'Changsuo', 87.36, 28.47, 3900, 'DR', false],
    ['nixia', '尼辖乡', 'Nixia', 87.53, 28.43, 3000, 'DR', false],
    ['quluo', '曲洛乡', 'Quluo', 87.57, 28.63, 2600, 'DR', false],
    ['jiacuo', '加措乡', 'Jiacuo', 87.38, 28.8, 3300, 'DR', false],
    ['zhaguo', '扎果乡', 'Zhaguo', 87.05, 28.86, 3400, 'DR', false],
    ['penji', '盆吉乡', 'Penji', 86.85, 28.78, 3500, 'DR', false],
    ['kema', '克玛乡', 'Kema', 86.88, 28.58, 4000, 'DR', false],
    ['zhaxizong', '扎西宗乡', 'Zhaxizong', 86.84, 28.36, 4700, 'DR', false],
    ['qudang', '曲当乡', 'Qudang', 87.33, 28.12, 4700, 'DR', false],
    ['rongxia', '绒辖乡', 'Rongxia', 86.4, 28.15, 2400, 'DR', false],
    ['quxia', '曲下镇', 'Quxia (Lazi county seat)', 87.637, 29.083, 13000, 'LZ', true],
    ['resa', '热萨乡', 'Resa', 87.47, 29.02, 4000, 'LZ', false],
    ['jiangga', '江嘎镇', 'Jiangga (Dingjie county seat)', 87.767, 28.364, 5000, 'DJ', true],
    ['saer', '萨尔乡', 'Sa\'er', 87.7, 28.48, 3500, 'DJ', false],
    ['qiongzi', '琼孜乡', 'Qiongzi', 87.58, 28.28, 3000, 'DJ', false],
  ];
  const TOWNSHIPS: Township[] = TOWNSHIP_ROWS.map(([key, nameZh, nameEn, lon, lat, population, county, town]) => ({ key, id: `t-${key}`, nameZh, nameEn, seat: [lon, lat], population, county, town }));
  const TOWN = new Map(TOWNSHIPS.map((t) => [t.key, t]));
  const town = (key: string): Township => {
    const t = TOWN.get(key);
    if (!t) throw new Error(`unknown township ${key}`);
    return t;
  };
  const DR_TOTAL = TOWNSHIPS.filter((t) => t.county === 'DR').reduce((s, t) => s + t.population, 0);
  if (DR_TOTAL !== 56_000) throw new Error(`Dingri population sums to ${DR_TOTAL}, expected 56000`);
  const nearestSeat = (p: LL): Township => nearest(TOWNSHIPS, (t) => distKm(p, t.seat)) as Township;

  /** A random point around `centre`, in the township's own area (nearest seat) when it can be. */
  function scatter(t: Township, centre: LL, minKm: number, maxKm: number, avoid: LL[], minSepKm: number): LL {
    for (let attempt = 0; attempt < 400; attempt++) {
      const strict = attempt < 250;
      const p = offset(centre, uniform(minKm, maxKm), uniform(0, 360));
      if (strict && nearestSeat(p) !== t) continue;
      if (avoid.some((q) => distKm(p, q) < (strict ? minSepKm : minSepKm / 2))) continue;
      return p;
    }
    return offset(centre, minKm, uniform(0, 360));
  }

  // Tiantong phones and BeiDou terminals kept at the township government (2027 Opinions, 工信部联信管〔2024〕256号,
  // 五、（十五））. Assumption: the county seats and Gangga hold two of each; the rest depend on the network or a delivery.
  const PREPOSITIONED: Record<string, { satPhones: number; beidou: number }> = {
    xiegeer: { satPhones: 2, beidou: 2 },
    gangga: { satPhones: 2, beidou: 2 },
    quxia: { satPhones: 2, beidou: 2 },
    jiangga: { satPhones: 2, beidou: 2 },
  };
  const townshipFeatures = TOWNSHIPS.map((t) =>
    pointFeature<TownshipProps>(t.seat, townshipLayerProps(t, PREPOSITIONED[t.key], { code: COUNTY_CODE[t.county], nameZh: COUNTY_NAME[t.county] })),
  );

  // ---------------------------------------------------------------- population (villages)

  interface PopPoint {
    id: string;
    township: Township;
    at: LL;
    population: number;
  }
  const popPoints: PopPoint[] = [];
  const popByTown = new Map<string, PopPoint[]>();
  for (const t of TOWNSHIPS) {
    // Plateau townships are large and thinly settled: villages 2–12 km from the seat.
    const n = Math.max(4, Math.min(9, Math.round(t.population / 900)));
    const pts: LL[] = [scatter(t, t.seat, 0.2, 0.6, [], 0)];
    for (let i = 1; i < n; i++) pts.push(scatter(t, t.seat, 2, t.town ? 9 : 12, pts, 2.0));
    const seatShare = t.county !== 'DR' && t.town ? 0.55 : t.key === 'xiegeer' ? 0.6 : t.town ? 0.35 : 0.2;
    const weights = pts.map((_, i) => (i === 0 ? seatShare * (n - 1) : uniform(0.5, 1.5) * (1 - seatShare)));
    const parts = apportion(t.population, weights);
    const list = pts.map((at, i) => ({ id: `p-${t.key}-${i + 1}`, township: t, at, population: parts[i] }));
    popByTown.set(t.key, list);
    popPoints.push(...list);
  }
  const populationFeatures = popPoints.map((p) => pointFeature<PopulationPointProps>(p.at, { id: p.id, township: p.township.id, population: p.population }));

  // ---------------------------------------------------------------- roads

  const roadNodes = new Map<string, LL>();
  const node = (key: string, at: LL): void => void roadNodes.set(key, rll(at));
  for (const t of TOWNSHIPS) node(t.key, t.seat);
  // G318 from Lazi south-west over the Gyatso La (加措拉山口, 5,248 m) to the Dingri plain, along the Pengqu
  // (朋曲) past Baiba (白坝, the turn to Xegar) and Old Tingri, and on towards Nyalam. Approximate waypoints.
  node('g318-lazi-e', [87.75, 29.12]); // G318 east of Lazi, towards Shigatse (map edge)
  node('g318-a', [87.56, 29.0]);
  node('gyatsola', [87.47, 28.92]); // Gyatso La pass
  node('baiba', [87.16, 28.63]); // 白坝 on G318, 4 km south-east of Xegar
  node('qiaxiang', [86.99, 28.6]); // the Everest road leaves G318 here (approximate)
  node('g318-nyalam-w', [86.35, 28.48]); // G318 towards Nyalam (map edge)
  node('gawula', [86.93, 28.47]); // 加乌拉山口 (Gawu La, 5,198 m) on the Everest road
  node('dr-dj-pass', [87.27, 28.55]); // low pass between the Xegar plain and the Changsuo basin (assumption)
  node('qudang-pass', [87.34, 28.3]); // pass south towards Qudang / Kharta (assumption)

  interface RoadEdge {
    from: string;
    to: string;
    roadClass: RoadClass;
    nameZh: string;
    terrain: 'flat' | 'hilly' | 'mountain';
    bridges?: number[];
    bridgeClass?: RoadProps['bridgeClass'];
    wiggleKm?: number;
  }
  const G318 = 'G318（拉孜—定日—聂拉木段）';
  const ROAD_EDGES: RoadEdge[] = [
    { from: 'g318-lazi-e', to: 'quxia', roadClass: 'national', nameZh: G318, terrain: 'flat', wiggleKm: 0.3 },
    { from: 'quxia', to: 'g318-a', roadClass: 'national', nameZh: G318, terrain: 'hilly', wiggleKm: 0.5, bridges: [0.2], bridgeClass: 'conventional' },
    { from: 'g318-a', to: 'gyatsola', roadClass: 'national', nameZh: `${G318}·加措拉山口`, terrain: 'mountain', wiggleKm: 0.6 },
    { from: 'gyatsola', to: 'jiacuo', roadClass: 'national', nameZh: G318, terrain: 'mountain', wiggleKm: 0.6 },
    { from: 'jiacuo', to: 'baiba', roadClass: 'national', nameZh: G318, terrain: 'hilly', wiggleKm: 0.8, bridges: [0.7], bridgeClass: 'conventional' },
    { from: 'baiba', to: 'qiaxiang', roadClass: 'national', nameZh: G318, terrain: 'flat', wiggleKm: 0.4 },
    { from: 'qiaxiang', to: 'kema', roadClass: 'national', nameZh: G318, terrain: 'flat', wiggleKm: 0.3 },
    { from: 'kema', to: 'gangga', roadClass: 'national', nameZh: G318, terrain: 'flat', wiggleKm: 0.4, bridges: [0.5], bridgeClass: 'conventional' },
    { from: 'gangga', to: 'g318-nyalam-w', roadClass: 'national', nameZh: G318, terrain: 'hilly', wiggleKm: 0.6 },
    { from: 'baiba', to: 'xiegeer', roadClass: 'provincial', nameZh: '白坝—协格尔镇连接线', terrain: 'flat', wiggleKm: 0.1 },
    { from: 'resa', to: 'quxia', roadClass: 'county', nameZh: '热萨—拉孜公路', terrain: 'hilly', wiggleKm: 0.5 },
    // Everest road (珠峰公路) over the Gawu La to Zhaxizong.
    { from: 'qiaxiang', to: 'gawula', roadClass: 'provincial', nameZh: '珠峰公路·加乌拉山口', terrain: 'mountain', wiggleKm: 0.7 },
    { from: 'gawula', to: 'zhaxizong', roadClass: 'provincial', nameZh: '珠峰公路', terrain: 'mountain', wiggleKm: 0.6 },
    // Xegar east to the epicentral townships and on to Dingjie (county roads along the basins; approximate).
    { from: 'xiegeer', to: 'cuoguo', roadClass: 'county', nameZh: '协格尔—措果公路', terrain: 'hilly', wiggleKm: 0.8 },
    { from: 'cuoguo', to: 'quluo', roadClass: 'county', nameZh: '措果—曲洛公路', terrain: 'hilly', wiggleKm: 0.5 },
    { from: 'cuoguo', to: 'nixia', roadClass: 'county', nameZh: '措果—尼辖公路', terrain: 'flat', wiggleKm: 0.5, bridges: [0.5], bridgeClass: 'singleSpan' },
    { from: 'baiba', to: 'dr-dj-pass', roadClass: 'county', nameZh: '定日—定结公路', terrain: 'mountain', wiggleKm: 0.6 },
    { from: 'dr-dj-pass', to: 'changsuo', roadClass: 'county', nameZh: '定日—定结公路', terrain: 'hilly', wiggleKm: 0.5 },
    { from: 'changsuo', to: 'nixia', roadClass: 'county', nameZh: '定日—定结公路', terrain: 'flat', wiggleKm: 0.4 },
    { from: 'nixia', to: 'saer', roadClass: 'county', nameZh: '定日—定结公路', terrain: 'flat', wiggleKm: 0.4, bridges: [0.6], bridgeClass: 'conventional' },
    { from: 'saer', to: 'jiangga', roadClass: 'county', nameZh: '定日—定结公路', terrain: 'hilly', wiggleKm: 0.4 },
    { from: 'jiangga', to: 'qiongzi', roadClass: 'county', nameZh: '江嘎—琼孜公路', terrain: 'hilly', wiggleKm: 0.5 },
    { from: 'changsuo', to: 'qudang-pass', roadClass: 'county', nameZh: '长所—曲当公路', terrain: 'mountain', wiggleKm: 0.6 },
    { from: 'qudang-pass', to: 'qudang', roadClass: 'county', nameZh: '长所—曲当公路', terrain: 'mountain', wiggleKm: 0.7 },
    // North and west.
    { from: 'jiacuo', to: 'quluo', roadClass: 'county', nameZh: '加措—曲洛公路', terrain: 'mountain', wiggleKm: 0.6 },
    { from: 'xiegeer', to: 'zhaguo', roadClass: 'county', nameZh: '协格尔—扎果公路', terrain: 'hilly', wiggleKm: 0.6 },
    { from: 'kema', to: 'penji', roadClass: 'county', nameZh: '克玛—盆吉公路', terrain: 'hilly', wiggleKm: 0.6 },
    { from: 'gangga', to: 'rongxia', roadClass: 'county', nameZh: '岗嘎—绒辖公路', terrain: 'mountain', wiggleKm: 0.8 },
  ];
  // Rural roads from each seat to its two (three in towns) farthest villages. Their terrain follows the
  // landscape (assumption from public maps): on the floors of the Dingri plain and the epicentral basins
  // (Dengmo Co / Pengqu) flat; in the hill townships hilly; in the deep Himalayan valleys (Rongxia, Qudang,
  // Zhaxizong) mountain.
  const RURAL_TERRAIN: Record<string, RoadEdge['terrain']> = {
    xiegeer: 'flat', gangga: 'flat', kema: 'flat', cuoguo: 'flat', changsuo: 'flat', nixia: 'flat', saer: 'flat', jiangga: 'flat', quxia: 'flat',
    rongxia: 'mountain', qudang: 'mountain', zhaxizong: 'mountain',
  };
  for (const t of TOWNSHIPS) {
    const villages = (popByTown.get(t.key) ?? []).slice(1);
    const far = villages
      .map((v) => ({ v, d: distKm(v.at, t.seat) }))
      .sort((a, b) => b.d - a.d || (a.v.id < b.v.id ? -1 : 1))
      .slice(0, t.town ? 3 : 2);
    for (const { v } of far) {
      node(v.id, v.at);
      ROAD_EDGES.push({ from: t.key, to: v.id, roadClass: 'rural', nameZh: `${t.nameZh}通村公路`, terrain: RURAL_TERRAIN[t.key] ?? 'hilly', wiggleKm: 0.4 });
    }
  }

  // Plateau roads wind gently (a vertex every 2.5 km, at most 8 pieces) and are cut into segments of up to
  // 6 km whatever their class; bridges 120 m. Assumptions.
  const roadFeatures: Feature<RoadProps>[] = drawRoads(
    PLANE,
    rng,
    roadNodes,
    ROAD_EDGES,
    { vertexEveryKm: 2.5, maxPieces: 8 },
    { maxSegmentKm: { expressway: 6, national: 6, provincial: 6, county: 6, rural: 6 }, bridgeKm: 0.12 },
  ).map((seg) => lineFeature<RoadProps>(seg.line, roadSegmentProps(seg, seg.edge.terrain)));

  // ---------------------------------------------------------------- power grid

  interface Substation {
    id: string;
    nameZh: string;
    at: LL;
    voltageKv: number;
    hazusClass: SubstationClass;
    upstream?: string;
  }
  // An assumed plausible grid (the real one is not public at this detail): a 220 kV station at Lazi on the
  // Shigatse 220 kV network feeds 110 kV stations at Xegar, Lazi and Jiangga; 35 kV stations at town seats.
  const SUBSTATIONS: Substation[] = [
    { id: 'ss-lazi-220', nameZh: '拉孜220千伏变电站（假设）', at: [87.655, 29.07], voltageKv: 220, hazusClass: 'high-anchored' },
    { id: 'ss-lazi-110', nameZh: '拉孜110千伏变电站（假设）', at: [87.628, 29.078], voltageKv: 110, hazusClass: 'medium-anchored', upstream: 'ss-lazi-220' },
    { id: 'ss-dingri-110', nameZh: '定日110千伏变电站（假设）', at: [87.14, 28.65], voltageKv: 110, hazusClass: 'medium-anchored', upstream: 'ss-lazi-220' },
    { id: 'ss-dingjie-110', nameZh: '定结110千伏变电站（假设）', at: [87.76, 28.372], voltageKv: 110, hazusClass: 'medium-anchored', upstream: 'ss-lazi-220' },
    { id: 'ss-gangga-35', nameZh: '岗嘎35千伏变电站（假设）', at: [86.632, 28.582], voltageKv: 35, hazusClass: 'low-anchored', upstream: 'ss-dingri-110' },
    { id: 'ss-cuoguo-35', nameZh: '措果35千伏变电站（假设）', at: [87.462, 28.552], voltageKv: 35, hazusClass: 'low-unanchored', upstream: 'ss-dingri-110' },
    { id: 'ss-changsuo-35', nameZh: '长所35千伏变电站（假设）', at: [87.365, 28.476], voltageKv: 35, hazusClass: 'low-unanchored', upstream: 'ss-dingri-110' },
    { id: 'ss-jiacuo-35', nameZh: '加措35千伏变电站（假设）', at: [87.385, 28.805], voltageKv: 35, hazusClass: 'low-anchored', upstream: 'ss-dingri-110' },
    { id: 'ss-zhaxizong-35', nameZh: '扎西宗35千伏变电站（假设）', at: [86.845, 28.366], voltageKv: 35, hazusClass: 'low-anchored', upstream: 'ss-dingri-110' },
    { id: 'ss-saer-35', nameZh: '萨尔35千伏变电站（假设）', at: [87.695, 28.476], voltageKv: 35, hazusClass: 'low-unanchored', upstream: 'ss-dingjie-110' },
  ];
  const SUB = new Map(SUBSTATIONS.map((s) => [s.id, s]));
  // 10 kV feeders: [id, substation, township served]. A feeder runs from its substation through the seat and
  // chains out through up to four of the township's villages.
  const FEEDER_ROWS: [string, string, string][] = [
    ['f-dr-01', 'ss-dingri-110', 'xiegeer'],
    ['f-dr-02', 'ss-dingri-110', 'zhaguo'],
    ['f-dr-03', 'ss-dingri-110', 'kema'],
    ['f-dr-04', 'ss-gangga-35', 'gangga'],
    ['f-dr-05', 'ss-gangga-35', 'penji'],
    ['f-dr-06', 'ss-gangga-35', 'rongxia'],
    ['f-dr-07', 'ss-cuoguo-35', 'cuoguo'],
    ['f-dr-08', 'ss-cuoguo-35', 'quluo'],
    ['f-dr-09', 'ss-changsuo-35', 'changsuo'],
    ['f-dr-10', 'ss-changsuo-35', 'nixia'],
    ['f-dr-11', 'ss-changsuo-35', 'qudang'],
    ['f-dr-12', 'ss-jiacuo-35', 'jiacuo'],
    ['f-dr-13', 'ss-zhaxizong-35', 'zhaxizong'],
    ['f-lz-01', 'ss-lazi-110', 'quxia'],
    ['f-lz-02', 'ss-lazi-110', 'resa'],
    ['f-dj-01', 'ss-dingjie-110', 'jiangga'],
    ['f-dj-02', 'ss-dingjie-110', 'qiongzi'],
    ['f-dj-03', 'ss-saer-35', 'saer'],
  ];
  interface Feeder {
    id: string;
    substation: Substation;
    townKey: string;
    line: LL[];
  }
  const feeders: Feeder[] = FEEDER_ROWS.map(([id, subId, townKey]) => {
    const sub = SUB.get(subId);
    if (!sub) throw new Error(`feeder ${id}: unknown substation ${subId}`);
    const t = town(townKey);
    const line: LL[] = [sub.at];
    if (distKm(sub.at, t.seat) > 0.3) line.push(t.seat);
    chainThroughVillages(PLANE, line, (popByTown.get(t.key) ?? []).slice(1));
    const rounded = line.map(rll);
    return { id, substation: sub, townKey, line: rounded.filter((p, i) => i === 0 || p[0] !== rounded[i - 1][0] || p[1] !== rounded[i - 1][1]) };
  });
  /** A site or village takes power from its own township's feeders, the nearest of them. */
  const feederOf = (p: LL, t: Township): Feeder => nearestFeeder(PLANE, feeders.filter((f) => f.townKey === t.key).length > 0 ? feeders.filter((f) => f.townKey === t.key) : feeders, p);
  for (const t of TOWNSHIPS) if (!feeders.some((f) => f.townKey === t.key)) throw new Error(`township ${t.key} has no feeder`);
  // Electricity customers: about 4.5 people per customer (rural Tibetan households; assumption) over the
  // mapped population, split over the substations by the people their feeders reach.
  const MAPPED_POPULATION = TOWNSHIPS.reduce((s, t) => s + t.population, 0);
  const TOTAL_CUSTOMERS = Math.round(MAPPED_POPULATION / 4.5 / 100) * 100;
  const servingSubs = SUBSTATIONS.filter((s) => feeders.some((f) => f.substation === s));
  const customersOf = customersBySubstation(TOTAL_CUSTOMERS, servingSubs, popPoints.map((p) => ({ substation: feederOf(p.at, p.township).substation.id, people: p.population })));
  const substationFeatures = SUBSTATIONS.map((s) => pointFeature<SubstationProps>(s.at, substationLayerProps(s, customersOf.get(s.id))));
  const feederFeatures = feeders.map((f) => lineFeature<FeederProps>(f.line, { id: f.id, substation: f.substation.id, voltageKv: 10 }));

  // ---------------------------------------------------------------- cell sites

  // Sized to the MIIT count (96 base stations out across all operators at T+7.9 h), which counts base stations
  // per operator: a site here is a tower with one to three operators (1.7 on average), so 96 base stations are
  // about 55 towers, and the inventory is sized so that the towers the model has seen fail by T+8 h, counted per
  // operator, come to about that. China Mobile's 177 (its own alone, more than MIIT's all-operator 96) must count
  // a smaller unit (4G and 5G base stations or cells apart) over three counties and a longer time; it is used
  // for the restoration shares only. Plateau coverage is thin but reaches every township: at least 5 sites per
  // township, the rest by people.
  const SITES_PER_COUNTY: Record<County, number> = { DR: 130, LZ: 28, DJ: 30 };
  const siteCounts = new Map((['DR', 'LZ', 'DJ'] as County[]).flatMap((county) => [...sitesPerTownship(SITES_PER_COUNTY[county], TOWNSHIPS.filter((t) => t.county === county), 5)]));
  const SUPER_SITES = new Set(['xiegeer', 'quxia', 'jiangga']);
  const COUNTY_SEATS = new Set(['xiegeer', 'quxia', 'jiangga']);
  function environmentAt(p: LL, t: Township): 'urban' | 'suburban' | 'rural' {
    if (COUNTY_SEATS.has(t.key) && distKm(p, t.seat) <= 1.5) return 'urban';
    if (distKm(p, t.seat) <= (t.town ? 1.5 : 0.8)) return 'suburban';
    return 'rural';
  }
  // Radio backhaul (assumption): rural plateau sites 30 % microwave and 4 % satellite (remote herding areas).
  const MACRO_BACKHAUL: Partial<Record<'urban' | 'suburban' | 'rural', BackhaulDraw>> = { suburban: { microwaveBelow: 0.05 }, rural: { satelliteBelow: 0.04, microwaveBelow: 0.34 } };
  interface Site {
    id: string;
    at: LL;
    township: Township;
    props: Omit<SiteProps, 'feeder'>;
  }
  const sites: Site[] = [];
  const sitePositions: LL[] = [];
  const roadVertices = roadFeatures.flatMap((f) => (f.geometry.coordinates as LL[]).map((p) => ({ p, cls: f.properties.roadClass })));
  for (const t of TOWNSHIPS) {
    const n = siteCounts.get(t.key) ?? 0;
    const villages = popByTown.get(t.key) ?? [];
    const nearbyRoad = roadVertices.filter((v) => v.cls !== 'rural' && nearestSeat(v.p) === t && distKm(v.p, t.seat) < 15);
    const own: LL[] = [];
    const mine = placeTownshipSites(
      rng,
      n,
      {
        seat: t.seat,
        superSite: SUPER_SITES.has(t.key),
        small: { count: t.key === 'xiegeer' ? 3 : 0, ring: { minKm: 0.1, maxKm: 0.9, sepKm: 0.15 } },
        centre: { count: COUNTY_SEATS.has(t.key) ? 5 : t.town ? 3 : 1, ring: { minKm: 0.3, maxKm: 1.5, sepKm: 0.45 } },
        // Plateau sites stand far apart: 1.5 km between road sites, 1 km between village sites.
        road: { share: 0.3, points: nearbyRoad.map((v) => v.p), ring: { minKm: 0.1, maxKm: 0.5, sepKm: 1.5 } },
        villages,
        village: { minKm: 0.2, maxKm: 1.5, sepKm: 1.0 },
      },
      (centre, r) => {
        const p = scatter(t, centre, r.minKm, r.maxKm, sitePositions.concat(own), r.sepKm);
        own.push(p);
        return p;
      },
    );
    for (const s of mine) {
      sitePositions.push(s.at);
      sites.push({ id: '', at: s.at, township: t, props: equipSite(rng, s.cls, environmentAt(s.at, t), MACRO_BACKHAUL, t.id) });
    }
  }
  const SITE_PREFIX: Record<County, string> = { DR: 'dr', LZ: 'lz', DJ: 'dj' };
  sites.forEach((s, i) => {
    s.id = `s-${SITE_PREFIX[s.township.county]}-${String(i + 1).padStart(3, '0')}`;
    s.props.id = s.id;
  });

  // ---------------------------------------------------------------- backhaul tree

  // Synthetic transmission: each county's core sits in its seat, and the seat's super site connects straight
  // to it. Every other township has one aggregation site (the fibre site nearest its seat) hanging off its
  // county's core site; every other site hangs off its township's aggregation site. Fibre follows the roads.
  const roads = roadGraph(
    roadFeatures.map((f) => ({ id: f.properties.id, line: f.geometry.coordinates as LL[] })),
    PLANE,
    (p) => `${p[0]},${p[1]}`,
  );
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const hubsOf = (t: Township): Site[] => fibreHubs(PLANE, sites, t, t.seat);
  const CORE_OF: Record<County, Site> = {
    DR: hubsOf(town('xiegeer')).find((s) => s.props.siteClass === 'super') as Site,
    LZ: hubsOf(town('quxia')).find((s) => s.props.siteClass === 'super') as Site,
    DJ: hubsOf(town('jiangga')).find((s) => s.props.siteClass === 'super') as Site,
  };
  if (Object.values(CORE_OF).some((s) => !s)) throw new Error('core sites not found');
  const coreIds = new Set(Object.values(CORE_OF).map((s) => s.id));
  const aggregationOf = new Map<string, string>();
  const townshipAggregation = new Map<string, Site>();
  for (const t of TOWNSHIPS) {
    const core = CORE_OF[t.county];
    let agg: Site;
    if (core.township === t) agg = core;
    else {
      const hubs = hubsOf(t);
      if (hubs.length === 0) throw new Error(`township ${t.key} has no fibre site to aggregate on`);
      agg = hubs[0];
      aggregationOf.set(agg.id, core.id);
    }
    townshipAggregation.set(t.key, agg);
    hangOffAggregation(PLANE, aggregationOf, sites, t, [agg], coreIds);
  }
  const { roadsOf: fibreRoadsOf, km: fibreKm } = routeFibres(
    roads,
    sites.filter((s) => s.props.backhaul === 'fibre'),
    (s) => {
      const aggId = aggregationOf.get(s.id);
      return aggId ? (siteById.get(aggId) as Site).at : null;
    },
  );
  const aggregationSiteIds = [...townshipAggregation.values()].filter((s) => !coreIds.has(s.id)).map((s) => s.id).sort();
  const backhaulStats = backhaulSummary(coreIds, aggregationSiteIds, sites.map((s) => s.id), aggregationOf, fibreKm);
  // Aggregation hardening, as in Jishishan (assumption; AGGREGATION_HARDENING in the kit).
  const aggregationHardening = hardenAggregationSites(aggregationSiteIds.map((id) => siteById.get(id) as Site));
  const hardenedOf = new Map(aggregationHardening.map((h) => [h.id, h.after]));
  const siteFeatures = sites.map((s) => pointFeature<SiteProps>(s.at, siteLayerProps(s.props, feederOf(s.at, s.township).id, { aggregationOf, fibreRoadsOf }, hardenedOf.get(s.id))));

  // ---------------------------------------------------------------- points of interest

  const SEAT = town('xiegeer').seat;
  const LAZI_GATE = roadNodes.get('g318-lazi-e') as LL;
  const BASES: [string, string, string, LL][] = [
    ['b-cmcc-dr', '中国移动定日县分公司', 'cmcc', offset(SEAT, 0.35, 20)],
    ['b-cucc-dr', '中国联通定日县分公司', 'cucc', offset(SEAT, 0.45, 80)],
    ['b-ctcc-dr', '中国电信定日县分公司', 'ctcc', offset(SEAT, 0.3, 140)],
    ['b-tower-dr', '中国铁塔定日县办事处', 'tower', offset(SEAT, 0.55, 200)],
    ['b-power-dr', '国网定日县供电公司', 'power', offset(SEAT, 0.6, 110)],
    ['b-fire-dr', '定日县消防救援大队', 'fire', offset(SEAT, 0.7, 300)],
    ['b-transport-dr', '定日县交通运输局（公路养护段）', 'transport', offset(SEAT, 0.5, 250)],
    ['b-emhq-dr', '定日县抗震救灾指挥部', 'emhq', offset(SEAT, 0.2, 330)],
    ['b-lazi', '拉孜县城（拉孜县力量）', 'county', offset(town('quxia').seat, 0.4, 200)],
    ['b-dingjie', '定结县城江嘎镇（定结县力量）', 'county', offset(town('jiangga').seat, 0.4, 200)],
    // Shigatse and Lhasa are off the map: their forces come along G318 and enter at its east edge.
    ['b-g318-east', 'G318图幅东口（日喀则、拉萨方向力量进入点）', 'staging', LAZI_GATE],
  ];
  const baseFeatures = poiFeatures(BASES);
  const LANDING_ZONES: [string, string, LL][] = [
    ['lz-xiegeer', '协格尔镇平坦空地（假设）', offset(SEAT, 0.8, 200)],
    ['lz-cuoguo', '措果乡河滩平地（假设）', offset(town('cuoguo').seat, 0.6, 180)],
    ['lz-changsuo', '长所乡平坦草场（假设）', offset(town('changsuo').seat, 0.6, 90)],
    ['lz-gangga', '岗嘎镇平坦空地（假设）', offset(town('gangga').seat, 0.6, 160)],
  ];
  const lzFeatures = poiFeaturesOfKind(LANDING_ZONES, 'helicopter-landing-zone');
  const SHELTERS: [string, string, LL][] = [
    ['sh-xiegeer', '协格尔镇集中安置点', offset(SEAT, 0.4, 170)],
    ['sh-cuoguo', '措果乡集中安置点', offset(town('cuoguo').seat, 0.4, 120)],
    ['sh-changsuo', '长所乡集中安置点', offset(town('changsuo').seat, 0.4, 300)],
    ['sh-nixia', '尼辖乡集中安置点', offset(town('nixia').seat, 0.4, 60)],
    ['sh-quluo', '曲洛乡集中安置点', offset(town('quluo').seat, 0.4, 240)],
  ];
  const shelterFeatures = poiFeaturesOfKind(SHELTERS, 'shelter');

  // ---------------------------------------------------------------- intensity

  // The official intensity map (published about T+3 d): max IX; IX 411, VIII 869, VII 5,350, VI 17,356 km²
  // (VI+ 23,986 km²); the VI zone's axes about 191 × 152 km. Nested ellipses: the VI ellipse on the published
  // axes, the others with the same axis ratio sized to their published areas (VIII+ = IX + VIII, VII+ = …).
  // The long axis runs about north–south, along the Dengmo Co normal fault that ruptured (assumption: 5°;
  // the published map's exact azimuth was not at hand). Centre: the instrumental epicentre (assumption).
  const STRIKE_DEG = 5;
  const AXIS_RATIO = 191 / 152;
  const ISO_AREAS: [number, number][] = [
    [6, 23986],
    [7, 411 + 869 + 5350],
    [8, 411 + 869],
    [9, 411],
  ];
  const ISO_CENTRE: LL = EPICENTER;
  const isoAxes = axesFromAreas(ISO_AREAS, AXIS_RATIO, { 6: { a: 191 / 2, b: 152 / 2 } });
  const isoMap = isoseismalMap(PLANE, ISO_CENTRE, STRIKE_DEG, isoAxes);
  const isoseismalFeatures = isoMap.features();
  const intensityAt = (p: LL): number => isoMap.intensityAt(p, 5);
  const isoMembership = TOWNSHIPS.map((t) => ({ township: t.id, intensityAtSeat: intensityAt(t.seat), kmFromEpicentre: round1(distKm(t.seat, EPICENTER)) }));
  const sitesByIntensity: Record<string, number> = {};
  for (const s of sites) sitesByIntensity[String(intensityAt(s.at))] = (sitesByIntensity[String(intensityAt(s.at))] ?? 0) + 1;

  // ---------------------------------------------------------------- response forces

  // Sized to the observed totals (metadata.forcesCheck): by T+7.9 h the telecom sector had 154 people, 57
  // vehicles, 60 generators and 41 satellite phones at work (MIIT); by T+20.9 h the road sector had 526
  // people and 474 machines on the trunk roads (MoT). Activation delays and long hauls make the forces on the
  // map grow as those figures say: the county crews of Dingri, Lazi and Dingjie at once; Shigatse's crews,
  // an hour to assemble and then about 3 h up G318 to the map's east edge and 3–4 h more to the epicentral
  // townships (on the map by about T+4 h, at work by T+6–8 h); the Tibet provincial teams from Lhasa, called
  // by the HQ, about T+8–10 h. Shigatse and Lhasa are off the road network, so those teams start at the
  // G318 east gate and haul there from their real origin (`origin`) over the straight line.
  const SHIGATSE: LL = [88.88, 29.27];
  const LHASA: LL = [91.13, 29.65];
  const HAUL_KMH = 40; // plateau trunk road in winter, over the straight line (assumption)
  const OP_NAME: Record<'cmcc' | 'cucc' | 'ctcc' | 'tower', string> = { cmcc: '中国移动', cucc: '中国联通', ctcc: '中国电信', tower: '中国铁塔' };
  const OP_EN: Record<'cmcc' | 'cucc' | 'ctcc' | 'tower', string> = { cmcc: 'China Mobile', cucc: 'China Unicom', ctcc: 'China Telecom', tower: 'China Tower' };
  const teams: TeamDoc[] = [];
  const namesEn: Record<string, string> = {};
  type Op = 'cmcc' | 'cucc' | 'ctcc' | 'tower';
  // County crews: Dingri (at the seat), Lazi and Dingjie (at their seats). [org, base, county label, generators per crew, delays]
  const COUNTY_CREWS: [Op, string, string, string, string, number[], number[]][] = [
    ['cmcc', 'b-cmcc-dr', 'dr', '定日县', 'Dingri County', [4, 4, 3], [1200, 1500, 1800]],
    ['cucc', 'b-cucc-dr', 'dr', '定日县', 'Dingri County', [2], [1500]],
    ['ctcc', 'b-ctcc-dr', 'dr', '定日县', 'Dingri County', [3, 2], [1200, 1800]],
    ['tower', 'b-tower-dr', 'dr', '定日县', 'Dingri County', [4, 3], [1500, 1800]],
    ['cmcc', 'b-lazi', 'lz', '拉孜县', 'Lazi County', [3], [1500]],
    ['ctcc', 'b-lazi', 'lz', '拉孜县', 'Lazi County', [2], [1800]],
    ['cmcc', 'b-dingjie', 'dj', '定结县', 'Dingjie County', [3], [1500]],
    ['ctcc', 'b-dingjie', 'dj', '定结县', 'Dingjie County', [2], [1800]],
  ];
  for (const [org, base, tag, countyZh, countyEn, gens, delays] of COUNTY_CREWS) {
    gens.forEach((generators, i) => {
      const id = `tm-${org}-${tag}-${i + 1}`;
      teams.push({
        id,
        nameZh: `${OP_NAME[org]}${countyZh}分公司抢修${i + 1}队`,
        org,
        level: 'county',
        kind: 'operatorCrew',
        base,
        activationDelaySec: delays[i],
        activeAtStart: true,
        crew: 5,
        modes: ['road', 'foot'],
        loadout: { generators, fuelHours: 8, spares: org === 'tower' ? 1 : 2, satPhones: tag === 'dr' ? 2 : 1, vsat: i === 0 && org !== 'tower' && tag === 'dr' ? 1 : 0 },
      });
      namesEn[id] = `${OP_EN[org]} ${countyEn} branch repair crew ${i + 1}`;
    });
  }
  // Shigatse (city) crews: active at T0, 1 h to assemble, then the haul from Shigatse to the G318 gate.
  for (const [org, n] of [['cmcc', 4], ['cucc', 2], ['ctcc', 3], ['tower', 2]] as [Op, number][]) {
    for (let i = 0; i < n; i++) {
      const id = `tm-${org}-shigatse-${i + 1}`;
      teams.push({
        id,
        nameZh: `${OP_NAME[org]}日喀则分公司应急抢修${i + 1}队`,
        org,
        level: 'city',
        kind: 'operatorCrew',
        base: 'b-g318-east',
        origin: SHIGATSE,
        longHaulKmh: HAUL_KMH,
        activationDelaySec: 3600,
        activeAtStart: true,
        crew: 8,
        modes: ['road', 'foot'],
        loadout: { generators: org === 'cmcc' ? 3 : 2, fuelHours: 8, spares: org === 'tower' ? 1 : 3, satPhones: org === 'tower' ? 1 : 2, vsat: org === 'tower' ? 0 : 1 },
      });
      namesEn[id] = `${OP_EN[org]} Shigatse branch emergency repair crew ${i + 1}`;
    }
  }
  // Fielded as the vehicles they drive (vehicleUnits: a team in the twin does one task at a time): MIIT
  // counted 154 telecom people in 57 vehicles at T+7.9 h; the county crews drive two each and Shigatse's
  // three, 57 in all.
  for (const crew of teams.splice(0)) {
    const units = vehicleUnits(crew, crew.level === 'county' ? 2 : 3);
    units.forEach((unit, i) => (namesEn[unit.id] = vehicleUnitNameEn(namesEn[crew.id], i)));
    teams.push(...units);
  }
  // Tibet provincial emergency-communication teams from Lhasa: activated by the HQ.
  const PROVINCIAL_COMMS: [string, string, string, TeamDoc['org'], number, TeamDoc['loadout']][] = [
    ['tm-cmcc-tibet-em', '中国移动西藏公司应急通信保障队', 'China Mobile Tibet emergency communication support team', 'cmcc', 14,
      { commsVehicles: 2, portableBaseStations: 3, vsat: 2, satPhones: 6, beidou: 4, tetheredUavs: 1, generators: 4, fuelHours: 8, spares: 4 }],
    ['tm-cucc-tibet-em', '中国联通西藏公司应急通信保障队', 'China Unicom Tibet emergency communication support team', 'cucc', 8,
      { commsVehicles: 1, portableBaseStations: 2, vsat: 1, satPhones: 3, beidou: 3, generators: 2, fuelHours: 8, spares: 2 }],
    ['tm-ctcc-tibet-em', '中国电信西藏公司应急通信保障队', 'China Telecom Tibet emergency communication support team', 'ctcc', 10,
      { commsVehicles: 1, portableBaseStations: 2, vsat: 2, satPhones: 4, beidou: 3, tetheredUavs: 1, generators: 3, fuelHours: 8, spares: 3 }],
    ['tm-emhq-tibet-comms', '西藏自治区应急管理厅应急通信保障队', 'Tibet Emergency Management Department emergency communication support team', 'emhq', 10,
      { commsVehicles: 1, portableBaseStations: 2, vsat: 2, satPhones: 10, beidou: 10, generators: 2, fuelHours: 8 }],
  ];
  for (const [id, nameZh, nameEn, org, crew, loadout] of PROVINCIAL_COMMS) {
    teams.push({ id, nameZh, org, level: 'provincial', kind: 'commsTeam', base: 'b-g318-east', origin: LHASA, longHaulKmh: HAUL_KMH + 10, activationDelaySec: 3600, activeAtStart: false, crew, modes: ['highClearance', 'foot'], loadout });
    namesEn[id] = nameEn;
  }
  // Power crews (State Grid Tibet): the Dingri, Lazi and Dingjie supply companies at once; Shigatse's crews
  // up G318; the provincial company's crews from Lhasa, called by the HQ. Sizes are assumptions (no
  // public total was at hand).
  const POWER_CREWS: [string, string, string, TeamDoc['level'], string, LL | null, boolean, number, number, number][] = [
    ['tm-power-dr-1', '国网定日县供电公司抢修1队', 'State Grid Dingri County Power Supply Company repair crew 1', 'county', 'b-power-dr', null, true, 1200, 8, 1],
    ['tm-power-dr-2', '国网定日县供电公司抢修2队', 'State Grid Dingri County Power Supply Company repair crew 2', 'county', 'b-power-dr', null, true, 1800, 8, 1],
    ['tm-power-lz-1', '国网拉孜县供电公司抢修队', 'State Grid Lazi County Power Supply Company repair crew', 'county', 'b-lazi', null, true, 1800, 8, 1],
    ['tm-power-dj-1', '国网定结县供电公司抢修队', 'State Grid Dingjie County Power Supply Company repair crew', 'county', 'b-dingjie', null, true, 1800, 8, 1],
    ['tm-power-shigatse-1', '国网日喀则供电公司应急抢修1队（发电车）', 'State Grid Shigatse Power Supply Company emergency repair crew 1 (generator trucks)', 'city', 'b-g318-east', SHIGATSE, true, 3600, 15, 3],
    ['tm-power-shigatse-2', '国网日喀则供电公司应急抢修2队（发电车）', 'State Grid Shigatse Power Supply Company emergency repair crew 2 (generator trucks)', 'city', 'b-g318-east', SHIGATSE, true, 3600, 15, 3],
    ['tm-power-shigatse-3', '国网日喀则供电公司配网抢修队', 'State Grid Shigatse Power Supply Company distribution repair crew', 'city', 'b-g318-east', SHIGATSE, true, 3600, 15, 1],
    ['tm-power-shigatse-4', '国网日喀则供电公司输变电抢修队', 'State Grid Shigatse Power Supply Company transmission and substation repair crew', 'city', 'b-g318-east', SHIGATSE, true, 3600, 15, 1],
    ['tm-power-tibet-1', '国网西藏电力应急救援基干分队', 'State Grid Tibet Electric Power emergency rescue core unit', 'provincial', 'b-g318-east', LHASA, false, 3600, 20, 4],
    ['tm-power-tibet-2', '国网西藏电力配网抢修分队', 'State Grid Tibet Electric Power distribution repair unit', 'provincial', 'b-g318-east', LHASA, false, 3600, 25, 2],
  ];
  addNamedTeams(teams, namesEn, POWER_CREWS, { org: 'power', kind: 'powerCrew', longHaulKmh: HAUL_KMH }, ['road', 'foot'], (row) => ({ generators: row[9], fuelHours: 12 }));
  // Road crews: the county road sections, the G318 maintenance units and Shigatse's highway branch, growing
  // to the MoT's 526 people on the trunk roads by T+20.9 h (the engine does not model machine counts).
  const ROAD_CREWS: [string, string, string, TeamDoc['level'], string, LL | null, boolean, number, number][] = [
    ['tm-transport-dr-1', '定日县公路养护段抢通1队', 'Dingri County road maintenance section clearing crew 1', 'county', 'b-transport-dr', null, true, 1800, 30],
    ['tm-transport-dr-2', '定日县公路养护段抢通2队', 'Dingri County road maintenance section clearing crew 2', 'county', 'b-transport-dr', null, true, 2400, 30],
    ['tm-transport-lz-1', '拉孜县公路养护段抢通队', 'Lazi County road maintenance section clearing crew', 'county', 'b-lazi', null, true, 1800, 30],
    ['tm-transport-dj-1', '定结县公路养护段抢通队', 'Dingjie County road maintenance section clearing crew', 'county', 'b-dingjie', null, true, 1800, 30],
    ['tm-transport-g318-1', 'G318定日养护站保通队', 'G318 Dingri maintenance station clearing crew', 'city', 'b-transport-dr', null, true, 1800, 40],
    ['tm-transport-shigatse-1', '日喀则公路分局应急保通1队', 'Shigatse highway branch emergency clearing crew 1', 'city', 'b-g318-east', SHIGATSE, true, 3600, 60],
    ['tm-transport-shigatse-2', '日喀则公路分局应急保通2队', 'Shigatse highway branch emergency clearing crew 2', 'city', 'b-g318-east', SHIGATSE, true, 3600, 60],
    ['tm-transport-shigatse-3', '日喀则公路分局应急保通3队', 'Shigatse highway branch emergency clearing crew 3', 'city', 'b-g318-east', SHIGATSE, true, 5400, 60],
    ['tm-transport-tibet-1', '西藏自治区交通运输厅应急保通队', 'Tibet Transport Department emergency clearing unit', 'provincial', 'b-g318-east', LHASA, true, 3600, 90],
    ['tm-transport-tibet-2', '西藏公路应急保障中心机械化分队', 'Tibet highway emergency support centre mechanised unit', 'provincial', 'b-g318-east', LHASA, true, 5400, 96],
  ];
  addNamedTeams(teams, namesEn, ROAD_CREWS, { org: 'transport', kind: 'roadCrew', longHaulKmh: HAUL_KMH }, ['road'], () => undefined);
  // Fire and rescue forward squads with terminals (the search-and-rescue bulk is not modelled).
  const FIRE_SQUADS: [string, string, string, TeamDoc['level'], string, LL | null, boolean, number, number, number][] = [
    ['tm-fire-dr-1', '定日县消防救援大队前突组', 'Dingri County Fire and Rescue Brigade forward group', 'county', 'b-fire-dr', null, true, 600, 8, 0],
    ['tm-fire-shigatse-1', '日喀则市消防救援支队通信前突小队', 'Shigatse Fire and Rescue Detachment communication forward squad', 'city', 'b-g318-east', SHIGATSE, true, 1800, 10, 1],
    ['tm-fire-tibet-1', '西藏自治区消防救援总队应急通信保障分队', 'Tibet Fire and Rescue Corps emergency communication support detachment', 'provincial', 'b-g318-east', LHASA, false, 1800, 12, 1],
  ];
  addNamedTeams(teams, namesEn, FIRE_SQUADS, { org: 'fire', kind: 'fireSquad', longHaulKmh: HAUL_KMH }, ['motorcycle', 'foot'], (row) => fireSquadLoadout(row[9]));
  for (const t of teams) if (t.loadout === undefined) delete t.loadout;
  sortAndCheckTeams(teams, new Set(BASES.map(([id]) => id)), 12);
  nameTeamsInEnglish(teams, namesEn);

  const GENERATOR_POOLS = [
    { id: 'gp-cmcc', org: 'cmcc' as const, count: 20, fuelHours: 8, leadTimeSec: 6 * 3600 },
    { id: 'gp-ctcc', org: 'ctcc' as const, count: 8, fuelHours: 8, leadTimeSec: 6 * 3600 },
    { id: 'gp-cucc', org: 'cucc' as const, count: 5, fuelHours: 8, leadTimeSec: 6 * 3600 },
    { id: 'gp-tower', org: 'tower' as const, count: 12, fuelHours: 8, leadTimeSec: 6 * 3600 },
  ];
  const sum = (f: (t: TeamDoc) => number, p?: (t: TeamDoc) => boolean): number => sumTeams(teams, f, p);
  const telecom = (t: TeamDoc): boolean => ['cmcc', 'cucc', 'ctcc', 'tower'].includes(t.org);
  const onMapBy = (t: TeamDoc): number => {
    // Hours after T0 at which the team reaches its base (activation + long haul), for teams active at T0.
    const haul = t.origin ? distKm(t.origin, (BASES.find(([id]) => id === t.base) as [string, string, string, LL])[3]) / (t.longHaulKmh ?? 60) : 0;
    return t.activationDelaySec / 3600 + haul;
  };
  const forcesCheck = {
    teams: teams.length,
    byKind: countTeams(teams, 'kind', ['operatorCrew', 'commsTeam', 'powerCrew', 'roadCrew', 'fireSquad']),
    byLevel: countTeams(teams, 'level', ['national', 'provincial', 'city', 'county']),
    activeAtStart: teams.filter((t) => t.activeAtStart).length,
    telecomActiveAtT0: {
      people: sum((t) => t.crew, (t) => telecom(t) && t.activeAtStart === true),
      generators: sum((t) => t.loadout?.generators ?? 0, (t) => telecom(t) && t.activeAtStart === true),
      satPhones: sum((t) => t.loadout?.satPhones ?? 0, (t) => telecom(t) && t.activeAtStart === true),
      teams: teams.filter((t) => telecom(t) && t.activeAtStart === true).length,
      note: 'operator and China Tower crews active at T0 (county and Shigatse): observed by T+7.9 h (MIIT, all operators): 154 people, 57 vehicles, 60 generators, 41 satellite phones',
    },
    telecomAll: {
      people: sum((t) => t.crew, telecom),
      generators: sum((t) => t.loadout?.generators ?? 0, telecom) + GENERATOR_POOLS.reduce((s, g) => s + g.count, 0),
      note: 'generators include the pools (T+6 h lead time)',
    },
    roads: {
      people: sum((t) => t.crew, (t) => t.org === 'transport'),
      note: 'observed on the trunk roads by T+20.9 h (MoT): 526 people, 474 machines',
    },
    power: { people: sum((t) => t.crew, (t) => t.org === 'power'), generatorTrucks: sum((t) => t.loadout?.generators ?? 0, (t) => t.org === 'power') },
    fire: { people: sum((t) => t.crew, (t) => t.org === 'fire') },
    emergencyManagement: { people: sum((t) => t.crew, (t) => t.org === 'emhq') },
    hoursToBase: Object.fromEntries(teams.filter((t) => t.origin).map((t) => [t.id, round1(onMapBy(t))])),
    longHaulKm: { 'Shigatse→G318 east gate': round1(distKm(SHIGATSE, LAZI_GATE)), 'Lhasa→G318 east gate': round1(distKm(LHASA, LAZI_GATE)) },
  };

  // Day 0 observed (news.jiulongw.cn): high 3 °C, low −17 °C, wind force 6. After it: an assumption.
  const HOUR_SEC = 3600;
  const DURATION_H = 72;
  const weather: WeatherDoc[] = [
    { fromSec: 0, toSec: 15 * HOUR_SEC, windForce: 6, visibilityKm: 10, airTempC: -7, note: '晴，最高3℃，最低-17℃，风力6级（当日实况，见来源）；取日均约-7℃' },
    { fromSec: 15 * HOUR_SEC, toSec: DURATION_H * HOUR_SEC, windForce: 4, visibilityKm: 20, airTempC: -7, note: '晴，严寒，约-7℃，风力4级（假设）' },
  ];

  // ---------------------------------------------------------------- the land (the map, and the altitude of work)

  // The Pengqu (朋曲, upper Arun): rises west of Old Tingri, flows east across the Dingri plain south of
  // Xegar, past the epicentral basin, turns south near Sa'er and Jiangga and leaves for Nepal through the
  // Himalaya. Waypoints from public map knowledge, ±3–5 km.
  const PENGQU: LL[] = [
    [86.36, 28.62], [86.5, 28.6], [86.62, 28.565], [86.78, 28.56], [86.95, 28.575], [87.1, 28.6], [87.22, 28.59], [87.33, 28.53],
    [87.45, 28.47], [87.58, 28.45], [87.7, 28.44], [87.78, 28.38], [87.8, 28.25], [87.83, 28.1], [87.86, 27.95],
  ].map((p) => rll(p as LL));
  const riverFeatures = [lineFeature<RiverProps>(PENGQU, { id: 'rv-pengqu', nameZh: '朋曲', nameEn: 'Pengqu (upper Arun)', kind: 'river' })];

  // Relief: an approximation (no DEM could be reached offline). Valley floors at 4,100–4,400 m along the
  // Pengqu and the roads, ground rising to about 5,300 m between them; the Himalaya crest in the south with
  // Cho Oyu (8,188 m), Everest (8,849 m) and Makalu (8,485 m) at their published heights and positions; the
  // passes where the roads cross ridges at their published heights (Gyatso La 5,248 m, Gawu La 5,198 m).
  const PEAKS: [LL, number, number][] = [
    [[86.661, 28.094], 8188, 6],
    [[86.925, 27.988], 8849, 7],
    [[87.089, 27.889], 8485, 6],
  ];
  const HIMALAYA_CREST: LL[] = [[86.3, 28.2], [86.66, 28.09], [86.925, 27.99], [87.09, 27.89], [87.4, 27.9], [87.7, 27.95]];
  const NORTH_RIDGE: LL[] = [[87.1, 29.02], [87.35, 28.95], [87.47, 28.92], [87.6, 28.88], [87.9, 28.85]];
  const PASSES: [LL, number][] = [
    [roadNodes.get('gyatsola') as LL, 5248],
    [roadNodes.get('gawula') as LL, 5198],
  ];
  const VALLEY_M = (ll: LL): number => 4150 + 150 * Math.max(0, Math.min(1, (ll[1] - 28.3) / 0.4)); // lower to the south-east
  const terrainLines = roadFeatures.filter((f) => f.properties.roadClass !== 'rural').map((f) => f.geometry.coordinates as LL[]);
  const gauss = (dKm: number, widthKm: number): number => Math.exp(-((dKm / widthKm) ** 2));
  function groundM(ll: LL): number {
    const base = VALLEY_M(ll);
    let dValley = distToPolylineKm(PLANE, ll, PENGQU);
    for (const line of terrainLines) dValley = Math.min(dValley, distToPolylineKm(PLANE, ll, line));
    let z = base + 1000 * (1 - Math.exp(-dValley / 6));
    z += 1700 * gauss(distToPolylineKm(PLANE, ll, HIMALAYA_CREST), 10);
    z += 500 * gauss(distToPolylineKm(PLANE, ll, NORTH_RIDGE), 6);
    // Each peak pulls the ground up to its height near it, and leaves it alone far away.
    for (const [at, h, w] of PEAKS) z += Math.max(0, h - z) * gauss(distKm(ll, at), w);
    for (const [at, h] of PASSES) {
      const g = gauss(distKm(ll, at), 3);
      z = z * (1 - g) + h * g;
    }
    // The Pengqu gorge through the Himalaya falls steeply to the south.
    if (ll[1] < 28.25) z -= 1500 * gauss(distToPolylineKm(PLANE, ll, PENGQU), 3) * Math.min(1, (28.25 - ll[1]) / 0.3);
    return z;
  }
  const RELIEF_CELL_DEG = 0.01;
  const RELIEF_NW: LL = [86.3, 29.15];
  const relief = elevationGrid(RELIEF_NW, RELIEF_CELL_DEG, 126, 171, groundM,
    'APPROXIMATION, not measured data: no digital elevation model could be reached where this scenario is built. Built by tools/build-dingri.ts from valley floors of 4,150–4,300 m along the Pengqu and the main roads, ground rising about 1,000 m away from them, the Himalaya crest with Cho Oyu, Everest and Makalu at their published heights, the ridge north of the Dingri plain, and the Gyatso La (5,248 m) and Gawu La (5,198 m) passes at their published heights. For map shading and the altitude of work on site; replace with SRTM or ASTER GDEM where they can be had.');
  const reliefMin = Math.min(...relief.elevationM);
  const reliefMax = Math.max(...relief.elevationM);

  // ---------------------------------------------------------------- observed figures

  // MIIT counts base stations per operator; a site here is a tower with one to three operators.
  const OPS_PER_SITE = sites.reduce((n, s) => n + s.props.operators.length, 0) / sites.length;
  const MIIT_TOWERS_OFF = Math.round(74 / OPS_PER_SITE);
  // The Wing Loong's first sortie: take-off at 23:00 (T+13.9 h), then the straight flight at its 150 km/h cruise.
  const SHIGATSE_TO_EPICENTRE_KM = distKm(SHIGATSE_AIRPORT, EPICENTER);
  const UAV_TAKEOFF_H = (Date.parse('2025-01-07T23:00:00+08:00') - Date.parse('2025-01-07T09:05:00+08:00')) / 3_600_000;
  const UAV_ON_STATION_H = Math.round((UAV_TAKEOFF_H + SHIGATSE_TO_EPICENTRE_KM / UAV_PLATFORMS.largeFixedWing.cruiseKmh!.value) * 10) / 10;
  const XINHUA_MIRRORS = 'mostly mirrors of Xinhua, China News Service, China National Radio and MIIT text';
  const observed: ObservedDoc = {
    source: `News reports of the 7 January 2025 Dingri Ms 6.8 earthquake (${XINHUA_MIRRORS}), times as hours after 09:05 Beijing time; the MIIT figures count every operator's base stations, China Mobile's its own in Dingri, Lazi and Dingjie. Outlets, dates and addresses as found; the article titles were not at hand.`,
    points: [
      {
        id: 'sites-restored-7.9h-miit',
        quantity: 'failedSitesRestoredFrac',
        tHours: 7.9,
        value: 0.23,
        what: 'MIIT: 96 base stations out across operators, 22 restored (23 %); no township fully cut off; 154 staff, 57 vehicles, 60 generators, 41 satellite phones at work',
        source: '观察者网 (Guancha), MIIT figures as reported, 2025-01-08',
        uncertain: false,
      },
      {
        id: 'sites-off-air-7.9h-miit',
        quantity: 'sitesOffAir',
        tHours: 7.9,
        value: MIIT_TOWERS_OFF,
        valueLo: Math.round(74 / 3),
        valueHi: 74,
        what: `MIIT: 96 base stations out, 22 restored, so 74 still out, counted per operator; at this inventory's ${OPS_PER_SITE.toFixed(2)} operators per tower that is about ${MIIT_TOWERS_OFF} towers (the range: every outage on three-operator towers, 25, to every outage on one-operator towers, 74)`,
        source: '观察者网 (Guancha), MIIT figures as reported, 2025-01-08',
        uncertain: true,
      },
      {
        id: 'sites-restored-9.9h-cmcc',
        quantity: 'failedSitesRestoredFrac',
        tHours: 9.9,
        value: 0.64,
        what: 'China Mobile: 113 of its 177 base stations out in Dingri, Lazi and Dingjie restored (64 %); the epicentral townships were back by T+9.05 h',
        source: '羊城晚报 (Yangcheng Evening News) mobile site, 2025-01-07, wap.ycwb.com 2025-01/07 content_53169125 (China Mobile figures as reported)',
        uncertain: true,
      },
      {
        id: 'sites-restored-26.9h-cmcc',
        quantity: 'failedSitesRestoredFrac',
        tHours: 26.9,
        value: 1,
        valueLo: 0.95,
        valueHi: 1,
        what: 'China Mobile: all 177 base stations restored (100 %)',
        source: '观察者网 (Guancha), 2025-01-08',
        uncertain: true,
      },
      {
        id: 'power-restored-12.9h',
        quantity: 'powerRestoredFrac',
        tHours: 12.9,
        value: 0.63,
        valueLo: 0.5,
        valueHi: 0.8,
        what: 'Power back to the county seat and 7 townships; as a share of customers an estimate (the seat and 7 of the 12 other Dingri townships hold about 63 % of the mapped Dingri people)',
        source: '香港电台 (RTHK) news, 2025-01-07, news.rthk.hk item 1786545',
        uncertain: true,
      },
      {
        id: 'power-restored-48h',
        quantity: 'powerRestoredFrac',
        tHours: 48,
        value: 0.97,
        valueLo: 0.9,
        valueHi: 1,
        what: 'Power "basically restored" about T+45–48 h',
        source: 'xmbel.com (a mirror of news-agency text), January 2025',
        uncertain: true,
      },
      {
        id: 'roads-reopened-8.9h',
        quantity: 'roadsReopenedFrac',
        tHours: 8.9,
        value: 1,
        valueLo: 0.9,
        valueHi: 1,
        what: 'Damaged road sections in the quake zone reopened (some one lane); by T+20.9 h 7 trunk sections two-way with 526 people and 474 machines (MoT, 光明网地方频道 difang.gmw.cn 2025-01/08 content_37786299), which the model does not tell apart from one-lane reopening',
        source: 'wxredian.com (a mirror of news-agency text), 2025-01-07',
        uncertain: true,
      },
      {
        id: 'first-uav-on-station',
        quantity: 'firstUavOnStationHours',
        tHours: UAV_ON_STATION_H,
        value: UAV_ON_STATION_H,
        what: `the Wing Loong-2H took off from Shigatse Peace Airport at 23:00 on 7 January (T+13.9 h) for the epicentral area, reconnaissance only; its arrival was not published, so on station is take-off + the ${Math.round(SHIGATSE_TO_EPICENTRE_KM)} km straight to the epicentre at its published 150 km/h cruise (T+${UAV_ON_STATION_H} h). When it was asked for is not published either`,
        source: '四川观察 (Sichuan Observation), 9 January 2025, as carried by aamev.com/news/show-4265.html: "1月7日23时、1月8日14时，翼龙-2H应急救灾型无人机从日喀则和平机场两度飞赴震中区"; cruise 150 km/h: published Wing Loong-2H figures',
        uncertain: true,
      },
    ],
  };

  // ---------------------------------------------------------------- scenario document

  const layers = addLayers(texts, {
    townships: townshipFeatures,
    population: populationFeatures,
    sites: siteFeatures,
    substations: substationFeatures,
    feeders: feederFeatures,
    roads: roadFeatures,
    bases: baseFeatures,
    landingZones: lzFeatures,
    shelters: shelterFeatures,
  });
  const isoseismalsPath = addLayer(texts, 'isoseismals', isoseismalFeatures);
  layers.rivers = addLayer(texts, 'rivers', riverFeatures);
  layers.elevation = addElevationLayer(texts, relief);

  const batteryHours = sortedBatteryHours(siteFeatures);
  const quantile = (q: number): number => batteryHoursQuantile(batteryHours, q);
  const AFTERSHOCKS = { durationHours: DURATION_H, minMagnitude: 3.0, p: 1.05, cHours: 0.05, b: 0.89 };

  const msel: InjectDoc[] = [
    {
      id: 'inj-001-quake-report',
      tSec: 0,
      to: 'emhq',
      kind: 'message',
      data: { magnitudeMs: MS, depthKm: 10, epicentreLon: EPICENTER[0], epicentreLat: EPICENTER[1] },
      text: {
        zh: '中国地震台网正式测定：1月7日9时5分，西藏日喀则市定日县（北纬28.50度，东经87.45度）发生6.8级地震，震源深度10公里。震中位于措果乡，距定日县城约33公里。长所、尼辖、曲洛等乡及拉孜、定结县部分乡镇震感强烈。请启动应急响应。',
        en: 'China Earthquake Networks Center: at 09:05 on 7 Jan a Ms 6.8 earthquake struck Dingri county, Shigatse, Tibet (28.50N 87.45E), depth 10 km, epicentre in Cuoguo township about 33 km from the county seat. Strong shaking in Changsuo, Nixia and Quluo and in parts of Lazi and Dingjie. Activate the emergency response.',
      },
    },
    ...(['cmcc', 'cucc', 'ctcc', 'tower'] as const).map((seat) => ({
      id: `inj-002-alarms-${seat}`,
      tSec: 600,
      to: seat,
      text: {
        zh: '网管中心告警：定日县措果、长所、尼辖、曲洛一带及拉孜、定结部分站点出现“交流停电”“退服”告警。气温零下十余度，蓄电池续航可能低于标称值。请组织应急队伍和发电机出动。',
        en: 'Network operations centre: sites around Cuoguo, Changsuo, Nixia and Quluo and some in Lazi and Dingjie are raising mains-failure and out-of-service alarms. At well below freezing, batteries may not last their rated time. Dispatch crews and generators.',
      },
    })),
    {
      id: 'inj-003-power-report',
      tSec: 4 * HOUR_SEC,
      to: 'emhq',
      kind: 'damageReport',
      data: { sector: 'power', townships: 'cuoguo,changsuo,nixia,quluo' },
      text: {
        zh: '供电公司报告：震区多条10千伏线路跳闸，措果、长所等乡35千伏供电受影响，县城部分停电，正在组织抢修，日喀则供电公司抢修队伍已出发。',
        en: 'Power company: several 10 kV lines in the quake zone tripped and 35 kV supply to Cuoguo, Changsuo and neighbouring townships is affected; part of the county seat is dark. Repairs are being organised and Shigatse crews are on the way.',
      },
    },
  ];

  const scenario: ScenarioDocV1 = {
    $schema: '../schema/scenario.schema.json',
    format: 'drilltwin/scenario@1',
    name: { zh: '定日6.8级地震（2025年1月7日）', en: 'Dingri Ms 6.8 earthquake (7 Jan 2025)' },
    description: {
      zh: '复盘2025年1月7日9时5分西藏日喀则市定日县6.8级地震（震源深度10公里，震中措果乡）。范围为定日县13个乡镇及拉孜、定结县受灾较重的部分乡镇。隆冬白天发震，高原4000米以上，严寒大风；通信中断以停电为主，恢复取决于发电机、电力抢修和沿G318从日喀则、拉萨赶来的队伍。烈度场采用官方烈度图的椭圆近似；地理为近似，详见metadata.sources。',
      en: 'A replay of the Ms 6.8 Dingri earthquake of 09:05 on 7 Jan 2025 (depth 10 km, epicentre in Cuoguo township), covering the 13 townships of Dingri county, Shigatse, Tibet, and the hardest-hit townships of Lazi and Dingjie. A deep-winter daytime quake on the plateau above 4,000 m, in bitter cold and strong wind; outages mostly from lost mains power, restored by generators, power repairs and teams coming up G318 from Shigatse and Lhasa. The intensity field is an ellipse approximation of the official map; the geography is approximate (metadata.sources).',
    },
    seed: 1,
    start: '2025-01-07T09:05:00+08:00',
    timeZone: 'Asia/Shanghai',
    durationHours: DURATION_H,
    layers,
    hazards: [
      {
        id: 'mainshock',
        type: 'earthquake',
        tSec: 0,
        epicenter: EPICENTER,
        magnitude: MS,
        magnitudeType: 'Ms',
        depthKm: 10,
        strikeDeg: STRIKE_DEG,
        zone: 'qinghai-tibet',
        isoseismals: isoseismalsPath,
        aftershocks: AFTERSHOCKS,
      },
    ],
    resources: {
      generatorPools: GENERATOR_POOLS,
      teams,
      uavs: [
        {
          id: 'uav-wl2h-shigatse',
          nameZh: '翼龙-2H应急救灾型无人机（日喀则和平机场）',
          nameEn: 'Wing Loong-2H emergency UAV (Shigatse Peace Airport)',
          org: 'emhq',
          class: 'largeFixedWing',
          airfield: SHIGATSE_AIRPORT,
          readiness: 'standby',
          payload: 'reconnaissance',
        },
      ],
    },
    msel,
    targets: '../targets/2027-emergency-comms.json',
    settings: {
      kpiIntervalSec: 60,
      prioritySupplyForComms: false,
      emergencyRoaming: false,
      coverageTerrain: 'open',
      airspaceGreenChannel: false,
      doctrineSeats: 'all',
    },
    weather,
    metadata: {
      region: '西藏自治区日喀则市定日县（540223）及拉孜县（540225）、定结县（540231）受灾乡镇',
      synthetic: false,
      generatedBy: 'tools/build-dingri.ts (node --import tsx tools/build-dingri.ts); deterministic, PRNG mulberry32 seed 20250107',
      coordinates: 'WGS84 [lon, lat], 5 decimals. Generated geometry uses a local equirectangular approximation around the epicentre: 111.32 km per degree of latitude, 111.32·cos(28.50°) km per degree of longitude.',
      sources: [
        {
          layer: 'townships',
          source: 'Township names from public gazetteer knowledge: the 13 townships of Dingri county (协格尔镇, 岗嘎镇 and 11 乡), 曲下镇 (Lazi seat) and 热萨乡 of Lazi, 江嘎镇 (Dingjie seat), 萨尔乡 and 琼孜乡 of Dingjie. Seats at approximate coordinates from public gazetteer and map knowledge, not surveyed.',
          estimated: true,
          note: 'Xegar, Gangga and the Lazi and Dingjie seats ±2 km; the other seats ±5–10 km, placed so that Cuoguo holds the epicentre and Changsuo, Nixia and Quluo lie next to it, as the published accounts say. Which Lazi and Dingjie townships were hit hardest is not certain: Resa, Sa\'er and Qiongzi stand for those parts. Populations are assumptions: Dingri 56,000 over 13 townships, the five Lazi and Dingjie townships 28,500. Codes are county codes (GB/T 2260), not township codes.',
        },
        { layer: 'population', source: 'Generated: 4–9 village points per township, the first at the seat, the rest 2–12 km out (deterministic PRNG); each township sums exactly to its total.', estimated: true, note: 'Not real village locations or populations.' },
        {
          layer: 'sites',
          source: `Synthetic plausible inventory, not real site locations: ${sites.length} tower sites (Dingri ${SITES_PER_COUNTY.DR}, Lazi part ${SITES_PER_COUNTY.LZ}, Dingjie part ${SITES_PER_COUNTY.DJ}), at least 5 per township, the rest by population, near settlements and trunk roads. Sized to the MIIT count (96 base stations out across all operators at T+7.9 h), read as base stations per operator: at this inventory's ${OPS_PER_SITE.toFixed(2)} operators per tower that is about ${Math.round(96 / OPS_PER_SITE)} towers, and with the doctrine the model has 36–55 towers ever out by T+7 h (seeds 1–5, doctrine on), 60–95 base stations counted per operator (see the README). China Mobile's 177 (its own alone, more than MIIT's all-operator 96) must count a smaller unit (4G and 5G base stations or cells apart) over three counties; it is used for the restoration shares only.`,
          estimated: true,
          note: 'Operator mix, 5G share, loads and batteries from the scenario kit (China Tower analyses: 4G 1.3 kW per operator system, 5G 3.3–4.9 kW per system; 48 V banks at 80 % depth of discharge, a quarter derated). The kit does not derate batteries for cold; at −17 °C real lead-acid banks give less. Three super base stations (Xegar, Lazi and Dingjie seats): 150 kWh, 72 h generator fuel. Rural backhaul 30 % microwave, 4 % satellite (assumption for remote plateau sites).',
        },
        {
          layer: 'sites: aggregation, fibreRoads',
          source: `Synthetic backhaul tree: each county's core in its seat (the seat's super site connects straight to it); every other township has one aggregation site (the fibre site nearest its seat) hanging off its county's core site; all other sites hang off their township's aggregation site. fibreRoads is the shortest road path between the segments nearest each end. ${backhaulStats.fibreRoutes} fibre routes, median ${backhaulStats.fibreRouteKm.median} km, longest ${backhaulStats.fibreRouteKm.max} km; deepest chain ${backhaulStats.maxDepth} hops. The links from the county cores to Shigatse are not modelled (assumed intact).`,
          estimated: true,
        },
        {
          layer: 'sites: aggregation hardening',
          source: `Assumption (as in Jishishan): the ${aggregationHardening.length} township aggregation sites carry at least 40 kWh plus 10 kWh per extra operator and a fixed generator with 24 h of fuel in a town (镇), 12 h in a township (乡). Before and after: metadata.aggregationHardening.`,
          estimated: true,
        },
        {
          layer: 'substations',
          source: 'Plausible grid, all assumed: a 220 kV station at Lazi on the Shigatse 220 kV network; 110 kV stations at Xegar, Lazi and Jiangga fed from it; 35 kV stations at Gangga, Cuoguo, Changsuo, Jiacuo, Zhaxizong and Sa\'er fed from the 110 kV station of their county.',
          estimated: true,
          note: `Names, places and voltages are assumptions (the real stations are not public at this detail). HAZUS classes: 220 kV high, 110 kV medium, 35 kV low; the 35 kV stations in the epicentral basin (Cuoguo, Changsuo, Sa\'er) unanchored. Customers: ${TOTAL_CUSTOMERS.toLocaleString('en-US')} over the mapped ${MAPPED_POPULATION.toLocaleString('en-US')} people (4.5 people per customer, assumption), split by the people each substation's feeders reach.`,
        },
        { layer: 'feeders', source: `Generated: ${feeders.length} 10 kV feeders, at least one per township, from its substation through the seat and out through up to four villages; each site and village takes power from the nearest feeder of its own township.`, estimated: true },
        {
          layer: 'roads',
          source: 'Main roads as waypoint polylines along the real valleys, from public map knowledge: G318 from Lazi over the Gyatso La (5,248 m) down to Baiba and west along the Pengqu past Old Tingri towards Nyalam; the Xegar connector; the Everest road over the Gawu La to Zhaxizong; county roads from Xegar east to Cuoguo, Quluo and Nixia, from Baiba through Changsuo and Nixia to Sa\'er and Jiangga (Dingjie), and to the outlying townships; generated rural roads to villages. Segments of at most 6 km, bridges as their own segments.',
          estimated: true,
          note: 'Waypoints ±3–5 km (G318 and the Everest road) to ±10 km (county roads); alignments between waypoints are wiggled lines, not surveyed routes. The pass between the Xegar plain and the Changsuo basin and the pass to Qudang are assumptions. `terrain` (what the slide model reads) is a judgement from public maps: flat on the Pengqu plain and the floors of the epicentral basins (rural roads of Xegar, Gangga, Kema, Cuoguo, Changsuo, Nixia, Sa\'er, Jiangga, Quxia; the Changsuo–Nixia–Sa\'er and Cuoguo–Nixia roads), hilly across low hills and in the other townships, mountain over the passes and in the Himalayan valleys (Rongxia, Qudang, Zhaxizong). Bridge classes are assumptions; no bridge is known to have failed.',
        },
        {
          layer: 'isoseismals',
          source: 'Ellipses fitted to the published areas and axes, not the published polygons. Official intensity map (Ministry of Emergency Management / China Earthquake Administration, published about T+3 d, as mirrored at yp57.com/post/rSqP_64115.html): max IX; IX 411, VIII 869, VII 5,350, VI 17,356 km² (VI+ 23,986 km²); VI-zone axes about 191 × 152 km.',
          estimated: true,
          note: `VI ellipse on the published axes (95.5 × 76 km semi-axes, ${Math.round(Math.PI * 95.5 * 76)} km² against 23,986). VII+, VIII+ and IX keep the axis ratio and the published areas. Long axis 5° (about north–south, along the Dengmo Co normal fault; the exact azimuth is an assumption). Centred on the instrumental epicentre (assumption). Intensity at each township seat: metadata.isoseismalCheck; sites per degree: metadata.sitesByIntensity.`,
        },
        {
          layer: 'rivers',
          source: 'The Pengqu (朋曲, upper Arun) as a waypoint polyline from public map knowledge: across the Dingri plain south of Xegar, past the epicentral basin, south near Sa\'er and Jiangga through the Himalaya.',
          estimated: true,
          note: 'Map only (no model reads rivers). ±3–5 km; tributaries and lakes (Dengmo Co among them) are not drawn.',
        },
        {
          layer: 'elevation',
          source: `APPROXIMATION, not measured data: no digital elevation model could be reached where this scenario is built. A ${relief.cols} × ${relief.rows} grid of ${RELIEF_CELL_DEG}° cells over ${RELIEF_NW[0]}–${round1((RELIEF_NW[0] + RELIEF_CELL_DEG * (relief.cols - 1)) * 10) / 10}°E, ${round1((RELIEF_NW[1] - RELIEF_CELL_DEG * (relief.rows - 1)) * 100) / 100}–${RELIEF_NW[1]}°N, ${reliefMin}–${reliefMax} m: valley floors of 4,150–4,300 m along the Pengqu and the main roads (the Dingri plain is about 4,300 m), ground rising about 1,000 m away from them, the Himalaya crest with Cho Oyu (8,188 m), Everest (8,849 m) and Makalu (8,485 m) at their published heights and positions, the ridge north of the plain, and the Gyatso La and Gawu La at their published heights.`,
          estimated: true,
          note: 'It shades the map and gives the ground elevation where work happens, so work on the plateau takes longer (WORK_AT_ALTITUDE); slides read the roads\' `terrain` classes, not this grid. Replace with a measured model where one can be had (format drilltwin/elevation-grid@1).',
        },
        { layer: 'bases', source: 'Operator, tower, power, fire, transport and HQ offices within 1 km of the Xegar seat; the Lazi and Dingjie seats; the G318 east map edge where forces from Shigatse and Lhasa enter.', estimated: true },
        { layer: 'landingZones', source: 'Assumed flat ground near four township seats (no helicopter is in the scenario; kept for drills that add one).', estimated: true },
        { layer: 'shelters', source: 'Assumed resettlement points at the seat and the four epicentral townships.', estimated: true },
        {
          layer: 'aftershocks',
          source: 'Model parameters, not the observed Dingri sequence: Omori–Utsu p = 1.05 and Gutenberg–Richter b = 0.89 from the Wenchuan 2008 sequence (Wu, Xu & Wang 2024); c = 0.05 h and M ≥ 3.0 over 72 h are assumptions, the same as Jishishan.',
          estimated: true,
        },
        {
          layer: 'resources.teams',
          source: `${teams.length} teams sized to the observed totals: by T+7.9 h 154 telecom people, 57 vehicles, 60 generators, 41 satellite phones (MIIT, all operators; 观察者网, 2025-01-08); by T+20.9 h 526 people and 474 machines on the trunk roads (MoT; 光明网地方频道, 2025-01-08, difang.gmw.cn content_37786299). Active at T0 (county crews and Shigatse's): ${forcesCheck.telecomActiveAtT0.people} telecom people with ${forcesCheck.telecomActiveAtT0.generators} generators and ${forcesCheck.telecomActiveAtT0.satPhones} satellite phones; road crews ${forcesCheck.roads.people} people.`,
          estimated: true,
          note: `How the forces grow: county crews of Dingri, Lazi and Dingjie active at T0 with 20–30 min to assemble; Shigatse crews active at T0, 1 h to assemble, then ${forcesCheck.longHaulKm['Shigatse→G318 east gate']} km (straight line) to the G318 east gate at ${HAUL_KMH} km/h (plateau road in winter, assumption): on the map about T+4 h, at the epicentral townships T+6–8 h; Tibet provincial teams from Lhasa (${forcesCheck.longHaulKm['Lhasa→G318 east gate']} km straight, ${HAUL_KMH + 10} km/h) called by the HQ: on the map about T+8–10 h. Road crews: provincial and Shigatse units are active at T0 (the MoT had 526 people on the trunk roads by T+20.9 h). Power crews: no public total was at hand; 10 crews, 149 people, an assumption. Fire: only squads that carry terminals. Generator pools (45 generators, 6 h lead time) stand for later deliveries. Names are descriptive, not real unit designations. Counts: metadata.forcesCheck.`,
        },
        {
          layer: 'resources.uavs',
          source: 'The Wing Loong-2H emergency UAV "long deployed" at Shigatse Peace Airport (长期部署在日喀则和平机场), sent twice by the Tibet emergency management department to the epicentral area, taking off at 23:00 on 7 January (T+13.9 h) and 14:00 on 8 January (T+28.9 h), with electro-optical and synthetic-aperture-radar payloads, for reconnaissance only (no public-network payload was reported); more than 12 h in the air in all (四川观察, 9 January 2025, as carried by aamev.com/news/show-4265.html; 中国科学报, 10 January 2025, wap.gmw.cn/2025-01/10/content_37790304.htm). Here: payload "reconnaissance" (it shows the roads beneath it and gives no coverage), readiness "standby" (forward-based), airfield at the airport (29.35N 89.31E, public map knowledge, ±2 km).',
          estimated: true,
          note: 'When it was asked for is not published; the doctrine asks for it at once, over the hardest-hit township whose roads nobody has seen, so the model flies it far earlier than the record (see metadata.observed, first-uav-on-station).',
        },
        {
          layer: 'weather',
          source: 'Day 0 observed: high 3 °C, low −17 °C, wind force 6 (news.jiulongw.cn, January 2025), to T+15 h (midnight); after that an assumption: force 4, clear. Force 6 grounds none of the scenario\'s aircraft (the Wing Loong-2H takes off in up to force 8). Air temperature, for the batteries: −7 °C throughout, the middle of day 0\'s reported high and low (the following days assumed alike).',
          estimated: true,
        },
        {
          layer: 'settings',
          source: 'coverageTerrain "open": the plateau basins are broad and open (assumption). airspaceGreenChannel false, prioritySupplyForComms false, emergencyRoaming false: the baseline. doctrineSeats "all".',
          estimated: true,
        },
        {
          layer: 'townships: prepositionedSatPhones, prepositionedBeidou',
          source: 'Assumption: two Tiantong phones and two BeiDou terminals at the Xegar, Gangga, Lazi and Dingjie seats (2027 Opinions, 工业和信息化部等十四部门《关于加强极端场景应急通信能力建设的意见》, 工信部联信管〔2024〕256号, 五、（十五））.',
          estimated: true,
        },
      ],
      observed,
      calibration: {
        source: `Public figures for the 7 January 2025 Dingri Ms 6.8 earthquake as reported by news media (${XINHUA_MIRRORS}).`,
        epicentre: '28.50N 87.45E, depth 10 km, Ms 6.8 (CENC); 126 dead; 61,500 people affected',
        intensityMap: 'max IX; axes about 191 × 152 km; IX 411, VIII 869, VII 5,350, VI 17,356 km²; VI+ 23,986 km² (yp57.com/post/rSqP_64115.html)',
        miit: 'T+7.9 h: 96 base stations out, 22 restored (23 %); no township fully cut off; 154 staff, 57 vehicles, 60 generators, 41 satellite phones (观察者网, 2025-01-08)',
        chinaMobile: '177 out (Dingri, Lazi, Dingjie); epicentral townships back T+9.05 h; 113/177 (64 %) T+9.9 h (wap.ycwb.com 2025-01/07 content_53169125); 100 % T+26.9 h (观察者网)',
        power: 'county seat and 7 townships re-energised T+12.9 h (news.rthk.hk 1786545); basically restored about T+45–48 h (xmbel.com)',
        roads: 'damaged sections reopened T+8.9 h (wxredian.com); 7 trunk sections two-way, 526 people, 474 machines T+20.9 h (difang.gmw.cn 2025-01/08 content_37786299)',
        uav: 'Wing Loong-2H forward-based at Shigatse Peace Airport: took off for the epicentral area at 23:00 on 7 January (T+13.9 h) and 14:00 on 8 January (T+28.9 h), reconnaissance only, more than 12 h in the air (四川观察, 2025-01-09, aamev.com/news/show-4265.html); 3 sorties, 17 h over days 0–3 in another report (seoszbbq.cn)',
        weather: 'day 0: high 3 °C, low −17 °C, wind force 6 (news.jiulongw.cn)',
        countsDisagree: 'MIIT (all operators) 96 out against China Mobile alone 177: different units. MIIT counts base stations per operator (a tower with three operators is three); China Mobile\'s 177 must count a smaller unit still (4G and 5G base stations or cells apart) over Dingri, Lazi and Dingjie. The inventory is sized to MIIT, converted to towers at the inventory\'s operators per tower; the restoration shares are compared with both sources.',
      },
      siteStats: {
        total: sites.length,
        byCounty: { dingri: sites.filter((s) => s.township.county === 'DR').length, lazi: sites.filter((s) => s.township.county === 'LZ').length, dingjie: sites.filter((s) => s.township.county === 'DJ').length },
        batteryHours: { min: quantile(0), p10: quantile(0.1), median: quantile(0.5), p90: quantile(0.9), max: quantile(0.999) },
      },
      sitesByIntensity,
      isoseismalCheck: isoMembership,
      backhaulCheck: backhaulStats,
      customersBySubstation: Object.fromEntries(servingSubs.map((s) => [s.id, customersOf.get(s.id) as number])),
      aggregationHardening,
      forcesCheck,
      aftershockModel: 'Wenchuan 2008 values (Wu, Xu & Wang 2024): p 1.05, b 0.89; c 0.05 h assumed',
    },
  };
  texts['scenario.json'] = jsonText(scenario);

  return {
    texts,
    summary: {
      townships: townshipFeatures.length,
      population: populationFeatures.length,
      sites: siteFeatures.length,
      substations: substationFeatures.length,
      feeders: feederFeatures.length,
      roads: roadFeatures.length,
      forces: forcesCheck,
      isoAxes: isoAxes.map((x) => ({ I: x.intensity, a: round1(x.a), b: round1(x.b) })),
      sitesByIntensity,
      isoMembership,
      relief: [reliefMin, reliefMax],
    },
  };
}

if (isMainModule(import.meta.url)) {
  const { texts, summary } = buildDingri();
  writeScenarioTexts(DINGRI_DIR, texts);
  console.log(JSON.stringify(summary, null, 1));
}
