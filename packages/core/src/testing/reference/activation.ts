/** Fused activations' derivatives in float64, written with the output y = f(x) as the kernels take it. */
import type { FusedActivation } from '../../kernels/signatures.js';

/** f'(x) written with y = f(x), in float64. */
export function activationDerivative(activation: FusedActivation, y: number): number {
  switch (activation) {
    case 'linear':
      return 1;
    case 'relu':
      return y > 0 ? 1 : 0;
    case 'relu6':
      return y > 0 && y < 6 ? 1 : 0;
    case 'tanh':
      return 1 - y * y;
    case 'sigmoid':
      return y * (1 - y);
    case 'elu':
      return y > 0 ? 1 : y + 1;
  }
}

/** Size of the terms behind f'(y) times |dy|: float32 rounding error is proportional to it even
 *  where 1 - y^2 or y + 1 cancels towards 0. */
export function activationTermScale(activation: FusedActivation, y: number): number {
  switch (activation) {
    case 'tanh':
      return 1 + y * y;
    case 'sigmoid':
      return Math.abs(y) * (1 + Math.abs(y));
    case 'elu':
      return 1 + Math.abs(y);
    default:
      return 1;
  }
}
