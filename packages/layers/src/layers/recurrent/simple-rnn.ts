/** SimpleRNN: h = activation(x · kernel + h_prev · recurrent_kernel + bias). */
import { add, matMul, type Tensor, type Variable } from '@tensile/core';
import { baseArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import { RNN, readRNNArgs, type RNNArgs, type StepMasks } from './rnn.js';

export type SimpleRNNArgs = RNNArgs;

export class SimpleRNN extends RNN {
  static override readonly className = 'SimpleRNN';
  kernel: Variable | undefined;
  recurrentKernel: Variable | undefined;
  bias: Variable | undefined;

  constructor(args: SimpleRNNArgs) {
    super(args, { kernelInitializer: 'glorotUniform', recurrentInitializer: 'orthogonal' });
  }

  get stateSize(): number[] {
    return [this.cell.units];
  }

  protected buildCell(inputDim: number): void {
    const c = this.cell;
    this.kernel = this.addWeight('kernel', [inputDim, c.units], 'float32', c.kernelInitializer, c.kernelRegularizer);
    this.recurrentKernel = this.addWeight(
      'recurrent_kernel',
      [c.units, c.units],
      'float32',
      c.recurrentInitializer,
      c.recurrentRegularizer,
    );
    if (c.useBias) this.bias = this.addWeight('bias', [c.units], 'float32', c.biasInitializer, c.biasRegularizer);
  }

  protected step(x: Tensor, states: Tensor[], masks: StepMasks): { output: Tensor; states: Tensor[] } {
    if (!this.kernel || !this.recurrentKernel) throw new Error(`${this.name}: called before build`);
    let z = matMul(RNN.masked(x, masks.input), this.kernel);
    if (this.bias) z = add(z, this.bias);
    const h = this.cell.activation.apply(add(z, matMul(RNN.masked(states[0], masks.recurrent), this.recurrentKernel)));
    return { output: h, states: [h] };
  }

  override getConfig(): ConfigDict {
    return this.rnnConfig({ useBias: this.cell.useBias, ...this.initializerConfig() });
  }

  static override fromConfig(config: ConfigDict): SimpleRNN {
    const r = new ConfigReader(config, 'SimpleRNN');
    return new SimpleRNN({ ...baseArgs(r), ...readRNNArgs(r) });
  }
}
