/**
 * The gradient of every kernel, or why it has none: the engine looks it up when it records the
 * tape. The table's type names every kernel, so a new kernel does not compile until it says which.
 */
import type { GradientTable } from './define.js';
import { avgPoolGradGradient } from './avgPoolGrad.grad.js';
import { avgPoolGradient } from './avgPool.grad.js';
import { binaryGradient } from './binary.grad.js';
import { categoricalCrossentropyGradient } from './categoricalCrossentropy.grad.js';
import { castGradient } from './cast.grad.js';
import { concatGradient } from './concat.grad.js';
import { conv2dBackpropFilterGradient } from './conv2dBackpropFilter.grad.js';
import { conv2dBackpropInputGradient } from './conv2dBackpropInput.grad.js';
import { conv2dGradient } from './conv2d.grad.js';
import { fusedConv2dGradient } from './fusedConv2d.grad.js';
import { fusedMatMulGradient } from './fusedMatMul.grad.js';
import { gatherGradient } from './gather.grad.js';
import { logSoftmaxGradient } from './logSoftmax.grad.js';
import { matMulGradient } from './matMul.grad.js';
import { maxPoolGradient } from './maxPool.grad.js';
import { padGradient } from './pad.grad.js';
import { reduceGradient } from './reduce.grad.js';
import { selectGradient } from './select.grad.js';
import { sliceGradient } from './slice.grad.js';
import { softmaxGradient } from './softmax.grad.js';
import { transposeGradient } from './transpose.grad.js';
import { unaryGradient } from './unary.grad.js';

export type { GradientSpec, GradientTable, NoGradient } from './define.js';

const NO_INPUTS = 'its output depends on no tensor (it has no inputs)';
const IN_PLACE = 'an in-place optimizer update: it makes no tensor, so the tape never records it';

export const GRADIENTS: GradientTable = {
  unary: unaryGradient,
  binary: binaryGradient,
  cast: castGradient,
  select: selectGradient,
  fill: { none: NO_INPUTS },
  reduce: reduceGradient,
  matMul: matMulGradient,
  fusedMatMul: fusedMatMulGradient,
  conv2d: conv2dGradient,
  fusedConv2d: fusedConv2dGradient,
  conv2dBackpropInput: conv2dBackpropInputGradient,
  conv2dBackpropFilter: conv2dBackpropFilterGradient,
  activationGrad: { none: "second-order derivatives through fused activations are not supported (the fused kernels' gradients call it)" },
  fusedAvgPoolGrad: { none: 'only compiled steps call it, in place of avgPoolGrad and activationGrad, after the tape has run' },
  fusedPoolConv2dBackpropFilter: {
    none: 'only compiled steps call it, in place of fusedAvgPoolGrad and the filter gradient, after the tape has run',
  },
  fusedPoolBiasGrad: { none: 'only compiled steps call it, in place of fusedAvgPoolGrad and the bias gradient, after the tape has run' },
  categoricalCrossentropy: categoricalCrossentropyGradient,
  categoricalCrossentropyGrad: { none: 'second-order derivatives through the crossentropy are not supported (its gradient calls it)' },
  maxPool: maxPoolGradient,
  avgPool: avgPoolGradient,
  maxPoolGrad: {
    none: "second-order derivatives through max pooling are not supported: its gradient in dy would pick each window's winner from x, which no kernel does",
  },
  avgPoolGrad: avgPoolGradGradient,
  softmax: softmaxGradient,
  logSoftmax: logSoftmaxGradient,
  transpose: transposeGradient,
  slice: sliceGradient,
  concat: concatGradient,
  pad: padGradient,
  gather: gatherGradient,
  oneHot: { none: 'its only input is int32 indices, and its output is piecewise constant' },
  randomUniform: { none: NO_INPUTS },
  randomNormal: { none: NO_INPUTS },
  applySgd: { none: IN_PLACE },
  applyAdam: { none: IN_PLACE },
};
