// Entry point: builds the Phaser map and the DOM panels and wires them to the
// engine worker. Nothing here simulates; it shows frames and sends commands.
//
// URL parameters (for kiosks and tests): ?scenario=ID&seed=N&seat=SEAT
// &speed=1|10|60|600|3600|max&autorun=1&lang=en&doctrine=none|all|SEAT,SEAT
// (doctrine: the seats the automatic responder plays; by default the
// scenario's, minus the seat taken in this browser)
import * as Phaser from 'phaser';
import { DEPARTMENTS, type Seat } from '../src/model/seats.ts';
import type { Frame } from '../src/drill/channel.ts';
import { byId, downloadJson, throttle } from './dom.ts';
import { formatT, getLang, onLangChange, setLang, t, tr, translateDom } from './i18n.ts';
import { CommandPanel } from './panels/commands.ts';
import { Feed } from './panels/feed.ts';
import { MapOverlay } from './panels/map-overlay.ts';
import { Scoreboard } from './panels/scoreboard.ts';
import { TeamsPanel } from './panels/teams.ts';
import { SPEEDS, Timeline } from './panels/timeline.ts';
import { SEATS, showProblems, Topbar } from './panels/topbar.ts';
import { seatPolicyOf, type Picture } from './picture.ts';
import { interpretDropped, shippedScenarios, type DroppedFile } from './scenarios.ts';
import { MapScene } from './scenes/MapScene.ts';
import { Session, type Speed } from './session.ts';
import './style.css';

const params = new URLSearchParams(location.search);
const DEFAULT_SCENARIO = 'jishishan-2023';

async function main(): Promise<void> {
  if (params.get('lang') === 'en') setLang('en');
  translateDom(document.body);

  const shipped = shippedScenarios();
  const scene = new MapScene();
  new Phaser.Game({
    type: Phaser.WEBGL,
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

  const session = new Session({
    onReset(picture: Picture) {
      const n = picture.siteCodes.length;
      scene.updateSites(Int32Array.from({ length: n }, (_, i) => i), picture.siteCodes);
      scene.updateSubstations(Int32Array.from({ length: picture.substationCodes.length }, (_, i) => i), picture.substationCodes);
      scene.updateFeeders(Int32Array.from({ length: picture.feederCodes.length }, (_, i) => i), picture.feederCodes);
      scene.updateRoads(Int32Array.from({ length: picture.roadCodes.length }, (_, i) => i), picture.roadCodes);
      scene.updateTeams(picture.teamXM, picture.teamYM, picture.teamStatus, true);
      scene.updateAreas(areasOf(picture));
      overlay.setPicture(picture, seatPolicyOf(picture.geometry, session.seat).truth);
      teams.reset(picture);
      scoreboard.reset(picture);
      feed.reset(picture);
      commands.render();
      timeline.update(picture);
      timeline.showHash(null);
      endedShown = false;
      if (picture.ended) void onEnded();
      updateStatus();
    },
    onFrame(picture: Picture, changes, frame: Frame) {
      scene.updateSites(frame.siteIdx, frame.siteCode);
      scene.updateSubstations(frame.substationIdx, frame.substationCode);
      scene.updateFeeders(frame.feederIdx, frame.feederCode);
      scene.updateRoads(frame.roadIdx, frame.roadCode);
      scene.updateTeams(frame.teamXM, frame.teamYM, frame.teamStatus, false);
      if (changes.areasChanged) scene.updateAreas(areasOf(picture));
      feed.add(picture, changes);
      slowPanels();
      if (picture.ended) void onEnded();
    },
    onClock() {
      timeline.update(session.picture);
    },
    onError(message: string) {
      showProblems('problems.drillTitle', { n: 1 }, [message]);
    },
  });

  const overlay = new MapOverlay();
  const scoreboard = new Scoreboard();
  const feed = new Feed();
  const commands = new CommandPanel(session);
  const teams = new TeamsPanel((team) => commands.chooseTeam(team));
  const areasOf = (p: Picture) => ({ uavs: p.uavs, cellXYR: p.cellXYR, cellKind: p.cellKind, uavKind: p.geometry.cellKinds.indexOf('uav') });
  const timeline = new Timeline(session, {
    jump(tSec) {
      const p = session.picture;
      if (!p) return;
      if (session.mode === 'replay') void session.seek(tSec);
      else if (tSec > p.tSec) void session.advanceTo(tSec);
      else showProblems('problems.drillTitle', { n: 1 }, [t('timeline.cannotGoBack')]);
    },
    restart() {
      void session.start(session.seed);
    },
  });
  const topbar = new Topbar(shipped, {
    openShipped: (id, seed) => void openShipped(id, seed),
    openFiles: (files) => void openFiles(files),
    async changeSeat(seat) {
      await session.setSeat(seat as Seat);
      commands.select(scene.getSelected());
      updateStatus();
    },
    restartWithSeed(seed) {
      void session.start(seed).then(() => updateStatus());
    },
    async saveDrill() {
      if (!session.picture) return;
      const log = await session.getLog();
      downloadJson(`drill-${log.scenario.id}-seed${log.seed}-T${log.reachedSec}.json`, log);
      status.dataset.saved = String(log.commands.length);
    },
  });

  const status = byId('status');
  async function updateStatus(): Promise<void> {
    const p = session.picture;
    const name = p ? (getLang() === 'en' && p.geometry.name.en) || p.geometry.name.zh : t('app.loading');
    if (!p) {
      status.textContent = name;
      return;
    }
    const { doctrineSeats } = await session.info();
    const doctrine = doctrineSeats.length ? t('status.doctrine', { seats: doctrineSeats.map((s) => tr('seat', s)).join('、') }) : t('status.noDoctrine');
    status.textContent = `${name} · ${t('seed.label')} ${session.seed} · ${tr('seat', session.seat)}`;
    status.title = doctrine;
    status.dataset.doctrine = doctrineSeats.join(',');
  }

  // Panels that need not follow every frame: a few times a second is plenty.
  const slowPanels = throttle(() => {
    scoreboard.update();
    commands.update();
    teams.update();
    timeline.update(session.picture);
  }, 120);

  scene.setCallbacks({
    hover: (target, x, y) => overlay.hover(target, x, y),
    select: (target) => commands.select(target),
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
  }

  async function openFiles(files: DroppedFile[]): Promise<void> {
    const content = interpretDropped(files);
    if (content.kind === 'none') {
      showProblems('problems.title', { id: files.map((f) => f.path).join(', '), n: 1 }, [t('scenario.noMain')]);
      return;
    }
    if (content.kind === 'drill') {
      const drill = content.drill as { scenario?: { id?: string; sha256?: string } };
      const id = drill?.scenario?.id;
      if (id && session.geometry?.sha256 !== drill.scenario?.sha256 && shipped.some((s) => s.id === id)) await openShipped(id, null);
      const answer = await session.loadDrill(content.drill);
      if (!answer.ok) showProblems('problems.drillTitle', { n: answer.problems.length }, answer.problems);
      else {
        endedShown = false;
        topbar.setSeed(session.seed);
        await session.seek(answer.reachedSec);
        updateStatus();
      }
      return;
    }
    const answer = await session.load(content.id, content.texts);
    if (!answer.ok) {
      showProblems('problems.title', { id: content.id, n: answer.problems.length }, answer.problems);
      return;
    }
    current = { id: content.id, dropped: true };
    topbar.showScenario(content.id, true);
    scene.setGeometry(answer.geometry);
    await startScenario(answer.geometry.defaultSeed);
  }

  const langButton = byId<HTMLButtonElement>('lang-switch');
  langButton.addEventListener('click', () => setLang(getLang() === 'zh' ? 'en' : 'zh'));
  onLangChange(() => {
    topbar.translate();
    timeline.translate();
    scoreboard.translate();
    feed.translate();
    commands.render();
    teams.translate();
    overlay.translate();
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

  const doctrineParam = params.get('doctrine');
  if (doctrineParam !== null) {
    session.doctrineSeats = doctrineParam === 'none' ? [] : doctrineParam === 'all' ? [...DEPARTMENTS] : doctrineParam.split(',').filter((s) => (SEATS as readonly string[]).includes(s));
  }
  const speedParam = params.get('speed');
  if (speedParam) {
    const speed: Speed = speedParam === 'max' ? 'max' : Number(speedParam);
    if (SPEEDS.includes(speed)) session.setSpeed(speed);
  }
  const seedParam = params.get('seed');
  const seed = seedParam !== null && Number.isInteger(Number(seedParam)) ? Number(seedParam) : null;
  await openShipped(params.get('scenario') ?? DEFAULT_SCENARIO, seed);

  // For the end-to-end tests and the performance measurement.
  (window as unknown as { drilltwin: unknown }).drilltwin = { session, scene, formatT };
}

main().catch((err: unknown) => {
  console.error(err);
  showProblems('problems.drillTitle', { n: 1 }, [String((err as Error)?.stack ?? err)]);
});
