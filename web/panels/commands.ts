// Command panel: the selected site and the commands a seat can give about it.
// For now one command type, hookGenerator (a portable generator from a pool);
// the panel is a list of command forms so more types slot in beside it.
import type { MapGeometry } from '../../workers/session-host.ts';
import { byId, h } from '../dom.ts';
import { formatT, t, tr } from '../i18n.ts';
import type { Picture } from '../picture.ts';
import type { MapTarget } from '../scenes/MapScene.ts';
import type { Session } from '../session.ts';
import { describeCommand, describeResult } from './feed.ts';

const OPERATORS = ['cmcc', 'cucc', 'ctcc'];
const SITE_CLASSES = ['macro', 'small', 'super'];

export function operatorsOf(geometry: MapGeometry, site: number): string[] {
  const mask = geometry.sites.operatorMask[site];
  return OPERATORS.filter((_, i) => mask & (1 << i));
}

export class CommandPanel {
  private readonly root = byId('commands');
  private readonly title = h('h3');
  private readonly body = h('div');
  private selected: MapTarget | null = null;
  private answer: { text: string; ok: boolean } | null = null;
  private detail: Record<string, number | string | boolean> | null = null;
  private poolChoice = '';

  constructor(private readonly session: Session) {
    this.root.append(this.title, this.body);
  }

  select(target: MapTarget | null): void {
    this.selected = target;
    this.answer = null;
    this.detail = null;
    this.render();
    if (target?.kind === 'site') {
      void this.session.siteDetail(target.index).then((d) => {
        if (this.selected === target) {
          this.detail = d;
          this.render();
        }
      });
    }
  }

  /** What the panel shows depends on these; re-render only when they change (keeps an open dropdown open). */
  private signature = '';
  private signatureNow(): string {
    const p = this.session.picture;
    const sel = this.selected;
    if (!p) return '';
    const status = !sel ? '' : sel.kind === 'site' ? p.siteCodes[sel.index] : p.substationCodes[sel.index];
    return `${this.session.seat}|${this.session.mode}|${sel?.kind}${sel?.index}|${status}|${p.poolsLeft.join()}|${p.log.length}|${p.pending}|${p.ended}`;
  }

  /** Refresh after a frame. */
  update(): void {
    if (this.signatureNow() === this.signature) return;
    const sel = this.selected;
    if (sel?.kind === 'site' && this.detail) {
      // The ground-truth details (battery, fuel) have moved on too.
      void this.session.siteDetail(sel.index).then((d) => {
        if (this.selected === sel) {
          this.detail = d;
          this.render();
        }
      });
    }
    this.render();
  }

  render(): void {
    this.signature = this.signatureNow();
    const picture = this.session.picture;
    const parts: Node[] = [];
    if (!picture) {
      this.body.replaceChildren();
      return;
    }
    const geo = picture.geometry;
    const seat = this.session.seat;
    if (picture.pending > 0) this.title.append(h('small', {}, t('commands.pending', { n: picture.pending })));
    const sel = this.selected;
    if (!sel) parts.push(h('div', { class: 'note', 'data-testid': 'no-selection' }, t('commands.selectSite')));
    else if (sel.kind === 'substation') {
      parts.push(
        h(
          'div',
          { class: 'site' },
          h('div', { class: 'id' }, t('tip.substation', { name: geo.substations.nameZh[sel.index], kv: geo.substations.voltageKv[sel.index] })),
          h('div', {}, `${t('tip.status')}: ${tr('substation', geo.gridViewNames[picture.substationCodes[sel.index]])}`),
        ),
      );
    } else {
      parts.push(this.siteCard(picture, sel.index));
      parts.push(this.hookGeneratorForm(picture, sel.index));
    }
    const mine = picture.log.filter((c) => c.seat === seat || seat === 'director' || seat === 'evaluator');
    if (mine.length > 0) {
      parts.push(h('div', { class: 'note' }, t('commands.mine')));
      parts.push(
        h(
          'ol',
          { 'data-testid': 'my-commands' },
          ...mine
            .slice(-50)
            .reverse()
            .map((c) => h('li', { class: 'rejected' in c.result ? 'answer bad' : 'answer ok' }, `${t('time.t', { t: formatT(c.tSec) })} ${tr('seat', c.seat)}: ${describeCommand(c)} — ${describeResult(c.result)}`)),
        ),
      );
    }
    this.body.replaceChildren(...parts);
  }

  private siteCard(picture: Picture, s: number): HTMLElement {
    const geo = picture.geometry;
    const township = geo.sites.township[s];
    const lines: Node[] = [
      h('div', { class: 'id', 'data-testid': 'selected-site' }, geo.sites.ids[s]),
      h('div', {}, `${t('tip.status')}: `, h('strong', { 'data-testid': 'selected-status' }, tr('status', picture.siteStatusName(s)))),
      h('div', {}, `${t('tip.operators')}: ${operatorsOf(geo, s).map((o) => tr('op', o)).join('、')} · ${t('tip.class')}: ${tr('class', SITE_CLASSES[geo.sites.siteClass[s]] ?? '')}`),
      h('div', {}, `${t('tip.township')}: ${township >= 0 ? geo.townships.nameZh[township] : '—'}`),
    ];
    if (this.detail) {
      for (const [k, v] of Object.entries(this.detail)) {
        if (k === 'id') continue;
        lines.push(h('div', { class: 'note' }, `${tr('detail', k)}: ${typeof v === 'boolean' ? t(v ? 'yes' : 'no') : v}`));
      }
    }
    return h('div', { class: 'site' }, ...lines);
  }

  private hookGeneratorForm(picture: Picture, s: number): HTMLElement {
    const geo = picture.geometry;
    const seat = this.session.seat;
    const form = h('div', { class: 'form' }, h('div', {}, h('strong', {}, t('commands.hookGenerator'))));
    if (seat === 'evaluator') {
      form.append(h('div', { class: 'note' }, t('commands.readonly')));
      return form;
    }
    if (this.session.mode === 'replay') {
      form.append(h('div', { class: 'note' }, t('commands.replayReadonly')));
      return form;
    }
    // Pools the seat can see; the gate still decides (a refusal is shown, translated).
    const pools = geo.pools.map((p, i) => ({ ...p, left: picture.poolsLeft[i] })).filter((p) => p.left >= 0);
    if (pools.length === 0) {
      form.append(h('div', { class: 'note' }, t('commands.noPools')));
      return form;
    }
    const ops = operatorsOf(geo, s);
    const preferred = pools.find((p) => p.id === this.poolChoice) ?? pools.find((p) => p.org === seat) ?? pools.find((p) => ops.includes(p.org) || p.org === 'tower') ?? pools[0];
    const select = h('select', { 'data-testid': 'pool-select' }, ...pools.map((p) => h('option', { value: p.id, selected: p.id === preferred.id }, `${p.id} · ${tr('seat', p.org)} · ${t('commands.left', { n: p.left })}`)));
    select.addEventListener('change', () => (this.poolChoice = select.value));
    const send = h('button', { type: 'button', class: 'primary', 'data-testid': 'send-command', disabled: picture.ended }, t('commands.send'));
    send.addEventListener('click', async () => {
      this.poolChoice = select.value;
      const answer = await this.session.submit({ type: 'hookGenerator', args: { siteId: geo.sites.ids[s], poolId: select.value } });
      this.answer = answer.ok ? { text: t('feed.submitted', { t: formatT(answer.tSec) }), ok: true } : { text: answer.error, ok: false };
      this.render();
    });
    form.append(h('div', { class: 'row' }, h('label', {}, t('commands.pool')), select, send));
    if (this.answer) form.append(h('div', { class: `answer ${this.answer.ok ? 'ok' : 'bad'}`, 'data-testid': 'command-answer' }, this.answer.text));
    return form;
  }
}
