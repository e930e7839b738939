// TensorFlow.js itself, as an independent oracle for the semantics users port models with:
// `same` padding (odd pixel bottom/right), pooling windows at the border, softmax, and gradients.
//
// Two places where TF.js itself cannot serve as the oracle for gradients, so only forward values
// are compared there: it has no gradient for dilated conv2d, and its avgPool gradient with `same`
// padding divides border windows by the full window size although its forward pass divides by
// the in-bounds count (TensorFlow proper uses the in-bounds count in both; so do we, and the
// conformance suite checks our gradient against finite differences).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import * as ts from '@tensile/core';
import '../src/index.js';

let seed = 12345;
function random(n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    out[i] = (seed / 2 ** 32) * 2 - 1;
  }
  return out;
}
const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-4): void {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / (1 + Math.abs(want[i])));
  expect(worst).toBeLessThan(tol);
}

/** Forward output and gradients of sum(f(inputs) * w) in both libraries, compared. */
async function compare(
  shapes: number[][],
  ours: (xs: ts.Tensor[]) => ts.Tensor,
  theirs: (xs: tf.Tensor[]) => tf.Tensor,
  withGrads = true,
): Promise<void> {
  const values = shapes.map((s) => random(size(s)));
  const tfInputs = values.map((v, i) => tf.tensor(v, shapes[i]));
  const tfOut = theirs(tfInputs);
  const w = random(tfOut.size);
  const tfW = tf.tensor(w, tfOut.shape);
  const tfGrads = withGrads ? tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(theirs(xs), tfW)))(tfInputs) : [];

  const inputs = values.map((v, i) => ts.tensor(v, shapes[i]));
  const out = ours(inputs);
  expect(out.shape).toEqual(tfOut.shape);
  expectClose(await out.data(), await tfOut.data());
  const ourW = ts.tensor(w, out.shape);
  const grads = withGrads ? ts.grads((...xs: ts.Tensor[]) => ts.sum(ts.mul(ours(xs), ourW)))(inputs) : [];
  for (let i = 0; i < grads.length; i++) expectClose(await grads[i].data(), await tfGrads[i].data());
  ts.dispose([inputs, out, ourW, grads]);
  tf.dispose([tfInputs, tfOut, tfW, tfGrads]);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await ts.ready();
});

describe('TensorFlow.js semantics (oracle: @tensorflow/tfjs-core 4.22.0, cpu)', () => {
  const convCases: [string, number[], number[], [number, number], 'same' | 'valid', [number, number]][] = [
    ['3x3 same stride 1', [2, 7, 6, 3], [3, 3, 3, 4], [1, 1], 'same', [1, 1]],
    ['3x3 same stride 2 (odd pad bottom/right)', [1, 8, 9, 2], [3, 3, 2, 5], [2, 2], 'same', [1, 1]],
    ['5x5 valid (LeNet C1)', [2, 12, 12, 1], [5, 5, 1, 6], [1, 1], 'valid', [1, 1]],
    ['2x4 same stride [2, 3]', [1, 9, 10, 3], [2, 4, 3, 2], [2, 3], 'same', [1, 1]],
    ['3x3 same dilation 2', [1, 9, 8, 2], [3, 3, 2, 3], [1, 1], 'same', [2, 2]],
    ['1x1 valid, 17 channels', [3, 4, 5, 17], [1, 1, 17, 9], [1, 1], 'valid', [1, 1]],
  ];
  for (const [name, xShape, fShape, strides, pad, dilations] of convCases) {
    const dilated = dilations[0] > 1 || dilations[1] > 1;
    it(`conv2d ${name}${dilated ? ' (forward only: TF.js has no dilated conv2d gradient)' : ''}`, () =>
      compare(
        [xShape, fShape],
        ([x, f]) => ts.conv2d(x, f, strides, pad, 'NHWC', dilations),
        ([x, f]) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, strides, pad, 'NHWC', dilations),
        !dilated,
      ));
  }

  const poolCases: [string, number[], [number, number], [number, number], 'same' | 'valid'][] = [
    ['2x2 valid stride 2', [2, 8, 8, 3], [2, 2], [2, 2], 'valid'],
    ['3x3 same stride 2, odd input', [1, 7, 9, 2], [3, 3], [2, 2], 'same'],
    ['3x3 same stride 1', [2, 5, 6, 1], [3, 3], [1, 1], 'same'],
    ['2x3 valid stride [1, 2]', [1, 6, 7, 4], [2, 3], [1, 2], 'valid'],
  ];
  for (const [name, xShape, filter, strides, pad] of poolCases) {
    const borderWindows = pad === 'same';
    it(`avgPool ${name}${borderWindows ? ' (forward only: TF.js avgPool same-padding gradient is inconsistent)' : ''}`, () =>
      compare(
        [xShape],
        ([x]) => ts.avgPool(x, filter, strides, pad),
        ([x]) => tf.avgPool(x as tf.Tensor4D, filter, strides, pad),
        !borderWindows,
      ));
    it(`maxPool ${name}`, () =>
      compare(
        [xShape],
        ([x]) => ts.maxPool(x, filter, strides, pad),
        ([x]) => tf.maxPool(x as tf.Tensor4D, filter, strides, pad),
      ));
  }

  for (const shape of [[7], [4, 10], [2, 3, 33]]) {
    it(`softmax [${shape}]`, () =>
      compare(
        [shape],
        ([x]) => ts.softmax(ts.mul(x, 4)),
        ([x]) => tf.softmax(tf.mul(x, 4)),
      ));
    it(`logSoftmax [${shape}]`, () =>
      compare(
        [shape],
        ([x]) => ts.logSoftmax(ts.mul(x, 4)),
        ([x]) => tf.logSoftmax(tf.mul(x, 4)),
      ));
  }
});
