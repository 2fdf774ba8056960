// Top bar: scenario (shipped list, or files dropped / picked), seed, seat,
// save and load a drill; and the problem dialog for a scenario or drill file
// that does not load.
import { seedFromText } from '../../src/model/run-choices.ts';
import { SEATS, type SeatPolicy } from '../../src/model/seats.ts';
import { byId, h } from '../dom.ts';
import { getLang, t, tr, type Key } from '../i18n.ts';
import { readFiles, type DroppedFile, type ShippedScenario } from '../scenarios.ts';

export { SEATS };

export interface TopbarActions {
  openShipped(id: string, seed: number | null): void;
  openFiles(files: DroppedFile[]): void;
  changeSeat(seat: string): void;
  restartWithSeed(seed: number): void;
  saveDrill(): void;
  /** A seat's policy as the host sent it (null before a scenario is loaded). */
  policyOf(seat: string): SeatPolicy | null;
}

export class Topbar {
  private readonly scenarioLabel = h('label', { for: 'scenario-select' });
  readonly scenarioSelect = h('select', { id: 'scenario-select', 'data-testid': 'scenario-select' });
  private readonly openBtn = h('button', { type: 'button', 'data-testid': 'open-files' });
  private readonly folderBtn = h('button', { type: 'button' });
  readonly fileInput = h('input', { type: 'file', multiple: true, accept: '.json,.geojson,application/json', hidden: true, 'data-testid': 'file-input' });
  private readonly folderInput = h('input', { type: 'file', multiple: true, hidden: true, webkitdirectory: true });
  private readonly seedLabel = h('label', { for: 'seed-input' });
  readonly seedInput = h('input', { id: 'seed-input', type: 'number', step: '1', style: 'width:6em', 'data-testid': 'seed' });
  private readonly seatLabel = h('label', { for: 'seat-select' });
  readonly seatSelect = h('select', { id: 'seat-select', 'data-testid': 'seat-select' });
  private readonly seatNote = h('span', { class: 'sub seat-note', 'data-testid': 'seat-note' });
  private readonly saveBtn = h('button', { type: 'button', 'data-testid': 'save-drill' });
  private readonly loadBtn = h('button', { type: 'button', 'data-testid': 'load-drill' });
  private droppedOption: HTMLOptionElement | null = null;

  constructor(
    private readonly shipped: ShippedScenario[],
    private readonly actions: TopbarActions,
  ) {
    for (const s of shipped) this.scenarioSelect.append(h('option', { value: s.id, title: s.id }, s.name[getLang()]));
    for (const seat of SEATS) this.seatSelect.append(h('option', { value: seat }));
    this.scenarioSelect.addEventListener('change', () => {
      if (this.scenarioSelect.value !== '__dropped__') actions.openShipped(this.scenarioSelect.value, null);
    });
    this.openBtn.addEventListener('click', () => this.fileInput.click());
    this.folderBtn.addEventListener('click', () => this.folderInput.click());
    this.loadBtn.addEventListener('click', () => this.fileInput.click());
    const picked = async (input: HTMLInputElement) => {
      const files = await readFiles(input.files ?? []);
      input.value = '';
      if (files.length) actions.openFiles(files);
    };
    this.fileInput.addEventListener('change', () => void picked(this.fileInput));
    this.folderInput.addEventListener('change', () => void picked(this.folderInput));
    this.seedInput.addEventListener('change', () => {
      // The seeds the CLI accepts, refused with its reason: a drill started here can be replayed there.
      const seed = seedFromText(this.seedInput.value);
      if (seed.ok) actions.restartWithSeed(seed.value);
      else {
        showProblems('problems.choiceTitle', { n: 1 }, [`seed: ${seed.reason}`]);
        this.seedInput.value = this.shownSeed;
      }
    });
    this.seatSelect.addEventListener('change', () => {
      this.updateSeatNote();
      actions.changeSeat(this.seatSelect.value);
    });
    this.saveBtn.addEventListener('click', () => actions.saveDrill());
    byId('scenario-bar').append(this.scenarioLabel, this.scenarioSelect, this.openBtn, this.folderBtn, this.fileInput, this.folderInput, this.seedLabel, this.seedInput);
    byId('seat-bar').append(this.seatLabel, this.seatSelect, this.seatNote);
    byId('drill-bar').append(this.saveBtn, this.loadBtn);
    this.installDrop();
    this.translate();
  }

  translate(): void {
    this.scenarioLabel.textContent = t('scenario.label');
    this.openBtn.textContent = t('scenario.open');
    this.openBtn.title = t('scenario.openTitle');
    this.folderBtn.textContent = t('scenario.openFolder');
    this.folderBtn.title = t('scenario.openFolderTitle');
    this.seedLabel.textContent = t('seed.label');
    this.seatLabel.textContent = t('seat.label');
    for (const o of this.seatSelect.options) o.textContent = tr('seat', o.value);
    for (const o of this.scenarioSelect.options) {
      const entry = this.shipped.find((x) => x.id === o.value);
      if (entry) o.textContent = entry.name[getLang()];
    }
    this.scenarioSelect.title = this.scenarioSelect.selectedOptions[0]?.textContent ?? '';
    this.saveBtn.textContent = t('drill.save');
    this.saveBtn.title = t('drill.saveTitle');
    this.loadBtn.textContent = t('drill.load');
    this.loadBtn.title = t('drill.loadTitle');
    if (this.droppedOption) this.droppedOption.textContent = `${this.droppedOption.dataset.id} (${t('scenario.dropped')})`;
    this.updateSeatNote();
  }

  setSeat(seat: string): void {
    this.seatSelect.value = seat;
    this.updateSeatNote();
  }

  /** What the chosen seat sees, from the policy the host sent (never re-derived here). */
  updateSeatNote(): void {
    const policy = this.actions.policyOf(this.seatSelect.value);
    this.seatNote.textContent = !policy ? '' : t(policy.observer ? 'seat.observerNote' : policy.truth ? 'seat.truthNote' : 'seat.playerNote');
    this.seatNote.title = this.seatNote.textContent;
    this.seatNote.dataset.seat = this.seatSelect.value;
  }

  showScenario(id: string, dropped: boolean): void {
    if (dropped) {
      if (!this.droppedOption) {
        this.droppedOption = h('option', { value: '__dropped__' });
        this.scenarioSelect.append(this.droppedOption);
      }
      this.droppedOption.dataset.id = id;
      this.scenarioSelect.value = '__dropped__';
      this.translate();
    } else this.scenarioSelect.value = id;
  }

  private shownSeed = '';
  setSeed(seed: number): void {
    this.shownSeed = String(seed);
    this.seedInput.value = this.shownSeed;
  }

  /** Drag and drop anywhere on the page. */
  private installDrop(): void {
    const overlay = byId('drop-overlay');
    let depth = 0;
    window.addEventListener('dragenter', (e) => {
      e.preventDefault();
      depth++;
      overlay.hidden = false;
    });
    window.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) overlay.hidden = true;
    });
    window.addEventListener('dragover', (e) => e.preventDefault());
    window.addEventListener('drop', async (e) => {
      e.preventDefault();
      depth = 0;
      overlay.hidden = true;
      const files = await readFiles(e.dataTransfer?.files ?? []);
      if (files.length) this.actions.openFiles(files);
    });
  }
}

/** Shows a list of problems; the app keeps running underneath. */
export function showProblems(titleKey: Key, params: Record<string, string | number>, problems: string[]): void {
  const dialog = byId('problems');
  const close = h('button', { type: 'button', 'data-testid': 'problems-close' }, t('problems.close'));
  close.addEventListener('click', () => (dialog.hidden = true));
  dialog.replaceChildren(
    h('h2', { 'data-testid': 'problems-title' }, t(titleKey, params)),
    h('ol', { 'data-testid': 'problem-list' }, ...problems.map((p) => h('li', {}, p))),
    close,
  );
  dialog.hidden = false;
}
