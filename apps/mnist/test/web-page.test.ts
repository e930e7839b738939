/**
 * The browser page end to end, in Debian's Chromium (playwright-core, the flags of
 * @tensile/browser-testing): the built page (dist-web) from Vite's preview server, trained on
 * wasm and on WebGPU (SwiftShader), switched from one to the other mid-run, read a digit drawn
 * with the mouse, kept in IndexedDB across a reload, downloaded and loaded back from the files.
 * Screenshots go to apps/mnist/test-results/. Without chromium it skips with the install command,
 * except in CI (CI=true) or with TENSILE_REQUIRE_BROWSER=1, where it fails.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Download, type Page } from 'playwright-core';
import { browserRequired, CHROMIUM_FLAGS, CHROMIUM_PATH, chromiumMissingReason } from '@tensile/browser-testing';
import { loadMnistRaw, PIXELS } from '../src/data.js';
import { drawDigit } from './web/draw-digit.js';
import { servePage, type Served } from './web/preview-server.js';

const app = fileURLToPath(new URL('..', import.meta.url));
const shots = join(app, 'test-results');
const missing = chromiumMissingReason();

interface Run {
  backend: string;
  limit: number;
  epochs: number;
  batchSize: number;
}

describe('the MNIST page in headless Chromium', () => {
  if (missing !== null && !browserRequired()) {
    it.skip(`skipped: ${missing}`, () => undefined);
    return;
  }

  let served: Served;
  let context: BrowserContext;
  let page: Page;
  const profile = mkdtempSync(join(tmpdir(), 'tensile-web-'));
  const log: string[] = [];
  const summary: Record<string, unknown> = {};
  const test = loadMnistRaw('test', { limit: 3 });
  const digit = (i: number) => test.pixels.subarray(i * PIXELS, (i + 1) * PIXELS);

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  }

  /** Fails at once, with the page's words, when it shows an error. */
  async function noError(): Promise<void> {
    const error = page.locator('#error');
    if (await error.isVisible()) throw new Error(`the page shows an error: ${await error.textContent()}\n${log.slice(-15).join('\n')}`);
  }

  async function waitFor(selector: string, timeout: number): Promise<void> {
    await Promise.race([
      page.waitForSelector(selector, { timeout }),
      page.waitForSelector('#error:not([hidden])', { timeout }).then(noError),
    ]);
    await noError();
  }

  async function pick(backend: string): Promise<void> {
    await page.locator(`input[name=backend][value=${backend}]`).check();
    await waitFor(`label[data-backend=${backend}][data-state=active]`, 60_000);
  }

  async function startRun(r: Run): Promise<void> {
    await page.getByLabel('Images').fill(String(r.limit));
    await page.getByLabel('Epochs').fill(String(r.epochs));
    await page.getByLabel('Batch size').fill(String(r.batchSize));
    await page.getByRole('button', { name: 'Train' }).click();
    await waitFor('body[data-state=training]', 10_000);
  }

  async function result(): Promise<{ accuracy: number; samplesPerSec: Record<string, number>; text: string }> {
    const el = page.locator('#result');
    return {
      accuracy: Number(await el.getAttribute('data-test-accuracy')),
      samplesPerSec: JSON.parse((await el.getAttribute('data-samples-per-sec')) ?? '{}'),
      text: (await el.textContent()) ?? '',
    };
  }

  async function epochs(): Promise<{ backend: string; accuracy: number; valAccuracy: number }[]> {
    return page.locator('#epochs-log li').evaluateAll((lis) =>
      lis.map((li) => ({
        backend: (li as HTMLElement).dataset.backend ?? '',
        accuracy: Number((li as HTMLElement).dataset.accuracy),
        valAccuracy: Number((li as HTMLElement).dataset.valAccuracy),
      })),
    );
  }

  async function predictDrawn(i: number): Promise<{ digit: number; probs: number[] }> {
    await page.getByRole('button', { name: 'Clear' }).click();
    await drawDigit(page, digit(i));
    await waitFor('#prediction[data-pending="0"]:not([data-digit=""])', 30_000);
    const d = Number(await page.locator('#prediction').getAttribute('data-digit'));
    const probs = await page.locator('#probs meter').evaluateAll((ms) => ms.map((m) => (m as HTMLMeterElement).value));
    return { digit: d, probs };
  }

  beforeAll(async () => {
    expect(existsSync(join(app, 'dist-web/index.html')), 'build the page first: npm run build -w @tensile/mnist-app').toBe(true);
    summary.loadAverageAtStart = loadavg().map((x) => Number(x.toFixed(2)));
    rmSync(shots, { recursive: true, force: true });
    mkdirSync(shots, { recursive: true });
    served = await servePage();
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_FLAGS],
      viewport: { width: 1100, height: 900 },
      acceptDownloads: true,
      timeout: 60_000,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
    page.on('worker', (w) => w.on('console', (m) => log.push(`[worker] ${m.text()}`)));
  }, 120_000);

  afterAll(async () => {
    // Speeds depend on how busy the machine is: say how busy it was.
    summary.loadAverage = loadavg().map((x) => Number(x.toFixed(2)));
    writeFileSync(join(shots, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`web page summary: ${JSON.stringify(summary)}`);
    await context?.close().catch(() => undefined);
    await served?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  });

  it('first load: small, cross-origin isolated, every backend listed with its state', async () => {
    served.reset();
    await page.goto(served.url);
    await waitFor('body[data-state=idle]', 60_000);
    await page.waitForLoadState('networkidle');
    const bytes = [...served.sent.values()].reduce((a, b) => a + b, 0);
    summary.firstLoad = { bytes, requests: served.sent.size, files: Object.fromEntries(served.sent) };
    // The page, its worker and the wasm build; no MNIST until training starts.
    expect([...served.sent.keys()].some((p) => p.startsWith('/data/'))).toBe(false);
    expect(bytes).toBeLessThan(1_000_000);
    const html = served.headers.get('/');
    expect(html?.['cross-origin-opener-policy']).toBe('same-origin');
    expect(html?.['cross-origin-embedder-policy']).toBe('require-corp');

    const env = await page.locator('#env').textContent();
    expect(env).toContain('crossOriginIsolated: yes');
    const states = await page
      .locator('#backends label')
      .evaluateAll((ls) => Object.fromEntries(ls.map((l) => [(l as HTMLElement).dataset.backend, (l as HTMLElement).dataset.state])));
    summary.backends = await page.locator('#backends').textContent();
    // wasm starts (threaded: the page is isolated) and is picked over webgl and cpu; webgpu runs
    // on SwiftShader when picked by name, so it is ready but not chosen automatically; webgl
    // (gpu.js) is loaded only when picked, to keep the first load small.
    expect(states).toEqual({ webgpu: 'ready', wasm: 'active', webgl: 'idle', cpu: 'ready' });
    expect(await page.locator('label[data-backend=wasm]').textContent()).toMatch(/2 threads, tensile-threads/);
    expect(await page.locator('#model-status').textContent()).toBe('No model saved in this browser yet.');
    await shot('01-first-load');
  });

  it('trains on WebGPU (SwiftShader): accuracy shown above 60% after one epoch of 1,800 images', async () => {
    await pick('webgpu');
    await startRun({ backend: 'webgpu', limit: 2000, epochs: 1, batchSize: 64 });
    await waitFor('body[data-state=trained]', 240_000);
    const r = await result();
    summary.webgpu = r;
    expect(r.accuracy, r.text).toBeGreaterThan(0.6);
    expect(Object.keys(r.samplesPerSec)).toEqual(['webgpu']);
    expect(Number(await page.locator('#loss-chart').getAttribute('data-points'))).toBeGreaterThan(10);
    await shot('02-trained-webgpu');
  }, 300_000);

  it('switches from WebGPU to wasm mid-run and goes on from the same weights', async () => {
    await pick('webgpu');
    await startRun({ backend: 'webgpu', limit: 3000, epochs: 2, batchSize: 64 });
    // Into the second epoch, a few batches on: then switch.
    await page.waitForFunction(() => /epoch 2\/2, batch ([3-9]|\d\d)\//.test(document.querySelector('#status')?.textContent ?? ''), null, {
      timeout: 240_000,
    });
    await page.locator('input[name=backend][value=wasm]').check();
    await waitFor('body[data-state=trained]', 240_000);
    const r = await result();
    const e = await epochs();
    summary.switch = { ...r, epochs: e };
    expect(log.join('\n')).not.toContain('pageerror');
    expect(Object.keys(r.samplesPerSec).sort()).toEqual(['wasm', 'webgpu']);
    expect(e.map((x) => x.backend)).toEqual(['webgpu', 'wasm']);
    // Fresh weights after the switch would start again near 10% and pull the second epoch's
    // running accuracy far below what the first epoch reached on validation.
    expect(e[1].accuracy).toBeGreaterThan(e[0].valAccuracy - 0.05);
    expect(r.accuracy, r.text).toBeGreaterThan(0.8);
    await shot('03-switched-webgpu-to-wasm');
  }, 300_000);

  it('trains on WebGL2 (gpu.js on SwiftShader, loaded when picked): accuracy shown above 50% after one epoch of 720 images', async () => {
    await pick('webgl');
    await startRun({ backend: 'webgl', limit: 800, epochs: 1, batchSize: 64 });
    await waitFor('body[data-state=trained]', 240_000);
    const r = await result();
    summary.webgl = r;
    expect(r.accuracy, r.text).toBeGreaterThan(0.5);
    expect(Object.keys(r.samplesPerSec)).toEqual(['webgl']);
    await shot('04-trained-webgl');
  }, 300_000);

  it('trains on cpu: accuracy shown above 60% after one epoch of 1,800 images', async () => {
    await pick('cpu');
    await startRun({ backend: 'cpu', limit: 2000, epochs: 1, batchSize: 64 });
    await waitFor('body[data-state=trained]', 240_000);
    const r = await result();
    summary.cpu = r;
    expect(r.accuracy, r.text).toBeGreaterThan(0.6);
    expect(Object.keys(r.samplesPerSec)).toEqual(['cpu']);
  }, 300_000);

  it('trains on wasm: accuracy shown above 93% after two epochs of 9,000 images', async () => {
    await pick('wasm');
    await startRun({ backend: 'wasm', limit: 10_000, epochs: 2, batchSize: 32 });
    await waitFor('body[data-state=trained]', 240_000);
    const r = await result();
    summary.wasm = r;
    expect(r.accuracy, r.text).toBeGreaterThan(0.93);
    expect(Object.keys(r.samplesPerSec)).toEqual(['wasm']);
    await shot('05-trained-wasm');
  }, 300_000);

  let drawnSeven: number[] = [];

  it('reads digits drawn with the mouse', async () => {
    const read: number[] = [];
    for (let i = 0; i < test.n; i++) {
      const p = await predictDrawn(i);
      read.push(p.digit);
      if (i === 0) {
        drawnSeven = p.probs;
        await shot('06-drawn-digit');
      }
    }
    summary.drawn = { labels: [...test.labels], read };
    expect(read).toEqual([...test.labels]);
    // The probabilities shown sum to one.
    expect(drawnSeven.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  }, 120_000);

  it('saves to IndexedDB and finds the model again after a reload', async () => {
    await page.getByRole('button', { name: 'Save in this browser' }).click();
    await waitFor('#model-status[data-model=saved]', 30_000);
    await page.reload();
    await waitFor('#model-status[data-model=loaded]', 60_000);
    expect(await page.locator('#model-status').textContent()).toMatch(/from this browser \(IndexedDB\)/);
    const again = await predictDrawn(0);
    expect(again.digit).toBe(test.labels[0]);
    // The same weights: the same drawing gets the same probabilities.
    again.probs.forEach((p, i) => expect(p).toBeCloseTo(drawnSeven[i], 4));
    await shot('07-after-reload');
  }, 120_000);

  it('downloads the model in the TF.js layers format and loads it back from the files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tensile-web-dl-'));
    try {
      const downloads: Download[] = [];
      page.on('download', (d) => downloads.push(d));
      await page.getByRole('button', { name: 'Download' }).click();
      await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(2);
      const files: string[] = [];
      for (const d of downloads) {
        const to = join(dir, d.suggestedFilename());
        await d.saveAs(to);
        files.push(to);
      }
      expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(['tensile-mnist.json', 'tensile-mnist.weights.bin']);
      const json = JSON.parse(readFileSync(join(dir, 'tensile-mnist.json'), 'utf8'));
      expect(json.format).toBe('layers-model');
      expect(json.weightsManifest[0].paths).toEqual(['./tensile-mnist.weights.bin']);
      await page.getByLabel(/Load model files/).setInputFiles(files);
      await page.waitForFunction(() => /from tensile-mnist/.test(document.querySelector('#model-status')?.textContent ?? ''), null, {
        timeout: 30_000,
      });
      await noError();
      const fromFiles = await predictDrawn(0);
      fromFiles.probs.forEach((p, i) => expect(p).toBeCloseTo(drawnSeven[i], 4));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('is readable at phone width and its controls have labels', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    // The charts redraw at the new width on the next frames (ResizeObserver).
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
        .map((e) => e.tagName + (e.id ? `#${e.id}` : '')),
    );
    expect(overflow, `wider than the window: ${wide.slice(0, 8).join(', ')}`).toBeLessThanOrEqual(0);
    for (const label of ['Model', 'Epochs', 'Batch size', 'Learning rate', 'Images']) {
      await expect(page.getByLabel(label, { exact: true }).count()).resolves.toBe(1);
    }
    // Keyboard: Tab reaches the Train button.
    await page.getByLabel('Images').focus();
    let reached = false;
    for (let i = 0; i < 5 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'train');
    }
    expect(reached).toBe(true);
    await shot('08-phone-width');
  });
});
