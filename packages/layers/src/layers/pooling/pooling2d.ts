/** What MaxPooling2D and AveragePooling2D share: window, strides (default: the window), padding. */
import { ShapeError, type Tensor } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import { pairFrom } from '../convolutional/conv2d.js';
import { checkDataFormat, checkPadding, convOutputLength, normalizePair, pairConfig, type Padding } from '../utils.js';

export interface Pooling2DArgs extends LayerArgs {
  poolSize?: number | readonly [number, number];
  strides?: number | readonly [number, number] | null;
  padding?: Padding;
  dataFormat?: 'channels_last';
}

export abstract class Pooling2D extends Layer {
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;

  constructor(args: Pooling2DArgs = {}) {
    super(args);
    this.poolSize = normalizePair(this.name, 'poolSize', args.poolSize, 2);
    this.strides =
      args.strides === undefined || args.strides === null ? this.poolSize : normalizePair(this.name, 'strides', args.strides, 1);
    this.padding = checkPadding(this.name, args.padding);
    checkDataFormat(this.name, args.dataFormat);
  }

  protected abstract pool(x: Tensor): Tensor;

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    if (x.rank !== 4)
      throw new ShapeError(
        `${this.name}: ${this.className} needs rank-4 inputs [batch, height, width, channels], got shape [${x.shape.join(', ')}]`,
      );
    return this.pool(x);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    if (s.length !== 4) throw new ShapeError(`${this.name}: ${this.className} needs rank-4 inputs, got (${s.join(', ')})`);
    const h = convOutputLength(s[1], this.poolSize[0], this.padding, this.strides[0]);
    const w = convOutputLength(s[2], this.poolSize[1], this.padding, this.strides[1]);
    if ((h !== null && h <= 0) || (w !== null && w <= 0)) {
      throw new ShapeError(`${this.name}: window ${this.poolSize.join('x')} does not fit input (${s.join(', ')})`);
    }
    return [s[0], h, w, s[3]];
  }

  override getConfig(): ConfigDict {
    return {
      poolSize: pairConfig(this.poolSize),
      padding: this.padding,
      strides: pairConfig(this.strides),
      dataFormat: 'channels_last',
      ...super.getConfig(),
    };
  }
}

export function poolingArgs(config: ConfigDict, className: string): Pooling2DArgs {
  const r = new ConfigReader(config, className);
  return {
    ...baseArgs(r),
    poolSize: pairFrom(r, 'poolSize'),
    strides: pairFrom(r, 'strides'),
    padding: checkPadding(className, r.optString('padding')),
    dataFormat: checkDataFormat(className, r.optString('dataFormat')),
  };
}
