import { defineGradient, type GradResult } from './define.js';
import { ENGINE } from '../engine.js';
import { conv2dBackpropFilter, conv2dBackpropInput } from '../ops/conv2d-backprop.js';
import { activationBackward } from '../ops/fused/activation.js';
import { sum } from '../ops/reduce.js';
import { scoped } from '../ops/scoped.js';

/** The activation's derivative (from the output y) applied to dy, then conv2d's and the bias' gradients. */
export const fusedConv2dGradient = defineGradient(
  'fusedConv2d',
  ['activationGrad', 'conv2dBackpropFilter', 'conv2dBackpropInput', 'reduce'],
  (dy, { x, filter, bias }, attrs, y) => {
    // Computed once, outside the thunks' scopes, and shared by every input's gradient; the
    // enclosing gradient scope frees it.
    const g = activationBackward(dy, y, attrs.activation);
    const grads: GradResult<'fusedConv2d'> = {
      x: scoped(() => conv2dBackpropInput(g, filter, attrs, x.shape)),
      filter: scoped(() => conv2dBackpropFilter(x, g, attrs, filter.shape)),
    };
    if (bias !== undefined) grads.bias = scoped(() => ENGINE.reshape(sum(g, [0, 1, 2]), bias.shape));
    return grads;
  },
);
