import { ENGINE } from '../engine.js';
import { ArgumentError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';

/** Permutes the dimensions: output dimension i is input dimension perm[i]; by default reversed. */
export function transpose(x: TensorLike, perm?: readonly number[]): Tensor {
  const $x = convertToTensor(x, 'x', 'transpose');
  const rank = $x.rank;
  const $perm = perm === undefined ? Array.from({ length: rank }, (_, i) => rank - 1 - i) : [...perm];
  const sorted = [...$perm].sort((a, b) => a - b);
  if ($perm.length !== rank || sorted.some((p, i) => p !== i)) {
    throw new ArgumentError(
      `transpose: perm must be a permutation of 0..${rank - 1} for shape ${formatShape($x.shape)}, got [${$perm.join(', ')}]`,
    );
  }
  const y = $perm.every((p, i) => p === i) ? ENGINE.reshape($x, $x.shape) : ENGINE.runKernel('transpose', { x: $x }, { perm: $perm });
  if ($x !== x) $x.dispose();
  return y;
}
