/** The gradient of every differentiable kernel, looked up by the engine when it records the tape. */
import type { GradientTable } from './define.js';
import { avgPoolGradGrad } from './avgPoolGrad.grad.js';
import { avgPoolGrad } from './avgPool.grad.js';
import { binaryGrad } from './binary.grad.js';
import { castGrad } from './cast.grad.js';
import { concatGrad } from './concat.grad.js';
import { conv2dBackpropFilterGrad } from './conv2dBackpropFilter.grad.js';
import { conv2dBackpropInputGrad } from './conv2dBackpropInput.grad.js';
import { conv2dGrad } from './conv2d.grad.js';
import { fusedConv2dGrad } from './fusedConv2d.grad.js';
import { fusedMatMulGrad } from './fusedMatMul.grad.js';
import { gatherGrad } from './gather.grad.js';
import { logSoftmaxGrad } from './logSoftmax.grad.js';
import { matMulGrad } from './matMul.grad.js';
import { maxPoolGrad } from './maxPool.grad.js';
import { padGrad } from './pad.grad.js';
import { reduceGrad } from './reduce.grad.js';
import { selectGrad } from './select.grad.js';
import { sliceGrad } from './slice.grad.js';
import { softmaxGrad } from './softmax.grad.js';
import { transposeGrad } from './transpose.grad.js';
import { unaryGrad } from './unary.grad.js';

/**
 * Kernels left out have no gradient: their outputs are never float32 functions of float inputs
 * (comparisons, argMax, oneHot, fill, random), or they are gradients themselves (maxPoolGrad).
 */
export const GRADIENTS: GradientTable = {
  unary: unaryGrad,
  binary: binaryGrad,
  cast: castGrad,
  select: selectGrad,
  reduce: reduceGrad,
  matMul: matMulGrad,
  fusedMatMul: fusedMatMulGrad,
  conv2d: conv2dGrad,
  fusedConv2d: fusedConv2dGrad,
  conv2dBackpropInput: conv2dBackpropInputGrad,
  conv2dBackpropFilter: conv2dBackpropFilterGrad,
  maxPool: maxPoolGrad,
  avgPool: avgPoolGrad,
  avgPoolGrad: avgPoolGradGrad,
  softmax: softmaxGrad,
  logSoftmax: logSoftmaxGrad,
  transpose: transposeGrad,
  slice: sliceGrad,
  concat: concatGrad,
  pad: padGrad,
  gather: gatherGrad,
};
