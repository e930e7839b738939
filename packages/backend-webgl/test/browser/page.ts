/**
 * The conformance suite as a browser page on Chromium's WebGL2 (SwiftShader), bundled and
 * opened by test/browser.test.ts. It first asks a canvas for a WebGL2 context itself and reports
 * what it found, so the test can tell "no WebGL2 in this browser" from "the backend failed".
 * It also measures the launch overhead of a tiny kernel and of a readback.
 */
import { CpuBackend } from '@tensile/backend-cpu';
import { reportInfo, runCases } from '@tensile/browser-testing/page';
import { conformanceCases } from '@tensile/core/testing';
import { createWebGlBackend, type WebGlBackend } from '../../src/index.js';

function probe(): string | null {
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (gl === null) return 'OffscreenCanvas.getContext("webgl2") returned null';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = info === null ? gl.getParameter(gl.RENDERER) : gl.getParameter(info.UNMASKED_RENDERER_WEBGL);
  void reportInfo({ renderer: String(renderer), maxTextureSize: Number(gl.getParameter(gl.MAX_TEXTURE_SIZE)) });
  return null;
}

/** Microseconds per launch of a 1-element add (no readback between), and per 1-element read. */
function overhead(): { launchUs: number; readUs: number; firstCompileMs: number } {
  const b = createWebGlBackend();
  b.init();
  const x = { dataId: b.write(new Float32Array([1]), 'float32'), shape: [1], dtype: 'float32' as const };
  const out = { shape: [1], dtype: 'float32' as const };
  const t0 = performance.now();
  b.disposeData(b.kernels.binary(b, { a: x, b: x }, { op: 'add' }, out));
  const t1 = performance.now();
  const n = 200;
  for (let i = 0; i < n; i++) b.disposeData(b.kernels.binary(b, { a: x, b: x }, { op: 'add' }, out));
  const last = b.kernels.binary(b, { a: x, b: x }, { op: 'add' }, out);
  b.readSync(last);
  const t2 = performance.now();
  for (let i = 0; i < 50; i++) b.readSync(last);
  const t3 = performance.now();
  b.dispose();
  return { firstCompileMs: t1 - t0, launchUs: ((t2 - t1) / n) * 1000, readUs: ((t3 - t2) / 50) * 1000 };
}

const unavailable = probe();
await reportInfo({ userAgent: navigator.userAgent, webglUnavailable: unavailable });
if (unavailable === null) await reportInfo({ overhead: overhead() });
let backend: WebGlBackend | null = null;

await runCases(
  () =>
    unavailable !== null
      ? []
      : conformanceCases({
          name: 'webgl',
          create: () => (backend = createWebGlBackend()),
          moveTarget: () => new CpuBackend(),
        }),
  { beforeLast: () => reportInfo({ mode: backend?.mode ?? null, fencedReads: backend?.memory().fencedReads ?? null }) },
);
