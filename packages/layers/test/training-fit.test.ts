/** fit / evaluate / predict / trainOnBatch on a real little MLP (helpers/tiny-mlp.ts). */
import { Tensor, dispose, ready, slice, tensor, tidy } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LambdaCallback } from '../src/callbacks/lambda-callback.js';
import { compile, evaluate, fit, predict, trainOnBatch } from '../src/training/index.js';
import { blobs, TinyMLP, xorData } from './helpers/tiny-mlp.js';

beforeAll(async () => {
  await ready();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('fit', () => {
  it('learns XOR and reports Keras names', async () => {
    const { x, y } = xorData(8);
    const model = new TinyMLP({ inputs: 2, hidden: 8, outputs: 2, seed: 7 });
    compile(model, {
      optimizer: { className: 'Adam', config: { learningRate: 0.05 } },
      loss: 'categorical_crossentropy',
      metrics: ['accuracy'],
    });
    const history = await fit(model, x, y, { epochs: 150, batchSize: 8, verbose: 0, seed: 1 });
    expect(Object.keys(history.history)).toEqual(['loss', 'accuracy']);
    expect(history.history.loss).toHaveLength(150);
    expect(history.epoch[149]).toBe(149);
    expect(history.history.accuracy.at(-1)).toBe(1);
    expect(history.history.loss.at(-1)).toBeLessThan(history.history.loss[0] / 10);
    const [loss, acc] = (await evaluate(model, x, y)) as number[];
    expect(acc).toBe(1);
    expect(loss).toBeLessThan(0.1);
    dispose([x, y]);
    model.dispose();
  });

  it('separates two blobs with binary crossentropy; validationSplit gives val_ logs', async () => {
    const { x, y } = blobs(200);
    const model = new TinyMLP({ inputs: 2, hidden: 4, outputs: 1, activation: 'sigmoid', seed: 2 });
    compile(model, { optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: ['acc'] });
    model.saves.length = 0;
    const history = await fit(model, x, y, { epochs: 20, batchSize: 16, validationSplit: 0.25, verbose: 0, seed: 3 });
    expect(Object.keys(history.history)).toEqual(['loss', 'acc', 'val_loss', 'val_acc']);
    expect(history.history.val_acc.at(-1)).toBeGreaterThanOrEqual(0.95);
    dispose([x, y]);
    model.dispose();
  });

  it('numTensors is the same after epoch 1 and epoch 2, and back after fit', async () => {
    const { x, y } = blobs(64);
    const model = new TinyMLP({ inputs: 2, hidden: 4, outputs: 1, activation: 'sigmoid' });
    compile(model, { optimizer: 'adam', loss: 'mse', metrics: ['mae', 'accuracy'] });
    const counts: number[] = [];
    const before = undisposedTensors();
    await fit(model, x, y, {
      epochs: 3,
      batchSize: 10,
      validationSplit: 0.2,
      verbose: 0,
      callbacks: [new LambdaCallback({ onEpochEnd: () => void counts.push(undisposedTensors()) })],
    });
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
    // What remains is the optimizer's state: m and v per weight.
    expect(undisposedTensors()).toBe(before + 2 * model.trainableWeights.length);
    dispose([x, y]);
    model.dispose();
  });

  it('reads values back once per epoch (plus once per validation), not per batch', async () => {
    const { x, y } = blobs(100);
    const model = new TinyMLP({ inputs: 2, hidden: 4, outputs: 1, activation: 'sigmoid' });
    compile(model, { optimizer: 'sgd', loss: 'mse', metrics: ['mae'] });
    const data = vi.spyOn(Tensor.prototype, 'data');
    const dataSync = vi.spyOn(Tensor.prototype, 'dataSync');
    await fit(model, x, y, { epochs: 3, batchSize: 10, verbose: 0 });
    expect(data).toHaveBeenCalledTimes(3);
    data.mockClear();
    await fit(model, x, y, { epochs: 2, batchSize: 10, verbose: 0, validationSplit: 0.2 });
    expect(data).toHaveBeenCalledTimes(4);
    expect(dataSync).not.toHaveBeenCalled();
    dispose([x, y]);
    model.dispose();
  });

  it('the same seed gives the same run', async () => {
    const { x, y } = blobs(48);
    const run = async (): Promise<number[]> => {
      const model = new TinyMLP({ inputs: 2, hidden: 4, outputs: 1, activation: 'sigmoid', seed: 5 });
      compile(model, { optimizer: 'adam', loss: 'mse' });
      const h = await fit(model, x, y, { epochs: 3, batchSize: 8, verbose: 0, seed: 42 });
      model.dispose();
      return h.history.loss;
    };
    expect(await run()).toEqual(await run());
    dispose([x, y]);
  });

  it('initialEpoch resumes the epoch count; stopTraining ends the run', async () => {
    const { x, y } = blobs(16);
    const model = new TinyMLP({ inputs: 2, hidden: 4, outputs: 1, activation: 'sigmoid' });
    compile(model, { optimizer: 'sgd', loss: 'mse' });
    const h = await fit(model, x, y, { epochs: 5, initialEpoch: 3, verbose: 0 });
    expect(h.epoch).toEqual([3, 4]);
    const stopper = new LambdaCallback({ onEpochEnd: (epoch) => void (epoch === 1 && (model.stopTraining = true)) });
    expect((await fit(model, x, y, { epochs: 10, verbose: 0, callbacks: [stopper] })).epoch).toEqual([0, 1]);
    dispose([x, y]);
    model.dispose();
  });

  it('rejects an uncompiled model and mismatched data with clear errors', async () => {
    const model = new TinyMLP({ inputs: 2, hidden: 4, outputs: 2 });
    const x = tensor([[1, 2]]);
    await expect(fit(model, x, x, { verbose: 0 })).rejects.toThrow(/not compiled; call model.compile/);
    compile(model, { optimizer: 'sgd', loss: 'mse' });
    const y = tensor([
      [1, 0],
      [0, 1],
    ]);
    await expect(fit(model, x, y, { verbose: 0 })).rejects.toThrow(/same number of samples/);
    await expect(fit(model, x, [y, y], { verbose: 0 })).rejects.toThrow(/1 outputs \(output\) but y has 2 tensors/);
    dispose([x, y]);
    model.dispose();
  });
});

describe('fit on an async iterable', () => {
  /** A re-iterable source: each epoch gets a fresh iterator making fresh batch tensors. */
  function batchesOf(x: Tensor, y: Tensor, size: number): AsyncIterable<{ x: Tensor; y: Tensor }> {
    const n = x.shape[0];
    return {
      async *[Symbol.asyncIterator]() {
        for (let s = 0; s < n; s += size) {
          const k = Math.min(size, n - s);
          yield { x: slice(x, [s, 0], [k, x.shape[1]]), y: slice(y, [s, 0], [k, y.shape[1]]) };
        }
      },
    };
  }

  it('trains, validates, and frees the batches it is given', async () => {
    const { x, y } = blobs(96);
    const model = new TinyMLP({ inputs: 2, hidden: 4, outputs: 1, activation: 'sigmoid', seed: 4 });
    compile(model, {
      optimizer: { className: 'adam', config: { learningRate: 0.05 } },
      loss: 'binary_crossentropy',
      metrics: ['accuracy'],
    });
    const counts: number[] = [];
    const history = await fit(model, batchesOf(x, y, 16), {
      epochs: 8,
      verbose: 0,
      validationData: batchesOf(x, y, 32),
      callbacks: [new LambdaCallback({ onEpochEnd: () => void counts.push(undisposedTensors()) })],
    });
    expect(Object.keys(history.history)).toEqual(['loss', 'accuracy', 'val_loss', 'val_accuracy']);
    expect(history.history.val_accuracy.at(-1)).toBeGreaterThanOrEqual(0.95);
    expect(new Set(counts.slice(1)).size).toBe(1);
    // evaluate over batches gives the same numbers as over the tensors.
    const fromBatches = (await evaluate(model, batchesOf(x, y, 10))) as number[];
    const fromTensors = (await evaluate(model, x, y, { batchSize: 7 })) as number[];
    fromBatches.forEach((v, i) => expect(v).toBeCloseTo(fromTensors[i], 5));
    dispose([x, y]);
    model.dispose();
  });

  it('a one-shot generator needs stepsPerEpoch, and says so', async () => {
    const model = new TinyMLP({ inputs: 2, hidden: 4, outputs: 1, activation: 'sigmoid' });
    compile(model, { optimizer: 'sgd', loss: 'mse' });
    async function* gen(count: number): AsyncGenerator<{ x: Tensor; y: Tensor }> {
      for (let i = 0; i < count; i++) yield { x: tensor([[i, 1]]), y: tensor([[1]]) };
    }
    await expect(fit(model, gen(3), { epochs: 2, verbose: 0 })).rejects.toThrow(/iterated once only.*stepsPerEpoch/);
    const h = await fit(model, gen(6), { epochs: 3, stepsPerEpoch: 2, verbose: 0 });
    expect(h.epoch).toEqual([0, 1, 2]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const short = await fit(model, gen(3), { epochs: 3, stepsPerEpoch: 2, verbose: 0 });
    expect(short.epoch).toEqual([0, 1]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/ran out/));
    model.dispose();
  });
});

describe('evaluate, predict, trainOnBatch', () => {
  it('evaluate matches the loss computed on the whole set; includes regularization', async () => {
    const { x, y } = xorData(5);
    const plain = new TinyMLP({ inputs: 2, hidden: 3, outputs: 2, seed: 9 });
    const reg = new TinyMLP({ inputs: 2, hidden: 3, outputs: 2, seed: 9, l2: 0.01 });
    compile(plain, { optimizer: 'sgd', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    compile(reg, { optimizer: 'sgd', loss: 'categorical_crossentropy' });
    const whole = tidy(() => {
      const p = plain.apply(x);
      return -Array.from(tidy(() => p.dataSync())).reduce((acc, v, i) => acc + (y.dataSync()[i] ? Math.log(v) : 0), 0) / x.shape[0];
    });
    const [loss, acc] = (await evaluate(plain, x, y, { batchSize: 6 })) as number[];
    expect(loss).toBeCloseTo(whole, 5);
    expect(acc).toBeGreaterThanOrEqual(0);
    const penalty = 0.01 * reg.values()[0].reduce((a, w) => a + w * w, 0);
    expect((await evaluate(reg, x, y, { batchSize: 7 })) as number).toBeCloseTo(whole + penalty, 5);
    expect(await evaluate(plain, x, y, { returnDict: true })).toEqual({ loss: expect.closeTo(whole, 5), accuracy: acc });
    dispose([x, y]);
    plain.dispose();
    reg.dispose();
  });

  it('predict in batches equals one pass, and leaks nothing', () => {
    const { x } = blobs(50);
    const model = new TinyMLP({ inputs: 2, hidden: 4, outputs: 3 });
    const before = undisposedTensors();
    const batched = predict(model, x, { batchSize: 7 }) as Tensor;
    const once = predict(model, x, { batchSize: 64 }) as Tensor;
    expect(batched.shape).toEqual([50, 3]);
    Array.from(batched.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(once.dataSync()[i], 6));
    dispose([batched, once]);
    expect(undisposedTensors()).toBe(before);
    dispose(x);
    model.dispose();
  });

  it('trainOnBatch takes one step and returns its values', async () => {
    const { x, y } = xorData(2);
    const model = new TinyMLP({ inputs: 2, hidden: 4, outputs: 2 });
    compile(model, { optimizer: 'sgd', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const w0 = model.values()[0];
    const [loss, acc] = (await trainOnBatch(model, x, y)) as number[];
    expect(loss).toBeGreaterThan(0);
    expect(acc).toBeGreaterThanOrEqual(0);
    expect(model.values()[0]).not.toEqual(w0);
    const again = (await trainOnBatch(model, x, y)) as number[];
    expect(again[0]).toBeLessThan(loss);
    dispose([x, y]);
    model.dispose();
  });
});
