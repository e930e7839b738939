/**
 * Shapes past the blocking and chunking limits of the wasm kernels (K > 256, M > 64, several
 * im2col chunks per thread, LeNet-5 sizes), checked against the cpu backend, on one thread and
 * with every kernel split over three.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conv2dAttrs, Pool2dAttrs } from '@tensile/core';
import { createWasmBackend, type WasmBackend } from '../src/index.js';
import { compare, randomInput } from './oracle.js';

const valid: Conv2dAttrs = { strides: [1, 1], pad: { top: 0, bottom: 0, left: 0, right: 0 }, dilations: [1, 1] };
const same5: Conv2dAttrs = { strides: [1, 1], pad: { top: 2, bottom: 2, left: 2, right: 2 }, dilations: [1, 1] };
const strided: Conv2dAttrs = { strides: [2, 2], pad: { top: 0, bottom: 1, left: 0, right: 1 }, dilations: [1, 1] };
const pool2: Pool2dAttrs = { filterSize: [2, 2], strides: [2, 2], pad: { top: 0, bottom: 0, left: 0, right: 0 } };
const pool3: Pool2dAttrs = { filterSize: [3, 3], strides: [2, 2], pad: { top: 1, bottom: 1, left: 1, right: 1 } };

/**
 * [x shape, filter shape, attrs] of LeNet-5 at batch 8, a padded, a strided and a 1x1 case, and a
 * one-channel input with row strides and dilation, a ragged row end and a partial channel group
 * (assembly/single-channel.ts), and an unpadded one with strides along both axes, row dilation,
 * an odd output channel count and patch rows of 15 floats (assembly/direct-input.ts: partial
 * panels, tiles whose rows span two images), and a one-channel input with 7-tap filter rows over
 * 21-pixel rows (assembly/single-channel.ts: a 16-pixel block and an overlapping 8-pixel one, a
 * ragged row end and a partial last group of taps and channels in the filter gradient), and an
 * input gradient in the row-wise form (patch rows of 18 floats, dy pixels 6 floats apart in dx:
 * strides and row dilation, a partial last tile of a dx row, 4-row tiles across images), and
 * one-channel filters whose taps leave one over after the filter gradient's passes of 4 (1x1 and
 * 3x3, 3 and 7 channels: a last pass with one live tap, a partial channel pair, rows of 9 and 12
 * pixels).
 */
type Shape4 = [number, number, number, number];
const CONVS: [Shape4, Shape4, Conv2dAttrs][] = [
  [[8, 32, 32, 1], [5, 5, 1, 6], valid],
  [[8, 14, 14, 6], [5, 5, 6, 16], valid],
  [[8, 5, 5, 16], [5, 5, 16, 120], valid],
  [[3, 17, 19, 5], [5, 5, 5, 11], same5],
  [[2, 21, 20, 7], [3, 3, 7, 9], strided],
  [[4, 9, 9, 40], [1, 1, 40, 13], valid],
  [[3, 23, 29, 1], [4, 3, 1, 10], { strides: [2, 1], pad: { top: 0, bottom: 0, left: 0, right: 0 }, dilations: [2, 1] }],
  [[5, 13, 16, 5], [3, 3, 5, 7], { strides: [2, 3], pad: { top: 0, bottom: 0, left: 0, right: 0 }, dilations: [2, 1] }],
  [[2, 9, 27, 1], [3, 7, 1, 5], valid],
  [[3, 13, 13, 3], [3, 6, 3, 5], { strides: [2, 2], pad: { top: 0, bottom: 0, left: 0, right: 0 }, dilations: [2, 1] }],
  [[2, 6, 9, 1], [1, 1, 1, 3], valid],
  [[2, 11, 14, 1], [3, 3, 1, 7], valid],
];

for (const [label, options] of [
  ['1 thread', { threads: 1 }],
  ['3 threads, every kernel split', { threads: 3, forceParallel: true }],
] as const) {
  describe(`wasm large shapes, ${label}`, () => {
    let b: WasmBackend;
    beforeAll(async () => {
      b = createWasmBackend(options);
      await b.init();
    });
    afterAll(() => b.dispose());

    it('matMul past the 64-row and 256-deep blocks, all transposes, batch broadcast', () => {
      for (const [tA, tB] of [
        [false, false],
        [true, false],
        [false, true],
        [true, true],
      ]) {
        const a = randomInput(tA ? [2, 300, 150] : [2, 150, 300], 1);
        const bb = randomInput(tB ? [1, 70, 300] : [1, 300, 70], 2);
        expect(compare(b, 'matMul', { a, b: bb }, { transposeA: tA, transposeB: tB })).toBeLessThanOrEqual(1);
      }
    });

    it('fusedMatMul with bias and each activation at dense-layer sizes', () => {
      for (const activation of ['linear', 'relu', 'relu6', 'tanh', 'sigmoid', 'elu'] as const) {
        const inputs = { a: randomInput([1, 128, 120], 3), b: randomInput([1, 120, 84], 4), bias: randomInput([84], 5) };
        expect(compare(b, 'fusedMatMul', inputs, { transposeA: false, transposeB: false, activation })).toBeLessThanOrEqual(1);
      }
    });

    it('conv2d, fusedConv2d (tanh) and both backprop kernels', () => {
      for (const [xs, fs, attrs] of CONVS) {
        const x = randomInput(xs, 6);
        const filter = randomInput(fs, 7);
        expect(compare(b, 'conv2d', { x, filter }, attrs)).toBeLessThanOrEqual(1);
        const fused = { ...attrs, activation: 'tanh' as const };
        expect(compare(b, 'fusedConv2d', { x, filter, bias: randomInput([fs[3]], 8) }, fused)).toBeLessThanOrEqual(1);
        const oh = Math.floor((xs[1] + attrs.pad.top + attrs.pad.bottom - (fs[0] - 1) * attrs.dilations[0] - 1) / attrs.strides[0]) + 1;
        const ow = Math.floor((xs[2] + attrs.pad.left + attrs.pad.right - (fs[1] - 1) * attrs.dilations[1] - 1) / attrs.strides[1]) + 1;
        const dy = randomInput([xs[0], oh, ow, fs[3]], 9);
        expect(compare(b, 'conv2dBackpropInput', { dy, filter }, { ...attrs, inputShape: xs })).toBeLessThanOrEqual(1);
        expect(
          compare(b, 'conv2dBackpropFilter', { x, dy }, { ...attrs, filterShape: fs }, { rtol: 1e-4, atol: 1e-4 }),
        ).toBeLessThanOrEqual(1);
      }
    });

    it('pooling and its gradients, 2x2 and overlapping 3x3 same', () => {
      for (const attrs of [pool2, pool3]) {
        const x = randomInput([8, 28, 28, 6], 10);
        const dy = randomInput([8, 14, 14, 6], 11);
        expect(compare(b, 'maxPool', { x }, attrs)).toBeLessThanOrEqual(1);
        expect(compare(b, 'avgPool', { x }, attrs)).toBeLessThanOrEqual(1);
        expect(compare(b, 'maxPoolGrad', { dy, x }, attrs)).toBeLessThanOrEqual(1);
        expect(compare(b, 'avgPoolGrad', { dy, x }, attrs)).toBeLessThanOrEqual(1);
      }
    });

    it('pad with a value, padding on every outer dimension (units split across images and pad rows)', () => {
      // Paddings [before, after] per dimension, from a flat list.
      const pairs = (...p: number[]): [number, number][] => p.flatMap((v, i) => (i % 2 ? [] : [[v, p[i + 1]] as [number, number]]));
      const x = randomInput([3, 20, 9, 5], 21);
      const paddings = pairs(1, 2, 0, 3, 2, 1, 1, 1);
      expect(compare(b, 'pad', { x }, { paddings, constantValue: -2.5 })).toBeLessThanOrEqual(1);
      const xi = { values: Int32Array.from(x.values, (v) => Math.round(v * 1000)), shape: x.shape, dtype: 'int32' as const };
      expect(compare(b, 'pad', { x: xi }, { paddings, constantValue: 7 })).toBeLessThanOrEqual(1);
      // LeNet-5's input padding: rows of 28 pixels, units of whole images.
      const img = randomInput([130, 28, 28, 1], 22);
      expect(compare(b, 'pad', { x: img }, { paddings: pairs(0, 0, 2, 2, 2, 2, 0, 0), constantValue: 0.5 })).toBeLessThanOrEqual(1);
    });

    it('elementwise, reductions, softmax and Adam at training sizes', () => {
      const x = randomInput([64, 28, 28, 6], 12);
      expect(compare(b, 'unary', { x }, { op: 'tanh', alpha: 0 })).toBeLessThanOrEqual(1);
      expect(compare(b, 'binary', { a: x, b: randomInput([6], 13) }, { op: 'add' })).toBeLessThanOrEqual(1);
      expect(compare(b, 'binary', { a: x, b: randomInput([64, 28, 28, 6], 14) }, { op: 'mul' })).toBeLessThanOrEqual(1);
      // Comparisons write bool, a byte per element: shares must meet at the right byte. Some
      // operands NaN, some equal.
      const c = randomInput([64, 28, 28, 6], 23);
      for (let i = 0; i < c.values.length; i += 7) c.values[i] = i % 2 ? Number.NaN : x.values[i];
      for (const op of ['equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual'] as const) {
        expect(compare(b, 'binary', { a: x, b: c }, { op })).toBeLessThanOrEqual(1);
        expect(compare(b, 'binary', { a: c, b: randomInput([6], 24) }, { op })).toBeLessThanOrEqual(1);
      }
      expect(compare(b, 'reduce', { x }, { op: 'sum', axes: [0, 1, 2], keepDims: false })).toBeLessThanOrEqual(1);
      expect(compare(b, 'reduce', { x }, { op: 'max', axes: [1, 2], keepDims: false })).toBeLessThanOrEqual(1);
      expect(compare(b, 'reduce', { x }, { op: 'mean', axes: [0, 3], keepDims: true })).toBeLessThanOrEqual(1);
      for (const inner of [1, 3, 5, 6, 16]) {
        const xi = randomInput([37, 5, inner], 20 + inner);
        for (const op of ['sum', 'mean', 'max', 'min', 'prod'] as const) {
          expect(compare(b, 'reduce', { x: xi }, { op, axes: [0, 1], keepDims: false })).toBeLessThanOrEqual(1);
        }
      }
      expect(compare(b, 'softmax', { x: randomInput([128, 10], 15) }, {})).toBeLessThanOrEqual(1);
      const w = randomInput([48120], 16);
      const adam = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 3 };
      const inputs = {
        variable: w,
        grad: randomInput([48120], 17),
        m: randomInput([48120], 18),
        v: { ...randomInput([48120], 19), values: randomInput([48120], 19).values.map(Math.abs) },
      };
      expect(compare(b, 'applyAdam', inputs, adam, undefined, ['variable', 'm', 'v'])).toBeLessThanOrEqual(1);
    });

    if (options.threads > 1) {
      // The caller may run any share itself; over this file the workers must have run some.
      it('the workers ran shares of the kernels above', () => {
        expect(b.memory().workerShares).toBeGreaterThan(0);
      });
    }
  });
}
