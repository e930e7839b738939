/** Shape-only ops: metadata views of the same data (`ENGINE.reshape`). */
import { ENGINE } from '../engine.js';
import { ArgumentError, ShapeError } from '../errors.js';
import { formatShape, normalizeAxes, sizeFromShape, type Shape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';

/** Resolves one -1 in `shape` against `size` elements. */
export function inferReshape(op: string, size: number, from: Shape, shape: Shape): number[] {
  if (!Array.isArray(shape)) throw new ArgumentError(`${op}: shape must be an array of dimensions, got ${String(shape)}`);
  let unknown = -1;
  let known = 1;
  shape.forEach((d, i) => {
    if (d === -1) {
      if (unknown >= 0) throw new ArgumentError(`${op}: shape ${formatShape(shape)} has more than one -1`);
      unknown = i;
    } else if (!Number.isInteger(d) || d < 0) {
      throw new ArgumentError(`${op}: shape dimensions must be non-negative integers or one -1, got ${formatShape(shape)}`);
    } else {
      known *= d;
    }
  });
  const out = [...shape];
  if (unknown >= 0) {
    if (known === 0 || size % known !== 0) {
      throw new ShapeError(
        `${op}: cannot reshape ${formatShape(from)} (${size} elements) to ${formatShape(shape)}: ${size} is not a multiple of ${known}`,
      );
    }
    out[unknown] = size / known;
  } else if (known !== size) {
    throw new ShapeError(`${op}: cannot reshape ${formatShape(from)} (${size} elements) to ${formatShape(shape)} (${known} elements)`);
  }
  return out;
}

/** The same values under another shape; one dimension may be -1 (inferred). */
export function reshape(x: TensorLike, shape: Shape): Tensor {
  const $x = convertToTensor(x, 'x', 'reshape');
  const y = ENGINE.reshape($x, inferReshape('reshape', $x.size, $x.shape, shape));
  if ($x !== x) $x.dispose();
  return y;
}

/** Inserts a dimension of size 1 at `axis` (in [-rank-1, rank]). */
export function expandDims(x: TensorLike, axis = 0): Tensor {
  const $x = convertToTensor(x, 'x', 'expandDims');
  const rank = $x.rank;
  if (!Number.isInteger(axis) || axis < -rank - 1 || axis > rank) {
    throw new ArgumentError(`expandDims: axis must be an integer in [${-rank - 1}, ${rank}], got ${axis}`);
  }
  const at = axis < 0 ? axis + rank + 1 : axis;
  const shape = [...$x.shape];
  shape.splice(at, 0, 1);
  const y = ENGINE.reshape($x, shape);
  if ($x !== x) $x.dispose();
  return y;
}

/** Removes dimensions of size 1: all of them, or those in `axis` (each must have size 1). */
export function squeeze(x: TensorLike, axis?: number | readonly number[]): Tensor {
  const $x = convertToTensor(x, 'x', 'squeeze');
  let shape: number[];
  if (axis === undefined) {
    shape = $x.shape.filter((d) => d !== 1);
  } else {
    const axes = normalizeAxes('squeeze', axis, $x.rank);
    for (const a of axes) {
      if ($x.shape[a] !== 1) {
        throw new ShapeError(`squeeze: cannot squeeze axis ${a} of shape ${formatShape($x.shape)}: its size is ${$x.shape[a]}, not 1`);
      }
    }
    shape = $x.shape.filter((_, i) => !axes.includes(i));
  }
  if (sizeFromShape(shape) !== $x.size) throw new ShapeError(`squeeze: internal size mismatch for ${formatShape($x.shape)}`);
  const y = ENGINE.reshape($x, shape);
  if ($x !== x) $x.dispose();
  return y;
}
