/**
 * A real two-layer perceptron built straight from core Variables, implementing `TrainableModel`,
 * so training is tested without depending on the layer classes.
 */
import '@tensile/backend-cpu';
import {
  add,
  matMul,
  mul,
  reshape,
  sigmoid,
  softmax,
  square,
  sum,
  tanh,
  tensor,
  tidy,
  variable,
  type Tensor,
  type Variable,
} from '@tensile/core';
import type { TrainableModel } from '../../src/training/trainable.js';
import { seededRandom } from '../../src/training/data.js';

let nextId = 0;

export interface TinyMLPConfig {
  inputs: number;
  hidden: number;
  outputs: number;
  /** Output activation. Default 'softmax'. */
  activation?: 'softmax' | 'sigmoid' | 'linear';
  seed?: number;
  /** L2 penalty on the first kernel. */
  l2?: number;
}

export class TinyMLP implements TrainableModel {
  readonly name: string;
  readonly inputNames = ['input'];
  readonly outputNames = ['output'];
  readonly outputShapes: (number | null)[][];
  stopTraining = false;
  readonly saves: { destination: string; weights: number[][] }[] = [];
  private readonly vars: Variable[];
  private readonly activation: 'softmax' | 'sigmoid' | 'linear';

  constructor(private readonly config: TinyMLPConfig) {
    this.name = `tiny_mlp_${nextId++}`;
    this.activation = config.activation ?? 'softmax';
    this.outputShapes = [[null, config.outputs]];
    const random = seededRandom(config.seed ?? 1);
    const glorot = (fanIn: number, fanOut: number, name: string): Variable => {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const values = Float32Array.from({ length: fanIn * fanOut }, () => (random() * 2 - 1) * limit);
      return variable(tensor(values, [fanIn, fanOut]), true, `${this.name}/${name}`);
    };
    const zeros = (n: number, name: string): Variable => variable(tensor(new Float32Array(n), [n]), true, `${this.name}/${name}`);
    this.vars = [
      glorot(config.inputs, config.hidden, 'kernel1'),
      zeros(config.hidden, 'bias1'),
      glorot(config.hidden, config.outputs, 'kernel2'),
      zeros(config.outputs, 'bias2'),
    ];
  }

  get trainableWeights(): readonly Variable[] {
    return this.vars;
  }
  get weights(): readonly Variable[] {
    return this.vars;
  }

  apply(inputs: Tensor | readonly Tensor[]): Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : (inputs as Tensor);
    const [w1, b1, w2, b2] = this.vars;
    const logits = add(matMul(tanh(add(matMul(x, w1), b1)), w2), b2);
    return this.activation === 'softmax' ? softmax(logits) : this.activation === 'sigmoid' ? sigmoid(logits) : logits;
  }

  regularizationLosses(): Tensor[] {
    return this.config.l2 ? [mul(sum(square(this.vars[0])), this.config.l2)] : [];
  }

  getWeights(): Tensor[] {
    return this.vars.map((v) => reshape(v, v.shape));
  }

  setWeights(weights: readonly Tensor[]): void {
    weights.forEach((w, i) => this.vars[i].assign(w));
  }

  async save(destination: string): Promise<unknown> {
    this.saves.push({ destination, weights: this.vars.map((v) => Array.from(v.dataSync())) });
    return { destination };
  }

  /** Current weights as plain numbers, for comparisons. */
  values(): number[][] {
    return this.vars.map((v) => Array.from(v.dataSync()));
  }

  dispose(): void {
    for (const v of this.vars) v.dispose();
  }
}

/** XOR, repeated `copies` times: 4 * copies samples, one-hot targets. */
export function xorData(copies = 8): { x: Tensor; y: Tensor; labels: Tensor } {
  const xs: number[][] = [];
  const ys: number[][] = [];
  const labels: number[] = [];
  for (let c = 0; c < copies; c++) {
    for (const [a, b] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]) {
      xs.push([a, b]);
      const l = a ^ b;
      ys.push(l ? [0, 1] : [1, 0]);
      labels.push(l);
    }
  }
  return tidy(() => ({ x: tensor(xs), y: tensor(ys), labels: tensor(labels, undefined, 'int32') }));
}

/** Two Gaussian blobs in 2-D, linearly separable; binary targets [n, 1]. */
export function blobs(n: number, seed = 3): { x: Tensor; y: Tensor } {
  const random = seededRandom(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const xs: number[][] = [];
  const ys: number[][] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const c = label ? 2 : -2;
    xs.push([c + gauss() * 0.7, c + gauss() * 0.7]);
    ys.push([label]);
  }
  return tidy(() => ({ x: tensor(xs), y: tensor(ys) }));
}
