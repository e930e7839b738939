import '@tensile/backend-cpu';
import { dispose, ready, setBackend } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchesInOrder, seededRandom, shuffle, stepsPerEpoch, tensorsOf, trainingBatches } from '../src/batches.js';
import { loadMnist, loadMnistRaw, openMnist } from '../src/data.js';

beforeAll(async () => {
  await ready();
  await setBackend('cpu');
});

describe('streamed batches', () => {
  it('shuffle is a seeded permutation', () => {
    const a = Uint32Array.from({ length: 100 }, (_, i) => i);
    const b = a.slice();
    shuffle(a, seededRandom(7));
    shuffle(b, seededRandom(7));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(a)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('covers every training image once per epoch, with matching labels and pixels', async () => {
    const raw = loadMnistRaw('train', { limit: 250 });
    const ref = loadMnist('train', { limit: 250 });
    const o = { batchSize: 64, from: 0, to: 230, seed: 3 };
    expect(stepsPerEpoch(o)).toBe(4);
    const start = undisposedTensors();
    const it = trainingBatches(raw, o);
    const sizes: number[] = [];
    const seen = new Map<number, number>();
    for (let s = 0; s < stepsPerEpoch(o); s++) {
      const { value } = await it.next();
      if (!value) throw new Error('stream ended');
      const [x, y] = [await value.x.data(), await value.y.data()];
      sizes.push(value.y.shape[0]);
      expect(value.x.shape.slice(1)).toEqual([28, 28, 1]);
      // Find each image among the first 230 reference images: its label must match.
      for (let i = 0; i < value.y.shape[0]; i++) {
        const img = x.subarray(i * 784, (i + 1) * 784);
        const idx = [...Array(230).keys()].find(
          (k) =>
            ref.images[k * 784 + 14 * 28 + 14] === img[14 * 28 + 14] &&
            ref.images.subarray(k * 784, (k + 1) * 784).every((v, j) => v === img[j]),
        );
        expect(idx).toBeGreaterThanOrEqual(0);
        expect(y[i]).toBe(ref.labels[idx ?? -1]);
        seen.set(idx ?? -1, (seen.get(idx ?? -1) ?? 0) + 1);
      }
      dispose([value.x, value.y]);
    }
    expect(sizes).toEqual([64, 64, 64, 38]);
    expect(seen.size).toBe(230);
    expect([...seen.values()].every((c) => c === 1)).toBe(true);
    await it.return(undefined);
    expect(undisposedTensors()).toBe(start);
  });

  it('batches read from the file are the batches from the bytes in memory, epoch after epoch', async () => {
    const raw = loadMnistRaw('train', { limit: 300 });
    const file = openMnist('train', { limit: 300 });
    const o = { batchSize: 64, from: 0, to: 270, seed: 11 };
    const a = trainingBatches(raw, o);
    const b = trainingBatches(file, o);
    try {
      // Two epochs: the second is reshuffled, and must be the same reshuffle.
      for (let s = 0; s < 2 * stepsPerEpoch(o); s++) {
        const [x, y] = [(await a.next()).value, (await b.next()).value];
        if (!x || !y) throw new Error('stream ended');
        expect(y.x.shape).toEqual(x.x.shape);
        expect(await y.x.data()).toEqual(await x.x.data());
        expect(Array.from(await y.y.data())).toEqual(Array.from(await x.y.data()));
        dispose([x.x, x.y, y.x, y.y]);
      }
    } finally {
      await a.return(undefined);
      await b.return(undefined);
      file.close();
    }
  });

  it('batchesInOrder cuts [from, to) in order, the last batch smaller, afresh at each iteration', async () => {
    const raw = loadMnistRaw('test', { limit: 50 });
    const batches = batchesInOrder(raw, 7, 50, 16);
    const start = undisposedTensors();
    for (let pass = 0; pass < 2; pass++) {
      const sizes: number[] = [];
      const labels: number[] = [];
      const pixels: number[] = [];
      for await (const { x, y } of batches) {
        sizes.push(y.shape[0]);
        labels.push(...(await y.data()));
        pixels.push(...(await x.data()));
        dispose([x, y]);
      }
      expect(sizes).toEqual([16, 16, 11]);
      expect(labels).toEqual(Array.from(raw.labels.subarray(7, 50)));
      expect(pixels).toEqual(Array.from(raw.pixels.subarray(7 * 784, 50 * 784)));
    }
    expect(undisposedTensors()).toBe(start);
    expect(() => batchesInOrder(raw, 10, 10, 16)).toThrow(/no images in \[10, 10\) of 50/);
    expect(() => batchesInOrder(raw, 0, 10, 0)).toThrow(/batchSize must be a positive integer, got 0/);
  });

  it('tensorsOf keeps the order', async () => {
    const raw = loadMnistRaw('test', { limit: 20 });
    const { x, y } = tensorsOf(raw, 5, 20);
    expect(x.shape).toEqual([15, 28, 28, 1]);
    expect(Array.from(await y.data())).toEqual(Array.from(raw.labels.subarray(5, 20)));
    expect(Array.from(await x.data())).toEqual(Array.from(raw.pixels.subarray(5 * 784, 20 * 784)));
    dispose([x, y]);
  });
});
