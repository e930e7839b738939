import { ENGINE } from '../../engine.js';
import type { Decomposition } from '../../kernels/op-inputs.js';
import { binaryOp } from '../binary.js';
import { cast } from '../cast.js';
import { square } from '../unary.js';
import { where } from '../where.js';

/**
 * `dy * f'(x)` from the activation's output `y`, for backends without an `activationGrad` kernel:
 * 2-3 elementwise kernels per activation. Only float32 reaches here (the spec checks), so the
 * masks are cast to float32 and multiplied rather than selected, as the fused gradients did. The
 * tidy frees the intermediates: a kernel call leaves only its output behind.
 */
export const activationGrad: Decomposition<'activationGrad'> = ({ dy, y }, { activation }) =>
  ENGINE.tidy(() => {
    switch (activation) {
      case 'linear':
        // Still a new tensor, as every kernel's output is: callers may dispose it independently of dy.
        return binaryOp('mul', dy, 1);
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
  });
