/**
 * Exponential linear unit as a layer: `x` for x > 0, `alpha * (e^x - 1)` otherwise (Keras 3's
 * `ELU(alpha)`, TensorFlow.js 4.22's `tf.layers.elu`). TF.js only accepts alpha = 1; Tensile takes
 * any alpha, as Keras does, so a model with another alpha does not load in TF.js.
 */
import { elu, greater, mul, type Tensor, where } from '@tensile/core';
import { baseArgs, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import { ElementwiseActivation, finiteOption } from './elementwise.js';

export interface ELUArgs extends LayerArgs {
  alpha?: number;
}

export class ELU extends ElementwiseActivation {
  static override readonly className = 'ELU';
  readonly alpha: number;

  constructor(args: ELUArgs = {}) {
    super(args);
    this.alpha = finiteOption(this.name, 'alpha', args.alpha ?? 1);
  }

  protected activate(x: Tensor): Tensor {
    if (this.alpha === 1) return elu(x);
    return where(greater(x, 0), x, mul(elu(x), this.alpha));
  }

  override getConfig(): ConfigDict {
    return { alpha: this.alpha, ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): ELU {
    const r = new ConfigReader(config, 'ELU');
    return new ELU({ ...baseArgs(r), alpha: r.optNumber('alpha') });
  }
}
