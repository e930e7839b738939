import { defineGradient, type GradResult } from './define.js';
import { ENGINE } from '../engine.js';
import { sum } from '../ops/reduce.js';
import { scoped } from '../ops/scoped.js';
import { activationBackward } from '../ops/fused/activation.js';
import { matMulBackward } from './matMul.grad.js';

/** The activation's derivative (from the output y) applied to dy, then matMul's and the bias' gradients. */
export const fusedMatMulGrad = defineGradient('fusedMatMul', (dy, { a, b, bias }, { transposeA, transposeB, activation }, y) => {
  // Each thunk runs in its own scope, so each recomputes the (cheap, elementwise) activated dy.
  const grads: GradResult<'fusedMatMul'> = {
    a: scoped(() => matMulBackward(activationBackward(dy, y, activation), a, b, transposeA, transposeB).a()),
    b: scoped(() => matMulBackward(activationBackward(dy, y, activation), a, b, transposeA, transposeB).b()),
  };
  if (bias !== undefined) {
    grads.bias = scoped(() => ENGINE.reshape(sum(activationBackward(dy, y, activation), [0, 1]), bias.shape));
  }
  return grads;
});
