import { ENGINE } from '../engine.js';
import { ArgumentError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';

/** Pads each dimension with `paddings[i] = [before, after]` elements of `constantValue`. */
export function pad(x: TensorLike, paddings: readonly (readonly [number, number])[], constantValue = 0): Tensor {
  const $x = convertToTensor(x, 'x', 'pad');
  if (!Array.isArray(paddings) || paddings.length !== $x.rank) {
    throw new ArgumentError(
      `pad: paddings must have one [before, after] pair per dimension of ${formatShape($x.shape)} (${$x.rank}), got ${JSON.stringify(paddings)}`,
    );
  }
  const $paddings = paddings.map((p): [number, number] => {
    if (!Array.isArray(p) || p.length !== 2 || !p.every((v) => Number.isInteger(v) && v >= 0)) {
      throw new ArgumentError(`pad: each padding must be a pair of non-negative integers, got ${JSON.stringify(paddings)}`);
    }
    return [p[0], p[1]];
  });
  if (typeof constantValue !== 'number' && typeof constantValue !== 'boolean') {
    throw new ArgumentError(`pad: constantValue must be a number, got ${typeof constantValue}`);
  }
  const y = ENGINE.runKernel('pad', { x: $x }, { paddings: $paddings, constantValue: Number(constantValue) });
  if ($x !== x) $x.dispose();
  return y;
}
