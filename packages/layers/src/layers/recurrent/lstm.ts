/** LSTM (Hochreiter 1997) with TensorFlow.js' weight layout: gates i, f, c, o side by side in each kernel. */
import { add, concat, matMul, mul, ones, ShapeError, split, type Tensor, tidy, type Variable } from '@tensile/core';
import { getActivation, type Activation } from '../../activations.js';
import { baseArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { ActivationArg } from '../utils.js';
import { RNN, readRNNArgs, type RNNArgs } from './rnn.js';

export interface LSTMArgs extends RNNArgs {
  /** The gates' activation (default sigmoid, as Keras 3; TF.js 4.22's default is hardSigmoid). */
  recurrentActivation?: ActivationArg | null;
  /** Start the forget gate's bias at 1 (Jozefowicz et al. 2015); default true, as Keras. */
  unitForgetBias?: boolean;
}

export class LSTM extends RNN {
  static override readonly className = 'LSTM';
  readonly recurrentActivation: Activation;
  readonly unitForgetBias: boolean;
  kernel: Variable | undefined;
  recurrentKernel: Variable | undefined;
  bias: Variable | undefined;

  constructor(args: LSTMArgs) {
    super(args, { kernelInitializer: 'glorotUniform', recurrentInitializer: 'orthogonal' });
    this.recurrentActivation = getActivation(args.recurrentActivation === undefined ? 'sigmoid' : args.recurrentActivation);
    this.unitForgetBias = args.unitForgetBias ?? true;
  }

  get stateSize(): number[] {
    return [this.cell.units, this.cell.units];
  }

  protected buildCell(inputDim: number): void {
    const c = this.cell;
    const u = c.units;
    this.kernel = this.addWeight('kernel', [inputDim, 4 * u], 'float32', c.kernelInitializer, c.kernelRegularizer);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [u, 4 * u], 'float32', c.recurrentInitializer, c.recurrentRegularizer);
    if (c.useBias) {
      this.bias = this.addWeight('bias', [4 * u], 'float32', c.biasInitializer, c.biasRegularizer);
      const bias = this.bias;
      if (this.unitForgetBias) {
        tidy(() => bias.assign(concat([c.biasInitializer.apply([u]), ones([u]), c.biasInitializer.apply([2 * u])], 0)));
      }
    }
  }

  protected inputProjection(): { kernel: Tensor; bias: Tensor | undefined } {
    if (!this.kernel) throw new ShapeError(`${this.name}: called before build`);
    return { kernel: this.kernel, bias: this.bias };
  }

  protected step(projected: Tensor, states: Tensor[], recurrentMask: Tensor | null): { output: Tensor; states: Tensor[] } {
    const [hPrev, cPrev] = states;
    if (!this.recurrentKernel) throw new ShapeError(`${this.name}: called before build`);
    const z = add(projected, matMul(RNN.masked(hPrev, recurrentMask), this.recurrentKernel));
    const [zi, zf, zc, zo] = split(z, 4, 1);
    const act = this.cell.activation;
    const rec = this.recurrentActivation;
    const c = add(mul(rec.apply(zf), cPrev), mul(rec.apply(zi), act.apply(zc)));
    const h = mul(rec.apply(zo), act.apply(c));
    return { output: h, states: [h, c] };
  }

  override getConfig(): ConfigDict {
    return this.rnnConfig({
      recurrentActivation: this.recurrentActivation.name,
      useBias: this.cell.useBias,
      ...this.initializerConfig(),
      unitForgetBias: this.unitForgetBias,
      implementation: this.implementation,
    });
  }

  static override fromConfig(config: ConfigDict): LSTM {
    const r = new ConfigReader(config, 'LSTM');
    return new LSTM({
      ...baseArgs(r),
      ...readRNNArgs(r),
      recurrentActivation: r.has('recurrentActivation') ? getActivation(r.optIdentifier('recurrentActivation')) : undefined,
      // TF.js writes null when it was not given; null meant false there.
      unitForgetBias: r.optBoolean('unitForgetBias') ?? false,
    });
  }
}
