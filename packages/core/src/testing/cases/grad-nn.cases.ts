/** Gradient checks of the network kernels: matMul with transposes and batches, conv2d (stride,
 *  dilation, same/explicit padding), both pools, softmax, logSoftmax, and the fused kernels with
 *  every activation (pre-activations kept away from relu/relu6 kinks). */
import { FUSED_ACTIVATIONS, type FusedActivation } from '../../kernels/signatures.js';
import { avgPool, conv2d, fused, logSoftmax, matMul, maxPool, softmax } from '../../ops/index.js';
import type { PaddingSpec } from '../../ops/conv-util.js';
import type { CaseDef } from '../harness.js';
import { conv2dRef, resolvePad } from '../reference/conv.js';
import { publicMatMulRef } from '../reference/matmul.js';
import type { Nd } from '../reference/nd.js';
import { gradCase, minDistance, until } from './grad-util.js';

const MATMULS: readonly (readonly [readonly number[], readonly number[], boolean, boolean])[] = [
  [[3, 4], [4, 5], false, false],
  [[4, 3], [4, 5], true, false],
  [[3, 4], [5, 4], false, true],
  [[4, 3], [5, 4], true, true],
  [[2, 3, 4], [4, 2], false, false],
  [[1, 2, 3], [2, 3, 2], false, false],
];

const matMulGrads = MATMULS.map(([sa, sb, tA, tB]) =>
  gradCase('gradients', `matMul [${sa}]${tA ? 'ᵀ' : ''} x [${sb}]${tB ? 'ᵀ' : ''}`, {
    inputs: (rng) => [rng.floats(sa), rng.floats(sb)],
    f: ([a, b]) => matMul(a, b, tA, tB),
  }),
);

interface ConvGrad {
  readonly label: string;
  readonly x: readonly [number, number, number, number];
  readonly filter: readonly [number, number, number, number];
  readonly strides: number;
  readonly pad: PaddingSpec;
  readonly dilations: number;
}
const CONVS: readonly ConvGrad[] = [
  { label: 'valid', x: [2, 5, 5, 2], filter: [3, 3, 2, 3], strides: 1, pad: 'valid', dilations: 1 },
  { label: 'stride 2 same', x: [1, 6, 5, 2], filter: [3, 3, 2, 2], strides: 2, pad: 'same', dilations: 1 },
  { label: 'dilation 2 same', x: [1, 6, 6, 1], filter: [2, 3, 1, 2], strides: 1, pad: 'same', dilations: 2 },
  {
    label: 'explicit padding',
    x: [1, 4, 5, 2],
    filter: [2, 2, 2, 2],
    strides: 1,
    pad: [
      [0, 0],
      [1, 0],
      [0, 2],
      [0, 0],
    ],
    dilations: 1,
  },
];

const conv2dGrads = CONVS.map((c) =>
  gradCase('gradients', `conv2d ${c.label}`, {
    inputs: (rng) => [rng.floats(c.x), rng.floats(c.filter)],
    f: ([x, f]) => conv2d(x, f, c.strides, c.pad, 'NHWC', c.dilations),
  }),
);

const POOLS: readonly (readonly [string, number, number, 'valid' | 'same'])[] = [
  ['2x2 stride 2 valid', 2, 2, 'valid'],
  ['3x3 stride 2 same', 3, 2, 'same'],
  ['3x3 stride 1 same (overlapping)', 3, 1, 'same'],
];
const poolGrads = POOLS.flatMap(([label, size, stride, pad]) => [
  // Values on a 0.05 grid: no window ties, and a finite-difference step cannot change a winner.
  gradCase('gradients', `maxPool ${label}`, {
    inputs: (rng) => [rng.distinct([1, 5, 5, 2], -1.2, 0.05)],
    f: ([x]) => maxPool(x, size, stride, pad),
  }),
  gradCase('gradients', `avgPool ${label}`, { inputs: (rng) => [rng.floats([2, 5, 5, 2])], f: ([x]) => avgPool(x, size, stride, pad) }),
]);

const softmaxGrads = [-1, 0].flatMap((axis) => [
  gradCase('gradients', `softmax axis ${axis}`, { inputs: (rng) => [rng.floats([3, 5], -2, 2)], f: ([x]) => softmax(x, axis) }),
  gradCase('gradients', `logSoftmax axis ${axis}`, { inputs: (rng) => [rng.floats([3, 5], -2, 2)], f: ([x]) => logSoftmax(x, axis) }),
]);

/** Kinks of each activation, in the pre-activation. */
const KINKS: Record<FusedActivation, readonly number[]> = { linear: [], relu: [0], relu6: [0, 6], tanh: [], sigmoid: [], elu: [0] };

function clearOfKinks(pre: Nd, activation: FusedActivation): boolean {
  return minDistance(pre.values, KINKS[activation]) > 0.05;
}

const fusedMatMulGrads = FUSED_ACTIVATIONS.map((activation) =>
  gradCase('gradients', `fusedMatMul ${activation} with bias`, {
    inputs: (rng) =>
      until(
        () => [rng.floats([3, 4]), rng.floats([5, 4]), rng.floats([5], activation === 'relu6' ? 4 : -1, activation === 'relu6' ? 8 : 1)],
        ([a, b, bias]) => clearOfKinks(publicMatMulRef(a, b, false, true, bias, 'linear').out, activation),
        `fusedMatMul ${activation}`,
      ),
    f: ([a, b, bias]) => fused.matMul({ a, b, transposeB: true, bias, activation }),
  }),
);

const fusedConvGrads = FUSED_ACTIVATIONS.map((activation) =>
  gradCase('gradients', `fusedConv2d ${activation} with bias`, {
    inputs: (rng) =>
      until(
        () => [
          rng.floats([1, 4, 4, 2]),
          rng.floats([3, 3, 2, 2]),
          rng.floats([2], activation === 'relu6' ? 4 : -1, activation === 'relu6' ? 8 : 1),
        ],
        ([x, f, bias]) => {
          const pre = conv2dRef(x, f, { strides: [2, 2], pad: resolvePad('same', 4, 4, 3, 3, [2, 2], [1, 1]), dilations: [1, 1] }).out;
          return clearOfKinks({ shape: pre.shape, values: pre.values.map((v, i) => v + bias.values[i % 2]) }, activation);
        },
        `fusedConv2d ${activation}`,
      ),
    f: ([x, filter, bias]) => fused.conv2d({ x, filter, strides: 2, pad: 'same', bias, activation }),
  }),
);

export const gradNnCases: CaseDef[] = [
  ...matMulGrads,
  ...conv2dGrads,
  ...poolGrads,
  ...softmaxGrads,
  ...fusedMatMulGrads,
  ...fusedConvGrads,
];
