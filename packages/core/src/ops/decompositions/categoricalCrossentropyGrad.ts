import { ENGINE } from '../../engine.js';
import type { Decomposition } from '../../kernels/op-inputs.js';
import { div, greaterEqual, lessEqual, mul, sub } from '../binary.js';
import { cast } from '../cast.js';
import { sum } from '../reduce.js';
import { expandDims } from '../reshape.js';
import { neg, square } from '../unary.js';
import { clipByValue } from '../where.js';

/**
 * The chain rule through the log, the clip (passing where q is within its bounds, equality
 * included) and the normalisation q = p / s: g = -dy * yTrue / q inside the bounds, else 0;
 * dp = g / s - sum(g * p) / s^2. The clipped q stands in for q in the division (they agree where
 * the mask is 1), so a q of 0 makes no 0 * inf.
 */
export const categoricalCrossentropyGrad: Decomposition<'categoricalCrossentropyGrad'> = ({ dy, yTrue, yPred }, { epsilon }) =>
  ENGINE.tidy(() => {
    const s = sum(yPred, -1, true);
    const q = div(yPred, s);
    const inside = mul(cast(greaterEqual(q, epsilon), 'float32'), cast(lessEqual(q, 1 - epsilon), 'float32'));
    const g = mul(inside, div(mul(neg(expandDims(dy, -1)), yTrue), clipByValue(q, epsilon, 1 - epsilon)));
    return sub(div(g, s), div(sum(mul(g, yPred), -1, true), square(s)));
  });
