/** The mean over height and width of each channel. */
import { mean, type Tensor } from '@tensile/core';
import type { ConfigDict } from '../../serialization.js';
import { GlobalPooling2D, globalPoolingArgs } from './global-pooling2d.js';

export class GlobalAveragePooling2D extends GlobalPooling2D {
  static override readonly className = 'GlobalAveragePooling2D';
  protected reduce(x: Tensor): Tensor {
    return mean(x, [1, 2], this.keepdims);
  }
  static override fromConfig(config: ConfigDict): GlobalAveragePooling2D {
    return new GlobalAveragePooling2D(globalPoolingArgs(config, 'GlobalAveragePooling2D'));
  }
}
