/**
 * GRU (Cho et al. 2014) with TensorFlow.js' weight layout: gates z, r, h side by side in each
 * kernel. `resetAfter: false` (TF.js 4.22's only form, Keras 2's default) applies the reset gate
 * before the recurrent matmul; `resetAfter: true` (Keras 3's default, CuDNN's form) after it, with
 * separate input and recurrent biases (bias [2, 3 * units]). TF.js 4.22 loads only the first.
 */
import { add, matMul, mul, reshape, ShapeError, slice, split, sub, type Tensor, type Variable } from '@tensile/core';
import { getActivation, type Activation } from '../../activations.js';
import { baseArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { ActivationArg } from '../utils.js';
import { RNN, readRNNArgs, type RNNArgs } from './rnn.js';

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

  /** With resetAfter, the bias's first row is the input bias and the second the recurrent one. */
  private biasRow(row: number): Tensor | undefined {
    if (!this.bias) return undefined;
    if (!this.resetAfter) return row === 0 ? this.bias : undefined;
    const n = 3 * this.cell.units;
    return reshape(slice(this.bias, [row, 0], [1, n]), [n]);
  }

  protected inputProjection(): { kernel: Tensor; bias: Tensor | undefined } {
    if (!this.kernel) throw new ShapeError(`${this.name}: called before build`);
    return { kernel: this.kernel, bias: this.biasRow(0) };
  }

  protected step(projected: Tensor, states: Tensor[], recurrentMask: Tensor | null): { output: Tensor; states: Tensor[] } {
    const [hPrev] = states;
    const rk = this.recurrentKernel;
    if (!rk) throw new ShapeError(`${this.name}: called before build`);
    const u = this.cell.units;
    const rec = this.recurrentActivation;
    const hIn = RNN.masked(hPrev, recurrentMask);
    const [xz, xr, xh] = split(projected, 3, 1);
    let z: Tensor;
    let hh: Tensor;
    if (this.resetAfter) {
      // Keras 3 / CuDNN: the reset gate scales the recurrent term after its matMul (and bias).
      const bRec = this.biasRow(1);
      const mh = matMul(hIn, rk);
      const [hz, hr, hhRec] = split(bRec ? add(mh, bRec) : mh, 3, 1);
      z = rec.apply(add(xz, hz));
      const r = rec.apply(add(xr, hr));
      hh = this.cell.activation.apply(add(xh, mul(r, hhRec)));
    } else {
      // TF.js 4.22 / Keras 2: the reset gate scales the state before the candidate's matMul.
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
