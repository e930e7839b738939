/**
 * Masks from embedding({maskZero}) through functional and Sequential models: a padded sequence
 * gives what the same sequence without its padding gives. And stateful layers: two calls on the
 * halves of a sequence give what one call on the whole gives.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ready, tensor, type Tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { input, layers, model, sequential, type Model } from '../src/index.js';
import { maxAbsDiff } from './helpers.js';
import { seededValues as seeded } from './helpers/tfjs-files.js';

beforeAll(async () => {
  await ready();
});

const TOL = 1e-6;

async function rowOf(y: Tensor | Tensor[], row: number): Promise<number[]> {
  const t = Array.isArray(y) ? y[0] : y;
  const width = t.size / t.shape[0];
  return Array.from(await t.data()).slice(row * width, (row + 1) * width);
}

/** Each row of `ids` (padded with zeros) against the model run on that row with the zeros removed. */
async function expectPaddingIgnored(m: Model, ids: number[][]): Promise<void> {
  const padded = m.predict(tensor(ids.flat(), [ids.length, ids[0].length]));
  for (const [i, row] of ids.entries()) {
    const trimmed = row.filter((v) => v !== 0);
    const alone = m.predict(tensor(trimmed, [1, trimmed.length]));
    expect(maxAbsDiff(await rowOf(padded, i), await rowOf(alone, 0))).toBeLessThanOrEqual(TOL);
  }
}

describe('masking', () => {
  const ids = [
    [3, 1, 4, 1, 5, 9],
    [2, 6, 5, 0, 0, 0],
    [0, 0, 0, 3, 5, 8],
    [9, 0, 7, 0, 0, 0],
  ];

  it('functional: embedding(maskZero) -> dropout -> lstm -> dense ignores the padded steps', async () => {
    const x = input({ shape: [null] });
    const e = layers.embedding({ inputDim: 10, outputDim: 4, maskZero: true }).apply(x);
    const h = layers.lstm({ units: 3 }).apply(layers.dropout({ rate: 0.5 }).apply(e));
    const m = model({ inputs: x, outputs: layers.dense({ units: 2 }).apply(h) });
    await expectPaddingIgnored(m, ids);
    m.dispose();
  });

  it('Sequential: embedding(maskZero) -> gru(returnSequences) -> dense -> simpleRNN: the mask reaches every recurrent layer', async () => {
    const m = sequential([
      layers.embedding({ inputDim: 10, outputDim: 4, maskZero: true, inputShape: [null] }),
      layers.gru({ units: 3, returnSequences: true }),
      layers.dense({ units: 3, activation: 'tanh' }),
      layers.simpleRNN({ units: 2 }),
    ]);
    await expectPaddingIgnored(m, ids);
    m.dispose();
  });

  it('without maskZero the padding changes the result (the check above can fail)', async () => {
    const m = sequential([layers.embedding({ inputDim: 10, outputDim: 4, inputShape: [null] }), layers.lstm({ units: 3 })]);
    const padded = m.predict(tensor(ids[1], [1, 6]));
    const alone = m.predict(tensor([2, 6, 5], [1, 3]));
    expect(maxAbsDiff(await rowOf(padded, 0), await rowOf(alone, 0))).toBeGreaterThan(1e-4);
    m.dispose();
  });

  it('names a wrong mask, embedding size or wrapped stateful layer', () => {
    const l = layers.lstm({ units: 2 });
    const x = tensor(seeded(2 * 3 * 2, 1), [2, 3, 2]);
    expect(() => l.apply(x, { mask: tensor([1, 1, 1, 1], [2, 2], 'bool') })).toThrow(/the mask must be \[2, 3\], got \[2, 2\]/);
    expect(() => layers.embedding({ inputDim: 0, outputDim: 2 })).toThrow(/inputDim must be a positive integer, got 0/);
    expect(() => layers.bidirectional({ layer: layers.lstm({ units: 2, stateful: true }) })).toThrow(/does not wrap stateful layers/);
    l.dispose();
  });

  it('a layer that does not support masking drops the mask', () => {
    const e = layers.embedding({ inputDim: 10, outputDim: 2, maskZero: true });
    const flatten = layers.flatten();
    const x = tensor([1, 0], [1, 2], 'int32');
    expect(flatten.computeMask(e.apply(x), e.computeMask(x, null) as Tensor)).toBeNull();
    e.dispose();
  });
});

describe('stateful', () => {
  it('two calls on the halves of a sequence equal one call on the whole; resetStates starts over', async () => {
    const x = seeded(2 * 6 * 3, 17);
    const half = (k: number): Tensor => {
      const rows: number[] = [];
      for (let b = 0; b < 2; b++) rows.push(...x.slice(b * 18 + k * 9, b * 18 + k * 9 + 9));
      return tensor(rows, [2, 3, 3]);
    };
    const whole = layers.lstm({ units: 4, returnSequences: true });
    const stateful = layers.lstm({ units: 4, returnSequences: true, stateful: true });
    whole.apply(tensor(x, [2, 6, 3])).dispose();
    stateful.apply(half(0)).dispose();
    stateful.setWeights(whole.getWeights());
    stateful.resetStates();
    const full = await whole.apply(tensor(x, [2, 6, 3])).data();
    const a = await stateful.apply(half(0)).data();
    const b = await stateful.apply(half(1)).data();
    const expected: number[] = [];
    for (let s = 0; s < 2; s++) expected.push(...a.slice(s * 12, s * 12 + 12), ...b.slice(s * 12, s * 12 + 12));
    expect(maxAbsDiff(full, expected)).toBeLessThanOrEqual(TOL);
    stateful.resetStates();
    expect(maxAbsDiff(await stateful.apply(half(0)).data(), a)).toBeLessThanOrEqual(TOL);
    expect(() => stateful.apply(tensor(seeded(9, 1), [1, 3, 3]))).toThrow(/carries states for batches of 2, got a batch of 1/);
    stateful.resetStates([tensor(seeded(8, 2), [2, 4]), tensor(seeded(8, 3), [2, 4])]);
    expect(Array.from(await (stateful.states ?? [])[0].data())).toEqual(Array.from(seeded(8, 2)));
    expect(() => whole.resetStates()).toThrow(/resetStates\(\) needs a stateful layer/);
    whole.dispose();
    stateful.dispose();
  });

  it('a stateful model trains with fit and leaks no tensors per epoch', async () => {
    const m = sequential([layers.simpleRNN({ units: 4, stateful: true, batchInputShape: [4, 3, 2] }), layers.dense({ units: 1 })]);
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const xs = tensor(seeded(16 * 3 * 2, 5), [16, 3, 2]);
    const ys = tensor(seeded(16, 6), [16, 1]);
    await m.fit(xs, ys, { epochs: 1, batchSize: 4, shuffle: false, verbose: 0 });
    const before = undisposedTensors();
    const h = await m.fit(xs, ys, { epochs: 2, batchSize: 4, shuffle: false, verbose: 0 });
    expect(undisposedTensors()).toBe(before);
    expect(Number.isFinite(h.history.loss[1])).toBe(true);
    m.dispose();
  });
});
