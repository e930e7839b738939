import type { FusedActivation, Pool2dAttrs } from '@tensile/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend, type WasmBackend } from '../src/index.js';

// Kernels that make the gradient at a conv's output sum it per channel on the side and leave the
// sums for the bias gradient that comes next (src/kernels/util/bias-companion.ts): the
// single-channel fused filter gradient for fusedPoolBiasGrad, fusedAvgPoolGrad for a sum over all
// but the last axis. Checked against a float64 reference: what the bias gradient returns after
// the producer, alone, and for inputs other than the ones the sums were made from.
describe.each([1, 2])('wasm bias gradient left by the fused filter gradient (%i threads)', (threads) => {
  let b: WasmBackend;
  beforeAll(async () => {
    b = createWasmBackend({ threads });
    await b.init();
  });
  afterAll(() => b.dispose());

  const [n, h, w, co, k] = [5, 12, 12, 6, 5];
  const [oh, ow] = [h - k + 1, w - k + 1];
  const pool: Pool2dAttrs = { filterSize: [2, 2], strides: [2, 2], pad: { top: 0, bottom: 0, left: 0, right: 0 } };
  const conv = { strides: [1, 1] as const, dilations: [1, 1] as const, pad: { top: 0, bottom: 0, left: 0, right: 0 } };
  const activation: FusedActivation = 'tanh';
  const values = (size: number, seed: number) => Float32Array.from({ length: size }, (_, i) => Math.sin(seed * 7.1 + i * 0.37) * 0.9);
  const info = (v: Float32Array, shape: number[]) => ({ dataId: b.write(v, 'float32'), shape, dtype: 'float32' as const });

  /** sum over pixels of dy / 4 (the pool's share) times tanh'(y) = 1 - y^2, per channel, in f64. */
  function reference(dy: Float32Array, y: Float32Array): number[] {
    const out = new Array<number>(co).fill(0);
    for (let i = 0; i < n; i++)
      for (let r = 0; r < oh; r++)
        for (let c = 0; c < ow; c++)
          for (let ch = 0; ch < co; ch++) {
            const g = dy[((i * (oh / 2) + (r >> 1)) * (ow / 2) + (c >> 1)) * co + ch] / 4;
            const yv = y[((i * oh + r) * ow + c) * co + ch];
            out[ch] += g * (1 - yv * yv);
          }
    return out;
  }

  const biasGrad = (dy: ReturnType<typeof info>, y: ReturnType<typeof info>) =>
    Array.from(
      b.readSync(b.kernels.fusedPoolBiasGrad(b, { dy, y }, { ...pool, activation }, { shape: [co], dtype: 'float32' })) as Float32Array,
    );
  const filterGrad = (x: ReturnType<typeof info>, dy: ReturnType<typeof info>, y: ReturnType<typeof info>) =>
    b.kernels.fusedPoolConv2dBackpropFilter(
      b,
      { x, dy, y },
      { ...conv, filterShape: [k, k, 1, co], pool, activation },
      { shape: [k, k, 1, co], dtype: 'float32' },
    );

  it('equals the reference whether left by the filter gradient or computed alone, and is taken only for its own inputs', () => {
    const xv = values(n * h * w, 1);
    const dyv = values(n * (oh / 2) * (ow / 2) * co, 2);
    const yv = values(n * oh * ow * co, 3);
    const y2v = values(n * oh * ow * co, 4);
    const [x, dy, y, y2] = [
      info(xv, [n, h, w, 1]),
      info(dyv, [n, oh / 2, ow / 2, co]),
      info(yv, [n, oh, ow, co]),
      info(y2v, [n, oh, ow, co]),
    ];
    const want = reference(dyv, yv);
    const want2 = reference(dyv, y2v);
    const close = (got: number[], ref: number[]) =>
      got.forEach((g, i) => expect(Math.abs(g - ref[i])).toBeLessThan(1e-5 * (1 + Math.abs(ref[i]))));
    // Left by the filter gradient, then taken.
    filterGrad(x, dy, y);
    close(biasGrad(dy, y), want);
    // Taken once: computed alone now.
    close(biasGrad(dy, y), want);
    // Left for y, asked for y2: y2's own sums.
    filterGrad(x, dy, y);
    close(biasGrad(dy, y2), want2);
    // ... and nothing is left for y after that.
    close(biasGrad(dy, y), want);
    expect(want.some((v, i) => Math.abs(v - want2[i]) > 1e-3)).toBe(true);
  });
});

describe.each([1, 2])('wasm channel sums left by fusedAvgPoolGrad (%i threads)', (threads) => {
  let b: WasmBackend;
  beforeAll(async () => {
    b = createWasmBackend({ threads });
    await b.init();
  });
  afterAll(() => b.dispose());

  const [n, h, w, c] = [6, 8, 10, 16];
  const pool: Pool2dAttrs = { filterSize: [2, 2], strides: [2, 2], pad: { top: 0, bottom: 0, left: 0, right: 0 } };
  const values = (size: number, seed: number) => Float32Array.from({ length: size }, (_, i) => Math.cos(seed * 3.3 + i * 0.29) * 0.9);
  const info = (v: Float32Array, shape: number[]) => ({ dataId: b.write(v, 'float32'), shape, dtype: 'float32' as const });
  const sumAllButLast = (x: ReturnType<typeof info>) =>
    Array.from(
      b.readSync(
        b.kernels.reduce(b, { x }, { op: 'sum', axes: [0, 1, 2], keepDims: false }, { shape: [c], dtype: 'float32' }),
      ) as Float32Array,
    );

  it('a sum over all but the last axis of its output equals the reference, taken once and only for that output', () => {
    const dyv = values(n * (h / 2) * (w / 2) * c, 1);
    const yv = values(n * h * w * c, 2);
    const dy = info(dyv, [n, h / 2, w / 2, c]);
    const y = info(yv, [n, h, w, c]);
    const dx = b.kernels.fusedAvgPoolGrad(b, { dy, y }, { ...pool, activation: 'tanh' }, { shape: [n, h, w, c], dtype: 'float32' });
    const x = { dataId: dx, shape: [n, h, w, c], dtype: 'float32' as const };
    const dxv = b.readSync(dx) as Float32Array;
    // The reference: the sum of the stored output, per channel, in f64.
    const want = new Array<number>(c).fill(0);
    for (let i = 0; i < dxv.length; i++) want[i % c] += dxv[i];
    // and that output is avgPoolGrad times tanh' = 1 - y^2 (so the sums are of the right tensor).
    expect(dxv[0]).toBeCloseTo((dyv[0] / 4) * (1 - yv[0] * yv[0]), 6);
    const close = (got: number[]) => got.forEach((g, i) => expect(Math.abs(g - want[i])).toBeLessThan(1e-5 * (1 + Math.abs(want[i]))));
    close(sumAllButLast(x));
    close(sumAllButLast(x));
    // Left for dx, asked for another tensor: that tensor's own sums.
    b.kernels.fusedAvgPoolGrad(b, { dy, y }, { ...pool, activation: 'tanh' }, { shape: [n, h, w, c], dtype: 'float32' });
    const other = info(values(n * h * w * c, 3), [n, h, w, c]);
    const otherWant = new Array<number>(c).fill(0);
    (b.readSync(other.dataId) as Float32Array).forEach((v, i) => (otherWant[i % c] += v));
    sumAllButLast(other).forEach((g, i) => expect(Math.abs(g - otherWant[i])).toBeLessThan(1e-5 * (1 + Math.abs(otherWant[i]))));
    expect(otherWant.some((v, i) => Math.abs(v - want[i]) > 1e-3)).toBe(true);
  });
});
