// The joint drill's connection line in the top bar. While the drill server
// cannot be reached it says the terminal is reconnecting; once the session
// is welcomed again it says so for a few seconds and empties. A line and not
// a dialog: a lost connection is usually over in seconds, the terminal gets
// it back by itself, and a dialog would cover the map and stay after that.
// It only draws what the session reports (SessionEvents.onConnection).
import { byId } from '../dom.ts';
import { t } from '../i18n.ts';
import type { ConnectionState } from '../session.ts';

/** How long "reconnected" stays: long enough to be read, then out of the way. */
const BACK_MS = 4000;

export class ConnectionLine {
  // In index.html from the start: a live region is announced only if it was already in the page.
  private readonly el = byId('connection-status');
  private shown: 'lost' | 'back' | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  show(state: ConnectionState): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = state === 'back' ? setTimeout(() => this.draw(null), BACK_MS) : null;
    // Stopped: the problems dialog says why, and "reconnecting" would no longer be true.
    this.draw(state === 'stopped' ? null : state);
  }

  translate(): void {
    if (this.shown) this.draw(this.shown);
  }

  private draw(shown: 'lost' | 'back' | null): void {
    this.shown = shown;
    this.el.dataset.state = shown ?? '';
    this.el.textContent = shown ? t(shown === 'lost' ? 'connection.lost' : 'connection.back') : '';
    // On a narrow screen the line is cut short (ellipsis): the whole of it on hover.
    this.el.title = this.el.textContent;
  }
}
