import { ENGINE } from '../engine.js';
import { DTypeError } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';
import { cast } from './cast.js';
import { convertPair, scalarOf, type TensorLike } from './convert.js';
import { neg } from './unary.js';
import { where } from './where.js';

const TAN_PI_8 = 0.41421356237309503;
// Cephes atanf on [-tan(pi/8), tan(pi/8)]: relative error ~2e-7.
const C = [-3.33329491539e-1, 1.99777106478e-1, -1.38776856032e-1, 8.05374449538e-2] as const;

/**
 * The angle of the point (b, a) in radians, in [-pi, pi], elementwise with broadcasting
 * (`tf.atan2(a, b)`); int32 is cast to float32. There is no atan kernel, so it is composed:
 * t = min(|a|, |b|) / max(|a|, |b|) in [0, 1], reduced once more to [-tan(pi/8), tan(pi/8)]
 * by atan(t) = pi/4 + atan((t - 1) / (t + 1)), an odd polynomial there, then mapped to the
 * octant and quadrant with where. Absolute error about 3e-7 in float32 (the conformance case
 * allows 1e-6). Unlike Math.atan2, a zero's sign is not seen: atan2(±0, -0) is 0 rather than ±pi,
 * and atan2(-0, x < 0) is pi. atan2(±Inf, ±Inf) gives the odd multiples of pi/4, NaN gives NaN.
 * Gradients are those of the composition (the true b / (a^2 + b^2) and -a / (a^2 + b^2) within
 * ~1e-6); |a| and |b| are taken with where, not abs, so they hold on the axes too.
 */
export function atan2(a: TensorLike, b: TensorLike): Tensor {
  return ENGINE.tidy(() => {
    const [$a0, $b0] = convertPair(a, b, 'atan2');
    if ($a0.dtype === 'bool')
      throw new DTypeError("atan2: a and b must be float32 or int32, got bool; cast them first with cast(x, 'float32')");
    broadcastShapes('atan2', $a0.shape, $b0.shape);
    const $a = $a0.dtype === 'int32' ? cast($a0, 'float32') : $a0;
    const $b = $b0.dtype === 'int32' ? cast($b0, 'float32') : $b0;
    const f = (v: number): Tensor => scalarOf(v, 'float32');
    const aNeg = binaryOp('less', $a, f(0));
    const bNeg = binaryOp('less', $b, f(0));
    const ay = where(aNeg, neg($a), $a);
    const ax = where(bNeg, neg($b), $b);
    const mx = binaryOp('maximum', ax, ay);
    const mn = binaryOp('minimum', ax, ay);
    // 0 / 0 at the origin gives 0; Inf / Inf, both infinite, gives 1 (an angle of pi/4).
    const ratio = binaryOp('div', mn, where(binaryOp('equal', mx, f(0)), f(1), mx));
    const t = where(binaryOp('equal', mn, f(Number.POSITIVE_INFINITY)), f(1), ratio);
    const big = binaryOp('greater', t, f(TAN_PI_8));
    const u = where(big, binaryOp('div', binaryOp('sub', t, f(1)), binaryOp('add', t, f(1))), t);
    const z = binaryOp('mul', u, u);
    let poly = f(C[3]);
    for (let i = 2; i >= 0; i--) poly = binaryOp('add', binaryOp('mul', poly, z), f(C[i]));
    const atanU = binaryOp('add', binaryOp('mul', binaryOp('mul', poly, z), u), u);
    const octant = where(big, binaryOp('add', atanU, f(Math.PI / 4)), atanU);
    const swapped = where(binaryOp('greater', ay, ax), binaryOp('sub', f(Math.PI / 2), octant), octant);
    const quadrant = where(bNeg, binaryOp('sub', f(Math.PI), swapped), swapped);
    return where(aNeg, neg(quadrant), quadrant);
  });
}
