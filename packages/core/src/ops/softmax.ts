import { ENGINE } from '../engine.js';
import { DTypeError, ShapeError } from '../errors.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { transpose } from './transpose.js';

/** Runs a last-axis kernel along `axis`, transposing that axis to the end and back if needed. */
function alongAxis(op: 'softmax' | 'logSoftmax', x: TensorLike, axis: number): Tensor {
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'logits', op, 'float32');
    if ($x.dtype !== 'float32') throw new DTypeError(`${op}: logits must be float32, got ${$x.dtype}`);
    if ($x.rank === 0) throw new ShapeError(`${op}: logits must have at least one dimension, got a scalar`);
    const a = normalizeAxis(op, axis, $x.rank);
    const last = $x.rank - 1;
    if (a === last) return ENGINE.runKernel(op, { x: $x }, {});
    // Swapping two axes is its own inverse.
    const perm = Array.from({ length: $x.rank }, (_, i) => (i === a ? last : i === last ? a : i));
    const y = ENGINE.runKernel(op, { x: transpose($x, perm) }, {});
    return transpose(y, perm);
  });
}

/** exp(x) / sum(exp(x)) along `dim` (the last axis by default). */
export function softmax(logits: TensorLike, dim = -1): Tensor {
  return alongAxis('softmax', logits, dim);
}

/** log(softmax(x)) along `axis`, computed stably. */
export function logSoftmax(logits: TensorLike, axis = -1): Tensor {
  return alongAxis('logSoftmax', logits, axis);
}
