import { describe, expect, it } from 'vitest';
import { GRADIENTS } from '../src/gradients/index.js';
import { KERNEL_NAMES, REQUIRED_KERNELS } from '../src/kernels/names.js';
import { OPTIONAL_KERNELS } from '../src/kernels/signatures.js';
import { DECOMPOSITIONS } from '../src/ops/decompositions/index.js';
import { KERNEL_CASES } from '../src/testing/cases/index.js';

// The compiler makes each table name every kernel (kernel-table.test.ts shows it refusing a new
// one); these are the promises about the entries it cannot check. What a run must show (each
// kernel dispatched, each gradient run, each gradient's calls equal to its `uses`) is checked
// where a backend exists: backend-cpu/test/contract-coverage.test.ts.
describe('the contract tables', () => {
  it('KERNEL_NAMES lists each kernel once, and REQUIRED_KERNELS is all but the optional ones', () => {
    expect(new Set(KERNEL_NAMES).size).toBe(KERNEL_NAMES.length);
    expect(KERNEL_NAMES).toContain('conv2dBackpropFilter');
    expect([...REQUIRED_KERNELS, ...OPTIONAL_KERNELS].sort()).toEqual([...KERNEL_NAMES].sort());
    expect(REQUIRED_KERNELS).not.toContain('fusedMatMul');
  });

  it.each(KERNEL_NAMES)('%s has conformance cases of its own, in a group named after it', (kernel) => {
    const cases = KERNEL_CASES[kernel];
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.group !== kernel).map((c) => `${c.group}/${c.name}`)).toEqual([]);
  });

  it.each(KERNEL_NAMES)('%s has a gradient, or says why it has none', (kernel) => {
    const entry = GRADIENTS[kernel];
    if ('none' in entry) {
      expect(entry.none.trim().length).toBeGreaterThan(10);
      return;
    }
    expect(entry.kernel).toBe(kernel);
    expect(entry.uses.filter((u) => !KERNEL_NAMES.includes(u))).toEqual([]);
    expect(new Set(entry.uses).size).toBe(entry.uses.length);
  });

  it.each(OPTIONAL_KERNELS)('optional %s has a decomposition', (kernel) => {
    expect(typeof DECOMPOSITIONS[kernel]).toBe('function');
  });
});
