// time() and profile() against TensorFlow.js 4.22's on its CPU backend, for ops that are one
// kernel in both: the counts of bytes and tensors each kernel adds, the shapes, and the totals.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as ts from '@tensile/core';
import '../src/index.js';

const VALUES = Array.from({ length: 12 }, (_, i) => (i - 5) / 3);

describe('profile', () => {
  it('reports each kernel, the new and peak bytes, as TF.js does', async () => {
    await tf.setBackend('cpu');
    const x = ts.tensor(VALUES, [3, 4]);
    const tx = tf.tensor(VALUES, [3, 4]);
    const ours = await ts.profile(() => {
      const kept = ts.square(x);
      const total = ts.tidy(() => ts.sum(ts.add(ts.mul(x, kept), x), 1));
      return [kept, total];
    });
    const startBytes = ts.memory().numBytes - ours.newBytes;
    const theirStart = tf.memory().numBytes;
    const theirs = await tf.profile(() => {
      const kept = tf.square(tx);
      const total = tf.tidy(() => tf.sum(tf.add(tf.mul(tx, kept), tx), 1));
      return [kept, total];
    });
    expect(ours.newBytes).toBe(theirs.newBytes);
    expect(ours.newTensors).toBe(theirs.newTensors);
    expect(ours.peakBytes - startBytes).toBe(theirs.peakBytes - theirStart);
    expect(ours.kernelNames).toEqual(['square', 'mul', 'add', 'sum']);
    expect(ours.kernels.map((k) => k.kernel)).toEqual(['unary', 'binary', 'binary', 'reduce']);
    expect(ours.kernels.map((k) => [k.bytesAdded, k.tensorsAdded, k.inputShapes, k.outputShapes])).toEqual(
      theirs.kernels.map((k) => [k.bytesAdded, k.tensorsAdded, k.inputShapes, k.outputShapes]),
    );
    for (const k of ours.kernels) expect(typeof k.kernelTimeMs).toBe('number');
    const [kept, total] = ours.result;
    expect([...total.dataSync()]).toEqual([...(theirs.result as tf.Tensor[])[1].dataSync()]);
    ts.dispose([x, kept, total]);
    tf.dispose([tx, theirs.result]);
  });

  it('awaits an async f, and rejects with the error f throws', async () => {
    const x = ts.tensor([1, 2, 3]);
    const info = await ts.profile(async () => {
      const y = ts.exp(x);
      await y.data();
      return y;
    });
    expect(info.kernelNames).toEqual(['exp']);
    expect(info.newTensors).toBe(1);
    expect(info.newBytes).toBe(12);
    ts.dispose([x, info.result]);
    await expect(ts.profile(() => ts.add(ts.tensor([1, 2]), ts.tensor([1, 2, 3])))).rejects.toThrow(ts.ShapeError);
  });
});

describe('time', () => {
  it('reports wall time and, on cpu, the time inside kernels', async () => {
    const a = ts.randomUniform([64, 64]);
    const info = await ts.time(() => {
      ts.tidy(() => ts.matMul(a, a));
    });
    expect(typeof info.kernelMs).toBe('number');
    expect(info.kernelMs as number).toBeGreaterThan(0);
    expect(info.wallMs).toBeGreaterThanOrEqual(info.kernelMs as number);
    a.dispose();
  });
});
