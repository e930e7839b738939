import { beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { gather, matMul, mul, ones, ready, randomNormal, reshape, tensor2d, type Tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import {
  Adam,
  Dense,
  Layer,
  input,
  layers,
  model,
  registerLayer,
  sequential,
  Sequential,
  Model,
  type CallOptions,
  type ConfigDict,
} from '../src/index.js';
import { modelFromArtifacts } from '../src/models/load.js';
import { lenet5 } from './lenet.js';

async function values(t: Tensor | Tensor[]): Promise<number[]> {
  return Array.from(await (Array.isArray(t) ? t[0] : t).data());
}

beforeAll(async () => {
  await ready();
});

describe('Sequential', () => {
  it('LeNet-5 has 61,706 parameters and a Keras-style summary', () => {
    const m = lenet5();
    const printed: string[] = [];
    const lines = m.summary({ printFn: (l) => printed.push(l) });
    expect(printed).toEqual(lines);
    expect(lines[0]).toBe(`Model: "${m.name}"`);
    expect(lines.some((l) => /Layer \(type\)\s+Output Shape\s+Param #/.test(l))).toBe(true);
    expect(lines.some((l) => /\(Conv2D\)\s+\(None, 28, 28, 6\)\s+156$/.test(l))).toBe(true);
    expect(lines.some((l) => /\(Dense\)\s+\(None, 84\)\s+10,164$/.test(l))).toBe(true);
    expect(lines).toContain('Total params: 61,706 (241.04 KB)');
    expect(lines).toContain('Trainable params: 61,706 (241.04 KB)');
    expect(lines).toContain('Non-trainable params: 0 (0.00 B)');
    expect(m.countParams()).toBe(61706);
    expect(m.outputShapes).toEqual([[null, 10]]);
    const y = m.apply(randomNormal([3, 32, 32, 1], 0, 1, 'float32', 1));
    expect(Array.isArray(y) ? y[0].shape : y.shape).toEqual([3, 10]);
    m.dispose();
  });

  it('builds from the first batch when no input shape is given, and supports add/pop', () => {
    const m = sequential();
    m.add(layers.dense({ units: 4, activation: 'relu' }));
    m.add(layers.dense({ units: 2 }));
    expect(m.built).toBe(false);
    const y = m.apply(randomNormal([5, 3], 0, 1, 'float32', 1));
    expect(Array.isArray(y) ? 0 : y.shape).toEqual([5, 2]);
    expect(m.countParams()).toBe(3 * 4 + 4 + 4 * 2 + 2);
    m.pop();
    expect(m.outputShapes).toEqual([[null, 4]]);
  });

  it('an incompatible add throws and leaves the model as it was', () => {
    const m = sequential([layers.flatten({ inputShape: [4] })]);
    expect(() => m.add(layers.conv2d({ filters: 2, kernelSize: 3 }))).toThrow(/rank-4/);
    expect(m.layers).toHaveLength(1);
    expect(m.outputShapes).toEqual([[null, 4]]);
  });

  it('accepts input() first, as Keras 3', () => {
    const m = sequential([input({ shape: [6] }), layers.dense({ units: 3 })]);
    expect(m.inputShapes).toEqual([[null, 6]]);
    expect(m.layers.length).toBe(1);
  });

  it('getWeights snapshots and setWeights restores', async () => {
    const m = sequential([layers.dense({ units: 2, inputShape: [2] })]);
    const snap = m.getWeights();
    const before = await values(snap[0]);
    m.weights[0].assign(
      tensor2d([
        [9, 9],
        [9, 9],
      ]),
    );
    expect(await values(snap[0])).toEqual(before);
    m.setWeights(snap);
    expect(await values(m.weights[0])).toEqual(before);
    expect(() => m.setWeights([snap[0]])).toThrow(/expected 2 tensors/);
  });

  it('dispose frees every weight', () => {
    const before = undisposedTensors();
    const m = lenet5();
    expect(undisposedTensors()).toBe(before + 10);
    expect(m.dispose().numDisposedVariables).toBe(10);
    expect(undisposedTensors()).toBe(before);
  });
});

describe('functional Model', () => {
  it('runs a DAG with two inputs, a shared layer and two outputs', async () => {
    const a = input({ shape: [3], name: 'left' });
    const b = input({ shape: [3], name: 'right' });
    const shared = layers.dense({ units: 2, name: 'shared', kernelInitializer: 'ones' });
    const ya = shared.apply(a);
    const yb = shared.apply(b);
    const sum = layers.add({ name: 'sum' }).apply([ya, yb]);
    const cat = layers.concatenate({ name: 'cat' }).apply([ya, yb]);
    const m = model({ inputs: [a, b], outputs: [sum, cat], name: 'two_towers' });
    expect(m.inputNames).toEqual(['left', 'right']);
    expect(m.outputNames).toEqual(['sum', 'cat']);
    expect(m.outputShapes).toEqual([
      [null, 2],
      [null, 4],
    ]);
    expect(m.countParams()).toBe(8);
    expect(m.layers.map((l) => l.name)).toEqual(['left', 'right', 'shared', 'sum', 'cat']);
    const out = m.apply([tensor2d([[1, 2, 3]]), tensor2d([[1, 1, 1]])]);
    expect(Array.isArray(out)).toBe(true);
    if (!Array.isArray(out)) return;
    expect(await values(out[0])).toEqual([9, 9]);
    expect(await values(out[1])).toEqual([6, 6, 3, 3]);
    const lines = m.summary({ printFn: () => {} });
    expect(lines.some((l) => l.includes('Connected to'))).toBe(true);
    expect(lines.some((l) => l.includes('shared[1][0]'))).toBe(true);
  });

  it('rejects disconnected graphs and wrong input shapes', () => {
    const a = input({ shape: [3] });
    const other = input({ shape: [3] });
    const y = layers.add().apply([a, other]);
    expect(() => model({ inputs: a, outputs: y })).toThrow(/disconnected/);
    const m = model({ inputs: [a, other], outputs: y });
    expect(() => m.apply([tensor2d([[1, 2]]), tensor2d([[1, 2]])])).toThrow(/expects shape \[null, 3\]/);
  });
});

describe('config round-trip', () => {
  it('every layer of LeNet survives getConfig/fromConfig', () => {
    for (const layer of lenet5().layers) {
      const Cls = layer.constructor as typeof Layer;
      const copy = Cls.fromConfig(layer.getConfig());
      expect(copy.getConfig()).toEqual(layer.getConfig());
    }
  });

  it('other layers too', () => {
    const all = [
      layers.batchNormalization({ momentum: 0.9, axis: 1 }),
      layers.dropout({ rate: 0.25, seed: 3 }),
      layers.reshape({ targetShape: [2, -1] }),
      layers.zeroPadding2d({ padding: [1, 2] }),
      layers.maxPooling2d({ poolSize: 3, strides: 1, padding: 'same' }),
      layers.globalMaxPooling2d(),
      layers.concatenate({ axis: 1 }),
      layers.activation({ activation: 'gelu' }),
      layers.dense({ units: 3, kernelRegularizer: 'l1l2', useBias: false, kernelInitializer: 'lecunUniform' }),
    ];
    for (const layer of all) {
      const Cls = layer.constructor as typeof Layer;
      expect(Cls.fromConfig(layer.getConfig()).getConfig()).toEqual(layer.getConfig());
    }
  });

  it('a functional model rebuilds from its topology with the same predictions', async () => {
    const a = input({ shape: [4] });
    const b = input({ shape: [4] });
    const d = layers.dense({ units: 3, activation: 'tanh' });
    const merged = layers.concatenate().apply([d.apply(a), d.apply(b)]);
    const out = layers.dense({ units: 1 }).apply(layers.batchNormalization().apply(merged));
    const m = model({ inputs: [a, b], outputs: out });
    const xs = [randomNormal([2, 4], 0, 1, 'float32', 1), randomNormal([2, 4], 0, 1, 'float32', 2)];
    const artifacts: Parameters<typeof modelFromArtifacts>[0] = {};
    await m.save({
      save: async (art) => {
        Object.assign(artifacts, art);
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      },
    });
    const copy = modelFromArtifacts(artifacts);
    expect(copy.layers.map((l) => l.className)).toEqual(m.layers.map((l) => l.className));
    expect(await values(copy.apply(xs))).toEqual(await values(m.apply(xs)));
  });
});

describe('custom layers', () => {
  class Scale extends Layer {
    static override readonly className = 'Scale';
    readonly factor: number;
    constructor(args: { factor: number; name?: string }) {
      super(args);
      this.factor = args.factor;
    }
    call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return mul(x, this.factor);
    }
    override getConfig(): ConfigDict {
      return { factor: this.factor, ...super.getConfig() };
    }
    static override fromConfig(config: ConfigDict): Scale {
      return new Scale({ factor: Number(config.factor), name: String(config.name) });
    }
  }

  it('registerLayer makes a subclass loadable', async () => {
    registerLayer(Scale);
    const m = sequential([layers.dense({ units: 2, inputShape: [2] }), new Scale({ factor: 3 })]);
    const artifacts: Parameters<typeof modelFromArtifacts>[0] = {};
    await m.save({
      save: async (art) => {
        Object.assign(artifacts, art);
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      },
    });
    const copy = modelFromArtifacts(artifacts);
    expect(copy).toBeInstanceOf(Sequential);
    expect(copy).toBeInstanceOf(Model);
    const last = copy.layers[1];
    expect(last).toBeInstanceOf(Scale);
    expect(last instanceof Scale && last.factor).toBe(3);
    expect(copy.layers[0]).toBeInstanceOf(Dense);
    const x = tensor2d([[1, 2]]);
    const expected = (await values(m.apply(x))).map((v) => v);
    expect(await values(copy.apply(x))).toEqual(expected);
    expect(await values(m.apply(x))).toEqual((await values(m.layers[0].apply(x))).map((v) => Math.fround(v * 3)));
  });
});

describe('custom layers without computeOutputShape', () => {
  /** [..., d] -> [..., d / 2, 2]: not elementwise, and no computeOutputShape. */
  class Pairs extends Layer {
    static override readonly className = 'Pairs';
    call(inputs: Tensor | Tensor[]): Tensor {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return reshape(x, [...x.shape.slice(0, -1), x.shape[x.rank - 1] / 2, 2]);
    }
  }
  /** Looks rows up by int32 index: inference must feed it int32 zeros. */
  class Lookup extends Layer {
    static override readonly className = 'Lookup';
    table: Tensor | undefined;
    override build(): void {
      this.table = this.addWeight('table', [5, 4], 'float32', 'ones');
    }
    call(inputs: Tensor | Tensor[]): Tensor {
      if (!this.table) throw new Error('not built');
      return gather(this.table, Array.isArray(inputs) ? inputs[0] : inputs, 0);
    }
  }
  /** Its kernel does not fit inputs of width 4. */
  class Broken extends Layer {
    static override readonly className = 'Broken';
    call(inputs: Tensor | Tensor[]): Tensor {
      return matMul(Array.isArray(inputs) ? inputs[0] : inputs, ones([5, 2]));
    }
  }

  it('the output shape is inferred by running call, so the next layer builds for it', async () => {
    const m = sequential([new Pairs({ name: 'pairs', inputShape: [6] }), layers.dense({ units: 4, kernelInitializer: 'ones' })]);
    expect(m.layers[0].inboundNodes[0].outputs[0].shape).toEqual([null, 3, 2]);
    expect(m.outputShapes).toEqual([[null, 3, 4]]);
    const x = tensor2d([[1, 2, 3, 4, 5, 6]]);
    const y = m.predict(x);
    expect(Array.isArray(y) ? y[0].shape : y.shape).toEqual([1, 3, 4]);
    expect(await values(y)).toEqual([3, 3, 3, 3, 7, 7, 7, 7, 11, 11, 11, 11]);
    x.dispose();
    (Array.isArray(y) ? y : [y]).forEach((t) => t.dispose());
    const before = undisposedTensors();
    expect(new Pairs({ name: 'pairs_2' }).apply(input({ shape: [null, 8] })).shape).toEqual([null, null, 4, 2]);
    expect(undisposedTensors()).toBe(before);
    expect(new Lookup({ name: 'lookup' }).apply(input({ shape: [3], dtype: 'int32' })).shape).toEqual([null, 3, 4]);
    m.dispose();
  });

  it('when call fails on the probe, apply throws naming the custom layer', () => {
    const x = input({ shape: [4] });
    expect(() => new Broken({ name: 'broken_layer' }).apply(x)).toThrow(
      /^broken_layer \(Broken\): the class does not define computeOutputShape, and running call on zeros of shape \[2, 4\] to infer it failed: .*matMul.*; define computeOutputShape\(inputShape\) in the layer class, or fix call for these inputs$/,
    );
  });
});

describe('training methods on the model classes', () => {
  it('compile/fit/evaluate/predict/trainOnBatch as methods, and dispose frees weights and optimizer state', async () => {
    const before = undisposedTensors();
    const m = sequential([layers.dense({ units: 4, activation: 'relu', inputShape: [3] }), layers.dense({ units: 1 })]);
    m.compile({ optimizer: 'adam', loss: 'mse' });
    const x = randomNormal([16, 3], 0, 1, 'float32', 1);
    const y = randomNormal([16, 1], 0, 1, 'float32', 2);
    const h = await m.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
    expect(h.history.loss).toHaveLength(2);
    expect(typeof (await m.evaluate(x, y))).toBe('number');
    expect(typeof (await m.trainOnBatch(x, y))).toBe('number');
    const p = m.predict(x);
    expect(Array.isArray(p) ? p[0].shape : p.shape).toEqual([16, 1]);
    expect(m.optimizer).toBeInstanceOf(Adam);
    x.dispose();
    y.dispose();
    (Array.isArray(p) ? p : [p]).forEach((t) => t.dispose());
    m.dispose();
    expect(undisposedTensors()).toBe(before);
  });
});
