import { defineGradient, type GradResult } from './define.js';
import { ENGINE } from '../engine.js';
import { sum } from '../ops/reduce.js';
import { scoped } from '../ops/scoped.js';
import { activationBackward } from '../ops/fused/activation.js';
import { matMulBackward } from './matMul.grad.js';

/** The activation's derivative (from the output y) applied to dy, then matMul's and the bias' gradients. */
export const fusedMatMulGradient = defineGradient(
  'fusedMatMul',
  ['activationGrad', 'matMul', 'reduce'],
  (dy, { a, b, bias }, { transposeA, transposeB, activation }, y) => {
    // Computed once, outside the thunks' scopes, and shared by every input's gradient; the
    // enclosing gradient scope frees it.
    const g = activationBackward(dy, y, activation);
    const grads: GradResult<'fusedMatMul'> = {
      a: scoped(() => matMulBackward(g, a, b, transposeA, transposeB).a()),
      b: scoped(() => matMulBackward(g, a, b, transposeA, transposeB).b()),
    };
    if (bias !== undefined) grads.bias = scoped(() => ENGINE.reshape(sum(g, [0, 1]), bias.shape));
    return grads;
  },
);
