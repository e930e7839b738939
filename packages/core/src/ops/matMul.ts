import { ENGINE } from '../engine.js';
import { DTypeError, ShapeError } from '../errors.js';
import { formatShape, shapesEqual, sizeFromShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { broadcastTo } from './broadcast-to.js';
import { convertPair, type TensorLike } from './convert.js';

/** @internal Operands of a (fused) matMul in the kernel's rank-3 form, and the shape to return. */
export interface BatchedOperands {
  readonly a3: Tensor;
  readonly b3: Tensor;
  readonly outShape: number[];
}

/**
 * @internal Checks ranks and inner dimensions, broadcasts the batch dimensions (NumPy rules) and
 * reshapes both operands to [batch, rows, cols]; an operand whose batch is 1 stays 1 (the kernel
 * broadcasts it). Creates tensors: call inside a tidy.
 */
export function toBatched(op: string, a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): BatchedOperands {
  if (a.rank < 2 || b.rank < 2) {
    const which = a.rank < 2 ? `a ${formatShape(a.shape)}` : `b ${formatShape(b.shape)}`;
    throw new ShapeError(`${op}: a and b must have rank >= 2 ([..., rows, cols]), got ${which}`);
  }
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const m = transposeA ? ac : ar;
  const k = transposeA ? ar : ac;
  const k2 = transposeB ? bc : br;
  const n = transposeB ? br : bc;
  if (k !== k2) {
    throw new ShapeError(
      `${op}: inner dimensions must match, got a ${formatShape(a.shape)}${transposeA ? ' (transposed)' : ''} with ${k} columns and b ${formatShape(b.shape)}${transposeB ? ' (transposed)' : ''} with ${k2} rows`,
    );
  }
  const batchA = a.shape.slice(0, -2);
  const batchB = b.shape.slice(0, -2);
  const rank = Math.max(batchA.length, batchB.length);
  const padA = [...new Array<number>(rank - batchA.length).fill(1), ...batchA];
  const padB = [...new Array<number>(rank - batchB.length).fill(1), ...batchB];
  const batch = padA.map((da, i) => {
    const db = padB[i];
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${op}: batch dimensions of a ${formatShape(a.shape)} and b ${formatShape(b.shape)} cannot be broadcast together`,
      );
    }
    return da === 1 ? db : da;
  });
  const size = sizeFromShape(batch);
  const to3 = (t: Tensor, padded: number[]): Tensor => {
    const [r, c] = t.shape.slice(-2);
    if (sizeFromShape(padded) === 1 && size !== 0) return ENGINE.reshape(t, [1, r, c]);
    const full = shapesEqual(padded, batch) ? t : broadcastTo(t, [...batch, r, c]);
    return ENGINE.reshape(full, [size, r, c]);
  };
  return { a3: to3(a, padA), b3: to3(b, padB), outShape: [...batch, m, n] };
}

/**
 * Matrix product of the last two dimensions; leading (batch) dimensions broadcast as in NumPy.
 * Operands must have rank >= 2 (use `dot` for vectors).
 */
export function matMul(a: TensorLike, b: TensorLike, transposeA = false, transposeB = false): Tensor {
  return ENGINE.tidy(() => {
    const [$a, $b] = convertPair(a, b, 'matMul');
    if ($a.dtype === 'bool') throw new DTypeError('matMul: a and b must be float32 or int32, got bool');
    const { a3, b3, outShape } = toBatched('matMul', $a, $b, transposeA, transposeB);
    const y = ENGINE.runKernel('matMul', { a: a3, b: b3 }, { transposeA, transposeB });
    return ENGINE.reshape(y, outShape);
  });
}

/** Dot product of vectors and matrices (rank 1 or 2): vector·vector is a scalar. */
export function dot(t1: TensorLike, t2: TensorLike): Tensor {
  return ENGINE.tidy(() => {
    const [a, b] = convertPair(t1, t2, 'dot', ['t1', 't2']);
    if (a.rank < 1 || a.rank > 2 || b.rank < 1 || b.rank > 2) {
      throw new ShapeError(`dot: t1 and t2 must have rank 1 or 2, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
    }
    const k1 = a.shape[a.rank - 1];
    const k2 = b.shape[0];
    if (k1 !== k2) throw new ShapeError(`dot: inner dimensions must match, got t1 ${formatShape(a.shape)} and t2 ${formatShape(b.shape)}`);
    const a2 = a.rank === 1 ? ENGINE.reshape(a, [1, k1]) : a;
    const b2 = b.rank === 1 ? ENGINE.reshape(b, [k2, 1]) : b;
    const y = matMul(a2, b2);
    const shape = [...(a.rank === 2 ? [a.shape[0]] : []), ...(b.rank === 2 ? [b.shape[1]] : [])];
    return ENGINE.reshape(y, shape);
  });
}
