// Command panel: what is selected on the map and the commands the seat can
// give. Each command is a small form that submits plain data to the session;
// the gate's verdict (done, or refused with a translated reason) arrives in
// the log below and in the event feed. Forms are rebuilt only when what they
// offer changes (selection, seat, the set of inactive teams, UAV states), so
// an open dropdown or a half-typed headline survives the frames.
import type { MapGeometry } from '../../src/drill/geometry.ts';
import type { CommandSpec } from '../../src/model/commands.ts';
import type { Ctx } from '../../src/model/context.ts';
import { SETTING_COMMANDS } from '../../src/response/cmd-settings.ts';
import { byId, h } from '../dom.ts';
import { formatT, joinList, t, tr } from '../i18n.ts';
import { seatPolicyOf, type Picture } from '../picture.ts';
import type { MapTarget } from '../scenes/MapScene.ts';
import type { Session } from '../session.ts';
import { ROMAN } from '../scenes/basemap.ts';
import { describeCommand, describeResult } from './feed.ts';
import { substationName, targetLabel, teamName, townshipName, uavName } from './names.ts';

const SITE_CLASSES = ['macro', 'small', 'super'];
const SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor'];
/** Road lists longer than this offer only the selected road and those known to be cut or damaged. */
const MAX_ROAD_OPTIONS = 400;

export function operatorsOf(geometry: MapGeometry, site: number): string[] {
  const mask = geometry.sites.operatorMask[site];
  return geometry.operators.filter((_, i) => mask & (1 << i));
}

type FormName = 'generator' | 'assign' | 'activate' | 'uav' | 'warning' | 'request' | 'settings';
interface Answer {
  /** In the language of the moment (the panel re-renders on a switch). */
  text: () => string;
  ok: boolean;
  /** A command queued and not yet through the gate: its second, type and seat. */
  pending?: { tSec: number; type: string; seat: string };
  /** Sent, its acknowledgement not come yet (a joint drill's terminal may be reconnecting): the form's send is off meanwhile. */
  waiting?: true;
}
type Selection = Exclude<MapTarget, { kind: 'team' }>;
interface Option {
  value: string;
  label: string;
}

function select(testid: string, options: Option[], chosen: string, props: Record<string, unknown> = {}): HTMLSelectElement {
  return h('select', { 'data-testid': testid, ...props }, ...options.map((o) => h('option', { value: o.value, selected: o.value === chosen }, o.label)));
}

function pickValue(options: Option[], ...preferred: (string | undefined)[]): string {
  for (const p of preferred) if (p !== undefined && options.some((o) => o.value === p)) return p;
  return options[0]?.value ?? '';
}

export class CommandPanel {
  private readonly root = byId('commands');
  private readonly title = h('h3');
  private readonly card = h('div');
  private readonly forms = h('div');
  private readonly mine = h('div');
  private selected: Selection | null = null;
  private detail: Record<string, number | string | boolean> | null = null;
  /** The answer under each form: "sent, applies at …" until the gate's verdict arrives, then the verdict. */
  private answers: Partial<Record<FormName, Answer>> = {};
  private geometry: MapGeometry | null = null;
  /** The user's choices, kept across re-renders. */
  private choice = {
    pool: '',
    team: '',
    task: '',
    target: '',
    activate: '',
    uav: '',
    uavTownship: '',
    warnTownships: [] as string[],
    severity: 'Severe',
    event: '',
    headline: '',
    requestKind: 'reinforcement',
    requestTownship: '',
    settings: {} as Partial<Record<string, boolean>>,
  };
  private open: Partial<Record<FormName, boolean>> = { assign: true, generator: true };

  constructor(private readonly session: Session) {
    this.root.append(this.title, this.card, this.forms, this.mine);
  }

  /** A map selection; a team (clicked on the map or in the teams list) goes into the task form instead. */
  select(target: MapTarget | null): void {
    if (target?.kind === 'team') {
      this.chooseTeam(target.index);
      return;
    }
    this.selected = target;
    this.answers = {};
    this.detail = null;
    this.render();
    if (target?.kind === 'site') {
      void this.session.siteDetail(target.index).then((d) => {
        if (this.selected === target) {
          this.detail = d;
          this.renderCard();
        }
      });
    }
  }

  /** A new drill or another seat: answers about the old one's commands go, and a selection in another scenario's map. */
  forgetAnswers(): void {
    this.answers = {};
    const geo = this.session.picture?.geometry ?? null;
    if (geo !== this.geometry) {
      this.geometry = geo;
      this.selected = null;
      this.detail = null;
    }
  }

  /** Replaces "sent" by the gate's verdict once the command has been through it. */
  private settleAnswers(picture: Picture): boolean {
    let changed = false;
    for (const [name, answer] of Object.entries(this.answers) as [FormName, Answer][]) {
      const p = answer.pending;
      if (!p) continue;
      let entry: Picture['log'][number] | undefined;
      for (let i = picture.log.length - 1; i >= 0 && !entry; i--) {
        const c = picture.log[i];
        if (c.by !== 'doctrine' && c.tSec === p.tSec && c.type === p.type && c.seat === p.seat) entry = c;
      }
      if (!entry) continue;
      const result = entry.result;
      this.answers[name] = 'ok' in result ? { text: () => t('commands.done', { t: formatT(p.tSec) }), ok: true } : { text: () => describeResult(result), ok: false };
      changed = true;
    }
    return changed;
  }

  chooseTeam(team: number): void {
    const geo = this.session.picture?.geometry;
    if (!geo) return;
    this.choice.team = geo.teams.ids[team];
    this.open.assign = true;
    this.renderForms();
  }

  // What each part shows depends on these; a part is rebuilt only when its signature changes.
  private signatures = { card: '', forms: '', mine: '' };
  private signaturesNow(): { card: string; forms: string; mine: string } {
    const p = this.session.picture;
    const sel = this.selected;
    if (!p) return { card: '', forms: '', mine: '' };
    const status = !sel ? '' : sel.kind === 'site' ? p.siteCodes[sel.index] : sel.kind === 'substation' ? p.substationCodes[sel.index] : sel.kind === 'road' ? p.roadCodes[sel.index] : '';
    const base = `${this.session.seat}|${this.session.mode}|${sel?.kind}${sel?.index}|${p.ended}`;
    let inactive = '';
    for (let i = 0; i < p.teamStatus.length; i++) inactive += p.teamStatus[i] === 0 ? '1' : '0';
    let cut = 0;
    for (let r = 0; r < p.roadCodes.length; r++) if (p.roadCodes[r] > 1) cut++;
    return {
      card: `${base}|${status}`,
      forms: `${base}|${p.poolsLeft.join()}|${inactive}|${p.uavStatus.join()}|${cut}`,
      mine: `${this.session.seat}|${p.log.length}|${p.pending}`,
    };
  }

  /** Refresh after a frame. */
  update(): void {
    const now = this.signaturesNow();
    if (now.card !== this.signatures.card) {
      const sel = this.selected;
      if (sel?.kind === 'site' && this.detail) {
        // The ground-truth details (battery, fuel) have moved on too.
        void this.session.siteDetail(sel.index).then((d) => {
          if (this.selected === sel) {
            this.detail = d;
            this.renderCard();
          }
        });
      }
      this.renderCard();
    }
    const settled = now.mine !== this.signatures.mine && this.session.picture !== null && this.settleAnswers(this.session.picture);
    if (settled || now.forms !== this.signatures.forms) this.renderForms();
    if (now.mine !== this.signatures.mine) this.renderMine();
  }

  render(): void {
    this.renderCard();
    this.renderForms();
    this.renderMine();
  }

  // ---- the selection ---------------------------------------------------------

  private renderCard(): void {
    this.signatures.card = this.signaturesNow().card;
    const picture = this.session.picture;
    if (!picture) {
      this.card.replaceChildren();
      return;
    }
    const geo = picture.geometry;
    const sel = this.selected;
    if (!sel) {
      this.card.replaceChildren(h('div', { class: 'note', 'data-testid': 'no-selection' }, t('commands.selectSite')));
      return;
    }
    switch (sel.kind) {
      case 'site':
        this.card.replaceChildren(this.siteCard(picture, sel.index));
        return;
      case 'substation':
        this.card.replaceChildren(
          h(
            'div',
            { class: 'site' },
            h('div', { class: 'id', 'data-testid': 'selected-substation' }, t('tip.substation', { name: substationName(geo, sel.index) })),
            h('div', {}, `${t('tip.status')}: ${tr('substation', geo.gridViewNames[picture.substationCodes[sel.index]])}`),
          ),
        );
        return;
      case 'township':
        this.card.replaceChildren(
          h(
            'div',
            { class: 'site' },
            h('div', { class: 'id', 'data-testid': 'selected-township' }, t('tip.townshipName', { name: townshipName(geo, sel.index) })),
            h('div', {}, `${t('tip.population')}: ${Math.round(geo.townships.population[sel.index])}`),
          ),
        );
        return;
      case 'road':
        this.card.replaceChildren(
          h(
            'div',
            { class: 'site' },
            h('div', { class: 'id', 'data-testid': 'selected-road' }, t('tip.road', { id: geo.roads.ids[sel.index] })),
            h('div', {}, `${t('tip.roadClass')}: ${tr('road', ROAD_CLASSES[geo.roads.roadClass[sel.index]] ?? '')}`),
            h('div', {}, `${t('tip.status')}: ${tr('roadStatus', geo.roadViewNames[picture.roadCodes[sel.index]] ?? 'unknown')}`),
          ),
        );
        return;
    }
  }

  private siteCard(picture: Picture, s: number): HTMLElement {
    const geo = picture.geometry;
    const township = geo.sites.township[s];
    const lines: Node[] = [
      h('div', { class: 'id', 'data-testid': 'selected-site', 'data-id': geo.sites.ids[s] }, geo.sites.ids[s]),
      h('div', {}, `${t('tip.status')}: `, h('strong', { 'data-testid': 'selected-status' }, tr('status', picture.siteStatusName(s)))),
      h('div', {}, `${t('tip.operators')}: ${joinList(operatorsOf(geo, s).map((o) => tr('op', o)))} · ${t('tip.class')}: ${tr('class', SITE_CLASSES[geo.sites.siteClass[s]] ?? '')}`),
      h('div', {}, `${t('tip.township')}: ${township >= 0 ? townshipName(geo, township) : '—'}`),
    ];
    if (this.detail) {
      for (const [k, v] of Object.entries(this.detail)) {
        if (k === 'id') continue;
        lines.push(h('div', { class: 'note', 'data-detail': k }, `${tr('detail', k)}: ${detailValue(k, v)}`));
      }
    }
    return h('div', { class: 'site' }, ...lines);
  }

  // ---- the forms ---------------------------------------------------------------

  private renderForms(): void {
    this.signatures.forms = this.signaturesNow().forms;
    const picture = this.session.picture;
    if (!picture) {
      this.forms.replaceChildren();
      return;
    }
    const seat = this.session.seat;
    const policy = seatPolicyOf(picture.geometry, seat);
    if (policy.observer) {
      this.forms.replaceChildren(h('div', { class: 'note' }, t('commands.readonly')));
      return;
    }
    if (this.session.mode === 'replay') {
      this.forms.replaceChildren(h('div', { class: 'note' }, t('commands.replayReadonly')));
      return;
    }
    const geo = picture.geometry;
    const parts: Node[] = [];
    if (this.selected?.kind === 'site') parts.push(this.hookGeneratorForm(picture, this.selected.index));
    parts.push(this.assignTaskForm(picture));
    if (policy.coordinator) parts.push(this.activateForm(picture));
    if (policy.coordinator || geo.uavs.org.includes(seat)) parts.push(this.uavForm(picture));
    if (policy.coordinator) parts.push(this.warningForm(picture));
    if (!policy.actsForAll) parts.push(this.requestForm(picture));
    const settings = this.settingsForm(picture);
    if (settings) parts.push(settings);
    this.forms.replaceChildren(...parts);
  }

  /**
   * The drill's switches this seat may throw (SETTING_COMMANDS: emergency
   * roaming for the coordinators, priority supply for the power company and
   * the coordinators), each on or off with its own send button. It only sends
   * the command: the gate decides, and its verdict is the answer. The value
   * shown is the last one this seat's own log says was applied (a seat's
   * picture does not carry the engine's flags).
   */
  private settingsForm(picture: Picture): HTMLElement | null {
    const seat = this.session.seat;
    const mayThrow = (spec: CommandSpec) => {
      try {
        return spec.allowed(seat, {}, null as unknown as Ctx);
      } catch {
        return true; // a permission that needs the drill's state: the gate will say
      }
    };
    const types = (Object.keys(SETTING_COMMANDS) as (keyof typeof SETTING_COMMANDS)[]).filter((type) => mayThrow(SETTING_COMMANDS[type]));
    if (types.length === 0) return null;
    const rows = types.map((type) => {
      let last: { enabled: boolean; tSec: number } | null = null;
      for (let i = picture.log.length - 1; i >= 0 && !last; i--) {
        const c = picture.log[i];
        if (c.type === type && 'ok' in c.result) last = { enabled: c.args.enabled === true, tSec: c.tSec };
      }
      const chosen = this.choice.settings[type] ?? (last ? !last.enabled : true);
      const value = select(`setting-${type}`, [{ value: 'on', label: t('commands.settingOn') }, { value: 'off', label: t('commands.settingOff') }], chosen ? 'on' : 'off');
      value.addEventListener('change', () => (this.choice.settings[type] = value.value === 'on'));
      const send = this.sendButton(`send-${type}`, t('commands.send'), false, () => void this.send('settings', type, { enabled: value.value === 'on' }));
      return h(
        'div',
        { class: 'row', 'data-testid': `setting-row-${type}` },
        h('label', {}, t(`commands.setting.${type}` as const)),
        value,
        send,
        h('span', { class: 'note', 'data-testid': `setting-last-${type}` }, last ? t('commands.settingLast', { state: t(last.enabled ? 'commands.settingIsOn' : 'commands.settingIsOff'), t: formatT(last.tSec) }) : ''),
      );
    });
    return this.form('settings', t('commands.settings'), ...rows);
  }

  /** A collapsible form with a title, its rows, and the answer to its last submission. */
  private form(name: FormName, title: string, ...rows: Node[]): HTMLElement {
    const details = h('details', { class: 'form', 'data-testid': `form-${name}`, open: this.open[name] === true }, h('summary', {}, h('strong', {}, title)), ...rows);
    details.addEventListener('toggle', () => (this.open[name] = details.open));
    const answer = this.answers[name];
    if (answer) details.append(h('div', { class: `answer ${answer.pending || answer.waiting ? 'pending' : answer.ok ? 'ok' : 'bad'}`, 'data-testid': name === 'generator' ? 'command-answer' : `answer-${name}` }, answer.text()));
    if (answer?.waiting) for (const button of details.querySelectorAll<HTMLButtonElement>('button.primary')) button.disabled = true;
    return details;
  }

  private async send(name: FormName, type: string, args: Record<string, unknown>): Promise<void> {
    const seat = this.session.seat;
    // Said at once: a joint drill's terminal keeps a command given while it reconnects until the server has it,
    // and a form that said nothing meanwhile would be sent again (as another command).
    this.answers[name] = { text: () => t('commands.waiting'), ok: true, waiting: true };
    this.renderForms();
    const answer = await this.session.submit({ type, args });
    this.answers[name] = answer.ok ? { text: () => t('feed.submitted', { t: formatT(answer.tSec) }), ok: true, pending: { tSec: answer.tSec, type, seat } } : { text: () => answer.error, ok: false };
    this.renderForms();
  }

  private sendButton(testid: string, label: string, disabled: boolean, onClick: () => void): HTMLButtonElement {
    const button = h('button', { type: 'button', class: 'primary', 'data-testid': testid, disabled: disabled || this.session.picture?.ended === true }, label);
    button.addEventListener('click', onClick);
    return button;
  }

  private hookGeneratorForm(picture: Picture, s: number): HTMLElement {
    const geo = picture.geometry;
    const seat = this.session.seat;
    // Pools the seat can see; the gate still decides (a refusal is shown, translated).
    const visible = geo.pools.map((p, i) => ({ ...p, left: picture.poolsLeft[i] })).filter((p) => p.left >= 0);
    if (visible.length === 0) return this.form('generator', t('commands.hookGenerator'), h('div', { class: 'note' }, t('commands.noPools')));
    // Only pools that may serve this site (an operator's pool serves that operator's sites).
    const pools = visible.filter((p) => p.siteOperatorMask === 0 || (geo.sites.operatorMask[s] & p.siteOperatorMask) !== 0);
    const ops = operatorsOf(geo, s);
    if (pools.length === 0) return this.form('generator', t('commands.hookGenerator'), h('div', { class: 'note', 'data-testid': 'no-pool-for-site' }, t('commands.noPoolForSite', { operators: joinList(ops.map((o) => tr('op', o))) })));
    const preferred = pools.find((p) => p.id === this.choice.pool) ?? pools.find((p) => p.org === seat) ?? pools.find((p) => ops.includes(p.org) || p.org === 'tower') ?? pools[0];
    const pool = select(
      'pool-select',
      pools.map((p) => ({ value: p.id, label: `${p.id} · ${tr('seat', p.org)} · ${t('commands.left', { n: p.left })}` })),
      preferred.id,
    );
    pool.addEventListener('change', () => (this.choice.pool = pool.value));
    const send = this.sendButton('send-command', t('commands.send'), false, () => {
      this.choice.pool = pool.value;
      void this.send('generator', 'hookGenerator', { siteId: geo.sites.ids[s], poolId: pool.value });
    });
    return this.form('generator', t('commands.hookGenerator'), h('div', { class: 'row' }, h('label', {}, t('commands.pool')), pool, send));
  }

  /** Teams the seat may task: its organisation's (the director's: all). */
  private commandableTeams(geo: MapGeometry): number[] {
    const seat = this.session.seat;
    const all = seatPolicyOf(geo, seat).actsForAll;
    const out: number[] = [];
    for (let i = 0; i < geo.teams.ids.length; i++) if (all || geo.teams.org[i] === seat) out.push(i);
    return out;
  }

  private targetOptions(picture: Picture, kind: string): Option[] {
    const geo = picture.geometry;
    const sel = this.selected;
    const options: Option[] = [];
    const add = (value: string) => {
      if (!options.some((o) => o.value === value)) options.push({ value, label: targetLabel(geo, value) });
    };
    if ((kind === 'site' || kind === 'siteOrTownship') && sel?.kind === 'site') add(geo.sites.ids[sel.index]);
    if (kind === 'township' || kind === 'siteOrTownship') {
      if (sel?.kind === 'township') add(geo.townships.ids[sel.index]);
      if (sel?.kind === 'site' && geo.sites.township[sel.index] >= 0) add(geo.townships.ids[geo.sites.township[sel.index]]);
      geo.townships.ids.forEach(add);
    }
    if (kind === 'substation') {
      if (sel?.kind === 'substation') add(geo.substations.ids[sel.index]);
      geo.substations.ids.forEach(add);
    }
    if (kind === 'feeder') {
      // The selected site's feeder, then the feeders the seat sees down, then the rest.
      if (sel?.kind === 'site' && geo.sites.feeder[sel.index] >= 0) add(geo.feeders.ids[geo.sites.feeder[sel.index]]);
      geo.feeders.ids.forEach((id, f) => {
        if (geo.gridViewNames[picture.feederCodes[f]] === 'down') add(id);
      });
      geo.feeders.ids.forEach(add);
    }
    if (kind === 'road') {
      if (sel?.kind === 'road') add(geo.roads.ids[sel.index]);
      // Roads the seat knows are cut or damaged first.
      const known = geo.roadViewNames;
      for (let r = 0; r < geo.roads.ids.length; r++) if (known[picture.roadCodes[r]] !== 'open' && known[picture.roadCodes[r]] !== 'unknown') add(geo.roads.ids[r]);
      if (geo.roads.ids.length <= MAX_ROAD_OPTIONS) geo.roads.ids.forEach(add);
    }
    return options;
  }

  private assignTaskForm(picture: Picture): HTMLElement {
    const geo = picture.geometry;
    const teams = this.commandableTeams(geo);
    const title = tr('cmd', 'assignTask');
    if (teams.length === 0) return this.form('assign', title, h('div', { class: 'note' }, t('commands.noTeams')));
    const teamOptions = teams.map((i) => ({ value: geo.teams.ids[i], label: teamName(geo, i) }));
    this.choice.team = pickValue(teamOptions, this.choice.team);
    const team = geo.teams.ids.indexOf(this.choice.team);
    const taskOptions = (geo.taskTypesByKind[geo.teams.kind[team]] ?? []).map((task) => ({ value: task, label: tr('task', task) }));
    this.choice.task = pickValue(taskOptions, this.choice.task);
    const targetKind = geo.taskTarget[this.choice.task] ?? 'site';
    const targetOptions = this.targetOptions(picture, targetKind);
    const sel = this.selected;
    const selectedId = !sel ? undefined : sel.kind === 'site' ? geo.sites.ids[sel.index] : sel.kind === 'township' ? geo.townships.ids[sel.index] : sel.kind === 'road' ? geo.roads.ids[sel.index] : geo.substations.ids[sel.index];
    this.choice.target = pickValue(targetOptions, selectedId, this.choice.target);

    const teamSelect = select('task-team', teamOptions, this.choice.team);
    teamSelect.addEventListener('change', () => {
      this.choice.team = teamSelect.value;
      this.renderForms();
    });
    const taskSelect = select('task-type', taskOptions, this.choice.task);
    taskSelect.addEventListener('change', () => {
      this.choice.task = taskSelect.value;
      this.renderForms();
    });
    const rows: Node[] = [h('div', { class: 'row' }, h('label', {}, t('commands.team')), teamSelect), h('div', { class: 'row' }, h('label', {}, t('commands.task')), taskSelect)];
    let targetSelect: HTMLSelectElement | null = null;
    if (targetOptions.length === 0) rows.push(h('div', { class: 'note', 'data-testid': 'task-target-missing' }, t('commands.pickSite')));
    else {
      targetSelect = select('task-target', targetOptions, this.choice.target);
      targetSelect.addEventListener('change', () => (this.choice.target = targetSelect!.value));
      rows.push(h('div', { class: 'row' }, h('label', {}, t('commands.target')), targetSelect));
    }
    const send = this.sendButton('assign-task', t('commands.send'), targetSelect === null, () => {
      if (!targetSelect) return;
      this.choice.target = targetSelect.value;
      void this.send('assign', 'assignTask', { teamId: this.choice.team, task: this.choice.task, targetId: targetSelect.value });
    });
    rows.push(h('div', { class: 'row' }, send));
    return this.form('assign', title, ...rows);
  }

  private activateForm(picture: Picture): HTMLElement {
    const geo = picture.geometry;
    const title = tr('cmd', 'activateTeam');
    const options: Option[] = [];
    for (let i = 0; i < geo.teams.ids.length; i++) if (picture.teamStatus[i] === 0) options.push({ value: geo.teams.ids[i], label: teamName(geo, i) });
    if (options.length === 0) return this.form('activate', title, h('div', { class: 'note' }, t('commands.noInactive')));
    this.choice.activate = pickValue(options, this.choice.activate);
    const teamSelect = select('activate-select', options, this.choice.activate);
    teamSelect.addEventListener('change', () => (this.choice.activate = teamSelect.value));
    const send = this.sendButton('activate-team', t('commands.activate'), false, () => {
      this.choice.activate = teamSelect.value;
      void this.send('activate', 'activateTeam', { teamId: teamSelect.value });
    });
    return this.form('activate', title, h('div', { class: 'row' }, teamSelect, send));
  }

  private townshipOptions(geo: MapGeometry): Option[] {
    return geo.townships.ids.map((id, i) => ({ value: id, label: townshipName(geo, i) }));
  }

  /** The township of the selection (a township, or a site's township), if any. */
  private selectedTownship(geo: MapGeometry): string | undefined {
    const sel = this.selected;
    if (sel?.kind === 'township') return geo.townships.ids[sel.index];
    if (sel?.kind === 'site' && geo.sites.township[sel.index] >= 0) return geo.townships.ids[geo.sites.township[sel.index]];
    return undefined;
  }

  private uavForm(picture: Picture): HTMLElement {
    const geo = picture.geometry;
    const seat = this.session.seat;
    const title = `${tr('cmd', 'deployUav')} / ${tr('cmd', 'recallUav')}`;
    const uavs: Option[] = [];
    const coordinator = seatPolicyOf(geo, seat).coordinator;
    geo.uavs.ids.forEach((id, u) => {
      if (coordinator || geo.uavs.org[u] === seat) uavs.push({ value: id, label: `${uavName(geo, id)}${geo.uavs.payload[u] === 'reconnaissance' ? ` (${t('uav.reconnaissance')})` : ''} · ${tr('uavStatus', geo.uavStatusNames[picture.uavStatus[u]] ?? '')}` });
    });
    if (uavs.length === 0) return this.form('uav', title, h('div', { class: 'note' }, '—'));
    this.choice.uav = pickValue(uavs, this.choice.uav);
    const towns = this.townshipOptions(geo);
    this.choice.uavTownship = pickValue(towns, this.selectedTownship(geo), this.choice.uavTownship);
    const uavSelect = select('uav-select', uavs, this.choice.uav);
    uavSelect.addEventListener('change', () => (this.choice.uav = uavSelect.value));
    const townSelect = select('uav-township', towns, this.choice.uavTownship);
    townSelect.addEventListener('change', () => (this.choice.uavTownship = townSelect.value));
    const deploy = this.sendButton('deploy-uav', t('commands.deploy'), false, () => {
      this.choice.uav = uavSelect.value;
      this.choice.uavTownship = townSelect.value;
      void this.send('uav', 'deployUav', { uavId: uavSelect.value, townshipId: townSelect.value });
    });
    const recall = h('button', { type: 'button', 'data-testid': 'recall-uav', disabled: picture.ended }, t('commands.recall'));
    recall.addEventListener('click', () => {
      this.choice.uav = uavSelect.value;
      void this.send('uav', 'recallUav', { uavId: uavSelect.value });
    });
    return this.form('uav', title, h('div', { class: 'row' }, h('label', {}, t('commands.uav')), uavSelect), h('div', { class: 'row' }, h('label', {}, t('commands.township')), townSelect, deploy, recall));
  }

  private warningForm(picture: Picture): HTMLElement {
    const geo = picture.geometry;
    const towns = this.townshipOptions(geo);
    const fromMap = this.selectedTownship(geo);
    const chosen = new Set(this.choice.warnTownships.length ? this.choice.warnTownships : fromMap ? [fromMap] : []);
    const townSelect = h('select', { multiple: true, size: 5, 'data-testid': 'warn-townships' }, ...towns.map((o) => h('option', { value: o.value, selected: chosen.has(o.value) }, o.label)));
    const readTowns = () => (this.choice.warnTownships = Array.from(townSelect.selectedOptions, (o) => o.value));
    townSelect.addEventListener('change', readTowns);
    const severity = select(
      'warn-severity',
      SEVERITIES.map((s) => ({ value: s, label: tr('severity', s) })),
      this.choice.severity,
    );
    severity.addEventListener('change', () => (this.choice.severity = severity.value));
    const defaultEvent = geo.earthquakes.length > 0 ? t('commands.defaultEventQuake') : t('commands.defaultEventFlood');
    const event = h('input', { type: 'text', 'data-testid': 'warn-event', value: this.choice.event || defaultEvent, maxlength: 500 });
    event.addEventListener('input', () => (this.choice.event = event.value));
    const headline = h('input', { type: 'text', 'data-testid': 'warn-headline', value: this.choice.headline || t('commands.defaultHeadline'), maxlength: 500, style: 'flex:1' });
    headline.addEventListener('input', () => (this.choice.headline = headline.value));
    const send = this.sendButton('send-warning', t('commands.send'), false, () => {
      readTowns();
      if (this.choice.warnTownships.length === 0) {
        this.answers.warning = { text: () => t('commands.pickTownships'), ok: false };
        this.renderForms();
        return;
      }
      void this.send('warning', 'sendWarning', { townships: this.choice.warnTownships, severity: severity.value, event: event.value, headline: headline.value });
    });
    return this.form(
      'warning',
      tr('cmd', 'sendWarning'),
      h('div', { class: 'note' }, t('commands.townships')),
      townSelect,
      h('div', { class: 'row' }, h('label', {}, t('commands.severity')), severity, h('label', {}, t('commands.event')), event),
      h('div', { class: 'row' }, h('label', {}, t('commands.headline')), headline),
      h('div', { class: 'row' }, send),
    );
  }

  private requestForm(picture: Picture): HTMLElement {
    const geo = picture.geometry;
    const kind = select(
      'request-kind',
      geo.requestKinds.map((k) => ({ value: k, label: tr('request', k) })),
      this.choice.requestKind,
    );
    kind.addEventListener('change', () => (this.choice.requestKind = kind.value));
    const towns: Option[] = [{ value: '', label: '—' }, ...this.townshipOptions(geo)];
    const town = select('request-township', towns, pickValue(towns, this.choice.requestTownship || this.selectedTownship(geo)));
    town.addEventListener('change', () => (this.choice.requestTownship = town.value));
    const send = this.sendButton('send-request', t('commands.send'), false, () => {
      this.choice.requestKind = kind.value;
      this.choice.requestTownship = town.value;
      void this.send('request', 'requestSupport', town.value ? { kind: kind.value, townshipId: town.value } : { kind: kind.value });
    });
    return this.form('request', tr('cmd', 'requestSupport'), h('div', { class: 'row' }, kind, town, send));
  }

  // ---- the log ---------------------------------------------------------------

  private renderMine(): void {
    this.signatures.mine = this.signaturesNow().mine;
    const picture = this.session.picture;
    this.title.replaceChildren(t('commands.title'));
    if (!picture) {
      this.mine.replaceChildren();
      return;
    }
    const seat = this.session.seat;
    if (picture.pending > 0) this.title.append(h('small', {}, t('commands.pending', { n: picture.pending })));
    const truth = seatPolicyOf(picture.geometry, seat).truth;
    const visible = picture.log.filter((c) => truth || c.seat === seat);
    const people = visible.filter((c) => c.by !== 'doctrine');
    const doctrine = visible.filter((c) => c.by === 'doctrine');
    const list = (testid: string, entries: typeof visible) =>
      h(
        'ol',
        { 'data-testid': testid },
        ...entries
          .slice(-50)
          .reverse()
          .map((c) => h('li', { class: 'rejected' in c.result ? 'answer bad' : 'answer ok', 'data-seat': c.seat }, `${t('time.t', { t: formatT(c.tSec) })} ${tr('seat', c.seat)}: ${describeCommand(c, picture.geometry)} — ${describeResult(c.result)}`)),
      );
    const parts: Node[] = [];
    // Orders given by people (for the director and evaluators: every seat's); the doctrine's apart, folded.
    if (people.length) parts.push(h('div', { class: 'note' }, t(truth ? 'commands.byPeople' : 'commands.mine')), list('my-commands', people));
    if (doctrine.length) {
      const details = h('details', { class: 'doctrine', 'data-testid': 'doctrine-commands', open: this.doctrineOpen }, h('summary', {}, t('commands.byDoctrine', { n: doctrine.length })), list('doctrine-command-list', doctrine));
      details.addEventListener('toggle', () => (this.doctrineOpen = details.open));
      parts.push(details);
    }
    this.mine.replaceChildren(...parts);
  }
  private doctrineOpen = false;
}

const ROAD_CLASSES = ['expressway', 'national', 'provincial', 'county', 'rural'];

/** A site detail as a person reads it: damage states by name, intensity in Roman numerals. */
function detailValue(key: string, v: number | string | boolean): string {
  if (typeof v === 'boolean') return t(v ? 'yes' : 'no');
  if (key === 'damageState' && typeof v === 'number') return tr('damageState', String(v));
  if (key === 'maxIntensity' && typeof v === 'number') return v > 0 ? `${ROMAN[Math.round(v)] ?? v} (${v.toFixed(1)})` : '—';
  return String(v);
}
