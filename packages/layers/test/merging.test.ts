/**
 * The merge layers (Multiply, Subtract, Average, Maximum, Minimum, Dot) against TensorFlow.js
 * 4.22 itself; Subtract, which TF.js lacks, against `a - b` computed here.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ArgumentError, ready, ShapeError, tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { Dot, input, io, layers, loadModel, model } from '../src/index.js';
import { maxAbsDiff, memorySink, values } from './helpers.js';
import { checkTwin, lcg } from './helpers/tfjs-twin.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

type Elementwise = 'multiply' | 'average' | 'maximum' | 'minimum';

describe('elementwise merge layers vs TF.js 4.22', () => {
  for (const kind of ['multiply', 'average', 'maximum', 'minimum'] as Elementwise[]) {
    it(`${kind}: three inputs through a Dense, same outputs, configs and files both ways`, async () => {
      const [a, b, c] = [input({ shape: [4] }), input({ shape: [4] }), input({ shape: [4] })];
      const dense = layers.dense({ units: 4 });
      const ours = model({ inputs: [a, b, c], outputs: layers[kind]().apply([dense.apply(a), b, c]) });
      const [ta, tb, tc] = [tfl.input({ shape: [4] }), tfl.input({ shape: [4] }), tfl.input({ shape: [4] })];
      const td = tfl.layers.dense({ units: 4, kernelInitializer: 'glorotUniform' }).apply(ta) as tfl.SymbolicTensor;
      const theirs = tfl.model({ inputs: [ta, tb, tc], outputs: tfl.layers[kind]({}).apply([td, tb, tc]) as tfl.SymbolicTensor });
      await checkTwin(ours, theirs, {
        inputs: [
          [5, 4],
          [5, 4],
          [5, 4],
        ],
      });
      theirs.dispose();
      ours.dispose();
    });
  }

  it('broadcast inputs (as Keras 3) and no tensors left per call', async () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    const y = tensor([10, 20, 30], [1, 3]);
    const before = undisposedTensors();
    const out = layers.maximum().apply([x, y]);
    expect(undisposedTensors()).toBe(before + 1);
    expect(await values(out)).toEqual([10, 20, 30, 10, 20, 30]);
    expect(await values(layers.average().apply([x, y]))).toEqual([5.5, 11, 16.5, 7, 12.5, 18]);
  });

  it('misuse: one input, or shapes that do not broadcast', () => {
    expect(() => layers.multiply({ name: 'mul' }).apply(tensor([1, 2], [1, 2]))).toThrow(ArgumentError);
    expect(() => layers.multiply({ name: 'mul2' }).apply([tensor([1, 2], [1, 2])])).toThrow(
      'mul2: Multiply needs a list of at least 2 inputs, got 1',
    );
    expect(() => layers.minimum({ name: 'mn' }).apply([input({ shape: [3] }), input({ shape: [4] })])).toThrow(ShapeError);
  });
});

describe('Subtract (Keras 3; not in TF.js 4.22)', () => {
  it('computes a - b, takes exactly two inputs, and round-trips through a saved model', async () => {
    const a = input({ shape: [3] });
    const b = input({ shape: [3] });
    const m = model({ inputs: [a, b], outputs: layers.subtract().apply([a, b]) });
    const da = lcg(6, 1);
    const db = lcg(6, 2);
    const out = await values(m.apply([tensor(da, [2, 3]), tensor(db, [2, 3])]));
    expect(
      maxAbsDiff(
        out,
        Array.from(da, (v, i) => v - db[i]),
      ),
    ).toBeLessThanOrEqual(1e-7);
    const sink = memorySink();
    await m.save(sink.handler);
    const saved = JSON.parse(JSON.stringify(sink.artifacts().modelTopology));
    expect(saved.config.layers.map((l: { class_name: string }) => l.class_name)).toContain('Subtract');
    const loaded = await loadModel(io.fromMemory(sink.artifacts()));
    expect(await values(loaded.apply([tensor(da, [2, 3]), tensor(db, [2, 3])]))).toEqual(out);
    const x = input({ shape: [3] });
    expect(() => layers.subtract({ name: 'sb' }).apply([x, x, x])).toThrow('sb: Subtract needs a list of exactly 2 inputs, got 3');
  });
});

describe('Dot vs TF.js 4.22', () => {
  const cases: { name: string; shapes: [number[], number[]]; axes: number | [number, number]; normalize?: boolean }[] = [
    { name: 'rank 2, axes 1', shapes: [[4], [4]], axes: 1 },
    { name: 'rank 2, axes -1, normalize', shapes: [[5], [5]], axes: -1, normalize: true },
    {
      name: 'rank 3, axes [2, 2]',
      shapes: [
        [3, 4],
        [2, 4],
      ],
      axes: [2, 2],
    },
    {
      name: 'rank 3, axes [1, 1], normalize',
      shapes: [
        [3, 4],
        [3, 2],
      ],
      axes: [1, 1],
      normalize: true,
    },
    {
      name: 'rank 3, axes [2, 1]',
      shapes: [
        [3, 4],
        [4, 2],
      ],
      axes: [2, 1],
    },
    { name: 'rank 3 and rank 2, axes [2, 1]', shapes: [[3, 4], [4]], axes: [2, 1] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const a = input({ shape: c.shapes[0] });
      const b = input({ shape: c.shapes[1] });
      const ours = model({ inputs: [a, b], outputs: layers.dot({ axes: c.axes, normalize: c.normalize }).apply([a, b]) });
      const ta = tfl.input({ shape: c.shapes[0] });
      const tb = tfl.input({ shape: c.shapes[1] });
      const theirs = tfl.model({
        inputs: [ta, tb],
        outputs: tfl.layers.dot({ axes: c.axes, normalize: c.normalize }).apply([ta, tb]) as tfl.SymbolicTensor,
      });
      expect(ours.outputs[0].shape).toEqual(theirs.outputs[0].shape);
      // TF.js writes `normalize` only where it was given; Tensile always writes it.
      await checkTwin(ours, theirs, {
        inputs: [
          [3, ...c.shapes[0]],
          [3, ...c.shapes[1]],
        ],
        compareConfigs: c.normalize !== undefined,
      });
      theirs.dispose();
      ours.dispose();
    });
  }

  it('misuse: bad axes, mismatched dimensions, rank 4, three inputs', () => {
    expect(() => layers.dot({ axes: 1.5 as number, name: 'd' })).toThrow('d: axes must be an integer or a pair of integers, got 1.5');
    const a = input({ shape: [4] });
    const b = input({ shape: [5] });
    expect(() => layers.dot({ axes: 1, name: 'd2' }).apply([a, b])).toThrow(
      'd2: Dot needs equal dimensions along axes [1, 1], got 4 vs 5 for shapes (null, 4) and (null, 5)',
    );
    expect(() => layers.dot({ axes: 1, name: 'd3' }).apply([input({ shape: [2, 2, 2] }), input({ shape: [2, 2, 2] })])).toThrow(ShapeError);
    expect(() => layers.dot({ axes: 1, name: 'd4' }).apply([a, a, a])).toThrow('d4: Dot needs a list of exactly 2 inputs, got 3');
    expect(() => Dot.fromConfig({ name: 'x', axes: [1, 2, 3] })).toThrow("Dot: config field 'axes'");
  });
});
