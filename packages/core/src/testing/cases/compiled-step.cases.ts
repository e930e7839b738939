/**
 * core's compiled step on each backend: a small conv + dense training step (SGD with momentum,
 * a host step counter, an unseeded dropout draw) replayed from its plan gives the eager step's
 * losses and weights, and the replays hold backend storage flat.
 */
import { compileStep, everyStep } from '../../compiled/compile-step.js';
import { variableGrads } from '../../autodiff/gradients.js';
import { dispose, memory, tidy } from '../../globals.js';
import { setRandomSeed } from '../../ops/random.js';
import { applySgd, conv2d, dropout, logSoftmax, matMul, mean, mul, neg, relu, reshape, sum, variable, zerosLike } from '../../ops/index.js';
import type { Tensor, Variable } from '../../tensor.js';
import { Rng, expectValues, toTensor, type CaseContext, type CaseDef } from '../harness.js';
import { nd } from '../reference/nd.js';

interface Net {
  readonly weights: Variable[];
  /** Momentum. */
  readonly m: Variable[];
  t: number;
}

/** Inside a tidy: the variables outlive it, the tensors they were made from do not. */
function net(rng: Rng): Net {
  return tidy(() => makeNet(rng));
}

function makeNet(rng: Rng): Net {
  const filter = variable(toTensor(rng.floats([3, 3, 1, 4], -0.5, 0.5), 'float32'), true, 'cs_filter');
  const dense = variable(toTensor(rng.floats([4 * 4 * 4, 3], -0.3, 0.3), 'float32'), true, 'cs_dense');
  const weights = [filter, dense];
  return {
    weights,
    m: weights.map((w, i) => variable(zerosLike(w), false, `cs_m${i}`)),
    t: 0,
  };
}

function step(n: Net, x: Tensor, y: Tensor): Tensor {
  return tidy(() => {
    const { value, grads } = variableGrads(() => {
      const h = dropout(relu(conv2d(x, n.weights[0], 1, 'same')), 0.25);
      const logits = matMul(reshape(h, [x.shape[0], 4 * 4 * 4]), n.weights[1]);
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

async function run(
  ctx: CaseContext,
  compiled: boolean,
  x: Tensor,
  y: Tensor,
): Promise<{ losses: number[]; weights: Float32Array[]; flat: boolean; counted: number }> {
  const n = net(new Rng('compiled-step weights'));
  setRandomSeed(3);
  const eager = (a: Tensor, b: Tensor): Tensor => step(n, a, b);
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
    return { losses, weights, flat: stored.slice(3).every((s) => s === stored[3]), counted: n.t };
  } finally {
    jit?.dispose();
    dispose([...n.weights, ...n.m]);
  }
}

export const compiledStepCases: CaseDef[] = [
  {
    group: 'compiled-step',
    name: 'a replayed training step gives the eager losses and weights, storage flat',
    run: async (ctx) => {
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
      try {
        const eager = await run(ctx, false, x, y);
        const jit = await run(ctx, true, x, y);
        expectValues('losses, compiled vs eager', jit.losses, nd([STEPS], eager.losses), ctx.tol);
        jit.weights.forEach((w, i) =>
          expectValues(`weight ${i}, compiled vs eager`, w, nd([w.length], Array.from(eager.weights[i])), ctx.tol),
        );
        if (!(eager.losses[STEPS - 1] < eager.losses[0])) throw new Error(`eager losses do not fall: ${eager.losses.join(', ')}`);
        if (jit.counted !== STEPS) throw new Error(`compiled step: everyStep counted ${jit.counted} of ${STEPS} steps`);
        if (!jit.flat) throw new Error('compiled step: backend storage grew from one replay to the next');
      } finally {
        dispose([x, y]);
      }
    },
  },
];
