// What the after-action report calls the things a scenario names by id:
// teams, UAVs, helicopters, substations, sites, roads, generator pools,
// townships, injects. Reports are read by people, so prose never shows an
// internal id. Teams and UAVs may carry an English name (nameEn); where a
// scenario gives none, and for things it names in Chinese only, the English
// name is composed from what the scenario says of the thing (organisation,
// level, kind, number, place), never the Chinese name and never the id.
// Pure: the same world gives the same book.
import { OPERATORS, type World } from '../model/world.ts';
import { label, SEAT_NAMES, type Lang, type Localized } from './i18n.ts';

/** Names by id, in both languages. */
export type NameBook = Record<string, Localized>;

export const TEAM_LEVEL_NAMES: Record<string, Localized> = {
  national: { zh: '国家级', en: 'national' },
  regional: { zh: '区域', en: 'regional' },
  provincial: { zh: '省级', en: 'provincial' },
  city: { zh: '市级', en: 'city' },
  county: { zh: '县级', en: 'county' },
};

export const TEAM_KIND_NAMES: Record<string, Localized> = {
  commsTeam: { zh: '应急通信保障队', en: 'emergency comms team' },
  operatorCrew: { zh: '抢修队', en: 'repair crew' },
  powerCrew: { zh: '电力抢修队', en: 'power repair crew' },
  roadCrew: { zh: '道路抢通队', en: 'road crew' },
  fireSquad: { zh: '消防前突分队', en: 'fire forward squad' },
};

export const UAV_CLASS_NAMES: Record<string, Localized> = {
  largeFixedWing: { zh: '大型固定翼无人机', en: 'large fixed-wing UAV' },
  mediumHelicopter: { zh: '中型无人直升机', en: 'medium unmanned helicopter' },
  tethered: { zh: '系留无人机', en: 'tethered UAV' },
};

const ROAD_CLASS_NAMES: Record<string, Localized> = {
  expressway: { zh: '高速公路', en: 'expressway' },
  national: { zh: '国道', en: 'national road' },
  provincial: { zh: '省道', en: 'provincial road' },
  county: { zh: '县道', en: 'county road' },
  rural: { zh: '乡村道路', en: 'rural road' },
};

const ROAD_CLASS_ORDER = ['expressway', 'national', 'provincial', 'county', 'rural'] as const;

/** A slug such as linxia-east as words: "Linxia East". Shared with the console's names (web/panels/names.ts). */
const titleCase = (slug: string) =>
  slug
    .split(/[-_ ]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');

/** A township's English name without a trailing remark such as "(synthetic)". */
function plainEn(s: string): string {
  return s.replace(/\s*\(.*\)\s*$/, '');
}

/** The place word of an id such as tm-cmcc-linxia-1 or ss-guanting-110: what is left without prefix, organisation, numbers and kind words. Shared with the console's names. */
function placeSlug(id: string, drop: string[]): string {
  return id
    .split('-')
    .slice(1)
    .filter((w) => !drop.includes(w) && !/^\d+$/.test(w))
    .join('-');
}

function nearestTownship(world: World, xM: number, yM: number, maxM: number): number {
  const t = world.townships;
  let best = -1, bestD = maxM;
  for (let i = 0; i < t.ids.length; i++) {
    const dx = t.xM[i] - xM, dy = t.yM[i] - yM;
    const d = Math.sqrt(dx * dx + dy * dy);
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** Every id of the world that prose might mention, with its name in both languages. */
export function nameBook(world: World): NameBook {
  const book: NameBook = {};
  const tw = world.townships;
  const townEn = (i: number) => plainEn(tw.nameEn[i] || tw.nameZh[i]);
  for (let i = 0; i < tw.ids.length; i++) book[tw.ids[i]] = { zh: tw.nameZh[i], en: townEn(i) };

  // Sites have no names: "<township> site <n>", numbered in id order within the township.
  const perTown = new Map<number, number>();
  for (let s = 0; s < world.sites.ids.length; s++) {
    const town = world.sites.township[s];
    const n = (perTown.get(town) ?? 0) + 1;
    perTown.set(town, n);
    const ops = OPERATORS.filter((_, k) => (world.sites.operatorMask[s] >> k) & 1);
    const opsZh = ops.map((o) => label(SEAT_NAMES, o, 'zh').replace('中国', '')).join('、');
    const opsEn = ops.map((o) => label(SEAT_NAMES, o, 'en').replace('China ', '')).join(', ');
    book[world.sites.ids[s]] =
      town >= 0
        ? { zh: `${tw.nameZh[town]}${n}号基站（${opsZh}）`, en: `${townEn(town)} site ${n} (${opsEn})` }
        : { zh: `${n}号基站（${opsZh}）`, en: `site ${n} (${opsEn})` };
  }

  for (let i = 0; i < world.substations.ids.length; i++) {
    const id = world.substations.ids[i];
    const kv = world.substations.voltageKv[i];
    const slug = placeSlug(id, [String(kv)]);
    const near = nearestTownship(world, world.substations.xM[i], world.substations.yM[i], 10_000);
    const place = slug ? titleCase(slug) : near >= 0 ? townEn(near) : '';
    const en = `${place ? place + ' ' : ''}${kv} kV substation`;
    const zhName = world.substations.nameZh[i];
    book[id] = { zh: zhName && zhName !== id ? zhName : `${near >= 0 ? tw.nameZh[near] : ''}${kv}千伏变电站`, en };
  }

  // Feeders: "<substation> 10 kV line <n>", numbered in id order per substation.
  const perSub = new Map<number, number>();
  for (let f = 0; f < world.feeders.ids.length; f++) {
    const sub = world.feeders.substation[f];
    const n = (perSub.get(sub) ?? 0) + 1;
    perSub.set(sub, n);
    const kv = formatKv(world.feeders.voltageKv[f]);
    const subName = sub >= 0 ? book[world.substations.ids[sub]] : undefined;
    book[world.feeders.ids[f]] = subName
      ? { zh: `${subName.zh}${kv}千伏线路${n}`, en: `${kv} kV line ${n} from ${subName.en}` }
      : { zh: `${kv}千伏线路${n}`, en: `${kv} kV line ${n}` };
  }

  // Roads: segments of one named road are numbered in id order.
  const perRoad = new Map<string, number>();
  for (let r = 0; r < world.roads.ids.length; r++) {
    const cls = ROAD_CLASS_ORDER[world.roads.roadClass[r]] ?? 'rural';
    const nameZh = world.roads.nameZh?.[r] ?? '';
    const key = nameZh || cls;
    const n = (perRoad.get(key) ?? 0) + 1;
    perRoad.set(key, n);
    const code = /\b([GSXYZ]\d{1,4})\b/.exec(nameZh)?.[1];
    const clsName = ROAD_CLASS_NAMES[cls];
    book[world.roads.ids[r]] = {
      zh: `${nameZh || clsName.zh}第${n}段`,
      en: `${code ? `${code} (${clsName.en})` : clsName.en.charAt(0).toUpperCase() + clsName.en.slice(1)}, segment ${n}`,
    };
  }

  for (const p of world.generatorPools) {
    book[p.id] = { zh: `${label(SEAT_NAMES, p.org, 'zh')}发电机储备`, en: `${label(SEAT_NAMES, p.org, 'en')} generator reserve` };
  }

  world.teams.forEach((team) => {
    const number = /-(\d+)$/.exec(team.id)?.[1];
    const slug = placeSlug(team.id, [team.org, 'em', 'comms', 'boat']);
    // An abbreviated place (jss) says less than the township the team is based in.
    const near = team.base >= 0 ? nearestTownship(world, world.bases.xM[team.base], world.bases.yM[team.base], 5000) : -1;
    const place = slug.length > 3 ? titleCase(slug) : near >= 0 ? townEn(near) : slug.toUpperCase();
    const what = `${label(SEAT_NAMES, team.org, 'en')} ${label(TEAM_LEVEL_NAMES, team.level, 'en')} ${label(TEAM_KIND_NAMES, team.kind, 'en')}${number ? ` ${number}` : ''}`;
    // The scenario's own English name when it gives one; else composed.
    const en = team.nameEn || (place ? `${what} (${place})` : what);
    const zh = team.nameZh && team.nameZh !== team.id ? team.nameZh : `${label(SEAT_NAMES, team.org, 'zh')}${label(TEAM_LEVEL_NAMES, team.level, 'zh')}${label(TEAM_KIND_NAMES, team.kind, 'zh')}${number ?? ''}`;
    book[team.id] = { zh, en };
  });

  world.uavs.forEach((u) => {
    const cls = label(UAV_CLASS_NAMES, u.class, 'en');
    const place = titleCase(placeSlug(u.id, ['uav', 'wl2h', 'medium', 'large', 'tethered']));
    const en = u.nameEn || `${cls.charAt(0).toUpperCase()}${cls.slice(1)}${place ? ` (${place})` : ''}`;
    book[u.id] = { zh: u.nameZh && u.nameZh !== u.id ? u.nameZh : label(UAV_CLASS_NAMES, u.class, 'zh'), en };
  });

  world.helicopters.forEach((hc, i) => {
    book[hc.id] = { zh: `${label(SEAT_NAMES, hc.org, 'zh')}直升机${i + 1}`, en: `${label(SEAT_NAMES, hc.org, 'en')} helicopter ${i + 1}` };
  });

  world.msel.forEach((inj, i) => {
    const name = injectName(i, inj.number);
    book[inj.id] = name;
    if (inj.expect) book[inj.expect.id] = { zh: `${name.zh}的预期行动`, en: `the expected action of ${name.en}` };
  });
  world.earthquakes.forEach((q, i) => {
    book[q.id] = { zh: `地震${world.earthquakes.length > 1 ? i + 1 : ''}`, en: `earthquake${world.earthquakes.length > 1 ? ` ${i + 1}` : ''}` };
  });
  world.floods.forEach((f, i) => {
    book[f.id] = { zh: `洪水${world.floods.length > 1 ? i + 1 : ''}`, en: `flood${world.floods.length > 1 ? ` ${i + 1}` : ''}` };
  });
  return book;
}

function formatKv(kv: number): string {
  return Number.isInteger(kv) ? String(kv) : kv.toFixed(1);
}

/** An MSEL inject by its MSEL number, or its place in the list (HSEEP numbers MSEL rows). */
export function injectName(index: number, number?: string): Localized {
  const n = number ?? String(index + 1);
  return { zh: `注入${n}`, en: `inject ${n}` };
}

/** The director's k-th ad-hoc inject (1-based). */
export function adhocInjectName(k: number): Localized {
  return { zh: `临机注入${k}`, en: `ad-hoc inject ${k}` };
}

/** A name from the book; an id the book does not know is shown as itself. */
export function nameIn(book: NameBook | undefined, id: string, lang: Lang): string {
  const entry = book?.[id];
  return entry ? entry[lang] || entry.zh : id;
}
