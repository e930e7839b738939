/**
 * A small convolutional network trained for a few steps with Adam on the emulated runtime: the
 * losses match the cpu backend's step for step (an independent implementation, 1e-4 relative),
 * and after the first steps the caching allocator serves every block from its free lists, so
 * device memory stays flat: no new cudaMalloc, the same number of live blocks each step.
 */
import { CpuBackend } from '@tensile/backend-cpu';
import {
  add,
  applyAdam,
  conv2d,
  dispose,
  logSoftmax,
  matMul,
  maxPool,
  mean,
  memory,
  mul,
  neg,
  oneHot,
  randomNormal,
  registerBackend,
  relu,
  reshape,
  setBackend,
  sum,
  tensor,
  tidy,
  variable,
  variableGrads,
  zeros,
  type Tensor,
  type Variable,
} from '@tensile/core';
import { expect, it } from 'vitest';
import { createCudaBackend } from '../src/index.js';
import { describeWithAddon } from './addon-here.js';

registerBackend('cuda-emulated', () => createCudaBackend({ emulate: true }), 0);
registerBackend('cpu-oracle', () => new CpuBackend(), 0);

interface Stats {
  loss: number;
  live: number;
  mallocs: number;
}

async function train(backend: string, steps: number): Promise<Stats[]> {
  await setBackend(backend);
  const params: Variable[] = [
    variable(randomNormal([3, 3, 1, 4], 0, 0.5, 'float32', 1), true, 'filter'),
    variable(randomNormal([100, 10], 0, 0.1, 'float32', 2), true, 'dense'),
    variable(zeros([10]), true, 'bias'),
  ];
  const moments = params.flatMap((p) => [variable(zeros(p.shape)), variable(zeros(p.shape))]);
  const x = randomNormal([8, 12, 12, 1], 0, 1, 'float32', 3);
  const labels = oneHot(tensor([0, 1, 2, 3, 4, 5, 6, 7], [8], 'int32'), 10, 1, 0, 'float32');
  const stats: Stats[] = [];
  for (let step = 1; step <= steps; step++) {
    const lossValue = tidy(() => {
      const { value, grads } = variableGrads(() => {
        const h = maxPool(relu(conv2d(x, params[0], 1, 'valid')), 2, 2, 'valid');
        const logits = add(matMul(reshape(h, [8, 100]), params[1]), params[2]);
        return neg(mean(sum(mul(labels, logSoftmax(logits)), 1)));
      }, params);
      params.forEach((p, i) => {
        applyAdam(p, grads[p.name], moments[2 * i], moments[2 * i + 1], {
          learningRate: 0.01,
          beta1: 0.9,
          beta2: 0.999,
          epsilon: 1e-7,
          step,
        });
      });
      return value as Tensor;
    });
    const loss = (await lossValue.data())[0];
    lossValue.dispose();
    const m = memory().backends[backend];
    stats.push({ loss, live: m?.numDataIds ?? -1, mallocs: (m?.cudaMallocs as number | undefined) ?? 0 });
  }
  dispose([...params, ...moments, x, labels]);
  return stats;
}

describeWithAddon('training on the emulated runtime', () => {
  it('matches cpu step for step, and holds device memory flat after warm-up', async () => {
    const cuda = await train('cuda-emulated', 6);
    const cpu = await train('cpu-oracle', 6);
    for (let i = 0; i < cuda.length; i++) {
      expect(Math.abs(cuda[i].loss - cpu[i].loss), `step ${i + 1}: cuda ${cuda[i].loss} vs cpu ${cpu[i].loss}`).toBeLessThanOrEqual(
        1e-4 * Math.abs(cpu[i].loss),
      );
    }
    expect(cuda[5].loss).toBeLessThan(cuda[0].loss);
    for (let i = 2; i < cuda.length; i++) {
      expect(cuda[i].live, `live blocks after step ${i + 1}`).toBe(cuda[1].live);
      expect(cuda[i].mallocs, `cudaMalloc calls after step ${i + 1}`).toBe(cuda[1].mallocs);
    }
    expect(cuda[1].mallocs).toBeGreaterThan(0);
  }, 120_000);
});
