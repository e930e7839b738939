/**
 * customGrad inside model training: a layer whose op passes values through unchanged but whose
 * gradient is zero (a stop-gradient written with customGrad) freezes every layer before it in
 * fit, while the layers after it train. Without it, the first layer trains too.
 */
import { describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { customGrad, ready, tensor, zerosLike, type Tensor } from '@tensile/core';
import { Layer, layers, sequential, type CallOptions } from '../src/index.js';
import { maxAbsDiff } from './helpers.js';

const stopGradient = customGrad((x: Tensor) => ({ value: x, gradFunc: (dy) => zerosLike(dy) }));

class StopGradient extends Layer {
  static override readonly className = 'StopGradient';
  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    return stopGradient(Array.isArray(inputs) ? inputs[0] : inputs);
  }
}

async function trainedChange(gate: boolean): Promise<{ first: number; last: number; forwardSame: number }> {
  await ready();
  const first = layers.dense({ units: 3, inputShape: [2], activation: 'tanh' });
  const last = layers.dense({ units: 1 });
  const m = sequential({ layers: gate ? [first, new StopGradient({}), last] : [first, last] });
  m.compile({ optimizer: 'sgd', loss: 'mse' });
  const x = tensor([0.1, 0.7, -0.4, 0.3, 0.9, -0.8, 0.2, 0.5], [4, 2]);
  const y = tensor([1, -1, 0.5, 2], [4, 1]);
  const w0 = first.getWeights().map((w) => Array.from(w.dataSync()));
  const v0 = last.getWeights().map((w) => Array.from(w.dataSync()));
  const predicted = m.predict(x);
  const forwardSame = maxAbsDiff((Array.isArray(predicted) ? predicted[0] : predicted).dataSync(), last.apply(first.apply(x)).dataSync());
  await m.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0 });
  const w1 = first.getWeights().map((w) => Array.from(w.dataSync()));
  const v1 = last.getWeights().map((w) => Array.from(w.dataSync()));
  const change = (a: number[][], b: number[][]) => Math.max(...a.map((w, i) => maxAbsDiff(w, b[i])));
  return { first: change(w0, w1), last: change(v0, v1), forwardSame };
}

describe('customGrad in fit', () => {
  it('a zero custom gradient freezes the layers before it; the rest train', async () => {
    const gated = await trainedChange(true);
    expect(gated.forwardSame).toBeLessThanOrEqual(1e-6);
    expect(gated.first).toBe(0);
    expect(gated.last).toBeGreaterThan(1e-4);
    const plain = await trainedChange(false);
    expect(plain.first).toBeGreaterThan(1e-4);
  });
});
