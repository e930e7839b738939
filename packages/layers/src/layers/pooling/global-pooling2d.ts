/** What the global poolings share: reduce height and width, optionally keeping them as size 1. */
import { ShapeError, type Tensor } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import { checkDataFormat } from '../utils.js';

export interface GlobalPooling2DArgs extends LayerArgs {
  dataFormat?: 'channels_last';
  /** Keras 3: keep the reduced axes with size 1. */
  keepdims?: boolean;
}

export abstract class GlobalPooling2D extends Layer {
  readonly keepdims: boolean;
  constructor(args: GlobalPooling2DArgs = {}) {
    super(args);
    checkDataFormat(this.name, args.dataFormat);
    this.keepdims = args.keepdims ?? false;
  }

  protected abstract reduce(x: Tensor): Tensor;

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    if (x.rank !== 4)
      throw new ShapeError(
        `${this.name}: ${this.className} needs rank-4 inputs [batch, height, width, channels], got shape [${x.shape.join(', ')}]`,
      );
    return this.reduce(x);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    if (s.length !== 4) throw new ShapeError(`${this.name}: ${this.className} needs rank-4 inputs, got (${s.join(', ')})`);
    return this.keepdims ? [s[0], 1, 1, s[3]] : [s[0], s[3]];
  }

  override getConfig(): ConfigDict {
    // TensorFlow.js writes only data_format; keepdims is Keras 3's, written when set.
    return { dataFormat: 'channels_last', ...(this.keepdims ? { keepdims: true } : {}), ...super.getConfig() };
  }
}

export function globalPoolingArgs(config: ConfigDict, className: string): GlobalPooling2DArgs {
  const r = new ConfigReader(config, className);
  return { ...baseArgs(r), dataFormat: checkDataFormat(className, r.optString('dataFormat')), keepdims: r.optBoolean('keepdims') };
}
