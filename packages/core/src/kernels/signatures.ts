/**
 * The one table of kernels: name, typed inputs, typed attributes, and output rule.
 *
 * Every backend's kernel table is checked by the compiler against `KernelSignatures`
 * (see `KernelTable` in backend.ts). The runtime half of the contract, `kernelSpecs` in
 * specs.ts, infers each output's shape and dtype and rejects bad arguments before any
 * backend sees the call, so kernels receive valid, normalised arguments only:
 * axes are resolved and sorted, padding is four numbers, broadcast shapes are known.
 */
import type { DType } from '../dtype.js';
import type { Shape } from '../shape.js';

/** A backend's opaque handle to the storage of one tensor. */
export type DataId = object;

/** What a kernel sees of a tensor: its storage plus shape and dtype. Reshape is metadata, so one
 *  `dataId` may be seen under several shapes. */
export interface TensorInfo {
  readonly dataId: DataId;
  readonly shape: Shape;
  readonly dtype: DType;
}

/** Shape and dtype of a kernel's output, inferred by core before the kernel runs. */
export interface OutputInfo {
  readonly shape: Shape;
  readonly dtype: DType;
}

export const UNARY_OPS = [
  'neg',
  'abs',
  'exp',
  'expm1',
  'log',
  'log1p',
  'sqrt',
  'rsqrt',
  'square',
  'reciprocal',
  'tanh',
  'sigmoid',
  'softplus',
  'relu',
  'relu6',
  'elu',
  'selu',
  'leakyRelu',
  'gelu',
  'sign',
  'floor',
  'ceil',
  'round',
  'sin',
  'cos',
  'logicalNot',
] as const;
/** `leakyRelu` reads `alpha`; `round` rounds half to even, as TensorFlow does; `gelu` is the exact
 *  (erf) form, as Keras' default. `logicalNot` takes and returns bool; the rest keep the dtype. */
export type UnaryOp = (typeof UNARY_OPS)[number];
/** Every unary op but logicalNot takes float32. */
export type FloatUnaryOp = Exclude<UnaryOp, 'logicalNot'>;

/** The unary ops that also take int32: the spec admits int32 for these only, and each backend's
 *  int32 table is typed by this list, so it covers exactly them. */
export const INT32_UNARY_OPS = [
  'neg',
  'abs',
  'square',
  'sign',
  'relu',
  'floor',
  'ceil',
  'round',
] as const satisfies readonly FloatUnaryOp[];
export type Int32UnaryOp = (typeof INT32_UNARY_OPS)[number];

export function isInt32UnaryOp(op: UnaryOp): op is Int32UnaryOp {
  const ops: readonly UnaryOp[] = INT32_UNARY_OPS;
  return ops.includes(op);
}

export const BINARY_OPS = [
  'add',
  'sub',
  'mul',
  'div',
  'pow',
  'minimum',
  'maximum',
  'squaredDifference',
  'floorDiv',
  'mod',
  'equal',
  'notEqual',
  'less',
  'lessEqual',
  'greater',
  'greaterEqual',
  'logicalAnd',
  'logicalOr',
] as const;
/** Comparisons and logical ops return bool; the rest keep the (shared) input dtype. On int32,
 *  `div` and `floorDiv` both floor (as TensorFlow.js does) and `mod` takes the divisor's sign. */
export type BinaryOp = (typeof BINARY_OPS)[number];

/** The binary ops that return bool. */
export const COMPARISON_OPS = [
  'equal',
  'notEqual',
  'less',
  'lessEqual',
  'greater',
  'greaterEqual',
  'logicalAnd',
  'logicalOr',
] as const satisfies readonly BinaryOp[];
export type ComparisonOp = (typeof COMPARISON_OPS)[number];
/** The binary ops that keep the operands' dtype. */
export type ArithmeticOp = Exclude<BinaryOp, ComparisonOp>;

export function isComparisonOp(op: BinaryOp): op is ComparisonOp {
  const ops: readonly BinaryOp[] = COMPARISON_OPS;
  return ops.includes(op);
}

export const REDUCE_OPS = ['sum', 'mean', 'max', 'min', 'prod', 'argMax', 'argMin'] as const;
export type ReduceOp = (typeof REDUCE_OPS)[number];

/** Activations a fused kernel may apply; each one's derivative is a function of its output, so
 *  the fused gradient needs no pre-activation tensor. */
export const FUSED_ACTIVATIONS = ['linear', 'relu', 'relu6', 'tanh', 'sigmoid', 'elu'] as const;
export type FusedActivation = (typeof FUSED_ACTIVATIONS)[number];

/** Padding resolved to pixels on each side (TensorFlow's `same` puts the odd pixel bottom/right). */
export interface Pad4 {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/** Convolution attributes. `x` is NHWC, `filter` HWIO [fh, fw, inC, outC]. */
export interface Conv2dAttrs {
  readonly strides: readonly [number, number];
  readonly pad: Pad4;
  readonly dilations: readonly [number, number];
}

/** Pooling attributes; padded positions never win a max and are not counted in an average. */
export interface Pool2dAttrs {
  readonly filterSize: readonly [number, number];
  readonly strides: readonly [number, number];
  readonly pad: Pad4;
}

type Kernel<I, A, O extends OutputInfo | null = OutputInfo> = { inputs: I; attrs: A; output: O };
type NoAttrs = Record<string, never>;

export interface KernelSignatures {
  // elementwise
  unary: Kernel<{ x: TensorInfo }, { op: UnaryOp; alpha: number }>;
  binary: Kernel<{ a: TensorInfo; b: TensorInfo }, { op: BinaryOp }>;
  cast: Kernel<{ x: TensorInfo }, { dtype: DType }>;
  /** `where`: condition (bool), a and b broadcast together. */
  select: Kernel<{ condition: TensorInfo; a: TensorInfo; b: TensorInfo }, NoAttrs>;
  fill: Kernel<NoAttrs, { shape: Shape; value: number; dtype: DType }>;
  // reductions; argMax/argMin take exactly one axis and return int32
  reduce: Kernel<{ x: TensorInfo }, { op: ReduceOp; axes: readonly number[]; keepDims: boolean }>;
  // linear algebra: rank-3 operands [batch, rows, cols]; a batch of 1 broadcasts
  matMul: Kernel<{ a: TensorInfo; b: TensorInfo }, { transposeA: boolean; transposeB: boolean }>;
  // convolution
  conv2d: Kernel<{ x: TensorInfo; filter: TensorInfo }, Conv2dAttrs>;
  conv2dBackpropInput: Kernel<
    { dy: TensorInfo; filter: TensorInfo },
    Conv2dAttrs & { inputShape: readonly [number, number, number, number] }
  >;
  conv2dBackpropFilter: Kernel<{ x: TensorInfo; dy: TensorInfo }, Conv2dAttrs & { filterShape: readonly [number, number, number, number] }>;
  // pooling
  maxPool: Kernel<{ x: TensorInfo }, Pool2dAttrs>;
  avgPool: Kernel<{ x: TensorInfo }, Pool2dAttrs>;
  /** Gradient of maxPool: each dy goes to the first maximum of its window (row-major order). */
  maxPoolGrad: Kernel<{ dy: TensorInfo; x: TensorInfo }, Pool2dAttrs>;
  avgPoolGrad: Kernel<{ dy: TensorInfo; x: TensorInfo }, Pool2dAttrs>;
  // softmax over the last axis
  softmax: Kernel<{ x: TensorInfo }, NoAttrs>;
  logSoftmax: Kernel<{ x: TensorInfo }, NoAttrs>;
  // layout
  transpose: Kernel<{ x: TensorInfo }, { perm: readonly number[] }>;
  slice: Kernel<{ x: TensorInfo }, { begin: readonly number[]; size: readonly number[] }>;
  concat: Kernel<{ xs: readonly TensorInfo[] }, { axis: number }>;
  pad: Kernel<{ x: TensorInfo }, { paddings: readonly (readonly [number, number])[]; constantValue: number }>;
  /** Indices (int32) index `axis` of x; output shape x[:axis] + indices.shape + x[axis+1:]. */
  gather: Kernel<{ x: TensorInfo; indices: TensorInfo }, { axis: number }>;
  /** Out-of-range indices give a row of offValue, as in TensorFlow. */
  oneHot: Kernel<{ indices: TensorInfo }, { depth: number; onValue: number; offValue: number; dtype: DType }>;
  // random, counter-based: element i depends only on (seed, i); see random.ts
  randomUniform: Kernel<NoAttrs, { shape: Shape; minval: number; maxval: number; seed: number; dtype: DType }>;
  randomNormal: Kernel<NoAttrs, { shape: Shape; mean: number; stddev: number; seed: number }>;
  // optional: fused variants
  fusedMatMul: Kernel<
    { a: TensorInfo; b: TensorInfo; bias?: TensorInfo },
    { transposeA: boolean; transposeB: boolean; activation: FusedActivation }
  >;
  fusedConv2d: Kernel<{ x: TensorInfo; filter: TensorInfo; bias?: TensorInfo }, Conv2dAttrs & { activation: FusedActivation }>;
  /**
   * `dy * f'(x)` for a fused activation f, written with its output `y = f(x)` (so the fused
   * kernels' gradients need no pre-activation tensor). Output: dy's shape, float32. It has no
   * gradient: second-order derivatives through fused activations are not supported.
   */
  activationGrad: Kernel<{ dy: TensorInfo; y: TensorInfo }, { activation: FusedActivation }>;
  /**
   * `activationGrad(avgPoolGrad(dy, y), y)` in one pass: the gradient through an average pool and
   * the fused activation before it, where `y = f(z)` is the pool's input. Output: y's shape,
   * float32. Compiled steps use it in place of the two kernels (compiled/fuse.ts); no op calls
   * it eagerly, and it has no gradient.
   */
  fusedAvgPoolGrad: Kernel<{ dy: TensorInfo; y: TensorInfo }, Pool2dAttrs & { activation: FusedActivation }>;
  /**
   * `conv2dBackpropFilter(x, fusedAvgPoolGrad(dy, y))`: the filter gradient of a fused conv whose
   * output y feeds an average pool (`pool`), from dy at the pool's output, without the gradient at
   * the conv's output in memory. Output: `filterShape`, float32. Compiled steps use it where
   * fusedAvgPoolGrad's output feeds only filter and bias gradients (compiled/fuse.ts); no op
   * calls it eagerly, and it has no gradient.
   */
  fusedPoolConv2dBackpropFilter: Kernel<
    { x: TensorInfo; dy: TensorInfo; y: TensorInfo },
    Conv2dAttrs & {
      filterShape: readonly [number, number, number, number];
      pool: Pool2dAttrs;
      activation: FusedActivation;
    }
  >;
  /**
   * `sum(fusedAvgPoolGrad(dy, y), [0, 1, 2])`: the bias gradient of that conv, [channels], float32.
   * Compiled steps only, as fusedPoolConv2dBackpropFilter.
   */
  fusedPoolBiasGrad: Kernel<{ dy: TensorInfo; y: TensorInfo }, Pool2dAttrs & { activation: FusedActivation }>;
  /**
   * Keras' categorical crossentropy of probabilities, per sample: `-sum(yTrue * log(clip(p)))`
   * over the last axis, where `p = yPred / sum(yPred)` along it and clip keeps p in
   * [epsilon, 1 - epsilon]. Output: yPred's shape without its last axis, float32.
   */
  categoricalCrossentropy: Kernel<{ yTrue: TensorInfo; yPred: TensorInfo }, { epsilon: number }>;
  /**
   * Its gradient with respect to yPred, from `dy` (the per-sample gradient): zero where the clip
   * is active, as the clip's own gradient would give. Output: yPred's shape, float32. It has no
   * gradient.
   */
  categoricalCrossentropyGrad: Kernel<{ dy: TensorInfo; yTrue: TensorInfo; yPred: TensorInfo }, { epsilon: number }>;
  // optional: in-place optimizer updates (they write `variable` and the state tensors)
  applySgd: Kernel<
    { variable: TensorInfo; grad: TensorInfo; velocity?: TensorInfo },
    { learningRate: number; momentum: number; nesterov: boolean },
    null
  >;
  /** Keras Adam: m, v updated in place; variable -= lr * sqrt(1-b2^t)/(1-b1^t) * m / (sqrt(v) + eps).
   *  `step` is t, counted from 1. */
  applyAdam: Kernel<
    { variable: TensorInfo; grad: TensorInfo; m: TensorInfo; v: TensorInfo },
    { learningRate: number; beta1: number; beta2: number; epsilon: number; step: number },
    null
  >;
}

export type KernelName = keyof KernelSignatures;

/** Kernels a backend may leave out; core composes them from required kernels. */
export const OPTIONAL_KERNELS = [
  'fusedMatMul',
  'fusedConv2d',
  'activationGrad',
  'fusedAvgPoolGrad',
  'fusedPoolConv2dBackpropFilter',
  'fusedPoolBiasGrad',
  'categoricalCrossentropy',
  'categoricalCrossentropyGrad',
  'applySgd',
  'applyAdam',
] as const;
export type OptionalKernel = (typeof OPTIONAL_KERNELS)[number];
export type RequiredKernel = Exclude<KernelName, OptionalKernel>;

export type KernelInputs<K extends KernelName> = KernelSignatures[K]['inputs'];
/**
 * A kernel's inputs with each tensor written as `T`: `TensorInfo` for a backend, `Tensor` for an
 * op, anything with a shape and dtype for a spec. One mapping for the three, so the engine hands
 * an op's arguments to a spec and a backend without a cast.
 */
export type KernelArgs<K extends KernelName, T> = {
  [I in keyof KernelInputs<K>]: KernelInputs<K>[I] extends readonly TensorInfo[]
    ? readonly T[]
    : KernelInputs<K>[I] extends TensorInfo
      ? T
      : T | undefined;
};
export type KernelAttrs<K extends KernelName> = KernelSignatures[K]['attrs'];
/** Kernels that make a tensor return its new storage; in-place kernels return nothing. */
// biome-ignore lint/suspicious/noConfusingVoidType: a kernel with no output returns nothing, which a return type spells void
export type KernelResult<K extends KernelName> = KernelSignatures[K]['output'] extends null ? void : DataId;

/**
 * One kernel of backend `B`. `out` is the output's shape and dtype, already inferred by core
 * (for in-place kernels: the updated variable's).
 */
export type KernelFn<K extends KernelName, B> = {
  // Method syntax on purpose: its parameters are checked bivariantly, so a kernel written for
  // `CpuBackend` still fits `Backend.kernels` (typed with polymorphic `this`).
  kernel(backend: B, inputs: KernelArgs<K, TensorInfo>, attrs: KernelAttrs<K>, out: OutputInfo): KernelResult<K>;
}['kernel'];

/** A backend's kernel table: every required kernel, and any optional ones it implements. */
export type KernelTable<B> = { [K in RequiredKernel]: KernelFn<K, B> } & { [K in OptionalKernel]?: KernelFn<K, B> };
