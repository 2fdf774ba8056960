// DOM overlays on the map: legend (only the statuses this seat can see),
// scale bar, hover tooltip. Crisp at any zoom because they are not in WebGL.
import { byId, h } from '../dom.ts';
import { t, tr } from '../i18n.ts';
import type { Picture } from '../picture.ts';
import { FEEDER_COLOURS, INTENSITY_COLOURS, ROAD_COLOURS, ROAD_STATUS_COLOURS, SITE_COLOURS, SUBSTATION_COLOURS, type MapTarget } from '../scenes/MapScene.ts';
import { operatorsOf } from './commands.ts';

const ROAD_CLASSES = ['expressway', 'national', 'provincial', 'county', 'rural'];
const TRUTH_STATUSES = ['up', 'upBattery', 'upGenerator', 'downPower', 'downTransport', 'downDamage'];
const PLAYER_STATUSES = ['up', 'upMainsAlarm', 'down', 'unknown'];
const ROMAN = ['', 'Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', 'Ⅵ', 'Ⅶ', 'Ⅷ', 'Ⅸ', 'Ⅹ', 'Ⅺ', 'Ⅻ'];

const css = (c: number) => '#' + c.toString(16).padStart(6, '0');

export class MapOverlay {
  private readonly legend = byId('legend');
  private readonly scalebar = byId('scalebar');
  private readonly tooltip = byId('tooltip');
  private metresPerPixel = 1;
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
    rows.push(h('div', { class: 'row' }, sw(0x37474f, 'sq'), t('legend.township')));
    rows.push(h('div', { class: 'row' }, sw(0xe8222a), t('legend.epicentre')));
    const details = h('details', { open: true }, h('summary', {}, t('legend.title')), ...rows);
    this.legend.replaceChildren(details);
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
    if (target.kind === 'site') {
      const s = target.index;
      const township = geo.sites.township[s];
      lines.push(h('div', { class: 't' }, t('tip.site', { id: geo.sites.ids[s] })));
      lines.push(h('div', {}, `${t('tip.status')}: ${tr('status', p.siteStatusName(s))}`));
      lines.push(h('div', {}, `${t('tip.operators')}: ${operatorsOf(geo, s).map((o) => tr('op', o)).join('、')}`));
      if (township >= 0) lines.push(h('div', {}, `${t('tip.township')}: ${geo.townships.nameZh[township]}`));
    } else {
      const i = target.index;
      lines.push(h('div', { class: 't' }, t('tip.substation', { name: geo.substations.nameZh[i], kv: geo.substations.voltageKv[i] })));
      lines.push(h('div', {}, `${t('tip.status')}: ${tr('substation', geo.gridViewNames[p.substationCodes[i]])}`));
    }
    this.tooltip.replaceChildren(...lines);
    this.tooltip.hidden = false;
    this.tooltip.style.left = `${x + 14}px`;
    this.tooltip.style.top = `${y + 14}px`;
  }
}
