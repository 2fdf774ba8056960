// Builds scenarios/jishishan-2023/: the Ms 6.2 Jishishan earthquake of
// 2023-12-18 23:59:30 (Beijing time) and the county it struck.
//
//   node --import tsx tools/build-jishishan.ts
//
// Deterministic: every random choice comes from one mulberry32 stream with a
// fixed seed, and every coordinate is rounded to 5 decimals, so running the
// script twice gives byte-identical files. What is real and what is estimated
// is written into scenario.json `metadata.sources` and the scenario README.
//
// buildJishishan() returns the file texts; run as a script it writes them.
// tools/build-scenarios.test.ts checks they equal the committed files.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { radiusKm } from '../src/hazards/intensity.ts';
import type {
  FeederProps,
  HelicopterDoc,
  InjectDoc,
  ObservedDoc,
  Operator,
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
  UavDoc,
  WeatherDoc,
} from '../src/model/scenario-format.ts';
import {
  addLayer,
  addLayers,
  apportion,
  axesFromAreas,
  backhaulSummary,
  batteryHoursQuantile,
  chainThroughVillages,
  closeRing,
  closestSite,
  countTeams,
  customersBySubstation,
  drawRoads,
  equipSite,
  fibreHubs,
  fireSquadLoadout,
  hangOffAggregation,
  hardenAggregationSites,
  isoseismalMap,
  isMainModule,
  jsonText,
  lerpTable,
  lineFeature,
  distToPolylineKm,
  KM_PER_DEG_LAT,
  localPlane,
  nearest,
  nearestFeeder,
  offsetOnBearing,
  placeTownshipSites,
  pointFeature,
  poiFeatures,
  poiFeaturesOfKind,
  pointInPolygon,
  polygonFeature,
  ringAreaSigned,
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
  nameTeamsInEnglish,
  vehicleUnitNameEn,
  vehicleUnits,
  teamFromRow,
  townshipLayerProps,
  writeScenarioTexts,
  type BackhaulDraw,
  type Feature,
  type LL,
  type ScenarioTexts,
} from './kit/index.ts';
import { addElevationLayer, chainSegments, elevationGrid, fitLineBetweenBanks, readGmtSegments, type BankPoint } from './kit/terrain.ts';

/** Where the built files go (the CLI); buildJishishan itself writes nothing. */
export const JISHISHAN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'scenarios', 'jishishan-2023');

/** The file texts of scenarios/jishishan-2023 (keyed by path in the folder) and a summary of what was built. */
export function buildJishishan(): { texts: ScenarioTexts; summary: Record<string, unknown> } {
  const texts: ScenarioTexts = {};

  // ---------------------------------------------------------------- utilities

  const rng = seededRandom(20231218);
  const { uniform } = rng;

  // Local equirectangular projection around the instrumental epicentre.
  const EPICENTER: LL = [102.79, 35.7];
  const PLANE = localPlane(EPICENTER);
  const { toKm, fromKm, km: distKm } = PLANE;
  /** Point at `km` from `p` on compass bearing `deg` (clockwise from north). */
  const offset = (p: LL, km: number, deg: number): LL => offsetOnBearing(PLANE, p, km, deg);
  function bearing(from: LL, to: LL): number {
    const [x, y] = toKm(to, from);
    const b = (Math.atan2(x, y) * 180) / Math.PI;
    return b < 0 ? b + 360 : b;
  }
  function inBearing(b: number, range: [number, number]): boolean {
    const [lo, hi] = range;
    return lo <= hi ? b >= lo && b <= hi : b >= lo || b <= hi;
  }

  // ---------------------------------------------------------------- geography

  // The Yellow River between Xunhua (W) and Yongjing (E), roughly: the border
  // between Jishishan (south bank) and Minhe (north bank). Approximate.
  const YELLOW_RIVER: LL[] = [
    [102.55, 35.848],
    [102.66, 35.85],
    [102.74, 35.852],
    [102.79, 35.849],
    [102.86, 35.852],
    [102.95, 35.848],
    [103.06, 35.83],
  ];
  const riverLatAt = (lon: number): number => lerpTable(YELLOW_RIVER, lon);

  type County = 'JSS' | 'MH';
  const COUNTY_NAME: Record<County, string> = { JSS: '积石山保安族东乡族撒拉族自治县', MH: '民和回族土族自治县' };
  const COUNTY_CODE: Record<County, string> = { JSS: '622927', MH: '630222' };

  /** Rough county extent used to keep generated points on the right side of the border. */
  function inCounty(p: LL, county: County): boolean {
    const [lon, lat] = p;
    const river = riverLatAt(lon);
    if (county === 'JSS') return lon >= 102.66 && lon <= 103.05 && lat >= 35.57 && lat <= river - 0.004;
    return lon >= 102.62 && lon <= 102.93 && lat >= river + 0.004 && lat <= 36.0;
  }

  interface Township {
    key: string;
    id: string;
    nameZh: string;
    nameEn: string;
    seat: LL;
    population: number;
    county: County;
    town: boolean; // 镇 (town) rather than 乡 (township)
  }

  // Township seats: approximate coordinates read from public maps; populations
  // are approximate 2020-census-era figures, scaled so Jishishan sums to the
  // official 239,400.
  const TOWNSHIP_ROWS: [string, string, string, number, number, number, County, boolean][] = [
    ['chuimatan', '吹麻滩镇', 'Chuimatan', 102.877, 35.717, 40000, 'JSS', true],
    ['dahejia', '大河家镇', 'Dahejia', 102.779, 35.842, 26000, 'JSS', true],
    ['juji', '居集镇', 'Juji', 102.955, 35.7, 20000, 'JSS', true],
    ['qiecang', '癿藏镇', 'Qiecang', 103.005, 35.665, 18000, 'JSS', true],
    ['shiyuan', '石塬镇', 'Shiyuan', 102.805, 35.812, 13000, 'JSS', true],
    ['liuji', '刘集乡', 'Liuji', 102.835, 35.785, 17000, 'JSS', false],
    ['liugou', '柳沟乡', 'Liugou', 102.8, 35.703, 13000, 'JSS', false],
    ['guanjiachuan', '关家川乡', 'Guanjiachuan', 102.76, 35.735, 10000, 'JSS', false],
    ['hulinjia', '胡林家乡', 'Hulinjia', 102.85, 35.75, 11000, 'JSS', false],
    ['anji', '安集乡', 'Anji', 102.93, 35.745, 12000, 'JSS', false],
    ['zhaizigou', '寨子沟乡', 'Zhaizigou', 102.815, 35.66, 9500, 'JSS', false],
    ['guogan', '郭干乡', 'Guogan', 102.925, 35.645, 9000, 'JSS', false],
    ['xuhujia', '徐扈家乡', 'Xuhujia', 102.915, 35.685, 9500, 'JSS', false],
    ['zhongzuiling', '中咀岭乡', 'Zhongzuiling', 102.9, 35.805, 8000, 'JSS', false],
    ['xiaoguan', '小关乡', 'Xiaoguan', 102.86, 35.625, 6500, 'JSS', false],
    ['puchuan', '铺川乡', 'Puchuan', 103.0, 35.77, 8500, 'JSS', false],
    ['yinchuan', '银川乡', 'Yinchuan', 102.96, 35.83, 8400, 'JSS', false],
    ['guanting', '官亭镇', 'Guanting', 102.82, 35.858, 22000, 'MH', true],
    ['zhongchuan', '中川乡', 'Zhongchuan', 102.76, 35.878, 15000, 'MH', false],
    ['gangou', '甘沟乡', 'Gangou', 102.72, 35.925, 9500, 'MH', false],
    ['xinger', '杏儿藏族乡', "Xing'er", 102.655, 35.87, 5500, 'MH', false],
    ['qianhe', '前河乡', 'Qianhe', 102.87, 35.905, 9000, 'MH', false],
    ['xiamen', '峡门镇', 'Xiamen', 102.8, 35.96, 13000, 'MH', true],
  ];
  const TOWNSHIPS: Township[] = TOWNSHIP_ROWS.map(([key, nameZh, nameEn, lon, lat, population, county, town]) => ({
    key,
    id: `t-${key}`,
    nameZh,
    nameEn,
    seat: [lon, lat],
    population,
    county,
    town,
  }));
  const TOWN = new Map(TOWNSHIPS.map((t) => [t.key, t]));
  const town = (key: string): Township => {
    const t = TOWN.get(key);
    if (!t) throw new Error(`unknown township ${key}`);
    return t;
  };
  const JSS_TOTAL = TOWNSHIPS.filter((t) => t.county === 'JSS').reduce((s, t) => s + t.population, 0);
  if (JSS_TOTAL !== 239_400) throw new Error(`Jishishan population sums to ${JSS_TOTAL}, expected 239400`);
  if (TOWNSHIPS.filter((t) => t.county === 'JSS').length !== 17) throw new Error('Jishishan must have 17 townships');

  const SEATS_OF: Record<County, Township[]> = { JSS: TOWNSHIPS.filter((t) => t.county === 'JSS'), MH: TOWNSHIPS.filter((t) => t.county === 'MH') };
  const nearestSeat = (p: LL, county: County): Township => nearest(SEATS_OF[county], (t) => distKm(p, t.seat)) as Township;

  /** A random point around `centre`; keeps to the county and, when possible, to the township's own area. */
  function scatter(t: Township, centre: LL, minKm: number, maxKm: number, avoid: LL[], minSepKm: number): LL {
    for (let attempt = 0; attempt < 400; attempt++) {
      const strict = attempt < 250;
      const p = offset(centre, uniform(minKm, maxKm), uniform(0, 360));
      if (!inCounty(p, t.county)) continue;
      if (strict && nearestSeat(p, t.county) !== t) continue;
      if (avoid.some((q) => distKm(p, q) < (strict ? minSepKm : minSepKm / 2))) continue;
      return p;
    }
    // Cramped corner of the map: fall back to a point near the centre that stays in the county.
    for (let attempt = 0; attempt < 400; attempt++) {
      const p = offset(centre, uniform(0.2, minKm), uniform(0, 360));
      if (inCounty(p, t.county)) return p;
    }
    return centre;
  }

  // ---------------------------------------------------------------- townships

  // Satellite phones (Tiantong) and BeiDou short-message terminals already kept
  // at the township government (the 2027 Opinions, 工信部联信管〔2024〕256号,
  // 五、（十五）, ask disaster-prone townships to pre-position them). Assumption: only the five largest
  // townships hold them, two of each, so the doctrine still has townships to
  // equip; the other 18 depend on the public network or a delivery.
  const PREPOSITIONED: Record<string, { satPhones: number; beidou: number }> = {
    chuimatan: { satPhones: 2, beidou: 2 },
    dahejia: { satPhones: 2, beidou: 2 },
    guanting: { satPhones: 2, beidou: 2 },
    juji: { satPhones: 2, beidou: 2 },
    qiecang: { satPhones: 2, beidou: 2 },
  };
  for (const key of Object.keys(PREPOSITIONED)) town(key);
  const townshipFeatures = TOWNSHIPS.map((t) =>
    pointFeature<TownshipProps>(t.seat, townshipLayerProps(t, PREPOSITIONED[t.key], { code: COUNTY_CODE[t.county], nameZh: COUNTY_NAME[t.county] })),
  );

  // ---------------------------------------------------------------- population

  interface PopPoint {
    id: string;
    township: Township;
    at: LL;
    population: number;
  }
  const popPoints: PopPoint[] = [];
  const popByTown = new Map<string, PopPoint[]>();
  for (const t of TOWNSHIPS) {
    const n = t.key === 'chuimatan' ? 10 : Math.max(4, Math.min(10, Math.round(t.population / 2200)));
    const pts: LL[] = [];
    // Point 1 is the seat's own settlement; the others are villages 1.5–6 km out.
    pts.push(scatter(t, t.seat, 0.2, 0.7, [], 0));
    for (let i = 1; i < n; i++) pts.push(scatter(t, t.seat, 1.5, 6, pts, 1.0));
    const seatShare = t.key === 'chuimatan' ? 0.5 : t.town ? 0.3 : 0.18;
    const weights = pts.map((_, i) => (i === 0 ? seatShare * (n - 1) : uniform(0.5, 1.5) * (1 - seatShare)));
    const parts = apportion(t.population, weights);
    const list = pts.map((at, i) => ({ id: `p-${t.key}-${i + 1}`, township: t, at, population: parts[i] }));
    popByTown.set(t.key, list);
    popPoints.push(...list);
  }
  const populationFeatures = popPoints.map((p) =>
    pointFeature<PopulationPointProps>(p.at, { id: p.id, township: p.township.id, population: p.population }),
  );

  // ---------------------------------------------------------------- roads

  const roadNodes = new Map<string, LL>();
  function node(key: string, at: LL): void {
    roadNodes.set(key, rll(at));
  }
  for (const t of TOWNSHIPS) node(t.key, t.seat);
  node('linxia', [103.21, 35.6]);
  node('hanji', [103.07, 35.635]); // 韩集 (临夏县), where the county road leaves the Linxia road
  node('qingshui', [102.66, 35.835]); // 清水 (循化县), towards Xunhua along the Yellow River
  node('sipuzi', [102.86, 35.842]); // 四堡子, river terrace east of Dahejia
  node('bridge-s', [102.788, 35.8462]); // Dahejia–Guanting Yellow River bridge, south abutment
  node('bridge-n', [102.7912, 35.8502]); // north abutment
  node('minhe-north', [102.81, 36.03]); // towards Chuankou (民和县城) on the Guanting–Chuankou road
  node('yongjing', [103.06, 35.79]); // towards Yongjing along the river

  interface RoadEdge {
    from: string;
    to: string;
    roadClass: RoadClass;
    nameZh: string;
    terrain: 'flat' | 'hilly' | 'mountain';
    /** Short bridges inside the edge, as fractions of its length. */
    bridges?: number[];
    wholeBridge?: boolean;
    /** HAZUS bridge type of the edge's bridges (assumption except the Yellow River bridge). */
    bridgeClass?: RoadProps['bridgeClass'];
    /** Sideways wiggle of the alignment, km (valley roads wind). */
    wiggleKm?: number;
  }
  const G310 = 'G310（临夏—大河家段）';
  const ROAD_EDGES: RoadEdge[] = [
    { from: 'linxia', to: 'hanji', roadClass: 'national', nameZh: G310, terrain: 'hilly', wiggleKm: 0.8 },
    { from: 'hanji', to: 'qiecang', roadClass: 'national', nameZh: G310, terrain: 'hilly', wiggleKm: 0.6 },
    { from: 'qiecang', to: 'juji', roadClass: 'national', nameZh: G310, terrain: 'mountain', wiggleKm: 0.5, bridges: [0.55], bridgeClass: 'seismic' },
    { from: 'juji', to: 'chuimatan', roadClass: 'national', nameZh: G310, terrain: 'mountain', wiggleKm: 0.6 },
    { from: 'chuimatan', to: 'hulinjia', roadClass: 'national', nameZh: G310, terrain: 'mountain', wiggleKm: 0.4 },
    { from: 'hulinjia', to: 'liuji', roadClass: 'national', nameZh: G310, terrain: 'mountain', wiggleKm: 0.4 },
    { from: 'liuji', to: 'shiyuan', roadClass: 'national', nameZh: G310, terrain: 'mountain', wiggleKm: 0.4, bridges: [0.5], bridgeClass: 'conventional' },
    { from: 'shiyuan', to: 'dahejia', roadClass: 'national', nameZh: G310, terrain: 'mountain', wiggleKm: 0.3 },
    { from: 'dahejia', to: 'qingshui', roadClass: 'national', nameZh: 'G310（大河家—循化清水段，黄河峡谷）', terrain: 'mountain', wiggleKm: 0.5, bridges: [0.6], bridgeClass: 'seismic' },
    { from: 'dahejia', to: 'bridge-s', roadClass: 'national', nameZh: '大河家—官亭连接线', terrain: 'flat' },
    { from: 'bridge-s', to: 'bridge-n', roadClass: 'national', nameZh: '大河家黄河大桥', terrain: 'flat', wholeBridge: true, bridgeClass: 'conventional' },
    { from: 'bridge-n', to: 'guanting', roadClass: 'national', nameZh: '大河家—官亭连接线', terrain: 'flat', wiggleKm: 0.2 },
    // Qinghai side
    { from: 'guanting', to: 'zhongchuan', roadClass: 'provincial', nameZh: '官亭—中川公路（黄河北岸）', terrain: 'hilly', wiggleKm: 0.4 },
    { from: 'zhongchuan', to: 'xinger', roadClass: 'county', nameZh: '中川—杏儿公路', terrain: 'mountain', wiggleKm: 0.7, bridges: [0.45], bridgeClass: 'singleSpan' },
    { from: 'zhongchuan', to: 'gangou', roadClass: 'county', nameZh: '中川—甘沟公路', terrain: 'mountain', wiggleKm: 0.6 },
    { from: 'guanting', to: 'qianhe', roadClass: 'provincial', nameZh: '官亭—川口公路', terrain: 'hilly', wiggleKm: 0.5 },
    { from: 'qianhe', to: 'xiamen', roadClass: 'provincial', nameZh: '官亭—川口公路', terrain: 'mountain', wiggleKm: 0.7 },
    { from: 'xiamen', to: 'minhe-north', roadClass: 'provincial', nameZh: '官亭—川口公路', terrain: 'mountain', wiggleKm: 0.9 },
    // Jishishan county roads
    { from: 'chuimatan', to: 'liugou', roadClass: 'county', nameZh: '吹麻滩—柳沟公路', terrain: 'mountain', wiggleKm: 0.6, bridges: [0.3], bridgeClass: 'singleSpan' },
    { from: 'liugou', to: 'guanjiachuan', roadClass: 'county', nameZh: '柳沟—关家川公路', terrain: 'mountain', wiggleKm: 0.5 },
    { from: 'guanjiachuan', to: 'shiyuan', roadClass: 'county', nameZh: '关家川—石塬公路', terrain: 'mountain', wiggleKm: 0.8 },
    { from: 'liugou', to: 'zhaizigou', roadClass: 'county', nameZh: '柳沟—寨子沟公路', terrain: 'mountain', wiggleKm: 0.5 },
    { from: 'zhaizigou', to: 'xiaoguan', roadClass: 'county', nameZh: '寨子沟—小关公路', terrain: 'mountain', wiggleKm: 0.6 },
    { from: 'xiaoguan', to: 'guogan', roadClass: 'county', nameZh: '小关—郭干公路', terrain: 'mountain', wiggleKm: 0.6 },
    { from: 'guogan', to: 'xuhujia', roadClass: 'county', nameZh: '郭干—徐扈家公路', terrain: 'mountain', wiggleKm: 0.5 },
    { from: 'xuhujia', to: 'chuimatan', roadClass: 'county', nameZh: '徐扈家—吹麻滩公路', terrain: 'mountain', wiggleKm: 0.4 },
    { from: 'guogan', to: 'juji', roadClass: 'county', nameZh: '郭干—居集公路', terrain: 'mountain', wiggleKm: 0.5 },
    { from: 'chuimatan', to: 'anji', roadClass: 'county', nameZh: '吹麻滩—安集公路', terrain: 'mountain', wiggleKm: 0.5 },
    { from: 'anji', to: 'puchuan', roadClass: 'county', nameZh: '安集—铺川公路', terrain: 'mountain', wiggleKm: 0.6 },
    { from: 'puchuan', to: 'qiecang', roadClass: 'county', nameZh: '铺川—癿藏公路', terrain: 'mountain', wiggleKm: 0.7 },
    { from: 'anji', to: 'zhongzuiling', roadClass: 'county', nameZh: '安集—中咀岭公路', terrain: 'mountain', wiggleKm: 0.6 },
    { from: 'liuji', to: 'zhongzuiling', roadClass: 'county', nameZh: '刘集—中咀岭公路', terrain: 'mountain', wiggleKm: 0.6 },
    { from: 'zhongzuiling', to: 'yinchuan', roadClass: 'county', nameZh: '中咀岭—银川公路', terrain: 'mountain', wiggleKm: 0.5 },
    { from: 'dahejia', to: 'sipuzi', roadClass: 'county', nameZh: '沿黄公路（大河家—银川）', terrain: 'hilly', wiggleKm: 0.3 },
    { from: 'sipuzi', to: 'yinchuan', roadClass: 'county', nameZh: '沿黄公路（大河家—银川）', terrain: 'hilly', wiggleKm: 0.4, bridges: [0.5], bridgeClass: 'conventional' },
    { from: 'yinchuan', to: 'yongjing', roadClass: 'county', nameZh: '沿黄公路（银川—永靖方向）', terrain: 'mountain', wiggleKm: 0.5 },
  ];

  // Rural roads from each township seat to its outlying villages.
  for (const t of TOWNSHIPS) {
    const villages = (popByTown.get(t.key) ?? []).slice(1);
    const far = villages
      .map((v) => ({ v, d: distKm(v.at, t.seat) }))
      .sort((a, b) => b.d - a.d || (a.v.id < b.v.id ? -1 : 1))
      .slice(0, t.key === 'chuimatan' || t.population > 15000 ? 3 : 2);
    for (const { v } of far) {
      node(v.id, v.at);
      ROAD_EDGES.push({ from: t.key, to: v.id, roadClass: 'rural', nameZh: `${t.nameZh}通村公路`, terrain: 'mountain', wiggleKm: 0.35 });
    }
  }

  // Valley roads wind (a vertex every 1.5 km, at most 6 pieces); segments of 3–4 km by class, bridges 160 m.
  const roadSegments = drawRoads(
    PLANE,
    rng,
    roadNodes,
    ROAD_EDGES,
    { vertexEveryKm: 1.5, maxPieces: 6 },
    { maxSegmentKm: { expressway: 4, national: 3, provincial: 3.5, county: 3.5, rural: 4 }, bridgeKm: 0.16 },
  );
  const roadFeatures: Feature<RoadProps>[] = roadSegments.map((seg) => lineFeature<RoadProps>(seg.line, roadSegmentProps(seg, seg.edge.terrain, seg.edge.wholeBridge === true || seg.bridge)));
  /** The edge each road feature was cut from (which bank it runs on). */
  const roadEdgeOf: RoadEdge[] = roadSegments.map((seg) => seg.edge);
  // ---------------------------------------------------------------- power grid

  interface Substation {
    id: string;
    nameZh: string;
    at: LL;
    voltageKv: number;
    hazusClass: SubstationClass;
    /** The substation that feeds this one (assumed supply chain 35 ← 110 ← 330 ← 750 kV). */
    upstream?: string;
    county: County;
  }
  const SUBSTATIONS: Substation[] = [
    { id: 'ss-guanting-750', nameZh: '官亭750千伏变电站', at: [102.848, 35.874], voltageKv: 750, hazusClass: 'high-anchored', county: 'MH' },
    // The county's 330 kV supply point sits on the Linxia 330 kV network near Hanji (assumption): the event
    // tripped 330 kV lines but lost no 330 kV station, and a station in the VII–VIII zone would almost always
    // be lost under the HAZUS high-voltage curves, blacking out every substation downstream of it.
    { id: 'ss-jishishan-330', nameZh: '积石山供电330千伏变电站（临夏县韩集附近，位置为假设）', at: [103.07, 35.638], voltageKv: 330, hazusClass: 'high-anchored', upstream: 'ss-guanting-750', county: 'JSS' },
    { id: 'ss-chuimatan-110', nameZh: '吹麻滩110千伏变电站', at: [102.886, 35.711], voltageKv: 110, hazusClass: 'medium-anchored', upstream: 'ss-jishishan-330', county: 'JSS' },
    { id: 'ss-dahejia-110', nameZh: '大河家110千伏变电站', at: [102.787, 35.834], voltageKv: 110, hazusClass: 'medium-unanchored', upstream: 'ss-jishishan-330', county: 'JSS' },
    { id: 'ss-guanting-110', nameZh: '官亭110千伏变电站', at: [102.827, 35.864], voltageKv: 110, hazusClass: 'medium-anchored', upstream: 'ss-guanting-750', county: 'MH' },
    { id: 'ss-liugou-35', nameZh: '柳沟35千伏变电站', at: [102.806, 35.706], voltageKv: 35, hazusClass: 'low-unanchored', upstream: 'ss-chuimatan-110', county: 'JSS' },
    { id: 'ss-hulinjia-35', nameZh: '胡林家35千伏变电站', at: [102.846, 35.755], voltageKv: 35, hazusClass: 'low-unanchored', upstream: 'ss-chuimatan-110', county: 'JSS' },
    { id: 'ss-juji-35', nameZh: '居集35千伏变电站', at: [102.951, 35.697], voltageKv: 35, hazusClass: 'low-anchored', upstream: 'ss-chuimatan-110', county: 'JSS' },
    { id: 'ss-qiecang-35', nameZh: '癿藏35千伏变电站', at: [103.0, 35.662], voltageKv: 35, hazusClass: 'low-anchored', upstream: 'ss-chuimatan-110', county: 'JSS' },
    { id: 'ss-anji-35', nameZh: '安集35千伏变电站', at: [102.926, 35.749], voltageKv: 35, hazusClass: 'low-unanchored', upstream: 'ss-chuimatan-110', county: 'JSS' },
    { id: 'ss-yinchuan-35', nameZh: '银川35千伏变电站', at: [102.955, 35.826], voltageKv: 35, hazusClass: 'low-anchored', upstream: 'ss-dahejia-110', county: 'JSS' },
    { id: 'ss-xiaoguan-35', nameZh: '小关35千伏变电站', at: [102.864, 35.629], voltageKv: 35, hazusClass: 'low-anchored', upstream: 'ss-chuimatan-110', county: 'JSS' },
    { id: 'ss-zhongchuan-35', nameZh: '中川35千伏变电站', at: [102.766, 35.881], voltageKv: 35, hazusClass: 'low-unanchored', upstream: 'ss-guanting-110', county: 'MH' },
    { id: 'ss-qianhe-35', nameZh: '前河35千伏变电站', at: [102.866, 35.909], voltageKv: 35, hazusClass: 'low-anchored', upstream: 'ss-guanting-110', county: 'MH' },
    { id: 'ss-xiamen-35', nameZh: '峡门35千伏变电站', at: [102.804, 35.955], voltageKv: 35, hazusClass: 'low-unanchored', upstream: 'ss-guanting-110', county: 'MH' },
  ];
  const SUB = new Map(SUBSTATIONS.map((s) => [s.id, s]));

  // 10 kV feeders: [id, substation, township served, compass sector of that township's villages it runs to]
  const FEEDER_ROWS: [string, string, string, [number, number]][] = [
    ['f-chm-01', 'ss-chuimatan-110', 'chuimatan', [300, 60]],
    ['f-chm-02', 'ss-chuimatan-110', 'chuimatan', [120, 240]],
    ['f-chm-03', 'ss-chuimatan-110', 'xuhujia', [0, 360]],
    ['f-chm-04', 'ss-chuimatan-110', 'chuimatan', [45, 135]],
    ['f-dhj-01', 'ss-dahejia-110', 'dahejia', [180, 360]],
    ['f-dhj-02', 'ss-dahejia-110', 'shiyuan', [0, 360]],
    ['f-dhj-03', 'ss-dahejia-110', 'dahejia', [0, 180]],
    ['f-lg-01', 'ss-liugou-35', 'liugou', [0, 360]],
    ['f-lg-02', 'ss-liugou-35', 'guanjiachuan', [0, 360]],
    ['f-lg-03', 'ss-liugou-35', 'zhaizigou', [240, 90]],
    ['f-hlj-01', 'ss-hulinjia-35', 'hulinjia', [0, 360]],
    ['f-hlj-02', 'ss-hulinjia-35', 'liuji', [0, 360]],
    ['f-hlj-03', 'ss-hulinjia-35', 'chuimatan', [240, 300]],
    ['f-jj-01', 'ss-juji-35', 'juji', [0, 360]],
    ['f-jj-02', 'ss-juji-35', 'guogan', [0, 180]],
    ['f-qc-01', 'ss-qiecang-35', 'qiecang', [0, 360]],
    ['f-qc-02', 'ss-qiecang-35', 'puchuan', [0, 360]],
    ['f-aj-01', 'ss-anji-35', 'anji', [0, 360]],
    ['f-aj-02', 'ss-anji-35', 'zhongzuiling', [120, 300]],
    ['f-yc-01', 'ss-yinchuan-35', 'yinchuan', [0, 360]],
    ['f-yc-02', 'ss-yinchuan-35', 'zhongzuiling', [300, 120]],
    ['f-xg-01', 'ss-xiaoguan-35', 'xiaoguan', [0, 360]],
    ['f-xg-02', 'ss-xiaoguan-35', 'guogan', [180, 360]],
    ['f-xg-03', 'ss-xiaoguan-35', 'zhaizigou', [90, 240]],
    ['f-gt-01', 'ss-guanting-110', 'guanting', [180, 360]],
    ['f-gt-02', 'ss-guanting-110', 'guanting', [0, 180]],
    ['f-zc-01', 'ss-zhongchuan-35', 'zhongchuan', [0, 360]],
    ['f-zc-02', 'ss-zhongchuan-35', 'xinger', [0, 360]],
    ['f-zc-03', 'ss-zhongchuan-35', 'gangou', [90, 270]],
    ['f-qh-01', 'ss-qianhe-35', 'qianhe', [0, 360]],
    ['f-xm-01', 'ss-xiamen-35', 'xiamen', [0, 360]],
    ['f-xm-02', 'ss-xiamen-35', 'gangou', [270, 90]],
  ];
  interface Feeder {
    id: string;
    substation: Substation;
    county: County;
    line: LL[];
  }
  const feeders: Feeder[] = FEEDER_ROWS.map(([id, subId, townKey, sector]) => {
    const sub = SUB.get(subId);
    if (!sub) throw new Error(`feeder ${id}: unknown substation ${subId}`);
    const t = town(townKey);
    const line: LL[] = [sub.at];
    // A feeder serving a whole township runs through its seat; one serving a
    // sector of a township goes straight out to that sector's villages.
    const wholeTownship = sector[0] === 0 && sector[1] === 360;
    if (wholeTownship && distKm(sub.at, t.seat) > 0.3) line.push(t.seat);
    // Chain outward through the villages in the feeder's sector, nearest first.
    chainThroughVillages(PLANE, line, (popByTown.get(t.key) ?? []).slice(1).filter((v) => inBearing(bearing(t.seat, v.at), sector)));
    if (line.length < 3) {
      const mid = sector[0] <= sector[1] ? (sector[0] + sector[1]) / 2 : ((sector[0] + sector[1] + 360) / 2) % 360;
      line.push(offset(t.seat, 2.5, mid));
    }
    const rounded = line.map(rll);
    const distinct = rounded.filter((p, i) => i === 0 || p[0] !== rounded[i - 1][0] || p[1] !== rounded[i - 1][1]);
    return { id, substation: sub, county: sub.county, line: distinct };
  });
  /** Sites and villages take power from the nearest feeder in their own province. */
  const feedersIn: Record<County, Feeder[]> = { JSS: feeders.filter((f) => f.county === 'JSS'), MH: feeders.filter((f) => f.county === 'MH') };
  const feederOf = (p: LL, county: County): Feeder => nearestFeeder(PLANE, feedersIn[county], p);
  // Electricity customers (households and small businesses). 59,832 customers
  // lost power in the event, so the mapped area carries somewhat more: 75,000
  // over 313,400 people, about 4.2 people per customer (rural households in
  // Linxia and Haidong are large). Split over the 110 and 35 kV substations by
  // the people their 10 kV feeders reach: each village goes to the nearest
  // feeder in its own province, as the sites do.
  const TOTAL_CUSTOMERS = 75_000;
  const servingSubs = SUBSTATIONS.filter((s) => feeders.some((f) => f.substation === s));
  const customersOf = customersBySubstation(TOTAL_CUSTOMERS, servingSubs, popPoints.map((p) => ({ substation: feederOf(p.at, p.township.county).substation.id, people: p.population })));
  const substationFeatures = SUBSTATIONS.map((s) => pointFeature<SubstationProps>(s.at, substationLayerProps(s, customersOf.get(s.id))));
  const feederFeatures = feeders.map((f) => lineFeature<FeederProps>(f.line, { id: f.id, substation: f.substation.id, voltageKv: 10 }));

  // ---------------------------------------------------------------- cell sites

  const SITES_PER_COUNTY: Record<County, number> = { JSS: 200, MH: 60 };
  const siteCounts = new Map((['JSS', 'MH'] as County[]).flatMap((county) => [...sitesPerTownship(SITES_PER_COUNTY[county], TOWNSHIPS.filter((t) => t.county === county), 5)]));
  const SUPER_SITES = new Set(['chuimatan', 'dahejia', 'guanting']);
  const URBAN_KM = 2.0; // within this of the county seat: urban

  function environmentAt(p: LL, t: Township): 'urban' | 'suburban' | 'rural' {
    if (distKm(p, town('chuimatan').seat) <= URBAN_KM) return 'urban';
    const r = t.town ? 1.5 : 0.8;
    if (distKm(p, t.seat) <= r) return 'suburban';
    return 'rural';
  }
  /** Radio backhaul of macro sites (assumption): rural 22 % microwave, suburban 5 %. */
  const MACRO_BACKHAUL: Partial<Record<'urban' | 'suburban' | 'rural', BackhaulDraw>> = { suburban: { microwaveBelow: 0.05 }, rural: { microwaveBelow: 0.22 } };

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
    const nearbyRoad = roadVertices.filter((v) => v.cls !== 'rural' && inCounty(v.p, t.county) && nearestSeat(v.p, t.county) === t && distKm(v.p, t.seat) < 7);
    const isSeat = t.key === 'chuimatan';
    const own: LL[] = [];
    const mine = placeTownshipSites(
      rng,
      n,
      {
        seat: t.seat,
        superSite: SUPER_SITES.has(t.key),
        small: { count: isSeat ? 5 : 0, ring: { minKm: 0.1, maxKm: 1.1, sepKm: 0.15 } },
        centre: { count: isSeat ? 8 : t.town ? 3 : t.population > 11000 ? 2 : 1, ring: { minKm: 0.3, maxKm: isSeat ? 1.9 : 1.3, sepKm: 0.45 } },
        road: { share: 0.25, points: nearbyRoad.map((v) => v.p), ring: { minKm: 0.1, maxKm: 0.4, sepKm: 0.8 } },
        villages,
        village: { minKm: 0.25, maxKm: 1.5, sepKm: 0.8 },
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
  sites.forEach((s, i) => {
    const prefix = s.township.county === 'JSS' ? 'jss' : 'mh';
    s.id = `s-${prefix}-${String(i + 1).padStart(3, '0')}`;
    s.props.id = s.id;
  });
  // ---------------------------------------------------------------- backhaul tree

  // Synthetic transmission: the Jishishan core (county equipment room) sits in
  // the county seat, the Minhe side's at Chuankou, off the map. Core sites
  // connect straight to the core: the county-seat super site in Jishishan; the
  // Guanting super site for the Minhe townships, its fibre running up the
  // Guanting–Chuankou road. Each other
  // township has one or two aggregation sites (the fibre sites nearest its seat)
  // that hang off the nearest core site; every other site hangs off the nearest
  // aggregation site of its own township. Fibre follows the roads: fibreRoads is
  // the shortest road path between the two sites' nearest segments.

  const roads = roadGraph(
    roadFeatures.map((f) => ({ id: f.properties.id, line: f.geometry.coordinates as LL[] })),
    PLANE,
    (p) => `${p[0]},${p[1]}`,
  );

  const siteById = new Map(sites.map((s) => [s.id, s]));
  /** Fibre macro or super sites of a township, nearest its seat first. */
  const hubsOf = (t: Township): Site[] => fibreHubs(PLANE, sites, t, t.seat);

  // Core sites: straight to the core, no aggregation. Township hubs prefer a super site, then the fibre site nearest the seat.
  // Only super sites are core: a core site without a generator would take half the county with it when its battery ran out.
  const JSS_CORE: Site[] = [hubsOf(town('chuimatan')).find((s) => s.props.siteClass === 'super') as Site];
  const MH_CORE: Site[] = [hubsOf(town('guanting')).find((s) => s.props.siteClass === 'super') as Site];
  if (JSS_CORE.some((s) => !s) || MH_CORE.some((s) => !s)) throw new Error('core sites not found');
  const coreIds = new Set([...JSS_CORE, ...MH_CORE].map((s) => s.id));

  const aggregationOf = new Map<string, string>(); // site id → aggregation site id
  const townshipAggregation = new Map<string, Site[]>();
  for (const t of TOWNSHIPS) {
    const core = t.county === 'JSS' ? JSS_CORE : MH_CORE;
    let aggs: Site[];
    if (t.key === 'chuimatan' || t.key === 'guanting') {
      aggs = core.filter((s) => s.township === t);
    } else {
      // A super site (Dahejia) is its township's natural hub: satellite switchover, big batteries.
      const hubs = hubsOf(t).sort((a, b) => Number(b.props.siteClass === 'super') - Number(a.props.siteClass === 'super'));
      if (hubs.length === 0) throw new Error(`township ${t.key} has no fibre site to aggregate on`);
      aggs = [hubs[0]];
      // Towns with many sites get a second aggregation site away from the first.
      const second = hubs.find((s) => s !== hubs[0] && distKm(s.at, hubs[0].at) >= 1.0);
      if (t.town && (siteCounts.get(t.key) ?? 0) >= 12 && second) aggs.push(second);
      for (const a of aggs) aggregationOf.set(a.id, closestSite(PLANE, core, a.at).id);
    }
    townshipAggregation.set(t.key, aggs);
    hangOffAggregation(PLANE, aggregationOf, sites, t, aggs, coreIds);
  }
  // Minhe's core is at Chuankou, off the map: the Guanting super site's fibre runs up the Guanting–Chuankou road.
  const MINHE_EXIT = roadNodes.get('minhe-north') as LL;
  const { roadsOf: fibreRoadsOf, km: fibreKm } = routeFibres(
    roads,
    sites.filter((s) => s.props.backhaul === 'fibre'),
    (s) => {
      const aggId = aggregationOf.get(s.id);
      // Jishishan core sites sit at the core (null): no route.
      return aggId ? (siteById.get(aggId) as Site).at : s.township.county === 'MH' ? MINHE_EXIT : null;
    },
  );
  const aggregationSiteIds = [...townshipAggregation.values()].flat().filter((s) => !coreIds.has(s.id)).map((s) => s.id);
  const backhaulStats = backhaulSummary(coreIds, aggregationSiteIds, sites.map((s) => s.id), aggregationOf, fibreKm);

  // Aggregation hardening: transmission / convergence sites (汇聚机房) in real
  // networks carry larger battery banks and often a fixed generator, because a
  // whole township's sites hang off them. Assumption: each township aggregation
  // site gets at least 40 kWh plus 10 kWh per extra operator on it (40–60 kWh),
  // and a fixed generator with 24 h of fuel in a town (镇), 12 h in a township
  // (乡). Super sites keep their own larger figures. No random draws, so every
  // other layer is unchanged.
  // (The figures are AGGREGATION_HARDENING in the kit.)
  const aggregationHardening = hardenAggregationSites(backhaulStats.aggregationSites.map((id) => siteById.get(id) as Site));
  const hardenedOf = new Map(aggregationHardening.map((h) => [h.id, h.after]));
  const siteFeatures = sites.map((s) => pointFeature<SiteProps>(s.at, siteLayerProps(s.props, feederOf(s.at, s.township.county).id, { aggregationOf, fibreRoadsOf }, hardenedOf.get(s.id))));

  // ---------------------------------------------------------------- points of interest

  const SEAT = town('chuimatan').seat;
  const BASES: [string, string, string, LL][] = [
    ['b-cmcc-jss', '中国移动积石山县分公司', 'cmcc', offset(SEAT, 0.35, 20)],
    ['b-cucc-jss', '中国联通积石山县分公司', 'cucc', offset(SEAT, 0.45, 80)],
    ['b-ctcc-jss', '中国电信积石山县分公司', 'ctcc', offset(SEAT, 0.3, 140)],
    ['b-tower-jss', '中国铁塔积石山县办事处', 'tower', offset(SEAT, 0.55, 200)],
    ['b-power-jss', '国网积石山县供电公司', 'power', offset(SEAT, 0.6, 110)],
    ['b-fire-jss', '积石山县消防救援大队', 'fire', offset(SEAT, 0.7, 300)],
    ['b-transport-jss', '积石山县交通运输局（公路段）', 'transport', offset(SEAT, 0.5, 250)],
    ['b-emhq-jss', '积石山县应急管理局（抗震救灾指挥部）', 'emhq', offset(SEAT, 0.2, 330)],
    ['b-linxia', '临夏州（州级通信、电力、消防、交通力量集结点）', 'outside', [103.21, 35.6]],
    ['b-lanzhou', '兰州（省级通信保障、电力、消防救援力量）', 'outside', [103.83, 36.06]],
    ['b-minhe', '民和县城川口镇（青海侧力量）', 'outside', [102.8, 36.33]],
    // Where the Guanting–Chuankou road leaves the map: Qinghai forces from Chuankou and Xining enter here.
    ['b-minhe-gate', '官亭—川口公路图幅北口（青海侧力量进入点）', 'staging', roadNodes.get('minhe-north') as LL],
  ];
  const baseFeatures = poiFeatures(BASES);

  const LANDING_ZONES: [string, string, LL][] = [
    ['lz-chuimatan', '积石山县城体育场', offset(SEAT, 0.6, 230)],
    ['lz-dahejia', '大河家镇学校操场', offset(town('dahejia').seat, 0.4, 150)],
    ['lz-juji', '居集镇河滩空地', offset(town('juji').seat, 0.5, 200)],
    ['lz-liuji', '刘集乡平坦农田', offset(town('liuji').seat, 0.6, 60)],
    ['lz-guanting', '官亭镇广场（青海）', offset(town('guanting').seat, 0.4, 20)],
    // Added with the helicopter: the four township seats more than 10 km (the airlift's
    // farthest walk) from every landing zone above. Assumed flat ground near each seat.
    ['lz-xinger', '杏儿乡平坦打麦场（青海，假设）', offset(town('xinger').seat, 0.4, 120)],
    ['lz-gangou', '甘沟乡学校操场（青海，假设）', offset(town('gangou').seat, 0.4, 200)],
    ['lz-xiamen', '峡门镇河滩空地（青海，假设）', offset(town('xiamen').seat, 0.5, 160)],
    ['lz-yinchuan', '银川乡沿黄平地（假设）', offset(town('yinchuan').seat, 0.5, 250)],
  ];
  const lzFeatures = poiFeaturesOfKind(LANDING_ZONES, 'helicopter-landing-zone');

  const SHELTERS: [string, string, LL][] = [
    ['sh-chuimatan-square', '县城广场集中安置点', offset(SEAT, 0.25, 170)],
    ['sh-chuimatan-school', '积石山县中学操场安置点', offset(SEAT, 0.9, 40)],
    ['sh-dahejia', '大河家镇集中安置点', offset(town('dahejia').seat, 0.5, 210)],
    ['sh-liuji', '刘集乡集中安置点', offset(town('liuji').seat, 0.3, 180)],
    ['sh-shiyuan', '石塬镇集中安置点', offset(town('shiyuan').seat, 0.35, 120)],
    ['sh-liugou', '柳沟乡集中安置点', offset(town('liugou').seat, 0.3, 90)],
    ['sh-guanting', '官亭镇集中安置点（青海）', offset(town('guanting').seat, 0.35, 300)],
    ['sh-zhongchuan', '中川乡集中安置点（青海）', offset(town('zhongchuan').seat, 0.4, 30)],
  ];
  const shelterFeatures = poiFeaturesOfKind(SHELTERS, 'shelter');

  // ---------------------------------------------------------------- intensity

  // Official map (published T+3 d): VI-zone axes 124 × 85 km, long axis NNW.
  // Nested ellipses with that axis ratio, sized to the published areas.
  const STRIKE_DEG = 330;
  const AXIS_RATIO = 124 / 85;
  const ISO_AREAS: [number, number][] = [
    [6, 8364], // VI and above, as published; the VI ellipse uses the published axes instead (see below)
    [7, 1845], // VII + VIII
    [8, 331],
  ];
  // The VIII zone named on the official map runs from Zhaizigou (south of the
  // epicentre) across the Yellow River to Guanting, Zhongchuan, Gangou and
  // Xing'er: the macroseismic centre lies north of the instrumental epicentre.
  const ISO_CENTRE: LL = fromKm([0, 7]);
  const isoAxes = axesFromAreas(ISO_AREAS, AXIS_RATIO, { 6: { a: 62, b: 42.5 } });
  const isoMap = isoseismalMap(PLANE, ISO_CENTRE, STRIKE_DEG, isoAxes);
  const isoseismalFeatures = isoMap.features();
  const U = isoMap.along;
  const V = isoMap.across;
  /** In the ellipse of semi-axes a, b along and across strike about `centreKm` (the GB 18306 fit below works in km). */
  function insideEllipse(x: number, y: number, centreKm: [number, number], a: number, b: number): boolean {
    const dx = x - centreKm[0];
    const dy = y - centreKm[1];
    const u = dx * U[0] + dy * U[1];
    const v = dx * V[0] + dy * V[1];
    return (u * u) / (a * a) + (v * v) / (b * b) <= 1;
  }
  const isoMembership = TOWNSHIPS.map((t) => ({ township: t.id, intensityAtSeat: isoMap.intensityAt(t.seat, 0) }));

  // GB 18306-2015 Qinghai-Tibet relation, R(I) = 10^((I − A − B·Ms)/C) − R0 on each axis: the engine's own
  // radii from its coefficient table, so this fit and the engine's intensity field cannot drift apart.
  const MS = 6.2;
  const gbAxesOf = new Map<number, [number, number]>(); // the area fit below asks for the same few degrees millions of times
  const gbAxes = (I: number): [number, number] => {
    let axes = gbAxesOf.get(I);
    if (!axes) gbAxesOf.set(I, (axes = [radiusKm('qinghai-tibet', 'long', MS, I), radiusKm('qinghai-tibet', 'short', MS, I)]));
    return axes;
  };

  // Loess amplification (+1 degree): the loess ridges and Yellow River terraces
  // on the north-east side of the Jishishan range front. Modelled as the part of
  // a blob on the NE side of a line along strike just NE of the epicentre; its
  // radius is fitted so GB 18306 + amplification gives the published VI+ area.
  const LOESS_OFFSET_KM = 1.0;
  const loessNoise = Array.from({ length: 37 }, () => uniform(-0.07, 0.07));
  function loessPolygonKm(rKm: number): [number, number][] {
    const a0 = Math.asin(LOESS_OFFSET_KM / rKm);
    const pts: [number, number][] = [];
    const n = 36;
    for (let i = 0; i <= n; i++) {
      const alpha = a0 + ((Math.PI - 2 * a0) * i) / n;
      const r = i === 0 || i === n ? rKm : rKm * (1 + loessNoise[i]);
      const cu = r * Math.cos(alpha);
      const sv = r * Math.sin(alpha);
      pts.push([cu * U[0] + sv * V[0], cu * U[1] + sv * V[1]]);
    }
    return pts;
  }
  function areasWithLoess(poly: [number, number][] | null): { vi: number; vii: number; viii: number } {
    const step = 0.5;
    const [a5] = gbAxes(5);
    let vi = 0;
    let vii = 0;
    let viii = 0;
    const ext = Math.ceil(a5 + 2);
    for (let x = -ext; x <= ext; x += step) {
      for (let y = -ext; y <= ext; y += step) {
        const amp = poly !== null && pointInPolygon([x, y], poly) ? 1 : 0;
        const level = (I: number): boolean => {
          const [a, b] = gbAxes(I - amp);
          return a > 0 && b > 0 && insideEllipse(x, y, [0, 0], a, b);
        };
        if (level(6)) vi++;
        if (level(7)) vii++;
        if (level(8)) viii++;
      }
    }
    return { vi: vi * step * step, vii: vii * step * step, viii: viii * step * step };
  }
  const gbOnly = areasWithLoess(null);
  let lo = 10;
  let hi = 120;
  for (let it = 0; it < 18; it++) {
    const mid = (lo + hi) / 2;
    if (areasWithLoess(loessPolygonKm(mid)).vi < 8364) lo = mid;
    else hi = mid;
  }
  const LOESS_R_KM = Math.round(((lo + hi) / 2) * 10) / 10;
  const loessKm = loessPolygonKm(LOESS_R_KM);
  const withLoess = areasWithLoess(loessKm);
  const ampFeatures = [
    polygonFeature(closeRing(loessKm.map((xy) => fromKm(xy))), {
      id: 'amp-loess-ne',
      deltaIntensity: 1.0,
      soil: 'loess',
      nameZh: '积石山东北麓黄土梁峁及黄河阶地（假设范围）',
    }),
  ];

  // ---------------------------------------------------------------- ground failure

  // The Caotan/Jintian flowslide (中川乡金田村、草滩村), Zhongchuan township,
  // Minhe: saturated loess liquefied in the shaking and flowed about 3 km down a
  // gully towards the Yellow River, burying houses under 2.5–3 m of mud; 20
  // people were missing. Published: source ≈ 110,000 m², run-out ≈ 3 km, deposit
  // 2.5–3 m. The outline here is drawn to those figures along a north–south
  // gully west of the Zhongchuan seat (position approximate, from published
  // descriptions): a source lobe of about 0.11 km², a 120–160 m wide channel and
  // a deposit fan on the terrace, where the generated village p-zhongchuan-4
  // stands for Jintian/Caotan and site s-mh-220 for the village's tower.
  const FLOWSLIDE_AXIS: LL[] = [
    [102.739, 35.889], // source lobe, on the loess platform
    [102.73731, 35.88067],
    [102.737, 35.872],
    [102.73625, 35.86475],
    [102.736, 35.862], // toe of the deposit fan
  ];
  /** Half-width (km) against distance down the axis (km): source lobe, channel, deposit fan. */
  const FLOWSLIDE_HALF_WIDTH: [number, number][] = [
    [0, 0.08],
    [0.1, 0.135],
    [0.3, 0.125],
    [0.45, 0.075],
    [0.6, 0.06],
    [1.6, 0.07],
    [2.1, 0.1],
    [2.5, 0.24],
    [2.8, 0.27],
    [3.05, 0.18],
  ];
  const FLOWSLIDE_SOURCE_KM = 0.45; // the source lobe ends here down the axis
  const flowslide = (() => {
    const axisKm = FLOWSLIDE_AXIS.map((p) => toKm(p));
    const cum = [0];
    for (let i = 1; i < axisKm.length; i++) cum.push(cum[i - 1] + Math.hypot(axisKm[i][0] - axisKm[i - 1][0], axisKm[i][1] - axisKm[i - 1][1]));
    const L = cum[cum.length - 1];
    const at = (s: number): { p: [number, number]; t: [number, number] } => {
      let i = 1;
      while (i < cum.length - 1 && s > cum[i]) i++;
      const [ax, ay] = axisKm[i - 1];
      const [bx, by] = axisKm[i];
      const len = cum[i] - cum[i - 1];
      const f = Math.max(0, Math.min(1, (s - cum[i - 1]) / len));
      return { p: [ax + f * (bx - ax), ay + f * (by - ay)], t: [(bx - ax) / len, (by - ay) / len] };
    };
    const left: [number, number][] = [];
    const right: [number, number][] = [];
    const steps = Math.round(L / 0.05);
    for (let k = 0; k <= steps; k++) {
      const s = (L * k) / steps;
      const { p, t } = at(s);
      const w = lerpTable(FLOWSLIDE_HALF_WIDTH, s);
      left.push([p[0] - t[1] * w, p[1] + t[0] * w]);
      right.push([p[0] + t[1] * w, p[1] - t[0] * w]);
    }
    // Round caps at the head and the toe.
    const cap = (s: number, sign: 1 | -1): [number, number][] => {
      const { p, t } = at(s);
      const w = lerpTable(FLOWSLIDE_HALF_WIDTH, s);
      const pts: [number, number][] = [];
      for (let k = 1; k < 8; k++) {
        const a = (Math.PI * k) / 8;
        // from the right side round the end to the left side (sign −1: head, behind the start)
        const along = Math.sin(a) * w * sign;
        const across = Math.cos(a) * w;
        pts.push([p[0] + t[0] * along + t[1] * across, p[1] + t[1] * along - t[0] * across]);
      }
      return pts;
    };
    const ringKm: [number, number][] = [...left, ...cap(L, 1).reverse(), ...right.slice().reverse(), ...cap(0, -1)];
    const ring = closeRing(ringKm.map((xy) => fromKm(xy)));
    const polyKm = ring.map((p) => toKm(p));
    // Source area: the polygon part up the axis from FLOWSLIDE_SOURCE_KM, by grid count at 10 m.
    let sourceCells = 0;
    const s0 = at(FLOWSLIDE_SOURCE_KM);
    for (let x = -0.4; x <= 0.4; x += 0.01) {
      for (let y = -0.4; y <= 0.4; y += 0.01) {
        const px = axisKm[0][0] + x;
        const py = axisKm[0][1] + y;
        const ahead = (px - s0.p[0]) * s0.t[0] + (py - s0.p[1]) * s0.t[1];
        if (ahead < 0 && pointInPolygon([px, py], polyKm)) sourceCells++;
      }
    }
    return { ring, polyKm, runOutKm: L, areaKm2: Math.abs(ringAreaSigned(polyKm)), sourceM2: Math.round(sourceCells * 100) };
  })();
  const insideFlowslide = (p: LL): boolean => pointInPolygon(toKm(p), flowslide.polyKm);
  // A road crossing the flowslide between two of its vertices gets a vertex where
  // it enters the deposit, on the line, so point-based checks see the cut road.
  // Done after the sites are placed, which read the road vertices.
  const flowslideRoads: string[] = [];
  for (const f of roadFeatures) {
    const line = f.geometry.coordinates as LL[];
    if (line.some(insideFlowslide)) {
      flowslideRoads.push(f.properties.id);
      continue;
    }
    for (let i = 1; i < line.length; i++) {
      let added: LL | null = null;
      for (let k = 1; k < 40 && !added; k++) {
        const q = rll([line[i - 1][0] + ((line[i][0] - line[i - 1][0]) * k) / 40, line[i - 1][1] + ((line[i][1] - line[i - 1][1]) * k) / 40]);
        if (insideFlowslide(q)) added = q;
      }
      if (added) {
        line.splice(i, 0, added);
        flowslideRoads.push(f.properties.id);
        break;
      }
    }
  }
  const groundFailureFeatures = [
    polygonFeature(flowslide.ring, {
      id: 'gf-zhongchuan-flowslide',
      kind: 'flowslide',
      nameZh: '中川乡金田村、草滩村泥流',
      sourceAreaM2: flowslide.sourceM2,
      runOutKm: round1(flowslide.runOutKm),
      depositDepthM: '2.5–3',
    }),
  ];
  const groundFailureCheck = {
    areaKm2: Math.round(flowslide.areaKm2 * 100) / 100,
    sourceAreaM2: flowslide.sourceM2,
    runOutKm: round1(flowslide.runOutKm),
    sites: sites.filter((s) => insideFlowslide(s.at)).map((s) => s.id),
    population: popPoints.filter((p) => insideFlowslide(p.at)).map((p) => ({ id: p.id, population: p.population })),
    substations: SUBSTATIONS.filter((s) => insideFlowslide(s.at)).map((s) => s.id),
    roads: flowslideRoads,
  };
  if (!groundFailureCheck.sites.some((id) => siteById.get(id)?.township.key === 'zhongchuan')) throw new Error('the flowslide must contain a Zhongchuan site');
  if (!popPoints.some((p) => p.township.key === 'zhongchuan' && p.id !== 'p-zhongchuan-1' && insideFlowslide(p.at))) throw new Error('the flowslide must contain a Zhongchuan village');

  // ---------------------------------------------------------------- response forces

  // Sized to the real response (official figures as reported by news media): one operator's first crew on
  // site T+0.5 h; 890+ people, 217 vehicles, 422 generators and 32 satellite
  // phones from the telecom sector across Gansu and Qinghai by T+14 h (88 + 30
  // affected townships in 13 counties, of which this map holds 23 of the worst
  // hit); fire and rescue's first rescues T+1.2 h and 1,440 national fire
  // rescuers sent by about T+4 h; the Wing Loong-2H from a distant airfield.
  // Teams are units, not people: crew sizes, loadouts and delays are
  // assumptions (metadata.sources "resources.teams"). County and city teams are
  // active at T0; provincial, national and cross-provincial teams wait for the
  // headquarters to activate them. Lanzhou and Chuankou are off the road
  // network, so teams from there start at the Linxia base or the Minhe gate and
  // make the rest of the way as a long haul (`origin`).
  const LANZHOU: LL = [103.83, 36.06];
  const CHUANKOU: LL = [102.8, 36.33];
  const XINING: LL = [101.78, 36.62];
  const XIAN: LL = [108.94, 34.34];
  /** Long-haul speed over the straight line: Lanzhou–Linxia ≈ 76 km straight, ≈ 150 km by expressway in about 2 h. */
  const HAUL_KMH_NEAR = 40;

  const OP_NAME: Record<'cmcc' | 'cucc' | 'ctcc' | 'tower', string> = { cmcc: '中国移动', cucc: '中国联通', ctcc: '中国电信', tower: '中国铁塔' };
  const teams: TeamDoc[] = [];
  // County crews at the county seat: CMCC 5, CUCC 3, CTCC 4 (per-operator share of sites), China Tower 2.
  const COUNTY_CREWS: ['cmcc' | 'cucc' | 'ctcc' | 'tower', number[], number[]][] = [
    // org, generators per crew, activation delay per crew (s)
    ['cmcc', [6, 5, 5, 4, 4], [1200, 1200, 1500, 1800, 1800]],
    ['cucc', [4, 4, 3], [1200, 1500, 1800]],
    ['ctcc', [5, 4, 4, 3], [1200, 1500, 1800, 1800]],
    ['tower', [6, 6], [1500, 1800]],
  ];
  for (const [org, gens, delays] of COUNTY_CREWS) {
    gens.forEach((generators, i) =>
      teams.push({
        id: `tm-${org}-jss-${i + 1}`,
        nameZh: `${OP_NAME[org]}积石山县分公司抢修${i + 1}队`,
        org,
        level: 'county',
        kind: 'operatorCrew',
        base: `b-${org}-jss`,
        activationDelaySec: delays[i],
        activeAtStart: true,
        crew: org === 'tower' ? 4 : 5,
        modes: ['road', 'foot'],
        loadout: { generators, fuelHours: 8, spares: org === 'tower' ? 1 : 2, vsat: i === 0 && org !== 'tower' ? 1 : 0 },
      }),
    );
  }
  // Linxia prefecture (city-level) crews, on the road an hour after the shock.
  for (const [org, n] of [['cmcc', 2], ['cucc', 1], ['ctcc', 1], ['tower', 1]] as ['cmcc' | 'cucc' | 'ctcc' | 'tower', number][]) {
    for (let i = 0; i < n; i++) {
      teams.push({
        id: `tm-${org}-linxia-${i + 1}`,
        nameZh: `${OP_NAME[org]}临夏州分公司应急抢修${i + 1}队`,
        org,
        level: 'city',
        kind: 'operatorCrew',
        base: 'b-linxia',
        activationDelaySec: 3600,
        activeAtStart: true,
        crew: 6,
        modes: ['road', 'foot'],
        loadout: { generators: 6, fuelHours: 8, spares: org === 'tower' ? 1 : 3, vsat: org === 'tower' ? 0 : 1 },
      });
    }
  }
  // Minhe county (Qinghai) crews from Chuankou, entering at the Minhe gate.
  for (const org of ['cmcc', 'cucc', 'ctcc'] as const) {
    teams.push({
      id: `tm-${org}-minhe-1`,
      nameZh: `${OP_NAME[org]}民和县分公司抢修队（青海）`,
      org,
      level: 'county',
      kind: 'operatorCrew',
      base: 'b-minhe-gate',
      origin: CHUANKOU,
      longHaulKmh: HAUL_KMH_NEAR,
      activationDelaySec: 1800,
      activeAtStart: true,
      crew: 5,
      modes: ['road', 'foot'],
      loadout: { generators: 4, fuelHours: 8, spares: 2 },
    });
  }
  // The crews above are fielded as vehicles, four per crew: two at the crew's activation delay and a second
  // wave of two an hour later (staff called in), each wave with the crew's loadout (vehicleUnits: a team in
  // the twin does one task at a time, and the response worked as vehicles, 890+ people in 217). This map
  // holds about 118 of the 314 stations that failed (its median over seeds 1–20), so its share of the
  // response is about 38 %: some 80 vehicles and 340 people (metadata.forcesCheck). The first unit keeps the
  // crew's id.
  const VEHICLES_PER_WAVE = 2;
  /** Each vehicle unit's crew and unit number, for its English name below. */
  const vehicleOf = new Map<string, { crewId: string; unit: number }>();
  for (const crew of teams.splice(0)) {
    const units = [
      ...vehicleUnits(crew, VEHICLES_PER_WAVE),
      ...vehicleUnits({ ...crew, activationDelaySec: (crew.activationDelaySec ?? 0) + 3600 }, VEHICLES_PER_WAVE, VEHICLES_PER_WAVE),
    ];
    units.forEach((u, unit) => vehicleOf.set(u.id, { crewId: crew.id, unit }));
    teams.push(...units);
  }
  // Provincial emergency-communication teams (Gansu from Lanzhou, Qinghai CMCC from Xining): activated by the HQ.
  const PROVINCIAL_COMMS: [string, string, TeamDoc['org'], LL, string, number, TeamDoc['loadout']][] = [
    ['tm-emhq-gansu-comms', '甘肃省应急管理厅应急通信保障队', 'emhq', LANZHOU, 'b-linxia', 12,
      { commsVehicles: 2, portableBaseStations: 4, vsat: 2, satPhones: 10, beidou: 10, tetheredUavs: 1, generators: 2, fuelHours: 8 }],
    ['tm-cmcc-gansu-em', '中国移动甘肃公司应急通信保障队', 'cmcc', LANZHOU, 'b-linxia', 12,
      { commsVehicles: 2, portableBaseStations: 3, vsat: 2, satPhones: 6, beidou: 4, tetheredUavs: 1, generators: 4, fuelHours: 8, spares: 4 }],
    ['tm-cucc-gansu-em', '中国联通甘肃公司应急通信保障队', 'cucc', LANZHOU, 'b-linxia', 10,
      { commsVehicles: 1, portableBaseStations: 2, vsat: 2, satPhones: 4, beidou: 4, tetheredUavs: 1, generators: 4, fuelHours: 8, spares: 3 }],
    ['tm-ctcc-gansu-em', '中国电信甘肃公司应急通信保障队', 'ctcc', LANZHOU, 'b-linxia', 10,
      { commsVehicles: 1, portableBaseStations: 2, vsat: 2, satPhones: 4, beidou: 4, tetheredUavs: 1, generators: 4, fuelHours: 8, spares: 3 }],
    ['tm-cmcc-qinghai-em', '中国移动青海公司应急通信保障队', 'cmcc', XINING, 'b-minhe-gate', 10,
      { commsVehicles: 1, portableBaseStations: 2, vsat: 2, satPhones: 4, beidou: 4, tetheredUavs: 1, generators: 4, fuelHours: 8, spares: 3 }],
  ];
  for (const [id, nameZh, org, origin, base, crew, loadout] of PROVINCIAL_COMMS) {
    teams.push({ id, nameZh, org, level: 'provincial', kind: 'commsTeam', base, origin, longHaulKmh: HAUL_KMH_NEAR, activationDelaySec: 3600, activeAtStart: false, crew, modes: ['highClearance', 'foot'], loadout });
  }
  // One cross-regional national team, from Xi'an, entering at Linxia.
  teams.push({
    id: 'tm-emhq-national-xian',
    nameZh: '国家应急通信保障队（西安，跨区域增援）',
    org: 'emhq',
    level: 'national',
    kind: 'commsTeam',
    base: 'b-linxia',
    origin: XIAN,
    longHaulKmh: 60,
    activationDelaySec: 7200,
    activeAtStart: false,
    crew: 20,
    modes: ['highClearance', 'foot'],
    loadout: { commsVehicles: 2, portableBaseStations: 4, vsat: 2, satPhones: 10, beidou: 10, tetheredUavs: 1, generators: 4, fuelHours: 8, spares: 4 },
  });
  // Power crews with generator trucks (应急发电车): county supply company, Linxia, the neighbouring counties'
  // supply companies, the provincial company, Minhe. Gansu sent 10 repair teams (156 people) from around
  // Jishishan at once (央广网, 2023-12-19, "甘肃全力开展震后电力抢修工作 积石山震区电力逐步恢复") and 22 teams
  // (507 people, 97 vehicles, 11 generator trucks) in all (中国甘肃网, 2023-12-20, "国网甘肃省电力:全力抢修
  // 震区全面恢复供电", http://finance.gscn.com.cn/system/2023/12/20/013072235.shtml); the map holds the first ten
  // and three provincial teams. They drive, or walk in with tools where no road is open (a feeder is
  // repaired by a team on site: the repairFeeder task).
  const POWER_CREWS: [string, string, TeamDoc['level'], string, LL | null, boolean, number, number, number][] = [
    // id, name, level, base, origin, active at T0, delay (s), crew, generator trucks
    ['tm-power-jss-1', '国网积石山县供电公司抢修1队（发电车）', 'county', 'b-power-jss', null, true, 1200, 8, 2],
    ['tm-power-jss-2', '国网积石山县供电公司抢修2队（发电车）', 'county', 'b-power-jss', null, true, 1800, 8, 2],
    ['tm-power-jss-3', '国网积石山县供电公司抢修3队', 'county', 'b-power-jss', null, true, 1800, 8, 1],
    ['tm-power-linxia-1', '国网临夏供电公司应急抢修1队（发电车）', 'city', 'b-linxia', null, true, 3600, 10, 3],
    ['tm-power-linxia-2', '国网临夏供电公司应急抢修2队（发电车）', 'city', 'b-linxia', null, true, 3600, 10, 3],
    ['tm-power-linxiaxian-1', '国网临夏县供电公司抢修队', 'city', 'b-linxia', null, true, 3600, 15, 1],
    ['tm-power-hezheng-1', '国网和政县供电公司抢修队', 'city', 'b-linxia', null, true, 3600, 15, 1],
    ['tm-power-dongxiang-1', '国网东乡县供电公司抢修队', 'city', 'b-linxia', null, true, 3600, 15, 1],
    ['tm-power-yongjing-1', '国网永靖县供电公司抢修队', 'city', 'b-linxia', null, true, 3600, 15, 1],
    ['tm-power-linxiashi-1', '国网临夏市供电公司抢修队', 'city', 'b-linxia', null, true, 3600, 15, 1],
    ['tm-power-gansu-1', '国网甘肃省电力公司应急救援基干分队', 'provincial', 'b-linxia', LANZHOU, false, 3600, 15, 4],
    ['tm-power-gansu-2', '国网甘肃省电力公司输变电抢修分队', 'provincial', 'b-linxia', LANZHOU, false, 3600, 25, 2],
    ['tm-power-gansu-3', '国网甘肃省电力公司配网抢修分队', 'provincial', 'b-linxia', LANZHOU, false, 3600, 25, 2],
    ['tm-power-minhe-1', '国网民和县供电公司抢修队（青海）', 'county', 'b-minhe-gate', CHUANKOU, true, 1800, 8, 2],
  ];
  for (const row of POWER_CREWS) {
    teams.push(teamFromRow(row, { org: 'power', kind: 'powerCrew', longHaulKmh: HAUL_KMH_NEAR }, ['road', 'foot'], { generators: row[8], fuelHours: 12 }));
  }
  // Road crews (excavator, loader, dump truck): county transport bureau, the Linxia highway bureau, and Minhe's
  // highway section for the Guanting–Chuankou road (the Qinghai forces' way in).
  for (const [id, nameZh, level, base, origin, delay, crew] of [
    ['tm-transport-jss-1', '积石山县公路段抢通1队', 'county', 'b-transport-jss', null, 1800, 10],
    ['tm-transport-jss-2', '积石山县公路段抢通2队', 'county', 'b-transport-jss', null, 2400, 10],
    ['tm-transport-linxia-1', '临夏公路局应急保通1队', 'city', 'b-linxia', null, 3600, 12],
    ['tm-transport-linxia-2', '临夏公路局应急保通2队', 'city', 'b-linxia', null, 3600, 12],
    ['tm-transport-minhe-1', '民和县公路段抢通队（青海）', 'county', 'b-minhe-gate', CHUANKOU, 1800, 10],
  ] as [string, string, TeamDoc['level'], string, LL | null, number, number][]) {
    teams.push({
      id,
      nameZh,
      org: 'transport',
      level,
      kind: 'roadCrew',
      base,
      ...(origin ? { origin, longHaulKmh: HAUL_KMH_NEAR } : {}),
      activationDelaySec: delay,
      activeAtStart: true,
      crew,
      modes: ['road'],
    });
  }
  // Fire and rescue forward squads (前突小队): motorcycle, on foot, or lifted by helicopter (2027 Opinions, 工信部联信管〔2024〕256号, 五、（十三）).
  const FIRE_SQUADS: [string, string, TeamDoc['level'], string, LL | null, boolean, number, number, number][] = [
    // id, name, level, base, origin, active at T0, delay (s), crew, tethered UAVs
    ['tm-fire-jss-1', '积石山县消防救援大队前突1组', 'county', 'b-fire-jss', null, true, 600, 8, 0],
    ['tm-fire-jss-2', '积石山县消防救援大队前突2组', 'county', 'b-fire-jss', null, true, 900, 8, 0],
    ['tm-fire-linxia-1', '临夏州消防救援支队通信前突小队', 'city', 'b-linxia', null, false, 1800, 10, 0],
    ['tm-fire-gansu-1', '甘肃省消防救援总队应急通信保障分队', 'provincial', 'b-linxia', LANZHOU, false, 1800, 12, 1],
    ['tm-fire-gansu-2', '甘肃省消防救援总队“轻骑兵”前突小队', 'provincial', 'b-linxia', LANZHOU, false, 1800, 8, 0],
  ];
  for (const row of FIRE_SQUADS) {
    // The engine takes the first mode that can make the trip, and walking nearly always can,
    // so the helicopter comes before foot: a squad flies when it cannot ride, rather than walk for hours.
    teams.push(teamFromRow(row, { org: 'fire', kind: 'fireSquad', longHaulKmh: HAUL_KMH_NEAR }, ['motorcycle', 'helicopter', 'foot'], fireSquadLoadout(row[8])));
  }
  const ZIGONG: LL = [104.77, 29.34]; // Wing Loong-2H base in Zigong, Sichuan (public reports)
  const LANZHOU_ZHONGCHUAN: LL = [103.62, 36.52];
  const uavs: UavDoc[] = [
    { id: 'uav-wl2h-zigong', nameZh: '翼龙-2H应急救灾型无人机（四川自贡）', nameEn: 'Wing Loong-2H emergency UAV (Zigong, Sichuan)', org: 'emhq', class: 'largeFixedWing', airfield: ZIGONG },
    { id: 'uav-medium-lanzhou', nameZh: '中型无人直升机应急通信平台（兰州中川机场）', nameEn: 'Medium unmanned helicopter emergency communication platform (Lanzhou Zhongchuan Airport)', org: 'emhq', class: 'mediumHelicopter', airfield: LANZHOU_ZHONGCHUAN },
  ];
  const helicopters: HelicopterDoc[] = [{ id: 'heli-emhq-1', nameZh: '应急救援直升机（中型，12座）', nameEn: 'Emergency rescue helicopter (medium, 12 seats)', org: 'emhq', capacity: 12 }];
  sortAndCheckTeams(teams, new Set(BASES.map(([id]) => id)), helicopters[0].capacity);
  // English names (the English console shows these; descriptive, not official unit designations).
  const TEAM_NAMES_EN: Record<string, string> = {
    'tm-cmcc-gansu-em': 'China Mobile Gansu emergency communication support team',
    'tm-cmcc-jss-1': 'China Mobile Jishishan County branch repair crew 1',
    'tm-cmcc-jss-2': 'China Mobile Jishishan County branch repair crew 2',
    'tm-cmcc-jss-3': 'China Mobile Jishishan County branch repair crew 3',
    'tm-cmcc-jss-4': 'China Mobile Jishishan County branch repair crew 4',
    'tm-cmcc-jss-5': 'China Mobile Jishishan County branch repair crew 5',
    'tm-cmcc-linxia-1': 'China Mobile Linxia Prefecture branch emergency repair crew 1',
    'tm-cmcc-linxia-2': 'China Mobile Linxia Prefecture branch emergency repair crew 2',
    'tm-cmcc-minhe-1': 'China Mobile Minhe County branch repair crew (Qinghai)',
    'tm-cmcc-qinghai-em': 'China Mobile Qinghai emergency communication support team',
    'tm-ctcc-gansu-em': 'China Telecom Gansu emergency communication support team',
    'tm-ctcc-jss-1': 'China Telecom Jishishan County branch repair crew 1',
    'tm-ctcc-jss-2': 'China Telecom Jishishan County branch repair crew 2',
    'tm-ctcc-jss-3': 'China Telecom Jishishan County branch repair crew 3',
    'tm-ctcc-jss-4': 'China Telecom Jishishan County branch repair crew 4',
    'tm-ctcc-linxia-1': 'China Telecom Linxia Prefecture branch emergency repair crew 1',
    'tm-ctcc-minhe-1': 'China Telecom Minhe County branch repair crew (Qinghai)',
    'tm-cucc-gansu-em': 'China Unicom Gansu emergency communication support team',
    'tm-cucc-jss-1': 'China Unicom Jishishan County branch repair crew 1',
    'tm-cucc-jss-2': 'China Unicom Jishishan County branch repair crew 2',
    'tm-cucc-jss-3': 'China Unicom Jishishan County branch repair crew 3',
    'tm-cucc-linxia-1': 'China Unicom Linxia Prefecture branch emergency repair crew 1',
    'tm-cucc-minhe-1': 'China Unicom Minhe County branch repair crew (Qinghai)',
    'tm-emhq-gansu-comms': 'Gansu Emergency Management Department emergency communication support team',
    'tm-emhq-national-xian': "National emergency communication support team (Xi'an, cross-regional reinforcement)",
    'tm-fire-gansu-1': 'Gansu Fire and Rescue Corps emergency communication support detachment',
    'tm-fire-gansu-2': 'Gansu Fire and Rescue Corps "Light Cavalry" forward squad',
    'tm-fire-jss-1': 'Jishishan County Fire and Rescue Brigade forward group 1',
    'tm-fire-jss-2': 'Jishishan County Fire and Rescue Brigade forward group 2',
    'tm-fire-linxia-1': 'Linxia Prefecture Fire and Rescue Detachment communication forward squad',
    'tm-power-gansu-1': 'State Grid Gansu Electric Power emergency rescue core unit',
    'tm-power-gansu-2': 'State Grid Gansu Electric Power transmission and substation repair unit',
    'tm-power-gansu-3': 'State Grid Gansu Electric Power distribution repair unit',
    'tm-power-linxiaxian-1': 'State Grid Linxia County Power Supply Company repair crew',
    'tm-power-hezheng-1': 'State Grid Hezheng County Power Supply Company repair crew',
    'tm-power-dongxiang-1': 'State Grid Dongxiang County Power Supply Company repair crew',
    'tm-power-yongjing-1': 'State Grid Yongjing County Power Supply Company repair crew',
    'tm-power-linxiashi-1': 'State Grid Linxia City Power Supply Company repair crew',
    'tm-power-jss-1': 'State Grid Jishishan County Power Supply Company repair crew 1 (generator trucks)',
    'tm-power-jss-2': 'State Grid Jishishan County Power Supply Company repair crew 2 (generator trucks)',
    'tm-power-jss-3': 'State Grid Jishishan County Power Supply Company repair crew 3',
    'tm-power-linxia-1': 'State Grid Linxia Power Supply Company emergency repair crew 1 (generator trucks)',
    'tm-power-linxia-2': 'State Grid Linxia Power Supply Company emergency repair crew 2 (generator trucks)',
    'tm-power-minhe-1': 'State Grid Minhe County Power Supply Company repair crew (Qinghai)',
    'tm-tower-jss-1': 'China Tower Jishishan County branch repair crew 1',
    'tm-tower-jss-2': 'China Tower Jishishan County branch repair crew 2',
    'tm-tower-linxia-1': 'China Tower Linxia Prefecture branch emergency repair crew 1',
    'tm-transport-jss-1': 'Jishishan County highway section road-clearing crew 1',
    'tm-transport-jss-2': 'Jishishan County highway section road-clearing crew 2',
    'tm-transport-linxia-1': 'Linxia Highway Bureau emergency road crew 1',
    'tm-transport-linxia-2': 'Linxia Highway Bureau emergency road crew 2',
    'tm-transport-minhe-1': 'Minhe County highway section road-clearing crew (Qinghai)',
  };
  // The second to fourth vehicle of a crew are named after the crew.
  for (const [id, { crewId, unit }] of vehicleOf) if (unit > 0) TEAM_NAMES_EN[id] = vehicleUnitNameEn(TEAM_NAMES_EN[crewId], unit);
  nameTeamsInEnglish(teams, TEAM_NAMES_EN);
  // A cold, clear December night: a fresh breeze (force 5) on the ridges through the night and morning, lighter after. Nothing is grounded.
  const HOUR_SEC = 3600;
  const weather: WeatherDoc[] = [
    { fromSec: 0, toSec: 12 * HOUR_SEC, windForce: 5, visibilityKm: 10, airTempC: -12, note: '冬夜，晴，约-12℃（实况，见来源），山脊阵风5级（假设）' },
    { fromSec: 12 * HOUR_SEC, toSec: 72 * HOUR_SEC, windForce: 3, visibilityKm: 15, airTempC: -5, note: '晴到多云，最低-14至-10℃，最高1至5℃（预报，见来源），风力3级（假设）' },
  ];
  const sum = (f: (t: TeamDoc) => number, p?: (t: TeamDoc) => boolean): number => sumTeams(teams, f, p);
  const telecom = (t: TeamDoc): boolean => ['cmcc', 'cucc', 'ctcc', 'tower'].includes(t.org);
  const forcesCheck = {
    teams: teams.length,
    byKind: countTeams(teams, 'kind', ['operatorCrew', 'commsTeam', 'powerCrew', 'roadCrew', 'fireSquad']),
    byLevel: countTeams(teams, 'level', ['national', 'provincial', 'city', 'county']),
    activeAtStart: teams.filter((t) => t.activeAtStart).length,
    telecom: {
      people: sum((t) => t.crew, telecom),
      vehicles: teams.filter(telecom).length,
      generators: sum((t) => t.loadout?.generators ?? 0, telecom) + 40 + 20 + 20 + 30,
      satPhones: sum((t) => t.loadout?.satPhones ?? 0, telecom),
      note: 'operators and China Tower; generators include the 110 in the generator pools; observed across Gansu + Qinghai by T+14 h: 890+ people, 217 vehicles, 422 generators, 32 satellite phones',
    },
    emergencyManagement: {
      people: sum((t) => t.crew, (t) => t.org === 'emhq'),
      satPhones: sum((t) => t.loadout?.satPhones ?? 0, (t) => t.org === 'emhq'),
      beidou: sum((t) => t.loadout?.beidou ?? 0, (t) => t.org === 'emhq'),
    },
    power: { people: sum((t) => t.crew, (t) => t.org === 'power'), generatorTrucks: sum((t) => t.loadout?.generators ?? 0, (t) => t.org === 'power') },
    fire: { people: sum((t) => t.crew, (t) => t.org === 'fire'), terminals: sum((t) => (t.loadout?.satPhones ?? 0) + (t.loadout?.beidou ?? 0), (t) => t.org === 'fire') },
    prepositioned: Object.fromEntries(Object.entries(PREPOSITIONED).map(([k, v]) => [town(k).id, v])),
    longHaulKm: Object.fromEntries(
      [['Lanzhou→Linxia', LANZHOU, BASES.find(([id]) => id === 'b-linxia')![3]], ['Chuankou→Minhe gate', CHUANKOU, roadNodes.get('minhe-north') as LL], ['Xining→Minhe gate', XINING, roadNodes.get('minhe-north') as LL], ["Xi'an→Linxia", XIAN, BASES.find(([id]) => id === 'b-linxia')![3]]].map(
        ([name, a, b]) => [name as string, round1(distKm(a as LL, b as LL))],
      ),
    ),
    uavAirfieldKm: { 'Zigong→epicentre': Math.round(distKm(ZIGONG, EPICENTER)), 'Lanzhou Zhongchuan→epicentre': Math.round(distKm(LANZHOU_ZHONGCHUAN, EPICENTER)) },
  };

  // ---------------------------------------------------------------- the land (drawn on the map; the engine never reads it)

  // The Yellow River's course from GSHHG/WDBII (tools/data: the extract and the command that made it). WDBII places
  // it 1–3 km off here; it is moved north or south, as little as it can, so that it passes under the Dahejia bridge
  // and every feature this scenario puts on one bank (township seats, villages, sites, roads) stays on that bank.
  const NODE_BANK: Record<string, 'south' | 'north'> = { linxia: 'south', hanji: 'south', qingshui: 'south', sipuzi: 'south', yongjing: 'south', 'bridge-s': 'south', 'bridge-n': 'north', 'minhe-north': 'north' };
  const bankOfCounty = (county: County): 'south' | 'north' => (county === 'JSS' ? 'south' : 'north');
  const villageCounty = new Map(popPoints.map((v) => [v.id, v.township.county]));
  const nodeBank = (key: string): 'south' | 'north' => NODE_BANK[key] ?? bankOfCounty(villageCounty.get(key) ?? town(key).county);
  const countyOfTownshipId = new Map(TOWNSHIPS.map((t) => [t.id, t.county]));
  const bankPoints: BankPoint[] = [
    ...TOWNSHIPS.map((t): BankPoint => ({ at: t.seat, bank: bankOfCounty(t.county), marginDeg: 0.006, what: t.id })),
    ...siteFeatures.map((f): BankPoint => ({ at: f.geometry.coordinates as LL, bank: bankOfCounty(countyOfTownshipId.get(f.properties.township)!), marginDeg: 0.002, what: f.properties.id })),
    ...populationFeatures.map((f): BankPoint => ({ at: f.geometry.coordinates as LL, bank: bankOfCounty(countyOfTownshipId.get(f.properties.township)!), marginDeg: 0.002, what: f.properties.id })),
    ...roadFeatures.flatMap((f, i) => {
      const e = roadEdgeOf[i];
      const bank = nodeBank(e.from);
      if (f.properties.bridge && e.wholeBridge) return [];
      if (nodeBank(e.to) !== bank) throw new Error(`road ${e.from}→${e.to} crosses the Yellow River outside the Dahejia bridge`);
      return (f.geometry.coordinates as LL[]).map((at): BankPoint => ({ at, bank, marginDeg: at === roadNodes.get('bridge-s') || at === roadNodes.get('bridge-n') ? 0.0008 : 0.0015, what: f.properties.id }));
    }),
  ];
  const wdbiiPath = join(dirname(fileURLToPath(import.meta.url)), 'data', 'wdbii-yellow-river-jishishan.txt');
  const wdbii = chainSegments(readGmtSegments(readFileSync(wdbiiPath, 'utf8')));
  const fitted = fitLineBetweenBanks(wdbii, bankPoints, { fromLon: 102.4, toLon: 103.3, knotDeg: 0.01 });
  const yellowRiver = fitted.line;
  const riverShiftM = Math.round(fitted.maxShiftDeg * KM_PER_DEG_LAT * 1000);
  const riverFeatures = [lineFeature<RiverProps>(yellowRiver, { id: 'rv-yellow-river', nameZh: '黄河', nameEn: 'Yellow River', kind: 'river' })];

  // No measured elevation model can be had where this is built (only package registries are reachable), so the
  // relief is an approximation, labelled as such in metadata.sources: the river's level, ground rising away from it
  // towards the Jishi Shan crest (summit 4,308.8 m, the county's published highest point) in the south-west and the
  // hills north of the river, the lower Linxia basin to the south-east, and valleys along the roads (mountain roads
  // here follow valley floors). It shades the map; no model reads it.
  const RIVER_LEVEL_M: [number, number][] = [[102.4, 1800], [102.6, 1790], [102.9, 1760], [103.05, 1735], [104, 1735]];
  const JISHI_CREST: LL[] = [[102.58, 35.82], [102.66, 35.72], [102.71, 35.645], [102.78, 35.58], [102.87, 35.54]];
  const JISHI_SUMMIT: LL = [102.71, 35.645];
  const LINXIA_BASIN: LL = [103.21, 35.6];
  const SUMMIT_M = 4309;
  const terrainRoads = roadFeatures.map((f) => f.geometry.coordinates as LL[]);
  const gauss = (dKm: number, widthKm: number): number => Math.exp(-((dKm / widthKm) ** 2));
  const withoutSummit = (ll: LL): number => {
    const level = lerpTable(RIVER_LEVEL_M, ll[0]);
    const dRiver = distToPolylineKm(PLANE, ll, yellowRiver);
    return level + 900 * (1 - Math.exp(-dRiver / 7)) + 1300 * gauss(distToPolylineKm(PLANE, ll, JISHI_CREST), 5) - 650 * gauss(distKm(ll, LINXIA_BASIN), 9);
  };
  // The summit's own rise makes the crest reach the published height at the summit.
  const summitRiseM = SUMMIT_M - withoutSummit(JISHI_SUMMIT);
  function groundM(ll: LL): number {
    const level = lerpTable(RIVER_LEVEL_M, ll[0]);
    let z = withoutSummit(ll) + summitRiseM * gauss(distKm(ll, JISHI_SUMMIT), 3);
    let dRoad = Infinity;
    for (const line of terrainRoads) dRoad = Math.min(dRoad, distToPolylineKm(PLANE, ll, line));
    z -= 0.45 * (z - level) * gauss(dRoad, 0.8);
    return Math.max(level, z);
  }
  const RELIEF_CELL_DEG = 0.005;
  const relief = elevationGrid([102.35, 36.2], RELIEF_CELL_DEG, 151, 221, groundM,
    'APPROXIMATION, not measured data: no digital elevation model could be reached where this scenario is built. Built by tools/build-jishishan.ts from the Yellow River course (levels 1,800 m at 102.4°E to 1,735 m, the Liujiaxia reservoir normal pool, from 103.05°E; assumed between), ground rising away from the river, the Jishi Shan crest with its summit at the published 4,308.8 m, the lower Linxia basin, and valleys along the roads. For map shading and the altitude of work on site; replace with SRTM or ASTER GDEM where they can be had.');
  const reliefMin = Math.min(...relief.elevationM), reliefMax = Math.max(...relief.elevationM);

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
  const amplificationPath = addLayer(texts, 'site-amplification', ampFeatures);
  const groundFailurePath = addLayer(texts, 'ground-failure', groundFailureFeatures);
  layers.rivers = addLayer(texts, 'rivers', riverFeatures);
  layers.elevation = addElevationLayer(texts, relief);

  const batteryHours = sortedBatteryHours(siteFeatures);
  const quantile = (q: number): number => batteryHoursQuantile(batteryHours, q);

  // Aftershocks: Omori–Utsu / Gutenberg–Richter with the Wenchuan 2008 values
  // (Wu, Xu & Wang 2024: p 1.05, b 0.89; c a few minutes), drawn by the engine.
  const AFTERSHOCKS = { durationHours: 72, minMagnitude: 3.0, p: 1.05, cHours: 0.05, b: 0.89 };

  const msel: InjectDoc[] = [
    {
      id: 'inj-001-quake-report',
      tSec: 0,
      to: 'emhq',
      kind: 'message',
      data: { magnitudeMs: 6.2, depthKm: 10, epicentreLon: EPICENTER[0], epicentreLat: EPICENTER[1] },
      text: {
        zh: '中国地震台网自动测定：12月18日23时59分，甘肃临夏州积石山县（北纬35.70度，东经102.79度）发生6.2级地震，震源深度10公里，震中位于柳沟乡，距县城约8公里。县城及大河家、刘集、石塬等地震感强烈，青海民和官亭、中川一带同样强烈有感。请启动应急响应。',
        en: 'China Earthquake Networks Center: at 23:59 on 18 Dec a Ms 6.2 earthquake struck Jishishan county, Linxia, Gansu (35.70N 102.79E), depth 10 km, epicentre in Liugou township about 8 km from the county seat. Strong shaking in the seat, Dahejia, Liuji and Shiyuan, and across the Yellow River in Guanting and Zhongchuan (Minhe, Qinghai). Activate the emergency response.',
      },
    },
    ...(['cmcc', 'cucc', 'ctcc', 'tower'] as const).map((seat) => ({
      id: `inj-002-alarms-${seat}`,
      tSec: 600,
      to: seat,
      text: {
        zh: '网管中心告警：积石山县及周边大量基站出现“交流停电”“退服”告警，告警数量仍在上升。请核实受影响站点、评估蓄电池续航，并组织应急队伍和发电机出动。',
        en: 'Network operations centre: many sites in and around Jishishan are raising mains-failure and out-of-service alarms, and the count is still rising. Confirm the affected sites, estimate battery endurance, and dispatch crews and generators.',
      },
    })),
    {
      id: 'inj-003-trapped-dahejia',
      tSec: 1800,
      to: 'fire',
      kind: 'request',
      data: { township: town('dahejia').id, need: 'rescue', villages: 3 },
      text: {
        zh: '群众报警：大河家镇3个村部分房屋倒塌，有人员被困。',
        en: 'Calls from the public: houses have collapsed in three villages of Dahejia and people are trapped.',
      },
    },
    {
      id: 'inj-006-flowslide-first-report',
      tSec: 2400,
      to: 'emhq',
      kind: 'damageReport',
      data: {
        township: town('zhongchuan').id,
        hazard: 'flowslide',
        groundFailure: 'gf-zhongchuan-flowslide',
        villages: '金田村、草滩村',
        roadsCut: flowslideRoads.join(','),
        sitesBuried: groundFailureCheck.sites.join(','),
      },
      text: {
        zh: '中川乡政府报告（经卫星电话）：金田村、草滩村一带山坡土体液化成泥流，沿沟道向黄河方向冲出约3公里，泥深两三米，多户房屋被埋，人员伤亡不明；村里手机信号已中断，中川至杏儿乡的公路被泥流截断。',
        en: 'Zhongchuan township government (by satellite phone): the hillside above Jintian and Caotan villages liquefied into a mudflow that ran about 3 km down the gully towards the Yellow River, two to three metres deep; several houses are buried and casualties are unknown. Mobile service in the villages is down and the Zhongchuan–Xing\'er road is cut by the mud.',
      },
    },
    {
      id: 'inj-004-flowslide-zhongchuan',
      tSec: 3600,
      to: 'emhq',
      kind: 'damageReport',
      data: { township: town('zhongchuan').id, hazard: 'flowslide', groundFailure: 'gf-zhongchuan-flowslide', missing: true },
      text: {
        zh: '青海方面通报：民和县中川乡草滩村、金田村一带发生地震液化泥流，掩埋房屋，有人员失联，通往该处的道路中断。',
        en: 'Qinghai reports a liquefaction mudflow at Caotan and Jintian villages, Zhongchuan township (Minhe): houses buried, people missing, the road in is cut.',
      },
    },
    {
      id: 'inj-005-power-report',
      tSec: 21600,
      to: 'emhq',
      kind: 'damageReport',
      data: { sector: 'power', substations35kVOut: 2, lines330kVTripped: 5, lines35kVTripped: 9, lines10kVTripped: 29 },
      text: {
        zh: '供电公司报告：震区多条330千伏、35千伏及10千伏线路跳闸，震中附近2座35千伏变电站停运，大量用户停电，正在组织抢修。请指挥部协调通信站点与抢修队伍的供电保障次序。',
        en: 'Power company report: several 330 kV, 35 kV and 10 kV lines in the quake zone tripped, two 35 kV substations near the epicentre are out and many customers are without power; repair crews are being organised. HQ to set the order in which communication sites and repair teams get supply.',
      },
    },
  ];

  const scenario: ScenarioDocV1 = {
    $schema: '../schema/scenario.schema.json',
    format: 'drilltwin/scenario@1',
    name: { zh: '积石山6.2级地震（2023年12月18日）', en: 'Jishishan Ms 6.2 earthquake (18 Dec 2023)' },
    description: {
      zh: '复盘2023年12月18日23时59分甘肃临夏州积石山县6.2级地震（震源深度10公里，震中柳沟乡）。范围为积石山县17个乡镇及黄河对岸青海民和县6个受灾乡镇。冬夜发震，“断电”为主：全县多数铁塔站点在数小时内失去市电，通信保障取决于蓄电池、发电机调度和道路抢通。烈度场采用官方烈度图的椭圆近似。',
      en: 'A replay of the Ms 6.2 Jishishan earthquake of 23:59 on 18 Dec 2023 (depth 10 km, epicentre in Liugou township), covering the 17 townships of Jishishan county, Linxia, Gansu, and six hard-hit Minhe townships across the Yellow River in Qinghai. A winter-night quake in which loss of mains power dominated: most of the county tower sites lost mains within hours, so service depends on batteries, generator dispatch and road clearance. The intensity field is an ellipse approximation of the official intensity map.',
    },
    seed: 7,
    start: '2023-12-18T23:59:30+08:00',
    timeZone: 'Asia/Shanghai',
    durationHours: 72,
    layers,
    hazards: [
      {
        id: 'mainshock',
        type: 'earthquake',
        tSec: 0,
        epicenter: EPICENTER,
        magnitude: 6.2,
        magnitudeType: 'Ms',
        depthKm: 10,
        strikeDeg: STRIKE_DEG,
        zone: 'qinghai-tibet',
        isoseismals: isoseismalsPath,
        siteAmplification: amplificationPath,
        groundFailure: groundFailurePath,
        aftershocks: AFTERSHOCKS,
      },
    ],
    resources: {
      generatorPools: [
        { id: 'gp-cmcc', org: 'cmcc', count: 40, fuelHours: 8, leadTimeSec: 7200 },
        { id: 'gp-cucc', org: 'cucc', count: 20, fuelHours: 8, leadTimeSec: 7200 },
        { id: 'gp-ctcc', org: 'ctcc', count: 20, fuelHours: 8, leadTimeSec: 7200 },
        { id: 'gp-tower', org: 'tower', count: 30, fuelHours: 8, leadTimeSec: 7200 },
      ],
      teams,
      uavs,
      helicopters,
    },
    msel,
    targets: '../targets/2027-emergency-comms.json',
    settings: {
      kpiIntervalSec: 60,
      prioritySupplyForComms: false,
      emergencyRoaming: false,
      coverageTerrain: 'mountain',
      airspaceGreenChannel: false,
      doctrineSeats: 'all',
    },
    weather,
    metadata: {
      region: '甘肃省临夏回族自治州积石山保安族东乡族撒拉族自治县（622927）及青海省海东市民和回族土族自治县南部（630222）',
      synthetic: false,
      generatedBy: 'tools/build-jishishan.ts (node --import tsx tools/build-jishishan.ts); deterministic, PRNG mulberry32 seed 20231218',
      coordinates: 'WGS84 [lon, lat], 5 decimals. Generated geometry uses a local equirectangular approximation around the epicentre: 111.32 km per degree of latitude, 111.32·cos(35.70°) km per degree of longitude.',
      sources: [
        {
          layer: 'townships',
          source: 'Township list: the 17 townships of Jishishan county as named in public gazetteers (Shiyuan as a town, 石塬镇, as on the official 2023 intensity map) and six Minhe townships along the Yellow River that the official intensity map places in VIII or VII. Seats at approximate real coordinates read from public maps.',
          estimated: true,
          note: 'Coordinates good to perhaps 1–3 km. Populations are approximate 2020-census-era figures, scaled so the 17 Jishishan townships sum to the official county total of 239,400; Minhe figures are rough estimates. Codes are the 6-digit county codes (622927 Jishishan, 630222 Minhe), not township codes. 银川 and some other 乡 may have become 镇 in recent reforms; names follow the older gazetteer.',
        },
        {
          layer: 'population',
          source: 'Generated: 4–10 points per township, the first at the seat settlement and the rest 1.5–6 km out (deterministic PRNG), populations apportioned so each township sums exactly to its total.',
          estimated: true,
          note: 'Not real village locations or village populations.',
        },
        {
          layer: 'sites',
          source: 'Synthetic plausible inventory, not real site locations: 200 tower sites in Jishishan (the official count of the county\'s tower sites, of which 143 lost mains power by T+6 h) and 60 in the six Minhe townships, placed near settlements and along trunk roads.',
          estimated: true,
          note: 'Operator mix and 5G share are assumptions. Loads from China Tower analyses: 4G 1.3 kW per operator system; 5G 3.3–4.9 kW per system, one for CMCC and one shared by CUCC/CTCC (co-built RAN, assumption); battery strings of 300–500 Ah at 48 V and 80 % depth of discharge, a quarter derated to 40–65 % for age (assumption). Small cells: 0.3–1.2 kW, 2–4 h (assumption). Three super base stations (county seat, Dahejia, Guanting): 150 kWh battery and 72 h generator fuel (assumption; 72 h is the endurance often quoted for super base stations). Super sites are marked fibre; the engine gives super sites automatic switchover to satellite backhaul.',
        },
        {
          layer: 'substations',
          source: 'Plausible grid: the 750 kV Guanting substation in Minhe (believed real, location approximate), one 330 kV substation on the Linxia 330 kV network near Hanji (assumed), three 110 kV and ten 35 kV substations at township seats.',
          estimated: true,
          note: 'Only Guanting 750 kV is believed to exist as placed; the other names, locations and voltages are assumptions. The 330 kV station is placed near Hanji on the Linxia 330 kV network (intensity VI), not in the county seat: the event tripped 330 kV lines but lost no 330 kV station, and with upstream links a lost 330 kV station would black out the whole county for days. Two 35 kV substations are placed within 6 km of the epicentre (Liugou, Hulinjia) because two 35 kV substations were knocked out in the event. HAZUS classes: ≥330 kV high, 110 kV medium, 35 kV low; anchored/unanchored is an assumption.',
        },
        {
          layer: 'feeders',
          source: 'Generated: 32 10 kV feeders from the 110 kV and 35 kV substations through the township seats they serve and out to the villages in a compass sector; each site is on the nearest feeder in its own province.',
          estimated: true,
        },
        {
          layer: 'roads',
          source: 'Main network with approximate real alignments: G310 Linxia–Jishishan–Dahejia and on towards Xunhua (Qingshui) along the Yellow River, the Dahejia Yellow River bridge to Guanting, the Guanting–Chuankou road north, the north-bank road Guanting–Zhongchuan–Xing\'er, county roads between township seats, and generated rural roads to villages. Split into segments of at most 3–4 km and at bridges; connected segments share exact end coordinates.',
          estimated: true,
          note: 'Alignments between nodes are wiggled lines, not surveyed routes. Road numbering in this area changed over time (the Linxia–Dahejia road was long S309); the Linxia–Dahejia expressway is not modelled. Short bridges other than the Dahejia–Guanting crossing are placeholders.',
        },
        {
          layer: 'rivers',
          source: `The Yellow River (黄河) from 102.4°E to the Liujiaxia reservoir: World Data Bank II rivers as carried by GSHHG 2.3.7 at full resolution (Wessel, P. and Smith, W. H. F., 1996, "A Global Self-consistent, Hierarchical, High-resolution Shoreline Database", J. Geophys. Res. 101(B4), 8741–8743; GSHHG distributed under the LGPL, WDBII in the public domain), extracted with GMT 6.4 (gmt coast -R102/104/35/37 -Df -I1 -M; tools/data/wdbii-yellow-river-jishishan.txt). WDBII places the river 1–3 km off at this scale; the course is moved north or south by at most ${riverShiftM} m so that it passes under the Dahejia bridge and every township seat, village, site and road of this scenario stays on its bank.`,
          estimated: true,
          note: 'Map only (the engine does not read rivers). WDBII has no tributaries here at this scale, so none are drawn: the county\'s own rivers (the Yinchuan, Liuji and Dahejia streams among them) have no openly citable course that could be reached offline.',
        },
        {
          layer: 'elevation',
          source: `APPROXIMATION, not measured data: no digital elevation model (SRTM, ASTER GDEM, ETOPO) could be reached where this scenario is built. A ${relief.cols} × ${relief.rows} grid of ${RELIEF_CELL_DEG}° cells (about 450 × 555 m) from ${reliefMin} to ${reliefMax} m, built from the Yellow River course and levels (1,800 m at 102.4°E falling to 1,735 m, the Liujiaxia reservoir normal pool, from 103.05°E; the levels between are assumed), ground rising away from the river, the Jishi Shan crest with its summit at the published 4,308.8 m (the county's highest point), the lower Linxia basin to the south-east, and valleys along the roads.`,
          estimated: true,
          note: 'It shades the map\'s relief and gives the ground elevation where work happens (WORK_AT_ALTITUDE: all but 2 of the 260 sites lie at or below 3,000 m, where nothing is slowed); floods here are none, and coverage uses the mountain link budget, not terrain. Replace with a measured model where one can be had: the format is drilltwin/elevation-grid@1.',
        },
        {
          layer: 'bases',
          source: 'Operator, tower, power, fire, transport and emergency-management offices at the county seat (positions approximate, within 1 km of the seat), plus staging bases at Linxia city, Lanzhou and Minhe county seat (Chuankou).',
          estimated: true,
        },
        {
          layer: 'landingZones',
          source: 'Assumed open spaces (sports grounds, school playgrounds, river flats, threshing floors) near nine township seats: the five largest towns, and four added with the helicopter (Xing\'er, Gangou, Xiamen, Yinchuan), the seats more than 10 km from every other landing zone (10 km is the farthest the airlift walks from a landing zone).',
          estimated: true,
        },
        { layer: 'shelters', source: 'Assumed central resettlement points near eight of the hardest-hit town centres.', estimated: true },
        {
          layer: 'isoseismals',
          source: 'Ellipses fitted to the published areas and axes, not the published polygons. Official intensity map (Ministry of Emergency Management, published T+3 d): max VIII; VI+ 8,364 km²; VII 1,514 and VIII 331 km²; VI-zone axes 124 km × 85 km, long axis NNW.',
          estimated: true,
          note: `VI ellipse uses the published axes (62 × 42.5 km semi-axes, ${Math.round(Math.PI * 62 * 42.5)} km² against the published 8,364). VII+ (1,845 km²) and VIII (331 km²) keep the same axis ratio. Strike 330°. All three share a centre placed 7 km north of the instrumental epicentre, at ${rll(ISO_CENTRE).join(', ')}, because the official VIII zone reaches across the Yellow River to Guanting, Zhongchuan, Gangou and Xing'er (assumption). Intensity at each township seat under this approximation is listed in metadata.isoseismalCheck.`,
        },
        {
          layer: 'site-amplification',
          source: `Assumption: one loess zone (+1.0 degree) on the north-east side of a line along strike ${LOESS_OFFSET_KM} km NE of the epicentre, extending about ${LOESS_R_KM} km. Its size is fitted so that the GB 18306-2015 Qinghai-Tibet relation for Ms 6.2 plus this zone gives the published VI+ area.`,
          estimated: true,
          note: `GB 18306 alone: VI+ ${Math.round(gbOnly.vi)} km², VII+ ${Math.round(gbOnly.vii)}, VIII+ ${Math.round(gbOnly.viii)}. With the loess zone: VI+ ${Math.round(withLoess.vi)} km², VII+ ${Math.round(withLoess.vii)}, VIII+ ${Math.round(withLoess.viii)} (published 8,364 / 1,845 / 331). Grid 0.5 km. Only used when the isoseismals are not.`,
        },
        {
          layer: 'sites: aggregation, fibreRoads',
          source: 'Synthetic backhaul tree, not real transmission routes. Core sites connect straight to the core: the county-seat super site (Jishishan core in the county seat) and the Guanting super site for the Minhe townships; only super sites are core, since they have generators and satellite switchover. Every other township has one aggregation site (two in towns with 12 or more sites): its super site if it has one (Dahejia), else the fibre sites nearest its seat, hanging off the core site of its side of the river. All other sites hang off the nearest aggregation site of their own township (microwave sites by radio, with no fibreRoads).',
          estimated: true,
          note: `fibreRoads: the shortest road path (segment lengths) between the road segments nearest the site and nearest its aggregation site; for a site far from any road, its nearest segment. The Guanting super site\'s fibre runs up the Guanting–Chuankou road to the map edge (Minhe core at Chuankou, off the map). ${backhaulStats.fibreRoutes} fibre routes, median ${backhaulStats.fibreRouteKm.median} km, longest ${backhaulStats.fibreRouteKm.max} km by road; deepest chain ${backhaulStats.maxDepth} hops. The event cut 2 fibre cables.`,
        },
        {
          layer: 'substations: upstream, customers',
          source: `Assumed supply chain 35 kV ← 110 kV ← 330 kV ← 750 kV Guanting (Minhe 110 kV fed from Guanting directly, standing for its 330 kV side). Customers estimated from the observed 59,832 customers out: ${TOTAL_CUSTOMERS.toLocaleString('en-US')} customers over the mapped 313,400 people (about 4.2 people per customer), split over the 110 and 35 kV substations by the village population their 10 kV feeders reach.`,
          estimated: true,
          note: 'Real supply paths (which 330 kV station feeds the county, cross-provincial ties) are not public; treat the chain as plausible only.',
        },
        {
          layer: 'roads: bridgeClass',
          source: 'The Dahejia Yellow River bridge is conventional multi-span (HWB5-type, assumption); the other bridges are placeholders with an assumed mix: two G310 bridges seismically designed (rebuilt alignment, assumption), the other G310 and river-road bridges conventional, two county-road bridges single span.',
          estimated: true,
        },
        {
          layer: 'ground-failure',
          source: `The Caotan/Jintian liquefaction flowslide, Zhongchuan township (Minhe), outlined to the published description: source ≈ 110,000 m², run-out ≈ 3 km towards the Yellow River, deposit 2.5–3 m, 20 people missing (official figures for the 18 December 2023 Jishishan Ms 6.2 earthquake as reported by news media). Drawn: source lobe ${groundFailureCheck.sourceAreaM2.toLocaleString('en-US')} m², run-out ${groundFailureCheck.runOutKm} km, whole footprint ${groundFailureCheck.areaKm2} km².`,
          estimated: true,
          note: `Position approximate (a north–south gully west of the Zhongchuan seat), not the surveyed outline; the channel width and fan shape are assumptions. Inside: sites ${groundFailureCheck.sites.join(', ')}; villages ${groundFailureCheck.population.map((p) => p.id).join(', ')} (standing for Jintian/Caotan); roads ${groundFailureCheck.roads.join(', ') || 'none'} (a vertex on the line marks where each road enters the deposit).`,
        },
        {
          layer: 'aftershocks',
          source: 'Model parameters, not the observed Jishishan sequence: Omori–Utsu p = 1.05 and Gutenberg–Richter b = 0.89 from the Wenchuan 2008 sequence (Wu, Xu & Wang 2024); c = 0.05 h (3 min) and M ≥ 3.0 over 72 h are assumptions. Båth\'s law puts the largest near Ms 5.0.',
          estimated: true,
        },
        {
          layer: 'settings',
          source: 'coverageTerrain "mountain" is an assumption for a mountain county (feeders are repaired by the power teams of resources.teams, which travel to them). airspaceGreenChannel false: the 2023 response flew under normal approval (the Wing Loong-2H took off T+12.7 h); the fast-approval green channel for emergency-communication UAVs is what the 2027 Opinions (工业和信息化部等十四部门《关于加强极端场景应急通信能力建设的意见》, 工信部联信管〔2024〕256号, 31 Dec 2024) ask for in 三、（六）, so drills can switch it on. doctrineSeats "all": the doctrine responder plays every seat no player takes.',
          estimated: true,
        },
        {
          layer: 'sites: aggregation hardening',
          source: `Assumption: township aggregation (transmission / convergence) sites carry larger battery banks and a fixed generator, as such sites usually do in real networks. Each of the ${aggregationHardening.length} township aggregation sites gets at least 40 kWh plus 10 kWh per extra operator on it (40–60 kWh) and a fixed generator with 24 h of fuel in a town (镇), 12 h in a township (乡); the Dahejia super site keeps its 150 kWh and 72 h.`,
          estimated: true,
          note: 'Before and after for each site: metadata.aggregationHardening. No random draws are used, so the rest of the sites layer is unchanged.',
        },
        {
          layer: 'townships: prepositionedSatPhones, prepositionedBeidou',
          source: `Assumption: Tiantong satellite phones and BeiDou short-message terminals kept at the township government (the 2027 Opinions (工业和信息化部等十四部门《关于加强极端场景应急通信能力建设的意见》, 工信部联信管〔2024〕256号, 31 Dec 2024) 五、（十五） ask disaster-prone townships and villages to pre-position Tiantong and BeiDou short-message terminals; the Ministry of Emergency Management\'s 《关于推进应急管理信息化建设的意见》 (应急〔2021〕31号, 6 May 2021) 五、（十一） asks for satellite phones among the terminals that keep command links up when roads, networks and power fail), two of each in the five largest townships (${Object.keys(PREPOSITIONED).map((k) => town(k).nameZh).join('、')}). The other ${TOWNSHIPS.length - Object.keys(PREPOSITIONED).length} townships have none, so delivering terminals is still work for the doctrine and the players.`,
          estimated: true,
        },
        {
          layer: 'resources.teams',
          source: `${teams.length} teams sized to the observed response (official figures for the 18 December 2023 Jishishan Ms 6.2 earthquake as reported by news media): telecom 890+ people, 217 vehicles, 422 generators and 32 satellite phones across Gansu and Qinghai by T+14 h (13 counties; this map holds 23 of the 118 affected townships, the worst hit); one operator's first crew on site T+0.5 h; fire and rescue first rescues T+1.2 h, 1,440 national fire rescuers sent by about T+4 h. On the map: ${forcesCheck.telecom.people} operator and China Tower people with ${forcesCheck.telecom.generators} generators (pools included) and ${forcesCheck.telecom.satPhones} satellite phones; ${forcesCheck.emergencyManagement.people} people in emergency-management communication teams; ${forcesCheck.power.people} power people with ${forcesCheck.power.generatorTrucks} generator trucks; ${forcesCheck.fire.people} fire forward-squad members. The 1,440 fire rescuers mostly did search and rescue, which the twin does not model; only the squads that carry terminals or a tethered UAV are here.`,
          estimated: true,
          note: `Organisation (names are descriptive, not real unit designations): county operator crews at the county seat (CMCC 5, CUCC 3, CTCC 4, China Tower 2; active at T0, 20–30 min to assemble, road then foot, 3–6 generators of 8 h, 2 spares, the first crew of each operator a VSAT); each operator and China Tower crew fielded as four vehicles (two an hour after the others, half its loadout each); Linxia prefecture crews (CMCC 2, CUCC 1, CTCC 1, China Tower 1; active at T0, 1 h to assemble, from the Linxia base); Minhe county crews (CMCC, CUCC, CTCC) from Chuankou; provincial emergency-communication teams activated by the HQ (Gansu emergency management department, and CMCC, CUCC, CTCC Gansu from Lanzhou; CMCC Qinghai from Xining: comms vehicles 1–2, portable base stations 2–4, 2 VSAT, a tethered UAV, satellite phones and BeiDou); one national team from Xi'an (2 h to assemble, then the long haul); power crews with generator trucks (12 h fuel) from the county supply company, Linxia, the Gansu provincial company and Minhe; five road crews (county highway section, Linxia highway bureau, Minhe highway section from Chuankou); fire forward squads moving by motorcycle, by helicopter or on foot (the first mode that can make the trip) with 4 satellite phones and 4 BeiDou terminals each (county station active at T0; Linxia and Lanzhou squads activated by the HQ; the Gansu corps' communication squad carries a tethered UAV). Lanzhou, Xining and Chuankou are off the road network, so those teams start at the Linxia base or the Minhe gate and cover the rest as a long haul (origin) at ${HAUL_KMH_NEAR} km/h over the straight line (Lanzhou–Linxia ≈ 76 km straight, about 2 h by expressway); Xi'an–Linxia at 60 km/h over ≈ ${forcesCheck.longHaulKm["Xi'an→Linxia"]} km straight, about 9 h. Shifts 12 h (engine default). Counts in metadata.forcesCheck.`,
        },
        {
          layer: 'bases: b-minhe-gate',
          source: 'Added with the response forces: where the Guanting–Chuankou road leaves the map (road node minhe-north). Qinghai forces from Chuankou and Xining enter here; the Chuankou base itself is off the road network.',
          estimated: true,
        },
        {
          layer: 'resources.uavs',
          source: `Wing Loong-2H (large fixed wing) from Zigong, Sichuan (≈ 104.77E 29.34N per public reports), about ${forcesCheck.uavAirfieldKm['Zigong→epicentre']} km from the epicentre in a straight line (official figures as reported by news media: "a base about 1,000 km away", which is about the flown route); one medium unmanned helicopter platform at Lanzhou Zhongchuan airport (103.62E 36.52N, about ${forcesCheck.uavAirfieldKm['Lanzhou Zhongchuan→epicentre']} km away). Both emhq.`,
          estimated: true,
          note: 'The medium platform at Lanzhou is an assumption (no public report of one at Jishishan); with 4 h endurance at 120 km/h it has about 2 h on station. Platform figures: src/response/uav-parameters.ts.',
        },
        {
          layer: 'resources.helicopters',
          source: 'Assumption: one medium rescue helicopter (12 seats, engine default 220 km/h, wind limit force 6) for airlifting forward squads between the landing zones. The format has no helicopter base; the aircraft is available at whichever landing zone a lift starts from.',
          estimated: true,
        },
        {
          layer: 'weather',
          source: 'Wind and visibility are an assumption, not observed data: a fresh breeze (Beaufort 5, visibility 10 km) to T+12 h, then force 3 (visibility 15 km) to the end. Below every aircraft limit (medium UAV take-off 6, helicopter 6, Wing Loong take-off 8), so nothing is grounded; drills can add a window to ground them. Air temperature, for the batteries: −12 °C to T+12 h, from the night\'s reports (about −12 °C at Liugou, the epicentral township, about 02:00, 鲁中晨报 as carried by news.china.com/socialgd/10000169/20231219/45972901.html; −14 °C at 06:00 in the quake area, 临夏州气象局, same page; −13 to −3 °C over the past 24 h at Shiyuan station 7.3 km from the epicentre, 兰州中心气象台 as carried by 香港商報, hkcd.com/hkcdweb/content/2023/12/19/content_8615262.html); then −5 °C, the middle of the forecast lows (−14 to −10 °C) and highs (1 to 5 °C) for the following days (same 香港商報 page).',
          estimated: true,
        },
      ],
      calibration: {
        source: 'Official figures for the 18 December 2023 Jishishan Ms 6.2 earthquake (Gansu and Qinghai) as reported by news media; treat single numbers as ±10 %.',
        epicentre: '35.70N 102.79E, depth 10 km, Ms 6.2 (USGS Mww 5.9), Liugou township, 8 km from the county seat',
        county: '910 km², 17 townships, 239,400 people',
        intensityMap: 'max VIII; VI+ 8,364 km² (Gansu 5,232, Qinghai 3,132); VIII 331, VII 1,514, VI 6,519 km²; VI-zone axes 124 × 85 km (NNW)',
        towerSitesWithoutMains: { value: '143 of 200 (71.5 %)', when: 'T+6 h' },
        operatorCrew: 'one operator first crew on site T+0.5 h; 35 of its 62 failed stations restored by T+10 h',
        baseStationsOut: { value: '314 cumulative, Gansu + Qinghai, all operators; 279 restored (89 %); 2 fibre cables cut and restored; 890+ people, 217 vehicles, 422 generators, 32 satellite phones', when: 'T+14 h' },
        power: '3×750 kV, 5×330 kV, 9×35 kV, 29×10 kV lines tripped; 2×35 kV substations out; 59,832 customers out; > 80 % back by T+11 h, all by T+19.3 h',
        roads: 'trunk and access roads to the worst-hit areas open T+19 h; 52 roads (172 km) reopened by T+65 h',
        largeUav: 'Wing Loong-2H took off T+12.7 h from about 1,000 km away; about 50 km² of three-operator coverage',
        fireAndRescue: 'first rescues T+1.2 h; 1,440 national fire rescuers sent by about T+4 h',
        secondaryHazard: 'liquefaction flowslide at Caotan/Jintian villages, Zhongchuan (Minhe): source ≈ 110,000 m², run-out ≈ 3 km, 20 people missing',
        casualties: '151 dead, about 980 injured',
      },
      // The figures `drilltwin hindcast` compares the model with (README, "Model against observed"): the calibration's
      // figures above, machine-readable. T0 is 23:59:30 on 18 December 2023 (Beijing time), so 14:00 on the 19th is T+14 h.
      observed: {
        source: 'Official figures for the 18 December 2023 Jishishan Ms 6.2 earthquake (Gansu and Qinghai) as reported by news media; treat single numbers as ±10 %.',
        points: [
          {
            id: 'sites-restored-14h',
            quantity: 'failedSitesRestoredFrac',
            tHours: 14,
            value: 0.89,
            what: '314 base stations out across Gansu and Qinghai (earthquake and power loss), 279 restored by 14:00 on 19 December (89 %); the map holds 23 of the 118 affected townships, the worst hit',
            source: 'CCTV News (央视新闻) relaying the Ministry of Industry and Information Technology, as reported by IT之家 (IT Home), 19 December 2023: "截至 12 月 19 日 14 时，因地震和电力中断影响退服的 314 座基站已抢修恢复 279 座", https://ithome.com/0/740/285.htm',
            uncertain: false,
          },
          {
            id: 'one-operator-sites-restored-10h',
            quantity: 'failedSitesRestoredFrac',
            tHours: 10,
            value: 0.56,
            what: 'one operator restored 35 of its 62 failed stations by T+10 h (56 %); one operator\'s share, compared with the model\'s share over all operators',
            source: 'The operator\'s figures for the 18 December 2023 Jishishan Ms 6.2 earthquake as reported by news media (the outlet was not recorded with the figure)',
            uncertain: true,
          },
          {
            id: 'power-restored-11h',
            quantity: 'powerRestoredFrac',
            tHours: 11,
            value: 0.8,
            valueLo: 0.8,
            valueHi: 1,
            what: '59,832 customers out in Gansu and Qinghai; more than eight in ten back by 11:00 on 19 December',
            source: 'National Energy Administration (国家能源局), 《电力行业全力抢修 甘肃临夏州地震受灾停电用户已全部恢复供电》, 20 December 2023: "截至19日11时……59832户用户……停电，……停电用户超八成已恢复"',
            uncertain: true,
          },
          {
            id: 'power-restored-19.3h',
            quantity: 'powerRestoredFrac',
            tHours: 19.3,
            value: 1,
            what: 'all customers who could take supply back by 19:20 on 19 December (1,480 Gansu households whose homes could not were moved to settlements fed from the grid)',
            source: 'National Energy Administration (国家能源局), 《电力行业全力抢修 甘肃临夏州地震受灾停电用户已全部恢复供电》, 20 December 2023; Xinhua, "Main power grid circuits fully restored in earthquake-hit area of China\'s Gansu", 19 December 2023, http://en.people.cn/n3/2023/1220/c90000-20112678.html',
            uncertain: false,
          },
          {
            id: 'roads-open-19h',
            quantity: 'roadsReopenedFrac',
            tHours: 19,
            value: 1,
            what: 'by 19:00 on 19 December the expressways and trunk roads in the quake areas were open and the rural roads to the worst-hit areas all reopened; other roads were still being cleared (52 roads, 172 km, reopened by T+65 h), so the share of all blocked road segments open was lower than this',
            source: 'Ministry of Transport, as reported by China News Service (中新社) on 19 December 2023 and printed in 澳门日报 (Macao Daily News), 《陇青震区全恢复供电》, 20 December 2023, https://appimg.modaily.cn/app/szb/pc/content/202312/20/content_309045.html',
            uncertain: true,
          },
          {
            id: 'first-uav-on-station',
            quantity: 'firstUavOnStationHours',
            tHours: 17.6,
            value: 17.6,
            valueLo: 17.6,
            valueHi: 19.4,
            what: 'the Wing Loong-2H took off from Zigong Lantian airport at 12:43 on 19 December (T+12.7 h); its arrival time was not published, so on station is take-off + transit at its published 150 km/h cruise: 730 km straight (T+17.6 h) to the ~1,000 km flown route (T+19.4 h). The model counts any UAV, and its first is the medium UAV from Lanzhou (an assumption of this scenario), so the doctrine-on runs are expected earlier',
            source: 'Aviation Industry Corporation of China (航空工业), as reported by 极目新闻 (Jimu News), 《翼龙无人机已抵达积石山县，实时回传灾区现场画面》, 19 December 2023: "19日12时43分，翼龙-2H应急救灾型无人机……从自贡兰田机场起飞"; cruise 150 km/h: published Wing Loong-2H figures',
            uncertain: true,
          },
        ],
      } satisfies ObservedDoc,
      assumptions: [
        'Generator pools (40 CMCC, 20 CUCC, 20 CTCC, 30 China Tower portable generators; 8 h fuel; 2 h lead time) are assumptions sized for the county; the real response brought 422 generators into Gansu and Qinghai by T+14 h.',
        'Super base stations: 150 kWh and 72 h generator fuel (both assumptions; 72 h is the endurance often quoted for super base stations).',
        'Battery derating, 5G load per system and the CUCC/CTCC shared 5G RAN are assumptions.',
        'Loess amplification zone shape and +1.0 increment are assumptions.',
        'Backhaul tree, fibre routes, substation supply chain and customer counts are synthetic (see metadata.sources).',
        'Township aggregation sites: 40–60 kWh batteries and a fixed generator with 12–24 h of fuel (see metadata.aggregationHardening).',
        'Response forces: team counts, crews, loadouts, activation delays and long-haul speeds are assumptions sized to the observed totals (metadata.forcesCheck); weather windows are assumed.',
      ],
      siteStats: {
        jishishan: sites.filter((s) => s.township.county === 'JSS').length,
        minhe: sites.filter((s) => s.township.county === 'MH').length,
        batteryHours: { min: quantile(0), p10: quantile(0.1), median: quantile(0.5), p90: quantile(0.9), max: quantile(0.999) },
      },
      isoseismalCheck: isoMembership,
      backhaulCheck: backhaulStats,
      customersBySubstation: Object.fromEntries(servingSubs.map((s) => [s.id, customersOf.get(s.id) as number])),
      groundFailureCheck,
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
      bases: baseFeatures.length,
      landingZones: lzFeatures.length,
      shelters: shelterFeatures.length,
      forces: forcesCheck,
      isoAxes: isoAxes.map((x) => ({ I: x.intensity, a: round1(x.a), b: round1(x.b) })),
      gbOnly,
      withLoess,
      loessRadiusKm: LOESS_R_KM,
      batteryHours: scenario.metadata.siteStats,
      isoMembership,
    },
  };
}

if (isMainModule(import.meta.url)) {
  const { texts, summary } = buildJishishan();
  writeScenarioTexts(JISHISHAN_DIR, texts);
  console.log(JSON.stringify(summary, null, 1));
}
