// Builds scenarios/jiuzhaigou-2017/: the Ms 7.0 Jiuzhaigou earthquake of
// 2017-08-08 21:19 (Beijing time), Jiuzhaigou county (Aba, Sichuan) and the
// Songpan townships around Huanglong.
//
//   node --import tsx tools/build-jiuzhaigou.ts
//
// Built like tools/build-jishishan.ts: every random choice comes from one
// mulberry32 stream with a fixed seed and every coordinate is rounded to 5
// decimals, so running the script twice gives byte-identical files. What is
// real and what is estimated is written into scenario.json `metadata.sources`
// and the scenario README; the public figures the run is compared against are
// in `metadata.observed`.
//
// buildJiuzhaigou() returns the file texts; run as a script it writes them.
// tools/build-scenarios.test.ts checks they equal the committed files.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  FeederProps,
  HelicopterDoc,
  InjectDoc,
  ObservedDoc,
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
  byDistanceTo,
  chainThroughVillages,
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
  lineFeature,
  localPlane,
  nameTeamsInEnglish,
  nearestFeeder,
  offsetOnBearing,
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

/** Where the built files go (the CLI); buildJiuzhaigou itself writes nothing. */
export const JIUZHAIGOU_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'scenarios', 'jiuzhaigou-2017');

const HOUR_SEC = 3600;

/** The file texts of scenarios/jiuzhaigou-2017 (keyed by path in the folder) and a summary of what was built. */
export function buildJiuzhaigou(): { texts: ScenarioTexts; summary: Record<string, unknown> } {
  const texts: ScenarioTexts = {};

  // ---------------------------------------------------------------- utilities

  const rng = seededRandom(20170808);
  const { next: rand, uniform } = rng;

  // CENC: 33.20N 103.82E, depth 20 km, Ms 7.0. Local equirectangular plane around it.
  const EPICENTER: LL = [103.82, 33.2];
  const PLANE = localPlane(EPICENTER);
  const { toKm, fromKm, km: distKm } = PLANE;
  const offset = (p: LL, km: number, deg: number): LL => offsetOnBearing(PLANE, p, km, deg);

  // ---------------------------------------------------------------- townships

  type County = 'JZG' | 'SP';
  const COUNTY_NAME: Record<County, string> = { JZG: '九寨沟县', SP: '松潘县' };
  const COUNTY_CODE: Record<County, string> = { JZG: '513225', SP: '513224' };

  interface Township {
    key: string;
    id: string;
    nameZh: string;
    nameEn: string;
    seat: LL;
    /** Residents (assumed split) plus, in Zhangzha and Huanglong, the visitors assumed there that night. */
    population: number;
    county: County;
    town: boolean;
  }
  // The 2 towns and 15 townships of Jiuzhaigou county as public gazetteers list them for 2017 (before the 2019
  // township reform), and the two Songpan townships on the way in (Chuanzhusi, with the Jiuzhai–Huanglong airport
  // road) and around Huanglong. Seats: approximate, from memory of public maps — the county seat, Zhangzha and the
  // Songpan seats to about 2 km, the smaller townships' seats only to their valley (±5–8 km). Residents: an assumed
  // split of the county's ~81,000 people (2010 census, rounded); visitors: assumptions (see metadata.sources).
  const TOWNSHIP_ROWS: [string, string, string, number, number, number, County, boolean][] = [
    ['yongle', '永乐镇', 'Yongle', 104.236, 33.262, 22000, 'JZG', true],
    ['zhangzha', '漳扎镇', 'Zhangzha', 103.913, 33.262, 39000, 'JZG', true], // 9,000 residents + 30,000 visitors (assumption)
    ['shuanghe', '双河乡', 'Shuanghe', 104.0, 33.29, 3500, 'JZG', false],
    ['lingjiang', '陵江乡', 'Lingjiang', 104.07, 33.27, 3500, 'JZG', false],
    ['heihe', '黑河乡', 'Heihe', 103.96, 33.45, 2500, 'JZG', false],
    ['dalu', '大录乡', 'Dalu', 103.99, 33.13, 3000, 'JZG', false],
    ['yuwa', '玉瓦乡', 'Yuwa', 104.09, 33.13, 2500, 'JZG', false],
    ['luoyi', '罗依乡', 'Luoyi', 104.13, 33.34, 3500, 'JZG', false],
    ['baihe', '白河乡', 'Baihe', 104.16, 33.39, 2500, 'JZG', false],
    ['yongfeng', '永丰乡', 'Yongfeng', 104.28, 33.32, 4000, 'JZG', false],
    ['baohua', '保华乡', 'Baohua', 104.33, 33.38, 4000, 'JZG', false],
    ['yonghe', '永和乡', 'Yonghe', 104.195, 33.215, 4000, 'JZG', false],
    ['caodi', '草地乡', 'Caodi', 104.2, 33.12, 2500, 'JZG', false],
    ['anle', '安乐乡', 'Anle', 104.31, 33.215, 4000, 'JZG', false],
    ['majia', '马家乡', 'Majia', 104.42, 33.2, 3500, 'JZG', false],
    ['guoyuan', '郭元乡', 'Guoyuan', 104.37, 33.14, 3500, 'JZG', false],
    ['wujiao', '勿角乡', 'Wujiao', 104.45, 33.05, 3500, 'JZG', false],
    ['chuanzhusi', '川主寺镇', 'Chuanzhusi', 103.618, 32.79, 14000, 'SP', true], // 11,000 residents + 3,000 visitors
    ['huanglong', '黄龙乡', 'Huanglong', 103.83, 32.752, 4500, 'SP', false], // 2,500 residents + 2,000 visitors
  ];
  const VISITORS: Record<string, number> = { zhangzha: 30000, chuanzhusi: 3000, huanglong: 2000 };
  const TOWNSHIPS: Township[] = TOWNSHIP_ROWS.map(([key, nameZh, nameEn, lon, lat, population, county, town]) => ({ key, id: `t-${key}`, nameZh, nameEn, seat: [lon, lat], population, county, town }));
  const TOWN = new Map(TOWNSHIPS.map((t) => [t.key, t]));
  const town = (key: string): Township => {
    const t = TOWN.get(key);
    if (!t) throw new Error(`unknown township ${key}`);
    return t;
  };
  const JZG_RESIDENTS = TOWNSHIPS.filter((t) => t.county === 'JZG').reduce((s, t) => s + t.population - (VISITORS[t.key] ?? 0), 0);
  if (JZG_RESIDENTS !== 81_000) throw new Error(`Jiuzhaigou residents sum to ${JZG_RESIDENTS}, expected 81000`);
  if (TOWNSHIPS.filter((t) => t.county === 'JZG').length !== 17) throw new Error('Jiuzhaigou must have 17 townships');

  // Satellite phones and BeiDou terminals kept at the township government (2027 Opinions, 工信部联信管〔2024〕256号,
  // 五、（十五）). Assumption: the county seat, Zhangzha and Chuanzhusi hold two of each; the rest none.
  const PREPOSITIONED: Record<string, { satPhones: number; beidou: number }> = { yongle: { satPhones: 2, beidou: 2 }, zhangzha: { satPhones: 2, beidou: 2 }, chuanzhusi: { satPhones: 2, beidou: 2 } };
  const townshipFeatures = TOWNSHIPS.map((t) =>
    pointFeature<TownshipProps>(t.seat, townshipLayerProps(t, PREPOSITIONED[t.key], { code: COUNTY_CODE[t.county], nameZh: COUNTY_NAME[t.county] })),
  );

  // ---------------------------------------------------------------- roads

  // Nodes: township seats plus named places on the valley roads (approximate positions from memory of public maps).
  const roadNodes = new Map<string, LL>();
  const node = (key: string, at: LL): void => void roadNodes.set(key, rll(at));
  for (const t of TOWNSHIPS) node(t.key, t.seat);
  node('songpan-exit', [103.6, 32.7]); // G213 towards the Songpan county seat (off the map)
  node('gonggangling', [103.7, 32.985]); // 弓杠岭 pass, ~3,690 m, between the Min and Baishui headwaters
  node('shangsizhai', [103.77, 33.11]); // 上四寨
  node('ganhaizi', [103.845, 33.215]); // 甘海子 / 九寨天堂 (Jiuzhai Paradise)
  node('xuebao-pass', [103.735, 32.775]); // 雪宝顶垭口 on the Chuanzhusi–Huanglong road
  node('shuzheng', [103.905, 33.205]); // 树正
  node('nuorilang', [103.912, 33.163]); // 诺日朗
  node('wuhuahai', [103.88, 33.12]); // 五花海, Rize gully
  node('rize-end', [103.862, 33.05]); // 原始森林, head of Rize gully
  node('changhai', [103.93, 33.04]); // 长海, head of Zechawa gully
  node('gansu-exit', [104.56, 32.99]); // towards Wenxian (Gansu) and Pingwu (off the map)

  interface RoadEdge {
    from: string;
    to: string;
    roadClass: RoadClass;
    nameZh: string;
    /** Township whose villages and sites line this road. */
    town: string;
    bridges?: number[];
    bridgeClass?: RoadProps['bridgeClass'];
    wiggleKm?: number;
  }
  const G544 = 'G544（原S301，川主寺—九寨沟）';
  const G544E = 'G544（九寨沟口—县城，白水江河谷）';
  const SCENIC = '九寨沟景区观光公路';
  const ROAD_EDGES: RoadEdge[] = [
    { from: 'songpan-exit', to: 'chuanzhusi', roadClass: 'national', nameZh: 'G213（松潘—川主寺）', town: 'chuanzhusi', wiggleKm: 0.4 },
    { from: 'chuanzhusi', to: 'gonggangling', roadClass: 'national', nameZh: G544, town: 'chuanzhusi', wiggleKm: 0.8 },
    { from: 'gonggangling', to: 'shangsizhai', roadClass: 'national', nameZh: G544, town: 'zhangzha', wiggleKm: 0.8, bridges: [0.6], bridgeClass: 'conventional' },
    { from: 'shangsizhai', to: 'ganhaizi', roadClass: 'national', nameZh: `${G544}峡谷段`, town: 'zhangzha', wiggleKm: 0.6, bridges: [0.4], bridgeClass: 'conventional' },
    { from: 'ganhaizi', to: 'zhangzha', roadClass: 'national', nameZh: `${G544}峡谷段（九寨天堂—沟口）`, town: 'zhangzha', wiggleKm: 0.5, bridges: [0.5], bridgeClass: 'conventional' },
    { from: 'zhangzha', to: 'shuanghe', roadClass: 'national', nameZh: G544E, town: 'shuanghe', wiggleKm: 0.5 },
    { from: 'shuanghe', to: 'lingjiang', roadClass: 'national', nameZh: G544E, town: 'lingjiang', wiggleKm: 0.5, bridges: [0.5], bridgeClass: 'seismic' },
    { from: 'lingjiang', to: 'yongle', roadClass: 'national', nameZh: G544E, town: 'lingjiang', wiggleKm: 0.6 },
    { from: 'yongle', to: 'anle', roadClass: 'provincial', nameZh: '县城—甘肃文县公路（白水江下游）', town: 'anle', wiggleKm: 0.5 },
    { from: 'anle', to: 'guoyuan', roadClass: 'provincial', nameZh: '县城—甘肃文县公路（白水江下游）', town: 'guoyuan', wiggleKm: 0.6, bridges: [0.5], bridgeClass: 'conventional' },
    { from: 'guoyuan', to: 'wujiao', roadClass: 'provincial', nameZh: '县城—甘肃文县公路（白水江下游）', town: 'wujiao', wiggleKm: 0.6 },
    { from: 'wujiao', to: 'gansu-exit', roadClass: 'provincial', nameZh: '县城—甘肃文县公路（白水江下游）', town: 'wujiao', wiggleKm: 0.6 },
    { from: 'chuanzhusi', to: 'xuebao-pass', roadClass: 'provincial', nameZh: '川主寺—黄龙公路（雪宝顶垭口）', town: 'chuanzhusi', wiggleKm: 0.5 },
    { from: 'xuebao-pass', to: 'huanglong', roadClass: 'provincial', nameZh: '川主寺—黄龙公路（雪宝顶垭口）', town: 'huanglong', wiggleKm: 0.5 },
    // The scenic area's own bus road (Zhangzha is the gate): Shuzheng and Nuorilang, then the Rize and Zechawa gullies.
    { from: 'zhangzha', to: 'shuzheng', roadClass: 'county', nameZh: SCENIC, town: 'zhangzha', wiggleKm: 0.4 },
    { from: 'shuzheng', to: 'nuorilang', roadClass: 'county', nameZh: SCENIC, town: 'zhangzha', wiggleKm: 0.3 },
    { from: 'nuorilang', to: 'wuhuahai', roadClass: 'county', nameZh: `${SCENIC}（日则沟）`, town: 'zhangzha', wiggleKm: 0.4 },
    { from: 'wuhuahai', to: 'rize-end', roadClass: 'county', nameZh: `${SCENIC}（日则沟）`, town: 'zhangzha', wiggleKm: 0.4 },
    { from: 'nuorilang', to: 'changhai', roadClass: 'county', nameZh: `${SCENIC}（则查洼沟）`, town: 'zhangzha', wiggleKm: 0.5 },
    // County roads up the side valleys.
    { from: 'shuanghe', to: 'heihe', roadClass: 'county', nameZh: '双河—黑河公路', town: 'heihe', wiggleKm: 0.8, bridges: [0.3], bridgeClass: 'singleSpan' },
    { from: 'lingjiang', to: 'dalu', roadClass: 'county', nameZh: '陵江—大录公路', town: 'dalu', wiggleKm: 0.8 },
    { from: 'yonghe', to: 'yuwa', roadClass: 'county', nameZh: '永和—玉瓦公路', town: 'yuwa', wiggleKm: 0.7, bridges: [0.5], bridgeClass: 'singleSpan' },
    { from: 'yongle', to: 'yonghe', roadClass: 'county', nameZh: '县城—永和公路', town: 'yonghe', wiggleKm: 0.5 },
    { from: 'yonghe', to: 'caodi', roadClass: 'county', nameZh: '永和—草地公路', town: 'caodi', wiggleKm: 0.7 },
    { from: 'lingjiang', to: 'luoyi', roadClass: 'county', nameZh: '陵江—罗依公路', town: 'luoyi', wiggleKm: 0.6 },
    { from: 'luoyi', to: 'baihe', roadClass: 'county', nameZh: '罗依—白河公路', town: 'baihe', wiggleKm: 0.6 },
    { from: 'yongle', to: 'yongfeng', roadClass: 'county', nameZh: '县城—永丰公路', town: 'yongfeng', wiggleKm: 0.5 },
    { from: 'yongfeng', to: 'baohua', roadClass: 'county', nameZh: '永丰—保华公路', town: 'baohua', wiggleKm: 0.6 },
    { from: 'anle', to: 'majia', roadClass: 'county', nameZh: '安乐—马家公路', town: 'majia', wiggleKm: 0.6 },
  ];
  for (const e of ROAD_EDGES) town(e.town);

  // Valley roads wind (a vertex every 1.5 km, at most 8 pieces); segments of 3–4 km by class, bridges 160 m.
  // Their terrain class comes from the relief below.
  const roadSegs = drawRoads(
    PLANE,
    rng,
    roadNodes,
    ROAD_EDGES,
    { vertexEveryKm: 1.5, maxPieces: 8 },
    { maxSegmentKm: { expressway: 4, national: 3, provincial: 3.5, county: 3.5, rural: 4 }, bridgeKm: 0.16 },
  );

  // ---------------------------------------------------------------- relief (approximation)

  // No measured elevation model can be had where this is built, so the relief is made from the valley floors the
  // roads follow (levels at named points, from public figures where there are some: Yongle ~1,400 m, the Jiuzhai
  // gate ~2,000 m, Nuorilang ~2,400 m, Long Lake 3,060 m, Gonggangling pass ~3,690 m, Chuanzhusi ~2,950 m,
  // Huanglong ~3,150 m at the village; the others assumed), ground rising away from the nearest valley floor to
  // ridges 1,100–1,600 m above it, and Xuebaoding (5,588 m) south-east of Chuanzhusi. Road segments take their
  // terrain class (which the landslide model reads) from this grid: the relief within 1.5 km of the segment.
  const FLOOR_M: Record<string, number> = {
    'songpan-exit': 2850, chuanzhusi: 2950, gonggangling: 3690, shangsizhai: 3000, ganhaizi: 2300, zhangzha: 2000,
    shuanghe: 1800, lingjiang: 1650, yongle: 1400, anle: 1300, guoyuan: 1200, wujiao: 1100, 'gansu-exit': 1000,
    'xuebao-pass': 3900, huanglong: 3150, shuzheng: 2200, nuorilang: 2400, wuhuahai: 2500, 'rize-end': 2900, changhai: 3060,
    heihe: 2400, dalu: 2300, yuwa: 2200, yonghe: 1700, caodi: 2100, luoyi: 1900, baihe: 2000, yongfeng: 1600, baohua: 1800, majia: 1600,
  };
  for (const k of roadNodes.keys()) if (FLOOR_M[k] === undefined) throw new Error(`no valley-floor level for node ${k}`);
  // Valley floors: each road edge's straight course between its nodes, level interpolated along it.
  const floors = ROAD_EDGES.map((e) => ({ a: roadNodes.get(e.from) as LL, b: roadNodes.get(e.to) as LL, za: FLOOR_M[e.from], zb: FLOOR_M[e.to] }));
  const XUEBAODING: LL = [103.81, 32.68];
  function groundM(ll: LL): number {
    let best = Infinity;
    let level = 0;
    for (const f of floors) {
      const [px, py] = toKm(ll, f.a);
      const [bx, by] = toKm(f.b, f.a);
      const L2 = bx * bx + by * by;
      const t = L2 === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / L2));
      const d = Math.hypot(px - t * bx, py - t * by);
      if (d < best) {
        best = d;
        level = f.za + t * (f.zb - f.za);
      }
    }
    const ridge = 1100 + 500 * Math.min(1, best / 15);
    const peak = 2300 * Math.exp(-((distKm(ll, XUEBAODING) / 5) ** 2));
    return Math.min(5588, level + ridge * (1 - Math.exp(-best / 2.5)) + peak);
  }
  const RELIEF_CELL_DEG = 0.01;
  const RELIEF_ORIGIN: LL = [103.55, 33.52];
  const relief = elevationGrid(RELIEF_ORIGIN, RELIEF_CELL_DEG, 86, 106, groundM,
    'APPROXIMATION, not measured data: no digital elevation model could be reached where this scenario is built. Built by tools/build-jiuzhaigou.ts from the valley floors the roads follow (levels at named points: Yongle ~1,400 m, the Jiuzhai gate ~2,000 m, Long Lake 3,060 m, Gonggangling pass ~3,690 m, Chuanzhusi ~2,950 m, Huanglong ~3,150 m; others assumed), ground rising 1,100–1,600 m to the ridges away from the nearest valley floor, and Xuebaoding (5,588 m). For map shading, the road segments\' terrain class and the altitude of work on site; replace with SRTM or ASTER GDEM where they can be had.');
  const reliefAt = (ll: LL): number => {
    const c = Math.max(0, Math.min(relief.cols - 1, Math.round((ll[0] - RELIEF_ORIGIN[0]) / RELIEF_CELL_DEG)));
    const r = Math.max(0, Math.min(relief.rows - 1, Math.round((RELIEF_ORIGIN[1] - ll[1]) / RELIEF_CELL_DEG)));
    return relief.elevationM[r * relief.cols + c];
  };
  /** Relief (max − min of the grid) within 1.5 km of a segment: > 600 m mountain, > 250 m hilly, else flat. */
  function terrainOf(line: LL[]): { terrain: RoadProps['terrain']; reliefM: number } {
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of line) {
      for (const [dx, dy] of [[0, 0], [1.5, 0], [-1.5, 0], [0, 1.5], [0, -1.5], [1.06, 1.06], [-1.06, 1.06], [1.06, -1.06], [-1.06, -1.06]]) {
        const z = reliefAt(fromKm([dx, dy], p));
        lo = Math.min(lo, z);
        hi = Math.max(hi, z);
      }
    }
    const reliefM = hi - lo;
    return { terrain: reliefM > 600 ? 'mountain' : reliefM > 250 ? 'hilly' : 'flat', reliefM };
  }
  const roadFeatures = roadSegs.map((s) => {
    const { terrain } = terrainOf(s.line);
    return lineFeature<RoadProps>(s.line, roadSegmentProps(s, terrain));
  });
  const terrainCount = { flat: 0, hilly: 0, mountain: 0 } as Record<string, number>;
  for (const f of roadFeatures) terrainCount[f.properties.terrain as string]++;

  // ---------------------------------------------------------------- population

  /** Road vertices of a township's own roads: villages and sites sit along the valley roads, not on the slopes. */
  const vertsOf = new Map<string, LL[]>();
  for (const s of roadSegs) {
    const list = vertsOf.get(s.edge.town) ?? [];
    list.push(...s.line);
    vertsOf.set(s.edge.town, list);
  }
  for (const t of TOWNSHIPS) if (!vertsOf.get(t.key)?.length) vertsOf.set(t.key, [t.seat]);
  function nearRoad(t: Township, minKm: number, maxKm: number, avoid: LL[], sepKm: number): LL {
    const verts = vertsOf.get(t.key) as LL[];
    for (let attempt = 0; attempt < 300; attempt++) {
      const v = verts[Math.floor(rand() * verts.length)];
      const p = offset(v, uniform(minKm, maxKm), uniform(0, 360));
      if (avoid.some((q) => distKm(p, q) < (attempt < 200 ? sepKm : sepKm / 3))) continue;
      return p;
    }
    return offset(t.seat, uniform(0.1, 0.5), uniform(0, 360));
  }
  interface PopPoint {
    id: string;
    township: Township;
    at: LL;
    population: number;
  }
  const popPoints: PopPoint[] = [];
  const popByTown = new Map<string, PopPoint[]>();
  for (const t of TOWNSHIPS) {
    const n = Math.max(4, Math.min(9, Math.round(t.population / 1000)));
    const pts: LL[] = [offset(t.seat, uniform(0.1, 0.4), uniform(0, 360))];
    for (let i = 1; i < n; i++) pts.push(nearRoad(t, 0.1, 0.6, pts, 1.2));
    const seatShare = t.key === 'yongle' ? 0.6 : t.town ? 0.35 : 0.2;
    const weights = pts.map((_, i) => (i === 0 ? seatShare * (n - 1) : uniform(0.5, 1.5) * (1 - seatShare)));
    const parts = apportion(t.population, weights);
    const list = pts.map((at, i) => ({ id: `p-${t.key}-${i + 1}`, township: t, at, population: parts[i] }));
    popByTown.set(t.key, list);
    popPoints.push(...list);
  }
  const populationFeatures = popPoints.map((p) => pointFeature<PopulationPointProps>(p.at, { id: p.id, township: p.township.id, population: p.population }));

  // ---------------------------------------------------------------- power grid

  // Two grids (as reported: the county seat is on an isolated local grid, not State Grid). State Grid (Aba): the
  // 110 kV Jiuzhaigou substation, fed from Songpan over one 110 kV line through the gorge, serving Zhangzha and the
  // scenic area; the 35 kV Huanglong substation. The local grid (county hydro company): 35 kV substations at the
  // county seat and Anle with no upstream (small hydro stations stand behind them). Positions, voltages other than
  // the two named substations, and the supply chain are assumptions.
  interface Substation {
    id: string;
    nameZh: string;
    at: LL;
    voltageKv: number;
    hazusClass: SubstationClass;
    upstream?: string;
  }
  const SUBSTATIONS: Substation[] = [
    { id: 'ss-songpan-220', nameZh: '松潘220千伏变电站（川主寺附近，位置为假设）', at: [103.63, 32.805], voltageKv: 220, hazusClass: 'high-anchored' },
    { id: 'ss-jiuzhaigou-110', nameZh: '九寨沟110千伏变电站（国网，位置为假设：九寨天堂—沟口间）', at: [103.88, 33.245], voltageKv: 110, hazusClass: 'medium-unanchored', upstream: 'ss-songpan-220' },
    { id: 'ss-huanglong-35', nameZh: '黄龙35千伏变电站', at: [103.822, 32.755], voltageKv: 35, hazusClass: 'low-unanchored', upstream: 'ss-songpan-220' },
    { id: 'ss-chuanzhusi-35', nameZh: '川主寺35千伏变电站（假设）', at: [103.622, 32.795], voltageKv: 35, hazusClass: 'low-anchored', upstream: 'ss-songpan-220' },
    { id: 'ss-yongle-35', nameZh: '九寨沟县地方电网永乐35千伏变电站（假设）', at: [104.232, 33.258], voltageKv: 35, hazusClass: 'low-anchored' },
    { id: 'ss-anle-35', nameZh: '九寨沟县地方电网安乐35千伏变电站（假设）', at: [104.305, 33.218], voltageKv: 35, hazusClass: 'low-anchored' },
    { id: 'ss-lingjiang-35', nameZh: '九寨沟县地方电网陵江35千伏变电站（假设）', at: [104.066, 33.268], voltageKv: 35, hazusClass: 'low-unanchored' },
  ];
  const SUB = new Map(SUBSTATIONS.map((s) => [s.id, s]));
  // 10 kV feeders: [id, substation, township, via nodes beyond the seat]. 29 on State Grid (the observed count of
  // 10 kV lines out), 14 on the local grid (assumption).
  const FEEDER_ROWS: [string, string, string, string[]][] = [];
  const sg = (n: number, sub: string, t: string, via: string[] = []) => {
    for (let i = 0; i < n; i++) FEEDER_ROWS.push([`f-${t}-${String(i + 1).padStart(2, '0')}`, sub, t, via]);
  };
  sg(8, 'ss-jiuzhaigou-110', 'zhangzha');
  sg(3, 'ss-jiuzhaigou-110', 'shuanghe');
  sg(2, 'ss-jiuzhaigou-110', 'heihe');
  sg(2, 'ss-jiuzhaigou-110', 'dalu');
  sg(4, 'ss-huanglong-35', 'huanglong');
  sg(6, 'ss-chuanzhusi-35', 'chuanzhusi');
  // Scenic-area lines (State Grid, from the 110 kV station through the gate into the valley).
  for (const [id, to] of [['f-scenic-01', 'shuzheng'], ['f-scenic-02', 'nuorilang'], ['f-scenic-03', 'changhai'], ['f-scenic-04', 'rize-end']] as [string, string][]) FEEDER_ROWS.push([id, 'ss-jiuzhaigou-110', 'zhangzha', [to]]);
  sg(4, 'ss-yongle-35', 'yongle');
  for (const t of ['yongfeng', 'baohua', 'yonghe', 'caodi']) sg(1, 'ss-yongle-35', t);
  for (const t of ['anle', 'majia', 'guoyuan', 'wujiao']) sg(1, 'ss-anle-35', t);
  for (const t of ['lingjiang', 'luoyi', 'baihe', 'yuwa']) sg(1, 'ss-lingjiang-35', t);
  interface Feeder {
    id: string;
    substation: Substation;
    line: LL[];
    grid: 'state' | 'local';
  }
  const feeders: Feeder[] = FEEDER_ROWS.map(([id, subId, townKey, via]) => {
    const sub = SUB.get(subId) as Substation;
    const t = town(townKey);
    const line: LL[] = [sub.at];
    if (distKm(sub.at, t.seat) > 0.3) line.push(t.seat);
    if (via.length > 0) {
      const ends = { shuzheng: 'shuzheng', nuorilang: 'nuorilang', changhai: 'changhai', 'rize-end': 'rize-end' } as Record<string, string>;
      // Scenic lines follow the bus road up the valley.
      const path: Record<string, string[]> = { shuzheng: ['shuzheng'], nuorilang: ['shuzheng', 'nuorilang'], changhai: ['shuzheng', 'nuorilang', 'changhai'], 'rize-end': ['shuzheng', 'nuorilang', 'wuhuahai', 'rize-end'] };
      for (const k of path[ends[via[0]]]) line.push(roadNodes.get(k) as LL);
    } else {
      // Out along the township's own villages, a different start for each of its feeders.
      const villages = (popByTown.get(t.key) ?? []).slice(1);
      const k = Number(id.slice(-2)) - 1;
      const rotated = villages.slice(k % Math.max(1, villages.length)).concat(villages.slice(0, k % Math.max(1, villages.length)));
      chainThroughVillages(PLANE, line, rotated.slice(0, 3), 3);
    }
    if (line.length < 2) line.push(offset(t.seat, 2, 45));
    const rounded = line.map(rll);
    const distinct = rounded.filter((p, i) => i === 0 || p[0] !== rounded[i - 1][0] || p[1] !== rounded[i - 1][1]);
    if (distinct.length < 2) distinct.push(rll(offset(t.seat, 1.5, 90)));
    return { id, substation: sub, line: distinct, grid: subId === 'ss-yongle-35' || subId === 'ss-anle-35' || subId === 'ss-lingjiang-35' ? 'local' : 'state' };
  });
  /** Sites and villages take power from the nearest feeder of their own grid area. */
  const stateArea = (t: Township): boolean => ['zhangzha', 'shuanghe', 'heihe', 'dalu', 'huanglong', 'chuanzhusi'].includes(t.key);
  const feederOf = (p: LL, t: Township): Feeder => nearestFeeder(PLANE, feeders.filter((f) => (f.grid === 'state') === stateArea(t)), p);
  // Customers: about 3.3 residents per customer (households and hotels; assumption) — 27,000 over the mapped
  // 87,500 residents; visitors add no customers (their hotels are counted). Split by the people the feeders reach.
  const TOTAL_CUSTOMERS = 27_000;
  const residentsShare = (p: PopPoint): number => p.population * (1 - (VISITORS[p.township.key] ?? 0) / p.township.population);
  const servingSubs = SUBSTATIONS.filter((s) => feeders.some((f) => f.substation === s));
  const customersOf = customersBySubstation(TOTAL_CUSTOMERS, servingSubs, popPoints.map((p) => ({ substation: feederOf(p.at, p.township).substation.id, people: residentsShare(p) })));
  const substationFeatures = SUBSTATIONS.map((s) => pointFeature<SubstationProps>(s.at, substationLayerProps(s, customersOf.get(s.id))));
  const feederFeatures = feeders.map((f) => lineFeature<FeederProps>(f.line, { id: f.id, substation: f.substation.id, voltageKv: 10 }));

  // ---------------------------------------------------------------- cell sites

  // 234 base stations out were 43 % of the county's (MIIT, T+11.2 h), so about 544 base stations; China Mobile alone
  // counted 360 sites. A base station here is one operator's equipment; a site of the twin is a tower carrying one to
  // three operators, about 1.6 on average in these valleys, so 340 towers in Jiuzhaigou (assumption) and 40 in the two
  // Songpan townships.
  const SITES_PER_COUNTY: Record<County, number> = { JZG: 340, SP: 40 };
  const siteCounts = new Map((['JZG', 'SP'] as County[]).flatMap((county) => [...sitesPerTownship(SITES_PER_COUNTY[county], TOWNSHIPS.filter((t) => t.county === county), 6)]));
  const SUPER_SITES = new Set(['yongle', 'zhangzha', 'chuanzhusi']);
  const URBAN_KM = 1.5;
  function environmentAt(p: LL, t: Township): 'urban' | 'suburban' | 'rural' {
    if (distKm(p, town('yongle').seat) <= URBAN_KM) return 'urban';
    if (distKm(p, t.seat) <= (t.town ? 1.5 : 0.8)) return 'suburban';
    return 'rural';
  }
  /** Radio backhaul of macro sites (assumption, as Jishishan): rural 22 % microwave, suburban 5 %. */
  const MACRO_BACKHAUL: Partial<Record<'urban' | 'suburban' | 'rural', BackhaulDraw>> = { suburban: { microwaveBelow: 0.05 }, rural: { microwaveBelow: 0.22 } };
  interface Site {
    id: string;
    at: LL;
    township: Township;
    props: Omit<SiteProps, 'feeder'>;
  }
  const sites: Site[] = [];
  const sitePositions: LL[] = [];
  for (const t of TOWNSHIPS) {
    const n = siteCounts.get(t.key) ?? 0;
    const mine: { at: LL; cls: 'macro' | 'small' | 'super' }[] = [];
    const place = (p: LL): LL => {
      sitePositions.push(p);
      return p;
    };
    if (SUPER_SITES.has(t.key)) mine.push({ at: place(offset(t.seat, uniform(0.05, 0.3), uniform(0, 360))), cls: 'super' });
    const small = t.key === 'yongle' ? 8 : t.key === 'zhangzha' ? 8 : 0;
    const centre = t.key === 'yongle' ? 10 : t.key === 'zhangzha' ? 8 : t.town ? 3 : 1;
    for (let i = 0; i < small; i++) mine.push({ at: place(offset(t.seat, uniform(0.1, 1.0), uniform(0, 360))), cls: 'small' });
    for (let i = 0; i < centre; i++) mine.push({ at: place(offset(t.seat, uniform(0.3, 1.4), uniform(0, 360))), cls: 'macro' });
    while (mine.length < n) mine.push({ at: place(nearRoad(t, 0.05, 0.4, sitePositions, 0.7)), cls: 'macro' });
    for (const s of mine) sites.push({ id: '', at: s.at, township: t, props: equipSite(rng, s.cls, environmentAt(s.at, t), MACRO_BACKHAUL, t.id) });
  }
  sites.forEach((s, i) => {
    s.id = `s-${s.township.county === 'JZG' ? 'jzg' : 'sp'}-${String(i + 1).padStart(3, '0')}`;
    s.props.id = s.id;
  });

  // ---------------------------------------------------------------- backhaul tree

  // Synthetic transmission, as Jishishan's: the Jiuzhaigou core in the county seat (its super site), the Songpan
  // side's core off the map at the Songpan county seat (the Chuanzhusi super site's fibre runs down G213 to the map
  // edge). Each township has one aggregation site (two in Zhangzha, for the scenic area) hanging off the core site on
  // its side; the Zhangzha super site is Zhangzha's aggregation site, its fibre down the Baishui valley to the county
  // seat. All other sites hang off the nearest aggregation site of their own township.
  const roads = roadGraph(roadSegs.map((s) => ({ id: s.id, line: s.line })), PLANE, (p) => `${p[0]},${p[1]}`);
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const hubsOf = (t: Township): Site[] => fibreHubs(PLANE, sites, t, t.seat);
  const superOf = (key: string): Site => hubsOf(town(key)).find((s) => s.props.siteClass === 'super') as Site;
  const JZG_CORE = superOf('yongle');
  const SP_CORE = superOf('chuanzhusi');
  if (!JZG_CORE || !SP_CORE) throw new Error('core sites not found');
  const coreIds = new Set([JZG_CORE.id, SP_CORE.id]);
  const aggregationOf = new Map<string, string>();
  const townshipAggregation = new Map<string, Site[]>();
  for (const t of TOWNSHIPS) {
    const core = t.county === 'JZG' ? JZG_CORE : SP_CORE;
    let aggs: Site[];
    if (t.key === 'yongle' || t.key === 'chuanzhusi') aggs = [core];
    else {
      const hubs = hubsOf(t).sort((a, b) => Number(b.props.siteClass === 'super') - Number(a.props.siteClass === 'super'));
      if (hubs.length === 0) throw new Error(`township ${t.key} has no fibre site to aggregate on`);
      aggs = [hubs[0]];
      if (t.key === 'zhangzha') {
        // The scenic area's own aggregation site: the fibre site nearest Nuorilang.
        const nuorilang = roadNodes.get('nuorilang') as LL;
        const second = hubsOf(t).filter((s) => s !== hubs[0]).sort(byDistanceTo(PLANE, nuorilang))[0];
        if (second) aggs.push(second);
      }
      for (const a of aggs) aggregationOf.set(a.id, core.id);
    }
    townshipAggregation.set(t.key, aggs);
    hangOffAggregation(PLANE, aggregationOf, sites, t, aggs, coreIds);
  }
  const SONGPAN_EXIT = roadNodes.get('songpan-exit') as LL;
  const { roadsOf: fibreRoadsOf, km: fibreKm } = routeFibres(roads, sites.filter((s) => s.props.backhaul === 'fibre'), (s) => {
    const aggId = aggregationOf.get(s.id);
    return aggId ? (siteById.get(aggId) as Site).at : s.id === SP_CORE.id ? SONGPAN_EXIT : null;
  });
  const aggregationSiteIds = [...townshipAggregation.values()].flat().filter((s) => !coreIds.has(s.id)).map((s) => s.id);
  const backhaulStats = backhaulSummary(coreIds, aggregationSiteIds, sites.map((s) => s.id), aggregationOf, fibreKm);
  // Aggregation hardening, as Jishishan (assumption; AGGREGATION_HARDENING in the kit).
  const aggregationHardening = hardenAggregationSites(backhaulStats.aggregationSites.map((id) => siteById.get(id) as Site));
  const hardenedOf = new Map(aggregationHardening.map((h) => [h.id, h.after]));
  const siteFeatures = sites.map((s) => pointFeature<SiteProps>(s.at, siteLayerProps(s.props, feederOf(s.at, s.township).id, { aggregationOf, fibreRoadsOf }, hardenedOf.get(s.id))));

  // ---------------------------------------------------------------- points of interest

  const SEAT = town('yongle').seat;
  const ZZ = town('zhangzha').seat;
  const BASES: [string, string, string, LL][] = [
    ['b-cmcc-jzg', '中国移动九寨沟县分公司', 'cmcc', offset(SEAT, 0.35, 20)],
    ['b-cucc-jzg', '中国联通九寨沟县分公司', 'cucc', offset(SEAT, 0.45, 80)],
    ['b-ctcc-jzg', '中国电信九寨沟县分公司', 'ctcc', offset(SEAT, 0.3, 140)],
    ['b-tower-jzg', '中国铁塔九寨沟县办事处', 'tower', offset(SEAT, 0.55, 200)],
    ['b-power-jzg', '九寨沟县地方电力公司', 'power', offset(SEAT, 0.6, 110)],
    ['b-fire-jzg', '九寨沟县消防大队', 'fire', offset(SEAT, 0.7, 300)],
    ['b-transport-jzg', '九寨沟县交通运输局（公路段）', 'transport', offset(SEAT, 0.5, 250)],
    ['b-emhq-jzg', '九寨沟县抗震救灾指挥部', 'emhq', offset(SEAT, 0.2, 330)],
    ['b-zhangzha', '漳扎镇（九寨沟口）运营商营业点与国网供电所', 'staging', offset(ZZ, 0.3, 60)],
    ['b-chuanzhusi', '川主寺镇（松潘侧力量集结点）', 'staging', offset(town('chuanzhusi').seat, 0.3, 90)],
    // Where the roads leave the map: forces from Songpan, Maerkang and Chengdu (via G213) enter at the south
    // gate; forces from Longnan (Gansu) and from Chengdu via Mianyang and Pingwu at the east gate.
    ['b-songpan-gate', 'G213图幅南口（松潘、马尔康、成都方向力量进入点）', 'staging', roadNodes.get('songpan-exit') as LL],
    ['b-east-gate', '白水江下游图幅东口（甘肃文县、四川平武方向力量进入点）', 'staging', roadNodes.get('gansu-exit') as LL],
  ];
  const baseFeatures = poiFeatures(BASES);
  const LANDING_ZONES: [string, string, LL][] = [
    ['lz-yongle', '九寨沟县城体育场（假设）', offset(SEAT, 0.6, 230)],
    ['lz-zhangzha', '九寨沟口停车场（假设）', offset(ZZ, 0.4, 150)],
    ['lz-nuorilang', '诺日朗游客中心（假设）', offset(roadNodes.get('nuorilang') as LL, 0.3, 90)],
    ['lz-ganhaizi', '甘海子（九寨天堂）平地（假设）', offset(roadNodes.get('ganhaizi') as LL, 0.3, 200)],
    ['lz-chuanzhusi', '九黄机场（川主寺）', [103.682, 32.853]],
    ['lz-huanglong', '黄龙景区停车场（假设）', offset(town('huanglong').seat, 0.3, 300)],
    ['lz-heihe', '黑河乡河滩（假设）', offset(town('heihe').seat, 0.4, 120)],
    ['lz-wujiao', '勿角乡河滩（假设）', offset(town('wujiao').seat, 0.4, 200)],
    ['lz-dalu', '大录乡平地（假设）', offset(town('dalu').seat, 0.4, 30)],
  ];
  const lzFeatures = poiFeaturesOfKind(LANDING_ZONES, 'helicopter-landing-zone');
  const SHELTERS: [string, string, LL][] = [
    ['sh-yongle', '县城集中安置点', offset(SEAT, 0.3, 170)],
    ['sh-zhangzha', '漳扎镇游客临时安置点', offset(ZZ, 0.5, 210)],
    ['sh-ganhaizi', '九寨天堂游客疏散点', offset(roadNodes.get('ganhaizi') as LL, 0.2, 60)],
    ['sh-chuanzhusi', '川主寺游客转运点', offset(town('chuanzhusi').seat, 0.4, 300)],
  ];
  const shelterFeatures = poiFeaturesOfKind(SHELTERS, 'shelter');

  // ---------------------------------------------------------------- intensity

  // Official intensity map (China Earthquake Administration, T+91.7 h): max IX, long axis NNW; IX 139, VIII 778,
  // VII 3,372, VI 14,006 km² (VI+ 18,295). The axes were not published: nested ellipses with an assumed axis ratio
  // of 1.6 (Jishishan's published ratio was 1.46; Jiuzhaigou's zones are visibly longer along the Huya fault),
  // strike 330°, sized to the cumulative areas, centred 4.5 km east of the instrumental epicentre (assumption) so
  // that the IX zone takes in the middle of the scenic area (Shuzheng, Nuorilang) and Jiuzhai Paradise, where the
  // worst damage was reported.
  const STRIKE_DEG = 330;
  const AXIS_RATIO = 1.6;
  const ISO_AREAS: [number, number][] = [
    [6, 18295],
    [7, 3372 + 778 + 139],
    [8, 778 + 139],
    [9, 139],
  ];
  const ISO_CENTRE: LL = offset(EPICENTER, 4.5, 100);
  const isoAxes = axesFromAreas(ISO_AREAS, AXIS_RATIO);
  const isoMap = isoseismalMap(PLANE, ISO_CENTRE, STRIKE_DEG, isoAxes);
  const isoseismalFeatures = isoMap.features();
  const intensityAt = (p: LL): number => isoMap.intensityAt(p, 5);
  const isoMembership = TOWNSHIPS.map((t) => ({ township: t.id, intensityAtSeat: intensityAt(t.seat) }));
  const substationIntensity = Object.fromEntries(SUBSTATIONS.map((s) => [s.id, intensityAt(s.at)]));

  // ---------------------------------------------------------------- rivers (map only)

  // Drawn along the valley floors through the named nodes (the roads here follow the rivers): an estimate, not a
  // surveyed course.
  const riverThrough = (keys: string[]): LL[] => keys.map((k) => roadNodes.get(k) as LL);
  const RIVERS: [string, string, string, RiverProps['kind'], string[]][] = [
    ['rv-baishui', '白水江', 'Baishui River', 'river', ['gonggangling', 'shangsizhai', 'ganhaizi', 'zhangzha', 'shuanghe', 'lingjiang', 'yongle', 'anle', 'guoyuan', 'wujiao', 'gansu-exit']],
    ['rv-zechawa', '则查洼沟—树正沟（九寨沟）', 'Zechawa and Shuzheng gullies (Jiuzhai valley)', 'stream', ['changhai', 'nuorilang', 'shuzheng', 'zhangzha']],
    ['rv-rize', '日则沟', 'Rize gully', 'stream', ['rize-end', 'wuhuahai', 'nuorilang']],
    ['rv-minjiang', '岷江（源头段）', 'Min River (headwaters)', 'river', ['gonggangling', 'chuanzhusi', 'songpan-exit']],
    ['rv-heihe', '黑河', 'Heihe River', 'stream', ['heihe', 'shuanghe']],
  ];
  const riverFeatures = RIVERS.map(([id, nameZh, nameEn, kind, keys]) => lineFeature<RiverProps>(riverThrough(keys), { id, nameZh, nameEn, kind }));

  // ---------------------------------------------------------------- response forces

  // Observed (telecom, Sichuan; figures below in metadata.observed / calibration): China Mobile 61 staff, 15
  // vehicles, 35 generators, 3 satellite phones at T+1.4 h; all operators 298 staff, 79 vehicles, 161 generators,
  // 23 satellite phones at T+11.2 h; 646 staff and 310 generators at T+34.7 h; 1,079 staff and 533 generators and
  // one UAV base station at T+106.7 h. A team is one field unit (crew and vehicles); a unit only works one task at
  // a time, whatever its crew. The forces grow in four waves: each team's arrival at its base is its activation
  // delay plus its long haul (origin → gate at the haul speed), chosen so that the telecom people and generators on
  // the map at each observed time come close to the figures (metadata.forcesCheck.growth).
  const MAERKANG: LL = [102.22, 31.9];
  const CHENGDU: LL = [104.07, 30.67];
  const LONGNAN: LL = [104.92, 33.4];
  const MIANYANG: LL = [104.68, 31.47];
  const HAUL_KMH = 40;
  type Op = 'cmcc' | 'cucc' | 'ctcc' | 'tower';
  const OP_NAME: Record<Op, string> = { cmcc: '中国移动', cucc: '中国联通', ctcc: '中国电信', tower: '中国铁塔' };
  const OP_EN: Record<Op, string> = { cmcc: 'China Mobile', cucc: 'China Unicom', ctcc: 'China Telecom', tower: 'China Tower' };
  const teams: TeamDoc[] = [];
  const namesEn: Record<string, string> = {};
  interface Wave {
    key: string;
    zh: string;
    en: string;
    level: TeamDoc['level'];
    base: string;
    origin: LL | null;
    active: boolean;
    /** Delays (s) of the successive teams of one operator, cycled. */
    delays: number[];
    crew: number;
    generators: number;
    perOp: Record<Op, number>;
    kind: TeamDoc['kind'];
    modes: TeamDoc['modes'];
    satPhones: number;
  }
  const WAVES: Wave[] = [
    // Wave 1: the county's own crews (the seat and the Zhangzha office), active at T0, out in 20–60 min.
    { key: 'jzg', zh: '九寨沟县分公司抢修', en: 'Jiuzhaigou County branch repair crew', level: 'county', base: 'b-cmcc-jzg', origin: null, active: true, delays: [1200, 1800, 2400, 3000], crew: 7, generators: 4, perOp: { cmcc: 8, cucc: 3, ctcc: 3, tower: 3 }, kind: 'operatorCrew', modes: ['road', 'foot'], satPhones: 0 },
    // Wave 2: Aba prefecture (Maerkang) and the neighbouring counties' crews, by the south gate, 5–11 h.
    { key: 'aba', zh: '阿坝州分公司应急抢修', en: 'Aba Prefecture branch emergency repair crew', level: 'city', base: 'b-songpan-gate', origin: MAERKANG, active: false, delays: [3600, 5400, 9000, 12600], crew: 8, generators: 4, perOp: { cmcc: 10, cucc: 4, ctcc: 5, tower: 5 }, kind: 'operatorCrew', modes: ['road', 'foot'], satPhones: 1 },
    // Wave 3: the Sichuan provincial companies from Chengdu (half by G213, half by Mianyang–Pingwu to the east gate), 11.5–20 h.
    { key: 'sc', zh: '四川公司应急通信保障', en: 'Sichuan provincial company emergency communication unit', level: 'provincial', base: 'b-songpan-gate', origin: CHENGDU, active: false, delays: [27000, 34200, 41400, 48600], crew: 12, generators: 5, perOp: { cmcc: 12, cucc: 5, ctcc: 6, tower: 6 }, kind: 'operatorCrew', modes: ['highClearance', 'foot'], satPhones: 1 },
    // Wave 4: later reinforcement (other prefectures, Longnan in Gansu by the east gate), 40–100 h.
    { key: 'rf', zh: '跨区域增援抢修', en: 'cross-regional reinforcement repair crew', level: 'regional', base: 'b-east-gate', origin: LONGNAN, active: false, delays: [144000, 198000, 252000, 324000], crew: 12, generators: 6, perOp: { cmcc: 14, cucc: 7, ctcc: 7, tower: 8 }, kind: 'operatorCrew', modes: ['highClearance', 'foot'], satPhones: 0 },
  ];
  const OPS: Op[] = ['cmcc', 'cucc', 'ctcc', 'tower'];
  for (const w of WAVES) {
    for (const org of OPS) {
      for (let i = 0; i < w.perOp[org]; i++) {
        const id = `tm-${org}-${w.key}-${String(i + 1).padStart(2, '0')}`;
        // Wave 1: half of each operator's county crews start from the Zhangzha office; wave 3: every other team comes by Pingwu.
        const base = w.key === 'jzg' ? (i % 2 === 1 ? 'b-zhangzha' : `b-${org}-jzg`) : w.key === 'sc' && i % 2 === 1 ? 'b-east-gate' : w.base;
        const origin = w.key === 'sc' && i % 2 === 1 ? MIANYANG : w.origin;
        teams.push({
          id,
          nameZh: `${OP_NAME[org]}${w.zh}${i + 1}队`,
          org,
          level: w.level,
          kind: w.kind,
          base,
          ...(origin ? { origin, longHaulKmh: HAUL_KMH } : {}),
          activationDelaySec: w.delays[i % w.delays.length] + (w.key === 'jzg' ? 0 : 600 * Math.floor(i / w.delays.length)),
          activeAtStart: w.active,
          crew: w.crew,
          modes: w.modes,
          loadout: { generators: org === 'cmcc' && w.key === 'jzg' ? 4 : w.generators, fuelHours: 8, spares: org === 'tower' ? 1 : 2, ...(i === 0 && org !== 'tower' ? { vsat: 1 } : {}), ...(i === 0 && w.satPhones === 0 && w.key === 'jzg' && org === 'cmcc' ? { satPhones: 3 } : w.satPhones && i < 2 ? { satPhones: w.satPhones * 2 } : {}) },
        });
        namesEn[id] = `${OP_EN[org]} ${w.en} ${i + 1}`;
      }
    }
  }
  // Emergency-communication teams: Sichuan emergency management and China Mobile Sichuan's UAV base station team
  // (the one UAV base station reported by T+106.7 h: a tethered UAV here).
  const COMMS: [string, string, string, TeamDoc['org'], LL, string, number, number, TeamDoc['loadout']][] = [
    ['tm-emhq-sichuan-comms', '四川省应急通信保障队', 'Sichuan emergency communication support team', 'emhq', CHENGDU, 'b-songpan-gate', 10800, 12,
      { commsVehicles: 2, portableBaseStations: 3, vsat: 2, satPhones: 10, beidou: 10, generators: 2, fuelHours: 8 }],
    ['tm-cmcc-sichuan-uav', '中国移动四川公司系留无人机基站保障队', 'China Mobile Sichuan tethered-UAV base station team', 'cmcc', CHENGDU, 'b-songpan-gate', 18000, 10,
      { commsVehicles: 1, portableBaseStations: 2, vsat: 1, tetheredUavs: 1, generators: 2, fuelHours: 8 }],
  ];
  for (const [id, nameZh, nameEn, org, origin, base, delay, crew, loadout] of COMMS) {
    teams.push({ id, nameZh, org, level: 'provincial', kind: 'commsTeam', base, origin, longHaulKmh: HAUL_KMH, activationDelaySec: delay, activeAtStart: false, crew, modes: ['highClearance', 'foot'], loadout });
    namesEn[id] = nameEn;
  }
  // Power crews: the county's local grid company, State Grid's Jiuzhaigou supply station at Zhangzha, Songpan, Aba
  // (Maerkang) and State Grid Sichuan (Chengdu). The 40-person crew that walked to the 110 kV substation is one of
  // the Aba units here (road, then foot, as the engine moves every crew).
  const POWER: [string, string, string, TeamDoc['level'], string, LL | null, boolean, number, number][] = [
    ['tm-power-jzg-1', '九寨沟县地方电力公司抢修1队', 'Jiuzhaigou local power company repair crew 1', 'county', 'b-power-jzg', null, true, 1200, 8],
    ['tm-power-jzg-2', '九寨沟县地方电力公司抢修2队', 'Jiuzhaigou local power company repair crew 2', 'county', 'b-power-jzg', null, true, 1800, 8],
    ['tm-power-jzg-3', '九寨沟县地方电力公司抢修3队', 'Jiuzhaigou local power company repair crew 3', 'county', 'b-power-jzg', null, true, 2400, 8],
    ['tm-power-zhangzha-1', '国网九寨沟供电所抢修队', 'State Grid Jiuzhaigou supply station repair crew', 'county', 'b-zhangzha', null, true, 1800, 8],
    ['tm-power-songpan-1', '国网松潘县供电公司抢修1队', 'State Grid Songpan County repair crew 1', 'county', 'b-chuanzhusi', null, true, 1800, 8],
    ['tm-power-songpan-2', '国网松潘县供电公司抢修2队', 'State Grid Songpan County repair crew 2', 'county', 'b-chuanzhusi', null, true, 2400, 8],
    ['tm-power-aba-1', '国网阿坝供电公司变电抢修队（徒步）', 'State Grid Aba substation repair crew (on foot)', 'city', 'b-songpan-gate', MAERKANG, false, 3600, 40],
    ['tm-power-aba-2', '国网阿坝供电公司配网抢修1队', 'State Grid Aba distribution repair crew 1', 'city', 'b-songpan-gate', MAERKANG, false, 5400, 15],
    ['tm-power-aba-3', '国网阿坝供电公司配网抢修2队', 'State Grid Aba distribution repair crew 2', 'city', 'b-songpan-gate', MAERKANG, false, 5400, 15],
    ['tm-power-aba-4', '国网阿坝供电公司配网抢修3队', 'State Grid Aba distribution repair crew 3', 'city', 'b-songpan-gate', MAERKANG, false, 7200, 15],
    ['tm-power-sc-1', '国网四川省电力公司应急基干分队', 'State Grid Sichuan emergency core unit', 'provincial', 'b-songpan-gate', CHENGDU, false, 10800, 25],
    ['tm-power-sc-2', '国网四川省电力公司配网抢修1队', 'State Grid Sichuan distribution repair unit 1', 'provincial', 'b-songpan-gate', CHENGDU, false, 14400, 25],
    ['tm-power-sc-3', '国网四川省电力公司配网抢修2队', 'State Grid Sichuan distribution repair unit 2', 'provincial', 'b-east-gate', MIANYANG, false, 14400, 25],
  ];
  addNamedTeams(teams, namesEn, POWER, { org: 'power', kind: 'powerCrew', longHaulKmh: HAUL_KMH }, ['road', 'foot'], () => ({ generators: 1, fuelHours: 12 }));
  // Road crews: ~40 machines and ~200 people on G544 by T+6.7–10.9 h (CNS): ten units of about 20 with 4 machines.
  const ROAD: [string, string, string, TeamDoc['level'], string, LL | null, boolean, number, number][] = [
    ['tm-transport-jzg-1', '九寨沟县公路段抢通1队', 'Jiuzhaigou County highway section road crew 1', 'county', 'b-transport-jzg', null, true, 1800, 20],
    ['tm-transport-jzg-2', '九寨沟县公路段抢通2队', 'Jiuzhaigou County highway section road crew 2', 'county', 'b-transport-jzg', null, true, 2400, 20],
    ['tm-transport-jzg-3', '九寨沟县公路段抢通3队（漳扎）', 'Jiuzhaigou County highway section road crew 3 (Zhangzha)', 'county', 'b-zhangzha', null, true, 2400, 20],
    ['tm-transport-songpan-1', '松潘县公路段抢通队', 'Songpan County highway section road crew', 'county', 'b-chuanzhusi', null, true, 2400, 20],
    ['tm-transport-aba-1', '阿坝州公路局应急保通1队', 'Aba highway bureau emergency road crew 1', 'city', 'b-songpan-gate', MAERKANG, true, 3600, 20],
    ['tm-transport-aba-2', '阿坝州公路局应急保通2队', 'Aba highway bureau emergency road crew 2', 'city', 'b-songpan-gate', MAERKANG, true, 3600, 20],
    ['tm-transport-aba-3', '阿坝州公路局应急保通3队', 'Aba highway bureau emergency road crew 3', 'city', 'b-songpan-gate', MAERKANG, true, 5400, 20],
    ['tm-transport-sc-1', '四川省交通运输厅应急保通1队', 'Sichuan transport department emergency road crew 1', 'provincial', 'b-songpan-gate', CHENGDU, false, 7200, 20],
    ['tm-transport-sc-2', '四川省交通运输厅应急保通2队', 'Sichuan transport department emergency road crew 2', 'provincial', 'b-east-gate', MIANYANG, false, 7200, 20],
    ['tm-transport-gansu-1', '甘肃陇南公路部门保通队', 'Longnan (Gansu) highway road crew', 'city', 'b-east-gate', LONGNAN, true, 5400, 20],
  ];
  addNamedTeams(teams, namesEn, ROAD, { org: 'transport', kind: 'roadCrew', longHaulKmh: HAUL_KMH }, ['road'], () => undefined);
  const FIRE: [string, string, string, TeamDoc['level'], string, LL | null, boolean, number, number, number][] = [
    ['tm-fire-jzg-1', '九寨沟县消防大队前突组', 'Jiuzhaigou County fire brigade forward group', 'county', 'b-fire-jzg', null, true, 900, 8, 0],
    ['tm-fire-aba-1', '阿坝州消防支队通信前突小队', 'Aba fire detachment communication forward squad', 'city', 'b-songpan-gate', MAERKANG, false, 1800, 8, 0],
    ['tm-fire-sc-1', '四川省消防总队应急通信保障分队', 'Sichuan fire corps emergency communication detachment', 'provincial', 'b-songpan-gate', CHENGDU, false, 3600, 8, 1],
  ];
  addNamedTeams(teams, namesEn, FIRE, { org: 'fire', kind: 'fireSquad', longHaulKmh: HAUL_KMH }, ['motorcycle', 'helicopter', 'foot'], (row) => fireSquadLoadout(row[9]));
  const helicopters: HelicopterDoc[] = [{ id: 'heli-emhq-1', nameZh: '应急救援直升机（中型，12座）', nameEn: 'Emergency rescue helicopter (medium, 12 seats)', org: 'emhq', capacity: 12 }];
  sortAndCheckTeams(teams, new Set(BASES.map(([id]) => id)), helicopters[0].capacity);
  nameTeamsInEnglish(teams, namesEn);

  // Forces on the map over time: a team counts from when it reaches its base (delay + long haul).
  const gateOf = (id: string): LL => BASES.find(([b]) => b === id)![3];
  const arrivalH = (t: TeamDoc): number => (t.activationDelaySec + (t.origin ? (distKm(t.origin, gateOf(t.base)) / (t.longHaulKmh ?? 60)) * HOUR_SEC : 0)) / HOUR_SEC;
  const telecom = (t: TeamDoc): boolean => ['cmcc', 'cucc', 'ctcc', 'tower'].includes(t.org);
  const growth = [1.4, 11.2, 34.7, 106.7].map((h) => {
    const here = teams.filter((t) => telecom(t) && arrivalH(t) <= h);
    return { tHours: h, teams: here.length, people: here.reduce((s, t) => s + t.crew, 0), generators: here.reduce((s, t) => s + (t.loadout?.generators ?? 0), 0), satPhones: here.reduce((s, t) => s + (t.loadout?.satPhones ?? 0), 0) };
  });
  const OBSERVED_GROWTH = [
    { tHours: 1.4, people: 61, generators: 35, note: 'China Mobile only' },
    { tHours: 11.2, people: 298, generators: 161 },
    { tHours: 34.7, people: 646, generators: 310 },
    { tHours: 106.7, people: 1079, generators: 533 },
  ];
  const sum = (f: (t: TeamDoc) => number, p?: (t: TeamDoc) => boolean): number => sumTeams(teams, f, p);
  const forcesCheck = {
    teams: teams.length,
    byKind: countTeams(teams, 'kind', ['operatorCrew', 'commsTeam', 'powerCrew', 'roadCrew', 'fireSquad']),
    byLevel: countTeams(teams, 'level', ['national', 'regional', 'provincial', 'city', 'county']),
    activeAtStart: teams.filter((t) => t.activeAtStart).length,
    telecom: { people: sum((t) => t.crew, telecom), generators: sum((t) => t.loadout?.generators ?? 0, telecom), satPhones: sum((t) => t.loadout?.satPhones ?? 0, telecom) },
    growth,
    observedGrowth: OBSERVED_GROWTH,
    power: { people: sum((t) => t.crew, (t) => t.org === 'power') },
    roads: { people: sum((t) => t.crew, (t) => t.org === 'transport') },
    longHaulKm: Object.fromEntries(
      ([['Maerkang→south gate', MAERKANG, 'b-songpan-gate'], ['Chengdu→south gate', CHENGDU, 'b-songpan-gate'], ['Mianyang→east gate', MIANYANG, 'b-east-gate'], ['Longnan→east gate', LONGNAN, 'b-east-gate']] as [string, LL, string][]).map(([n, a, b]) => [n, round1(distKm(a, gateOf(b)))]),
    ),
  };

  // A summer night in the mountains: cloud in the valleys, light rain in the days after (assumption), nothing grounded.
  const weather: WeatherDoc[] = [
    { fromSec: 0, toSec: 12 * HOUR_SEC, windForce: 2, visibilityKm: 8, airTempC: 15, note: '夏夜，多云，河谷有雾，约15℃（假设，据预报）' },
    { fromSec: 12 * HOUR_SEC, toSec: 108 * HOUR_SEC, windForce: 3, visibilityKm: 10, airTempC: 20, note: '多云间阵雨，约20℃（假设，据预报）' },
  ];

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
  const reliefMin = Math.min(...relief.elevationM);
  const reliefMax = Math.max(...relief.elevationM);
  const batteryHours = sortedBatteryHours(siteFeatures);
  const quantile = (q: number): number => batteryHoursQuantile(batteryHours, q);

  const AFTERSHOCKS = { durationHours: 108, minMagnitude: 3.0, p: 1.05, cHours: 0.05, b: 0.89 };

  const msel: InjectDoc[] = [
    {
      id: 'inj-001-quake-report',
      tSec: 0,
      to: 'emhq',
      kind: 'message',
      data: { magnitudeMs: 7.0, depthKm: 20, epicentreLon: EPICENTER[0], epicentreLat: EPICENTER[1] },
      text: {
        zh: '中国地震台网正式测定：8月8日21时19分，四川阿坝州九寨沟县（北纬33.20度，东经103.82度）发生7.0级地震，震源深度20公里。震中位于九寨沟景区附近，正值旅游旺季，景区及漳扎镇滞留大量游客。请启动应急响应。',
        en: 'China Earthquake Networks Center: at 21:19 on 8 Aug a Ms 7.0 earthquake struck Jiuzhaigou county, Aba, Sichuan (33.20N 103.82E), depth 20 km, near the Jiuzhai valley scenic area. It is peak tourist season and many visitors are in the valley and in Zhangzha. Activate the emergency response.',
      },
    },
    ...(['cmcc', 'cucc', 'ctcc', 'tower'] as const).map((seat) => ({
      id: `inj-002-alarms-${seat}`,
      tSec: 600,
      to: seat,
      text: {
        zh: '网管中心告警：九寨沟县漳扎镇、景区及周边大量基站出现“交流停电”“退服”告警，县城站点多在蓄电池供电。请核实受影响站点，组织应急队伍和发电机出动。',
        en: 'Network operations centre: many sites in Zhangzha, the scenic area and around are raising mains-failure and out-of-service alarms; most county-seat sites are on battery. Confirm the affected sites and dispatch crews and generators.',
      },
    })),
    {
      id: 'inj-003-visitors-valley',
      tSec: 1800,
      to: 'emhq',
      kind: 'request',
      data: { township: town('zhangzha').id, need: 'evacuation', visitors: 'thousands' },
      text: {
        zh: '景区管理局报告：九寨沟景区内及九寨天堂一带有大量游客滞留，部分路段落石，手机信号时有时无，请求通信保障和疏散支援。',
        en: 'Scenic-area administration: many visitors are stranded in the valley and around Jiuzhai Paradise, rocks have fallen on parts of the road, mobile service comes and goes; requests communication support and help to evacuate.',
      },
    },
    {
      id: 'inj-004-road-report',
      tSec: Math.round(4.7 * HOUR_SEC),
      to: 'transport',
      kind: 'damageReport',
      data: { road: 'G544', state: 'partly open; gorge section blocked by boulders' },
      text: {
        zh: '交通部门报告：G544线部分路段已恢复通行，九寨天堂至沟口峡谷段有巨石阻断，正在组织机械抢通。',
        en: 'Transport: parts of G544 are open again; the gorge section between Jiuzhai Paradise and the valley gate is blocked by boulders and machines are being sent.',
      },
    },
    {
      id: 'inj-005-power-report',
      tSec: Math.round(9.7 * HOUR_SEC),
      to: 'emhq',
      kind: 'damageReport',
      data: { sector: 'power', substations110kVOut: 1, substations35kVOut: 1, lines110kVOut: 1, lines10kVOut: 29, householdsOutHuanglong: 1900 },
      text: {
        zh: '国网四川电力报告：110千伏九寨沟变电站、35千伏黄龙变电站及1条110千伏线路、29条10千伏线路停运，黄龙一带1900余户停电，正在组织抢修。',
        en: 'State Grid Sichuan: the 110 kV Jiuzhaigou and 35 kV Huanglong substations, one 110 kV line and 29 10 kV lines are out; more than 1,900 households around Huanglong are without power; repairs are being organised.',
      },
    },
  ];

  // The G544 segments of the map, for the observed time the road was through again.
  const g544Ids = roadFeatures.filter((f) => String(f.properties.nameZh).startsWith('G544')).map((f) => String(f.properties.id));
  const MIIT = 'MIIT figures as carried by NetEase (网易), as of about 08:30 on 9 Aug 2017, money.163.com/17/0809/14/CRDE8ITO002580S6.html';
  const observed: ObservedDoc = {
    source: 'Public figures for the 8 August 2017 Jiuzhaigou Ms 7.0 earthquake from news reports, mostly mirrors of Xinhua, China News Service, CNR and MIIT text (each point names its page); times are hours after 21:19.',
    points: [
      {
        id: 'sites-restored-18.7h',
        quantity: 'failedSitesRestoredFrac',
        tHours: 18.7,
        value: 0.55,
        valueLo: 0.47,
        valueHi: 0.55,
        what: 'Aba: 129 base stations restored by T+18.7 h (23 km of temporary fibre laid, 18 km repaired); 129 of the 234 reported out at T+11.2 h is 55 %, of the 273 cumulative out reported at T+34.7 h 47 %',
        source: 'Aba figures as carried by china.com (中华网, a mirror of news-agency text), as of about 16:00 on 9 Aug 2017, 3g.china.com/act/news/13000840/20170810/31070150_4.html',
        uncertain: true,
      },
      {
        id: 'sites-restored-34.7h',
        quantity: 'failedSitesRestoredFrac',
        tHours: 34.7,
        value: 0.43,
        valueLo: 0.43,
        valueHi: 0.55,
        what: 'Sichuan: 273 base stations out cumulatively, 118 restored (43 %); 40 km of fibre destroyed; 646 staff, 310 generators (the Aba count the day before was already 129 restored, so the two counts differ)',
        source: 'China Emergency Broadcasting (中国应急广播, CNR text), as of about 08:00 on 10 Aug 2017, cneb.gov.cn/2017/08/10/ARTI1502363027470139.shtml',
        uncertain: true,
      },
      {
        id: 'sites-restored-106.7h',
        quantity: 'failedSitesRestoredFrac',
        tHours: 106.7,
        value: 0.92,
        what: '259 base stations out, 238 restored (92 %), 21 still out; 1,079 staff, 533 generators, 1 UAV base station',
        source: 'cnhubei.com (荆楚网, a mirror of news-agency text), as of about 08:00 on 13 Aug 2017, edu.cnhubei.com/xw/gn/201708/t3884923.shtml',
        uncertain: false,
      },
      {
        id: 'power-restored-19.7h',
        quantity: 'powerRestoredFrac',
        tHours: 19.7,
        value: 0.93,
        what: '27 of the 29 10 kV lines out were back (93 %); a share of lines, not of customers',
        source: 'china.com.cn (中国网, union.china.com.cn), as of about 17:00 on 9 Aug 2017, union.china.com.cn 2017-08/10 content_39077396',
        uncertain: true,
      },
      {
        id: 'uav-base-stations-106.7h',
        quantity: 'uavBaseStationsDeployed',
        tHours: 106.7,
        value: 1,
        what: 'One UAV base station among the forces at work (with 1,079 staff and 533 generators); compared with the UAV base stations the model has had on air by then, counted by who brought them (each team\'s tethered UAV and each aircraft once; forces at work, not stations ever set up)',
        source: 'cnhubei.com (荆楚网, a mirror of news-agency text), as of about 08:00 on 13 Aug 2017, edu.cnhubei.com/xw/gn/201708/t3884923.shtml',
        uncertain: true,
      },
      {
        id: 'g544-through-20.2h',
        quantity: 'roadSectionOpenHours',
        tHours: 20.2,
        value: 20.2,
        what: `G544 (the old S301) through again: its last blockage, at Jiudaoguai (九道拐), cleared at about 17:30 on 9 Aug, and every national-road blockage in the quake area cleared (the G213 slide at Shidaguan, off this map, excepted). The section is every G544 segment on the map, Chuanzhusi–Gonggangling–Jiuzhai Paradise–the valley gate–the county seat (${g544Ids.length} segments, ${g544Ids[0]}–${g544Ids[g544Ids.length - 1]}); "about", and a time the ministry announced, not a survey`,
        source: 'China News Service (中国新闻网), Cheng Chunyu (程春雨), "交通部：九寨沟地震灾区国道堵点均已抢通", 21:01 on 9 Aug 2017, as carried by 东南网 at hyyz888.com/news/2017-08/09/content_19929938.htm',
        uncertain: true,
        roadIds: g544Ids,
      },
    ],
  };

  const scenario: ScenarioDocV1 = {
    $schema: '../schema/scenario.schema.json',
    format: 'drilltwin/scenario@1',
    name: { zh: '九寨沟7.0级地震（2017年8月8日）', en: 'Jiuzhaigou Ms 7.0 earthquake (8 Aug 2017)' },
    description: {
      zh: '复盘2017年8月8日21时19分四川阿坝州九寨沟县7.0级地震（震源深度20公里，震中九寨沟景区附近）。范围为九寨沟县17个乡镇及松潘县川主寺镇、黄龙乡。夏夜、旅游旺季，森林峡谷地形：基站多因断电退服，县城由孤立的地方电网供电；G544峡谷段被落石阻断，国网110千伏九寨沟变电站靠抢修人员徒步进入恢复。烈度场采用官方烈度图面积的椭圆近似（长轴NNW，轴比为假设）。',
      en: 'A replay of the Ms 7.0 Jiuzhaigou earthquake of 21:19 on 8 Aug 2017 (depth 20 km, near the Jiuzhai valley scenic area), covering the 17 townships of Jiuzhaigou county (Aba, Sichuan) and the Songpan townships of Chuanzhusi and Huanglong. A summer night in peak tourist season in forested gorges: most sites went off air for want of power, the county seat was on an isolated local grid, the G544 gorge road was blocked by boulders and the State Grid 110 kV substation was reached on foot. The intensity field is an ellipse fit to the official areas (long axis NNW, axis ratio assumed).',
    },
    seed: 1,
    start: '2017-08-08T21:19:00+08:00',
    timeZone: 'Asia/Shanghai',
    durationHours: 108,
    layers,
    hazards: [
      {
        id: 'mainshock',
        type: 'earthquake',
        tSec: 0,
        epicenter: EPICENTER,
        magnitude: 7.0,
        magnitudeType: 'Ms',
        depthKm: 20,
        strikeDeg: STRIKE_DEG,
        zone: 'qinghai-tibet',
        isoseismals: isoseismalsPath,
        aftershocks: AFTERSHOCKS,
      },
    ],
    resources: { teams, helicopters },
    msel,
    targets: '../targets/2027-emergency-comms.json',
    settings: { kpiIntervalSec: 60, prioritySupplyForComms: false, emergencyRoaming: false, coverageTerrain: 'mountain', airspaceGreenChannel: false, doctrineSeats: 'all' },
    weather,
    metadata: {
      region: '四川省阿坝藏族羌族自治州九寨沟县（513225）及松潘县川主寺镇、黄龙乡（513224）',
      synthetic: false,
      generatedBy: 'tools/build-jiuzhaigou.ts (node --import tsx tools/build-jiuzhaigou.ts); deterministic, PRNG mulberry32 seed 20170808',
      coordinates: 'WGS84 [lon, lat], 5 decimals. Generated geometry uses a local equirectangular approximation around the epicentre (33.20N 103.82E).',
      observed,
      sources: [
        {
          layer: 'townships',
          source: 'The 2 towns and 15 townships of Jiuzhaigou county as public gazetteers list them before the 2019 township reform, and the Songpan townships of Chuanzhusi and Huanglong. Approximate township seats from public gazetteer and map knowledge, without a map at hand: the county seat (Yongle), Zhangzha and the Songpan seats ±2 km, the smaller townships only to their valley (±5–8 km).',
          estimated: true,
          note: `Residents: an assumed split of the county's ~81,000 people (2010 census, rounded); the split is not from a table. Visitors (assumption, for the peak-season night; ~60,000 people were evacuated in all): 30,000 in Zhangzha and the scenic area, 3,000 in Chuanzhusi, 2,000 at Huanglong, counted in those townships' populations. Codes are county codes (513225, 513224).`,
        },
        { layer: 'population', source: 'Generated: 4–9 points per township, the first at the seat and the rest along the township\'s own valley roads (deterministic PRNG), populations apportioned so each township sums exactly to its total.', estimated: true, note: 'Not real village locations.' },
        {
          layer: 'sites',
          source: `Synthetic plausible inventory, not real site locations: ${SITES_PER_COUNTY.JZG} towers in Jiuzhaigou and ${SITES_PER_COUNTY.SP} in the two Songpan townships, along the valley roads and in the seats. Sized to the public figures: 234 base stations out were 43 % of the county's (MIIT, T+11.2 h), about 544 base stations, and China Mobile counted 360 sites; a tower of the twin carries 1–3 operators' base stations.`,
          estimated: true,
          note: 'Loads, batteries and operator mix from the scenario kit (the same assumptions as Jishishan: 4G 1.3 kW per operator system, 5G 3.3–4.9 kW, 48 V banks at 80 % depth of discharge, a quarter derated; small cells 2–4 h). Three super base stations (county seat, Zhangzha, Chuanzhusi: 150 kWh, 72 h of fuel; assumption). Rural macro sites 22 % microwave (assumption).',
        },
        {
          layer: 'sites: aggregation, fibreRoads',
          source: 'Synthetic backhaul tree, not real transmission routes: the Jiuzhaigou core at the county-seat super site; the Songpan core off the map (the Chuanzhusi super site\'s fibre runs down G213 to the map edge). One aggregation site per township (two in Zhangzha: the super site and one for the scenic area), hanging off the core site of its county; every other site off the nearest aggregation site of its township. Fibre follows the shortest road path.',
          estimated: true,
          note: `${backhaulStats.fibreRoutes} fibre routes, median ${backhaulStats.fibreRouteKm.median} km, longest ${backhaulStats.fibreRouteKm.max} km by road; deepest chain ${backhaulStats.maxDepth} hops. Zhangzha's fibre to the county seat follows the Baishui valley road (~40 km of fibre were destroyed in the event). Aggregation sites hardened as Jishishan's (≥ 40 kWh + 10 kWh per extra operator, fixed generator 24 h in a town, 12 h in a township; assumption; metadata.aggregationHardening).`,
        },
        {
          layer: 'substations',
          source: 'Two grids, as reported: State Grid (Aba) with the 110 kV Jiuzhaigou and 35 kV Huanglong substations named in the power reports, fed from an assumed 220 kV Songpan station near Chuanzhusi over one 110 kV line (the event took out one); and the county\'s isolated local grid (small hydro) behind 35 kV substations at Yongle, Lingjiang and Anle (assumed), with no upstream.',
          estimated: true,
          note: `Positions and the supply chain are assumptions; the 110 kV Jiuzhaigou station is placed between Jiuzhai Paradise and the valley gate on G544 (intensity ${substationIntensity['ss-jiuzhaigou-110']} under the ellipses) because its crew had to walk in. Customers: ${TOTAL_CUSTOMERS.toLocaleString('en-US')} (about 3.3 residents per customer, households and hotels; assumption), split over the substations by the residents their 10 kV feeders reach.`,
        },
        { layer: 'feeders', source: `Generated: ${feeders.filter((f) => f.grid === 'state').length} State Grid 10 kV lines (as many as the 29 reported out; the Chuanzhusi lines among them) and ${feeders.filter((f) => f.grid === 'local').length} local-grid lines, from their substation through the township seat out along its villages; the four scenic-area lines follow the valley bus road. Each site is on the nearest feeder of its grid area.`, estimated: true },
        {
          layer: 'roads',
          source: 'Main roads as waypoint polylines along the real valleys, from public map knowledge: G213 Songpan–Chuanzhusi; G544 (the old S301) Chuanzhusi–Gonggangling pass–Shangsizhai–Jiuzhai Paradise (Ganhaizi)–the valley gate (Zhangzha) and down the Baishui valley to the county seat; the road down the Baishui towards Wenxian (Gansu); Chuanzhusi–Xuebaoding pass–Huanglong; the scenic area\'s bus road (Shuzheng, Nuorilang, Rize and Zechawa gullies); county roads up the side valleys. Split into segments of at most 3–3.5 km and at bridges.',
          estimated: true,
          note: `Waypoints ±2–5 km; alignments between them are wiggled lines, not surveyed routes. Terrain class of each segment (which the landslide model reads) from the relief grid: relief within 1.5 km of the segment > 600 m mountain, > 250 m hilly, else flat (${terrainCount.mountain} mountain, ${terrainCount.hilly} hilly, ${terrainCount.flat} flat). Bridges are placeholders (classes assumed). The K79 detour has no road of its own here: a road crew on a trunk road opens a blocked segment by a detour on the segment itself when that is quicker than digging a lane (the engine's ROAD_DETOUR).`,
        },
        {
          layer: 'rivers',
          source: 'Drawn along the valley floors through the road waypoints (the roads follow the rivers): Baishui River (白水江) from Gonggangling past the valley gate and the county seat towards Gansu, the Jiuzhai valley gullies (Zechawa, Rize, Shuzheng), the Min headwaters past Chuanzhusi, the Heihe.',
          estimated: true,
          note: 'Map only (no model reads rivers). Not a surveyed course; no openly citable river data could be reached where this was built.',
        },
        {
          layer: 'elevation',
          source: `APPROXIMATION, not measured data: no digital elevation model could be reached where this scenario is built. A ${relief.cols} × ${relief.rows} grid of ${RELIEF_CELL_DEG}° cells (about 930 × 1,110 m) from ${reliefMin} to ${reliefMax} m, made from the valley floors the roads follow (levels: Yongle ~1,400 m, the Jiuzhai gate ~2,000 m, Nuorilang ~2,400 m, Long Lake 3,060 m, Gonggangling ~3,690 m, Chuanzhusi ~2,950 m, Xuebaoding pass ~3,900 m, Huanglong ~3,150 m; others assumed), ground rising 1,100–1,600 m to the ridges away from the nearest valley floor, and Xuebaoding (5,588 m).`,
          estimated: true,
          note: 'It shades the map, sets each road segment\'s terrain class (see roads) and gives the ground elevation where work happens (WORK_AT_ALTITUDE: work above 3,000 m, on the Songpan side, takes longer). Valleys and passes lie where the roads are; slopes away from the roads are generic.',
        },
        { layer: 'bases', source: 'Operator, power, fire, transport and headquarters offices at the county seat (within 1 km), a staging point at Zhangzha and one at Chuanzhusi, and two map gates where the roads leave the map (G213 south towards Songpan, the Baishui road east towards Wenxian and Pingwu).', estimated: true },
        { layer: 'landingZones', source: 'Jiuzhai–Huanglong airport (real, position approximate) and assumed open ground at the county seat, the valley gate, Nuorilang, Ganhaizi, Huanglong, Heihe, Wujiao and Dalu.', estimated: true },
        { layer: 'shelters', source: 'Assumed resettlement and visitor transfer points at the county seat, Zhangzha, Jiuzhai Paradise and Chuanzhusi.', estimated: true },
        {
          layer: 'isoseismals',
          source: 'Ellipses fitted to the published areas, not the published polygons. Official intensity map (China Earthquake Administration, published T+91.7 h, as mirrored at 360yingji.com/info/1058/23735.htm): max IX, long axis NNW; IX 139, VIII 778, VII 3,372, VI 14,006 km²; VI+ 18,295 km². Axes were not published.',
          estimated: true,
          note: `Axis ratio 1.6 (assumption), strike ${STRIKE_DEG}°, all centred 4.5 km east of the instrumental epicentre, at ${rll(ISO_CENTRE).join(', ')} (assumption: so that IX takes in Shuzheng, Nuorilang and Jiuzhai Paradise; Wuhuahai and the gate are in VIII). Semi-axes: ${isoAxes.map((x) => `${['', '', '', '', '', '', 'VI', 'VII', 'VIII', 'IX'][x.intensity]} ${round1(x.a)} × ${round1(x.b)} km`).join(', ')}. Intensity at each township seat: metadata.isoseismalCheck.`,
        },
        { layer: 'aftershocks', source: 'Model parameters, not the observed sequence: Omori–Utsu p = 1.05 and Gutenberg–Richter b = 0.89 (Wenchuan 2008, Wu, Xu & Wang 2024), c = 0.05 h and M ≥ 3.0 over 108 h (assumptions).', estimated: true },
        {
          layer: 'resources.teams',
          source: `${teams.length} teams sized to the observed telecom response (China Mobile 61 staff and 35 generators at T+1.4 h, m.nbd.com.cn/articles/2017-08-09/1136807.html; 298 staff, 79 vehicles, 161 generators, 23 satellite phones at T+11.2 h, MIIT via money.163.com/17/0809/14/CRDE8ITO002580S6.html; 646 staff and 310 generators at T+34.7 h, cneb.gov.cn/2017/08/10/ARTI1502363027470139.shtml; 1,079 staff, 533 generators, 1 UAV base station at T+106.7 h, edu.cnhubei.com/xw/gn/201708/t3884923.shtml), to the power crews reported (a 40-person crew walked to the 110 kV substation by T+15.7 h) and the road response (~40 machines, ~200 staff on G544 by T+6.7–10.9 h).`,
          estimated: true,
          note: `A team is one field unit (crew and vehicles); the engine gives a unit one task at a time whatever its crew. Telecom in four waves: county crews at the seat and Zhangzha, active at T0, 20–50 min to assemble; Aba prefecture crews from Maerkang by the south gate (HQ-activated, 1–3.5 h to assemble, then the long haul); Sichuan provincial units from Chengdu (by G213) and Mianyang (by Pingwu, east gate), 7.5–14 h to assemble (so they arrive after T+11.2 h, when the MIIT count was 298 people); cross-regional reinforcement by the east gate, 40–90 h. Long hauls at ${HAUL_KMH} km/h over the straight line (mountain roads). Arrival (assembly + haul) gives the telecom forces on the map at T+1.4/11.2/34.7/106.7 h: ${growth.map((g) => `${g.people} people, ${g.generators} generators`).join('; ')} (observed: 61 [China Mobile only]/35, 298/161, 646/310, 1,079/533). No generator pools: every generator is in a team's loadout. Names are descriptive, not real unit designations.`,
        },
        { layer: 'resources.helicopters', source: 'Assumption: one medium rescue helicopter (12 seats) for lifting forward squads between landing zones.', estimated: true },
        { layer: 'resources.uavs', source: 'None: no large UAV was reported over Jiuzhaigou; the one UAV base station reported by T+106.7 h is the tethered UAV of China Mobile Sichuan\'s team.', estimated: true },
        { layer: 'weather', source: 'Assumption, not observed data: a cloudy summer night with valley fog (wind force 2, visibility 8 km) to T+12 h, then showers (force 3, 10 km). Nothing is grounded. Air temperature, for the batteries: 15 °C at night and 20 °C after, read from the Central Meteorological Observatory\'s forecast for 10–12 August (county seat lows 17–20 °C and highs 28–30 °C, the higher scenic area lows 11–13 °C and highs 20–23 °C; 新华社 2017-08-10, as carried by tianqi.com/news/196236.html): 15 °C lies between the two lows, 20 °C between the daily means.', estimated: true },
        { layer: 'settings', source: 'coverageTerrain "mountain" (forested gorges); airspaceGreenChannel false; doctrineSeats "all". Assumptions.', estimated: true },
      ],
      calibration: {
        source: 'Public figures as reported by news media (mostly mirrors of Xinhua, CNS, CNR and MIIT text); see metadata.observed for the machine-readable points.',
        epicentre: '33.20N 103.82E, depth 20 km, Ms 7.0 (CENC); USGS Mw 6.5; 25 dead, 525 injured; ~60,000 evacuated',
        intensityMap: 'max IX, long axis NNW; IX 139, VIII 778, VII 3,372, VI 14,006 km²; VI+ 18,295 km² (360yingji.com/info/1058/23735.htm, T+91.7 h)',
        firstSiteBack: { value: 'first China Tower site back (Pengfeng)', when: 'T+1.35 h', source: 'kzwr.com/article/420321' },
        chinaMobileFirst: { value: '61 staff, 15 vehicles, 2 comms vehicles, 35 generators, 3 satellite phones', when: 'T+1.4 h', source: 'm.nbd.com.cn/articles/2017-08-09/1136807.html' },
        baseStationsOut: { value: `234 out, mainly for loss of power = 43 % of the county's (~544); no county or township fully cut off; 298 staff, 79 vehicles, 161 generators, 23 satellite phones`, when: 'T+11.2 h', source: MIIT },
        chinaMobileSites: { value: '360 sites in the county, 16 still down (95.6 % up)', when: 'T+60.7 h', source: 'kzwr.com/article/421065' },
        power: '110 kV Jiuzhaigou and 35 kV Huanglong substations, one 110 kV line and 29 10 kV lines out; 1,900+ households at Huanglong (T+9.7 h, jingyuhuahui.com/news/shehui/1811076.html); county seat re-energised on its local grid ~T+1.9 h (uncertain, nbd); a 40-person crew reached the 110 kV substation on foot T+15.7 h and 27 of 29 10 kV lines were back T+19.7 h (union.china.com.cn 2017-08/10 content_39077396); the 110 kV substation back at reduced voltage T+49.2 h (thepaper.cn newsDetail_forward_1759664)',
        roads: 'G544 partly open, gorge section blocked by boulders T+4.7 h (hxnews.com 201708/09/1278202); at T+6.7 h (04:00 on 9 Aug) a 200 m collapse at K79, slopes still falling at K83, a boulder across the road at K98, a simple detour opened, ~40 machines and ~200 staff on the scene (CNS, 9 Aug 2017); at T+10.85 h (08:10) the K79 detour open and K83 still shut by falling rock (ntjiede.cn/club/archives/2017/839299.shtml); G544\'s last blockage, at Jiudaoguai, cleared about 17:30 on 9 Aug, T+20.2 h (CNS, 21:01 on 9 Aug 2017, hyyz888.com/news/2017-08/09/content_19929938.htm; in metadata.observed); the gorge road through ~T+19–35 h in other reports (uncertain; lhsjzytel.com, news.cyol.com)',
        landslides: '194 landslides larger than 700 m² in the emergency inventory, more than 4,800 in the full inventory (dzdz.ac.cn, 2018)',
        notComparable: 'China Mobile\'s 95.6 % of sites up at T+60.7 h is one operator\'s on-air share, and the counts (234, 273, 259, 21 out) count operators\' base stations, not towers; the scenario format has no quantity for either, so they are kept here and not in metadata.observed.',
      },
      siteStats: {
        jiuzhaigou: sites.filter((s) => s.township.county === 'JZG').length,
        songpan: sites.filter((s) => s.township.county === 'SP').length,
        batteryHours: { min: quantile(0), p10: quantile(0.1), median: quantile(0.5), p90: quantile(0.9), max: quantile(0.999) },
      },
      isoseismalCheck: isoMembership,
      substationIntensity,
      backhaulCheck: backhaulStats,
      customersBySubstation: Object.fromEntries(servingSubs.map((s) => [s.id, customersOf.get(s.id) as number])),
      roadTerrain: terrainCount,
      aggregationHardening,
      forcesCheck,
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
      roadTerrain: terrainCount,
      isoAxes: isoAxes.map((x) => ({ I: x.intensity, a: round1(x.a), b: round1(x.b) })),
      isoMembership,
      substationIntensity,
      forces: forcesCheck,
      relief: [reliefMin, reliefMax],
    },
  };
}

if (isMainModule(import.meta.url)) {
  const { texts, summary } = buildJiuzhaigou();
  writeScenarioTexts(JIUZHAIGOU_DIR, texts);
  console.log(JSON.stringify(summary, null, 1));
}
