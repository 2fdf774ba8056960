// How the console names teams, UAVs, substations and task targets, in the
// current language. Teams, UAVs and substations are named as the
// after-action report names them (the geometry carries the engine's name
// book: the scenario's own names, else composed from what the scenario says
// of them), so the console and the report never disagree.
import type { MapGeometry } from '../../src/drill/geometry.ts';
import { getLang, t } from '../i18n.ts';

/** A team's name in the current language (the geometry carries the report's names: the scenario's own, else composed). */
export function teamName(geo: MapGeometry, team: number): string {
  return (getLang() === 'zh' ? geo.teams.nameZh[team] : geo.teams.nameEn[team]) || geo.teams.ids[team];
}

export function teamNameById(geo: MapGeometry, id: string): string {
  const i = geo.teams.ids.indexOf(id);
  return i < 0 ? id : teamName(geo, i);
}

export function uavName(geo: MapGeometry, id: string): string {
  const i = geo.uavs.ids.indexOf(id);
  if (i < 0) return id;
  return (getLang() === 'zh' ? geo.uavs.nameZh[i] : geo.uavs.nameEn[i]) || id;
}

export function substationName(geo: MapGeometry, i: number): string {
  return (getLang() === 'zh' ? geo.substations.nameZh[i] : geo.substations.nameEn[i]) || geo.substations.ids[i];
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
