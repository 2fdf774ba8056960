// How the console names teams, UAVs and task targets, in the current language.
// Scenario names are Chinese only (TeamSpec.nameZh); in English the id is shown.
import type { MapGeometry } from '../../src/drill/geometry.ts';
import { getLang, t, tr } from '../i18n.ts';

export function teamName(geo: MapGeometry, team: number): string {
  return getLang() === 'zh' ? geo.teams.nameZh[team] || geo.teams.ids[team] : geo.teams.ids[team];
}

export function teamNameById(geo: MapGeometry, id: string): string {
  const i = geo.teams.ids.indexOf(id);
  return i < 0 ? id : teamName(geo, i);
}

export function uavName(geo: MapGeometry, id: string): string {
  const i = geo.uavs.ids.indexOf(id);
  if (i < 0) return id;
  return getLang() === 'zh' ? geo.uavs.nameZh[i] || id : `${id} (${tr('uavClass', geo.uavs.uavClass[i])})`;
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
  if (sub >= 0) return t('target.substation', { name: geo.substations.nameZh[sub] || targetId });
  if (geo.roads.ids.includes(targetId)) return t('target.road', { id: targetId });
  return targetId;
}
