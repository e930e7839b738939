/**
 * Softmax as a layer over `axis` (a number or several axes), as Keras 3's `Softmax` and
 * TensorFlow.js 4.22's `tf.layers.softmax`. The default axis is Keras 3's -1; TF.js' is 1 (the
 * same for the usual [batch, classes] input). Both write the axis, so files carry it either way.
 */
import { ArgumentError, exp, logSumExp, ShapeError, softmax, sub, type Tensor } from '@tensile/core';
import { baseArgs, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import { ElementwiseActivation } from './elementwise.js';

export interface SoftmaxArgs extends LayerArgs {
  axis?: number | number[];
}

export class Softmax extends ElementwiseActivation {
  static override readonly className = 'Softmax';
  readonly axis: number | number[];

  constructor(args: SoftmaxArgs = {}) {
    super(args);
    const a = args.axis ?? -1;
    const ok = Number.isInteger(a) || (Array.isArray(a) && a.length > 0 && a.every((v) => Number.isInteger(v)));
    if (!ok)
      throw new ArgumentError(`${this.name}: axis must be an integer or a non-empty list of integers, got ${JSON.stringify(args.axis)}`);
    this.axis = Array.isArray(a) ? [...a] : a;
  }

  protected activate(x: Tensor): Tensor {
    const axes = (Array.isArray(this.axis) ? this.axis : [this.axis]).map((ax) => {
      const r = ax < 0 ? ax + x.rank : ax;
      if (r < 0 || r >= x.rank)
        throw new ShapeError(`${this.name}: axis ${ax} is out of range for an input of shape [${x.shape.join(', ')}]`);
      return r;
    });
    if (axes.length === 1) return softmax(x, axes[0]);
    return exp(sub(x, logSumExp(x, axes, true)));
  }

  override getConfig(): ConfigDict {
    return { axis: Array.isArray(this.axis) ? [...this.axis] : this.axis, ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): Softmax {
    const r = new ConfigReader(config, 'Softmax');
    return new Softmax({ ...baseArgs(r), axis: r.optNumbers('axis') });
  }
}
