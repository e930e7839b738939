/**
 * Rectified linear unit as a layer: TensorFlow.js 4.22's `tf.layers.reLU({maxValue})`, with Keras
 * 3's `negativeSlope` and `threshold` as well: `x >= maxValue -> maxValue`, `threshold <= x ->
 * x`, otherwise `negativeSlope * (x - threshold)`. The Keras-only options are written only when
 * they differ from 0, so a plain ReLU's config is the one TF.js writes and reads.
 */
import { clipByValue, greater, mul, neg, relu, sub, type Tensor, add, cast } from '@tensile/core';
import { baseArgs, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import { ElementwiseActivation, finiteOption } from './elementwise.js';

export interface ReLUArgs extends LayerArgs {
  /** The upper bound of the output (none by default). */
  maxValue?: number | null;
  /** The slope below the threshold (Keras 3; default 0). */
  negativeSlope?: number;
  /** Where the function switches from the slope to the identity (Keras 3; default 0). */
  threshold?: number;
}

export class ReLU extends ElementwiseActivation {
  static override readonly className = 'ReLU';
  readonly maxValue: number | undefined;
  readonly negativeSlope: number;
  readonly threshold: number;

  constructor(args: ReLUArgs = {}) {
    super(args);
    this.maxValue =
      args.maxValue === undefined || args.maxValue === null ? undefined : finiteOption(this.name, 'maxValue', args.maxValue, 0);
    this.negativeSlope = finiteOption(this.name, 'negativeSlope', args.negativeSlope ?? 0, 0);
    this.threshold = finiteOption(this.name, 'threshold', args.threshold ?? 0);
  }

  protected activate(x: Tensor): Tensor {
    const t = this.threshold;
    let y = t === 0 ? relu(x) : mul(x, cast(greater(x, t), x.dtype));
    if (this.maxValue !== undefined) y = clipByValue(y, 0, this.maxValue);
    if (this.negativeSlope !== 0) y = sub(y, mul(relu(t === 0 ? neg(x) : add(neg(x), t)), this.negativeSlope));
    return y;
  }

  override getConfig(): ConfigDict {
    // TF.js writes `max_value: null` for no bound.
    const config: ConfigDict = { maxValue: this.maxValue ?? null };
    if (this.negativeSlope !== 0) config.negativeSlope = this.negativeSlope;
    if (this.threshold !== 0) config.threshold = this.threshold;
    return { ...config, ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): ReLU {
    const r = new ConfigReader(config, 'ReLU');
    return new ReLU({
      ...baseArgs(r),
      maxValue: r.optNumber('maxValue'),
      negativeSlope: r.optNumber('negativeSlope'),
      threshold: r.optNumber('threshold'),
    });
  }
}
