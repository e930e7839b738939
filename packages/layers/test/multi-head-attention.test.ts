/**
 * MultiHeadAttention (Keras 3; TF.js 4.22 has none) against Keras 3's formulas written here as
 * plain loops: per-head projections, scaled dot products, masked softmax, weighted values, output
 * projection. Also a save/load round trip, shapes, dropout and misuse.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ArgumentError, ready, ShapeError, tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { input, io, layers, loadModel, model, MultiHeadAttention } from '../src/index.js';
import { maxAbsDiff, memorySink, values } from './helpers.js';
import { seeded } from './helpers/tfjs-layer-check.js';

beforeAll(async () => {
  await ready();
});

interface Dims {
  b: number;
  tq: number;
  tv: number;
  dq: number;
  dv: number;
  dk: number;
  h: number;
  kd: number;
  vd: number;
  out: number;
}

/** Keras 3's MultiHeadAttention.call for rank-3 inputs, in float64 loops. w: the 8 weights in Keras' order. */
function reference(d: Dims, q: Float32Array, v: Float32Array, k: Float32Array, w: Float32Array[], mask?: number[]): Float64Array {
  const [qk, qb, kk, kb, vk, vb, ok, ob] = w;
  const proj = (x: Float32Array, t: number, dIn: number, kernel: Float32Array, bias: Float32Array, depth: number) => {
    // [b, t, h, depth]
    const y = new Float64Array(d.b * t * d.h * depth);
    for (let bi = 0; bi < d.b; bi++)
      for (let ti = 0; ti < t; ti++)
        for (let hi = 0; hi < d.h; hi++)
          for (let e = 0; e < depth; e++) {
            let s = bias[hi * depth + e];
            for (let c = 0; c < dIn; c++) s += x[(bi * t + ti) * dIn + c] * kernel[(c * d.h + hi) * depth + e];
            y[((bi * t + ti) * d.h + hi) * depth + e] = s;
          }
    return y;
  };
  const Q = proj(q, d.tq, d.dq, qk, qb, d.kd);
  const K = proj(k, d.tv, d.dk, kk, kb, d.kd);
  const V = proj(v, d.tv, d.dv, vk, vb, d.vd);
  const att = new Float64Array(d.b * d.tq * d.h * d.vd); // [b, tq, h, vd]
  for (let bi = 0; bi < d.b; bi++)
    for (let hi = 0; hi < d.h; hi++)
      for (let i = 0; i < d.tq; i++) {
        const s = new Float64Array(d.tv);
        for (let j = 0; j < d.tv; j++) {
          let dot = 0;
          for (let e = 0; e < d.kd; e++) dot += Q[((bi * d.tq + i) * d.h + hi) * d.kd + e] * K[((bi * d.tv + j) * d.h + hi) * d.kd + e];
          s[j] = dot / Math.sqrt(d.kd);
          if (mask && mask[(bi * d.tq + i) * d.tv + j] <= 0.5) s[j] = -1e9;
        }
        const m = Math.max(...s);
        const e = s.map((x) => Math.exp(x - m));
        const z = e.reduce((a, c) => a + c, 0);
        for (let c = 0; c < d.vd; c++) {
          let acc = 0;
          for (let j = 0; j < d.tv; j++) acc += (e[j] / z) * V[((bi * d.tv + j) * d.h + hi) * d.vd + c];
          att[((bi * d.tq + i) * d.h + hi) * d.vd + c] = acc;
        }
      }
  const y = new Float64Array(d.b * d.tq * d.out);
  for (let bi = 0; bi < d.b; bi++)
    for (let i = 0; i < d.tq; i++)
      for (let o = 0; o < d.out; o++) {
        let s = ob[o];
        for (let hi = 0; hi < d.h; hi++)
          for (let c = 0; c < d.vd; c++) s += att[((bi * d.tq + i) * d.h + hi) * d.vd + c] * ok[(hi * d.vd + c) * d.out + o];
        y[(bi * d.tq + i) * d.out + o] = s;
      }
  return y;
}

function weightsFor(d: Dims): { data: Float32Array[]; shapes: number[][] } {
  const shapes = [
    [d.dq, d.h, d.kd],
    [d.h, d.kd],
    [d.dk, d.h, d.kd],
    [d.h, d.kd],
    [d.dv, d.h, d.vd],
    [d.h, d.vd],
    [d.h, d.vd, d.out],
    [d.out],
  ];
  return {
    shapes,
    data: shapes.map((s, i) =>
      seeded(
        s.reduce((a, c) => a * c, 1),
        50 + i,
      ),
    ),
  };
}

describe('MultiHeadAttention', () => {
  const d: Dims = { b: 2, tq: 3, tv: 4, dq: 5, dv: 6, dk: 3, h: 2, kd: 3, vd: 2, out: 4 };
  const q = seeded(d.b * d.tq * d.dq, 1);
  const v = seeded(d.b * d.tv * d.dv, 2);
  const k = seeded(d.b * d.tv * d.dk, 3);

  it("query, value, key and a mask: Keras 3's formulas", async () => {
    const l = layers.multiHeadAttention({ numHeads: d.h, keyDim: d.kd, valueDim: d.vd, outputShape: d.out });
    const ts = [tensor(q, [d.b, d.tq, d.dq]), tensor(v, [d.b, d.tv, d.dv]), tensor(k, [d.b, d.tv, d.dk])];
    l.apply(ts);
    const w = weightsFor(d);
    expect(l.weights.map((x) => x.shape)).toEqual(w.shapes);
    expect(l.weights.map((x) => l.originalNameOf(x).split('/').slice(1).join('/'))).toEqual([
      'query/kernel',
      'query/bias',
      'key/kernel',
      'key/bias',
      'value/kernel',
      'value/bias',
      'attention_output/kernel',
      'attention_output/bias',
    ]);
    l.setWeights(w.data.map((x, i) => tensor(x, w.shapes[i])));
    expect(maxAbsDiff(await values(l.apply(ts)), reference(d, q, v, k, w.data))).toBeLessThanOrEqual(1e-4);
    // Mask: every query keeps a different subset of the value steps (at least one).
    const mask = Array.from({ length: d.b * d.tq * d.tv }, (_, i) => (i % 3 === 1 || i % d.tv === 0 ? 1 : 0));
    const before = undisposedTensors();
    const maskT = tensor(mask, [d.b, d.tq, d.tv], 'int32');
    const y = l.apply([...ts, maskT]);
    const got = await values(y);
    y.dispose();
    maskT.dispose();
    expect(undisposedTensors()).toBe(before);
    const masked = reference(d, q, v, k, w.data, mask);
    expect(maxAbsDiff(got, masked)).toBeLessThanOrEqual(1e-4);
    expect(maxAbsDiff(masked, reference(d, q, v, k, w.data))).toBeGreaterThan(1e-2);
    l.dispose();
  });

  it('self-attention [query, value] (key = value), default valueDim and output size, no bias', async () => {
    const e: Dims = { b: 1, tq: 4, tv: 4, dq: 3, dv: 3, dk: 3, h: 3, kd: 2, vd: 2, out: 3 };
    const x = seeded(e.tq * e.dq, 9);
    const l = layers.multiHeadAttention({ numHeads: 3, keyDim: 2, useBias: false });
    const xt = tensor(x, [1, 4, 3]);
    l.apply([xt, xt]);
    const w = weightsFor(e);
    expect(l.weights.map((t) => t.shape)).toEqual(w.shapes.filter((_, i) => i % 2 === 0));
    l.setWeights(w.data.filter((_, i) => i % 2 === 0).map((t, i) => tensor(t, w.shapes[2 * i])));
    const zeros = w.data.map((t, i) => (i % 2 === 1 ? new Float32Array(t.length) : t));
    expect(maxAbsDiff(await values(l.apply([xt, xt])), reference(e, x, x, x, zeros))).toBeLessThanOrEqual(1e-4);
    expect(
      l.computeOutputShape([
        [null, 7, 3],
        [null, 5, 3],
      ]),
    ).toEqual([null, 7, 3]);
  });

  it('saved and loaded in a functional model: same config (Keras 3 names) and predictions', async () => {
    const qi = input({ shape: [d.tq, d.dq] });
    const vi = input({ shape: [d.tv, d.dv] });
    const ki = input({ shape: [d.tv, d.dk] });
    const mha = layers.multiHeadAttention({ numHeads: d.h, keyDim: d.kd, valueDim: d.vd, outputShape: d.out, dropout: 0.25, name: 'mha' });
    const m = model({ inputs: [qi, vi, ki], outputs: mha.apply([qi, vi, ki]) });
    const sink = memorySink();
    await m.save(sink.handler);
    const topo = JSON.parse(JSON.stringify(sink.artifacts().modelTopology));
    const saved = topo.config.layers.find((x: { class_name: string }) => x.class_name === 'MultiHeadAttention');
    expect(saved.config).toMatchObject({ num_heads: 2, key_dim: 3, value_dim: 2, dropout: 0.25, use_bias: true, output_shape: 4 });
    expect(sink.artifacts().weightSpecs?.map((s) => s.name)).toEqual(
      ['query', 'key', 'value', 'attention_output'].flatMap((p) => [`mha/${p}/kernel`, `mha/${p}/bias`]),
    );
    const loaded = await loadModel(io.fromMemory(sink.artifacts()));
    const ts = [tensor(q, [d.b, d.tq, d.dq]), tensor(v, [d.b, d.tv, d.dv]), tensor(k, [d.b, d.tv, d.dk])];
    expect(maxAbsDiff(await values(loaded.apply(ts)), await values(m.apply(ts)))).toBe(0);
    expect(MultiHeadAttention.fromConfig(mha.getConfig()).getConfig()).toEqual(mha.getConfig());
    m.dispose();
    loaded.dispose();
  });

  it('dropout acts only in training', async () => {
    const l = layers.multiHeadAttention({ numHeads: 1, keyDim: 2, dropout: 0.5, seed: 3 });
    const xt = tensor(seeded(12, 4), [1, 4, 3]);
    const a = await values(l.apply([xt, xt]));
    expect(await values(l.apply([xt, xt]))).toEqual(a);
    expect(maxAbsDiff(await values(l.apply([xt, xt], { training: true })), a)).toBeGreaterThan(0);
  });

  it('misuse is an error naming the layer', () => {
    expect(() => layers.multiHeadAttention({ numHeads: 0, keyDim: 2, name: 'a0' })).toThrow(
      new ArgumentError('a0: numHeads must be a positive integer, got 0'),
    );
    expect(() => layers.multiHeadAttention({ numHeads: 1, keyDim: 2, dropout: 1, name: 'a1' })).toThrow(
      new ArgumentError('a1: dropout must be a number in [0, 1), got 1'),
    );
    const x = tensor(seeded(12, 4), [1, 4, 3]);
    expect(() => layers.multiHeadAttention({ numHeads: 1, keyDim: 2, name: 'a2' }).apply(x)).toThrow(
      new ArgumentError(
        'a2: MultiHeadAttention takes [query, value], [query, value, key] or [query, value, key, attentionMask], got one input',
      ),
    );
    expect(() => layers.multiHeadAttention({ numHeads: 1, keyDim: 2, name: 'a3' }).apply([x, tensor(seeded(6, 1), [1, 6])])).toThrow(
      new ShapeError('a3: value must be rank 3 [batch, time, features] with known features, got (null, 6)'),
    );
    const l = layers.multiHeadAttention({ numHeads: 1, keyDim: 2, name: 'a4' });
    expect(() => l.apply([x, x, x, tensor([1, 1], [1, 1, 2])])).toThrow(
      new ShapeError('a4: attentionMask must be [batch, queryTime, valueTime] = [1, 4, 4], got [1, 1, 2]'),
    );
  });
});
