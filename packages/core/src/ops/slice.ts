import { ENGINE } from '../engine.js';
import { ArgumentError, ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';

/**
 * The block starting at `begin` of extent `size`, as TensorFlow.js: a number `begin` is the start
 * on axis 0; missing trailing entries of `begin` are 0 and of `size` are -1; size -1 means "to the
 * end".
 */
export function slice(x: TensorLike, begin: number | readonly number[], size?: number | readonly number[]): Tensor {
  const $x = convertToTensor(x, 'x', 'slice');
  const rank = $x.rank;
  const $begin = typeof begin === 'number' ? [begin] : [...begin];
  const $size = size === undefined ? [] : typeof size === 'number' ? [size] : [...size];
  if ($begin.length > rank || $size.length > rank) {
    throw new ArgumentError(
      `slice: begin [${$begin}] and size [${$size}] must have at most ${rank} entries for shape ${formatShape($x.shape)}`,
    );
  }
  while ($begin.length < rank) $begin.push(0);
  while ($size.length < rank) $size.push(-1);
  for (let i = 0; i < rank; i++) {
    if (!Number.isInteger($begin[i]) || $begin[i] < 0 || $begin[i] > $x.shape[i]) {
      throw new ShapeError(`slice: begin [${$begin}] is out of bounds for shape ${formatShape($x.shape)} (axis ${i})`);
    }
    if ($size[i] === -1) $size[i] = $x.shape[i] - $begin[i];
    if (!Number.isInteger($size[i]) || $size[i] < 0 || $begin[i] + $size[i] > $x.shape[i]) {
      throw new ShapeError(`slice: begin [${$begin}] with size [${$size}] does not fit in shape ${formatShape($x.shape)} (axis ${i})`);
    }
  }
  const y = ENGINE.runKernel('slice', { x: $x }, { begin: $begin, size: $size });
  if ($x !== x) $x.dispose();
  return y;
}
