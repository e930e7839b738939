/**
 * `compile({jitCompile: true})`: fit trains from core's compiled step and gives the history eager
 * training gives, for optimizers that read the learning rate live (Adam, SGD) and for those that
 * bake it into the plan (RMSprop traces again when a schedule changes it); dropout draws a new
 * mask at each replay; a bad flag is refused at compile.
 */
import '@tensile/backend-cpu';
import { dispose, ready, setRandomSeed, tensor2d, type Tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { LearningRateScheduler } from '../src/callbacks/index.js';
import { initializers, layers, sequential, trainStepStatus, type CompileConfig } from '../src/index.js';

beforeAll(async () => {
  await ready();
});

function data(): { x: Tensor; y: Tensor } {
  const rows = 96;
  const xs: number[][] = [];
  const ys: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const a = Math.sin(i * 1.7);
    const b = Math.cos(i * 0.9);
    xs.push([a, b, a * b, i / rows]);
    const k = a + b > 0.3 ? 0 : a - b > 0 ? 1 : 2;
    ys.push([0, 1, 2].map((c) => (c === k ? 1 : 0)));
  }
  return { x: tensor2d(xs), y: tensor2d(ys) };
}

async function history(
  jitCompile: boolean,
  optimizer: CompileConfig['optimizer'],
  dropout: boolean,
): Promise<{ logs: Record<string, number[]>; replays: number }> {
  setRandomSeed(11);
  const model = sequential({
    layers: [
      layers.dense({ units: 16, activation: 'tanh', inputShape: [4], kernelInitializer: initializers.glorotUniform({ seed: 1 }) }),
      ...(dropout ? [layers.dropout({ rate: 0.3 })] : []),
      layers.dense({ units: 3, activation: 'softmax', kernelInitializer: initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'], jitCompile });
  const { x, y } = data();
  const h = await model.fit(x, y, {
    epochs: 4,
    batchSize: 16,
    shuffle: false,
    validationSplit: 0.25,
    verbose: 0,
    callbacks: [new LearningRateScheduler((epoch, lr) => (epoch === 0 ? lr : lr * 0.5))],
  });
  const replays = trainStepStatus(model)?.replays ?? 0;
  dispose([x, y]);
  model.dispose();
  return { logs: h.history as Record<string, number[]>, replays };
}

describe('jitCompile', () => {
  it.each([
    ['adam', false],
    ['sgd', false],
    ['rmsprop', false],
    ['adam', true],
  ] as const)('%s (dropout: %s): the same history as eager training, from replayed steps', async (optimizer, dropout) => {
    const before = undisposedTensors();
    const config = { className: optimizer, config: { learningRate: optimizer === 'sgd' ? 0.5 : 0.05 } };
    const eager = await history(false, config, dropout);
    const jit = await history(true, config, dropout);
    expect(eager.replays).toBe(0);
    // Per epoch 4 batches of 16 and one of 8 (72 rows after the split), so over 4 epochs 16 steps
    // of 16 and 4 of 8; for each shape the first three are eager (warm-up, two traces). RMSprop
    // traces again for each epoch's new rate: one replay of 16 per epoch.
    expect(jit.replays).toBe(optimizer === 'rmsprop' ? 4 : 13 + 1);
    for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy']) {
      expect(jit.logs[key]).toHaveLength(4);
      jit.logs[key].forEach((v, i) => expect(Math.abs(v - eager.logs[key][i])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(v))));
    }
    expect(eager.logs.loss[3]).toBeLessThan(eager.logs.loss[0]);
    expect(undisposedTensors()).toBe(before);
  });

  it('refuses a jitCompile that is not a boolean', () => {
    const model = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
    expect(() => model.compile({ optimizer: 'sgd', loss: 'meanSquaredError', jitCompile: 'yes' as unknown as boolean })).toThrow(
      'compile: jitCompile must be true or false, got yes',
    );
    model.dispose();
  });
});
