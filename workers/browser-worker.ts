// The engine in the browser: a module Web Worker holding one session host.
// Frames are transferred (their typed-array buffers move to the page, no
// copy); everything else is small and structured-cloned by Comlink.
import * as Comlink from 'comlink';
import type { Cell, SheetRow } from '../src/drill/msel-sheet.ts';
import type { Seat } from '../src/model/seats.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import { formatProblem } from '../src/scenario/problems.ts';
import { createSessionHost, drillFileProblems } from './session-host.ts';
import { frameTransferables, type Frame } from '../src/drill/channel.ts';

const host = createSessionHost();

function transferred(frame: Frame): Frame {
  return Comlink.transfer(frame, frameTransferables(frame));
}

const api = {
  load: (scenarioId: string, texts: Record<string, string>) => host.load(scenarioId, texts),
  start: (seed?: number, seat?: Seat, doctrineSeats?: string[]) => transferred(host.start(seed, seat, doctrineSeats)),
  setSeat: (seat: Seat) => {
    const frame = host.setSeat(seat);
    return frame ? transferred(frame) : null;
  },
  advance: (toSec: number) => transferred(host.advance(toSec)),
  seek: (toSec: number) => transferred(host.seek(toSec)),
  submit: (cmd: { seat?: string; type: string; args: Record<string, unknown> }) => host.submit(cmd),
  submitAt: (cmd: { seat?: string; type: string; args: Record<string, unknown> }, atSec: number) => host.submitAt(cmd, atSec),
  getLog: () => host.getLog(),
  loadDrill: (file: unknown) => {
    const answer = host.loadDrill(file);
    // Comlink transfers what is registered for the top-level answer.
    return answer.ok ? Comlink.transfer(answer, frameTransferables(answer.frame)) : answer;
  },
  resume: (file: unknown) => {
    const answer = host.resume(file);
    return answer.ok ? Comlink.transfer(answer, frameTransferables(answer.frame)) : answer;
  },
  /**
   * A drill checked without touching the running one: its format alone, or,
   * given the scenario it names (a shipped one not loaded now), also whether
   * it replays there. The problems, or [].
   */
  checkDrill: (file: unknown, scenario: { id: string; texts: Record<string, string> } | null): string[] => {
    if (!scenario) return drillFileProblems(file);
    const loaded = loadScenario(memoryScenarioFiles(scenario.id, scenario.texts));
    if (!loaded.ok) return loaded.problems.map(formatProblem);
    return drillFileProblems(file, loaded.world);
  },
  finalHash: () => host.finalHash(),
  score: () => host.score(),
  aar: (lang: 'zh' | 'en') => host.aar(lang),
  exercise: () => host.exercise(),
  injectTargets: () => host.injectTargets(),
  mselSheet: (lang: 'zh' | 'en') => host.mselSheet(lang),
  importMsel: (scenarioId: string, header: Cell[], rows: SheetRow[]) => host.importMsel(scenarioId, header, rows),
  siteDetail: (site: number) => host.siteDetail(site),
  info: () => host.info(),
};

export type BrowserSession = typeof api;

Comlink.expose(api);
