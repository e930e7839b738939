import { ENGINE } from '../engine.js';
import { normalizeAxes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { stridedSliceDense } from './strided-slice-util.js';

/** `x` with the order of its elements reversed along `axis` (one axis or several; all by default). */
export function reverse(x: TensorLike, axis?: number | readonly number[]): Tensor {
  const $x = convertToTensor(x, 'x', 'reverse');
  try {
    return ENGINE.tidy(() => {
      const axes = normalizeAxes('reverse', axis, $x.rank);
      if ($x.rank === 0 || axes.length === 0) return ENGINE.reshape($x, $x.shape);
      return stridedSliceDense(
        $x,
        $x.shape.map((d, i) => (axes.includes(i) ? { begin: d - 1, size: d, stride: -1 } : { begin: 0, size: d, stride: 1 })),
      );
    });
  } finally {
    if ($x !== x) $x.dispose();
  }
}
