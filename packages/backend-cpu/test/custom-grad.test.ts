// customGrad against TensorFlow.js 4.22's own customGrad, given the same f and gradFunc: the
// gradient must be gradFunc's (here a clipped one), not the one autodiff derives from f's ops.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import * as ts from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import '../src/index.js';

const X = [-2, -0.3, 0, 0.2, 0.7, 3];

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

// square(x) with its gradient 2x·dy clipped to [-1, 1]: autodiff alone would give 2x·dy.
const clippedSquare = ts.customGrad((x: ts.Tensor, save: ts.GradSaveFunc) => {
  save([x]);
  return { value: ts.square(x), gradFunc: (dy, [sx]) => ts.clipByValue(ts.mul(dy, ts.mul(sx, 2)), -1, 1) };
});
const tfClippedSquare = tf.customGrad((x, save) => {
  const input = x as tf.Tensor;
  (save as tf.GradSaveFunc)([input]);
  return {
    value: tf.square(input),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.clipByValue(tf.mul(dy, tf.mul(saved[0], 2)), -1, 1),
  };
});

describe('customGrad', () => {
  it('uses gradFunc, not autodiff, and matches TF.js 4.22 (|Δ| ≤ 1e-6)', () => {
    const x = ts.tensor(X, [2, 3]);
    const g = ts.grad((v) => ts.sum(ts.mul(clippedSquare(v), 0.5)))(x);
    const want = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tfClippedSquare(v), 0.5)))(tf.tensor(X, [2, 3]));
    expect(maxDiff(g.dataSync(), want.dataSync())).toBeLessThanOrEqual(1e-6);
    // The clip bites at |x| > 1, so autodiff's gradient (x) differs there: the test can tell them apart.
    expect(g.dataSync()[5]).toBeCloseTo(1, 6);
    expect(
      maxDiff(
        clippedSquare(x).dataSync(),
        X.map((v) => v * v),
      ),
    ).toBeLessThanOrEqual(1e-6);
  });

  it('gives each input its gradient through grads, valueAndGrads and variableGrads', () => {
    // f(a, b) = a·b whose gradient pretends b is a constant 1 for a and swaps signs for b.
    const odd = ts.customGrad((a: ts.Tensor, b: ts.Tensor) => ({
      value: ts.mul(a, b),
      gradFunc: (dy) => [dy, ts.neg(ts.mul(dy, a))],
    }));
    const tfOdd = tf.customGrad((...args) => {
      const [a, b] = args as tf.Tensor[];
      return { value: tf.mul(a, b), gradFunc: (dy: tf.Tensor) => [dy, tf.neg(tf.mul(dy, a))] };
    });
    const a = ts.tensor([1, 2, 3]);
    const b = ts.tensor([4, 5, 6]);
    const [ga, gb] = ts.grads((p, q) => ts.sum(odd(p, q)))([a, b]);
    const [wa, wb] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tfOdd(p, q)))([tf.tensor([1, 2, 3]), tf.tensor([4, 5, 6])]);
    expect(maxDiff(ga.dataSync(), wa.dataSync())).toBeLessThanOrEqual(1e-6);
    expect(maxDiff(gb.dataSync(), wb.dataSync())).toBeLessThanOrEqual(1e-6);
    const { value, grads } = ts.valueAndGrads((p, q) => ts.sum(odd(p, q)))([a, b]);
    expect(value.dataSync()[0]).toBe(32);
    expect([...grads[1].dataSync()]).toEqual([-1, -2, -3]);

    const v = ts.variable(ts.tensor([3, -0.2]), true, 'w_custom');
    const { grads: vg } = ts.variableGrads(() => ts.sum(clippedSquare(v)));
    expect(Object.keys(vg)).toEqual(['w_custom']);
    expect(maxDiff(vg.w_custom.dataSync(), [1, -0.4])).toBeLessThanOrEqual(1e-6);
    v.dispose();
  });

  it('trains: SGD steps follow the clipped gradient', () => {
    const w = ts.variable(ts.tensor([5, -5, 0.25]), true, 'w_sgd');
    for (let step = 0; step < 3; step++) {
      const { value, grads } = ts.variableGrads(() => ts.sum(clippedSquare(w)));
      ts.tidy(() => w.assign(ts.sub(w, ts.mul(grads.w_sgd, 0.5))));
      ts.dispose([value, grads]);
    }
    // |w| > 0.5 moves by 0.5 a step (the clip); 0.25 has gradient 0.5, so it halves each step... to 0.
    let want = 0.25;
    for (let step = 0; step < 3; step++) want -= 0.5 * Math.max(-1, Math.min(1, 2 * want));
    expect(maxDiff(w.dataSync(), [3.5, -3.5, want])).toBeLessThanOrEqual(1e-6);
    w.dispose();
  });

  it('works when f returns an input unchanged, and leaks nothing', () => {
    const identityClip = ts.customGrad((x: ts.Tensor) => ({ value: x, gradFunc: (dy) => ts.clipByValue(dy, -0.1, 0.1) }));
    const x = ts.tensor([1, 2]);
    const before = undisposedTensors();
    const g = ts.grad((v) => ts.sum(ts.mul(identityClip(v), 3)))(x);
    expect([...g.dataSync()].map((n) => Math.fround(n))).toEqual([Math.fround(0.1), Math.fround(0.1)]);
    g.dispose();
    ts.tidy(() => {
      clippedSquare(x);
    });
    const y = clippedSquare(x);
    y.dispose();
    expect(undisposedTensors()).toBe(before);
  });

  it('says what is wrong with gradFunc', () => {
    const x = ts.tensor([1, 2, 3]);
    const tooFew = ts.customGrad((a: ts.Tensor, b: ts.Tensor) => ({ value: ts.add(a, b), gradFunc: (dy) => [dy] }));
    expect(() => ts.grads((a, b) => ts.sum(tooFew(a, b)))([x, x])).toThrow(
      "customGrad: gradFunc returned 1 gradient for 2 inputs; it must return one per input, in the inputs' order",
    );
    const badShape = ts.customGrad((a: ts.Tensor) => ({ value: ts.sum(a), gradFunc: (dy) => dy }));
    expect(() => ts.grad((a) => badShape(a))(x)).toThrow(
      new ts.ShapeError("customGrad: gradFunc's gradient 0 has shape [], but input 0 has shape [3]"),
    );
    const notTensor = ts.customGrad((a: ts.Tensor) => ({ value: a, gradFunc: () => [null as unknown as ts.Tensor] }));
    expect(() => ts.grad((a) => ts.sum(notTensor(a)))(x)).toThrow('gradFunc must return a Tensor or an array of Tensors, got null at 0');
    const noGradFunc = ts.customGrad((a: ts.Tensor) => ({ value: a }) as unknown as ts.CustomGradientResult);
    expect(() => noGradFunc(x)).toThrow('customGrad: f must return an object { value, gradFunc } whose gradFunc is a function');
    x.dispose();
  });
});
