/**
 * Resizes images to `height` x `width` (Keras 3's `Resizing`; TensorFlow.js 4.22's
 * `tf.layers.resizing` config: height, width, interpolation 'bilinear' | 'nearest',
 * cropToAspectRatio). The computation is Keras 3's: half-pixel centres as tf.image.resize, and
 * with cropToAspectRatio the largest centred window of the target aspect ratio is cut out first.
 * TF.js 4.22 differs (it samples with alignCorners unless cropToAspectRatio, never crops, and its
 * output shape drops the batch axis), so a saved model reloads in TF.js but bilinear outputs differ
 * there; see docs.
 */
import { ArgumentError, type Tensor } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import { positiveInt } from '../utils.js';
import { checkImages, cropToAspect, type Interpolation, resizeImages } from './image-utils.js';

export interface ResizingArgs extends LayerArgs {
  height: number;
  width: number;
  interpolation?: Interpolation;
  cropToAspectRatio?: boolean;
}

export class Resizing extends Layer {
  static override readonly className = 'Resizing';
  readonly height: number;
  readonly width: number;
  readonly interpolation: Interpolation;
  readonly cropToAspectRatio: boolean;

  constructor(args: ResizingArgs) {
    super(args);
    this.height = positiveInt(this.name, 'height', args?.height);
    this.width = positiveInt(this.name, 'width', args.width);
    const i = args.interpolation ?? 'bilinear';
    if (i !== 'bilinear' && i !== 'nearest') {
      throw new ArgumentError(`${this.name}: interpolation must be 'bilinear' or 'nearest', got ${JSON.stringify(args.interpolation)}`);
    }
    this.interpolation = i;
    this.cropToAspectRatio = args.cropToAspectRatio ?? false;
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    checkImages(this.name, x.shape);
    const src = this.cropToAspectRatio ? cropToAspect(x, this.height, this.width) : x;
    return resizeImages(src, this.height, this.width, this.interpolation);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    checkImages(this.name, s);
    return [...s.slice(0, -3), this.height, this.width, s[s.length - 1]];
  }

  override getConfig(): ConfigDict {
    return {
      height: this.height,
      width: this.width,
      interpolation: this.interpolation,
      cropToAspectRatio: this.cropToAspectRatio,
      ...super.getConfig(),
    };
  }

  static override fromConfig(config: ConfigDict): Resizing {
    const r = new ConfigReader(config, 'Resizing');
    const interpolation = r.optString('interpolation');
    return new Resizing({
      ...baseArgs(r),
      height: r.number('height'),
      width: r.number('width'),
      interpolation: interpolation as Interpolation | undefined,
      cropToAspectRatio: r.optBoolean('cropToAspectRatio'),
    });
  }
}
