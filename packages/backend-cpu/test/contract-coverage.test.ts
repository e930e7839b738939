import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractCoverageProblems, recordDispatch, runConformanceSuite, type DispatchRecord } from '@tensile/core/testing';
import { CpuBackend } from '../src/index.js';

// The whole suite once more on the reference backend, recording what it dispatched: the contract's
// promises that only a run can check (docs/contract-checks.md).
let record: DispatchRecord;
beforeAll(() => {
  record = recordDispatch();
});
afterAll(() => record.stop());

runConformanceSuite(
  { name: 'cpu coverage', create: () => new CpuBackend(), moveTarget: () => new CpuBackend() },
  { describe, it, beforeAll, afterAll },
);

describe('contract coverage of the cpu run', () => {
  it('every kernel was dispatched, every gradient ran, and each gradient called exactly the kernels its uses declare', () => {
    expect(contractCoverageProblems(record)).toEqual([]);
  });
});
