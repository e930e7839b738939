import { defineGradient } from './define.js';
import { ENGINE } from '../engine.js';
import type { Tensor } from '../tensor.js';
import { reduceToShape } from '../ops/broadcast-to.js';
import { scoped } from '../ops/scoped.js';

/** @internal The rank-3 matMul kernel. */
export function batchMatMul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor {
  return ENGINE.runKernel('matMul', { a, b }, { transposeA, transposeB });
}

/**
 * Gradients of the rank-3 product for each transpose combination (as TensorFlow); an operand
 * whose batch of 1 was broadcast gets its gradient summed over the batch.
 */
export function matMulBackward(
  dy: Tensor,
  a: Tensor,
  b: Tensor,
  transposeA: boolean,
  transposeB: boolean,
): { a: () => Tensor; b: () => Tensor } {
  const mm = batchMatMul;
  let da: () => Tensor;
  let db: () => Tensor;
  if (!transposeA && !transposeB) {
    da = () => mm(dy, b, false, true);
    db = () => mm(a, dy, true, false);
  } else if (!transposeA && transposeB) {
    da = () => mm(dy, b, false, false);
    db = () => mm(dy, a, true, false);
  } else if (transposeA && !transposeB) {
    da = () => mm(b, dy, false, true);
    db = () => mm(a, dy, false, false);
  } else {
    da = () => mm(b, dy, true, true);
    db = () => mm(dy, a, true, true);
  }
  return { a: scoped(() => reduceToShape(da(), a.shape)), b: scoped(() => reduceToShape(db(), b.shape)) };
}

export const matMulGradient = defineGradient('matMul', ['matMul', 'reduce'], (dy, { a, b }, { transposeA, transposeB }) =>
  matMulBackward(dy, a, b, transposeA, transposeB),
);
