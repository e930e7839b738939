import { afterAll, beforeAll, describe, it } from 'vitest';
import { runConformanceSuite } from '@tensile/core/testing';
import { CpuBackend } from '@tensile/backend-cpu';
import { createWebGpuBackend } from '../src/index.js';
import { noAdapter, probeAdapter } from './adapter.js';

// CI's adapter is a software one (llvmpipe), which the backend takes only when asked explicitly.
const reason = await probeAdapter();
if (reason === null) {
  runConformanceSuite(
    { name: 'webgpu', create: () => createWebGpuBackend({ allowSoftware: true }), moveTarget: () => new CpuBackend() },
    { describe, it, beforeAll, afterAll },
  );
} else {
  noAdapter('conformance: webgpu', reason);
}
