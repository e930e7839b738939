/**
 * The whole conformance suite in headless Chromium (Debian's, driven by playwright-core), in
 * the two configurations CI must pass: single-threaded on a plain page, and threaded (two
 * threads: the page plus one Web Worker on shared memory) on a crossOriginIsolated page.
 * Without chromium these tests skip with the install command, except in CI (CI=true) or with
 * TENSILE_REQUIRE_BROWSER=1, where they fail.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { browserRequired, chromiumMissingReason, runSuiteInChromium, summarize } from '@tensile/browser-testing';

const entry = fileURLToPath(new URL('./browser/page.ts', import.meta.url));
const wasmDir = fileURLToPath(new URL('../dist/wasm/', import.meta.url));
const missing = chromiumMissingReason();

const CONFIGS = [
  { name: 'single-threaded', threads: 1, isolated: false, build: 'tensile-simd-relaxed.wasm' },
  { name: 'threaded (2 threads, crossOriginIsolated page)', threads: 2, isolated: true, build: 'tensile-threads-relaxed.wasm' },
] as const;

describe('conformance: wasm in headless Chromium', () => {
  if (missing !== null && !browserRequired()) {
    it.skip(`skipped: ${missing}`, () => undefined);
    return;
  }
  for (const config of CONFIGS) {
    it(config.name, async () => {
      // The loader fetches the builds next to the page's module; they come from the package build.
      expect(existsSync(wasmDir), `no ${wasmDir}: build the package first (npm run build -w @tensile/backend-wasm)`).toBe(true);
      const run = await runSuiteInChromium({
        entry,
        assets: { '/wasm/': wasmDir },
        crossOriginIsolated: config.isolated,
        query: { threads: String(config.threads) },
        timeoutMs: 150_000,
      });
      const s = summarize(run.results);
      const { bundleMs, launchMs, runMs } = run.timings;
      console.log(
        `chromium ${config.name}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped of ${s.total} ` +
          `(bundle ${Math.round(bundleMs)} ms, launch ${Math.round(launchMs)} ms, run ${Math.round(runMs)} ms; ` +
          `build ${String(run.info.build)}, threads ${String(run.info.threads)})`,
      );
      const context = `\npage console (last 20 lines):\n${run.console.slice(-20).join('\n') || '(nothing)'}`;

      // A page that ran nothing (a bundle that failed to start, say) must not pass.
      expect(s.total, `only ${s.total} case(s) reported${context}`).toBeGreaterThan(300);
      expect(s.failed, `${s.failed} case(s) failed in Chromium (${config.name}):\n${s.report}${context}`).toBe(0);
      const skipped = run.results.filter((r) => r.status === 'skipped').map((r) => r.name);
      expect(skipped, 'the wasm backend passes the suite with no skips').toEqual([]);

      expect(run.info.crossOriginIsolated, 'crossOriginIsolated').toBe(config.isolated);
      // Chromium validates relaxed SIMD, so the FMA build is the one that must run there.
      expect(run.info.build, `build (${String(run.info.note)})`).toBe(config.build);
      expect(run.info.threads, `threads (${String(run.info.note)})`).toBe(config.threads);
      if (config.threads > 1) {
        expect(run.info.note, 'no single-threaded fallback').toBeNull();
        // The worker ran shares of kernels: the threads did work, not just start.
        expect(run.info.workerShares).toBeGreaterThan(0);
      }
    }, 180_000);
  }
});
