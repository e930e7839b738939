import { ENGINE } from '../engine.js';
import { DTypeError } from '../errors.js';
import { normalizeAxes, reducedShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';
import { cast } from './cast.js';
import { convertToTensor, scalarOf, type TensorLike } from './convert.js';

/** @internal The bool input of `all`/`any`, checked with a message naming `op`. */
export function boolInput(x: TensorLike, op: string): Tensor {
  const $x = convertToTensor(x, 'x', op, x instanceof Tensor ? undefined : 'bool');
  if ($x.dtype !== 'bool') throw new DTypeError(`${op}: x must be bool, got ${$x.dtype}; compare or cast it first, e.g. cast(x, 'bool')`);
  return $x;
}

/**
 * Logical OR over `axis` (all axes when omitted), as `tf.any`. Counted as a sum of 0/1, so an
 * empty reduction gives false and no backend's bool reduction is needed.
 */
export function any(x: TensorLike, axis?: number | readonly number[], keepDims = false): Tensor {
  return ENGINE.tidy(() => anyOf('any', boolInput(x, 'any'), axis, keepDims));
}

/** @internal `any` with errors naming `op` (all calls it too). */
export function anyOf(op: string, x: Tensor, axis: number | readonly number[] | undefined, keepDims: boolean): Tensor {
  const axes = normalizeAxes(op, axis, x.rank);
  const counts = cast(x, 'int32');
  const total = axes.length === 0 ? counts : ENGINE.runKernel('reduce', { x: counts }, { op: 'sum', axes, keepDims });
  const y = binaryOp('greater', total, scalarOf(0, 'int32'));
  return ENGINE.reshape(y, reducedShape(x.shape, axes, keepDims));
}
