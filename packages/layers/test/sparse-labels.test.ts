/** Sparse crossentropy labels outside [0, classes) or not integers are refused by fit and evaluate, before any step. */
import '@tensile/backend-cpu';
import { ArgumentError, Tensor, dispose, ready, tensor } from '@tensile/core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { layers, sequential, type Batch, type Sequential } from '../src/index.js';
import { values } from './helpers.js';

beforeAll(async () => {
  await ready();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Three classes from two features. */
function classifier(): Sequential {
  const m = sequential([layers.dense({ units: 3, activation: 'softmax', inputShape: [2], kernelInitializer: 'ones' })]);
  m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

const X = (): Tensor =>
  tensor([
    [0, 1],
    [1, 0],
    [1, 1],
    [0, 0],
    [2, 1],
    [1, 2],
  ]);

async function* batches(x: Tensor, y: Tensor): AsyncGenerator<Batch> {
  yield { x, y };
}

describe('sparse labels', () => {
  it('fit refuses a label >= classes, naming the loss, the value, its index and the range; no step runs', async () => {
    const m = classifier();
    const x = X();
    const y = tensor([0, 1, 2, 1, 0, 3], undefined, 'int32');
    const before = await values(m.layers[0].weights[0]);
    const fit = m.fit(x, y, { epochs: 2, verbose: 0 });
    await expect(fit).rejects.toThrow(ArgumentError);
    await expect(fit).rejects.toThrow(
      "fit: sparse_categorical_crossentropy got label 3 at y[5], outside the valid range; labels must be integers in [0, 3) (the model's output has 3 classes)",
    );
    expect(await values(m.layers[0].weights[0])).toEqual(before);
    // The same labels in range train.
    const good = tensor([0, 1, 2, 1, 0, 2], undefined, 'int32');
    await expect(m.fit(x, good, { epochs: 1, verbose: 0 })).resolves.toBeDefined();
    dispose([x, y, good]);
    m.dispose();
  });

  it('fit refuses negative and fractional labels, at their index in a [batch, 1] target', async () => {
    const m = classifier();
    const x = X();
    const negative = tensor([[0], [1], [-1], [1], [0], [2]]);
    const fraction = tensor([[0], [1], [2], [1.5], [0], [2]]);
    await expect(m.fit(x, negative, { verbose: 0 })).rejects.toThrow(
      'fit: sparse_categorical_crossentropy got label -1 at y[2, 0], outside the valid range',
    );
    await expect(m.fit(x, fraction, { verbose: 0 })).rejects.toThrow(
      "fit: sparse_categorical_crossentropy got label 1.5 at y[3, 0], not an integer class index; labels must be integers in [0, 3) (the model's output has 3 classes)",
    );
    dispose([x, negative, fraction]);
    m.dispose();
  });

  it('evaluate, validationData and the first batch of a dataset are checked too', async () => {
    const m = classifier();
    const x = X();
    const good = tensor([0, 1, 2, 1, 0, 2], undefined, 'int32');
    const bad = tensor([0, 1, 7, 1, 0, 2], undefined, 'int32');
    await expect(m.evaluate(x, bad)).rejects.toThrow(
      'evaluate: sparse_categorical_crossentropy got label 7 at y[2], outside the valid range',
    );
    await expect(m.fit(x, good, { verbose: 0, validationData: [x, bad] })).rejects.toThrow(
      'fit: sparse_categorical_crossentropy got label 7 at validationData y[2], outside the valid range',
    );
    await expect(m.fit(batches(x, bad), { verbose: 0, disposeBatches: false })).rejects.toThrow(
      "fit: sparse_categorical_crossentropy got label 7 at the first batch's y[2], outside the valid range",
    );
    await expect(m.evaluate(batches(x, bad))).rejects.toThrow(
      "evaluate: sparse_categorical_crossentropy got label 7 at the first batch's y[2]",
    );
    dispose([x, good, bad]);
    m.dispose();
  });

  it('labels are read back once per fit, not once per batch', async () => {
    const m = classifier();
    const x = X();
    const y = tensor([0, 1, 2, 1, 0, 2], undefined, 'int32');
    const data = vi.spyOn(Tensor.prototype, 'data');
    await m.fit(x, y, { epochs: 3, batchSize: 2, verbose: 0 });
    // Three epoch-end reports plus the one label check.
    expect(data).toHaveBeenCalledTimes(4);
    dispose([x, y]);
    m.dispose();
  });
});
