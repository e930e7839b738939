/**
 * Tensor methods for chaining (`x.square().mean()`), as TensorFlow.js has them. Each method is
 * the op with the tensor as its first argument, and its type is derived from the op's, so the two
 * cannot drift. Installed on `Tensor.prototype` by core's index (ops import Tensor, so tensor.ts
 * cannot import them); tensor.ts merges `TensorMethods` into the class's type.
 */
import type { DType } from './dtype.js';
import { TensileError } from './errors.js';
import * as ops from './ops/index.js';
import type { TensorLike } from './ops/convert.js';
import type { Shape } from './shape.js';
import { Tensor } from './tensor.js';

/** Methods that are not an op with `this` first: TF.js's conveniences, written with ops. */
const EXTRAS = {
  /** TF.js's alias of `cast`. */
  asType: (x: Tensor, dtype: DType): Tensor => ops.cast(x, dtype),
  toFloat: (x: Tensor): Tensor => ops.cast(x, 'float32'),
  toInt: (x: Tensor): Tensor => ops.cast(x, 'int32'),
  toBool: (x: Tensor): Tensor => ops.cast(x, 'bool'),
  /** A rank-1 view of every element. */
  flatten: (x: Tensor): Tensor => ops.reshape(x, [x.size]),
  reshapeAs: (x: Tensor, other: Tensor): Tensor => ops.reshape(x, other.shape),
  asScalar: (x: Tensor): Tensor => ops.reshape(x, []),
  as1D: (x: Tensor): Tensor => ops.reshape(x, [x.size]),
  as2D: (x: Tensor, rows: number, columns: number): Tensor => ops.reshape(x, [rows, columns]),
  as3D: (x: Tensor, rows: number, columns: number, depth: number): Tensor => ops.reshape(x, [rows, columns, depth]),
  as4D: (x: Tensor, rows: number, columns: number, depth: number, depth2: number): Tensor => ops.reshape(x, [rows, columns, depth, depth2]),
  /** `this` first, then `others` (one tensor or several), along `axis`, as TF.js. */
  concat: (x: Tensor, others: Tensor | readonly Tensor[], axis?: number): Tensor =>
    ops.concat([x, ...(others instanceof Tensor ? [others] : others)], axis),
  stack: (x: Tensor, others: Tensor | readonly Tensor[], axis?: number): Tensor =>
    ops.stack([x, ...(others instanceof Tensor ? [others] : others)], axis),
  /** TF.js order: `a.where(condition, b)` is `where(condition, a, b)`. */
  where: (x: Tensor, condition: TensorLike, b: TensorLike): Tensor => ops.where(condition, x, b),
  broadcastTo: (x: Tensor, shape: Shape): Tensor => ops.broadcastTo(x, shape),
};

/** Ops whose first argument is the tensor a method is called on. */
const OPS = {
  add: ops.add,
  sub: ops.sub,
  mul: ops.mul,
  div: ops.div,
  floorDiv: ops.floorDiv,
  mod: ops.mod,
  pow: ops.pow,
  minimum: ops.minimum,
  maximum: ops.maximum,
  squaredDifference: ops.squaredDifference,
  equal: ops.equal,
  notEqual: ops.notEqual,
  less: ops.less,
  lessEqual: ops.lessEqual,
  greater: ops.greater,
  greaterEqual: ops.greaterEqual,
  logicalAnd: ops.logicalAnd,
  logicalOr: ops.logicalOr,
  neg: ops.neg,
  abs: ops.abs,
  exp: ops.exp,
  expm1: ops.expm1,
  log: ops.log,
  log1p: ops.log1p,
  sqrt: ops.sqrt,
  rsqrt: ops.rsqrt,
  square: ops.square,
  reciprocal: ops.reciprocal,
  tanh: ops.tanh,
  sigmoid: ops.sigmoid,
  sin: ops.sin,
  cos: ops.cos,
  sign: ops.sign,
  floor: ops.floor,
  ceil: ops.ceil,
  round: ops.round,
  logicalNot: ops.logicalNot,
  relu: ops.relu,
  relu6: ops.relu6,
  elu: ops.elu,
  selu: ops.selu,
  leakyRelu: ops.leakyRelu,
  softplus: ops.softplus,
  gelu: ops.gelu,
  clipByValue: ops.clipByValue,
  cast: ops.cast,
  sum: ops.sum,
  mean: ops.mean,
  max: ops.max,
  min: ops.min,
  prod: ops.prod,
  argMax: ops.argMax,
  argMin: ops.argMin,
  logSumExp: ops.logSumExp,
  moments: ops.moments,
  norm: ops.norm,
  matMul: ops.matMul,
  dot: ops.dot,
  conv2d: ops.conv2d,
  conv2dTranspose: ops.conv2dTranspose,
  maxPool: ops.maxPool,
  avgPool: ops.avgPool,
  softmax: ops.softmax,
  logSoftmax: ops.logSoftmax,
  reshape: ops.reshape,
  expandDims: ops.expandDims,
  squeeze: ops.squeeze,
  transpose: ops.transpose,
  slice: ops.slice,
  split: ops.split,
  unstack: ops.unstack,
  pad: ops.pad,
  gather: ops.gather,
  oneHot: ops.oneHot,
  zerosLike: ops.zerosLike,
  onesLike: ops.onesLike,
  variable: ops.variable,
  all: ops.all,
  any: ops.any,
  atan2: ops.atan2,
  conv1d: ops.conv1d,
  cumsum: ops.cumsum,
  cumprod: ops.cumprod,
  erf: ops.erf,
  isFinite: ops.isFinite,
  isInf: ops.isInf,
  isNaN: ops.isNaN,
  topk: ops.topk,
  unique: ops.unique,
  depthwiseConv2d: ops.depthwiseConv2d,
  separableConv2d: ops.separableConv2d,
  tile: ops.tile,
  reverse: ops.reverse,
  stridedSlice: ops.stridedSlice,
  mirrorPad: ops.mirrorPad,
  gatherND: ops.gatherND,
  clone: ops.clone,
  // Logs before returning where the backend reads synchronously, as TF.js; else when the values arrive.
  print: ops.print,
};

const METHODS = { ...OPS, ...EXTRAS };

/** `op(x, ...rest)` as the method `x.op(...rest)`. */
type AsMethod<F> = F extends (x: never, ...rest: infer R) => infer Out ? (...args: R) => Out : never;

/** The chaining methods every Tensor has, typed from the ops they call. */
export type TensorMethods = { readonly [K in keyof typeof METHODS]: AsMethod<(typeof METHODS)[K]> };

/** The method names, for tests and documentation. */
export const TENSOR_METHOD_NAMES: readonly string[] = Object.keys(METHODS);

/** Adds the methods to `Tensor.prototype`; refuses to shadow a member the class already has. */
export function installTensorMethods(): void {
  for (const [name, op] of Object.entries(METHODS)) {
    const existing = Object.getOwnPropertyDescriptor(Tensor.prototype, name);
    if (existing && !('methodOf' in (existing.value ?? {}))) {
      throw new TensileError(`tensor methods: Tensor already has a member '${name}'; a method would shadow it`);
    }
    // The table's types say what each op takes; the method only forwards its arguments.
    const call = op as (x: Tensor, ...args: unknown[]) => unknown;
    const method = Object.assign(
      function (this: Tensor, ...args: unknown[]): unknown {
        return call(this, ...args);
      },
      { methodOf: name },
    );
    Object.defineProperty(Tensor.prototype, name, { value: method, writable: true, configurable: true, enumerable: false });
  }
}
