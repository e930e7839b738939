/** What the 1-D global poolings share: reduce the steps axis, optionally keeping it as size 1. */
import { ShapeError, type Tensor } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import { formatSymbolicShape, type SymbolicShape } from '../../symbolic-tensor.js';
import { checkDataFormat } from '../utils.js';

export interface GlobalPooling1DArgs extends LayerArgs {
  dataFormat?: 'channels_last';
  /** Keras 3: keep the steps axis with size 1. */
  keepdims?: boolean;
}

export abstract class GlobalPooling1D extends Layer {
  readonly keepdims: boolean;
  constructor(args: GlobalPooling1DArgs = {}) {
    super(args);
    checkDataFormat(this.name, args.dataFormat);
    this.keepdims = args.keepdims ?? false;
  }

  protected abstract reduce(x: Tensor): Tensor;

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    if (x.rank !== 3) {
      throw new ShapeError(
        `${this.name}: ${this.className} needs rank-3 inputs [batch, steps, channels], got shape [${x.shape.join(', ')}]`,
      );
    }
    return this.reduce(x);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    if (s.length !== 3) throw new ShapeError(`${this.name}: ${this.className} needs rank-3 inputs, got ${formatSymbolicShape(s)}`);
    return this.keepdims ? [s[0], 1, s[2]] : [s[0], s[2]];
  }

  override getConfig(): ConfigDict {
    // TensorFlow.js writes only the base fields; keepdims is Keras 3's, written when set.
    return { ...(this.keepdims ? { keepdims: true } : {}), ...super.getConfig() };
  }
}

export function globalPooling1dArgs(config: ConfigDict, className: string): GlobalPooling1DArgs {
  const r = new ConfigReader(config, className);
  return { ...baseArgs(r), dataFormat: checkDataFormat(className, r.optString('dataFormat')), keepdims: r.optBoolean('keepdims') };
}
