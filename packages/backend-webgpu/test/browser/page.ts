/**
 * The conformance suite as a browser page on Chromium's WebGPU adapter, bundled and opened by
 * test/browser.test.ts. It first asks navigator.gpu for an adapter itself and reports what it
 * found (or why there is none), so the test can tell "WebGPU unavailable in this browser" from
 * "the backend failed": without an adapter it runs no cases and the test decides whether that
 * skips or fails.
 */
import { CpuBackend } from '@tensile/backend-cpu';
import { reportInfo, runCases } from '@tensile/browser-testing/page';
import { conformanceCases } from '@tensile/core/testing';
import { createWebGpuBackend, type WebGpuBackend } from '../../src/index.js';

async function probe(): Promise<string | null> {
  if (!('gpu' in navigator)) return `no navigator.gpu (isSecureContext: ${String(isSecureContext)})`;
  try {
    const adapter = await navigator.gpu.requestAdapter();
    if (adapter === null) return 'navigator.gpu.requestAdapter() returned null';
    const { vendor, architecture, device, description } = adapter.info;
    await reportInfo({ adapter: { vendor, architecture, device, description }, isFallbackAdapter: adapter.info.isFallbackAdapter ?? null });
    return null;
  } catch (err) {
    return `requestAdapter() threw: ${err instanceof Error ? err.message : String(err)}`;
  }
}

const unavailable = await probe();
await reportInfo({ userAgent: navigator.userAgent, webgpuUnavailable: unavailable });
let backend: WebGpuBackend | null = null;

await runCases(
  () =>
    unavailable !== null
      ? []
      : conformanceCases({
          name: 'webgpu',
          // SwiftShader is a software adapter, which the backend takes only when asked for it.
          create: () => (backend = createWebGpuBackend({ allowSoftware: true })),
          moveTarget: () => new CpuBackend(),
        }),
  {
    // Read before the suite's last case removes (and disposes) the backend.
    beforeLast: () =>
      reportInfo({ adapterName: backend?.adapterName ?? null, isSoftware: backend?.isSoftware ?? null, profile: backend?.profile ?? null }),
  },
);
