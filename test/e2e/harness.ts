// Shared by the e2e tests and the screenshot / performance scripts: build the
// app once into a temporary folder, serve it on 127.0.0.1, drive Chromium.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp, serveDir } from '../../scripts/serve.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** A browser without WebGL, like a computer without working GPU drivers: the console must fall back to Phaser's Canvas renderer. */
export const NO_WEBGL_ARGS = ['--disable-webgl', '--disable-3d-apis'];
/** E2E_NO_WEBGL=1 runs the whole suite in a browser without WebGL. */
export const SUITE_ARGS = process.env.E2E_NO_WEBGL === '1' ? [...CHROMIUM_ARGS, ...NO_WEBGL_ARGS] : CHROMIUM_ARGS;

export interface App {
  url: string;
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

const ROOT = join(import.meta.dirname, '..', '..');
const BUNDLED_DIRS = ['src', 'authoring', 'workers', 'web', 'scenarios'];

/** A digest of every file the app bundle is built from. */
export function sourceDigest(): string {
  const hash = createHash('sha256');
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(ROOT, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) hash.update(child).update('\0').update(readFileSync(join(ROOT, child))).update('\0');
    }
  };
  for (const dir of BUNDLED_DIRS) walk(dir);
  return hash.digest('hex');
}

// Taken when a test file imports the harness, i.e. just after it imported the
// engine it computes its Node expectations with. Others commit into the same
// working tree: an engine change landing before the build would make the
// browser run a different engine than the Node side, and the hashes differ
// for no fault of the browser (a mismatch once blamed on the Oxc minifier).
const digestAtImport = sourceDigest();

export interface BuiltConsole {
  /** The folder the console is in: E2E_DIST, or the temporary folder it was built into. */
  dir: string;
  browser: Browser;
  /** Closes the browser, then removes the folder if it was built for this run (never E2E_DIST's). */
  close(): Promise<void>;
}

/**
 * The console built into a temporary folder (unless E2E_DIST points at a
 * built one) and Chromium launched with the suite's flags. For the tests
 * that serve the console from a drill server of their own (the joint
 * drills), and for startApp. `sameSources`: refuse a build made from other
 * sources than the engine this process imported (see digestAtImport); the
 * joint-drill tests do not ask it, since their browser runs no engine (the
 * drill server, in this process, does).
 */
export async function buildConsole(options: { sameSources?: boolean } = {}): Promise<BuiltConsole> {
  const given = process.env.E2E_DIST;
  const dir = given ?? mkdtempSync(join(tmpdir(), 'drilltwin-e2e-'));
  const remove = () => {
    if (!given) rmSync(dir, { recursive: true, force: true });
  };
  if (!given) {
    try {
      await buildApp({ outDir: dir, quiet: true });
    } catch (err) {
      remove();
      throw err;
    }
    if (options.sameSources && sourceDigest() !== digestAtImport) {
      remove();
      throw new Error('the app\'s sources (src/, authoring/, workers/, web/, scenarios/) changed between loading the Node engine and building the app: the browser and Node would run different engines; run the tests again');
    }
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: SUITE_ARGS }).catch((err: unknown) => {
    remove();
    throw err;
  });
  return {
    dir,
    browser,
    async close() {
      await browser.close();
      remove();
    },
  };
}

/** Builds (unless E2E_DIST points at a built app), serves and launches the browser. */
export async function startApp(): Promise<App> {
  const built = await buildConsole({ sameSources: true });
  const { server, url } = await serveDir(built.dir, Number(process.env.E2E_PORT ?? 5399)).catch(async (err: unknown) => {
    await built.close();
    throw err;
  });
  return {
    url,
    origin: new URL(url).origin,
    browser: built.browser,
    async close() {
      await built.close();
      await new Promise<void>((done) => (server as Server).close(() => done()));
    },
  };
}

/** Another browser on the same served app (e.g. one without WebGL); closed by the caller. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export interface Watched {
  page: Page;
  consoleErrors: string[];
  outsideRequests: string[];
}

/** A new page that records console errors, page errors and any request leaving the served origin (which it blocks). */
export async function watchedPage(app: App, viewport = { width: 1400, height: 860 }, browser: Browser = app.browser): Promise<Watched> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const outsideRequests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(app.origin + '/') || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    outsideRequests.push(u);
    return route.abort();
  });
  return { page, consoleErrors, outsideRequests };
}

/** Waits until the app has loaded a scenario and shows its first picture. */
export async function appReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { drilltwin?: { session?: { picture?: unknown } } }).drilltwin?.session?.picture, undefined, { timeout: 60_000 });
}

/** The simulated time shown on the timeline, seconds. */
export async function simTime(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid=sim-time]', 'data-tsec'));
}
