/** LeNet-5's loss at batch 128, composed as the layers package composes it (fused conv/dense + bias + tanh), shared by the step benches. */
import { avgPool, fused, logSoftmax, mean, mul, neg, reshape, sum, type Tensor, type Variable } from '@tensile/core';

export const BATCH = 128;

/** Shapes of the parameters, in the order `loss` takes them. */
export const PARAM_SHAPES: [string, number[]][] = [
  ['c1', [5, 5, 1, 6]],
  ['b1', [6]],
  ['c2', [5, 5, 6, 16]],
  ['b2', [16]],
  ['c3', [5, 5, 16, 120]],
  ['b3', [120]],
  ['d1', [120, 84]],
  ['bd1', [84]],
  ['d2', [84, 10]],
  ['bd2', [10]],
];

export function loss(p: Variable[], x: Tensor, labels: Tensor): Tensor {
  const [c1, b1, c2, b2, c3, b3, d1, bd1, d2, bd2] = p;
  let h = fused.conv2d({ x, filter: c1, strides: 1, pad: 'valid', bias: b1, activation: 'tanh' });
  h = avgPool(h, 2, 2, 'valid');
  h = fused.conv2d({ x: h, filter: c2, strides: 1, pad: 'valid', bias: b2, activation: 'tanh' });
  h = avgPool(h, 2, 2, 'valid');
  h = fused.conv2d({ x: h, filter: c3, strides: 1, pad: 'valid', bias: b3, activation: 'tanh' });
  h = reshape(h, [BATCH, 120]);
  h = fused.matMul({ a: h, b: d1, bias: bd1, activation: 'tanh' });
  const logits = fused.matMul({ a: h, b: d2, bias: bd2 });
  return neg(mean(sum(mul(labels, logSoftmax(logits)), -1)));
}
