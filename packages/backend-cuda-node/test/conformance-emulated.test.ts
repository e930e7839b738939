/**
 * The whole conformance suite through the CUDA kernels' own code, run on the CPU by the addon's
 * emulated runtime (every launch executes its blocks and threads one by one, barriers and all).
 * This is how a machine without a GPU checks the kernels' arithmetic, indexing, launch geometry
 * and the TypeScript side's parameter layouts; device/check.sh runs the same suite on a GPU.
 */
import { CpuBackend } from '@tensile/backend-cpu';
import { runConformanceSuite } from '@tensile/core/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createCudaBackend } from '../src/index.js';
import { describeWithAddon } from './addon-here.js';

describeWithAddon('cuda kernels on the emulated runtime', () => {
  runConformanceSuite(
    { name: 'cuda (host emulation)', create: () => createCudaBackend({ emulate: true }), moveTarget: () => new CpuBackend() },
    { describe, it, beforeAll, afterAll },
  );
});
