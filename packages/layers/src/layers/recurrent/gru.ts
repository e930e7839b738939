/**
 * GRU (Cho et al. 2014) with TensorFlow.js' weight layout: gates z, r, h side by side in each
 * kernel. `resetAfter: false` (TF.js 4.22's only form, Keras 2's default) applies the reset gate
 * before the recurrent matmul; `resetAfter: true` (Keras 3's default, CuDNN's form) after it, with
 * separate input and recurrent biases (bias [2, 3 * units]). TF.js 4.22 loads only the first.
 */
import { add, matMul, mul, reshape, split, sub, type Tensor, type Variable } from '@tensile/core';
import { getActivation, type Activation } from '../../activations.js';
import { baseArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { ActivationArg } from '../utils.js';
import { RNN, readRNNArgs, type RNNArgs, type StepMasks } from './rnn.js';

export interface GRUArgs extends RNNArgs {
  /** The gates' activation (default sigmoid, as Keras 3; TF.js 4.22's default is hardSigmoid). */
  recurrentActivation?: ActivationArg | null;
  /** Default false: what TF.js 4.22 computes and loads (Keras 3 defaults to true). */
  resetAfter?: boolean;
}

export class GRU extends RNN {
  static override readonly className = 'GRU';
  readonly recurrentActivation: Activation;
  readonly resetAfter: boolean;
  kernel: Variable | undefined;
  recurrentKernel: Variable | undefined;
  bias: Variable | undefined;

  constructor(args: GRUArgs) {
    super(args, { kernelInitializer: 'glorotUniform', recurrentInitializer: 'orthogonal' });
    this.recurrentActivation = getActivation(args.recurrentActivation === undefined ? 'sigmoid' : args.recurrentActivation);
    this.resetAfter = args.resetAfter ?? false;
  }

  get stateSize(): number[] {
    return [this.cell.units];
  }

  protected buildCell(inputDim: number): void {
    const c = this.cell;
    const u = c.units;
    this.kernel = this.addWeight('kernel', [inputDim, 3 * u], 'float32', c.kernelInitializer, c.kernelRegularizer);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [u, 3 * u], 'float32', c.recurrentInitializer, c.recurrentRegularizer);
    if (c.useBias) {
      const shape = this.resetAfter ? [2, 3 * u] : [3 * u];
      this.bias = this.addWeight('bias', shape, 'float32', c.biasInitializer, c.biasRegularizer);
    }
  }

  protected step(x: Tensor, states: Tensor[], masks: StepMasks): { output: Tensor; states: Tensor[] } {
    const [hPrev] = states;
    const kernel = this.kernel;
    const rk = this.recurrentKernel;
    if (!kernel || !rk) throw new Error(`${this.name}: called before build`);
    const u = this.cell.units;
    const rec = this.recurrentActivation;
    const hIn = RNN.masked(hPrev, masks.recurrent);
    let xz: Tensor;
    let xr: Tensor;
    let xh: Tensor;
    let hh: Tensor;
    let z: Tensor;
    if (this.resetAfter) {
      const [bIn, bRec] = this.bias ? split(this.bias, 2, 0).map((b) => reshape(b, [3 * u])) : [undefined, undefined];
      let mx = matMul(RNN.masked(x, masks.input), kernel);
      if (bIn) mx = add(mx, bIn);
      let mh = matMul(hIn, rk);
      if (bRec) mh = add(mh, bRec);
      [xz, xr, xh] = split(mx, 3, 1);
      const [hz, hr, hhRec] = split(mh, 3, 1);
      z = rec.apply(add(xz, hz));
      const r = rec.apply(add(xr, hr));
      hh = this.cell.activation.apply(add(xh, mul(r, hhRec)));
    } else {
      let mx = matMul(RNN.masked(x, masks.input), kernel);
      if (this.bias) mx = add(mx, this.bias);
      [xz, xr, xh] = split(mx, 3, 1);
      const [rk1, rk2] = split(rk, [2 * u, u], 1);
      const [hz, hr] = split(matMul(hIn, rk1), 2, 1);
      z = rec.apply(add(xz, hz));
      const r = rec.apply(add(xr, hr));
      hh = this.cell.activation.apply(add(xh, matMul(mul(r, hIn), rk2)));
    }
    const h = add(mul(z, hPrev), mul(sub(1, z), hh));
    return { output: h, states: [h] };
  }

  override getConfig(): ConfigDict {
    return this.rnnConfig({
      recurrentActivation: this.recurrentActivation.name,
      useBias: this.cell.useBias,
      ...this.initializerConfig(),
      implementation: this.implementation,
      resetAfter: this.resetAfter,
    });
  }

  static override fromConfig(config: ConfigDict): GRU {
    const r = new ConfigReader(config, 'GRU');
    return new GRU({
      ...baseArgs(r),
      ...readRNNArgs(r),
      recurrentActivation: r.has('recurrentActivation') ? getActivation(r.optIdentifier('recurrentActivation')) : undefined,
      // Keras 2 files without the field meant false.
      resetAfter: r.optBoolean('resetAfter') ?? false,
    });
  }
}
