import { ENGINE } from '../engine.js';
import { DTypeError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';
import { cast } from './cast.js';
import { convertToTensor, scalarOf, type TensorLike } from './convert.js';
import { exp, neg, reciprocal } from './unary.js';
import { where } from './where.js';

// Abramowitz & Stegun 7.1.26, the approximation TF.js's own erf kernels use: |error| <= 1.5e-7.
const P = 0.3275911;
const A = [0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429] as const;

/**
 * The Gauss error function, elementwise (`tf.erf`); int32 is cast to float32 first. For v = |x|,
 * erf(v) = 1 - t (a1 + t (a2 + ... + t a5)) e^(-v^2), t = 1 / (1 + p v), and erf(-x) = -erf(x).
 * Absolute error <= 1.5e-7 in float64, a few 1e-7 in float32. |x| is taken with where rather
 * than abs so the gradient at 0 is the slope of erf (2/sqrt(pi)), not 0; the gradient is that
 * of the approximation (within ~1e-6 of 2/sqrt(pi) e^(-x^2)).
 */
export function erf(x: TensorLike): Tensor {
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', 'erf');
    if ($x.dtype === 'bool') throw new DTypeError("erf: x must be float32 or int32, got bool; cast it first with cast(x, 'float32')");
    const xf = $x.dtype === 'int32' ? cast($x, 'float32') : $x;
    const negative = binaryOp('less', xf, scalarOf(0, 'float32'));
    const v = where(negative, neg(xf), xf);
    const t = reciprocal(binaryOp('add', binaryOp('mul', v, scalarOf(P, 'float32')), scalarOf(1, 'float32')));
    let poly = scalarOf(A[4], 'float32');
    for (let i = 3; i >= 0; i--) poly = binaryOp('add', binaryOp('mul', poly, t), scalarOf(A[i], 'float32'));
    const tail = binaryOp('mul', binaryOp('mul', poly, t), exp(neg(binaryOp('mul', v, v))));
    const y = binaryOp('sub', scalarOf(1, 'float32'), tail);
    return where(negative, neg(y), y);
  });
}
