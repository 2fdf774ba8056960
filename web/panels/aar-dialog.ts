// The after-action report of the drill in progress or finished, rendered in
// the engine worker (the CLI's renderAarHtml) and shown here in a frame: in
// Chinese or English, printable, and saved as one self-contained HTML file.
import { h } from '../dom.ts';
import { getLang, t, type Lang } from '../i18n.ts';

export type AarAnswer = { ok: true; html: string } | { ok: false; problem: string } | null;

export interface AarSource {
  aar(lang: Lang): Promise<AarAnswer>;
  /** For the file name. */
  describe(): { scenarioId: string; tSec: number } | null;
}

export class AarDialog {
  private readonly root = h('div', { id: 'aar-dialog', class: 'dialog aar', 'data-testid': 'aar-dialog', role: 'dialog', hidden: true });
  private readonly title = h('h2');
  private readonly langSelect = h('select', { 'data-testid': 'aar-lang' }, h('option', { value: 'zh' }, '中文'), h('option', { value: 'en' }, 'English'));
  private readonly refreshButton = h('button', { type: 'button', 'data-testid': 'aar-refresh' });
  private readonly printButton = h('button', { type: 'button', 'data-testid': 'aar-print' });
  private readonly saveButton = h('button', { type: 'button', 'data-testid': 'aar-save' });
  private readonly closeButton = h('button', { type: 'button', 'data-testid': 'aar-close' });
  private readonly message = h('div', { class: 'note', 'data-testid': 'aar-message' });
  // Sandboxed without scripts (the page has none); same origin so it can print.
  private readonly frame = h('iframe', { 'data-testid': 'aar-frame', sandbox: 'allow-same-origin allow-modals', title: 'AAR' });
  private html = '';

  constructor(private readonly source: AarSource) {
    this.refreshButton.addEventListener('click', () => void this.render());
    this.langSelect.addEventListener('change', () => void this.render());
    this.printButton.addEventListener('click', () => this.frame.contentWindow?.print());
    this.saveButton.addEventListener('click', () => this.save());
    this.closeButton.addEventListener('click', () => this.close());
    this.root.append(
      h('div', { class: 'aar-bar' }, this.title, this.langSelect, this.refreshButton, this.printButton, this.saveButton, this.closeButton),
      this.message,
      this.frame,
    );
    document.body.append(this.root);
    this.translate();
  }

  async open(): Promise<void> {
    this.langSelect.value = getLang();
    this.root.hidden = false;
    await this.render();
  }

  close(): void {
    this.root.hidden = true;
  }

  translate(): void {
    this.title.textContent = t('aar.title');
    this.refreshButton.textContent = t('aar.refresh');
    this.printButton.textContent = t('aar.print');
    this.saveButton.textContent = t('aar.save');
    this.closeButton.textContent = t('aar.close');
  }

  private async render(): Promise<void> {
    const lang = this.langSelect.value === 'en' ? 'en' : 'zh';
    this.message.textContent = t('aar.rendering');
    this.root.dataset.state = 'rendering';
    const answer = await this.source.aar(lang);
    if (!answer || !answer.ok) {
      this.html = '';
      this.frame.srcdoc = '';
      this.message.textContent = t('score.unavailable', { why: answer ? answer.problem : t('score.none') });
      this.root.dataset.state = 'unavailable';
      return;
    }
    this.html = answer.html;
    this.frame.srcdoc = answer.html;
    const d = this.source.describe();
    this.message.textContent = d ? t('aar.asOf', { t: `T+${Math.floor(d.tSec / 3600)}:${String(Math.floor((d.tSec % 3600) / 60)).padStart(2, '0')}` }) : '';
    this.root.dataset.state = 'ready';
    this.root.dataset.lang = lang;
  }

  private save(): void {
    if (!this.html) return;
    const d = this.source.describe();
    const name = `aar-${d?.scenarioId ?? 'drill'}-T${d?.tSec ?? 0}-${this.langSelect.value}.html`;
    const url = URL.createObjectURL(new Blob([this.html], { type: 'text/html;charset=utf-8' }));
    const a = h('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
