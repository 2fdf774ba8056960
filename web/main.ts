// Entry point: builds the Phaser map and the DOM panels and wires them to the
// engine worker. Nothing here simulates; it shows frames and sends commands.
//
// URL parameters (for kiosks and tests): ?scenario=ID&seed=N&seat=SEAT
// &speed=1|10|60|600|3600|max&autorun=1&lang=en&doctrine=none|all|SEAT,SEAT
// (doctrine: the seats the automatic responder plays; by default the
// scenario's, minus the seat taken in this browser); renderer=canvas draws the
// map without WebGL (as it does by itself when the browser has no WebGL)
import * as Phaser from 'phaser';
import { doctrineSeatsFromText, seedFromText } from '../src/model/run-choices.ts';
import type { Seat } from '../src/model/seats.ts';
import type { Frame } from '../src/drill/channel.ts';
import { byId, downloadJson, h, throttle } from './dom.ts';
import { formatT, getLang, joinList, onLangChange, setLang, t, tr, translateDom } from './i18n.ts';
import { clearAutosave, readAutosave, writeAutosave } from './autosave.ts';
import { CommandPanel } from './panels/commands.ts';
import { ConnectionLine } from './panels/connection.ts';
import { ask, confirmDiscard, toast } from './panels/dialogs.ts';
import { Feed } from './panels/feed.ts';
import { MapOverlay } from './panels/map-overlay.ts';
import { Scoreboard } from './panels/scoreboard.ts';
import { ScorePanel } from './panels/score-panel.ts';
import { AarDialog } from './panels/aar-dialog.ts';
import { ExercisePanel } from './panels/exercise-panel.ts';
import { ImportPage } from './panels/import-page.ts';
import { readSheetFile, writeSheetFile } from './msel-file.ts';
import { formatSheetProblem } from '../src/drill/msel-sheet.ts';
import { SeatPanel } from './panels/seats.ts';
import { TeamsPanel } from './panels/teams.ts';
import { SPEEDS, Timeline } from './panels/timeline.ts';
import { SEATS, showProblems, Topbar } from './panels/topbar.ts';
import { seatPolicyOf, type Picture } from './picture.ts';
import { chooseRenderer } from './renderer.ts';
import { interpretDropped, shippedScenarios, type DroppedContent } from './scenarios.ts';
import { MapScene } from './scenes/MapScene.ts';
import { Session, type ResetKind, type Speed } from './session.ts';
import { joinToken, openSession } from './remote-session.ts';
import './style.css';

const params = new URLSearchParams(location.search);
const DEFAULT_SCENARIO = 'jishishan-2023';

async function main(): Promise<void> {
  if (params.get('lang') === 'en') setLang('en');
  translateDom(document.body);

  const shipped = shippedScenarios();
  const scene = new MapScene();
  const renderer = chooseRenderer(params.get('renderer'));
  byId('renderer-note').hidden = renderer === 'webgl';
  document.body.dataset.renderer = renderer;
  new Phaser.Game({
    type: renderer === 'webgl' ? Phaser.WEBGL : Phaser.CANVAS,
    parent: 'map',
    // Transparent: the background layers are DOM canvases under this one.
    transparent: true,
    scale: { mode: Phaser.Scale.RESIZE, width: '100%', height: '100%' },
    banner: false,
    audio: { noAudio: true },
    disableContextMenu: true,
    // No multisampling: the map is textures and sprites, and in software
    // WebGL (headless, no GPU) MSAA multiplies the cost of every frame.
    render: { antialiasGL: false, powerPreference: 'high-performance' },
    scene: [scene],
  });
  await scene.ready;

  let autorunPending = params.get('autorun') === '1';
  let current: { id: string; dropped: boolean } | null = null;
  const connectionLine = new ConnectionLine();

  const session = openSession({
    onReset(picture: Picture, kind: ResetKind) {
      const n = picture.siteCodes.length;
      scene.updateSites(Int32Array.from({ length: n }, (_, i) => i), picture.siteCodes);
      scene.updateSubstations(Int32Array.from({ length: picture.substationCodes.length }, (_, i) => i), picture.substationCodes);
      scene.updateFeeders(Int32Array.from({ length: picture.feederCodes.length }, (_, i) => i), picture.feederCodes);
      scene.updateRoads(Int32Array.from({ length: picture.roadCodes.length }, (_, i) => i), picture.roadCodes);
      scene.updateTeams(picture.teamXM, picture.teamYM, picture.teamStatus, true);
      scene.updateAreas(areasOf(picture));
      scene.setFloodLevels(picture.floodLevelsM);
      overlay.setPicture(picture, seatPolicyOf(picture.geometry, session.seat).truth);
      teams.reset(picture);
      scoreboard.reset(picture);
      void scorePanel.refresh();
      if (kind !== 'seek') exercisePanel.setPolicy(seatPolicyOf(picture.geometry, session.seat));
      else void exercisePanel.refresh();
      feed.reset(picture);
      // A new drill or another seat: the answers to the forms belonged to the old one (not after a jump in time,
      // nor after a rejoin of the same drill and seat: an answer still waiting there is given after the rejoin).
      if (kind === 'start' || kind === 'seat') commands.forgetAnswers();
      commands.render();
      seats.reset();
      timeline.update(picture);
      timeline.showHash(null);
      endedShown = false;
      if (picture.ended) void onEnded();
      updateStatus();
      if (session.mode === 'live' && picture.tSec > 0) markDirty();
    },
    onSubmitted() {
      markDirty();
      refreshScore();
    },
    onFrame(picture: Picture, changes, frame: Frame) {
      scene.updateSites(frame.siteIdx, frame.siteCode);
      scene.updateSubstations(frame.substationIdx, frame.substationCode);
      scene.updateFeeders(frame.feederIdx, frame.feederCode);
      scene.updateRoads(frame.roadIdx, frame.roadCode);
      scene.updateTeams(frame.teamXM, frame.teamYM, frame.teamStatus, false);
      if (changes.areasChanged) scene.updateAreas(areasOf(picture));
      scene.setFloodLevels(picture.floodLevelsM);
      feed.add(picture, changes);
      slowPanels();
      refreshScore();
      if (session.mode === 'live') markDirty();
      // A seat changed hands: the status says who the doctrine plays now.
      if (changes.log.some((c) => c.type === 'assignSeat') || (handOverAt !== null && picture.tSec >= handOverAt)) {
        handOverAt = null;
        void updateStatus();
      }
      if (picture.ended) void onEnded();
    },
    onClock() {
      timeline.update(session.picture);
    },
    onError(message, from) {
      // Said by whoever said it: a joint drill's server or terminal, else the solo console's drill file or engine.
      showProblems(from === 'server' ? 'problems.serverTitle' : from === 'terminal' ? 'problems.terminalTitle' : 'problems.drillTitle', { n: 1 }, [message]);
    },
    onConnection(state) {
      connectionLine.show(state);
    },
  });

  const overlay = new MapOverlay();
  /**
   * The map's subject is fitted clear of the overlays: the status line (and
   * the renderer note) on top, the scale bar at the bottom, and the legend —
   * beside it or above it, whichever leaves the map bigger.
   */
  function layoutMap(): void {
    const wrap = byId('map-wrap').getBoundingClientRect();
    if (wrap.width === 0) return;
    const box = (id: string) => {
      const el = byId(id);
      return el.hidden ? null : el.getBoundingClientRect();
    };
    const status = box('status'), note = box('renderer-note'), scale = box('scalebar'), legend = box('legend');
    const top = Math.max(status ? status.bottom - wrap.top + 6 : 0, note ? note.bottom - wrap.top + 6 : 0);
    const bottom = scale ? wrap.bottom - scale.top + 6 : 0;
    const beside = { left: legend ? legend.right - wrap.left + 8 : 0, top, right: 0, bottom };
    const above = { left: 0, top, right: 0, bottom: Math.max(bottom, legend ? wrap.bottom - legend.top + 8 : 0) };
    scene.setInsets(scene.fitZoomFor(beside) >= scene.fitZoomFor(above) ? beside : above);
  }
  overlay.onLayout = () => layoutMap();
  window.addEventListener('resize', () => layoutMap());
  const scoreboard = new Scoreboard();
  const aarDialog = new AarDialog({
    aar: (lang) => (session.picture ? session.aar(lang) : Promise.resolve(null)),
    describe: () => (session.picture && current ? { scenarioId: current.id, tSec: session.picture.tSec } : null),
  });
  const scorePanel = new ScorePanel({ score: () => (session.picture ? session.score() : Promise.resolve(null)) }, () => void aarDialog.open());
  byId('side').insertBefore(scorePanel.root, byId('scoreboard'));
  const exercisePanel = new ExercisePanel({
    exercise: () => (session.picture ? session.exercise() : Promise.resolve(null)),
    injectTargets: () => (session.picture ? session.injectTargets() : Promise.resolve(null)),
    submit: (cmd) => session.submit(cmd),
    async importMsel(file) {
      if (!current) return;
      const read = await readSheetFile(file.name, await file.arrayBuffer());
      if ('problem' in read) {
        showProblems('problems.drillTitle', { n: 1 }, [read.problem]);
        return;
      }
      const answer = await session.importMsel(current.id, read.header, read.rows);
      if (!answer.ok) {
        const problems = 'sheetProblems' in answer ? answer.sheetProblems.map((p) => formatSheetProblem(file.name, p)) : answer.problems;
        showProblems('problems.drillTitle', { n: problems.length }, [t('exercise.importFailed', { n: problems.length }), ...problems]);
        return;
      }
      await clearAutosave();
      scene.setGeometry(answer.geometry);
      await startScenario(session.seed);
      layoutMap();
      toast(t('exercise.imported', { n: read.rows.length }));
    },
    async exportMsel(format) {
      const sheet = await session.mselSheet(getLang());
      if (!sheet || !current) return;
      const blob = await writeSheetFile(format, sheet.header, sheet.rows);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `msel-${current.id}.${format}`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
  byId('side').insertBefore(exercisePanel.root, byId('scoreboard'));
  // The score and the exercise state are recomputed in the worker about once a second of wall time while the drill runs.
  const refreshScore = throttle(() => {
    void scorePanel.refresh();
    void exercisePanel.refresh();
  }, 1000);
  const feed = new Feed();
  const commands = new CommandPanel(session);
  const seats = new SeatPanel(session);
  const teams = new TeamsPanel((team) => commands.chooseTeam(team));
  const areasOf = (p: Picture) => ({ uavs: p.uavs, uavOnStation: Array.from(p.uavStatus, (s) => p.geometry.uavStatusNames[s] === 'onStation'), cellXYR: p.cellXYR, cellKind: p.cellKind, uavKind: p.geometry.cellKinds.indexOf('uav') });
  const timeline = new Timeline(session, {
    jump(tSec) {
      const p = session.picture;
      if (!p) return;
      if (session.mode === 'replay') void session.seek(tSec);
      else if (tSec > p.tSec) void session.advanceTo(tSec);
      else showProblems('problems.drillTitle', { n: 1 }, [t('timeline.cannotGoBack')]);
    },
    async restart() {
      if (!(await mayDiscard('confirm.restart'))) return;
      await clearAutosave();
      await session.start(session.seed);
    },
  });
  const topbar = new Topbar(shipped, {
    async openShipped(id, seed) {
      const entry = shipped.find((x) => x.id === id);
      if (!(await mayDiscard('confirm.scenario', { name: entry?.name[getLang()] ?? id }))) {
        if (current) topbar.showScenario(current.id, current.dropped);
        return;
      }
      await clearAutosave();
      await openShipped(id, seed);
    },
    async openFiles(files) {
      // Files read once. What cannot load (a bad drill, no scenario file) is refused before anything is asked or
      // touched; the autosave of the running drill is cleared only once something else has loaded.
      const content = interpretDropped(files);
      if (content.kind === 'none') {
        showProblems('problems.title', { id: files.map((f) => f.path).join(', '), n: 1 }, [t('scenario.noMain')]);
        return;
      }
      const problems = await drillProblemsFirst(content);
      if (problems.length) {
        showProblems('problems.drillTitle', { n: problems.length }, problems);
        return;
      }
      if (!(await mayDiscard('confirm.files'))) return;
      await openFiles(content);
    },
    async changeSeat(seat) {
      await session.setSeat(seat as Seat);
      // The hand-over to or from the doctrine applies in the next second (a player seat does not see the director's order).
      if (session.picture) handOverAt = session.picture.tSec + 1;
      commands.select(scene.getSelected());
      updateStatus();
    },
    async restartWithSeed(seed) {
      if (!(await mayDiscard('confirm.seed'))) {
        topbar.setSeed(session.seed);
        return;
      }
      await clearAutosave();
      await session.start(seed);
      updateStatus();
    },
    policyOf: (seat) => (session.geometry?.seats.find((p) => p.seat === seat) ?? null),
    async saveDrill() {
      if (!session.picture) return;
      const log = await session.getLog();
      const file = `drill-${log.scenario.id}-seed${log.seed}-T${log.reachedSec}.json`;
      downloadJson(file, log);
      status.dataset.saved = String(log.commands.length);
      toast(t('drill.savedAs', { file, n: log.commands.length, t: formatT(log.reachedSec) }));
    },
  });

  /** Whether a live drill has run or taken orders, so that wiping it loses work. */
  function workAtRisk(): boolean {
    const p = session.picture;
    return session.mode === 'live' && p !== null && (p.tSec > 0 || p.log.length > 0);
  }

  /** Asks before an action that wipes a drill in progress; true when there is nothing to lose or the person agrees. */
  async function mayDiscard(what: Parameters<typeof confirmDiscard>[0], params: Record<string, string | number> = {}): Promise<boolean> {
    if (!workAtRisk()) return true;
    const wasPlaying = session.playing;
    session.pause();
    const log = await session.getLog();
    const yes = await confirmDiscard(what, { ...params, t: formatT(log.reachedSec), n: log.commands.length });
    if (!yes && wasPlaying) session.play();
    return yes;
  }

  // Autosave: the drill log, a few seconds after it changes, and when the page is hidden or left.
  let autosaveDue = false;
  async function autosaveNow(): Promise<void> {
    autosaveDue = false;
    if (!workAtRisk() || !current) return;
    const drill = await session.getLog();
    await writeAutosave({ savedAtMs: Date.now(), shippedId: current.dropped ? null : current.id, seat: session.seat, drill }).catch(() => undefined);
  }
  const autosaveSoon = throttle(() => void autosaveNow(), 3000);
  const markDirty = () => {
    autosaveDue = true;
    autosaveSoon();
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && autosaveDue) void autosaveNow();
  });
  window.addEventListener('pagehide', () => {
    if (autosaveDue) void autosaveNow();
  });

  const status = byId('status');
  let handOverAt: number | null = null;
  async function updateStatus(): Promise<void> {
    const p = session.picture;
    const name = p ? (getLang() === 'en' && p.geometry.name.en) || p.geometry.name.zh : t('app.loading');
    if (!p) {
      status.textContent = name;
      return;
    }
    const { doctrineSeats } = await session.info();
    const doctrine = doctrineSeats.length ? t('status.doctrine', { seats: joinList(doctrineSeats.map((s) => tr('seat', s))) }) : t('status.noDoctrine');
    status.textContent = `${name} · ${t('seed.label')} ${session.seed} · ${tr('seat', session.seat)}`;
    status.title = doctrine;
    status.dataset.doctrine = doctrineSeats.join(',');
    seats.setDoctrine(doctrineSeats);
  }

  // Panels that need not follow every frame: a few times a second is plenty.
  const slowPanels = throttle(() => {
    scoreboard.update();
    commands.update();
    seats.update();
    teams.update();
    timeline.update(session.picture);
  }, 120);

  scene.setCallbacks({
    hover: (target, x, y) => overlay.hover(target, x, y),
    select: (target) => {
      commands.select(target);
      exercisePanel.select(target, session.geometry);
    },
    view: (mpp) => overlay.setScale(mpp),
  });

  let endedShown = false;
  async function onEnded(): Promise<void> {
    if (endedShown) return;
    endedShown = true;
    scoreboard.update();
    timeline.update(session.picture);
    timeline.showHash(await session.finalHash());
  }

  async function startScenario(seed: number): Promise<void> {
    endedShown = false;
    const seatParam = params.get('seat');
    if (seatParam && (SEATS as readonly string[]).includes(seatParam)) {
      session.seat = seatParam as Seat;
      params.delete('seat');
    }
    topbar.setSeat(session.seat);
    topbar.setSeed(seed);
    await session.start(seed);
    if (autorunPending) {
      autorunPending = false;
      session.play();
    }
  }

  async function openShipped(id: string, seedParam: number | null): Promise<void> {
    const entry = shipped.find((s) => s.id === id);
    if (!entry) {
      showProblems('problems.title', { id, n: 1 }, [`${id}: ${t('scenario.noMain')}`]);
      return;
    }
    const answer = await session.load(id, await entry.load());
    if (!answer.ok) {
      showProblems('problems.title', { id, n: answer.problems.length }, answer.problems);
      if (current) topbar.showScenario(current.id, current.dropped);
      return;
    }
    current = { id, dropped: false };
    topbar.showScenario(id, false);
    scene.setGeometry(answer.geometry);
    await startScenario(seedParam ?? answer.geometry.defaultSeed);
    layoutMap();
  }

  /** For dropped files that are a drill: its problems, checked in the worker against the scenario it names (a shipped one) or alone. */
  async function drillProblemsFirst(content: DroppedContent): Promise<string[]> {
    if (content.kind !== 'drill') return [];
    const named = (content.drill as { scenario?: { id?: unknown; sha256?: unknown } })?.scenario;
    const entry = typeof named?.id === 'string' ? shipped.find((s) => s.id === named.id) : undefined;
    // Against the running scenario, the worker's loadDrill checks before it touches anything.
    if (!entry || session.geometry?.sha256 === named?.sha256) return session.checkDrill(content.drill, null);
    return session.checkDrill(content.drill, { id: entry.id, texts: await entry.load() });
  }

  async function openFiles(content: Exclude<DroppedContent, { kind: 'none' }>): Promise<void> {
    if (content.kind === 'drill') {
      const drill = content.drill as { scenario?: { id?: string; sha256?: string } };
      const id = drill?.scenario?.id;
      if (id && session.geometry?.sha256 !== drill.scenario?.sha256 && shipped.some((s) => s.id === id)) await openShipped(id, null);
      const answer = await session.loadDrill(content.drill);
      if (!answer.ok) showProblems('problems.drillTitle', { n: answer.problems.length }, answer.problems);
      else {
        await clearAutosave();
        endedShown = false;
        topbar.setSeed(session.seed);
        await session.seek(answer.reachedSec);
        updateStatus();
        const drill = content.drill as { commands: unknown[] };
        toast(t('drill.loaded', { n: drill.commands.length, t: formatT(answer.reachedSec) }));
      }
      return;
    }
    const answer = await session.load(content.id, content.texts);
    if (!answer.ok) {
      showProblems('problems.title', { id: content.id, n: answer.problems.length }, answer.problems);
      return;
    }
    await clearAutosave();
    current = { id: content.id, dropped: true };
    topbar.showScenario(content.id, true);
    scene.setGeometry(answer.geometry);
    await startScenario(answer.geometry.defaultSeed);
    layoutMap();
  }

  // The import page: a county's own files become a new scenario, opened here as a drill like dropped scenario files.
  const importButton = h('button', { type: 'button', 'data-testid': 'import-open' }, t('import.button'));
  byId('scenario-bar').append(importButton);
  // The what-if planner is a page of its own (planner.html): sweeps need neither the map nor this drill.
  const plannerLink = h('a', { href: './planner.html', class: 'nav-link', 'data-testid': 'planner-open', title: t('planner.linkTip') }, t('planner.link'));
  byId('scenario-bar').append(plannerLink);
  const importPage = new ImportPage({
    async open(id, texts) {
      if (!(await mayDiscard('confirm.files'))) return;
      await openFiles({ kind: 'scenario', id, texts });
    },
  }, importButton);

  const langButton = byId<HTMLButtonElement>('lang-switch');
  langButton.addEventListener('click', () => setLang(getLang() === 'zh' ? 'en' : 'zh'));
  onLangChange(() => {
    topbar.translate();
    importButton.textContent = t('import.button');
    plannerLink.textContent = t('planner.link');
    plannerLink.title = t('planner.linkTip');
    importPage.translate();
    timeline.translate();
    scoreboard.translate();
    scorePanel.translate();
    exercisePanel.translate();
    aarDialog.translate();
    feed.translate();
    commands.render();
    seats.translate();
    teams.translate();
    overlay.translate();
    connectionLine.translate();
    scene.setLanguage(getLang());
    updateStatus();
  });
  scene.setLanguage(getLang());

  window.addEventListener('keydown', (e) => {
    if (e.key !== ' ' || (e.target as HTMLElement).closest('input, select, textarea, button')) return;
    e.preventDefault();
    if (session.playing) session.pause();
    else session.play();
  });

  // ?doctrine= and ?seed= are read as the CLI reads --doctrine and --seed (src/model/run-choices.ts): refused alike, with the same reason.
  const refusedChoices: string[] = [];
  const doctrineParam = params.get('doctrine');
  if (doctrineParam !== null) {
    const seats = doctrineSeatsFromText(doctrineParam);
    if (seats.ok) session.doctrineSeats = seats.value;
    else refusedChoices.push(`doctrine: ${seats.reason}`);
  }
  const speedParam = params.get('speed');
  if (speedParam) {
    const speed: Speed = speedParam === 'max' ? 'max' : Number(speedParam);
    if (SPEEDS.includes(speed)) session.setSpeed(speed);
  }
  const seedParam = params.get('seed');
  const seedChoice = seedParam !== null ? seedFromText(seedParam) : null;
  if (seedChoice && !seedChoice.ok) refusedChoices.push(`seed: ${seedChoice.reason}`);
  await openShipped(params.get('scenario') ?? DEFAULT_SCENARIO, seedChoice?.ok ? seedChoice.value : null);
  if (refusedChoices.length) showProblems('problems.choiceTitle', { n: refusedChoices.length }, refusedChoices);
  void offerRecovery();

  /** After a refresh or a crash: offers the autosaved drill, if there is one, and picks it up live. */
  async function offerRecovery(): Promise<void> {
    // A joint drill's terminal: the server keeps that drill's log. A solo drill
    // autosaved in this browser is another drill; it is not offered here (nor
    // thrown away: the next solo visit offers it).
    if (joinToken() !== null) {
      document.body.dataset.recovery = 'notOnJoin';
      return;
    }
    const save = await readAutosave();
    if (!save || !save.shippedId || !shipped.some((x) => x.id === save.shippedId) || autorunPending || session.playing) return;
    const entry = shipped.find((x) => x.id === save.shippedId)!;
    const when = new Date(save.savedAtMs).toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-GB');
    const answer = await ask(t('recover.title'), t('recover.body', { scenario: entry.name[getLang()], seed: save.drill.seed, t: formatT(save.drill.reachedSec), n: save.drill.commands.length, seat: tr('seat', save.seat), when }), [
      { label: t('recover.yes'), testid: 'recover-yes', primary: true },
      { label: t('recover.no'), testid: 'recover-no' },
    ]);
    if (answer !== 0) {
      await clearAutosave();
      return;
    }
    if (current?.id !== save.shippedId || current.dropped) {
      const loaded = await session.load(save.shippedId!, await entry.load());
      if (!loaded.ok) {
        toast(t('recover.failed', { reason: loaded.problems[0] ?? '' }), false);
        return;
      }
      current = { id: save.shippedId!, dropped: false };
      topbar.showScenario(save.shippedId!, false);
      scene.setGeometry(loaded.geometry);
    }
    const resumed = await session.resume(save.drill, save.seat as Seat);
    if (!resumed.ok) {
      toast(t('recover.failed', { reason: resumed.problems[0] ?? '' }), false);
      return;
    }
    topbar.setSeat(session.seat);
    topbar.setSeed(session.seed);
    commands.select(null);
    updateStatus();
    toast(t('recover.done', { t: formatT(save.drill.reachedSec), n: save.drill.commands.length }));
  }

  // For the end-to-end tests and the performance measurement.
  (window as unknown as { drilltwin: unknown }).drilltwin = { session, scene, formatT, renderer };
}

main().catch((err: unknown) => {
  console.error(err);
  showProblems('problems.drillTitle', { n: 1 }, [String((err as Error)?.stack ?? err)]);
});
