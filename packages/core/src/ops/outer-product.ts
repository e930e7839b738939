import { ENGINE } from '../engine.js';
import { ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { convertPair, type TensorLike } from './convert.js';
import { matMul } from './matMul.js';

/** The outer product of vectors v1 [n] and v2 [m]: the [n, m] matrix v1[i] * v2[j]. */
export function outerProduct(v1: TensorLike, v2: TensorLike): Tensor {
  return ENGINE.tidy(() => {
    const [a, b] = convertPair(v1, v2, 'outerProduct', ['v1', 'v2']);
    if (a.rank !== 1 || b.rank !== 1) {
      throw new ShapeError(
        `outerProduct: v1 and v2 must be vectors (rank 1), got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
      );
    }
    return matMul(ENGINE.reshape(a, [a.size, 1]), ENGINE.reshape(b, [1, b.size]));
  });
}
