import '@tensile/backend-cpu';
import { dispose, memory, ready, setBackend } from '@tensile/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, shuffle, stepsPerEpoch, tensorsOf, trainingBatches } from '../src/batches.js';
import { loadMnist, loadMnistRaw } from '../src/data.js';

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
    const start = memory().numTensors;
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
    expect(memory().numTensors).toBe(start);
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
