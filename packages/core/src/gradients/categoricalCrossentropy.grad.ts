import { defineGradient } from './define.js';
import { ENGINE } from '../engine.js';
import { div, mul } from '../ops/binary.js';
import { sum } from '../ops/reduce.js';
import { expandDims } from '../ops/reshape.js';
import { scoped } from '../ops/scoped.js';
import { log, neg } from '../ops/unary.js';
import { clipByValue } from '../ops/where.js';

/** yPred: the fused gradient kernel. yTrue (soft targets being learned): -dy * log(clip(p)). */
export const categoricalCrossentropyGradient = defineGradient(
  'categoricalCrossentropy',
  ['categoricalCrossentropyGrad', 'binary', 'reduce', 'unary'],
  (dy, { yTrue, yPred }, { epsilon }) => ({
    yPred: () => ENGINE.runKernel('categoricalCrossentropyGrad', { dy, yTrue, yPred }, { epsilon }),
    yTrue: scoped(() => mul(neg(expandDims(dy, -1)), log(clipByValue(div(yPred, sum(yPred, -1, true)), epsilon, 1 - epsilon)))),
  }),
);
