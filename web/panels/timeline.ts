// Timeline: play, pause, step, speed 1×…3600× and max, jump to a time; in a
// replay, a time slider; the final state hash when a run ends.
import { byId, h } from '../dom.ts';
import { formatClock, formatT, t } from '../i18n.ts';
import type { Picture } from '../picture.ts';
import type { Session, Speed } from '../session.ts';

export const SPEEDS: Speed[] = [1, 10, 60, 600, 3600, 'max'];

export interface TimelineActions {
  jump(tSec: number): void;
  restart(): void;
}

export class Timeline {
  private readonly root = byId('timeline');
  private readonly playBtn = h('button', { type: 'button', class: 'primary', 'data-testid': 'play' });
  private readonly stepBtn = h('button', { type: 'button', 'data-testid': 'step' });
  private readonly speedSel = h('select', { 'data-testid': 'speed' });
  private readonly clock = h('span', { class: 'clock', 'data-testid': 'sim-time' });
  private readonly wall = h('span', { class: 'wall' });
  private readonly mode = h('span', { class: 'mode', 'data-testid': 'mode' });
  private readonly progress = h('div', { class: 'progress' }, h('div'));
  private readonly slider = h('input', { type: 'range', min: '0', max: '1', step: '60', value: '0', 'data-testid': 'replay-slider', hidden: true });
  private readonly jumpInput = h('input', { type: 'text', size: 7, 'data-testid': 'jump-input' });
  private readonly jumpBtn = h('button', { type: 'button', 'data-testid': 'jump' });
  private readonly restartBtn = h('button', { type: 'button', 'data-testid': 'restart' });
  private readonly jumpLabel = h('span');
  private readonly speedLabel = h('span');
  private readonly ended = h('span', { class: 'ended', 'data-testid': 'ended' });
  private readonly hash = h('span', { class: 'hash', 'data-testid': 'final-state-hash', hidden: true });
  private readonly hashLabel = h('span', { hidden: true });
  private sliderBusy = false;

  constructor(
    private readonly session: Session,
    private readonly actions: TimelineActions,
  ) {
    for (const s of SPEEDS) this.speedSel.append(h('option', { value: String(s) }, s === 'max' ? '' : `${s}×`));
    this.speedSel.value = String(session.speed);
    this.playBtn.addEventListener('click', () => (session.playing ? session.pause() : session.play()));
    this.stepBtn.addEventListener('click', () => {
      const p = session.picture;
      if (!p) return;
      void (session.mode === 'replay' ? session.seek(p.tSec + 60) : session.advanceTo(p.tSec + 60));
    });
    this.speedSel.addEventListener('change', () => session.setSpeed(this.speedSel.value === 'max' ? 'max' : Number(this.speedSel.value)));
    const jump = () => {
      const tSec = parseTime(this.jumpInput.value);
      if (tSec !== null) actions.jump(tSec);
    };
    this.jumpBtn.addEventListener('click', jump);
    this.jumpInput.addEventListener('keydown', (e) => e.key === 'Enter' && jump());
    this.restartBtn.addEventListener('click', () => actions.restart());
    this.slider.addEventListener('input', async () => {
      if (this.sliderBusy) return;
      this.sliderBusy = true;
      try {
        // Seek to wherever the slider is by the time the previous seek is done.
        let target = -1;
        while (target !== Number(this.slider.value)) {
          target = Number(this.slider.value);
          await session.seek(target);
        }
      } finally {
        this.sliderBusy = false;
      }
    });
    this.root.append(
      this.playBtn,
      this.stepBtn,
      this.speedLabel,
      this.speedSel,
      this.clock,
      this.wall,
      this.mode,
      this.progress,
      this.slider,
      this.jumpLabel,
      this.jumpInput,
      this.jumpBtn,
      this.restartBtn,
      this.ended,
      this.hashLabel,
      this.hash,
    );
    this.translate();
  }

  translate(): void {
    this.stepBtn.textContent = t('timeline.step');
    this.speedLabel.textContent = t('timeline.speed');
    (this.speedSel.querySelector('option[value=max]') as HTMLOptionElement).textContent = t('timeline.max');
    this.jumpLabel.textContent = t('timeline.jump');
    this.jumpInput.placeholder = t('timeline.jumpHint');
    this.jumpBtn.textContent = t('timeline.go');
    this.restartBtn.textContent = t('timeline.restart');
    this.hashLabel.textContent = t('drill.finalHash') + ':';
    this.update(this.session.picture);
  }

  update(picture: Picture | null): void {
    const s = this.session;
    this.playBtn.textContent = s.playing ? t('timeline.pause') : t('timeline.play');
    this.playBtn.disabled = !picture || picture.ended;
    this.stepBtn.disabled = !picture || picture.ended || s.playing;
    this.speedSel.value = String(s.speed);
    this.mode.textContent = s.mode === 'replay' ? t('timeline.replay') : t('timeline.live');
    this.mode.className = `mode ${s.mode}`;
    if (!picture) return;
    const geo = picture.geometry;
    this.clock.textContent = t('time.t', { t: formatT(picture.tSec) });
    this.clock.dataset.tsec = String(picture.tSec);
    this.wall.textContent = formatClock(geo.start, geo.timeZone, picture.tSec);
    (this.progress.firstChild as HTMLElement).style.width = `${(100 * picture.tSec) / geo.durationSec}%`;
    this.ended.textContent = picture.ended ? t('timeline.ended') : '';
    this.slider.hidden = s.mode !== 'replay';
    this.progress.hidden = s.mode === 'replay';
    if (s.mode === 'replay') {
      this.slider.max = String(geo.durationSec);
      if (!this.sliderBusy) this.slider.value = String(picture.tSec);
    }
  }

  showHash(hash: string | null): void {
    this.hash.hidden = this.hashLabel.hidden = hash === null;
    this.hash.textContent = hash ?? '';
  }
}

/** "6", "6:30", "6:30:15", "1.5" (hours since T0), or "90m"/"3600s". */
export function parseTime(text: string): number | null {
  const s = text.trim();
  if (/^\d+\.\d+$/.test(s)) return Math.round(Number(s) * 3600);
  let m = /^(\d+)(?::(\d{1,2}))?(?::(\d{1,2}))?$/.exec(s);
  if (m) return Number(m[1]) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  m = /^(\d+)\s*([hms])$/i.exec(s);
  if (m) return Number(m[1]) * ({ h: 3600, m: 60, s: 1 } as Record<string, number>)[m[2].toLowerCase()];
  return null;
}
