import { ENGINE } from '../engine.js';
import { ArgumentError, DTypeError, ShapeError } from '../errors.js';
import { formatShape, normalizeAxis, shapesEqual } from '../shape.js';
import { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { expandDims } from './reshape.js';

function toTensors(op: string, tensors: readonly TensorLike[]): Tensor[] {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new ArgumentError(`${op}: needs a non-empty array of tensors, got ${Array.isArray(tensors) ? '[]' : String(tensors)}`);
  const first = tensors.find((t): t is Tensor => t instanceof Tensor);
  const out = tensors.map((t, i) => convertToTensor(t, `tensors[${i}]`, op, first?.dtype));
  for (let i = 1; i < out.length; i++) {
    if (out[i].dtype !== out[0].dtype) {
      throw new DTypeError(
        `${op}: all tensors must have the same dtype, got ${out[0].dtype} (tensors[0]) and ${out[i].dtype} (tensors[${i}])`,
      );
    }
  }
  return out;
}

/** Joins tensors along an existing axis; all other dimensions must match. */
export function concat(tensors: readonly TensorLike[], axis = 0): Tensor {
  return ENGINE.tidy(() => {
    const $ts = toTensors('concat', tensors);
    const first = $ts[0];
    if (first.rank === 0) throw new ShapeError('concat: cannot concatenate scalars; use stack to make a vector of them');
    const a = normalizeAxis('concat', axis, first.rank);
    $ts.forEach((t, i) => {
      if (t.rank !== first.rank || t.shape.some((d, j) => j !== a && d !== first.shape[j])) {
        throw new ShapeError(
          `concat: shapes must match except on axis ${a}, got ${formatShape(first.shape)} (tensors[0]) and ${formatShape(t.shape)} (tensors[${i}])`,
        );
      }
    });
    if ($ts.length === 1) return ENGINE.reshape(first, first.shape);
    return ENGINE.runKernel('concat', { xs: $ts }, { axis: a });
  });
}

/** Joins tensors of one shape along a new axis. */
export function stack(tensors: readonly TensorLike[], axis = 0): Tensor {
  return ENGINE.tidy(() => {
    const $ts = toTensors('stack', tensors);
    const first = $ts[0];
    const rank = first.rank;
    if (!Number.isInteger(axis) || axis < -rank - 1 || axis > rank) {
      throw new ArgumentError(`stack: axis must be an integer in [${-rank - 1}, ${rank}], got ${axis}`);
    }
    $ts.forEach((t, i) => {
      if (!shapesEqual(t.shape, first.shape)) {
        throw new ShapeError(
          `stack: all tensors must have the same shape, got ${formatShape(first.shape)} (tensors[0]) and ${formatShape(t.shape)} (tensors[${i}])`,
        );
      }
    });
    const at = axis < 0 ? axis + rank + 1 : axis;
    const expanded = $ts.map((t) => expandDims(t, at));
    if (expanded.length === 1) return expanded[0];
    return ENGINE.runKernel('concat', { xs: expanded }, { axis: at });
  });
}
