import { ENGINE } from '../../engine.js';
import type { Decomposition } from '../../kernels/op-inputs.js';
import { div, greaterEqual, lessEqual, logicalAnd, mul, sub } from '../binary.js';
import { zerosLike } from '../fill.js';
import { sum } from '../reduce.js';
import { expandDims } from '../reshape.js';
import { neg, square } from '../unary.js';
import { where } from '../where.js';

/**
 * The chain rule through the log, the clip (passing where q is within its bounds, equality
 * included) and the normalisation q = p / s: g = -dy * yTrue / q inside the bounds, else 0;
 * dp = g / s - sum(g * p) / s^2.
 */
export const categoricalCrossentropyGrad: Decomposition<'categoricalCrossentropyGrad'> = ({ dy, yTrue, yPred }, { epsilon }) =>
  ENGINE.tidy(() => {
    const s = sum(yPred, -1, true);
    const q = div(yPred, s);
    const inside = logicalAnd(greaterEqual(q, epsilon), lessEqual(q, 1 - epsilon));
    const g = where(inside, div(mul(neg(expandDims(dy, -1)), yTrue), q), zerosLike(q));
    return sub(div(g, s), div(sum(mul(g, yPred), -1, true), square(s)));
  });
