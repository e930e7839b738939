/** Gradient checks of the elementwise and reduction kernels: every differentiable unary op,
 *  every arithmetic binary op (same shapes and broadcasting), and every float reduction. */
import type { BinaryOp, UnaryOp } from '../../kernels/signatures.js';
import { max, mean, min, prod, sum } from '../../ops/index.js';
import type { Tensor } from '../../tensor.js';
import type { CaseDef, Rng } from '../harness.js';
import { broadcastMap } from '../reference/elementwise.js';
import type { Nd } from '../reference/nd.js';
import { BINARY_FNS } from './binary.cases.js';
import { fromInteger, gradCase, minDistance, until } from './grad-util.js';
import { UNARY_FNS } from './unary.cases.js';

/** [lo, hi, distance to the nearest kink]: inputs stay 0.05 (5 finite-difference steps) away. */
const UNARY_GRAD: Record<Exclude<UnaryOp, 'logicalNot'>, readonly [number, number, (v: number) => number]> = {
  neg: [-2, 2, () => 1],
  abs: [-2, 2, Math.abs],
  exp: [-2, 2, () => 1],
  expm1: [-2, 2, () => 1],
  log: [0.5, 3, () => 1],
  log1p: [-0.5, 3, () => 1],
  sqrt: [0.5, 3, () => 1],
  rsqrt: [0.5, 3, () => 1],
  square: [-2, 2, () => 1],
  reciprocal: [0.5, 3, () => 1],
  tanh: [-3, 3, () => 1],
  sigmoid: [-3, 3, () => 1],
  softplus: [-3, 3, () => 1],
  relu: [-2, 2, Math.abs],
  relu6: [-2, 8, (v) => Math.min(Math.abs(v), Math.abs(v - 6))],
  elu: [-2, 2, Math.abs],
  selu: [-2, 2, Math.abs],
  leakyRelu: [-2, 2, Math.abs],
  gelu: [-3, 3, () => 1],
  sign: [-2, 2, Math.abs],
  floor: [-3, 3, fromInteger],
  ceil: [-3, 3, fromInteger],
  round: [-3, 3, (v) => fromInteger(v - 0.5)],
  sin: [-3, 3, () => 1],
  cos: [-3, 3, () => 1],
};

const unaryGrads: CaseDef[] = Object.entries(UNARY_GRAD).map(([op, [lo, hi, kink]]) =>
  gradCase('gradients', `unary ${op}`, {
    inputs: (rng) => [rng.awayFrom([3, 4], lo, hi, kink, 0.05)],
    f: ([x]) => UNARY_FNS[op as UnaryOp](x),
  }),
);

const PAIRS: readonly (readonly [readonly number[], readonly number[]])[] = [
  [
    [2, 3],
    [2, 3],
  ],
  [[2, 3], [3]],
  [
    [2, 1],
    [1, 3],
  ],
  [[], [2, 3]],
];
type ArithOp = Extract<BinaryOp, 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'minimum' | 'maximum' | 'squaredDifference'>;
const ARITH: readonly ArithOp[] = ['add', 'sub', 'mul', 'div', 'pow', 'minimum', 'maximum', 'squaredDifference'];

function binaryInputs(op: ArithOp, sa: readonly number[], sb: readonly number[]): (rng: Rng) => Nd[] {
  return (rng) => {
    if (op === 'pow') return [rng.floats(sa, 0.5, 2), rng.floats(sb, -2, 2)];
    if (op === 'div') return [rng.floats(sa, -2, 2), rng.awayFrom(sb, -2, 2, Math.abs, 0.5)];
    if (op === 'minimum' || op === 'maximum') {
      // Where a and b nearly tie, the derivative jumps between them.
      return until(
        () => [rng.floats(sa, -2, 2), rng.floats(sb, -2, 2)],
        ([a, b]) => minDistance(broadcastMap(a, b, (p, q) => p - q).values, [0]) > 0.05,
        op,
      );
    }
    return [rng.floats(sa, -2, 2), rng.floats(sb, -2, 2)];
  };
}

const binaryGrads: CaseDef[] = ARITH.flatMap((op) =>
  PAIRS.map(([sa, sb]) =>
    gradCase('gradients', `binary ${op} [${sa}] with [${sb}]`, { inputs: binaryInputs(op, sa, sb), f: ([a, b]) => BINARY_FNS[op](a, b) }),
  ),
);

/** mod's derivative in b is -floor(a / b): keep a / b away from integers, where it jumps. */
const modGrad = gradCase('gradients', 'binary mod [2,3] with [2,3]', {
  inputs: (rng) => {
    const b = rng.floats([2, 3], 0.5, 1.5);
    const q = rng.awayFrom([2, 3], -3, 3, fromInteger, 0.15);
    return [{ shape: b.shape, values: q.values.map((v, i) => Math.fround(v * b.values[i])) }, b];
  },
  f: ([a, b]) => BINARY_FNS.mod(a, b),
});

type Axis = number | number[] | undefined;
const REDUCE_AXES: readonly (readonly [Axis, boolean])[] = [
  [undefined, false],
  [0, false],
  [[0, 2], true],
  [-1, false],
];
const REDUCERS: Record<'sum' | 'mean' | 'max' | 'min' | 'prod', (x: Tensor, axis: Axis, keepDims: boolean) => Tensor> = {
  sum,
  mean,
  max,
  min,
  prod,
};

const reduceGrads: CaseDef[] = Object.entries(REDUCERS).flatMap(([op, fn]) =>
  REDUCE_AXES.map(([axis, keepDims]) =>
    gradCase('gradients', `reduce ${op} axis ${JSON.stringify(axis)}${keepDims ? ' keepDims' : ''}`, {
      // max/min: values on a 0.05 grid never tie; prod: factors away from 0.
      inputs: (rng) => [
        op === 'max' || op === 'min'
          ? rng.distinct([2, 3, 4], -0.6, 0.05)
          : op === 'prod'
            ? rng.floats([2, 3, 4], 0.5, 1.5)
            : rng.floats([2, 3, 4]),
      ],
      f: ([x]) => fn(x, axis, keepDims),
    }),
  ),
);

export const gradElementwiseCases: CaseDef[] = [...unaryGrads, ...binaryGrads, modGrad, ...reduceGrads];
