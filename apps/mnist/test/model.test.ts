import '@tensile/backend-cpu';
import { ready, tensor4d } from '@tensile/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../src/data.js';
import { LENET5_PARAMS, MNIST_MEAN, MNIST_STD, lenet5, lenet5Relu } from '../src/model.js';

beforeAll(async () => {
  await ready();
});

describe('LeNet-5', () => {
  it('has the 61,706 parameters of the table, layer by layer', () => {
    const m = lenet5({ seed: 1 });
    expect(m.countParams()).toBe(LENET5_PARAMS);
    expect(m.countParams()).toBe(61_706);
    expect(m.layers.map((l) => l.countParams())).toEqual([0, 0, 156, 0, 2416, 0, 48120, 0, 10164, 850]);
    expect(m.inputShapes[0]).toEqual([null, 28, 28, 1]);
    expect(m.outputShapes[0]).toEqual([null, 10]);
    const lines: string[] = [];
    m.summary({ printFn: (l: string) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/61,?706/);
    m.dispose();
  });

  it('takes raw pixels 0..255 and pads, then standardises them as the old host pipeline did', async () => {
    const m = lenet5({ seed: 1 });
    expect(m.layers.slice(0, 3).map((l) => l.className)).toEqual(['ZeroPadding2D', 'Rescaling', 'Conv2D']);
    const d = loadMnist('test', { limit: 2 });
    let x = tensor4d(d.images, [2, 28, 28, 1]);
    for (const layer of m.layers.slice(0, 2)) x = layer.apply(x);
    expect(x.shape).toEqual([2, 32, 32, 1]);
    const got = await x.data();
    // What data.ts fed the model before: a zero (black) border of 2, then (p/255 - mean) / std for
    // every pixel, border included.
    const want = new Float32Array(2 * 32 * 32).fill((0 - MNIST_MEAN) / MNIST_STD);
    for (let i = 0; i < 2; i++) {
      for (let r = 0; r < 28; r++) {
        for (let c = 0; c < 28; c++)
          want[i * 1024 + (r + 2) * 32 + c + 2] = (d.images[i * 784 + r * 28 + c] / 255 - MNIST_MEAN) / MNIST_STD;
      }
    }
    let maxDiff = 0;
    for (let i = 0; i < want.length; i++) maxDiff = Math.max(maxDiff, Math.abs(got[i] - want[i]));
    expect(maxDiff).toBeLessThan(1e-5);
    expect(got[0]).toBeCloseTo(-0.1307 / 0.3081, 5);
    // The unit normalisation is x / 255.
    const unit = lenet5({ seed: 1, norm: 'unit' }).layers[1].getConfig();
    expect([unit.scale, unit.offset]).toEqual([1 / 255, 0]);
    m.dispose();
  });

  it('lenet5-relu has the same shape with relu and max pooling', () => {
    const m = lenet5Relu({ seed: 1 });
    expect(m.countParams()).toBe(61_706);
    expect(m.layers.map((l) => l.className)).toContain('MaxPooling2D');
    m.dispose();
  });
});
