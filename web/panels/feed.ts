// Event feed: injects, alarms (summarised per frame, not one line per site)
// and the verdicts on commands, newest first.
import type { TeamTaskView, VisibleCommand } from '../../src/drill/view.ts';
import type { InjectDoc } from '../../src/model/scenario-format.ts';
import type { MapGeometry } from '../../src/drill/geometry.ts';
import { warningTextIn } from '../../src/model/warning-texts.ts';
import { byId, h } from '../dom.ts';
import { formatT, getLang, t, tr, type Key } from '../i18n.ts';
import type { FrameChanges, Picture } from '../picture.ts';
import { targetLabel, teamName, teamNameById, townshipName, uavName } from './names.ts';

const MAX_ITEMS = 400;

type Item =
  | { kind: 'inject'; tSec: number; inject: InjectDoc }
  | { kind: 'alarm'; tSec: number; key: Key; n: number; cls: string }
  | { kind: 'command'; tSec: number; entry: VisibleCommand }
  | { kind: 'task'; tSec: number; task: TeamTaskView };

/** A command in words; names come from the scenario's geometry when it is given. */
export function describeCommand(entry: { type: string; args: Record<string, unknown> }, geo?: MapGeometry): string {
  const a = entry.args;
  if (entry.type === 'hookGenerator') return t('cmd.hookGenerator', { site: String(a.siteId), pool: String(a.poolId) });
  if (geo) {
    switch (entry.type) {
      case 'assignTask':
        return t('cmd.assignTask', { team: teamNameById(geo, String(a.teamId)), task: tr('task', String(a.task)), target: targetLabel(geo, String(a.targetId)) });
      case 'activateTeam':
        return t('cmd.activateTeam', { team: teamNameById(geo, String(a.teamId)) });
      case 'deployUav': {
        const town = geo.townships.ids.indexOf(String(a.townshipId));
        return t('cmd.deployUav', { uav: uavName(geo, String(a.uavId)), where: town >= 0 ? townshipName(geo, town) : JSON.stringify(a.at ?? a.townshipId) });
      }
      case 'recallUav':
        return t('cmd.recallUav', { uav: uavName(geo, String(a.uavId)) });
      case 'sendWarning':
        return t('cmd.sendWarning', { severity: tr('severity', String(a.severity)), headline: warningTextIn(String(a.headline), getLang()).slice(0, 80), n: Array.isArray(a.townships) ? a.townships.length : 0 });
    }
  }
  // Other command types: their name, then their arguments as given.
  const args = Object.entries(entry.args)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
  const text = `${tr('cmd', entry.type)} (${args})`;
  return text.length > 160 ? text.slice(0, 157) + '…' : text;
}

export function describeResult(result: VisibleCommand['result']): string {
  return 'ok' in result ? t('feed.ok') : t('feed.rejected', { reason: tr('reason', result.rejected) });
}

export class Feed {
  private readonly root = byId('feed');
  private readonly title = h('h3');
  private readonly list = h('ol', { 'data-testid': 'feed-list' });
  private items: Item[] = [];
  private geo: MapGeometry | null = null;

  constructor() {
    this.root.append(this.title, this.list);
    this.translate();
  }

  translate(): void {
    this.title.textContent = t('feed.title');
    this.render();
  }

  reset(picture: Picture): void {
    this.geo = picture.geometry;
    this.items = [];
    for (const inject of picture.injects) this.items.push({ kind: 'inject', tSec: inject.tSec, inject });
    for (const entry of picture.log) this.items.push({ kind: 'command', tSec: entry.tSec, entry });
    this.items.sort((a, b) => a.tSec - b.tSec);
    // Only the latest rows are kept and drawn: a loaded drill may hold 200,000 commands.
    if (this.items.length > MAX_ITEMS) this.items = this.items.slice(-MAX_ITEMS);
    this.render();
  }

  add(picture: Picture, changes: FrameChanges): void {
    const before = this.items.length;
    const now = picture.tSec;
    for (const inject of changes.injects) this.items.push({ kind: 'inject', tSec: inject.tSec, inject });
    const alarm = (key: Key, n: number, cls: string) => n > 0 && this.items.push({ kind: 'alarm', tSec: now, key, n, cls });
    alarm('feed.down', changes.wentDown, 'alarm-down');
    alarm('feed.mainsAlarm', changes.mainsAlarms, 'alarm-down');
    alarm('feed.up', changes.cameUp, 'alarm-up');
    alarm('feed.substationsDown', changes.substationsDown, 'alarm-down');
    alarm('feed.feedersDown', changes.feedersDown, 'alarm-down');
    alarm('feed.substationsUp', changes.substationsUp, 'alarm-up');
    alarm('feed.feedersUp', changes.feedersUp, 'alarm-up');
    alarm('feed.roadsCut', changes.roadsCut, 'alarm-down');
    alarm('feed.roadsReopened', changes.roadsReopened, 'alarm-up');
    for (const entry of changes.log) this.items.push({ kind: 'command', tSec: entry.tSec, entry });
    // Teams arriving, finishing and failing: for a department, its own teams; for the rest, failures only.
    const seat = picture.seat;
    const own = (team: number) => picture.geometry.teams.org[team] === seat;
    for (const task of changes.teamTasks) {
      if (task.status === 'failed' || ((task.status === 'working' || task.status === 'done') && own(task.team))) this.items.push({ kind: 'task', tSec: now, task });
    }
    if (this.items.length === before) return;
    // A frame after a jump spans hours: its injects, commands and alarms go in time order (stable), all after what is shown.
    let fresh = this.items.slice(before).sort((a, b) => a.tSec - b.tSec);
    // A frame may carry a whole loaded drill: only the newest MAX_ITEMS can be shown, so only they are built
    // (and no spread of a huge list into a call, which overflows the stack).
    if (fresh.length > MAX_ITEMS) fresh = fresh.slice(-MAX_ITEMS);
    this.items.length = before;
    for (const item of fresh) this.items.push(item);
    // Only the new rows are built; the list is trimmed from the old end.
    if (before === 0) this.list.replaceChildren();
    this.list.prepend(...fresh.reverse().map((item) => this.row(item)));
    if (this.items.length > MAX_ITEMS) {
      const drop = this.items.length - MAX_ITEMS;
      this.items.splice(0, drop);
      for (let i = 0; i < drop; i++) this.list.lastElementChild?.remove();
    }
  }

  private render(): void {
    const rows = this.items
      .slice()
      .reverse()
      .map((item) => this.row(item));
    if (rows.length === 0) rows.push(h('li', { class: 'toast' }, t('feed.empty')) as HTMLLIElement);
    this.list.replaceChildren(...rows);
  }

  private row(item: Item): HTMLLIElement {
    const lang = getLang();
    const time = h('span', { class: 'time', 'data-tsec': item.tSec }, t('time.t', { t: formatT(item.tSec) }));
    switch (item.kind) {
      case 'inject':
        return h('li', { class: 'inject', 'data-kind': 'inject' }, time, `【${t('feed.inject')}→${tr('seat', item.inject.to)}】`, (lang === 'en' && item.inject.text.en) || item.inject.text.zh);
      case 'alarm':
        return h('li', { class: item.cls, 'data-kind': 'alarm' }, time, t(item.key, { n: item.n }));
      case 'command': {
        const rejected = 'rejected' in item.entry.result;
        return h(
          'li',
          { class: rejected ? 'rejected' : 'command', 'data-kind': 'command', 'data-result': rejected ? (item.entry.result as { rejected: string }).rejected : 'ok' },
          time,
          t('feed.command', { seat: tr('seat', item.entry.seat), what: describeCommand(item.entry, this.geo ?? undefined) }),
          ' — ',
          describeResult(item.entry.result),
        );
      }
      case 'task': {
        const { task } = item;
        const geo = this.geo!;
        const words = { team: teamName(geo, task.team), task: tr('task', task.type), target: targetLabel(geo, task.target), reason: tr('reason', task.reason) };
        const key = task.status === 'failed' ? 'feed.taskFailed' : task.status === 'working' ? 'feed.taskWorking' : 'feed.taskDone';
        return h('li', { class: task.status === 'failed' ? 'alarm-down' : 'task', 'data-kind': 'task', 'data-status': task.status, 'data-team': geo.teams.ids[task.team] }, time, t(key, words));
      }
    }
  }
}
