// The live score against the scenario's capability targets, as the drill
// runs, and the button that renders its after-action report. The score is
// computed in the engine worker by the engine's own scoring code (the
// session host's score()); this panel only draws it.
import type { Evaluation, RatedScore, Rating } from '../../src/scoring/evaluate.ts';
import { formatValue, RATING_NAMES } from '../../src/scoring/i18n.ts';
import { h } from '../dom.ts';
import { formatT, getLang, t } from '../i18n.ts';

export type ScoreAnswer = { ok: true; tSec: number; evaluation: Evaluation } | { ok: false; problem: string } | null;

export interface ScoreSource {
  score(): Promise<ScoreAnswer>;
}

const RATING_CLASS: Record<Rating, string> = { P: 'r-p', S: 'r-s', M: 'r-m', U: 'r-u', notMeasured: 'r-nm' };

function chip(rating: Rating, short = true): HTMLElement {
  const code = rating === 'notMeasured' ? '—' : rating;
  const full = RATING_NAMES[rating][getLang()];
  return h('span', { class: `rchip ${RATING_CLASS[rating]}`, title: full, 'data-rating': rating }, short ? code : `${code} ${full}`);
}

/** A rating, or "not rated" with the provisional one when indicators are missing. */
function ratingOf(x: RatedScore): HTMLElement {
  if (x.complete || x.score === null) return chip(x.rating);
  return h('span', { class: 'provisional', title: t('score.incompleteTip') }, t('score.notRated'), ' ', h('small', {}, t('score.provisional')), ' ', chip(x.provisionalRating));
}

function scoreText(score: number | null): string {
  return score === null ? '—' : score.toFixed(1);
}

export class ScorePanel {
  readonly root = h('section', { id: 'score-panel', class: 'panel', 'data-testid': 'score-panel' });
  private readonly title = h('h3');
  private readonly body = h('div', { 'data-testid': 'score-body' });
  private readonly aarButton = h('button', { type: 'button', 'data-testid': 'aar-open' });
  private inFlight = false;
  private last: ScoreAnswer = null;

  constructor(
    private readonly source: ScoreSource,
    onAar: () => void,
  ) {
    this.aarButton.addEventListener('click', onAar);
    this.root.append(this.title, this.body, h('div', { class: 'row' }, this.aarButton));
    this.translate();
  }

  /** Asks the worker for the score now (one request at a time; a request while one is out is dropped, the next update catches up). */
  async refresh(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = true;
    try {
      this.last = await this.source.score();
      this.draw();
    } catch {
      // The worker is busy with a new scenario: the next refresh answers.
    } finally {
      this.inFlight = false;
    }
  }

  clear(): void {
    this.last = null;
    this.draw();
  }

  translate(): void {
    this.title.textContent = t('targets.title');
    this.aarButton.textContent = t('aar.open');
    this.draw();
  }

  private draw(): void {
    const a = this.last;
    this.body.replaceChildren();
    if (a === null) {
      this.body.append(h('div', { class: 'note' }, t('score.none')));
      return;
    }
    if (!a.ok) {
      this.body.append(h('div', { class: 'note', 'data-testid': 'score-problem' }, t('score.unavailable', { why: a.problem })));
      return;
    }
    const ev = a.evaluation;
    const lang = getLang();
    const o = ev.overall;
    this.root.dataset.tsec = String(a.tSec);
    this.root.dataset.rated = String(o.ratedIndicators);
    this.root.dataset.complete = String(o.complete);
    this.body.append(
      h(
        'div',
        { class: 'score-overall', 'data-testid': 'score-overall' },
        h('span', { class: 'big', 'data-testid': 'score-value' }, scoreText(o.score)),
        ' / 100 ',
        ratingOf(o),
        o.pass === null ? '' : h('strong', { class: o.pass ? 'pass' : 'fail' }, ' ', t(o.pass ? 'score.pass' : 'score.fail')),
      ),
      h('div', { class: 'note' }, t('score.coverage', { rated: o.ratedIndicators, total: o.totalIndicators, measured: o.measuredIndicators, t: formatT(a.tSec) }), ' · ', lang === 'zh' ? ev.profile.name.zh : ev.profile.name.en),
    );
    const groups = h('table', { class: 'score-groups', 'data-testid': 'score-groups' });
    for (const g of ev.groups) {
      groups.append(h('tr', { 'data-group': g.id }, h('td', {}, lang === 'zh' ? g.nameZh : g.nameEn), h('td', { class: 'v' }, scoreText(g.score)), h('td', {}, ratingOf(g)), h('td', { class: 'v' }, `${g.rated}/${g.indicators.length}`)));
    }
    const indicators = h('table', { class: 'score-indicators', 'data-testid': 'score-indicators' });
    for (const r of ev.indicators) {
      indicators.append(
        h(
          'tr',
          { 'data-indicator': r.id, title: r.evidence[lang] },
          h('td', {}, lang === 'zh' ? r.nameZh : r.nameEn),
          h('td', { class: 'v' }, formatValue(r.value, r.unit, lang)),
          h('td', {}, chip(r.rating), r.manual ? h('small', { title: r.manual.note }, ' ✎') : ''),
        ),
      );
    }
    this.body.append(groups, h('details', {}, h('summary', {}, t('score.indicators')), indicators));
  }
}
