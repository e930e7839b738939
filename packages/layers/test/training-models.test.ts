/** Training the real model classes: sequential(), a two-output functional model, and LeNet-5. */
import '@tensile/backend-cpu';
import { dispose, randomNormal, randomUniform, ready, tidy, type Tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { layers, model, sequential } from '../src/index.js';
import { LambdaCallback } from '../src/callbacks/lambda-callback.js';
import { compile, evaluate, fit, predict } from '../src/training/index.js';
import { lenet5 } from './lenet.js';
import { xorData } from './helpers/tiny-mlp.js';

beforeAll(async () => {
  await ready();
});

describe('training the model classes', () => {
  it('sequential() learns XOR with sparse labels', async () => {
    const { x, labels } = xorData(8);
    const m = sequential({
      layers: [layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }), layers.dense({ units: 2, activation: 'softmax' })],
    });
    compile(m, {
      optimizer: { className: 'adam', config: { learningRate: 0.05 } },
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
    });
    const h = await fit(m, x, labels, { epochs: 100, batchSize: 16, verbose: 0, seed: 1 });
    expect(h.history.accuracy.at(-1)).toBe(1);
    expect(((await evaluate(m, x, labels)) as number[])[1]).toBe(1);
    dispose([x, labels]);
    m.dispose();
  });

  it('a two-output functional model: a loss per output, per-output logs', async () => {
    const inp = layers.input({ shape: [2] });
    const hidden = layers.dense({ units: 8, activation: 'tanh' }).apply(inp);
    const cls = layers.dense({ units: 2, activation: 'softmax', name: 'cls' }).apply(hidden);
    const reg = layers.dense({ units: 1, name: 'reg' }).apply(hidden);
    const m = model({ inputs: inp, outputs: [cls, reg] });
    const { x, y } = xorData(4);
    const target = tidy(() => randomUniform([16, 1], 0, 1, 'float32', 3));
    compile(m, {
      optimizer: 'adam',
      loss: { cls: 'categorical_crossentropy', reg: 'mse' },
      metrics: { cls: ['accuracy'] },
      lossWeights: { cls: 1, reg: 0.5 },
    });
    const h = await fit(m, x, { cls: y, reg: target }, { epochs: 3, batchSize: 8, verbose: 0 });
    expect(Object.keys(h.history)).toEqual(['loss', 'cls_loss', 'reg_loss', 'cls_accuracy']);
    h.history.loss.forEach((l, i) => expect(l).toBeCloseTo(h.history.cls_loss[i] + 0.5 * h.history.reg_loss[i], 4));
    const out = predict(m, x, { batchSize: 5 }) as Tensor[];
    expect(out.map((t) => t.shape)).toEqual([
      [16, 2],
      [16, 1],
    ]);
    dispose([x, y, target, out]);
    m.dispose();
  });

  it('LeNet-5: numTensors is the same after epoch 1 and epoch 2', async () => {
    const m = lenet5();
    const x = randomNormal([12, 32, 32, 1], 0, 1, 'float32', 5);
    const labels = tidy(() => randomUniform([12], 0, 10, 'int32', 6));
    compile(m, { optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const counts: number[] = [];
    await fit(m, x, labels, {
      epochs: 2,
      batchSize: 4,
      validationSplit: 0.25,
      verbose: 0,
      callbacks: [new LambdaCallback({ onEpochEnd: () => void counts.push(undisposedTensors()) })],
    });
    expect(counts[1]).toBe(counts[0]);
    dispose([x, labels]);
    m.dispose();
  });
});
