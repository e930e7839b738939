/**
 * The whole conformance suite in headless Chromium (Debian's, driven by playwright-core) on
 * WebGL2, which there runs on SwiftShader. Without chromium, or without WebGL2 inside it, the
 * test skips with the reason, except in CI (CI=true) or with TENSILE_REQUIRE_BROWSER=1, where it
 * fails.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { browserRequired, chromiumMissingReason, runSuiteInChromium, summarize } from '@tensile/browser-testing';

const entry = fileURLToPath(new URL('./browser/page.ts', import.meta.url));
const missing = chromiumMissingReason();

describe('conformance: webgl in headless Chromium', () => {
  if (missing !== null && !browserRequired()) {
    it.skip(`skipped: ${missing}`, () => undefined);
    return;
  }
  it("passes the suite on Chromium's WebGL2 (SwiftShader)", async (ctx) => {
    const run = await runSuiteInChromium({ entry, crossOriginIsolated: false, timeoutMs: 600_000 });
    const context = `\npage console (last 20 lines):\n${run.console.slice(-20).join('\n') || '(nothing)'}`;
    const unavailable = run.info.webglUnavailable;
    if (typeof unavailable === 'string') {
      if (!browserRequired()) ctx.skip(`skipped: Chromium has no WebGL2 here (${unavailable})`);
      expect.fail(`Chromium has no WebGL2 (${unavailable}); CI or TENSILE_REQUIRE_BROWSER requires it${context}`);
    }
    const s = summarize(run.results);
    const { bundleMs, launchMs, runMs } = run.timings;
    console.log(
      `chromium webgl: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped of ${s.total} ` +
        `(bundle ${Math.round(bundleMs)} ms, launch ${Math.round(launchMs)} ms, run ${Math.round(runMs)} ms; ` +
        `renderer ${String(run.info.renderer)}, mode ${String(run.info.mode)}, overhead ${JSON.stringify(run.info.overhead)})`,
    );
    const slowest = [...run.results].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(`slowest cases: ${slowest.map((r) => `${r.group}/${r.name} ${Math.round(r.ms)} ms`).join(', ')}`);
    if (s.failed > 0) console.log(s.report);

    expect(s.total, `only ${s.total} case(s) reported${context}`).toBeGreaterThan(300);
    expect(run.info.mode, 'the backend ran on WebGL2').toBe('webgl2');
    // read() waited on WebGL2 fences (the thread stays free while the GPU works).
    expect(run.info.fencedReads).toBeGreaterThan(100);
    expect(s.failed, `${s.failed} case(s) failed in Chromium:\n${s.report}${context}`).toBe(0);
    const skipped = run.results.filter((r) => r.status === 'skipped').map((r) => r.name);
    expect(skipped, 'the webgl backend passes the suite with no skips').toEqual([]);
  }, 660_000);
});
