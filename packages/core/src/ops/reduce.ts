/** Reductions over axes: each runs the `reduce` kernel. */
import { ENGINE } from '../engine.js';
import { DTypeError, ShapeError } from '../errors.js';
import type { ReduceOp } from '../kernels/signatures.js';
import { formatShape, normalizeAxes, normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { convertToTensor, type TensorLike } from './convert.js';

type Axis = number | readonly number[];

function reduceOp(op: 'sum' | 'mean' | 'max' | 'min' | 'prod', x: TensorLike, axis: Axis | undefined, keepDims: boolean): Tensor {
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', op);
    const axes = normalizeAxes(op, axis, $x.rank);
    if ($x.dtype === 'bool' && (op === 'max' || op === 'min')) {
      throw new DTypeError(`${op}: x must be float32 or int32, got bool; cast it first with cast(x, 'int32')`);
    }
    for (const a of axes) {
      if ($x.shape[a] === 0 && (op === 'max' || op === 'min')) {
        throw new ShapeError(`${op}: cannot reduce the empty axis ${a} of shape ${formatShape($x.shape)}`);
      }
    }
    // Booleans count as 0/1 (TensorFlow.js sums bool as int32).
    const input = $x.dtype === 'bool' ? cast($x, 'int32') : $x;
    if (axes.length === 0) return op === 'mean' ? cast(input, 'float32') : ENGINE.reshape(input, input.shape);
    return ENGINE.runKernel('reduce', { x: input }, { op, axes, keepDims });
  });
}

/** Sum over `axis` (all axes when omitted); bool counts as int32. */
export function sum(x: TensorLike, axis?: Axis, keepDims = false): Tensor {
  return reduceOp('sum', x, axis, keepDims);
}

/** Mean over `axis` (all axes when omitted); always float32. */
export function mean(x: TensorLike, axis?: Axis, keepDims = false): Tensor {
  return reduceOp('mean', x, axis, keepDims);
}

export function max(x: TensorLike, axis?: Axis, keepDims = false): Tensor {
  return reduceOp('max', x, axis, keepDims);
}

export function min(x: TensorLike, axis?: Axis, keepDims = false): Tensor {
  return reduceOp('min', x, axis, keepDims);
}

/** Product over `axis` (all axes when omitted). */
export function prod(x: TensorLike, axis?: Axis, keepDims = false): Tensor {
  return reduceOp('prod', x, axis, keepDims);
}

function argOp(op: Extract<ReduceOp, 'argMax' | 'argMin'>, x: TensorLike, axis: number): Tensor {
  const $x = convertToTensor(x, 'x', op);
  if ($x.rank === 0) throw new ShapeError(`${op}: x must have at least one dimension, got a scalar`);
  const a = normalizeAxis(op, axis, $x.rank);
  if ($x.shape[a] === 0) throw new ShapeError(`${op}: cannot reduce the empty axis ${a} of shape ${formatShape($x.shape)}`);
  const y = ENGINE.runKernel('reduce', { x: $x }, { op, axes: [a], keepDims: false });
  if ($x !== x) $x.dispose();
  return y;
}

/** Index (int32) of the largest value along `axis`; the first one on ties. */
export function argMax(x: TensorLike, axis = 0): Tensor {
  return argOp('argMax', x, axis);
}

/** Index (int32) of the smallest value along `axis`; the first one on ties. */
export function argMin(x: TensorLike, axis = 0): Tensor {
  return argOp('argMin', x, axis);
}
