import { ENGINE } from '../../engine.js';
import type { Decomposition } from '../../kernels/op-inputs.js';
import { div, mul } from '../binary.js';
import { sum } from '../reduce.js';
import { log, neg } from '../unary.js';
import { clipByValue } from '../where.js';

/** The kernels the fused one replaces: normalise, clip, log, weight by yTrue, sum, negate. */
export const categoricalCrossentropy: Decomposition<'categoricalCrossentropy'> = ({ yTrue, yPred }, { epsilon }) =>
  ENGINE.tidy(() => neg(sum(mul(yTrue, log(clipByValue(div(yPred, sum(yPred, -1, true)), epsilon, 1 - epsilon))), -1)));
