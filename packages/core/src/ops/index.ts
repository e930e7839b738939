/** The public ops of @tensile/core. */
export { convertToTensor, type TensorLike, type TypedArray } from './convert.js';
// creation
export { tensor, scalar, tensor1d, tensor2d, tensor3d, tensor4d } from './creation.js';
export { fill, zeros, ones, zerosLike, onesLike } from './fill.js';
export { range } from './range.js';
export { oneHot } from './oneHot.js';
export { variable } from './variable.js';
export { randomUniform, randomNormal, truncatedNormal, setRandomSeed } from './random.js';
// elementwise
export {
  add,
  sub,
  mul,
  div,
  floorDiv,
  mod,
  pow,
  minimum,
  maximum,
  squaredDifference,
  equal,
  notEqual,
  less,
  lessEqual,
  greater,
  greaterEqual,
  logicalAnd,
  logicalOr,
} from './binary.js';
export {
  neg,
  abs,
  exp,
  expm1,
  log,
  log1p,
  sqrt,
  rsqrt,
  square,
  reciprocal,
  tanh,
  sigmoid,
  sin,
  cos,
  sign,
  floor,
  ceil,
  round,
  logicalNot,
} from './unary.js';
export { relu, relu6, elu, selu, leakyRelu, softplus, gelu } from './activations.js';
export { where, clipByValue } from './where.js';
export { categoricalCrossentropy } from './categoricalCrossentropy.js';
export { cast } from './cast.js';
export { broadcastTo } from './broadcast-to.js';
// reductions
export { sum, mean, max, min, prod, argMax, argMin } from './reduce.js';
export { logSumExp } from './log-sum-exp.js';
export { moments } from './moments.js';
export { norm, type NormOrd } from './norm.js';
// linear algebra, convolution, pooling, softmax
export { matMul, dot } from './matMul.js';
export { conv2d } from './conv2d.js';
export { conv2dTranspose } from './conv2d-transpose.js';
export { conv1d, type Conv1dDataFormat, type Conv1dPadding } from './conv1d.js';
export { depthwiseConv2d } from './depthwise-conv2d.js';
export { separableConv2d } from './separable-conv2d.js';
export { maxPool, avgPool } from './pool.js';
export type { PaddingSpec, ExplicitPadding, DataFormat } from './conv-util.js';
export { softmax, logSoftmax } from './softmax.js';
// layout
export { reshape, expandDims, squeeze } from './reshape.js';
export { transpose } from './transpose.js';
export { slice } from './slice.js';
export { concat, stack } from './concat.js';
export { split, unstack } from './split.js';
export { pad } from './pad.js';
export { gather } from './gather.js';
// composed layout and indexing ops (TensorFlow.js names)
export { tile } from './tile.js';
export { reverse } from './reverse.js';
export { stridedSlice } from './strided-slice.js';
export { mirrorPad } from './mirror-pad.js';
export { gatherND } from './gather-nd.js';
export { scatterND } from './scatter-nd.js';
export { eye } from './eye.js';
export { linspace } from './linspace.js';
export { outerProduct } from './outer-product.js';
export { einsum } from './einsum.js';
export { clone } from './clone.js';
export { print } from './print.js';
// image ops (composed; no kernels of their own)
export * as image from './image/index.js';
// fused ops and in-place optimizer updates
export * as fused from './fused/index.js';
export type { FusedMatMulConfig, FusedConv2dConfig } from './fused/index.js';
export { applySgd, type ApplySgdOptions } from './applySgd.js';
export { applyAdam, type ApplyAdamOptions } from './applyAdam.js';
// predicates, special functions, scans, selection (composed; issue 15)
export { isNaN } from './is-nan.js';
export { isFinite } from './is-finite.js';
export { isInf } from './is-inf.js';
export { all } from './all.js';
export { any } from './any.js';
export { erf } from './erf.js';
export { atan2 } from './atan2.js';
export { cumsum } from './cumsum.js';
export { cumprod } from './cumprod.js';
export { dropout } from './dropout.js';
export { topk } from './topk.js';
export { unique, uniqueAsync } from './unique.js';
