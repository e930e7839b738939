/**
 * The conformance suite as a browser page, bundled and opened by test/browser.test.ts. The
 * configuration comes from the query string (?threads=N), so both runs share one bundle. The
 * .wasm builds are not bundled: the loader fetches them relative to this module (served at
 * /wasm/ beside /page.js, the layout of dist/index.js and dist/wasm/ in the published package).
 */
import { CpuBackend } from '@tensile/backend-cpu';
import { reportInfo, runCases } from '@tensile/browser-testing/page';
import { conformanceCases } from '@tensile/core/testing';
import { createWasmBackend, sharedMemoryReason, supportsRelaxedSimd, type WasmBackend } from '../../src/index.js';

const threads = Number(new URLSearchParams(location.search).get('threads') ?? '1');
let backend: WasmBackend | null = null;

await reportInfo({
  crossOriginIsolated,
  userAgent: navigator.userAgent,
  hardwareConcurrency: navigator.hardwareConcurrency,
  relaxedSimd: supportsRelaxedSimd(),
  sharedMemoryReason: sharedMemoryReason(),
});

await runCases(
  () =>
    conformanceCases({
      name: threads > 1 ? 'wasm-threads' : 'wasm',
      // As in the Node run: with threads, every kernel is split however small, so the suite's
      // small tensors go through the threaded paths (workers in Web Workers on shared memory).
      create: () => (backend = createWasmBackend({ threads, forceParallel: threads > 1 })),
      moveTarget: () => new CpuBackend(),
    }),
  {
    // Read before the suite's last case removes (and disposes) the backend.
    beforeLast: () =>
      reportInfo({
        build: backend?.info.build ?? null,
        threads: backend?.info.threads ?? null,
        note: backend?.info.note ?? null,
        workerShares: backend?.memory().workerShares ?? null,
      }),
  },
);
