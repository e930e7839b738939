/** The activations a fused kernel may apply, as ops, and their derivatives in terms of the output. */
import { ArgumentError } from '../../errors.js';
import { FUSED_ACTIVATIONS, type FusedActivation } from '../../kernels/signatures.js';
import type { Tensor } from '../../tensor.js';
import { elu, relu, relu6 } from '../activations.js';
import { binaryOp } from '../binary.js';
import { cast } from '../cast.js';
import { sigmoid, square, tanh } from '../unary.js';
import { where } from '../where.js';

export function checkActivation(op: string, activation: string): FusedActivation {
  const found = FUSED_ACTIVATIONS.find((a) => a === activation);
  if (found === undefined) {
    throw new ArgumentError(`${op}: activation must be one of ${FUSED_ACTIVATIONS.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(activation)}`);
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
 * pre-activation tensor is needed); 'linear' returns `dy` itself. Creates tensors: call in a tidy.
 */
export function activationBackward(dy: Tensor, y: Tensor, activation: FusedActivation): Tensor {
  switch (activation) {
    case 'linear':
      return dy;
    case 'relu':
      return binaryOp('mul', dy, cast(binaryOp('greater', y, 0), 'float32'));
    case 'relu6':
      return binaryOp('mul', dy, cast(binaryOp('logicalAnd', binaryOp('greater', y, 0), binaryOp('less', y, 6)), 'float32'));
    case 'tanh':
      return binaryOp('mul', dy, binaryOp('sub', 1, square(y)));
    case 'sigmoid':
      return binaryOp('mul', dy, binaryOp('mul', y, binaryOp('sub', 1, y)));
    case 'elu':
      return binaryOp('mul', dy, where(binaryOp('greater', y, 0), 1, binaryOp('add', y, 1)));
  }
}
