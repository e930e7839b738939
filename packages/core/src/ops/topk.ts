import { ENGINE } from '../engine.js';
import { ArgumentError, DTypeError, ShapeError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';
import { cast } from './cast.js';
import { convertToTensor, scalarOf, type TensorLike } from './convert.js';
import { range } from './range.js';
import { logicalNot } from './unary.js';
import { where } from './where.js';

/**
 * The `k` largest entries along the last axis and their indices (int32), largest first
 * (`tf.topk`); equal values come lower index first, as TF.js. Composed as k rounds of max and
 * argMax over the entries not yet taken, so it costs k passes over x: meant for small k.
 * `sorted: false` gives the same (sorted) order, which TF.js allows. NaN entries give an
 * unspecified order. Gradients flow to the chosen entries (through max), where they are
 * distinct.
 */
export function topk(x: TensorLike, k = 1, sorted = true): { values: Tensor; indices: Tensor } {
  if (typeof sorted !== 'boolean') throw new ArgumentError(`topk: sorted must be a boolean, got ${String(sorted)}`);
  const [values, indices] = ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', 'topk');
    if ($x.dtype === 'bool') throw new DTypeError("topk: x must be float32 or int32, got bool; cast it first with cast(x, 'int32')");
    if ($x.rank === 0) throw new ShapeError('topk: x must have at least one dimension, got a scalar');
    const n = $x.shape[$x.rank - 1];
    if (!Number.isInteger(k) || k < 0 || k > n) {
      throw new ArgumentError(`topk: k must be an integer in [0, ${n}] (the size of the last axis), got ${String(k)}`);
    }
    const outShape = [...$x.shape.slice(0, -1), k];
    if (k === 0) {
      return [
        ENGINE.runKernel('fill', {}, { shape: outShape, value: 0, dtype: $x.dtype }),
        ENGINE.runKernel('fill', {}, { shape: outShape, value: 0, dtype: 'int32' }),
      ];
    }
    const rows = $x.size / n;
    const x2 = ENGINE.reshape($x, [rows, n]);
    // Taken entries become the lowest value; once only lowest values are left, the first entry
    // not yet taken is the next one (argMax alone could pick a taken entry again).
    const lowest = scalarOf($x.dtype === 'float32' ? Number.NEGATIVE_INFINITY : -2147483648, $x.dtype);
    const positions = ENGINE.reshape(range(0, n, 1, 'int32'), [1, n]);
    let taken = ENGINE.runKernel('fill', {}, { shape: [rows, n], value: 0, dtype: 'bool' });
    const vals: Tensor[] = [];
    const idxs: Tensor[] = [];
    for (let j = 0; j < k; j++) {
      const masked = where(taken, lowest, x2);
      const m = ENGINE.runKernel('reduce', { x: masked }, { op: 'max', axes: [1], keepDims: true });
      const best = ENGINE.runKernel('reduce', { x: masked }, { op: 'argMax', axes: [1], keepDims: false });
      const free = ENGINE.runKernel('reduce', { x: cast(logicalNot(taken), 'int32') }, { op: 'argMax', axes: [1], keepDims: false });
      const idx = ENGINE.reshape(where(ENGINE.reshape(binaryOp('equal', m, lowest), [rows]), free, best), [rows, 1]);
      taken = binaryOp('logicalOr', taken, binaryOp('equal', positions, idx));
      vals.push(m);
      idxs.push(idx);
    }
    const join = (ts: Tensor[]): Tensor => (ts.length === 1 ? ts[0] : ENGINE.runKernel('concat', { xs: ts }, { axis: 1 }));
    return [ENGINE.reshape(join(vals), outShape), ENGINE.reshape(join(idxs), outShape)];
  });
  return { values, indices };
}
