import type { FusedActivation } from '@tensile/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend, type WasmBackend } from '../src/index.js';
import { convGeometry, winogradFilterScratch, winogradScratch } from '../src/kernels/util/conv.js';

// The Winograd F(2, 5) forward convolution and F(5, 2) filter gradient (assembly/winograd.ts)
// against float64 direct sums:
// every shape here is one it takes (winogradScratch > 0), odd output widths (whose last tile
// overlaps the one before), channel counts that leave a panel partly empty, strides and
// dilations across rows, with and without bias and activation. The error bound scales with the
// sum of the magnitudes of each output's terms: the transforms add and scale values, so their
// rounding grows with the terms, not with the (possibly cancelling) result.
describe.each([1, 2])('wasm Winograd convolution (%i threads)', (threads) => {
  let b: WasmBackend;
  beforeAll(async () => {
    b = createWasmBackend({ threads, forceParallel: true });
    await b.init();
  });
  afterAll(() => b.dispose());

  const values = (size: number, seed: number) => Float32Array.from({ length: size }, (_, i) => Math.sin(seed * 7.1 + i * 0.37) * 0.9);
  const info = (v: Float32Array, shape: number[]) => ({ dataId: b.write(v, 'float32'), shape, dtype: 'float32' as const });
  const act = (a: FusedActivation, v: number) => (a === 'tanh' ? Math.tanh(v) : a === 'relu' ? Math.max(0, v) : v);

  const cases: {
    x: [number, number, number, number];
    co: number;
    fh: number;
    sh: number;
    dh: number;
    bias: boolean;
    activation: FusedActivation;
  }[] = [
    { x: [3, 14, 14, 6], co: 16, fh: 5, sh: 1, dh: 1, bias: true, activation: 'tanh' },
    { x: [2, 9, 11, 3], co: 5, fh: 5, sh: 1, dh: 1, bias: false, activation: 'linear' },
    { x: [2, 13, 12, 13], co: 9, fh: 3, sh: 2, dh: 2, bias: true, activation: 'relu' },
    { x: [1, 5, 6, 2], co: 1, fh: 1, sh: 1, dh: 1, bias: true, activation: 'linear' },
    { x: [5, 12, 21, 7], co: 20, fh: 2, sh: 1, dh: 1, bias: false, activation: 'tanh' },
  ];

  it.each(cases)(
    '$x * [$fh, 5, ., $co], row stride $sh, row dilation $dh, bias $bias, $activation',
    ({ x: xs, co, fh, sh, dh, bias, activation }) => {
      const [n, h, w, ci] = xs;
      const fw = 5;
      const oh = Math.floor((h - (fh - 1) * dh - 1) / sh) + 1;
      const ow = w - fw + 1;
      const attrs = { strides: [sh, 1] as const, dilations: [dh, 1] as const, pad: { top: 0, bottom: 0, left: 0, right: 0 }, activation };
      const outShape = [n, oh, ow, co];
      expect(winogradScratch(convGeometry(xs, [fh, fw, ci, co], outShape, attrs))).toBeGreaterThan(0);
      const xv = values(n * h * w * ci, 1);
      const fv = values(fh * fw * ci * co, 2);
      const bv = values(co, 3);
      const inputs = { x: info(xv, xs), filter: info(fv, [fh, fw, ci, co]), ...(bias ? { bias: info(bv, [co]) } : {}) };
      const got = b.readSync(b.kernels.fusedConv2d(b, inputs, attrs, { shape: outShape, dtype: 'float32' })) as Float32Array;
      let worst = 0;
      for (let i = 0; i < n; i++)
        for (let oy = 0; oy < oh; oy++)
          for (let ox = 0; ox < ow; ox++)
            for (let o = 0; o < co; o++) {
              let sum = bias ? bv[o] : 0;
              let mag = Math.abs(sum);
              for (let ky = 0; ky < fh; ky++)
                for (let kx = 0; kx < fw; kx++)
                  for (let c = 0; c < ci; c++) {
                    const t = xv[((i * h + oy * sh + ky * dh) * w + ox + kx) * ci + c] * fv[((ky * fw + kx) * ci + c) * co + o];
                    sum += t;
                    mag += Math.abs(t);
                  }
              const index = ((i * oh + oy) * ow + ox) * co + o;
              worst = Math.max(worst, Math.abs(got[index] - act(activation, sum)) / (1 + mag));
            }
      expect(worst).toBeLessThan(2e-6);
    },
  );

  // The filter gradient sums over every image and pixel, so the bound is relative to the sum of
  // the terms' magnitudes; several images per share and several shares (the partial sums).
  const filterCases = [
    { x: [9, 14, 14, 6] as [number, number, number, number], co: 16, fh: 5, sh: 1, dh: 1 },
    { x: [7, 9, 12, 3] as [number, number, number, number], co: 5, fh: 5, sh: 1, dh: 1 },
    { x: [5, 13, 10, 13] as [number, number, number, number], co: 9, fh: 3, sh: 2, dh: 2 },
    { x: [4, 5, 6, 2] as [number, number, number, number], co: 1, fh: 1, sh: 1, dh: 1 },
  ];

  it.each(filterCases)('filter gradient of $x * [$fh, 5, ., $co], row stride $sh, row dilation $dh', ({ x: xs, co, fh, sh, dh }) => {
    const [n, h, w, ci] = xs;
    const fw = 5;
    const oh = Math.floor((h - (fh - 1) * dh - 1) / sh) + 1;
    const ow = w - fw + 1;
    const filterShape = [fh, fw, ci, co] as const;
    const attrs = { strides: [sh, 1] as const, dilations: [dh, 1] as const, pad: { top: 0, bottom: 0, left: 0, right: 0 }, filterShape };
    const dyShape = [n, oh, ow, co];
    expect(winogradFilterScratch(convGeometry(xs, filterShape, dyShape, attrs))).toBeGreaterThan(0);
    const xv = values(n * h * w * ci, 4);
    const dyv = values(n * oh * ow * co, 5);
    const got = b.readSync(
      b.kernels.conv2dBackpropFilter(b, { x: info(xv, xs), dy: info(dyv, dyShape) }, attrs, { shape: [...filterShape], dtype: 'float32' }),
    ) as Float32Array;
    let worst = 0;
    for (let ky = 0; ky < fh; ky++)
      for (let kx = 0; kx < fw; kx++)
        for (let c = 0; c < ci; c++)
          for (let o = 0; o < co; o++) {
            let sum = 0;
            let mag = 0;
            for (let i = 0; i < n; i++)
              for (let oy = 0; oy < oh; oy++)
                for (let ox = 0; ox < ow; ox++) {
                  const t = xv[((i * h + oy * sh + ky * dh) * w + ox + kx) * ci + c] * dyv[((i * oh + oy) * ow + ox) * co + o];
                  sum += t;
                  mag += Math.abs(t);
                }
            worst = Math.max(worst, Math.abs(got[((ky * fw + kx) * ci + c) * co + o] - sum) / (1 + mag));
          }
    expect(worst).toBeLessThan(2e-6);
  });
});
