import { ENGINE } from '../engine.js';
import { ArgumentError, DTypeError } from '../errors.js';
import { normalizeAxes, normalizeAxis, reducedShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';
import { cast } from './cast.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { max, min, sum } from './reduce.js';
import { abs, sqrt, square } from './unary.js';

export type NormOrd = number | 'euclidean' | 'fro';

/**
 * Vector or matrix norm, as `tf.norm`. With no axis the tensor is treated as one vector; with
 * one axis vector norms (ord 1, 2 / 'euclidean', Infinity, -Infinity, or any p > 0); with two
 * axes matrix norms (ord 1, Infinity, -Infinity, 'fro' / 'euclidean').
 */
export function norm(x: TensorLike, ord: NormOrd = 'euclidean', axis?: number | readonly number[], keepDims = false): Tensor {
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', 'norm');
    if ($x.dtype === 'bool') throw new DTypeError('norm: x must be float32 or int32, got bool');
    const xf = $x.dtype === 'float32' ? $x : cast($x, 'float32');
    const axes = normalizeAxes('norm', axis, $x.rank);
    const isMatrix = Array.isArray(axis) && axis.length === 2;
    if (Array.isArray(axis) && axis.length > 2) throw new ArgumentError(`norm: axis must have at most 2 entries, got [${axis}]`);
    let result: Tensor;
    if (isMatrix) {
      const pairAxes = axis.map((a) => normalizeAxis('norm', a, $x.rank));
      if (pairAxes[0] === pairAxes[1]) throw new ArgumentError(`norm: the two matrix axes must differ, got [${axis}]`);
      result = matrixNorm(xf, ord, pairAxes);
    } else {
      result = vectorNorm(xf, ord, axes);
    }
    return keepDims ? result : ENGINE.reshape(result, reducedShape($x.shape, axes, false));
  });
}

/** Reductions here keep dims, so axes stay valid for a second reduction. */
function vectorNorm(x: Tensor, ord: NormOrd, axes: number[]): Tensor {
  if (ord === 'euclidean' || ord === 'fro' || ord === 2) return sqrt(sum(square(x), axes, true));
  if (ord === 1) return sum(abs(x), axes, true);
  if (ord === Infinity) return max(abs(x), axes, true);
  if (ord === -Infinity) return min(abs(x), axes, true);
  if (typeof ord === 'number' && ord > 0) {
    return binaryOp('pow', sum(binaryOp('pow', abs(x), ord), axes, true), 1 / ord);
  }
  throw new ArgumentError(`norm: vector ord must be 'euclidean', 'fro', Infinity, -Infinity or a number > 0, got ${String(ord)}`);
}

function matrixNorm(x: Tensor, ord: NormOrd, axes: readonly number[]): Tensor {
  const [rows, cols] = axes;
  if (ord === 'euclidean' || ord === 'fro') return sqrt(sum(square(x), axes, true));
  if (ord === 1) return max(sum(abs(x), rows, true), cols, true);
  if (ord === Infinity) return max(sum(abs(x), cols, true), rows, true);
  if (ord === -Infinity) return min(sum(abs(x), cols, true), rows, true);
  if (ord === -1) return min(sum(abs(x), rows, true), cols, true);
  throw new ArgumentError(`norm: matrix ord must be 'euclidean', 'fro', 1, -1, Infinity or -Infinity, got ${String(ord)}`);
}
