import { afterAll, beforeAll, describe, it } from 'vitest';
import { runConformanceSuite } from '@tensile/core/testing';
import { CpuBackend } from '@tensile/backend-cpu';
import { createWebGpuBackend } from '../src/index.js';
import { noAdapter, probeAdapter } from './adapter.js';
import { TEST_PROFILES } from './profiles.js';

// The whole suite once per tuning profile, so that every kernel path (the tiled GEMM of GPUs
// included) is checked on CI's adapter, a software one (llvmpipe) that the backend takes only
// when asked explicitly.
const reason = await probeAdapter();
if (reason === null) {
  for (const { name, profile } of TEST_PROFILES) {
    runConformanceSuite(
      { name: `webgpu (${name})`, create: () => createWebGpuBackend({ allowSoftware: true, profile }), moveTarget: () => new CpuBackend() },
      { describe, it, beforeAll, afterAll },
    );
  }
} else {
  noAdapter('conformance: webgpu', reason);
}
