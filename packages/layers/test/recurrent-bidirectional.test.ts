/**
 * Bidirectional against TensorFlow.js 4.22 with the same weights (max |Δ| ≤ 1e-4): every merge
 * mode, states, masks; and models with it moving through files both ways.
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
import { layers, loadModel, sequential, type BidirectionalMergeMode } from '../src/index.js';
import { maxAbsDiff } from './helpers.js';
import { runBoth } from './helpers/rnn-oracle.js';
import { seededValues as seeded, tfjsFileLoader, tfjsFileSaver } from './helpers/tfjs-files.js';

let dir: string;
beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'tensile-bidi-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TOL = 1e-4;
const TFJS_INIT = { recurrentInitializer: 'glorotUniform' } as const;
const MASK = [
  [1, 1, 1, 1],
  [1, 1, 0, 0],
];

function expectSame(r: { ours: number[][]; theirs: number[][] }): void {
  expect(r.ours.length).toBe(r.theirs.length);
  r.ours.forEach((o, i) => {
    expect(o.length).toBe(r.theirs[i].length);
    expect(maxAbsDiff(o, r.theirs[i])).toBeLessThanOrEqual(TOL);
  });
}

describe('Bidirectional vs TF.js 4.22', () => {
  const modes: BidirectionalMergeMode[] = ['concat', 'sum', 'mul', 'ave', null];
  for (const mergeMode of modes) {
    for (const returnSequences of [false, true]) {
      it(`LSTM, mergeMode ${mergeMode}, returnSequences ${returnSequences}`, async () => {
        const cfg = { units: 3, returnSequences, recurrentActivation: 'sigmoid' } as const;
        const ours = layers.bidirectional({ layer: layers.lstm(cfg), mergeMode });
        // TF.js' typings leave out null, which its code accepts (and writes in configs).
        const tfMode = mergeMode as 'concat';
        const theirs = tfl.layers.bidirectional({ layer: tfl.layers.lstm({ ...cfg, ...TFJS_INIT }) as tfl.RNN, mergeMode: tfMode });
        expectSame(await runBoth(ours, theirs, { shape: [2, 4, 5] }));
        ours.dispose();
      });
    }
  }

  it('GRU with returnState and a mask', async () => {
    const cfg = { units: 3, returnSequences: true, returnState: true, recurrentActivation: 'sigmoid' } as const;
    const ours = layers.bidirectional({ layer: layers.gru(cfg) });
    const theirs = tfl.layers.bidirectional({ layer: tfl.layers.gru({ ...cfg, ...TFJS_INIT }) as tfl.RNN });
    expectSame(await runBoth(ours, theirs, { shape: [2, 4, 5], mask: MASK }));
    ours.dispose();
  });

  it('rejects what it cannot wrap or merge', () => {
    expect(() => layers.bidirectional({ layer: layers.dense({ units: 2 }) as never })).toThrow(/wraps a recurrent layer/);
    expect(() => layers.bidirectional({ layer: layers.lstm({ units: 2 }), mergeMode: 'max' as never })).toThrow(
      /mergeMode must be 'concat', 'sum', 'mul', 'ave' or null, got "max"/,
    );
  });
});

describe('files between Tensile and TF.js', () => {
  it('embedding(maskZero) + bidirectional(LSTM) + dense saved by TF.js loads in Tensile and predicts the same', async () => {
    const m = tfl.sequential({
      layers: [
        tfl.layers.embedding({ inputDim: 9, outputDim: 4, inputLength: 5, maskZero: true }),
        tfl.layers.bidirectional({ layer: tfl.layers.lstm({ units: 3, ...TFJS_INIT }) as tfl.RNN, mergeMode: 'ave' }),
        tfl.layers.dense({ units: 2 }),
      ],
    });
    await m.save(tfjsFileSaver(join(dir, 'from-tfjs')));
    const ours = await loadModel(`file://${join(dir, 'from-tfjs', 'model.json')}`);
    const ids = [1, 2, 3, 0, 0, 4, 5, 6, 7, 8, 8, 0, 0, 0, 0];
    const theirs = await (m.predict(tf.tensor(ids, [3, 5])) as tf.Tensor).data();
    const y = ours.predict(tensor(ids, [3, 5]));
    expect(maxAbsDiff(await (Array.isArray(y) ? y[0] : y).data(), theirs)).toBeLessThanOrEqual(TOL);
    ours.dispose();
  });

  it('bidirectional(GRU) saved by Tensile loads in TF.js and predicts the same', async () => {
    const ours = sequential([
      layers.bidirectional({ layer: layers.gru({ units: 3, returnSequences: true }), inputShape: [5, 2] }),
      layers.bidirectional({ layer: layers.simpleRNN({ units: 2 }), mergeMode: 'mul' }),
    ]);
    await ours.save(`file://${join(dir, 'to-tfjs')}`);
    const theirs = await tfl.loadLayersModel(tfjsFileLoader(join(dir, 'to-tfjs', 'model.json')));
    const data = seeded(3 * 5 * 2, 12);
    const a = ours.predict(tensor(data, [3, 5, 2]));
    const b = theirs.predict(tf.tensor(data, [3, 5, 2])) as tf.Tensor;
    expect(maxAbsDiff(await (Array.isArray(a) ? a[0] : a).data(), await b.data())).toBeLessThanOrEqual(TOL);
    ours.dispose();
  });
});
