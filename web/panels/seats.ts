// The director's seat panel: who plays each department seat now (a person,
// the doctrine responder, nobody), and handing a seat over — at the next
// second or at a second given ahead. A hand-over is the engine's assignSeat
// command, so it is in the drill's log and a replay does the same.
import type { VisibleCommand } from '../../src/drill/view.ts';
import { byId, h } from '../dom.ts';
import { formatT, t, tr } from '../i18n.ts';
import { seatPolicyOf, type Picture } from '../picture.ts';
import type { Session } from '../session.ts';
import { parseTime } from './timeline.ts';

export const SEAT_PLAYERS = ['person', 'doctrine', 'nobody'] as const;
export type SeatPlayer = (typeof SEAT_PLAYERS)[number];

export class SeatPanel {
  private readonly root = byId('seats');
  private readonly title = h('h3');
  private readonly table = h('table', { 'data-testid': 'seat-table' });
  private readonly form = h('div', { class: 'row' });
  private readonly answer = h('div', { 'data-testid': 'seat-answer' });
  private readonly scheduled = h('ol', { 'data-testid': 'seat-scheduled' });
  private doctrine: string[] = [];
  private upcoming: { tSec: number; seat: string; player: string }[] = [];
  private signature = '';
  private choice = { seat: '', player: 'person' as SeatPlayer, at: '' };
  private lastAnswer: (() => { text: string; ok: boolean }) | null = null;

  constructor(private readonly session: Session) {
    this.root.append(this.title, this.table, this.form, this.answer, this.scheduled);
    this.root.hidden = true;
  }

  /** Who the doctrine plays now (from the host). */
  setDoctrine(seats: string[]): void {
    this.doctrine = seats;
    this.render();
  }

  reset(): void {
    this.lastAnswer = null;
    this.upcoming = [];
    this.render();
    void this.refreshUpcoming();
  }

  update(): void {
    const p = this.session.picture;
    const sig = p ? `${p.tSec >= (this.upcoming[0]?.tSec ?? Infinity)}|${p.log.length}|${p.pending}|${this.session.seat}` : '';
    if (sig === this.signature) return;
    this.render();
    // The scheduled list comes from the host's log (a round trip): only when something was queued or came due.
    const due = p ? `${p.pending}|${p.tSec >= (this.upcoming[0]?.tSec ?? Infinity)}` : '';
    if (due !== this.dueSignature) {
      this.dueSignature = due;
      void this.refreshUpcoming();
    }
  }
  private dueSignature = '';

  translate(): void {
    this.render();
  }

  /** Who plays a department now: the doctrine if it does, else the last hand-over in the log, else whoever sits at this terminal. */
  playerOf(picture: Picture, seat: string, handOvers = lastHandOvers(picture)): SeatPlayer {
    if (this.doctrine.includes(seat)) return 'doctrine';
    const last = handOvers.get(seat);
    if (last && last.args.player !== 'doctrine') return last.args.player as SeatPlayer;
    return seat === this.session.seat ? 'person' : 'nobody';
  }

  private async refreshUpcoming(): Promise<void> {
    const p = this.session.picture;
    if (!p || this.root.hidden || this.session.mode !== 'live') return;
    const log = await this.session.getLog();
    const now = this.session.picture?.tSec ?? 0;
    this.upcoming = log.commands.filter((c) => c.type === 'assignSeat' && c.tSec > now).map((c) => ({ tSec: c.tSec, seat: String(c.args.seat), player: String(c.args.player) }));
    this.renderUpcoming();
  }

  private render(): void {
    const p = this.session.picture;
    this.root.hidden = !p || !seatPolicyOf(p.geometry, this.session.seat).actsForAll;
    if (!p || this.root.hidden) return;
    this.signature = `${p.tSec >= (this.upcoming[0]?.tSec ?? Infinity)}|${p.log.length}|${p.pending}|${this.session.seat}`;
    this.title.textContent = t('seats.title');
    const departments = p.geometry.seats.filter((s) => s.role === 'department').map((s) => s.seat);
    // One pass over the log for all seats: a loaded drill may hold 200,000 commands.
    const handOvers = lastHandOvers(p);
    this.table.replaceChildren(
      ...departments.map((seat) => {
        const player = this.playerOf(p, seat, handOvers);
        return h('tr', { 'data-seat': seat, 'data-player': player }, h('td', {}, tr('seat', seat)), h('td', { class: `player ${player}` }, t(`seats.player.${player}`)));
      }),
    );
    if (this.session.mode !== 'live') {
      this.form.replaceChildren(h('div', { class: 'note' }, t('commands.replayReadonly')));
      this.answer.replaceChildren();
      return;
    }
    this.choice.seat ||= departments[0];
    const seatSelect = h('select', { 'data-testid': 'handover-seat' }, ...departments.map((s) => h('option', { value: s, selected: s === this.choice.seat }, tr('seat', s))));
    seatSelect.addEventListener('change', () => (this.choice.seat = seatSelect.value));
    const playerSelect = h('select', { 'data-testid': 'handover-player' }, ...SEAT_PLAYERS.map((pl) => h('option', { value: pl, selected: pl === this.choice.player }, t(`seats.player.${pl}`))));
    playerSelect.addEventListener('change', () => (this.choice.player = playerSelect.value as SeatPlayer));
    const at = h('input', { type: 'text', size: 7, value: this.choice.at, placeholder: t('seats.atHint'), 'data-testid': 'handover-at' });
    at.addEventListener('input', () => (this.choice.at = at.value));
    const send = h('button', { type: 'button', class: 'primary', 'data-testid': 'handover', disabled: p.ended }, t('seats.handOver'));
    send.addEventListener('click', () => void this.handOver(seatSelect.value, playerSelect.value as SeatPlayer, at.value));
    this.form.replaceChildren(seatSelect, h('span', {}, '→'), playerSelect, h('label', {}, t('seats.at')), at, send);
    this.renderAnswer();
    this.renderUpcoming();
  }

  private renderAnswer(): void {
    const a = this.lastAnswer?.();
    this.answer.className = a ? `answer ${a.ok ? 'ok' : 'bad'}` : '';
    this.answer.textContent = a?.text ?? '';
  }

  private renderUpcoming(): void {
    this.scheduled.replaceChildren(...this.upcoming.map((u) => h('li', {}, t('seats.scheduled', { t: formatT(u.tSec), seat: tr('seat', u.seat), player: t(`seats.player.${u.player as SeatPlayer}`) }))));
  }

  private async handOver(seat: string, player: SeatPlayer, atText: string): Promise<void> {
    this.choice = { seat, player, at: atText };
    const cmd = { type: 'assignSeat', args: { seat, player } };
    let answer;
    if (atText.trim() === '') answer = await this.session.submit(cmd);
    else {
      const atSec = parseTime(atText);
      if (atSec === null) {
        this.lastAnswer = () => ({ text: t('seats.badTime'), ok: false });
        this.renderAnswer();
        return;
      }
      answer = await this.session.submitAt(cmd, atSec);
    }
    this.lastAnswer = answer.ok ? () => ({ text: t('feed.submitted', { t: formatT(answer.tSec) }), ok: true }) : () => ({ text: answer.error, ok: false });
    this.choice.at = '';
    this.render();
    await this.refreshUpcoming();
  }
}

/** Each seat's last accepted hand-over in the log, found in one pass from the end. */
function lastHandOvers(picture: Picture): Map<string, VisibleCommand> {
  const found = new Map<string, VisibleCommand>();
  for (let i = picture.log.length - 1; i >= 0; i--) {
    const c = picture.log[i];
    if (c.type === 'assignSeat' && 'ok' in c.result && typeof c.args.seat === 'string' && !found.has(c.args.seat)) found.set(c.args.seat, c);
  }
  return found;
}
