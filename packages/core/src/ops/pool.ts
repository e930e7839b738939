/** 2-D max and average pooling over NHWC inputs. */
import { ENGINE } from '../engine.js';
import { DTypeError, ShapeError } from '../errors.js';
import type { Pool2dAttrs } from '../kernels/signatures.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { pair, resolvePad, type PaddingSpec } from './conv-util.js';

function pool(
  op: 'maxPool' | 'avgPool',
  x: TensorLike,
  filterSize: number | readonly [number, number],
  strides: number | readonly [number, number],
  pad: PaddingSpec,
): Tensor {
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', op, 'float32');
    if ($x.rank !== 4 && $x.rank !== 3) {
      throw new ShapeError(
        `${op}: input must be rank 4 [batch, height, width, channels] (or rank 3 without the batch), got shape ${formatShape($x.shape)}`,
      );
    }
    if ($x.dtype !== 'float32') throw new DTypeError(`${op}: x must be float32, got ${$x.dtype}`);
    const unbatched = $x.rank === 3;
    const x4 = unbatched ? ENGINE.reshape($x, [1, ...$x.shape]) : $x;
    const f = pair(op, 'filterSize', filterSize);
    const s = pair(op, 'strides', strides);
    const attrs: Pool2dAttrs = { filterSize: f, strides: s, pad: resolvePad(op, pad, [x4.shape[1], x4.shape[2]], f, s, [1, 1]) };
    const y = ENGINE.runKernel(op, { x: x4 }, attrs);
    return unbatched ? ENGINE.reshape(y, y.shape.slice(1)) : y;
  });
}

/** The maximum of each window; padded positions never win. */
export function maxPool(
  x: TensorLike,
  filterSize: number | readonly [number, number],
  strides: number | readonly [number, number],
  pad: PaddingSpec,
): Tensor {
  return pool('maxPool', x, filterSize, strides, pad);
}

/** The mean of each window; padded positions are not counted (TensorFlow's 'same'). */
export function avgPool(
  x: TensorLike,
  filterSize: number | readonly [number, number],
  strides: number | readonly [number, number],
  pad: PaddingSpec,
): Tensor {
  return pool('avgPool', x, filterSize, strides, pad);
}
