/**
 * The whole conformance suite in headless Chromium (Debian's, driven by playwright-core) on its
 * WebGPU adapter: SwiftShader, a software adapter, so the backend is created with
 * {allowSoftware: true}. Without chromium, or without WebGPU inside it, the test skips with the
 * reason, except in CI (CI=true) or with TENSILE_REQUIRE_BROWSER=1, where it fails: a CI whose
 * browser lost WebGPU must not pass by skipping.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { browserRequired, chromiumMissingReason, runSuiteInChromium, summarize } from '@tensile/browser-testing';

const entry = fileURLToPath(new URL('./browser/page.ts', import.meta.url));
const missing = chromiumMissingReason();

describe('conformance: webgpu in headless Chromium', () => {
  if (missing !== null && !browserRequired()) {
    it.skip(`skipped: ${missing}`, () => undefined);
    return;
  }
  it("passes the whole suite on Chromium's WebGPU adapter (SwiftShader)", async (ctx) => {
    const run = await runSuiteInChromium({ entry, crossOriginIsolated: false, timeoutMs: 300_000 });
    const context = `\npage console (last 20 lines):\n${run.console.slice(-20).join('\n') || '(nothing)'}`;
    const unavailable = run.info.webgpuUnavailable;
    if (typeof unavailable === 'string') {
      // Whether WebGPU works is only known once the page asked for an adapter, so this skip is
      // decided at run time; the note carries the reason.
      if (!browserRequired()) ctx.skip(`skipped: Chromium has no WebGPU adapter here (${unavailable})`);
      expect.fail(`Chromium has no WebGPU adapter (${unavailable}); CI or TENSILE_REQUIRE_BROWSER requires one${context}`);
    }
    const s = summarize(run.results);
    const { bundleMs, launchMs, runMs } = run.timings;
    console.log(
      `chromium webgpu: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped of ${s.total} ` +
        `(bundle ${Math.round(bundleMs)} ms, launch ${Math.round(launchMs)} ms, run ${Math.round(runMs)} ms; ` +
        `adapter ${JSON.stringify(run.info.adapter)}, fallback ${String(run.info.isFallbackAdapter)})`,
    );
    const slowest = [...run.results].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(`slowest cases: ${slowest.map((r) => `${r.group}/${r.name} ${Math.round(r.ms)} ms`).join(', ')}`);

    // A page that ran nothing (a bundle that failed to start, say) must not pass.
    expect(s.total, `only ${s.total} case(s) reported${context}`).toBeGreaterThan(300);
    expect(s.failed, `${s.failed} case(s) failed in Chromium:\n${s.report}${context}`).toBe(0);
    const skipped = run.results.filter((r) => r.status === 'skipped').map((r) => r.name);
    expect(skipped, 'the webgpu backend passes the suite with no skips').toEqual([]);
    // The backend really ran on the browser's adapter, and knew it for a software one that is
    // not llvmpipe: the direct GEMM with 2 rows a lane, no unrolled convolutions, and (outside
    // Node) no read pacing.
    expect(run.info.isSoftware, 'SwiftShader is a software adapter').toBe(true);
    expect(run.info.profile, 'the profile resolved for SwiftShader').toEqual({
      gemm: 'direct',
      directRows: 2,
      directConv: false,
      filterGradOverRows: false,
      paceReads: false,
    });
  }, 360_000);
});
