import { ENGINE } from '../engine.js';
import { ArgumentError, DTypeError } from '../errors.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';
import { cast } from './cast.js';
import { convertToTensor, type TensorLike } from './convert.js';

/**
 * @internal The scan behind cumsum and cumprod, composed of slice, pad and one binary op:
 * Hillis-Steele, so ceil(log2 n) steps, each combining every element with the one `s` before it
 * (after it when reversed; the gap is filled with the op's identity). Exclusive shifts the
 * inclusive result by one. Gradients come from autodiff through slice, pad, add and mul.
 */
export function cumScan(op: 'cumsum' | 'cumprod', x: TensorLike, axis: number, exclusive: boolean, reverse: boolean): Tensor {
  for (const [name, v] of [
    ['exclusive', exclusive],
    ['reverse', reverse],
  ] as const) {
    if (typeof v !== 'boolean') throw new ArgumentError(`${op}: ${name} must be a boolean, got ${String(v)}`);
  }
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', op);
    if ($x.rank === 0) throw new ArgumentError(`${op}: x must have at least one dimension, got a scalar`);
    if (!Number.isInteger(axis)) throw new ArgumentError(`${op}: axis must be an integer, got ${String(axis)}`);
    const ax = normalizeAxis(op, axis, $x.rank);
    // As TF.js: bool counts as int32.
    const input = $x.dtype === 'bool' ? cast($x, 'int32') : $x;
    if (input.dtype !== 'float32' && input.dtype !== 'int32')
      throw new DTypeError(`${op}: x must be float32, int32 or bool, got ${input.dtype}`);
    const n = input.shape[ax];
    const combine = op === 'cumsum' ? 'add' : 'mul';
    const identity = op === 'cumsum' ? 0 : 1;
    const shift = (t: Tensor, s: number): Tensor => {
      const begin = t.shape.map(() => 0);
      const size = [...t.shape];
      size[ax] = n - s;
      if (reverse) begin[ax] = s;
      const kept = ENGINE.runKernel('slice', { x: t }, { begin, size });
      const paddings = t.shape.map((): [number, number] => [0, 0]);
      paddings[ax] = reverse ? [0, s] : [s, 0];
      return ENGINE.runKernel('pad', { x: kept }, { paddings, constantValue: identity });
    };
    let y = ENGINE.reshape(input, input.shape);
    for (let s = 1; s < n; s *= 2) y = binaryOp(combine, y, shift(y, s));
    return exclusive && n > 0 ? shift(y, 1) : y;
  });
}
