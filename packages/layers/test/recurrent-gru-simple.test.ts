/**
 * GRU and SimpleRNN against TensorFlow.js 4.22 with the same weights (max |Δ| ≤ 1e-4), through
 * files both ways; GRU's resetAfter (Keras 3's form, absent from TF.js) against a float64 loop.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ready, tensor } from '@tensile/core';
import { layers, loadModel, sequential } from '../src/index.js';
import { maxAbsDiff } from './helpers.js';
import { runBoth } from './helpers/rnn-oracle.js';
import { seededValues as seeded, tfjsFileLoader, tfjsFileSaver } from './helpers/tfjs-files.js';

let dir: string;
beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'tensile-gru-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TOL = 1e-4;
const TFJS_INIT = { recurrentInitializer: 'glorotUniform' } as const;
const MASK = [
  [1, 1, 1, 1, 1],
  [1, 1, 0, 0, 0],
  [0, 0, 1, 1, 1],
];
const VARIANTS: { name: string; cfg: Record<string, unknown>; mask?: number[][] }[] = [
  { name: 'last output', cfg: {} },
  { name: 'returnSequences + returnState', cfg: { returnSequences: true, returnState: true } },
  { name: 'goBackwards + returnSequences', cfg: { goBackwards: true, returnSequences: true } },
  { name: 'relu, no bias', cfg: { activation: 'relu', useBias: false } },
  { name: 'masked, returnSequences', cfg: { returnSequences: true }, mask: MASK },
  { name: 'masked, goBackwards + returnState', cfg: { goBackwards: true, returnState: true }, mask: MASK },
];

function expectSame(r: { ours: number[][]; theirs: number[][] }): void {
  expect(r.ours.length).toBe(r.theirs.length);
  r.ours.forEach((o, i) => {
    expect(o.length).toBe(r.theirs[i].length);
    expect(maxAbsDiff(o, r.theirs[i])).toBeLessThanOrEqual(TOL);
  });
}

describe('GRU vs TF.js 4.22', () => {
  for (const v of [...VARIANTS, { name: 'hardSigmoid gates', cfg: { recurrentActivation: 'hardSigmoid' } }]) {
    it(v.name, async () => {
      const cfg = { units: 4, recurrentActivation: 'sigmoid', ...v.cfg };
      const ours = layers.gru(cfg as Parameters<typeof layers.gru>[0]);
      const theirs = tfl.layers.gru({ ...TFJS_INIT, ...cfg } as Parameters<typeof tfl.layers.gru>[0]);
      expectSame(await runBoth(ours, theirs, { shape: [3, 5, 6], mask: v.mask }));
      ours.dispose();
    });
  }

  it('resetAfter: true (Keras 3) matches a float64 loop, with bias [2, 3 * units]', async () => {
    const [B, T, D, U] = [2, 4, 3, 5];
    const l = layers.gru({ units: U, resetAfter: true, biasInitializer: 'glorotUniform' });
    const x = seeded(B * T * D, 4);
    const y = await l.apply(tensor(x, [B, T, D])).data();
    const [K, R, b] = await Promise.all(l.getWeights().map((w) => w.data()));
    expect(l.getWeights()[2].shape).toEqual([2, 3 * U]);
    const sig = (v: number): number => 1 / (1 + Math.exp(-v));
    const expected: number[] = [];
    for (let s = 0; s < B; s++) {
      let h = new Array<number>(U).fill(0);
      for (let t = 0; t < T; t++) {
        const mx = Array.from({ length: 3 * U }, (_, j) => {
          let acc = b[j];
          for (let d = 0; d < D; d++) acc += x[(s * T + t) * D + d] * K[d * 3 * U + j];
          return acc;
        });
        const mh = Array.from({ length: 3 * U }, (_, j) => {
          let acc = b[3 * U + j];
          for (let k = 0; k < U; k++) acc += h[k] * R[k * 3 * U + j];
          return acc;
        });
        h = h.map((hk, k) => {
          const z = sig(mx[k] + mh[k]);
          const r = sig(mx[U + k] + mh[U + k]);
          const hh = Math.tanh(mx[2 * U + k] + r * mh[2 * U + k]);
          return z * hk + (1 - z) * hh;
        });
      }
      expected.push(...h);
    }
    expect(maxAbsDiff(y, expected)).toBeLessThanOrEqual(1e-5);
    expect(l.getConfig().resetAfter).toBe(true);
    l.dispose();
  });
});

describe('SimpleRNN vs TF.js 4.22', () => {
  for (const v of VARIANTS) {
    it(v.name, async () => {
      const cfg = { units: 4, ...v.cfg };
      const ours = layers.simpleRNN(cfg as Parameters<typeof layers.simpleRNN>[0]);
      const theirs = tfl.layers.simpleRNN({ ...TFJS_INIT, ...cfg } as Parameters<typeof tfl.layers.simpleRNN>[0]);
      expectSame(await runBoth(ours, theirs, { shape: [3, 5, 6], mask: v.mask }));
      ours.dispose();
    });
  }
});

describe('files between Tensile and TF.js', () => {
  it('GRU + SimpleRNN saved by TF.js load in Tensile and predict the same', async () => {
    const m = tfl.sequential({
      layers: [
        tfl.layers.gru({ units: 4, returnSequences: true, inputShape: [6, 3], ...TFJS_INIT }),
        tfl.layers.simpleRNN({ units: 3, goBackwards: true, ...TFJS_INIT }),
        tfl.layers.dense({ units: 2 }),
      ],
    });
    await m.save(tfjsFileSaver(join(dir, 'from-tfjs')));
    const ours = await loadModel(`file://${join(dir, 'from-tfjs', 'model.json')}`);
    const data = seeded(5 * 6 * 3, 8);
    const theirs = await (m.predict(tf.tensor(data, [5, 6, 3])) as tf.Tensor).data();
    const y = ours.predict(tensor(data, [5, 6, 3]));
    expect(maxAbsDiff(await (Array.isArray(y) ? y[0] : y).data(), theirs)).toBeLessThanOrEqual(TOL);
    ours.dispose();
  });

  it('GRU + SimpleRNN saved by Tensile load in TF.js and predict the same', async () => {
    const ours = sequential([
      layers.gru({ units: 4, returnSequences: true, inputShape: [6, 3], recurrentActivation: 'hardSigmoid' }),
      layers.simpleRNN({ units: 3, activation: 'relu' }),
      layers.dense({ units: 2 }),
    ]);
    await ours.save(`file://${join(dir, 'to-tfjs')}`);
    const theirs = await tfl.loadLayersModel(tfjsFileLoader(join(dir, 'to-tfjs', 'model.json')));
    const data = seeded(5 * 6 * 3, 9);
    const a = ours.predict(tensor(data, [5, 6, 3]));
    const b = theirs.predict(tf.tensor(data, [5, 6, 3])) as tf.Tensor;
    expect(maxAbsDiff(await (Array.isArray(a) ? a[0] : a).data(), await b.data())).toBeLessThanOrEqual(TOL);
    ours.dispose();
  });
});
