import { describe, expect, it } from 'vitest';
import { BINARY_OPS, FUSED_ACTIVATIONS, REDUCE_OPS, UNARY_OPS } from '../src/kernels/signatures.js';
import { BINARY_CODES, codesOf, FUSED_ACTIVATION_CODES, REDUCE_CODES, UNARY_CODES } from '../src/kernels/sub-op-codes.js';

describe('sub-op codes', () => {
  const families = [
    ['unary', UNARY_OPS, UNARY_CODES],
    ['binary', BINARY_OPS, BINARY_CODES],
    ['reduce', REDUCE_OPS, REDUCE_CODES],
    ['fused activation', FUSED_ACTIVATIONS, FUSED_ACTIVATION_CODES],
  ] as const;

  it.each(families)('%s: each op is numbered by its place in the list, and nothing else is', (_, ops, codes) => {
    expect(Object.entries(codes)).toEqual(ops.map((op, i) => [op, i]));
  });

  it('codesOf refuses a list that names an op twice (two ops would share a code)', () => {
    expect(() => codesOf(['relu', 'tanh', 'relu'])).toThrow(/recordOf: keys must be distinct, got relu, tanh, relu/);
  });
});
