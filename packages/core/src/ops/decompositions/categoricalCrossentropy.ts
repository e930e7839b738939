import { ENGINE } from '../../engine.js';
import type { Decomposition } from '../../kernels/op-inputs.js';
import { mul } from '../binary.js';
import { clippedProbabilities } from '../categoricalCrossentropy.js';
import { sum } from '../reduce.js';
import { log, neg } from '../unary.js';

/** The kernels the fused one replaces: normalise, clip, log, weight by yTrue, sum, negate. */
export const categoricalCrossentropy: Decomposition<'categoricalCrossentropy'> = ({ yTrue, yPred }, { epsilon }) =>
  ENGINE.tidy(() => neg(sum(mul(yTrue, log(clippedProbabilities(yPred, epsilon))), -1)));
