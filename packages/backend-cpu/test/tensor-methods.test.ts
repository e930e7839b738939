// Chaining methods give the op's values (each method against its op called directly), and a
// chain gives what the same chain gives in TensorFlow.js 4.22.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';
import * as ts from '@tensile/core';
import '../src/index.js';

const X = [
  [0.5, -1.25, 2],
  [3, -0.75, 1.5],
];

function same(method: ts.Tensor | ts.Tensor[], op: ts.Tensor | ts.Tensor[]): void {
  const a = Array.isArray(method) ? method : [method];
  const b = Array.isArray(op) ? op : [op];
  expect(a.map((t) => [t.shape, t.dtype, [...t.dataSync()]])).toEqual(b.map((t) => [t.shape, t.dtype, [...t.dataSync()]]));
}

describe('Tensor methods', () => {
  it('each gives what its op gives', () => {
    ts.tidy(() => {
      const x = ts.tensor(X);
      const pos = ts.abs(x);
      const ints = ts.tensor([2, 0, 1], [3], 'int32');
      const mask = ts.greater(x, 0);
      same(x.add(1), ts.add(x, 1));
      same(x.sub(x.square()), ts.sub(x, ts.square(x)));
      same(x.mul([2, 3, 4]), ts.mul(x, [2, 3, 4]));
      same(x.div(2), ts.div(x, 2));
      same(pos.pow(1.5), ts.pow(pos, 1.5));
      same(x.maximum(0), ts.maximum(x, 0));
      same(x.squaredDifference(1), ts.squaredDifference(x, 1));
      same(x.greaterEqual(0.5), ts.greaterEqual(x, 0.5));
      same(mask.logicalAnd(mask.logicalNot()), ts.logicalAnd(mask, ts.logicalNot(mask)));
      const unary = {
        neg: ts.neg,
        abs: ts.abs,
        exp: ts.exp,
        tanh: ts.tanh,
        sigmoid: ts.sigmoid,
        relu: ts.relu,
        elu: ts.elu,
        selu: ts.selu,
      };
      for (const [name, op] of Object.entries({ ...unary, softplus: ts.softplus, gelu: ts.gelu, floor: ts.floor, sign: ts.sign })) {
        same(Reflect.apply(Reflect.get(x, name), x, []), op(x));
      }
      same(pos.log(), ts.log(pos));
      same(pos.sqrt(), ts.sqrt(pos));
      same(x.leakyRelu(0.1), ts.leakyRelu(x, 0.1));
      same(x.clipByValue(-1, 1), ts.clipByValue(x, -1, 1));
      same(x.sum(), ts.sum(x));
      same(x.mean(1, true), ts.mean(x, 1, true));
      same(x.max(0), ts.max(x, 0));
      same(x.min(), ts.min(x));
      same(x.argMax(1), ts.argMax(x, 1));
      same(x.argMin(), ts.argMin(x));
      same(x.logSumExp(1), ts.logSumExp(x, 1));
      same(x.norm(), ts.norm(x));
      same(x.matMul(x, false, true), ts.matMul(x, x, false, true));
      same(x.transpose(), ts.transpose(x));
      same(x.softmax(), ts.softmax(x));
      same(x.logSoftmax(0), ts.logSoftmax(x, 0));
      same(x.reshape([3, 2]), ts.reshape(x, [3, 2]));
      same(x.expandDims(1), ts.expandDims(x, 1));
      same(x.expandDims(0).squeeze(), x);
      same(x.slice([0, 1], [2, 2]), ts.slice(x, [0, 1], [2, 2]));
      same(x.concat(x, 1), ts.concat([x, x], 1));
      same(x.concat([x, x]), ts.concat([x, x, x]));
      same(x.stack(x), ts.stack([x, x]));
      same(x.split(3, 1), ts.split(x, 3, 1));
      same(x.gather(ints, 1), ts.gather(x, ints, 1));
      same(ints.oneHot(3), ts.oneHot(ints, 3));
      same(
        x.pad([
          [1, 0],
          [0, 2],
        ]),
        ts.pad(x, [
          [1, 0],
          [0, 2],
        ]),
      );
      same(x.cast('int32'), ts.cast(x, 'int32'));
      same(x.asType('int32'), ts.cast(x, 'int32'));
      same(x.toInt().toFloat(), ts.cast(ts.cast(x, 'int32'), 'float32'));
      same(x.flatten(), ts.reshape(x, [6]));
      same(x.as2D(3, 2), ts.reshape(x, [3, 2]));
      same(x.where(mask, 0), ts.where(mask, x, 0));
      same(x.broadcastTo([2, 2, 3]), ts.broadcastTo(x, [2, 2, 3]));
      same(x.zerosLike(), ts.zerosLike(x));
      same(x.cumsum(1, true), ts.cumsum(x, 1, true));
      same(x.cumprod(0), ts.cumprod(x, 0));
      same(x.erf(), ts.erf(x));
      same(x.atan2(pos), ts.atan2(x, pos));
      same(x.isNaN(), ts.isNaN(x));
      same(mask.any(1), ts.any(mask, 1));
      same(mask.all(), ts.all(mask));
      same(x.tile([2, 1]), ts.tile(x, [2, 1]));
      same(x.reverse(1), ts.reverse(x, 1));
      same(
        x.mirrorPad(
          [
            [1, 1],
            [0, 1],
          ],
          'reflect',
        ),
        ts.mirrorPad(
          x,
          [
            [1, 1],
            [0, 1],
          ],
          'reflect',
        ),
      );
      same(x.stridedSlice([0, 0], [2, 3], [1, 2]), ts.stridedSlice(x, [0, 0], [2, 3], [1, 2]));
      same(x.clone(), x);
      const top = x.topk(2);
      const wantTop = ts.topk(x, 2);
      same([top.values, top.indices], [wantTop.values, wantTop.indices]);
      const m = x.moments(0);
      const want = ts.moments(x, 0);
      same([m.mean, m.variance], [want.mean, want.variance]);
    });
  });

  it('chain as in TF.js 4.22 (|Δ| ≤ 1e-6), and name the op in errors', () => {
    const x = ts.tensor(X);
    const tx = tf.tensor(X);
    const ours = x.square().mean(1).sub(x.max()).exp().sum();
    const theirs = tx.square().mean(1).sub(tx.max()).exp().sum();
    expect(Math.abs(ours.dataSync()[0] - theirs.dataSync()[0])).toBeLessThanOrEqual(1e-6);
    const ours2 = x.matMul(x.transpose()).relu().softmax().argMax(1);
    const theirs2 = tx.matMul(tx.transpose()).relu().softmax().argMax(1);
    expect([...ours2.dataSync()]).toEqual([...theirs2.dataSync()]);
    expect(() => x.add(ts.tensor([1, 2]))).toThrow(ts.ShapeError);
    expect(() => x.reshape([4])).toThrow('reshape: cannot reshape [2, 3] (6 elements) to [4] (4 elements)');
    ts.dispose([x, ours, ours2]);
    tf.dispose([tx, theirs, theirs2]);
  });

  it('take part in gradients', () => {
    const x = ts.tensor(X);
    const g = ts.grad((v) => v.square().mean())(x);
    const want = X.flat().map((v) => (2 * v) / 6);
    g.dataSync().forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThanOrEqual(1e-6));
    ts.dispose([x, g]);
  });
});
