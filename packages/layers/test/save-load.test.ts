import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ModelFormatError, ready, randomNormal, tensor2d } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { io, layers, loadModel, sequential, type ConfigDict } from '../src/index.js';
import { lenet5 } from './lenet.js';
import { maxAbsDiff, values } from './helpers.js';

let dir: string;
beforeAll(async () => {
  await ready();
  dir = await mkdtemp(join(tmpdir(), 'tensile-layers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('file:// round trip', () => {
  it('a saved LeNet loads with identical predictions', async () => {
    const m = lenet5();
    const url = `file://${join(dir, 'lenet')}`;
    await m.save(url);
    const files = await readdir(join(dir, 'lenet'));
    expect(files.filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    expect(files).toContain('model.json');
    const json = JSON.parse(await readFile(join(dir, 'lenet', 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.modelTopology.class_name).toBe('Sequential');
    expect(json.modelTopology.config.layers[0].config.batch_input_shape).toEqual([null, 32, 32, 1]);
    expect(json.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toEqual(
      m.layers.flatMap((l) => l.weights.map((v) => l.originalNameOf(v))),
    );
    const copy = await loadModel(url);
    const x = randomNormal([4, 32, 32, 1], 0, 1, 'float32', 9);
    expect(maxAbsDiff(await values(copy.apply(x)), await values(m.apply(x)))).toBe(0);
    // Saving again replaces the shard: still exactly one.
    await copy.save(`file://${join(dir, 'lenet', 'model.json')}`);
    expect((await readdir(join(dir, 'lenet'))).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    m.dispose();
    copy.dispose();
  });
});

describe('Keras 3 configs', () => {
  const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
  const kernel = [1, 2, 3, 4, 5, 6];
  const bias = [0.5, -0.5];
  const weightData = new Float32Array([...kernel, ...bias]).buffer;
  const weightSpecs = [
    { name: 'dense/kernel', shape: [3, 2], dtype: 'float32' as const },
    { name: 'dense/bias', shape: [2], dtype: 'float32' as const },
  ];
  const dense = {
    module: 'keras.layers',
    class_name: 'Dense',
    config: {
      name: 'dense',
      trainable: true,
      dtype: policy,
      units: 2,
      activation: 'relu',
      use_bias: true,
      kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
      bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
      kernel_regularizer: { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.01 }, registered_name: null },
      bias_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      lora_rank: null,
    },
    registered_name: null,
    build_config: { input_shape: [null, 3] },
  };
  const expected = [Math.max(0, 1 * 1 + 2 * 3 + 3 * 5 + 0.5), Math.max(0, 1 * 2 + 2 * 4 + 3 * 6 - 0.5)];

  it('a Sequential with an InputLayer and batch_shape loads', async () => {
    const topology = {
      class_name: 'Sequential',
      config: {
        name: 'sequential',
        trainable: true,
        dtype: policy,
        layers: [
          {
            module: 'keras.layers',
            class_name: 'InputLayer',
            config: { batch_shape: [null, 3], dtype: 'float32', sparse: false, name: 'input_layer' },
            registered_name: null,
          },
          dense,
        ],
        build_input_shape: [null, 3],
      },
      keras_version: '3.6.0',
      backend: 'tensorflow',
    };
    const m = await loadModel(io.fromMemory({ modelTopology: topology, weightSpecs, weightData }));
    expect(m.inputShapes).toEqual([[null, 3]]);
    expect(await values(m.apply(tensor2d([[1, 2, 3]])))).toEqual(expected);
    expect(m.regularizationLosses()).toHaveLength(1);
  });

  it('a Functional model with __keras_tensor__ inbound nodes loads', async () => {
    const ref = (layer: string) => ({
      class_name: '__keras_tensor__',
      config: { shape: [null, 3], dtype: 'float32', keras_history: [layer, 0, 0] },
    });
    const topology: ConfigDict = {
      class_name: 'Functional',
      config: {
        name: 'functional',
        trainable: true,
        layers: [
          {
            module: 'keras.layers',
            class_name: 'InputLayer',
            config: { batch_shape: [null, 3], dtype: 'float32', sparse: false, name: 'x' },
            registered_name: null,
            name: 'x',
            inbound_nodes: [],
          },
          { ...dense, name: 'dense', inbound_nodes: [{ args: [ref('x')], kwargs: {} }] },
          {
            module: 'keras.layers',
            class_name: 'Concatenate',
            config: { name: 'cat', axis: -1, trainable: true, dtype: policy },
            name: 'cat',
            inbound_nodes: [{ args: [[ref('dense'), ref('x')]], kwargs: {} }],
          },
        ],
        input_layers: [['x', 0, 0]],
        output_layers: ['cat', 0, 0],
      },
    };
    const m = await loadModel(io.fromMemory({ modelTopology: topology, weightSpecs, weightData }));
    expect(m.outputShapes).toEqual([[null, 5]]);
    expect(await values(m.apply(tensor2d([[1, 2, 3]])))).toEqual([...expected, 1, 2, 3]);
  });
});

describe('corrupt or truncated models raise ModelFormatError and leak nothing', () => {
  let good: string;
  beforeAll(async () => {
    good = join(dir, 'good');
    const m = sequential([layers.dense({ units: 3, inputShape: [4], activation: 'relu' }), layers.dense({ units: 2 })]);
    await m.save(`file://${good}`);
    m.dispose();
  });

  async function broken(name: string, edit: (jsonPath: string, shardPath: string) => Promise<void>): Promise<string> {
    const d = join(dir, name);
    await rm(d, { recursive: true, force: true });
    const text = await readFile(join(good, 'model.json'), 'utf8');
    const shard = JSON.parse(text).weightsManifest[0].paths[0] as string;
    await import('node:fs/promises').then((fs) => fs.cp(good, d, { recursive: true }));
    await edit(join(d, 'model.json'), join(d, shard));
    return `file://${d}`;
  }

  async function expectFormatError(url: string, pattern: RegExp): Promise<void> {
    const before = undisposedTensors();
    const err = await loadModel(url).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ModelFormatError);
    expect(String(err)).toMatch(pattern);
    expect(undisposedTensors()).toBe(before);
  }

  it('truncated model.json', async () => {
    await expectFormatError(await broken('trunc-json', async (j) => truncate(j, 100)), /not valid JSON/);
  });
  it('missing model.json', async () => {
    await expectFormatError(`file://${join(dir, 'nowhere')}`, /cannot read/);
  });
  it('missing weight shard', async () => {
    await expectFormatError(await broken('no-shard', async (_j, s) => rm(s)), /missing weight shard/);
  });
  it('truncated weight shard', async () => {
    await expectFormatError(await broken('short-shard', async (_j, s) => truncate(s, 20)), /truncated or corrupt shard/);
  });
  it('unknown layer class', async () => {
    await expectFormatError(
      await broken('unknown-class', async (j) => writeFile(j, (await readFile(j, 'utf8')).replace('"Dense"', '"NoSuchLayer"'))),
      /unknown layer class 'NoSuchLayer'/,
    );
  });
  it('a weight missing from the manifest', async () => {
    await expectFormatError(
      await broken('missing-weight', async (j) => {
        const json = JSON.parse(await readFile(j, 'utf8'));
        json.weightsManifest[0].weights.pop();
        await writeFile(j, JSON.stringify(json));
      }),
      /describes 84 bytes of weights, but weight shard .* holds 92 bytes/,
    );
  });
  it('a malformed layer config', async () => {
    await expectFormatError(
      await broken('bad-config', async (j) => writeFile(j, (await readFile(j, 'utf8')).replace('"units":3', '"units":"three"'))),
      /units/,
    );
  });
});
