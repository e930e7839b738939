import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIONAL_KERNELS, type KernelTable } from '@tensile/core';
import { recordDispatch, runConformanceSuite, withoutOptionalKernels, type DispatchRecord } from '@tensile/core/testing';
import { CpuBackend, cpuKernels } from '../src/index.js';

/** The cpu backend without its optional kernels: every fused call and optimizer update runs core's decomposition. */
class DecomposingCpuBackend extends CpuBackend {
  override readonly kernels: KernelTable<CpuBackend> = withoutOptionalKernels(cpuKernels);
}

let record: DispatchRecord;
beforeAll(() => {
  record = recordDispatch();
});
afterAll(() => record.stop());

describe('the decomposition backend', () => {
  it('lacks every optional kernel, and the full cpu table has each (so the run below means something)', () => {
    const stripped = new DecomposingCpuBackend();
    for (const name of OPTIONAL_KERNELS) {
      expect(stripped.kernels[name], name).toBeUndefined();
      expect(typeof cpuKernels[name], name).toBe('function');
    }
  });
});

runConformanceSuite(
  { name: 'cpu decomposition', create: () => new DecomposingCpuBackend(), moveTarget: () => new CpuBackend() },
  { describe, it, beforeAll, afterAll },
);

// Runs after the suite (vitest runs a file's tests in order): the suite's cases above reached each
// optional kernel only through core's decomposition.
describe('the decomposition run', () => {
  it.each(OPTIONAL_KERNELS)('dispatched %s to its decomposition and never to a kernel', (name) => {
    expect(record.decompositionRuns(name)).toBeGreaterThan(0);
    expect(record.kernelRuns(name)).toBe(0);
  });
});
