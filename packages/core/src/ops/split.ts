import { ENGINE } from '../engine.js';
import { ArgumentError, ShapeError } from '../errors.js';
import { formatShape, normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';

function sliceAlong(x: Tensor, axis: number, start: number, length: number): Tensor {
  const begin = x.shape.map((_, i) => (i === axis ? start : 0));
  const size = x.shape.map((d, i) => (i === axis ? length : d));
  return ENGINE.runKernel('slice', { x }, { begin, size });
}

/**
 * Splits `x` along `axis` into `numOrSizeSplits` equal parts (which must divide the dimension),
 * or into parts of the given sizes, one of which may be -1 (the rest).
 */
export function split(x: TensorLike, numOrSizeSplits: number | readonly number[], axis = 0): Tensor[] {
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', 'split');
    if ($x.rank === 0) throw new ShapeError('split: x must have at least one dimension, got a scalar');
    const a = normalizeAxis('split', axis, $x.rank);
    const dim = $x.shape[a];
    let sizes: number[];
    if (typeof numOrSizeSplits === 'number') {
      const n = numOrSizeSplits;
      if (!Number.isInteger(n) || n < 1) throw new ArgumentError(`split: the number of splits must be a positive integer, got ${n}`);
      if (dim % n !== 0) {
        throw new ShapeError(
          `split: axis ${a} of shape ${formatShape($x.shape)} has size ${dim}, which is not divisible into ${n} equal parts`,
        );
      }
      sizes = new Array<number>(n).fill(dim / n);
    } else {
      sizes = [...numOrSizeSplits];
      const unknown = sizes.filter((s) => s === -1).length;
      if (unknown > 1) throw new ArgumentError(`split: at most one size may be -1, got [${sizes}]`);
      if (sizes.some((s) => s !== -1 && (!Number.isInteger(s) || s < 0))) {
        throw new ArgumentError(`split: sizes must be non-negative integers or one -1, got [${sizes}]`);
      }
      const known = sizes.reduce((acc, s) => (s === -1 ? acc : acc + s), 0);
      if (unknown === 1) {
        if (known > dim)
          throw new ShapeError(`split: sizes [${sizes}] add up to more than axis ${a} of shape ${formatShape($x.shape)} (${dim})`);
        sizes[sizes.indexOf(-1)] = dim - known;
      } else if (known !== dim) {
        throw new ShapeError(
          `split: sizes [${sizes}] must add up to ${dim}, the size of axis ${a} of shape ${formatShape($x.shape)}; got ${known}`,
        );
      }
    }
    let start = 0;
    return sizes.map((s) => {
      const part = sliceAlong($x, a, start, s);
      start += s;
      return part;
    });
  });
}

/** The slices of `x` along `axis`, each without that axis. */
export function unstack(x: TensorLike, axis = 0): Tensor[] {
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', 'unstack');
    if ($x.rank === 0) throw new ShapeError('unstack: x must have at least one dimension, got a scalar');
    const a = normalizeAxis('unstack', axis, $x.rank);
    const outShape = $x.shape.filter((_, i) => i !== a);
    return Array.from({ length: $x.shape[a] }, (_, i) => ENGINE.reshape(sliceAlong($x, a, i, 1), outShape));
  });
}
