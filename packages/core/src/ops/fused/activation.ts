/** The activations a fused kernel may apply, as ops, and their derivatives in terms of the output. */
import { ENGINE } from '../../engine.js';
import { ArgumentError } from '../../errors.js';
import { FUSED_ACTIVATIONS, type FusedActivation } from '../../kernels/signatures.js';
import type { Tensor } from '../../tensor.js';
import { elu, relu, relu6 } from '../activations.js';
import { sigmoid, tanh } from '../unary.js';

export function checkActivation(op: string, activation: string): FusedActivation {
  const found = FUSED_ACTIVATIONS.find((a) => a === activation);
  if (found === undefined) {
    throw new ArgumentError(
      `${op}: activation must be one of ${FUSED_ACTIVATIONS.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(activation)}`,
    );
  }
  return found;
}

/** `activation(x)`; 'linear' returns `x` itself. */
export function applyActivation(x: Tensor, activation: FusedActivation): Tensor {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return relu(x);
    case 'relu6':
      return relu6(x);
    case 'tanh':
      return tanh(x);
    case 'sigmoid':
      return sigmoid(x);
    case 'elu':
      return elu(x);
  }
}

/**
 * `dy` times the activation's derivative, written with the activation's output `y` (so no
 * pre-activation tensor is needed); 'linear' returns `dy` itself. One `activationGrad` kernel
 * (decomposed into elementwise kernels on backends without it). Creates tensors: call in a tidy.
 * `activationGrad` has no gradient, so second-order derivatives through fused activations are
 * not supported.
 */
export function activationBackward(dy: Tensor, y: Tensor, activation: FusedActivation): Tensor {
  if (activation === 'linear') return dy;
  return ENGINE.runKernel('activationGrad', { dy, y }, { activation });
}
