/** One fit at a time per model: a second fit, compile, dispose or trainOnBatch during a fit is refused. */
import '@tensile/backend-cpu';
import { dispose, ready } from '@tensile/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Callback, LambdaCallback, layers, sequential, type Sequential } from '../src/index.js';
import { blobs } from './helpers/tiny-mlp.js';
import { values } from './helpers.js';

beforeAll(async () => {
  await ready();
});

function classifier(name: string): Sequential {
  const m = sequential({ name, layers: [layers.dense({ units: 1, activation: 'sigmoid', inputShape: [2], kernelInitializer: 'ones' })] });
  m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
  return m;
}

async function weightValues(m: Sequential): Promise<number[]> {
  const ws = m.getWeights();
  const out = (await Promise.all(ws.map((w) => values(w)))).flat();
  dispose(ws);
  return out;
}

class Throws extends Callback {
  override onEpochEnd(): void {
    throw new Error('callback failed');
  }
}

describe('fit lock', () => {
  it('a second fit while one runs is refused, and the first trains as if alone', async () => {
    const { x, y } = blobs(32);
    const m = classifier('lock_a');
    const alone = classifier('lock_b');
    const options = { epochs: 3, batchSize: 4, verbose: 0, seed: 5, yieldEvery: 'batch' } as const;
    const first = m.fit(x, y, options);
    await expect(m.fit(x, y, options)).rejects.toThrow(
      "fit: cannot start training model 'lock_a' because another fit() call is ongoing; await it before calling fit again",
    );
    const h = await first;
    expect(h.epoch).toEqual([0, 1, 2]);
    await alone.fit(x, y, options);
    expect(await weightValues(m)).toEqual(await weightValues(alone));
    // The lock is released once fit resolves.
    await expect(m.fit(x, y, { epochs: 1, verbose: 0 })).resolves.toBeDefined();
    dispose([x, y]);
    m.dispose();
    alone.dispose();
  });

  it('compile, dispose and trainOnBatch during a fit say so; evaluate is allowed', async () => {
    const { x, y } = blobs(16);
    const m = classifier('lock_c');
    let evaluated: unknown;
    const running = m.fit(x, y, {
      epochs: 2,
      batchSize: 4,
      verbose: 0,
      callbacks: [new LambdaCallback({ onEpochEnd: async () => void (evaluated = await m.evaluate(x, y)) })],
    });
    expect(() => m.compile({ optimizer: 'adam', loss: 'mse' })).toThrow(
      "compile: cannot compile model 'lock_c' while a fit() call is ongoing; compile before fit, or after it resolves",
    );
    expect(() => m.dispose()).toThrow(
      "dispose: cannot dispose model 'lock_c' while a fit() call is ongoing; set model.stopTraining = true, await fit, then dispose",
    );
    await expect(m.trainOnBatch(x, y)).rejects.toThrow(
      "trainOnBatch: cannot train model 'lock_c' while a fit() call is ongoing; await fit first",
    );
    const h = await running;
    expect(h.history.loss).toHaveLength(2);
    expect(typeof evaluated).toBe('number');
    expect(m.isDisposed).toBe(false);
    m.compile({ optimizer: 'adam', loss: 'mse' });
    expect(m.dispose().numDisposedVariables).toBe(2);
    dispose([x, y]);
  });

  it('the lock is released when fit throws, early or from a callback', async () => {
    const { x, y } = blobs(16);
    const m = classifier('lock_d');
    await expect(m.fit(x, y, { epochs: -1, verbose: 0 })).rejects.toThrow(/epochs must be a non-negative integer/);
    await expect(m.fit(x, y, { epochs: 2, verbose: 0, callbacks: [new Throws()] })).rejects.toThrow('callback failed');
    const h = await m.fit(x, y, { epochs: 1, verbose: 0 });
    expect(h.history.loss).toHaveLength(1);
    dispose([x, y]);
    m.dispose();
  });
});
