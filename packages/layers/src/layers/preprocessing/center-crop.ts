/**
 * Crops the centre `height` x `width` of images (Keras 3's `CenterCrop`, TensorFlow.js 4.22's
 * `tf.layers.centerCrop` config). Keras 3's computation: an exact slice starting at
 * floor((size - target) / 2); an image smaller than the target in either dimension is resized
 * to it instead (crop to aspect ratio, then bilinear). Outputs are float32, as Keras'. TF.js
 * 4.22 samples the crop with cropAndResize, which matches the slice for most sizes but not all
 * (it shifts a one-pixel odd margin), and keeps the input dtype.
 */
import { cast, type Tensor } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import { positiveInt } from '../utils.js';
import { checkImages, cropToAspect, resizeImages, sliceHW } from './image-utils.js';

export interface CenterCropArgs extends LayerArgs {
  height: number;
  width: number;
}

export class CenterCrop extends Layer {
  static override readonly className = 'CenterCrop';
  readonly height: number;
  readonly width: number;

  constructor(args: CenterCropArgs) {
    super(args);
    this.height = positiveInt(this.name, 'height', args?.height);
    this.width = positiveInt(this.name, 'width', args.width);
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    checkImages(this.name, x.shape);
    const r = x.rank;
    const hDiff = x.shape[r - 3] - this.height;
    const wDiff = x.shape[r - 2] - this.width;
    if (hDiff >= 0 && wDiff >= 0) {
      const crop = sliceHW(x, Math.trunc(hDiff / 2), Math.trunc(wDiff / 2), this.height, this.width);
      return crop.dtype === 'float32' ? crop : cast(crop, 'float32');
    }
    return resizeImages(cropToAspect(x, this.height, this.width), this.height, this.width, 'bilinear');
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    checkImages(this.name, s);
    return [...s.slice(0, -3), this.height, this.width, s[s.length - 1]];
  }

  override getConfig(): ConfigDict {
    return { height: this.height, width: this.width, ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): CenterCrop {
    const r = new ConfigReader(config, 'CenterCrop');
    return new CenterCrop({ ...baseArgs(r), height: r.number('height'), width: r.number('width') });
  }
}
