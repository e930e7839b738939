import { defineGradient } from './define.js';
import { ENGINE } from '../engine.js';
import { mul } from '../ops/binary.js';
import { clippedProbabilities } from '../ops/categoricalCrossentropy.js';
import { expandDims } from '../ops/reshape.js';
import { scoped } from '../ops/scoped.js';
import { log, neg } from '../ops/unary.js';

/** yPred: the fused gradient kernel. yTrue (soft targets being learned): -dy * log(clip(p)). */
export const categoricalCrossentropyGradient = defineGradient(
  'categoricalCrossentropy',
  ['categoricalCrossentropyGrad', 'binary', 'reduce', 'unary'],
  (dy, { yTrue, yPred }, { epsilon }) => ({
    yPred: () => ENGINE.runKernel('categoricalCrossentropyGrad', { dy, yTrue, yPred }, { epsilon }),
    yTrue: scoped(() => mul(neg(expandDims(dy, -1)), log(clippedProbabilities(yPred, epsilon)))),
  }),
);
