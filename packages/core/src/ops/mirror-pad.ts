import { ENGINE } from '../engine.js';
import { ArgumentError, ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { concat } from './concat.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { stridedSliceDense, type DenseAxis } from './strided-slice-util.js';

/**
 * Pads each dimension with `paddings[i] = [before, after]` mirrored copies of `x`'s own border,
 * as TensorFlow.js's mirrorPad: 'reflect' leaves the edge element out ([1, 2, 3] padded [0, 2]
 * gives [1, 2, 3, 2, 1]), 'symmetric' repeats it ([1, 2, 3, 3, 2]). Each axis is a concat of two
 * reversed slices around x, so the gradient comes from slice, gather and concat.
 */
export function mirrorPad(x: TensorLike, paddings: readonly (readonly [number, number])[], mode: 'reflect' | 'symmetric'): Tensor {
  if (mode !== 'reflect' && mode !== 'symmetric') {
    throw new ArgumentError(`mirrorPad: mode must be 'reflect' or 'symmetric', got ${JSON.stringify(mode)}`);
  }
  const $x = convertToTensor(x, 'x', 'mirrorPad');
  try {
    if ($x.rank === 0) throw new ShapeError('mirrorPad: x must have at least one dimension, got a scalar');
    if (!Array.isArray(paddings) || paddings.length !== $x.rank) {
      throw new ArgumentError(
        `mirrorPad: paddings must have one [before, after] pair per dimension of ${formatShape($x.shape)} (${$x.rank}), got ${JSON.stringify(paddings)}`,
      );
    }
    const offset = mode === 'reflect' ? 1 : 0;
    paddings.forEach((p, i) => {
      if (!Array.isArray(p) || p.length !== 2 || !p.every((v) => Number.isInteger(v) && v >= 0)) {
        throw new ArgumentError(`mirrorPad: each padding must be a pair of non-negative integers, got ${JSON.stringify(paddings)}`);
      }
      const most = $x.shape[i] - offset;
      if (p[0] > most || p[1] > most) {
        throw new ShapeError(
          `mirrorPad: paddings [${p.join(', ')}] on axis ${i} of ${formatShape($x.shape)} exceed ${most}, the most '${mode}' mode allows there (size${offset ? ' - 1' : ''})`,
        );
      }
    });
    return ENGINE.tidy(() => {
      let y = $x;
      paddings.forEach(([before, after], i) => {
        if (before === 0 && after === 0) return;
        const d = y.shape[i];
        const whole = y.shape.map((n): DenseAxis => ({ begin: 0, size: n, stride: 1 }));
        const reversed = (begin: number, size: number): Tensor =>
          stridedSliceDense(
            y,
            whole.map((a, j) => (j === i ? { begin, size, stride: -1 } : a)),
          );
        const parts: Tensor[] = [];
        if (before > 0) parts.push(reversed(before - 1 + offset, before));
        parts.push(y);
        if (after > 0) parts.push(reversed(d - 1 - offset, after));
        y = concat(parts, i);
      });
      return y === $x ? ENGINE.reshape($x, $x.shape) : y;
    });
  } finally {
    if ($x !== x) $x.dispose();
  }
}
