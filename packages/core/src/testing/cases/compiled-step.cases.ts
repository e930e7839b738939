/**
 * core's compiled step on each backend: a small conv + dense training step (SGD with momentum,
 * a host step counter, an unseeded dropout draw) replayed from its plan gives the eager step's
 * losses and weights, and the replays hold backend storage flat. A second net (a tanh conv, an
 * average pool) has the pattern fusion rewrites: its plan holds the fused kernel exactly where the
 * backend has it, and still gives the eager numbers.
 */
import { compileStep, everyStep } from '../../compiled/compile-step.js';
import { ENGINE } from '../../engine.js';
import { variableGrads } from '../../autodiff/gradients.js';
import { dispose, memory, tidy } from '../../globals.js';
import { setRandomSeed } from '../../ops/random.js';
import {
  applySgd,
  avgPool,
  conv2d,
  dropout,
  fused,
  logSoftmax,
  matMul,
  mean,
  mul,
  neg,
  relu,
  reshape,
  sum,
  variable,
  zerosLike,
} from '../../ops/index.js';
import type { Tensor, Variable } from '../../tensor.js';
import { Rng, expectValues, toTensor, type CaseContext, type CaseDef } from '../harness.js';
import { nd } from '../reference/nd.js';

interface Net {
  readonly weights: Variable[];
  /** Momentum. */
  readonly m: Variable[];
  t: number;
}

/** The two nets' forward passes, from x [5, 4, 4, 1] to logits [5, 3]. */
interface Body {
  /** Rows of the dense weights: the conv features per example. */
  readonly features: number;
  /** Whether the conv has a bias (weights[2]). */
  readonly bias?: boolean;
  forward(n: Net, x: Tensor): Tensor;
}

const RELU_DROPOUT: Body = {
  features: 4 * 4 * 4,
  forward: (n, x) => {
    const h = dropout(relu(conv2d(x, n.weights[0], 1, 'same')), 0.25);
    return matMul(reshape(h, [x.shape[0], 4 * 4 * 4]), n.weights[1]);
  },
};

/** Backward: avgPoolGrad, then the fused conv's activationGrad of its output (fuse.ts's rule). */
const TANH_AVGPOOL: Body = {
  features: 2 * 2 * 4,
  forward: (n, x) => {
    const h = avgPool(fused.conv2d({ x, filter: n.weights[0], strides: 1, pad: 'same', activation: 'tanh' }), 2, 2, 'valid');
    return matMul(reshape(h, [x.shape[0], 2 * 2 * 4]), n.weights[1]);
  },
};

/** TANH_AVGPOOL with a bias: the gradient at the conv's output is read by the filter and bias
 *  gradients only (the conv's input is data), so fuse.ts's reader rules run both from the
 *  gradient at the pool's output where the backend has their kernels. */
const TANH_AVGPOOL_BIAS: Body = {
  features: 2 * 2 * 4,
  bias: true,
  forward: (n, x) => {
    const conv = fused.conv2d({ x, filter: n.weights[0], bias: n.weights[2], strides: 1, pad: 'same', activation: 'tanh' });
    return matMul(reshape(avgPool(conv, 2, 2, 'valid'), [x.shape[0], 2 * 2 * 4]), n.weights[1]);
  },
};

/** Inside a tidy: the variables outlive it, the tensors they were made from do not. */
function net(rng: Rng, body: Body): Net {
  return tidy(() => makeNet(rng, body));
}

function makeNet(rng: Rng, body: Body): Net {
  const filter = variable(toTensor(rng.floats([3, 3, 1, 4], -0.5, 0.5), 'float32'), true, 'cs_filter');
  const dense = variable(toTensor(rng.floats([body.features, 3], -0.3, 0.3), 'float32'), true, 'cs_dense');
  const weights = [filter, dense];
  if (body.bias) weights.push(variable(toTensor(rng.floats([4], -0.2, 0.2), 'float32'), true, 'cs_bias'));
  return {
    weights,
    m: weights.map((w, i) => variable(zerosLike(w), false, `cs_m${i}`)),
    t: 0,
  };
}

function step(n: Net, body: Body, x: Tensor, y: Tensor): Tensor {
  return tidy(() => {
    const { value, grads } = variableGrads(() => {
      const logits = body.forward(n, x);
      return mean(neg(sum(mul(y, logSoftmax(logits)), -1)));
    }, n.weights);
    // Fixed options: a backend without applySgd runs core's decomposition, whose constants a
    // plan keeps (Adam's step-dependent ones would change every step; the backends' own tests
    // cover live attrs).
    n.weights.forEach((w, i) => {
      applySgd(w, grads[w.name], { learningRate: 0.1, momentum: 0.9, velocity: n.m[i] });
    });
    everyStep(() => {
      n.t++;
    });
    return value;
  });
}

const STEPS = 7;

interface Run {
  losses: number[];
  weights: Float32Array[];
  flat: boolean;
  counted: number;
  /** Fused kernels in the replayed plan. */
  fused: number;
}

async function run(ctx: CaseContext, body: Body, compiled: boolean, x: Tensor, y: Tensor): Promise<Run> {
  const n = net(new Rng('compiled-step weights'), body);
  setRandomSeed(3);
  const eager = (a: Tensor, b: Tensor): Tensor => step(n, body, a, b);
  const jit = compiled ? compileStep(eager) : null;
  const losses: number[] = [];
  const stored: number[] = [];
  try {
    for (let i = 0; i < STEPS; i++) {
      const l = (jit ?? eager)(x, y);
      losses.push((await l.data())[0]);
      l.dispose();
      stored.push(memory().backends[ctx.backendName]?.numDataIds ?? 0);
    }
    const status = jit?.status();
    if (status && status.replays !== STEPS - 3) {
      throw new Error(`compiled step: ${status.replays} replays of ${STEPS} calls, expected ${STEPS - 3} (${status.reason})`);
    }
    const weights = await Promise.all(n.weights.map(async (w) => (await w.data()) as Float32Array));
    return { losses, weights, flat: stored.slice(3).every((s) => s === stored[3]), counted: n.t, fused: status?.fused ?? 0 };
  } finally {
    jit?.dispose();
    dispose([...n.weights, ...n.m]);
  }
}

function data(): [Tensor, Tensor] {
  const rng = new Rng('compiled-step data');
  const x = toTensor(rng.floats([5, 4, 4, 1]), 'float32');
  const labels = Array.from({ length: 5 }, (_, i) => i % 3);
  const y = toTensor(
    nd(
      [5, 3],
      labels.flatMap((c) => [0, 1, 2].map((k) => (k === c ? 1 : 0))),
    ),
    'float32',
  );
  return [x, y];
}

/** Runs `body` eagerly and compiled on the same data; checks they agree and return both. */
async function compare(ctx: CaseContext, body: Body): Promise<{ eager: Run; jit: Run }> {
  const [x, y] = data();
  try {
    const eager = await run(ctx, body, false, x, y);
    const jit = await run(ctx, body, true, x, y);
    expectValues('losses, compiled vs eager', jit.losses, nd([STEPS], eager.losses), ctx.tol);
    jit.weights.forEach((w, i) => expectValues(`weight ${i}, compiled vs eager`, w, nd([w.length], Array.from(eager.weights[i])), ctx.tol));
    if (!(eager.losses[STEPS - 1] < eager.losses[0])) throw new Error(`eager losses do not fall: ${eager.losses.join(', ')}`);
    if (jit.counted !== STEPS) throw new Error(`compiled step: everyStep counted ${jit.counted} of ${STEPS} steps`);
    if (!jit.flat) throw new Error('compiled step: backend storage grew from one replay to the next');
    return { eager, jit };
  } finally {
    dispose([x, y]);
  }
}

export const compiledStepCases: CaseDef[] = [
  {
    group: 'compiled-step',
    name: 'a replayed training step gives the eager losses and weights, storage flat',
    run: async (ctx) => {
      const { jit } = await compare(ctx, RELU_DROPOUT);
      if (jit.fused !== 0) throw new Error(`compiled step: ${jit.fused} fused kernels in a plan with nothing to fuse`);
    },
  },
  {
    group: 'compiled-step',
    name: 'fusion: avgPoolGrad and the activation gradient run as fusedAvgPoolGrad where the backend has it',
    run: async (ctx) => {
      const { jit } = await compare(ctx, TANH_AVGPOOL);
      // The eager backward pass calls activationGrad only where the backend has fusedConv2d and
      // activationGrad (core's decompositions run elementwise kernels instead).
      const kernels = ENGINE.backend().kernels as Readonly<Record<string, unknown>>;
      const fusable = ['fusedConv2d', 'activationGrad', 'fusedAvgPoolGrad'].every((k) => typeof kernels[k] === 'function');
      if (jit.fused !== (fusable ? 1 : 0)) {
        throw new Error(`compiled step: ${jit.fused} fused kernels in the plan, expected ${fusable ? 1 : 0} on this backend`);
      }
    },
  },
  {
    group: 'compiled-step',
    name: 'fusion: the filter and bias gradients run from the gradient at the pool where the backend has their fused kernels',
    run: async (ctx) => {
      const { jit } = await compare(ctx, TANH_AVGPOOL_BIAS);
      const kernels = ENGINE.backend().kernels as Readonly<Record<string, unknown>>;
      const has = (names: string[]): boolean => names.every((k) => typeof kernels[k] === 'function');
      const pair = has(['fusedConv2d', 'activationGrad', 'fusedAvgPoolGrad']);
      // Either both readers run fused (fusedAvgPoolGrad's output is gone) or neither does.
      const readers = pair && has(['fusedPoolConv2dBackpropFilter', 'fusedPoolBiasGrad']);
      const expected = readers ? 2 : pair ? 1 : 0;
      if (jit.fused !== expected) {
        throw new Error(`compiled step: ${jit.fused} fused kernels in the plan, expected ${expected} on this backend`);
      }
    },
  },
];
