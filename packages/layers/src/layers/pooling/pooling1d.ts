/** What MaxPooling1D and AveragePooling1D share: window, strides (default: the window), padding.
 *  They pool a [batch, steps, 1, channels] view with the 2-D pooling kernels, as TensorFlow.js. */
import { reshape, ShapeError, type Tensor } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import { formatSymbolicShape, type SymbolicShape } from '../../symbolic-tensor.js';
import { normalizeSingle } from '../convolutional/conv1d.js';
import { checkDataFormat, checkPadding, convOutputLength, type Padding } from '../utils.js';

export interface Pooling1DArgs extends LayerArgs {
  poolSize?: number | readonly number[];
  strides?: number | readonly number[] | null;
  padding?: Padding;
  dataFormat?: 'channels_last';
}

export abstract class Pooling1D extends Layer {
  readonly poolSize: number;
  readonly strides: number;
  readonly padding: Padding;

  constructor(args: Pooling1DArgs = {}) {
    super(args);
    this.poolSize = normalizeSingle(this.name, 'poolSize', args.poolSize, 2);
    this.strides =
      args.strides === undefined || args.strides === null ? this.poolSize : normalizeSingle(this.name, 'strides', args.strides, 1);
    this.padding = checkPadding(this.name, args.padding);
    checkDataFormat(this.name, args.dataFormat);
  }

  /** Pools a rank-4 [batch, steps, 1, channels] tensor over [poolSize, 1] windows. */
  protected abstract pool(x4: Tensor): Tensor;

  private outputLength(steps: number | null, shape: readonly (number | null)[]): number | null {
    const out = convOutputLength(steps, this.poolSize, this.padding, this.strides);
    if (out !== null && out <= 0) {
      throw new ShapeError(
        `${this.name}: window of size ${this.poolSize} does not fit input ${formatSymbolicShape(shape)} of ${steps} steps with padding 'valid'`,
      );
    }
    return out;
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    if (x.rank !== 3) {
      throw new ShapeError(
        `${this.name}: ${this.className} needs rank-3 inputs [batch, steps, channels], got shape [${x.shape.join(', ')}]`,
      );
    }
    this.outputLength(x.shape[1], x.shape);
    const [n, steps, channels] = x.shape;
    const y = this.pool(reshape(x, [n, steps, 1, channels]));
    return reshape(y, [n, y.shape[1], channels]);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    if (s.length !== 3) throw new ShapeError(`${this.name}: ${this.className} needs rank-3 inputs, got ${formatSymbolicShape(s)}`);
    return [s[0], this.outputLength(s[1], s), s[2]];
  }

  override getConfig(): ConfigDict {
    // TensorFlow.js' keys and order; it writes no data_format for the 1-D poolings.
    return { poolSize: [this.poolSize], padding: this.padding, strides: [this.strides], ...super.getConfig() };
  }
}

export function pooling1dArgs(config: ConfigDict, className: string): Pooling1DArgs {
  const r = new ConfigReader(config, className);
  return {
    ...baseArgs(r),
    poolSize: r.optNumbers('poolSize'),
    strides: r.optNumbers('strides'),
    padding: checkPadding(className, r.optString('padding')),
    dataFormat: checkDataFormat(className, r.optString('dataFormat')),
  };
}
