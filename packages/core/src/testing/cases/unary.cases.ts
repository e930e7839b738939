/** `unary`: every op on float32 over several shapes and domains, int32 where the kernel takes
 *  it, round's half-to-even, and logicalNot on bool. */
import type { DType } from '../../dtype.js';
import { INT32_UNARY_OPS, type UnaryOp } from '../../kernels/signatures.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor.js';
import { Rng, expectTensor, toTensor, type CaseDef, type CaseContext } from '../harness.js';
import { unaryRef } from '../reference/elementwise.js';
import { nd, type Nd } from '../reference/nd.js';

/** The public op of each unary kernel op; leakyRelu uses a non-default alpha to check it is passed. */
export const UNARY_FNS: Record<UnaryOp, (x: Tensor) => Tensor> = {
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
  softplus: ops.softplus,
  relu: ops.relu,
  relu6: ops.relu6,
  elu: ops.elu,
  selu: ops.selu,
  leakyRelu: (x) => ops.leakyRelu(x, 0.3),
  gelu: ops.gelu,
  sign: ops.sign,
  floor: ops.floor,
  ceil: ops.ceil,
  round: ops.round,
  sin: ops.sin,
  cos: ops.cos,
  logicalNot: ops.logicalNot,
};
export const LEAKY_ALPHA = 0.3;

/** Input range of each op: inside its domain, wide enough to exercise both branches. */
export const UNARY_DOMAIN: Record<UnaryOp, readonly [number, number]> = {
  neg: [-4, 4],
  abs: [-4, 4],
  exp: [-6, 6],
  expm1: [-2, 2],
  log: [0.01, 10],
  log1p: [-0.9, 5],
  sqrt: [0, 10],
  rsqrt: [0.05, 10],
  square: [-4, 4],
  reciprocal: [0.1, 5],
  tanh: [-5, 5],
  sigmoid: [-8, 8],
  softplus: [-8, 8],
  relu: [-3, 3],
  relu6: [-3, 9],
  elu: [-4, 3],
  selu: [-4, 3],
  leakyRelu: [-3, 3],
  gelu: [-5, 5],
  sign: [-2, 2],
  floor: [-5, 5],
  ceil: [-5, 5],
  round: [-5, 5],
  sin: [-6, 6],
  cos: [-6, 6],
  logicalNot: [0, 2],
};

/** Scalars, size-1 dims, odd sizes, and sizes crossing 4/8/16/32/64-wide vector and tile edges. */
const SHAPES: readonly (readonly number[])[] = [[], [1], [7], [1, 5, 1], [3, 5], [2, 33, 17], [65]];

async function checkUnary(ctx: CaseContext, what: string, op: UnaryOp, x: Nd, dtype: DType): Promise<void> {
  const xt = toTensor(x, dtype);
  try {
    const y = UNARY_FNS[op](xt);
    try {
      const outDType: DType = op === 'logicalNot' ? 'bool' : dtype;
      await expectTensor(what, y, unaryRef(op, x, LEAKY_ALPHA), outDType, ctx.tol);
    } finally {
      y.dispose();
    }
  } finally {
    xt.dispose();
  }
}

const floatCases: CaseDef[] = Object.keys(UNARY_FNS)
  .filter((op): op is UnaryOp => op !== 'logicalNot')
  .map((op) => ({
    group: 'unary',
    name: `${op} float32`,
    run: async (ctx) => {
      const rng = new Rng(`unary ${op}`);
      const [lo, hi] = UNARY_DOMAIN[op];
      for (const shape of SHAPES) await checkUnary(ctx, `${op} [${shape}]`, op, rng.floats(shape, lo, hi), 'float32');
    },
  }));

const intCases: CaseDef[] = INT32_UNARY_OPS.map((op) => ({
  group: 'unary',
  name: `${op} int32`,
  run: async (ctx) => {
    const rng = new Rng(`unary int ${op}`);
    for (const shape of SHAPES) await checkUnary(ctx, `${op} int32 [${shape}]`, op, rng.ints(shape, -50, 50), 'int32');
  },
}));

export const unaryCases: CaseDef[] = [
  ...floatCases,
  ...intCases,
  {
    group: 'unary',
    name: 'round halves to even, floor/ceil/sign at edges',
    run: async (ctx) => {
      const x = nd([14], [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49999997, -0.49999997, 3.5000002, -0, 0, 1e-30, -7, 7.000001]);
      for (const op of ['round', 'floor', 'ceil', 'sign', 'abs', 'neg'] as const) await checkUnary(ctx, `${op} edges`, op, x, 'float32');
    },
  },
  {
    group: 'unary',
    name: 'exp/log/sigmoid/softplus at large magnitudes',
    run: async (ctx) => {
      const x = nd([8], [-80, -30, -15, -0.001, 0.001, 15, 30, 80]);
      for (const op of ['exp', 'sigmoid', 'softplus', 'tanh', 'elu', 'selu', 'gelu', 'expm1'] as const) {
        await checkUnary(ctx, `${op} large`, op, x, 'float32');
      }
    },
  },
  {
    group: 'unary',
    name: 'logicalNot bool',
    run: async (ctx) => {
      const rng = new Rng('unary logicalNot');
      for (const shape of SHAPES) await checkUnary(ctx, `logicalNot [${shape}]`, 'logicalNot', rng.bools(shape), 'bool');
    },
  },
];
