// The module's exports: every kernel entry point the TypeScript side dispatches.
export { abiFingerprint, heapBase } from './common';
export { matmul } from './gemm';
export { conv2d, conv2dBackpropInput, conv2dBackpropFilter, packConvFilter, packConvFilterT } from './conv';
export { maxPool, avgPool, maxPoolGrad, avgPoolGrad, fusedAvgPoolGrad } from './pool';
export { unary, binary, addPartials, fill32, activationGrad } from './elementwise';
export { reduce, reduceRows, softmax } from './reduce';
export { adam, sgd } from './optim';
export { tanhS } from './math';
export { conv2dDirect, conv2dBackpropFilterDirect } from './direct';
export { conv2dSingleChannel, conv2dBackpropFilterSingleChannel, padSingleChannelFilter } from './single-channel';
export { conv2dBackpropInputDirect, packInputFilterRows } from './direct-input';
export { padRows } from './pad';
export { poolBiasGrad } from './pool-grad-rows';
export { conv2dWinograd, conv2dBackpropFilterWinograd, packWinogradFilter, winogradFilterOutput } from './winograd';
