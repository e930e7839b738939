/** SimpleRNN: h = activation(x · kernel + h_prev · recurrent_kernel + bias). */
import { add, matMul, ShapeError, type Tensor, type Variable } from '@tensile/core';
import { baseArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import { RNN, readRNNArgs, type RNNArgs } from './rnn.js';

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

  protected inputProjection(): { kernel: Tensor; bias: Tensor | undefined } {
    if (!this.kernel) throw new ShapeError(`${this.name}: called before build`);
    return { kernel: this.kernel, bias: this.bias };
  }

  protected step(projected: Tensor, states: Tensor[], recurrentMask: Tensor | null): { output: Tensor; states: Tensor[] } {
    if (!this.recurrentKernel) throw new ShapeError(`${this.name}: called before build`);
    const h = this.cell.activation.apply(add(projected, matMul(RNN.masked(states[0], recurrentMask), this.recurrentKernel)));
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
