/**
 * The GEMM-shaped kernels of every test profile against the CPU backend, on shapes the
 * conformance suite does not reach: tiles cut at odd edges, a filter gradient long enough for
 * split-K, and the fused epilogue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  concat,
  conv2d,
  fused,
  grads,
  matMul,
  mul,
  randomUniform,
  reshape,
  sum,
  registerBackend,
  removeBackend,
  setBackend,
  tidy,
  type Tensor,
} from '@tensile/core';
import { CpuBackend } from '@tensile/backend-cpu';
import { createWebGpuBackend } from '../src/index.js';
import { noAdapter, probeAdapter } from './adapter.js';
import { TEST_PROFILES } from './profiles.js';

const reason = await probeAdapter();
const CASES: [string, () => Tensor][] = [
  [
    'matMul 70x300x130 with bias and relu',
    () =>
      fused.matMul({
        a: randomUniform([70, 300], -1, 1, 'float32', 1),
        b: randomUniform([300, 130], -1, 1, 'float32', 2),
        bias: randomUniform([130], -1, 1, 'float32', 3),
        activation: 'relu',
      }),
  ],
  [
    'batched matMul, transposed B',
    () => matMul(randomUniform([3, 9, 17], -1, 1, 'float32', 4), randomUniform([3, 5, 17], -1, 1, 'float32', 5), false, true),
  ],
  [
    'conv2d 6 channels, same padding',
    () => conv2d(randomUniform([2, 9, 9, 3], -1, 1, 'float32', 6), randomUniform([3, 3, 3, 6], -1, 1, 'float32', 7), 1, 'same'),
  ],
  // Both backprop convolutions (the filter gradient's K = 16 * 10 * 10 is split), stride 1 and 2.
  ...[1, 2].map((stride): [string, () => Tensor] => [
    `conv2d gradients, stride ${stride}`,
    () => {
      const x = randomUniform([16, 14, 14, 2], -1, 1, 'float32', 10);
      const f = randomUniform([5, 5, 2, 4], -1, 1, 'float32', 11);
      const w = randomUniform(stride === 1 ? [16, 10, 10, 4] : [16, 5, 5, 4], -1, 1, 'float32', 12);
      const [dx, df] = grads((a: Tensor, b: Tensor) => sum(mul(conv2d(a, b, stride, 'valid'), w)))([x, f]);
      return concat([reshape(dx, [-1]), reshape(df, [-1])], 0);
    },
  ]),
  // A filter covering the whole input (LeNet's C5): the three convolutions become matmuls.
  [
    'conv2d covering the input, fused bias and tanh, with gradients',
    () => {
      const x = randomUniform([6, 5, 5, 4], -1, 1, 'float32', 13);
      const f = randomUniform([5, 5, 4, 7], -1, 1, 'float32', 14);
      const bias = randomUniform([7], -1, 1, 'float32', 15);
      const w = randomUniform([6, 1, 1, 7], -1, 1, 'float32', 16);
      const [dx, df, db] = grads((a: Tensor, b: Tensor, c: Tensor) =>
        sum(mul(fused.conv2d({ x: a, filter: b, strides: 1, pad: 'valid', bias: c, activation: 'tanh' }), w)),
      )([x, f, bias]);
      return concat([reshape(dx, [-1]), reshape(df, [-1]), db], 0);
    },
  ],
];

async function values(name: string, make: () => Tensor): Promise<Float32Array> {
  await setBackend(name);
  const t = tidy(make);
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

if (reason !== null) {
  noAdapter('webgpu gemm kernels', reason);
} else {
  describe("webgpu: every profile's GEMM and convolution kernels agree with the CPU", () => {
    beforeAll(() => {
      for (const { name, profile } of TEST_PROFILES)
        registerBackend(`gemm-${name}`, () => createWebGpuBackend({ allowSoftware: true, profile }), 0);
      registerBackend('gemm-cpu', () => new CpuBackend(), 0);
    });
    afterAll(() => {
      for (const { name } of TEST_PROFILES) removeBackend(`gemm-${name}`);
      removeBackend('gemm-cpu');
    });
    for (const { name: profile } of TEST_PROFILES) {
      for (const [name, make] of CASES) {
        it(`${profile}: ${name}`, async () => {
          const want = await values('gemm-cpu', make);
          const got = await values(`gemm-${profile}`, make);
          expect(got.length).toBe(want.length);
          for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-4 + 1e-4 * Math.abs(want[i]));
        });
      }
    }
  });
}
