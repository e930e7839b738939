/**
 * Runs a test page in headless Debian Chromium and returns what it reported. The page entry (a
 * .ts file that imports the code under test and calls `runCases` from
 * '@tensile/browser-testing/page') is bundled by esbuild, served with its assets from
 * 127.0.0.1, and opened in a fresh browser profile; results stream back case by case.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, stop as stopEsbuild } from 'esbuild';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, ChromiumMissingError, chromiumMissingReason } from './chromium.js';
import { REPORT_CASE, REPORT_DONE, REPORT_INFO, type CaseResult, type PageInfo } from './protocol.js';
import { serveStatic } from './server.js';

export {
  CHROMIUM_FLAGS,
  CHROMIUM_INSTALL,
  CHROMIUM_PATH,
  ChromiumMissingError,
  browserRequired,
  chromiumMissingReason,
} from './chromium.js';
export type { CaseResult, CaseStatus, PageCase, PageInfo } from './protocol.js';
export { summarize } from './summary.js';

export interface RunSuiteOptions {
  /** The page's entry module (TypeScript or JavaScript), bundled as an ES module for the browser. */
  readonly entry: string;
  /** Extra files to serve: URL path → file, or URL prefix ending in '/' → directory. */
  readonly assets?: Readonly<Record<string, string>>;
  /** Serve with COOP: same-origin + COEP: require-corp, so the page gets SharedArrayBuffer. */
  readonly crossOriginIsolated: boolean;
  /** Appended to the page URL; the page reads it from `location.search` (one bundle, many configurations). */
  readonly query?: Readonly<Record<string, string>>;
  /** For the whole page run, from navigation to the last result; default 120 s. */
  readonly timeoutMs?: number;
  readonly executablePath?: string;
}

export interface RunSuiteResult {
  readonly results: CaseResult[];
  /** What the page passed to `reportInfo`. */
  readonly info: Record<string, unknown>;
  /** Console messages and uncaught errors of the page and its workers, in order. */
  readonly console: string[];
  readonly timings: { readonly bundleMs: number; readonly launchMs: number; readonly runMs: number };
}

// The empty icon stops Chromium's favicon request, a 404 that would only clutter the console.
const PAGE_HTML =
  '<!doctype html>\n<meta charset="utf-8">\n<title>tensile browser test</title>\n<link rel="icon" href="data:,">\n<script type="module" src="/page.js"></script>\n';

/** Bundles in flight in this process: esbuild's service is stopped when the last one ends. */
let bundling = 0;

async function bundle(entry: string, outdir: string): Promise<void> {
  // build() starts esbuild's service process and leaves it running for later builds; stop it, so
  // that no child outlives the bundling (the bench counts its live children while it measures).
  bundling++;
  const result = await build({
    entryPoints: { page: resolve(entry) },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir,
    sourcemap: true,
    // Errors are thrown below with the messages; warnings (Node-only dynamic imports that a
    // browser never reaches) would only be noise in the test log.
    logLevel: 'silent',
  }).finally(async () => {
    // Awaited: the service has exited by the time bundle() returns.
    if (--bundling === 0) await stopEsbuild();
  });
  if (result.errors.length > 0) {
    throw new Error(`esbuild could not bundle ${entry}: ${result.errors.map((e) => e.text).join('; ')}`);
  }
}

function tail(lines: readonly string[], n: number): string {
  return lines.length === 0 ? '(nothing)' : lines.slice(-n).join('\n');
}

/**
 * Bundles, serves and runs the page; always closes the browser and the server and removes the
 * temporary files, whatever happens. Throws ChromiumMissingError when Chromium is not installed,
 * and an error with the page's last results and console lines when it does not finish in time.
 */
export async function runSuiteInChromium(options: RunSuiteOptions): Promise<RunSuiteResult> {
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  if (chromiumMissingReason(executablePath) !== null) throw new ChromiumMissingError(executablePath);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const tmp = await mkdtemp(join(tmpdir(), 'tensile-browser-'));
  const www = join(tmp, 'www');
  let context: BrowserContext | null = null;
  let closeServer: (() => Promise<void>) | null = null;
  try {
    const t0 = performance.now();
    await bundle(options.entry, www);
    await writeFile(join(www, 'index.html'), PAGE_HTML);
    const server = await serveStatic({ ...options.assets, '/': www }, options.crossOriginIsolated);
    closeServer = server.close;
    const t1 = performance.now();

    // A persistent context on a fresh directory: no profile, cache or service worker carries
    // over from another run (Playwright's own launch() would also make one; this says so).
    context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
      executablePath,
      headless: true,
      args: [...CHROMIUM_FLAGS],
      timeout: 60_000,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const t2 = performance.now();

    const results: CaseResult[] = [];
    const info: Record<string, unknown> = {};
    const log: string[] = [];
    let finish: () => void = () => undefined;
    let abort: (err: Error) => void = () => undefined;
    const finished = new Promise<void>((res, rej) => {
      finish = res;
      abort = rej;
    });
    await page.exposeFunction(REPORT_CASE, (r: CaseResult) => void results.push(r));
    await page.exposeFunction(REPORT_INFO, (i: PageInfo) => void Object.assign(info, i));
    await page.exposeFunction(REPORT_DONE, () => finish());
    page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => log.push(`[pageerror] ${e.stack ?? e.message}`));
    page.on('worker', (w) => w.on('console', (m) => log.push(`[worker ${m.type()}] ${m.text()}`)));
    page.on('crash', () => abort(new Error('the page crashed')));
    page.on('response', (r) => {
      if (r.status() >= 400) log.push(`[http ${r.status()}] ${r.url()}`);
    });
    page.on('requestfailed', (r) => log.push(`[requestfailed] ${r.url()} ${r.failure()?.errorText ?? ''}`));

    const url = new URL('/index.html', server.origin);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, rej) => {
      timer = setTimeout(() => {
        const last = results.at(-1);
        rej(
          new Error(
            `the page did not finish within ${timeoutMs} ms: ${results.length} case(s) reported, ` +
              `the last ${last ? `${last.group}/${last.name} (${last.status})` : 'none'}; console:\n${tail(log, 30)}`,
          ),
        );
      }, timeoutMs);
    });
    try {
      await Promise.race([page.goto(url.href, { timeout: timeoutMs }).then(() => finished), finished, timeout]);
    } finally {
      clearTimeout(timer);
    }
    const t3 = performance.now();
    return { results, info, console: log, timings: { bundleMs: t1 - t0, launchMs: t2 - t1, runMs: t3 - t2 } };
  } finally {
    // Each step on its own, so one failing still lets the others run.
    await context?.close().catch(() => undefined);
    await closeServer?.().catch(() => undefined);
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  }
}
