export * from './errors.js';
export {
  DTYPES,
  bytesPerElement,
  makeTypedArray,
  upcastType,
  type BackendValues,
  type DType,
  type TypedArrayFor,
} from './dtype.js';
export {
  broadcastShapes,
  broadcastedAxes,
  formatShape,
  normalizeAxes,
  normalizeAxis,
  reducedShape,
  shapesEqual,
  sizeFromShape,
  stridesOf,
  type Shape,
} from './shape.js';
export { Tensor, Variable, type NestedArray } from './tensor.js';
export type { Backend, BackendCapabilities, BackendFactory, BackendMemory } from './backend.js';
export * from './kernels/signatures.js';
export { BINARY_CODES, FUSED_ACTIVATION_CODES, REDUCE_CODES, UNARY_CODES, type SubOpCodes } from './kernels/sub-op-codes.js';
export { kernelSpecs, convOutSize, conv2dOutShape, pool2dOutShape } from './kernels/specs.js';
export { KERNEL_NAMES, REQUIRED_KERNELS } from './kernels/names.js';
export type { OpInputs, TensorKernel, InPlaceKernel } from './kernels/op-inputs.js';
export { hash32, randomBits, uniformAt, normalAt } from './random.js';
export type { BackendStatus, MemoryInfo } from './engine.js';
export * from './globals.js';
export { grad, grads, valueAndGrad, valueAndGrads, variableGrads, variableGradPairs } from './autodiff/gradients.js';
export { customGrad, type CustomGradientResult, type GradSaveFunc } from './autodiff/custom-grad.js';
export { compileStep, everyStep, type CompiledStep, type CompiledStepStatus, type CompileStepOptions } from './compiled/compile-step.js';
export type { Plan, PlanNode, KernelNode, SlotSource } from './compiled/plan.js';
export { time, profile, type TimingInfo, type TimingError, type KernelInfo, type ProfileInfo } from './profile.js';
export * from './ops/index.js';
export { TENSOR_METHOD_NAMES, type TensorMethods } from './tensor-methods.js';
import { installTensorMethods } from './tensor-methods.js';
installTensorMethods();
export type * from './model-artifacts.js';
export * as backendUtil from './backend-util/index.js';
