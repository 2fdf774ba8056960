// The teams the seat can see: name, status and current task, one row each,
// updated in place as frames arrive (no rebuild, so it is cheap at hundreds
// of teams). Each row carries data-testid="team-<id>" and data-status,
// data-x, data-y (metres, rounded), data-task for people and tests. A click
// hands the team to the command panel.
import { byId, h } from '../dom.ts';
import { t, tr } from '../i18n.ts';
import { TEAM_HIDDEN, type Picture } from '../picture.ts';
import { TEAM_COLOURS, TEAM_OTHER_COLOUR } from '../scenes/MapScene.ts';
import { targetLabel, teamName } from './names.ts';

const css = (c: number) => '#' + c.toString(16).padStart(6, '0');

interface Row {
  team: number;
  el: HTMLLIElement;
  status: HTMLElement;
  task: HTMLElement;
  shown: string;
}

export class TeamsPanel {
  private readonly root = byId('teams');
  private readonly title = h('h3');
  private readonly list = h('ol', { class: 'teams', 'data-testid': 'team-list' });
  private rows: Row[] = [];
  private picture: Picture | null = null;

  constructor(private readonly onPick: (team: number) => void) {
    this.root.append(this.title, this.list);
  }

  /** A new picture (start, seat change, seek): the set of visible teams may differ. */
  reset(picture: Picture): void {
    this.picture = picture;
    this.rebuild();
  }

  translate(): void {
    this.rebuild();
  }

  private rebuild(): void {
    const p = this.picture;
    this.rows = [];
    if (!p) return;
    const geo = p.geometry;
    for (let team = 0; team < geo.teams.ids.length; team++) {
      if (p.teamStatus[team] === TEAM_HIDDEN) continue;
      const status = h('span', { class: 'st' });
      const task = h('span', { class: 'task' });
      const el = h(
        'li',
        { 'data-testid': `team-${geo.teams.ids[team]}`, title: geo.teams.ids[team] },
        h('span', { class: 'sw', style: `background:${css(TEAM_COLOURS[geo.teams.org[team]] ?? TEAM_OTHER_COLOUR)}` }),
        h('span', { class: 'name' }, teamName(geo, team)),
        status,
        task,
      );
      el.addEventListener('click', () => this.onPick(team));
      this.rows.push({ team, el, status, task, shown: '' });
    }
    this.title.replaceChildren(t('teams.title'), h('small', {}, t('teams.count', { n: this.rows.length })));
    if (this.rows.length === 0) this.list.replaceChildren(h('li', { class: 'note', 'data-testid': 'teams-none' }, t('teams.none')));
    else this.list.replaceChildren(...this.rows.map((r) => r.el));
    this.update();
  }

  /** Refreshes statuses, positions and tasks (only what changed is touched). */
  update(): void {
    const p = this.picture;
    if (!p) return;
    const geo = p.geometry;
    for (const row of this.rows) {
      const i = row.team;
      const status = p.teamStatusName(i);
      const task = p.teamTasks[i];
      const x = String(Math.round(p.teamXM[i])), y = String(Math.round(p.teamYM[i]));
      const el = row.el;
      if (el.dataset.x !== x) el.dataset.x = x;
      if (el.dataset.y !== y) el.dataset.y = y;
      const key = `${status}|${task?.index}|${task?.status}`;
      if (key === row.shown) continue;
      row.shown = key;
      el.dataset.status = status;
      el.dataset.task = task ? `${task.type}:${task.target}:${task.status}` : '';
      row.status.textContent = tr('teamStatus', status);
      row.status.className = `st ${status}`;
      row.task.textContent = task && (task.status === 'travelling' || task.status === 'working') ? `${tr('task', task.type)} → ${targetLabel(geo, task.target)}` : task?.status === 'failed' ? t('teams.failed', { task: tr('task', task.type), reason: tr('reason', task.reason) }) : '';
    }
  }
}
