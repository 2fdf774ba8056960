// DOM overlays on the map: legend (only the statuses this seat can see),
// scale bar, hover tooltip. Crisp at any zoom because they are not in WebGL.
import { byId, h } from '../dom.ts';
import { joinList, t, tr } from '../i18n.ts';
import type { Picture } from '../picture.ts';
import { TEAM_HIDDEN } from '../picture.ts';
import {
  CELL_COLOUR,
  FEEDER_COLOURS,
  INTENSITY_COLOURS,
  ROAD_COLOURS,
  ROAD_STATUS_COLOURS,
  SITE_COLOURS,
  SUBSTATION_COLOURS,
  TEAM_COLOURS,
  UAV_FOOTPRINT_COLOUR,
  type MapTarget,
} from '../scenes/MapScene.ts';
import { FLOOD_ZONE_COLOUR, RIVER_COLOUR, WATER_DEEP, WATER_SHALLOW } from '../scenes/basemap.ts';
import { operatorsOf } from './commands.ts';
import { substationName, targetLabel, teamName, townshipName } from './names.ts';

const ROAD_CLASSES = ['expressway', 'national', 'provincial', 'county', 'rural'];
const TRUTH_STATUSES = ['up', 'upBattery', 'upGenerator', 'downPower', 'downTransport', 'downDamage'];
const PLAYER_STATUSES = ['up', 'upMainsAlarm', 'down', 'unknown'];
const ROMAN = ['', 'Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', 'Ⅵ', 'Ⅶ', 'Ⅷ', 'Ⅸ', 'Ⅹ', 'Ⅺ', 'Ⅻ'];

const css = (c: number) => '#' + c.toString(16).padStart(6, '0');
const LEGEND_KEY = 'drilltwin.legend';

function readLegendChoice(): boolean | null {
  try {
    const v = localStorage.getItem(LEGEND_KEY);
    return v === 'open' ? true : v === 'closed' ? false : null;
  } catch {
    return null;
  }
}

export class MapOverlay {
  private readonly legend = byId('legend');
  private readonly scalebar = byId('scalebar');
  private readonly tooltip = byId('tooltip');
  private metresPerPixel = 1;
  /** The person's choice, if they made one; otherwise open only where the map has room for it. */
  private legendChoice: boolean | null = readLegendChoice();
  /** Called when the overlays change size (legend opened or closed, re-rendered). */
  onLayout: () => void = () => {};

  private legendOpen(): boolean {
    if (this.legendChoice !== null) return this.legendChoice;
    const wrap = this.legend.parentElement!.getBoundingClientRect();
    return wrap.width >= 1100 && wrap.height >= 760;
  }
  private truth = true;
  private picture: Picture | null = null;

  setPicture(picture: Picture, seesTruth: boolean): void {
    this.picture = picture;
    this.truth = seesTruth;
    this.renderLegend();
  }

  translate(): void {
    this.renderLegend();
    this.renderScale();
  }

  private renderLegend(): void {
    const p = this.picture;
    if (!p) return;
    const sw = (colour: number, cls = '') => h('span', { class: `sw ${cls}`, style: `background:${css(colour)}` });
    const rows: Node[] = [h('div', { class: 'group' }, t('legend.sites'))];
    for (const s of this.truth ? TRUTH_STATUSES : PLAYER_STATUSES) rows.push(h('div', { class: 'row' }, sw(SITE_COLOURS[s]), tr('status', s)));
    rows.push(h('div', { class: 'group' }, t('legend.substation')));
    for (const s of ['up', 'down']) rows.push(h('div', { class: 'row' }, sw(SUBSTATION_COLOURS[s], 'sq'), tr('substation', s)));
    rows.push(h('div', { class: 'group' }, t('legend.feeder')));
    for (const s of ['up', 'down', 'unknown']) rows.push(h('div', { class: 'row' }, sw(FEEDER_COLOURS[s], 'ln'), tr('grid', s)));
    rows.push(h('div', { class: 'group' }, t('legend.roads')));
    ROAD_CLASSES.forEach((c, i) => rows.push(h('div', { class: 'row' }, sw(ROAD_COLOURS[i], 'ln'), tr('road', c))));
    if (p.roadCodes.some((c) => c !== 0)) for (const [s, colour] of Object.entries(ROAD_STATUS_COLOURS)) rows.push(h('div', { class: 'row' }, sw(colour, 'ln'), tr('roadStatus', s)));
    const degrees = [...new Set(p.geometry.earthquakes.flatMap((e) => e.isoseismals.map((z) => Math.round(z.intensity))))].sort((a, b) => a - b);
    if (degrees.length) {
      rows.push(h('div', { class: 'group' }, t('legend.intensity')));
      for (const d of degrees) rows.push(h('div', { class: 'row' }, sw(INTENSITY_COLOURS[d] ?? 0xffe0b0, 'sq'), ROMAN[d] ?? String(d)));
    }
    if (p.geometry.floods.length) {
      rows.push(h('div', { class: 'group' }, t('legend.flood')));
      rows.push(h('div', { class: 'row' }, h('span', { class: 'sw area', style: `border-color:${css(FLOOD_ZONE_COLOUR)};border-style:dashed;border-radius:1px` }), t('legend.floodZone')));
      if (p.geometry.terrain) {
        rows.push(h('div', { class: 'row' }, sw(WATER_SHALLOW, 'sq'), t('legend.waterShallow')));
        rows.push(h('div', { class: 'row' }, sw(WATER_DEEP, 'sq'), t('legend.waterDeep')));
      }
    }
    if (p.geometry.rivers.ids.length) rows.push(h('div', { class: 'row', 'data-testid': 'legend-river' }, sw(RIVER_COLOUR, 'ln'), t('legend.river')));
    if (p.geometry.terrain) rows.push(h('div', { class: 'row', 'data-testid': 'legend-relief' }, h('span', { class: 'sw sq relief' }), t('legend.relief')));
    rows.push(h('div', { class: 'row' }, sw(0x37474f, 'sq'), t('legend.township')));
    if (p.geometry.earthquakes.length) rows.push(h('div', { class: 'row' }, sw(0xe8222a), t('legend.epicentre')));
    // Teams: the organisations this seat sees, then the shapes of their states.
    const geo = p.geometry;
    const orgs = [...new Set(geo.teams.org.filter((_, i) => p.teamStatus[i] !== TEAM_HIDDEN))];
    if (orgs.length) {
      rows.push(h('div', { class: 'group' }, t('legend.teams')));
      rows.push(h('div', { class: 'row wrap' }, ...orgs.map((org) => h('span', { class: 'org' }, sw(TEAM_COLOURS[org] ?? 0x455a64, 'sq'), tr('seat', org)))));
      rows.push(
        h(
          'div',
          { class: 'row wrap' },
          h('span', { class: 'org' }, h('span', { class: 'sw shape hex' }), t('legend.teamIdle')),
          h('span', { class: 'org' }, h('span', { class: 'sw shape tri' }), t('legend.teamTravelling')),
          h('span', { class: 'org' }, h('span', { class: 'sw shape plus' }), t('legend.teamWorking')),
        ),
      );
    }
    if (geo.uavs.ids.length) rows.push(h('div', { class: 'row' }, h('span', { class: 'sw area', style: `border-color:${css(UAV_FOOTPRINT_COLOUR)};border-style:dashed` }), t('legend.uavFootprint')));
    rows.push(h('div', { class: 'row' }, h('span', { class: 'sw area', style: `border-color:${css(CELL_COLOUR)}` }), t('legend.cells')));
    const details = h('details', { open: this.legendOpen(), 'data-testid': 'legend-details' }, h('summary', { 'data-testid': 'legend-toggle' }, t('legend.title')), ...rows);
    details.addEventListener('toggle', () => {
      if (details.open === this.legendOpen()) return;
      this.legendChoice = details.open;
      try {
        localStorage.setItem(LEGEND_KEY, details.open ? 'open' : 'closed');
      } catch {
        // storage refused (private mode): the choice lasts for this page only
      }
      this.onLayout();
    });
    this.legend.replaceChildren(details);
    this.onLayout();
  }

  setScale(metresPerPixel: number): void {
    this.metresPerPixel = metresPerPixel;
    this.renderScale();
  }

  private renderScale(): void {
    const target = 120 * this.metresPerPixel;
    const pow = Math.pow(10, Math.floor(Math.log10(target)));
    const nice = [1, 2, 5, 10].map((m) => m * pow).filter((v) => v <= target).pop() ?? pow;
    const px = nice / this.metresPerPixel;
    const label = nice >= 1000 ? `${nice / 1000} km` : `${nice} m`;
    this.scalebar.replaceChildren(h('div', { 'data-testid': 'scale-label' }, label), h('div', { class: 'bar', style: `width:${px.toFixed(1)}px` }));
  }

  hover(target: MapTarget | null, x: number, y: number): void {
    const p = this.picture;
    if (!target || !p) {
      this.tooltip.hidden = true;
      return;
    }
    const geo = p.geometry;
    const lines: Node[] = [];
    if (target.kind === 'team') {
      const i = target.index;
      const task = p.teamTasks[i];
      lines.push(h('div', { class: 't' }, t('tip.team', { name: teamName(geo, i) })));
      lines.push(h('div', {}, `${t('tip.org')}: ${tr('seat', geo.teams.org[i])} · ${t('tip.kind')}: ${tr('teamKind', geo.teams.kind[i])}`));
      lines.push(h('div', {}, `${t('tip.status')}: ${tr('teamStatus', p.teamStatusName(i))}`));
      if (task && (task.status === 'travelling' || task.status === 'working')) lines.push(h('div', {}, `${t('tip.task')}: ${tr('task', task.type)} → ${targetLabel(geo, task.target)}`));
      // Others standing on the same spot (a base, a site), drawn under this one.
      const here: string[] = [];
      for (let j = 0; j < p.teamXM.length; j++) {
        if (j !== i && p.teamXM[j] === p.teamXM[i] && p.teamYM[j] === p.teamYM[i] && p.teamStatus[j] !== TEAM_HIDDEN && p.teamStatusName(j) !== 'inactive') here.push(`${teamName(geo, j)} · ${tr('teamStatus', p.teamStatusName(j))}`);
      }
      if (here.length) lines.push(h('div', { class: 'note' }, t('tip.alsoHere', { n: here.length })), ...here.slice(0, 8).map((line) => h('div', { class: 'note' }, line)));
    } else if (target.kind === 'township') {
      lines.push(h('div', { class: 't' }, t('tip.townshipName', { name: townshipName(geo, target.index) })));
      lines.push(h('div', {}, `${t('tip.population')}: ${Math.round(geo.townships.population[target.index])}`));
    } else if (target.kind === 'road') {
      const r = target.index;
      lines.push(h('div', { class: 't' }, t('tip.road', { id: geo.roads.ids[r] })));
      lines.push(h('div', {}, `${t('tip.roadClass')}: ${tr('road', ROAD_CLASSES[geo.roads.roadClass[r]] ?? '')}`));
      lines.push(h('div', {}, `${t('tip.status')}: ${tr('roadStatus', geo.roadViewNames[p.roadCodes[r]] ?? 'unknown')}`));
    } else if (target.kind === 'site') {
      const s = target.index;
      const township = geo.sites.township[s];
      lines.push(h('div', { class: 't' }, t('tip.site', { id: geo.sites.ids[s] })));
      lines.push(h('div', {}, `${t('tip.status')}: ${tr('status', p.siteStatusName(s))}`));
      lines.push(h('div', {}, `${t('tip.operators')}: ${joinList(operatorsOf(geo, s).map((o) => tr('op', o)))}`));
      if (township >= 0) lines.push(h('div', {}, `${t('tip.township')}: ${townshipName(geo, township)}`));
    } else {
      const i = target.index;
      lines.push(h('div', { class: 't' }, t('tip.substation', { name: substationName(geo, i) })));
      lines.push(h('div', {}, `${t('tip.status')}: ${tr('substation', geo.gridViewNames[p.substationCodes[i]])}`));
    }
    this.tooltip.replaceChildren(...lines);
    this.tooltip.hidden = false;
    this.tooltip.style.left = `${x + 14}px`;
    this.tooltip.style.top = `${y + 14}px`;
  }
}
