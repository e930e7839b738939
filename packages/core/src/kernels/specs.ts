/**
 * The runtime half of the kernel contract: for each kernel, the rule that checks its arguments
 * and infers its output. The engine runs it before dispatch, so backends never see bad input.
 * Public ops give friendlier, op-level errors first; these checks are the last line.
 */
import { DTypeError, ArgumentError, ShapeError } from '../errors.js';
import type { DType } from '../dtype.js';
import { broadcastShapes, formatShape, reducedShape, sizeFromShape, type Shape } from '../shape.js';
import {
  isComparisonOp,
  isInt32UnaryOp,
  type Conv2dAttrs,
  type KernelArgs,
  type KernelAttrs,
  type KernelName,
  type OutputInfo,
  type Pool2dAttrs,
} from './signatures.js';

/** A kernel's inputs as core sees them before dispatch: shapes and dtypes only. */
export type SpecInputs<K extends KernelName, T extends ShapeInfo = ShapeInfo> = KernelArgs<K, T>;
export interface ShapeInfo {
  readonly shape: Shape;
  readonly dtype: DType;
}

export interface KernelSpec<K extends KernelName> {
  /** Generic in the tensor type, so the engine passes an op's tensors as they are. */
  infer<T extends ShapeInfo>(inputs: SpecInputs<K, T>, attrs: KernelAttrs<K>): OutputInfo;
}

export type KernelSpecs = { [K in KernelName]: KernelSpec<K> };

function fail(kernel: string, message: string): never {
  throw new ShapeError(`${kernel}: ${message}`);
}

function needRank(kernel: string, what: string, s: ShapeInfo, rank: number): void {
  if (s.shape.length !== rank) fail(kernel, `${what} must be rank ${rank}, got shape ${formatShape(s.shape)}`);
}

function needFloat(kernel: string, what: string, s: ShapeInfo): void {
  if (s.dtype !== 'float32') throw new DTypeError(`${kernel}: ${what} must be float32, got ${s.dtype}`);
}

function needSameDType(kernel: string, a: ShapeInfo, b: ShapeInfo): void {
  if (a.dtype !== b.dtype) throw new DTypeError(`${kernel}: operands must have the same dtype, got ${a.dtype} and ${b.dtype}`);
}

/** Output size of one spatial dimension of a convolution or pool. */
export function convOutSize(inSize: number, filter: number, stride: number, dilation: number, padBefore: number, padAfter: number): number {
  const effective = (filter - 1) * dilation + 1;
  return Math.floor((inSize + padBefore + padAfter - effective) / stride) + 1;
}

export function conv2dOutShape(kernel: string, x: Shape, f: Shape, attrs: Conv2dAttrs): [number, number, number, number] {
  const [n, h, w] = x;
  const oh = convOutSize(h, f[0], attrs.strides[0], attrs.dilations[0], attrs.pad.top, attrs.pad.bottom);
  const ow = convOutSize(w, f[1], attrs.strides[1], attrs.dilations[1], attrs.pad.left, attrs.pad.right);
  if (oh <= 0 || ow <= 0) {
    fail(kernel, `filter ${formatShape(f)} with this padding does not fit input ${formatShape(x)} (output would be ${oh}x${ow})`);
  }
  return [n, oh, ow, f[3]];
}

export function pool2dOutShape(kernel: string, x: Shape, attrs: Pool2dAttrs): [number, number, number, number] {
  const [n, h, w, c] = x;
  const oh = convOutSize(h, attrs.filterSize[0], attrs.strides[0], 1, attrs.pad.top, attrs.pad.bottom);
  const ow = convOutSize(w, attrs.filterSize[1], attrs.strides[1], 1, attrs.pad.left, attrs.pad.right);
  if (oh <= 0 || ow <= 0) fail(kernel, `window ${attrs.filterSize.join('x')} does not fit input ${formatShape(x)}`);
  return [n, oh, ow, c];
}

/** Whether v is an integer >= min (a loop, not spread arrays: this runs on every conv call). */
function isIntAtLeast(v: number, min: number): boolean {
  return Number.isInteger(v) && v >= min;
}

function checkConvAttrs(kernel: string, attrs: Conv2dAttrs): void {
  const { strides: s, dilations: d, pad: p } = attrs;
  if (!(isIntAtLeast(s[0], 1) && isIntAtLeast(s[1], 1) && isIntAtLeast(d[0], 1) && isIntAtLeast(d[1], 1))) {
    throw new ArgumentError(`${kernel}: strides and dilations must be positive integers, got strides [${s}] dilations [${d}]`);
  }
  if (!(isIntAtLeast(p.top, 0) && isIntAtLeast(p.bottom, 0) && isIntAtLeast(p.left, 0) && isIntAtLeast(p.right, 0))) {
    throw new ArgumentError(`${kernel}: padding must be non-negative integers, got ${JSON.stringify(p)}`);
  }
}

function matMulShape(kernel: string, a: ShapeInfo, b: ShapeInfo, tA: boolean, tB: boolean): OutputInfo {
  needRank(kernel, 'a', a, 3);
  needRank(kernel, 'b', b, 3);
  needSameDType(kernel, a, b);
  if (a.dtype === 'bool') throw new DTypeError(`${kernel}: operands must be float32 or int32, got bool`);
  const [ba, ar, ac] = a.shape;
  const [bb, br, bc] = b.shape;
  const m = tA ? ac : ar;
  const k = tA ? ar : ac;
  const k2 = tB ? bc : br;
  const n = tB ? br : bc;
  if (k !== k2) {
    fail(
      kernel,
      `inner dimensions must match, got a ${formatShape(a.shape)}${tA ? ' (transposed)' : ''} and b ${formatShape(b.shape)}${tB ? ' (transposed)' : ''}`,
    );
  }
  if (ba !== bb && ba !== 1 && bb !== 1) fail(kernel, `batch dimensions ${ba} and ${bb} cannot be broadcast`);
  return { shape: [Math.max(ba, bb), m, n], dtype: a.dtype };
}

function conv2dShape(kernel: string, x: ShapeInfo, filter: ShapeInfo, attrs: Conv2dAttrs): OutputInfo {
  needRank(kernel, 'x', x, 4);
  needRank(kernel, 'filter', filter, 4);
  needFloat(kernel, 'x', x);
  needFloat(kernel, 'filter', filter);
  checkConvAttrs(kernel, attrs);
  if (x.shape[3] !== filter.shape[2]) {
    fail(
      kernel,
      `input channels (${x.shape[3]}) must equal filter in-channels (${filter.shape[2]}); x ${formatShape(x.shape)}, filter ${formatShape(filter.shape)}`,
    );
  }
  return { shape: conv2dOutShape(kernel, x.shape, filter.shape, attrs), dtype: 'float32' };
}

function biasCheck(kernel: string, bias: ShapeInfo | undefined, channels: number): void {
  if (bias && (bias.shape.length !== 1 || bias.shape[0] !== channels)) {
    fail(kernel, `bias must have shape [${channels}], got ${formatShape(bias.shape)}`);
  }
}

function poolShape(kernel: string, x: ShapeInfo, attrs: Pool2dAttrs, what = 'x'): OutputInfo {
  needRank(kernel, what, x, 4);
  needFloat(kernel, what, x);
  if (![...attrs.filterSize, ...attrs.strides].every((v) => Number.isInteger(v) && v >= 1)) {
    throw new ArgumentError(`${kernel}: window and strides must be positive integers, got ${attrs.filterSize} / ${attrs.strides}`);
  }
  return { shape: pool2dOutShape(kernel, x.shape, attrs), dtype: 'float32' };
}

/** The filter gradient's output, for x and the gradient at the conv's output (`what`: its name). */
function filterGradShape(
  k: string,
  x: ShapeInfo,
  dy: ShapeInfo,
  what: string,
  attrs: Conv2dAttrs & { filterShape: readonly [number, number, number, number] },
): OutputInfo {
  needRank(k, 'x', x, 4);
  needFloat(k, 'x', x);
  needFloat(k, what, dy);
  needRank(k, what, dy, 4);
  checkConvAttrs(k, attrs);
  const expected = conv2dOutShape(k, x.shape, attrs.filterShape, attrs);
  if (expected.some((d, i) => d !== dy.shape[i])) {
    fail(k, `${what} must have shape ${formatShape(expected)}, got ${formatShape(dy.shape)}`);
  }
  return { shape: attrs.filterShape, dtype: 'float32' };
}

function sameShape(kernel: string, a: ShapeInfo, b: ShapeInfo, what: string): void {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    fail(kernel, `${what}: shapes must match, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
}

/** The per-sample loss of a crossentropy over the last axis of yPred (float32, rank >= 1). */
function crossentropyShape(kernel: string, yTrue: ShapeInfo, yPred: ShapeInfo, epsilon: number): OutputInfo {
  needFloat(kernel, 'yTrue', yTrue);
  needFloat(kernel, 'yPred', yPred);
  if (yPred.shape.length === 0) fail(kernel, 'yPred must have at least one dimension (the classes), got a scalar');
  sameShape(kernel, yTrue, yPred, 'yTrue and yPred');
  if (!(epsilon >= 0 && epsilon < 0.5)) throw new ArgumentError(`${kernel}: epsilon must be in [0, 0.5), got ${epsilon}`);
  return { shape: yPred.shape.slice(0, -1), dtype: 'float32' };
}

export const kernelSpecs: KernelSpecs = {
  unary: {
    infer: ({ x }, { op }) => {
      if (op === 'logicalNot') return { shape: x.shape, dtype: 'bool' };
      const intOk = isInt32UnaryOp(op);
      if (x.dtype === 'bool' || (x.dtype === 'int32' && !intOk)) {
        throw new DTypeError(`unary(${op}): input must be float32${intOk ? ' or int32' : ''}, got ${x.dtype}`);
      }
      return { shape: x.shape, dtype: x.dtype };
    },
  },
  binary: {
    infer: ({ a, b }, { op }) => {
      needSameDType(`binary(${op})`, a, b);
      const shape = broadcastShapes(op, a.shape, b.shape);
      const logical = op === 'logicalAnd' || op === 'logicalOr';
      if (logical && a.dtype !== 'bool') throw new DTypeError(`${op}: operands must be bool, got ${a.dtype}`);
      if (!isComparisonOp(op) && a.dtype === 'bool') throw new DTypeError(`${op}: operands must be float32 or int32, got bool`);
      return { shape, dtype: isComparisonOp(op) ? 'bool' : a.dtype };
    },
  },
  cast: { infer: ({ x }, { dtype }) => ({ shape: x.shape, dtype }) },
  select: {
    infer: ({ condition, a, b }) => {
      if (condition.dtype !== 'bool') throw new DTypeError(`where: condition must be bool, got ${condition.dtype}`);
      needSameDType('where', a, b);
      const shape = broadcastShapes('where', broadcastShapes('where', condition.shape, a.shape), b.shape);
      return { shape, dtype: a.dtype };
    },
  },
  fill: { infer: (_, { shape, dtype }) => ({ shape, dtype }) },
  reduce: {
    infer: ({ x }, { op, axes, keepDims }) => {
      if (op === 'argMax' || op === 'argMin') {
        if (axes.length !== 1) throw new ArgumentError(`${op}: needs exactly one axis, got [${axes}]`);
        if (x.shape[axes[0]] === 0) fail(op, `cannot reduce an empty axis of ${formatShape(x.shape)}`);
        return { shape: reducedShape(x.shape, axes, keepDims), dtype: 'int32' };
      }
      if (x.dtype === 'bool') throw new DTypeError(`${op}: input must be float32 or int32, got bool`);
      if ((op === 'max' || op === 'min') && axes.some((a) => x.shape[a] === 0)) {
        fail(op, `cannot reduce an empty axis of ${formatShape(x.shape)}`);
      }
      return { shape: reducedShape(x.shape, axes, keepDims), dtype: op === 'mean' ? 'float32' : x.dtype };
    },
  },
  matMul: { infer: ({ a, b }, attrs) => matMulShape('matMul', a, b, attrs.transposeA, attrs.transposeB) },
  fusedMatMul: {
    infer: ({ a, b, bias }, attrs) => {
      const out = matMulShape('fusedMatMul', a, b, attrs.transposeA, attrs.transposeB);
      needFloat('fusedMatMul', 'a', a);
      biasCheck('fusedMatMul', bias, out.shape[2]);
      return out;
    },
  },
  conv2d: { infer: ({ x, filter }, attrs) => conv2dShape('conv2d', x, filter, attrs) },
  fusedConv2d: {
    infer: ({ x, filter, bias }, attrs) => {
      const out = conv2dShape('fusedConv2d', x, filter, attrs);
      biasCheck('fusedConv2d', bias, filter.shape[3]);
      return out;
    },
  },
  conv2dBackpropInput: {
    infer: ({ dy, filter }, attrs) => {
      const k = 'conv2dBackpropInput';
      needRank(k, 'dy', dy, 4);
      needFloat(k, 'dy', dy);
      needFloat(k, 'filter', filter);
      needRank(k, 'filter', filter, 4);
      checkConvAttrs(k, attrs);
      const expected = conv2dOutShape(k, attrs.inputShape, filter.shape, attrs);
      if (expected.some((d, i) => d !== dy.shape[i])) {
        fail(k, `dy must have shape ${formatShape(expected)} for input ${formatShape(attrs.inputShape)}, got ${formatShape(dy.shape)}`);
      }
      return { shape: attrs.inputShape, dtype: 'float32' };
    },
  },
  conv2dBackpropFilter: { infer: ({ x, dy }, attrs) => filterGradShape('conv2dBackpropFilter', x, dy, 'dy', attrs) },
  maxPool: { infer: ({ x }, attrs) => poolShape('maxPool', x, attrs) },
  avgPool: { infer: ({ x }, attrs) => poolShape('avgPool', x, attrs) },
  maxPoolGrad: {
    infer: ({ dy, x }, attrs) => {
      const out = poolShape('maxPoolGrad', x, attrs);
      sameShape('maxPoolGrad', dy, out, 'dy and the pool output');
      return { shape: x.shape, dtype: 'float32' };
    },
  },
  avgPoolGrad: {
    infer: ({ dy, x }, attrs) => {
      const out = poolShape('avgPoolGrad', x, attrs);
      sameShape('avgPoolGrad', dy, out, 'dy and the pool output');
      return { shape: x.shape, dtype: 'float32' };
    },
  },
  softmax: {
    infer: ({ x }) => {
      needFloat('softmax', 'x', x);
      if (x.shape.length === 0) fail('softmax', 'input must have at least one dimension, got a scalar');
      return { shape: x.shape, dtype: 'float32' };
    },
  },
  logSoftmax: {
    infer: ({ x }) => {
      needFloat('logSoftmax', 'x', x);
      if (x.shape.length === 0) fail('logSoftmax', 'input must have at least one dimension, got a scalar');
      return { shape: x.shape, dtype: 'float32' };
    },
  },
  transpose: {
    infer: ({ x }, { perm }) => {
      const rank = x.shape.length;
      if (perm.length !== rank || [...perm].sort((p, q) => p - q).some((p, i) => p !== i)) {
        throw new ArgumentError(`transpose: perm must be a permutation of 0..${rank - 1}, got [${perm}]`);
      }
      return { shape: perm.map((p) => x.shape[p]), dtype: x.dtype };
    },
  },
  slice: {
    infer: ({ x }, { begin, size }) => {
      const rank = x.shape.length;
      if (begin.length !== rank || size.length !== rank) {
        throw new ArgumentError(`slice: begin and size must have ${rank} entries, got [${begin}] and [${size}]`);
      }
      for (let i = 0; i < rank; i++) {
        if (begin[i] < 0 || size[i] < 0 || begin[i] + size[i] > x.shape[i]) {
          fail('slice', `begin [${begin}] size [${size}] is out of bounds for shape ${formatShape(x.shape)}`);
        }
      }
      return { shape: [...size], dtype: x.dtype };
    },
  },
  concat: {
    infer: ({ xs }, { axis }) => {
      if (xs.length === 0) throw new ArgumentError('concat: needs at least one tensor');
      const first = xs[0];
      let total = 0;
      for (const t of xs) {
        if (t.dtype !== first.dtype) throw new DTypeError(`concat: all tensors must have dtype ${first.dtype}, got ${t.dtype}`);
        if (t.shape.length !== first.shape.length || t.shape.some((d, i) => i !== axis && d !== first.shape[i])) {
          fail('concat', `shapes must match except on axis ${axis}, got ${formatShape(first.shape)} and ${formatShape(t.shape)}`);
        }
        total += t.shape[axis];
      }
      const shape = [...first.shape];
      shape[axis] = total;
      return { shape, dtype: first.dtype };
    },
  },
  pad: {
    infer: ({ x }, { paddings }) => {
      if (paddings.length !== x.shape.length) {
        throw new ArgumentError(
          `pad: paddings must have one [before, after] pair per dimension (${x.shape.length}), got ${paddings.length}`,
        );
      }
      if (paddings.some(([b, a]) => !Number.isInteger(b) || !Number.isInteger(a) || b < 0 || a < 0)) {
        throw new ArgumentError(`pad: paddings must be non-negative integers, got ${JSON.stringify(paddings)}`);
      }
      return { shape: x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]), dtype: x.dtype };
    },
  },
  gather: {
    infer: ({ x, indices }, { axis }) => {
      if (indices.dtype !== 'int32') throw new DTypeError(`gather: indices must be int32, got ${indices.dtype}`);
      return { shape: [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)], dtype: x.dtype };
    },
  },
  oneHot: {
    infer: ({ indices }, { depth, dtype }) => {
      if (indices.dtype !== 'int32') throw new DTypeError(`oneHot: indices must be int32, got ${indices.dtype}`);
      if (!Number.isInteger(depth) || depth < 1) throw new ArgumentError(`oneHot: depth must be a positive integer, got ${depth}`);
      return { shape: [...indices.shape, depth], dtype };
    },
  },
  randomUniform: {
    infer: (_, { shape, dtype, minval, maxval }) => {
      if (!(maxval > minval)) throw new ArgumentError(`randomUniform: maxval (${maxval}) must be greater than minval (${minval})`);
      if (dtype === 'bool') throw new DTypeError('randomUniform: dtype must be float32 or int32, got bool');
      return { shape, dtype };
    },
  },
  randomNormal: { infer: (_, { shape }) => ({ shape, dtype: 'float32' }) },
  activationGrad: {
    infer: ({ dy, y }) => {
      needFloat('activationGrad', 'dy', dy);
      needFloat('activationGrad', 'y', y);
      sameShape('activationGrad', dy, y, 'dy and y');
      return { shape: dy.shape, dtype: 'float32' };
    },
  },
  fusedAvgPoolGrad: {
    infer: ({ dy, y }, attrs) => {
      const out = poolShape('fusedAvgPoolGrad', y, attrs, 'y');
      needFloat('fusedAvgPoolGrad', 'dy', dy);
      sameShape('fusedAvgPoolGrad', dy, out, 'dy and the pool output');
      return { shape: y.shape, dtype: 'float32' };
    },
  },
  fusedPoolConv2dBackpropFilter: {
    infer: ({ x, dy, y }, { pool, activation, ...conv }) => {
      const k = 'fusedPoolConv2dBackpropFilter';
      const pooled = poolShape(k, y, pool, 'y');
      needFloat(k, 'dy', dy);
      sameShape(k, dy, pooled, 'dy and the pool output');
      return filterGradShape(k, x, y, 'y (the conv output)', conv);
    },
  },
  fusedPoolBiasGrad: {
    infer: ({ dy, y }, attrs) => {
      const out = poolShape('fusedPoolBiasGrad', y, attrs, 'y');
      needFloat('fusedPoolBiasGrad', 'dy', dy);
      sameShape('fusedPoolBiasGrad', dy, out, 'dy and the pool output');
      return { shape: [y.shape[3]], dtype: 'float32' };
    },
  },
  categoricalCrossentropy: {
    infer: ({ yTrue, yPred }, { epsilon }) => crossentropyShape('categoricalCrossentropy', yTrue, yPred, epsilon),
  },
  categoricalCrossentropyGrad: {
    infer: ({ dy, yTrue, yPred }, { epsilon }) => {
      const k = 'categoricalCrossentropyGrad';
      const perSample = crossentropyShape(k, yTrue, yPred, epsilon);
      needFloat(k, 'dy', dy);
      sameShape(k, dy, perSample, 'dy and the per-sample loss');
      return { shape: yPred.shape, dtype: 'float32' };
    },
  },
  applySgd: {
    infer: ({ variable, grad, velocity }) => {
      sameShape('applySgd', variable, grad, 'variable and gradient');
      if (velocity) sameShape('applySgd', variable, velocity, 'variable and velocity');
      needFloat('applySgd', 'variable', variable);
      return { shape: variable.shape, dtype: variable.dtype };
    },
  },
  applyAdam: {
    infer: ({ variable, grad, m, v }) => {
      sameShape('applyAdam', variable, grad, 'variable and gradient');
      sameShape('applyAdam', variable, m, 'variable and m');
      sameShape('applyAdam', variable, v, 'variable and v');
      needFloat('applyAdam', 'variable', variable);
      return { shape: variable.shape, dtype: variable.dtype };
    },
  },
};

export function outputSize(info: OutputInfo): number {
  return sizeFromShape(info.shape);
}
