/** data.array / data.generator / Dataset transforms, and model.fitDataset / evaluateDataset. */
import '@tensile/backend-cpu';
import { type Tensor, mul, ready, tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Dataset, data, layers, sequential } from '../src/index.js';

beforeAll(async () => {
  await ready();
});

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

async function collect(ds: Dataset<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const x of ds) out.push(x);
  return out;
}

describe('Dataset', () => {
  it('batch stacks tensors, numbers and nested records; the last batch is smaller unless dropped', async () => {
    const rows = range(5).map((i) => ({ xs: tensor([i, 10 * i]), ys: i % 2, tag: [i, -i] }));
    const before = undisposedTensors();
    const batches = (await collect(data.array(rows).batch(2))) as { xs: Tensor; ys: Tensor; tag: Tensor[] }[];
    expect(batches.map((b) => b.xs.shape)).toEqual([
      [2, 2],
      [2, 2],
      [1, 2],
    ]);
    expect(await batches[1].xs.array()).toEqual([
      [2, 20],
      [3, 30],
    ]);
    expect(Array.from(batches[1].ys.dataSync())).toEqual([0, 1]);
    expect(batches[2].ys.dtype).toBe('float32');
    expect(Array.from(batches[0].tag[1].dataSync())).toEqual([-0, -1]);
    for (const b of batches) for (const t of [b.xs, b.ys, ...b.tag]) t.dispose();
    expect(undisposedTensors()).toBe(before);
    expect(rows[0].xs.isDisposed).toBe(false);
    expect((await collect(data.array(range(5)).batch(2, false))).length).toBe(2);
    expect(data.array(range(5)).batch(2).size).toBe(3);
  });

  it('shuffle is a permutation, repeatable by seed, reshuffled per iteration, with any buffer size', async () => {
    const ds = data.array(range(50)).shuffle(50, 7);
    const a = (await collect(ds)) as number[];
    const b = (await collect(ds)) as number[];
    expect([...a].sort((x, y) => x - y)).toEqual(range(50));
    expect([...b].sort((x, y) => x - y)).toEqual(range(50));
    expect(a).not.toEqual(range(50));
    expect(a).not.toEqual(b);
    expect(await collect(data.array(range(50)).shuffle(50, 7))).toEqual(a);
    expect(await collect(data.array(range(50)).shuffle(50, 7, false))).toEqual(await collect(data.array(range(50)).shuffle(50, 7, false)));
    const small = (await collect(data.array(range(30)).shuffle(4, 1))) as number[];
    expect([...small].sort((x, y) => x - y)).toEqual(range(30));
    // A buffer of 4 moves an element at most 3 places earlier.
    small.forEach((v, i) => expect(v).toBeLessThanOrEqual(i + 3));
  });

  it('map, filter, take, skip, repeat and prefetch', async () => {
    const ds = data.array(range(10));
    expect(await collect(ds.map((x) => x * 2).filter((x) => x % 3 === 0))).toEqual([0, 6, 12, 18]);
    expect(await collect(ds.skip(3).take(4))).toEqual([3, 4, 5, 6]);
    expect(await collect(ds.take(3).repeat(2))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(await collect(ds.repeat().take(12))).toEqual([...range(10), 0, 1]);
    expect(await collect(ds.prefetch(3))).toEqual(range(10));
    expect(ds.take(3).repeat(2).size).toBe(6);
    expect(await ds.map((x) => x + 1).toArray()).toEqual(range(10).map((x) => x + 1));
  });

  it('map disposes the input tensors its output does not keep', async () => {
    const before = undisposedTensors();
    const out = (await collect(data.array([tensor([1, 2]), tensor([3, 4])]).map((t) => mul(t as Tensor, 2)))) as Tensor[];
    expect(undisposedTensors()).toBe(before + 2 + 2);
    expect(Array.from(out[1].dataSync())).toEqual([6, 8]);
    for (const t of out) t.dispose();
  });

  it('generator takes sync and async generator functions, afresh on every iteration', async () => {
    let calls = 0;
    const sync = data.generator(function* () {
      calls++;
      for (let i = 0; i < 3; i++) yield i;
    });
    expect(await collect(sync)).toEqual([0, 1, 2]);
    expect(await collect(sync)).toEqual([0, 1, 2]);
    expect(calls).toBe(2);
    const asyncDs = data.generator(async function* () {
      for (let i = 0; i < 4; i++) {
        await new Promise((r) => setTimeout(r, 1));
        yield { xs: [i, i], ys: [i] };
      }
    });
    const batches = (await collect(asyncDs.batch(2).prefetch(2))) as { xs: Tensor[]; ys: Tensor[] }[];
    expect(batches.length).toBe(2);
    expect(Array.from(batches[1].xs[0].dataSync())).toEqual([2, 3]);
    for (const b of batches) for (const t of [...b.xs, ...b.ys]) t.dispose();
  });

  it('zip pairs datasets into records', async () => {
    const z = data.zip({ xs: data.array([1, 2, 3]), ys: data.array([4, 5]) });
    expect(await collect(z)).toEqual([
      { xs: 1, ys: 4 },
      { xs: 2, ys: 5 },
    ]);
    expect(z.size).toBe(2);
  });

  it('refuses bad arguments, naming the call', () => {
    const ds = data.array([1]);
    expect(() => ds.batch(0)).toThrow(/Dataset.batch: batchSize must be an integer >= 1, got 0/);
    expect(() => ds.shuffle(1.5)).toThrow(/Dataset.shuffle: bufferSize must be an integer >= 1, got 1.5/);
    expect(() => data.generator(5 as never)).toThrow(/data.generator: expected a function/);
    expect(() => data.array('abc' as never)).toThrow(/data.array: expected an array/);
  });
});

describe('fitDataset', () => {
  const N = 64;
  const X = range(N * 2).map((i) => Math.sin(i * 1.7));
  const Y = range(N).map((i) => 0.5 * X[2 * i] - 2 * X[2 * i + 1] + 0.3);

  function model() {
    const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'zeros' })] });
    m.compile({ optimizer: { className: 'SGD', config: { learningRate: 0.1 } }, loss: 'mse' });
    return m;
  }

  function rows(): Dataset<{ xs: Tensor; ys: Tensor }> {
    const items = range(N).map((i) => ({ xs: tensor(X.slice(2 * i, 2 * i + 2)), ys: tensor([Y[i]]) }));
    return data.array(items);
  }

  it('trains a linear model to the generating weights; equals fit on the same batches', async () => {
    const m = model();
    const ds = rows().batch(8);
    const before = undisposedTensors();
    const h = await m.fitDataset(ds, { epochs: 30, verbose: 0 });
    expect(undisposedTensors()).toBe(before);
    expect(h.history.loss.at(-1)).toBeLessThan(1e-3);
    const [k, b] = m.getWeights().map((t) => Array.from(t.dataSync()));
    expect(k[0]).toBeCloseTo(0.5, 1);
    expect(k[1]).toBeCloseTo(-2, 1);
    expect(b[0]).toBeCloseTo(0.3, 1);
    const ref = model();
    await ref.fit(tensor(X, [N, 2]), tensor(Y, [N, 1]), { epochs: 30, batchSize: 8, shuffle: false, verbose: 0 });
    ref
      .getWeights()
      .forEach((t, i) => Array.from(t.dataSync()).forEach((v, j) => expect(v).toBeCloseTo(m.getWeights()[i].dataSync()[j], 5)));
    m.dispose();
    ref.dispose();
  });

  it('batchesPerEpoch continues one iterator across epochs; validation datasets give val_ logs', async () => {
    const m = model();
    let calls = 0;
    const gen = data.generator(function* () {
      calls++;
      for (let i = 0; i < N; i++) yield [tensor(X.slice(2 * i, 2 * i + 2)), tensor([Y[i]])];
    });
    const h = await m.fitDataset(gen.batch(16).repeat(), {
      epochs: 3,
      batchesPerEpoch: 2,
      validationData: rows().batch(32),
      validationBatches: 1,
      verbose: 0,
    });
    expect(calls).toBe(2);
    expect(Object.keys(h.history)).toEqual(['loss', 'val_loss']);
    const loss = (await m.evaluateDataset(rows().batch(16))) as number;
    expect(loss).toBeGreaterThan(0);
    m.dispose();
  });

  it('takes [x, y] tensors as validationData and shuffled datasets', async () => {
    const m = model();
    const h = await m.fitDataset(rows().shuffle(N, 3).batch(8).prefetch(2), {
      epochs: 20,
      validationData: [tensor(X, [N, 2]), tensor(Y, [N, 1])],
      verbose: 0,
    });
    expect(h.history.val_loss.at(-1)).toBeLessThan(1e-2);
    m.dispose();
  });

  it('refuses unbatched elements and a missing epochs, naming fitDataset', async () => {
    const m = model();
    await expect(m.fitDataset(data.array([1, 2]), { epochs: 1, verbose: 0 })).rejects.toThrow(
      /fitDataset: each dataset element must be a batch \{xs, ys\}/,
    );
    await expect(m.fitDataset(rows().batch(4), {} as never)).rejects.toThrow(
      /fitDataset: epochs must be a positive integer, got undefined/,
    );
    await expect(m.fitDataset([1, 2] as never, { epochs: 1 })).rejects.toThrow(/fitDataset: expected a Dataset/);
    m.dispose();
  });
});
