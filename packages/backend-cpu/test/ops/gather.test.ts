import { beforeAll, describe, expect, it } from 'vitest';
import { DTypeError, gather, grad, mul, sum, tensor, tidy, ready, type Tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import '../../src/index.js';

beforeAll(() => ready());

/**
 * The gradient of gather is built from oneHot and matMul (there is no scatter kernel); check it
 * against central finite differences of sum(gather(x) * w), with repeated indices.
 */
async function checkGatherGradient(shape: number[], indices: number[] | number[][], axis: number): Promise<void> {
  const n = shape.reduce((a, b) => a * b, 1);
  const xv = Array.from({ length: n }, (_, i) => Math.cos(i * 0.7));
  const idx = tensor(indices, undefined, 'int32');
  const probe = gather(tensor(xv, shape), idx, axis);
  const w = tensor(
    Array.from({ length: probe.size }, (_, i) => Math.sin(i + 1)),
    probe.shape,
  );
  probe.dispose();
  const f = (x: Tensor): Tensor => sum(mul(gather(x, idx, axis), w));
  const before = undisposedTensors();
  const g = grad(f)(tensor(xv, shape));
  expect(undisposedTensors() - before).toBe(2); // the input and its gradient
  expect([...g.shape]).toEqual(shape);
  const analytic = await g.data();
  const at = async (values: number[]): Promise<number> => {
    const y = tidy(() => f(tensor(values, shape)));
    const v = (await y.data())[0];
    y.dispose();
    return v;
  };
  const eps = 1e-2;
  for (let j = 0; j < n; j++) {
    const plus = [...xv];
    const minus = [...xv];
    plus[j] = Math.fround(xv[j] + eps);
    minus[j] = Math.fround(xv[j] - eps);
    const numeric = ((await at(plus)) - (await at(minus))) / (plus[j] - minus[j]);
    expect(Math.abs(analytic[j] - numeric)).toBeLessThan(2e-3 * (1 + Math.abs(numeric)));
  }
}

describe('gather', () => {
  it('gradient along axis 0 accumulates repeated indices', async () => {
    await checkGatherGradient([5, 3], [4, 0, 4, 2, 4], 0);
  });

  it('gradient along a middle axis with 2-D indices', async () => {
    await checkGatherGradient(
      [2, 4, 3],
      [
        [3, 1],
        [1, 0],
      ],
      1,
    );
  });

  it('gradient along the last axis (negative), unreached rows get zero', async () => {
    await checkGatherGradient([2, 3, 4], [2, 2, 0], -1);
    const g = grad((x) => sum(gather(x, [1, 1], 0)))(
      tensor([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    );
    expect(await g.array()).toEqual([
      [0, 0],
      [2, 2],
      [0, 0],
    ]);
  });

  it('output shape is x[:axis] + indices + x[axis+1:]', () => {
    const y = gather(
      tensor(
        Array.from({ length: 24 }, (_, i) => i),
        [2, 3, 4],
      ),
      tensor(
        [
          [0, 2],
          [1, 1],
          [2, 0],
        ],
        undefined,
        'int32',
      ),
      1,
    );
    expect([...y.shape]).toEqual([2, 3, 2, 4]);
  });

  it('needs int32 indices', () => {
    expect(() => gather(tensor([1, 2, 3]), tensor([0, 1]))).toThrow(DTypeError);
    expect(() => gather(tensor([1, 2, 3]), tensor([0, 1]))).toThrow(/gather: indices must be int32, got float32/);
  });
});
