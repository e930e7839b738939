/**
 * Leaky ReLU as a layer: `x` for x > 0, `alpha * x` otherwise (TensorFlow.js 4.22's
 * `tf.layers.leakyReLU({alpha})`, default 0.3 as TF.js and Keras). Keras 3 names the option
 * `negative_slope` in its files; both names load, `alpha` is written (TF.js reads only that).
 */
import { leakyRelu, type Tensor } from '@tensile/core';
import { baseArgs, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import { ElementwiseActivation, finiteOption } from './elementwise.js';

export interface LeakyReLUArgs extends LayerArgs {
  alpha?: number;
}

export class LeakyReLU extends ElementwiseActivation {
  static override readonly className = 'LeakyReLU';
  readonly alpha: number;

  constructor(args: LeakyReLUArgs = {}) {
    super(args);
    this.alpha = finiteOption(this.name, 'alpha', args.alpha ?? 0.3);
  }

  protected activate(x: Tensor): Tensor {
    return leakyRelu(x, this.alpha);
  }

  override getConfig(): ConfigDict {
    return { alpha: this.alpha, ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): LeakyReLU {
    const r = new ConfigReader(config, 'LeakyReLU');
    return new LeakyReLU({ ...baseArgs(r), alpha: r.optNumber('alpha') ?? r.optNumber('negativeSlope') });
  }
}
