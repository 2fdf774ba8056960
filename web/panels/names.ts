// How the console names teams, UAVs, substations and task targets, in the
// current language. Teams and UAVs carry English names in the shipped
// scenarios (nameEn); where a scenario gives none, the English name is
// composed from what it says of them — organisation, level, kind, number and
// place — never shown as a raw id.
import type { MapGeometry } from '../../src/drill/geometry.ts';
import { placeSlug, titleCase } from '../../src/scoring/names.ts';
import { getLang, t, tr } from '../i18n.ts';

/** A township's English name without a trailing remark such as "(synthetic)". */
const plainTownship = (geo: MapGeometry, i: number) => (geo.townships.nameEn[i] || geo.townships.ids[i]).replace(/\s*\(.*\)\s*$/, '');

/** The English name of the township within `maxM` of a point, if any. */
function townshipNear(geo: MapGeometry, xM: number, yM: number, maxM: number): string | null {
  let best = -1, bestD = maxM;
  for (let i = 0; i < geo.townships.ids.length; i++) {
    const d = Math.hypot(geo.townships.xM[i] - xM, geo.townships.yM[i] - yM);
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best >= 0 ? plainTownship(geo, best) : null;
}

const englishTeamNames = new WeakMap<MapGeometry, string[]>();

function englishTeamName(geo: MapGeometry, team: number): string {
  let names = englishTeamNames.get(geo);
  if (!names) {
    names = geo.teams.ids.map((id, i) => {
      const org = geo.teams.org[i];
      const number = /-(\d+)$/.exec(id)?.[1];
      const slug = placeSlug(id, [org, 'em', 'comms', 'boat']);
      // An abbreviated place (jss) says less than the township the team is based in.
      const base = geo.teams.base[i];
      const near = base >= 0 ? townshipNear(geo, geo.bases.xM[base], geo.bases.yM[base], 5000) : null;
      const place = slug.length > 3 ? titleCase(slug) : (near ?? slug.toUpperCase());
      const what = `${tr('seat', org)} ${tr('teamLevel', geo.teams.level[i])} ${tr('teamKind', geo.teams.kind[i]).toLowerCase()}${number ? ` ${number}` : ''}`;
      return place ? `${what} (${place})` : what;
    });
    englishTeamNames.set(geo, names);
  }
  return names[team];
}

export function teamName(geo: MapGeometry, team: number): string {
  return getLang() === 'zh' ? geo.teams.nameZh[team] || englishTeamName(geo, team) : geo.teams.nameEn[team] || englishTeamName(geo, team);
}

export function teamNameById(geo: MapGeometry, id: string): string {
  const i = geo.teams.ids.indexOf(id);
  return i < 0 ? id : teamName(geo, i);
}

export function uavName(geo: MapGeometry, id: string): string {
  const i = geo.uavs.ids.indexOf(id);
  if (i < 0) return id;
  if (getLang() === 'zh' && geo.uavs.nameZh[i]) return geo.uavs.nameZh[i];
  if (getLang() === 'en' && geo.uavs.nameEn[i]) return geo.uavs.nameEn[i];
  // uav-medium-lanzhou: the class, and the place it flies from (the id's last word).
  const place = titleCase(id.split('-').at(-1) ?? '');
  const cls = tr('uavClass', geo.uavs.uavClass[i]);
  return `${cls.charAt(0).toUpperCase()}${cls.slice(1)} (${place})`;
}

export function substationName(geo: MapGeometry, i: number): string {
  const kv = geo.substations.voltageKv[i];
  if (getLang() === 'zh' && geo.substations.nameZh[i]) return geo.substations.nameZh[i];
  const slug = placeSlug(geo.substations.ids[i], [String(kv)]);
  const place = slug ? titleCase(slug) : townshipNear(geo, geo.substations.xM[i], geo.substations.yM[i], 10000);
  return t('substation.name', { place: place ?? geo.substations.ids[i], kv });
}

export function townshipName(geo: MapGeometry, i: number): string {
  return (getLang() === 'en' && geo.townships.nameEn[i]) || geo.townships.nameZh[i] || geo.townships.ids[i];
}

/** A task's target, named by what it is: a site, township, road segment or substation id. */
export function targetLabel(geo: MapGeometry, targetId: string): string {
  const site = geo.sites.ids.indexOf(targetId);
  if (site >= 0) return t('target.site', { id: targetId });
  const town = geo.townships.ids.indexOf(targetId);
  if (town >= 0) return t('target.township', { name: townshipName(geo, town) });
  const sub = geo.substations.ids.indexOf(targetId);
  if (sub >= 0) return t('target.substation', { name: substationName(geo, sub) });
  if (geo.roads.ids.includes(targetId)) return t('target.road', { id: targetId });
  if (geo.feeders.ids.includes(targetId)) return t('target.feeder', { id: targetId });
  return targetId;
}
